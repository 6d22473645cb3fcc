#include "model/form_data.h"

#include <algorithm>
#include <cstdio>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/suggest.h"
#include "core/unicode.h"
#include "model/csv.h"
#include "model/recipient_list.h"
#include "model/value.h"
#include "model/xlsx_reader.h"

namespace vanban::model {
namespace {

using Type = Value::Type;

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  }
  return true;
}

std::string list(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Reading one data file: every problem of its records collected, then thrown as one Error.
struct Reader {
  const std::string& source;
  const FormSchema& schema;
  Diagnostics problems;

  void error(Location at, const std::string& path, const std::string& message, const std::string& hint = {}) {
    problems.error(ErrorKind::Model, message, source, at.line, at.column, path, hint);
  }

  // "did you mean …" for a name that is not a field (or table) of the form, else the list
  // of them.
  std::string unknown_hint(const std::string& name, bool tables) const {
    std::vector<std::string> all(schema.fields.begin(), schema.fields.end());
    if (tables)
      for (const auto& [table, columns] : schema.tables) all.push_back(table);
    std::string hint = did_you_mean(name, all);
    if (!hint.empty()) return hint;
    return trf("fields of this form: {0}", list(std::set<std::string>(all.begin(), all.end())));
  }

  // A text value: a string, a number (written as in the data) or null (empty).
  std::string scalar_text(const Value& v, const std::string& path) {
    switch (v.type) {
      case Type::String: {
        std::string text = v.string;
        std::string problem = tidy_cell(text);  // TAB -> space, CR LF -> line break
        if (!problem.empty()) error(v.where, path, problem);
        return text;
      }
      case Type::Null: return {};
      case Type::Number: {
        char buf[64];
        if (v.integral) std::snprintf(buf, sizeof buf, "%.0f", v.number);
        else std::snprintf(buf, sizeof buf, "%g", v.number);
        return buf;
      }
      default: error(v.where, path, trf("expected text, got {0}", Value::type_name(v.type))); return {};
    }
  }

  void table_rows(const Value& value, const std::string& p, const std::vector<std::string>& names,
                  std::vector<TableRow>& rows) {
    std::set<std::string> columns(names.begin(), names.end());
    for (size_t r = 0; r < value.items.size() && !problems.full(); ++r) {
      const Value& row = value.items[r];
      std::string rp = p + "[" + std::to_string(r) + "]";
      TableRow cells;
      if (row.type == Type::Array) {
        if (row.items.size() > names.size()) {
          error(row.where, rp, trf("a row of {0} cells; the table has {1} columns", row.items.size(), names.size()));
          continue;
        }
        for (size_t c = 0; c < row.items.size(); ++c)
          cells[names[c]] = scalar_text(row.items[c], rp + "[" + std::to_string(c) + "]");
      } else if (row.type == Type::Object) {
        for (size_t c = 0; c < row.members.size(); ++c) {
          const auto& [col, cell] = row.members[c];
          if (!columns.count(col)) {
            std::string hint = did_you_mean(col, names);
            error(c < row.member_where.size() ? row.member_where[c] : row.where, rp + "." + unicode::excerpt(col),
                  trf("unknown column \"{0}\"", unicode::excerpt(col)),
                  hint.empty() ? trf("columns: {0}", list(columns)) : hint);
            continue;
          }
          cells[col] = scalar_text(cell, rp + "." + col);
        }
      } else {
        error(row.where, rp, tr("expected a row: an array of cells or an object of columns"));
        continue;
      }
      rows.push_back(std::move(cells));
    }
  }

  FormRecord json_record(const Value& obj, const std::string& path, const std::string& origin) {
    FormRecord record;
    record.origin = origin;
    if (obj.type != Type::Object) {
      error(obj.where, path, trf("expected an object of fields, got {0}", Value::type_name(obj.type)));
      return record;
    }
    for (size_t i = 0; i < obj.members.size() && !problems.full(); ++i) {
      const auto& [key, value] = obj.members[i];
      const std::string shown = unicode::excerpt(key);  // a key may be megabytes long
      std::string p = path.empty() ? shown : path + "." + shown;
      Location key_at = i < obj.member_where.size() ? obj.member_where[i] : obj.where;
      if (schema.fields.count(key)) {
        record.values[key] = scalar_text(value, p);
      } else if (auto t = schema.tables.find(key); t != schema.tables.end()) {
        if (value.type != Type::Array) error(value.where, p, tr("expected an array of rows"));
        else table_rows(value, p, t->second, record.tables[key]);
      } else {
        error(key_at, p, trf("unknown field \"{0}\"", shown), unknown_hint(key, true));
      }
    }
    return record;
  }

  // The field a header cell names: the name itself, or the field its folded form is
  // ("Họ và tên" -> ho_ten, "Tên đăng ký" -> ten_dang_ky); empty when none.
  std::string field_of(const std::string& header) const {
    if (schema.fields.count(header)) return header;
    std::string key = canonical_key(header);
    return schema.fields.count(key) ? key : std::string();
  }

  // A table (CSV or XLSX) whose first row names the fields: a record per row after it.
  std::vector<FormRecord> table_records(std::vector<std::vector<Cell>> rows, bool padded) {
    std::vector<FormRecord> records;
    if (rows.empty()) {
      error(Location{1, 1}, "", tr("the file has no header row"));
      return records;
    }
    const auto& header = rows[0];
    std::vector<std::string> fields;  // by column (0-based): the field, empty when the header cell names none
    std::vector<bool> named;          // by column: the header row has a cell there
    for (size_t c = 0; c < header.size(); ++c) {
      const std::string& name = header[c].text;
      const size_t col = header[c].col > 0 ? static_cast<size_t>(header[c].col) : c + 1;
      if (fields.size() < col) fields.resize(col);
      if (named.size() < col) named.resize(col);
      named[col - 1] = true;
      std::string path = trf("row {0}, column {1}", header[c].row ? header[c].row : 1, col);
      if (schema.tables.count(name)) {
        error(header[c].at, path, trf("the table \"{0}\" can be given in JSON only", unicode::excerpt(name)));
      } else if (std::string field = field_of(name); !field.empty()) {
        fields[col - 1] = field;
      } else {
        error(header[c].at, path, trf("unknown field \"{0}\"", unicode::excerpt(name)), unknown_hint(name, false));
      }
    }
    for (size_t r = 1; r < rows.size() && !problems.full(); ++r) {
      const auto& row = rows[r];
      const int number = row.front().row ? row.front().row : static_cast<int>(r) + 1;
      if (padded && row.size() != header.size()) {
        error(row.front().at, trf("row {0}", number),
              trf("{0} cells, but the header has {1}", row.size(), header.size()));
        continue;
      }
      FormRecord record;
      record.origin = trf("row {0}", number);
      for (size_t c = 0; c < row.size(); ++c) {
        const size_t col = row[c].col > 0 ? static_cast<size_t>(row[c].col) : c + 1;
        const std::string path = trf("row {0}, column {1}", row[c].row ? row[c].row : number, col);
        if (!row[c].problem.empty()) {
          error(row[c].at, path, row[c].problem);
        } else if (col > named.size() || !named[col - 1]) {
          error(row[c].at, path, trf("a cell in column {0}, which has no field name in the header row", col));
        } else if (!fields[col - 1].empty()) {  // else its header was reported
          record.values[fields[col - 1]] = row[c].text;
        }
      }
      records.push_back(std::move(record));
    }
    return records;
  }
};

}  // namespace

