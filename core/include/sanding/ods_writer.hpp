// A spreadsheet (.ods) of one sheet: what the office exports (导出进度表) and opens in Calc.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace sanding {

// A cell holds text or a number (numbers stay numbers in Calc: sortable, summable).
using SheetCell = std::variant<std::string, long long>;

struct Sheet {
    std::string name;                          // the sheet's tab, e.g. 进度总览
    std::vector<std::string> header;           // first row, bold
    std::vector<std::vector<SheetCell>> rows;  // may be ragged; missing cells are empty
};

// The .ods package's bytes (mimetype first and stored, manifest, content). Never fails
// for any text: it is escaped; control characters XML cannot hold are dropped.
std::string write_ods(const Sheet& sheet);

}  // namespace sanding
