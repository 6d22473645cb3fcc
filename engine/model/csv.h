// RFC 4180 delimited text, UTF-8 (a BOM is skipped by the callers). Cells keep their
// line:column for messages; an unclosed quote or text after a closing quote is an error
// naming the row.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "model/value.h"

namespace vanban::model {

struct Cell {
  std::string text;     // NFC
  Location at;
  std::string problem;  // why the cell cannot be used (a control character), or empty
  int row = 0;          // spreadsheet row (1-based), 0 = unknown
  int col = 0;          // spreadsheet column (1-based), 0 = the cell's position in its row
};

// Tidies a cell's text as a list keeps it: a TAB becomes a space, CR LF and a lone CR a
// line break ("\n", kept: certificates and forms print it as a new line). Returns why the
// cell cannot be used when it holds another control character (U+0000…U+001F, U+007F,
// U+0080…U+009F), naming it, or an empty string.
std::string tidy_cell(std::string& text);

// ',' or ';' (whichever the first line uses more), or '\t' when the first line has tabs.
char detect_delimiter(std::string_view text);

// Rows of cells; `base` is the byte offset of `text` in the file `map` describes. Each
// cell is tidied (tidy_cell); its problem, if any, is left in Cell::problem for the
// caller to report for that row only. More rows than limits.max_rows after the header,
// more cells in a row than limits.max_columns or more non-empty cells than
// limits.max_cells is an error naming the limit.
std::vector<std::vector<Cell>> parse_csv(std::string_view text, const std::string& source, const SourceMap& map,
                                         size_t base, char delimiter, const Limits& limits = {});

// "… has more than N rows (limit max_rows)": the error for a list past one of its limits.
[[noreturn]] void limit_exceeded(const std::string& source, const std::string& what, size_t limit,
                                 const std::string& noun, const char* limit_name, Location at = {});

}  // namespace vanban::model
