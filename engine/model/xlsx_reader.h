// XLSX worksheets as rows of cells, for the recipient-list reader. Nothing the workbook
// declares is trusted: each ZIP entry is inflated in chunks and stops past
// limits.max_zip_entry_bytes, shared strings, rows, columns and non-empty cells are
// counted against their limits (before the XML is parsed where a count can be made on
// the text), row numbers and column letters are parsed without overflow, and rows are
// kept in the order they appear with their number (a row numbered 2,000,000,000 costs
// nothing). XML parts may use only the five XML entities and numeric references.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "model/csv.h"

namespace vanban::model {

// The non-empty rows of the sheet `sheet_name` (empty = the first), in file order. Each
// cell's `col` is its spreadsheet column and `row` its spreadsheet row; cells are not
// padded (a row holds only the cells the file gives).
std::vector<std::vector<Cell>> read_xlsx(std::string_view bytes, const std::string& source,
                                         const std::string& sheet_name, const Limits& limits);

// Column letters of a cell reference ("B7" -> 2, "XFD1" -> 16384); 0 when there are
// none; `max_column` + 1 when the letters name a column past `max_column` (no overflow,
// whatever their number).
size_t column_of_reference(std::string_view ref, size_t max_column);

}  // namespace vanban::model
