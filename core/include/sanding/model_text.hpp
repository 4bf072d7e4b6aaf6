// The staffing office's model text (范本) for one kind of body, and filling it with one body's
// facts to make the first revision of its draft. Format: templates/README.md,
// schemas/model-text.xsd.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sanding/framework.hpp"
#include "sanding/model.hpp"

namespace sanding {

// Inline content: literal text, a fact {name}, or <opt if="name">…</opt>.
struct TextPiece {
    enum class Kind { Literal, Fact, Optional } kind = Kind::Literal;
    std::string value;              // literal text, or the fact name
    std::vector<TextPiece> pieces;  // content of an Optional
};
using TextTemplate = std::vector<TextPiece>;

struct TemplateBlock {
    enum class Kind {
        Paragraph,         // <p>, or <p for-each="…"> repeated per list item
        DutyItems,         // <duty-items placeholder="…"/>
        Item,              // <item role="…">
        UnitItems,         // <unit-items …/>
        StaffingSentence,  // <staffing-sentence prefix="…"/>
    } kind = Kind::Paragraph;
    TextTemplate text;
    std::string for_each;  // Paragraph: list fact to repeat over
    DutyItemRole item_role = DutyItemRole::Ordinary;
    std::string placeholder;  // DutyItems; UnitItems: unit-name placeholder
    std::string placeholder_duties;
    std::string prefix;  // StaffingSentence
};

struct ArticleTemplate {
    ArticleRole role = ArticleRole::Unknown;
    std::vector<TemplateBlock> blocks;
};

struct ModelText {
    BodyKind kind = BodyKind::Unknown;
    std::string label;
    TextTemplate title;
    std::vector<ArticleTemplate> articles;
    std::map<std::string, std::string> standard_units;  // unit name → duties text
};

// Errors: Error "model_text.*" naming file and line (unknown element, unknown fact, bad role).
ModelText parse_model_text(std::string_view xml, const std::string& where);
ModelText load_model_text(const std::string& path);  // the same errors, or io.* for the file

// Every model text of a directory, by kind.
class ModelTextLibrary {
public:
    // Every *.xml of dir; the first file's error (model_text.*) refuses the whole library.
    static ModelTextLibrary load_dir(const std::string& dir);
    // Error model_text.missing_kind when the library has no text for that kind.
    const ModelText& for_kind(BodyKind kind) const;
    std::size_t size() const { return texts_.size(); }

private:
    std::map<BodyKind, ModelText> texts_;
};

// Fills the model text with the body's facts: revision 1 of its draft, marked 讨论稿, with
// visible placeholders (【待填写：…】) where the drafter must write.
Regulation fill_model_text(const ModelText& text, const Framework& framework,
                           const BodyFacts& body);

// The staffing sentence the model text and the recogniser agree on, e.g.
// 区自然资源局机关行政编制32名。设局长1名，副局长3名；股级领导职数9名。
std::string staffing_sentence(std::string_view subject, std::string_view prefix,
                              const Staffing& staffing);

}  // namespace sanding
