// Lists of people or units to honour, as offices keep them: CSV (UTF-8 with or without
// BOM, Windows-1258 as Excel writes "CSV" on a Vietnamese Windows, TCVN3 or VNI: the
// encoding is told by its Vietnamese syllables, core/encoding.h; comma or semicolon),
// UTF-16 tab-separated text (Excel's "Unicode text"), XLSX (the first sheet or a named
// one; shared strings, numbers and dates as Excel stores them, in the 1900 or the 1904
// date system) and JSON arrays of objects. Columns typed with a TCVN3 or VNI font in a
// Unicode file are converted, with a warning naming the column. Headers are recognised by their Vietnamese names,
// with or without diacritics and in any case ("Họ và tên", "ho va ten", "HỌ TÊN"), or by
// snake_case keys (ho_ten); a column map may rename. Every cell is NFC.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"

namespace vanban::model {

struct ListOptions {
  std::string sheet;                              // XLSX sheet name; empty = the first
  std::map<std::string, std::string> column_map;  // header (as written or canonical) -> key
  Limits limits;                                  // rows, columns, cells, XLSX sizes
};

struct ListRow {
  int row = 0;                                    // row number in the file (the header is row 1)
  std::map<std::string, std::string> fields;      // canonical key -> NFC text (empty cells left out)
  // canonical key -> 1-based column, shared by the rows of a list (for error messages)
  std::shared_ptr<const std::map<std::string, int>> columns;
  int column_of(const std::string& key) const;    // 0 when unknown
  const std::string& field(const std::string& key) const;  // the cell of that column, "" when empty or absent
  // Why this row cannot be used (a cell holding a control character other than a line
  // break or a tab), and the key of that cell's column; empty when the row is fine. The
  // wording reports it as this row's error, naming its row and column; the other rows
  // of the list are still made.
  std::string problem;
  std::string problem_key;
};

struct RecipientList {
  std::vector<std::string> keys;                  // canonical keys of the columns, in order
  std::vector<ListRow> rows;
  std::vector<Diagnostic> warnings;               // an encoding guessed, columns converted from TCVN3/VNI
};

// "row 8 (STT 7)": a row as a clerk finds it, by its spreadsheet row and its STT cell
// when the list has one; "row 8" without.
std::string row_label(const ListRow& row);

// Throws vanban::Error (file, line:column or row, column) when the file cannot be read
// as a list at all: malformed CSV or XLSX, no header, no name column, or past one of
// options.limits (the message names the limit: "... more than 1000000 rows (limit
// max_rows)"). In a cell, a TAB becomes a space and CR LF a line break ("\n", kept).
RecipientList read_recipient_list(std::string_view bytes, const std::string& source_name, const ListOptions& options);

// "Họ và tên" -> "ho_ten", "Số sổ vàng" -> "so_so_vang", "ho_ten" -> "ho_ten".
std::string canonical_key(std::string_view header);

}  // namespace vanban::model