std::vector<FormRecord> load_form_records(std::string_view bytes, const std::string& source_name,
                                          const FormSchema& schema, const Limits& limits,
                                          std::vector<Diagnostic>* warnings) {
  Reader reader{source_name, schema, Diagnostics()};
  std::vector<FormRecord> records;
  std::vector<Diagnostic> found;  // warnings of the encoding and of legacy-font columns
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    auto rows = read_xlsx(bytes, source_name, "", limits);
    repair_legacy_columns(rows, 0, source_name, &found);
    records = reader.table_records(std::move(rows), false);
  } else {
    const Text in = read_text(bytes, source_name, &found);
    const SourceMap map(in.text);
    const std::string_view text = in.text.substr(in.base);
    // CSV by its name, or by its first character (data in memory has no name): JSON
    // starts with { or [.
    size_t first = text.find_first_not_of(" \t\r\n");
    bool json_like = first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
    if (ends_with_ci(source_name, ".csv") || (!json_like && first != std::string_view::npos)) {
      auto rows = parse_csv(text, source_name, map, in.base, detect_delimiter(text), limits);
      repair_legacy_columns(rows, 0, source_name, &found);
      records = reader.table_records(std::move(rows), true);
    } else {
      Value root = read_json(text, source_name, limits);
      if (root.type == Type::Array && root.items.size() > limits.max_rows) {
        limit_exceeded(source_name, trf("the data has more than {0} records (limit max_rows)", limits.max_rows),
                       root.items[limits.max_rows].where);
      }
      if (root.type == Type::Array) {
        for (size_t i = 0; i < root.items.size() && !reader.problems.full(); ++i) {
          records.push_back(reader.json_record(root.items[i], "[" + std::to_string(i) + "]", trf("record {0}", i + 1)));
        }
        if (root.items.empty()) reader.error(root.where, "", tr("the list of records is empty"));
      } else {
        records.push_back(reader.json_record(root, "", trf("record {0}", 1)));
      }
    }
  }
  for (auto& w : found) reader.problems.add(w);
  reader.problems.throw_if_errors();
  if (warnings) warnings->insert(warnings->end(), found.begin(), found.end());
  return records;
}

}  // namespace vanban::model
