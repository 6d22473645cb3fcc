// Data for forms: one record per filled form, from a JSON object, a JSON array of
// objects, or a table whose header row names the fields (by name, or as a list header
// folds to it: "Họ và tên" -> ho_ten): a CSV file or an XLSX workbook's first sheet. Text
// in any encoding model/csv.h's read_text knows (UTF-8, UTF-16, Windows-1258, TCVN3,
// VNI), columns typed with a TCVN3/VNI font converted (a warning each). Validated against the
// field names the form's template declares (passed in as a FormSchema, so this stage
// does not depend on templates).
#pragma once
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"

namespace vanban::model {

struct FormSchema {
  std::set<std::string> fields;                              // text fields
  std::map<std::string, std::vector<std::string>> tables;    // table name -> column names
};

using TableRow = std::map<std::string, std::string>;         // column name -> cell text

struct FormRecord {
  std::string origin;                                        // "record 3", "row 4": for messages
  std::map<std::string, std::string> values;                 // NFC text of each given field
  std::map<std::string, std::vector<TableRow>> tables;
};

// Throws one vanban::Error carrying every problem of the records (Error::diagnostics(),
// up to Diagnostics' limit), each naming the file, the line:column and the record/row
// and field: an unknown field (with "did you mean …"), a value of the wrong type, a
// malformed CSV row. Warnings (an encoding guessed, a column converted) are appended to
// `warnings` when given.
// Nesting, records (max_rows) and CSV sizes are limited by `limits`; a cell holding a
// control character other than a line break or a tab is an error naming its row and
// column.
std::vector<FormRecord> load_form_records(std::string_view bytes, const std::string& source_name,
                                          const FormSchema& schema, const Limits& limits = {},
                                          std::vector<Diagnostic>* warnings = nullptr);

}  // namespace vanban::model
