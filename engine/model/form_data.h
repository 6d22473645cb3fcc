// Data for forms: one record per filled form, from a JSON object, a JSON array of
// objects, or a CSV file whose header row names the fields. Validated against the
// field names the form's template declares (passed in as a FormSchema, so this stage
// does not depend on templates).
#pragma once
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

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

// Throws vanban::Error naming the file, the line:column and the record/row and field:
// an unknown field, a value of the wrong type, a malformed CSV row.
// Nesting, records (max_rows) and CSV sizes are limited by `limits`; a cell holding a
// control character other than a line break or a tab is an error naming its row and
// column.
std::vector<FormRecord> load_form_records(std::string_view bytes, const std::string& source_name,
                                          const FormSchema& schema, const Limits& limits = {});

}  // namespace vanban::model
