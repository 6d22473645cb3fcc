#include "model/form_data.h"

#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/unicode.h"
#include "model/csv.h"
#include "model/value.h"

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

[[noreturn]] void fail(const std::string& source, Location at, const std::string& path, const std::string& message) {
  throw Error(ErrorKind::Model, message, source, at.line, at.column, path);
}

std::string list(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// A text value: a string, a number (written as in the data) or null (empty).
std::string scalar_text(const Value& v, const std::string& source, const std::string& path) {
  switch (v.type) {
    case Type::String: {
      std::string text = v.string;
      std::string problem = tidy_cell(text);  // TAB -> space, CR LF -> line break
      if (!problem.empty()) fail(source, v.where, path, problem);
      return text;
    }
    case Type::Null: return {};
    case Type::Number: {
      char buf[64];
      if (v.integral) std::snprintf(buf, sizeof buf, "%.0f", v.number);
      else std::snprintf(buf, sizeof buf, "%g", v.number);
      return buf;
    }
    default: fail(source, v.where, path, std::string("expected text, got ") + Value::type_name(v.type));
  }
}

FormRecord json_record(const Value& obj, const std::string& source, const std::string& path, const FormSchema& schema,
                       const std::string& origin) {
  if (obj.type != Type::Object) fail(source, obj.where, path, std::string("expected an object of fields, got ") + Value::type_name(obj.type));
  FormRecord record;
  record.origin = origin;
  for (size_t i = 0; i < obj.members.size(); ++i) {
    const auto& [key, value] = obj.members[i];
    const std::string shown = unicode::excerpt(key);  // a key may be megabytes long
    std::string p = path.empty() ? shown : path + "." + shown;
    Location key_at = i < obj.member_where.size() ? obj.member_where[i] : obj.where;
    if (schema.fields.count(key)) {
      record.values[key] = scalar_text(value, source, p);
    } else if (auto t = schema.tables.find(key); t != schema.tables.end()) {
      if (value.type != Type::Array) fail(source, value.where, p, "expected an array of rows");
      std::set<std::string> columns(t->second.begin(), t->second.end());
      auto& rows = record.tables[key];
      for (size_t r = 0; r < value.items.size(); ++r) {
        const Value& row = value.items[r];
        std::string rp = p + "[" + std::to_string(r) + "]";
        TableRow cells;
        if (row.type == Type::Array) {
          if (row.items.size() > t->second.size()) {
            fail(source, row.where, rp, "a row of " + std::to_string(row.items.size()) + " cells; the table has " +
                                            std::to_string(t->second.size()) + " columns");
          }
          for (size_t c = 0; c < row.items.size(); ++c)
            cells[t->second[c]] = scalar_text(row.items[c], source, rp + "[" + std::to_string(c) + "]");
        } else if (row.type == Type::Object) {
          for (size_t c = 0; c < row.members.size(); ++c) {
            const auto& [col, cell] = row.members[c];
            if (!columns.count(col)) {
              fail(source, c < row.member_where.size() ? row.member_where[c] : row.where, rp + "." + unicode::excerpt(col),
                   "unknown column \"" + unicode::excerpt(col) + "\" (columns: " + list(columns) + ")");
            }
            cells[col] = scalar_text(cell, source, rp + "." + col);
          }
        } else {
          fail(source, row.where, rp, "expected a row: an array of cells or an object of columns");
        }
        rows.push_back(std::move(cells));
      }
    } else {
      std::set<std::string> all = schema.fields;
      for (const auto& [name, cols] : schema.tables) all.insert(name);
      fail(source, key_at, p, "unknown field \"" + unicode::excerpt(key) + "\" (fields of this form: " + list(all) + ")");
    }
  }
  return record;
}

std::vector<FormRecord> csv_records(std::string_view text, const std::string& source, const FormSchema& schema,
                                    const SourceMap& map, size_t base, const Limits& limits) {
  auto rows = parse_csv(text, source, map, base, detect_delimiter(text), limits);
  if (rows.empty()) fail(source, Location{1, 1}, "", "the CSV file has no header row");
  const auto& header = rows[0];
  for (size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c].text;
    std::string path = "row 1, column " + std::to_string(c + 1);
    if (schema.tables.count(name)) fail(source, header[c].at, path, "the table \"" + name + "\" can be given in JSON only");
    if (!schema.fields.count(name)) {
      fail(source, header[c].at, path,
           "unknown field \"" + unicode::excerpt(name) + "\" (fields of this form: " + list(schema.fields) + ")");
    }
  }
  std::vector<FormRecord> records;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != header.size()) {
      fail(source, row.front().at, "row " + std::to_string(r + 1),
           std::to_string(row.size()) + " cells, but the header has " + std::to_string(header.size()));
    }
    FormRecord record;
    record.origin = "row " + std::to_string(r + 1);
    for (size_t c = 0; c < row.size(); ++c) {
      if (!row[c].problem.empty()) {
        fail(source, row[c].at, "row " + std::to_string(row[c].row) + ", column " + std::to_string(c + 1),
             row[c].problem);
      }
      record.values[header[c].text] = row[c].text;
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::vector<FormRecord> load_form_records(std::string_view bytes, const std::string& source_name,
                                          const FormSchema& schema, const Limits& limits) {
  size_t base = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  SourceMap map(bytes);
  check_utf8(bytes, map, source_name);
  std::string_view text = bytes.substr(base);
  // CSV by its name, or by its first character (data in memory has no name): JSON
  // starts with { or [.
  size_t first = text.find_first_not_of(" \t\r\n");
  bool json_like = first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
  if (ends_with_ci(source_name, ".csv") || (!json_like && first != std::string_view::npos)) {
    return csv_records(text, source_name, schema, map, base, limits);
  }

  Value root = read_json(text, source_name, limits);
  if (root.type == Type::Array && root.items.size() > limits.max_rows) {
    limit_exceeded(source_name, "the data has", limits.max_rows, "records", "max_rows", root.items[limits.max_rows].where);
  }
  std::vector<FormRecord> records;
  if (root.type == Type::Array) {
    for (size_t i = 0; i < root.items.size(); ++i) {
      records.push_back(json_record(root.items[i], source_name, "[" + std::to_string(i) + "]", schema,
                                    "record " + std::to_string(i + 1)));
    }
    if (records.empty()) fail(source_name, root.where, "", "the list of records is empty");
  } else {
    records.push_back(json_record(root, source_name, "", schema, "record 1"));
  }
  return records;
}

}  // namespace vanban::model
