// 进度总览 over HTTP: every body of the round in the framework's order with its state, and the
// same rows as a spreadsheet (导出进度表). Filtered, sorted and paged on the server, so a round
// of 10,000 bodies is as quick to show as one of 37.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

// GET /api/v1/board?kind=&state=&sort=&order=&offset=&limit=
// Counts, total, signed and the time left are always over the whole round; bodies[] is the page.
void board(Call& c);
// GET /api/v1/board.ods with the same filters and sort, every matching row (no paging).
void board_ods(Call& c);

}  // namespace sanding::server::api
