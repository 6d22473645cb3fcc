// RFC 4180 delimited text, UTF-8 (a BOM is skipped by the callers; other encodings are
// decoded first: read_text). Cells keep their line:column for messages; an unclosed quote
// or text after a closing quote is an error naming the row.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"
#include "model/value.h"

namespace vanban::model {

struct Cell {
  std::string text;     // NFC
  Location at;
  std::string problem;  // why the cell cannot be used (a control character), or empty
  int row = 0;          // spreadsheet row (1-based), 0 = unknown
  int col = 0;          // spreadsheet column (1-based), 0 = the cell's position in its row
  std::string font;     // the font the cell is formatted with (XLSX), or empty
};

// The text of a list or data file that is not XLSX, as UTF-8: the bytes themselves when
// they are UTF-8 (`base` = the BOM's length), else decoded (core/encoding.h: UTF-16,
// Windows-1258, TCVN3, VNI; `base` 0) with a warning when an 8-bit encoding was guessed.
// Throws Error naming the file and line:column of the first undecodable byte.
struct Text {
  std::string decoded;     // the converted text, when there was a conversion
  std::string_view text;   // the text (the BOM included) — into `decoded` or the bytes
  size_t base = 0;         // where the content starts in `text`
};
Text read_text(std::string_view bytes, const std::string& source, std::vector<Diagnostic>* warnings);

// Cells of a Unicode list typed with a legacy font (TCVN3, VNI: encoding::repair_cell;
// an XLSX cell's font decides when it names one) converted in place, the header row
// (rows[header]) included, with a warning per column naming it ("column \"Họ và tên\"
// was typed in TCVN3 (ABC) and has been converted"). TCVN3 capitals (.VnTimeH): a cell
// whose case cannot be told is upper-cased when the rest of its column is in capitals.
void repair_legacy_columns(std::vector<std::vector<Cell>>& rows, size_t header, const std::string& source,
                           std::vector<Diagnostic>* warnings);

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
// The same with the whole sentence given (trf("the list has more than {0} rows (limit max_rows)", n)).
[[noreturn]] void limit_exceeded(const std::string& source, const std::string& message, Location at = {});

}  // namespace vanban::model
