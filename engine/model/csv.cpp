// Delimited text (CSV, semicolon-separated, tab-separated) shared by the form-data and
// recipient-list readers.
#include "model/csv.h"

#include <algorithm>

#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"

namespace vanban::model {
namespace {

[[noreturn]] void csv_fail(const std::string& source, Location at, const std::string& path, const std::string& message) {
  throw Error(ErrorKind::Model, message, source, at.line, at.column, path);
}

}  // namespace

std::string tidy_cell(std::string& text) {
  bool plain = true;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || c == 0xC2) {
      plain = false;
      break;
    }
  }
  if (plain) return {};
  std::string out;
  std::string problem;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\t') {
      out += ' ';
    } else if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += '\n';
    } else if (c < 0x20 || c == 0x7F || (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                                          static_cast<unsigned char>(text[i + 1]) < 0xA0)) {
      if (problem.empty()) {
        problem = trf("the cell holds the control character {0} (only line breaks and tabs may be in a cell)",
                      unicode::describe_code_point(text, i));
      }
      out += text[i];
    } else {
      out += text[i];
    }
  }
  text = std::move(out);
  return problem;
}

void limit_exceeded(const std::string& source, const std::string& what, size_t limit, const std::string& noun,
                    const char* limit_name, Location at) {
  throw Error(ErrorKind::Model, what + " more than " + std::to_string(limit) + " " + noun + " (limit " + limit_name + ")",
              source, at.line, at.column);
}

void limit_exceeded(const std::string& source, const std::string& message, Location at) {
  throw Error(ErrorKind::Model, message, source, at.line, at.column);
}

char detect_delimiter(std::string_view text) {
  std::string_view header = text.substr(0, text.find('\n'));
  size_t tabs = std::count(header.begin(), header.end(), '\t');
  size_t commas = std::count(header.begin(), header.end(), ',');
  size_t semicolons = std::count(header.begin(), header.end(), ';');
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

std::vector<std::vector<Cell>> parse_csv(std::string_view text, const std::string& source, const SourceMap& map,
                                         size_t base, char delimiter, const Limits& limits) {
  std::vector<std::vector<Cell>> rows;
  std::vector<Cell> row;
  Cell cell;
  size_t i = 0;
  size_t cells = 0;  // non-empty cells so far
  int record = 1;    // the spreadsheet row: records, empty ones included (a cell may hold line breaks)
  bool at_cell_start = true;
  auto end_cell = [&] {
    if (row.size() >= limits.max_columns) {
      limit_exceeded(source, trf("row {0} has more than {1} columns (limit max_columns)", record, limits.max_columns),
                     cell.at);
    }
    if (cell.text.size() > limits.max_text_bytes) {
      limit_exceeded(source, trf("a cell has more than {0} bytes of text (limit max_text_bytes)", limits.max_text_bytes),
                     cell.at);
    }
    cell.problem = tidy_cell(cell.text);
    cell.text = unicode::to_nfc(cell.text);
    cell.row = record;
    cell.col = static_cast<int>(row.size()) + 1;
    if (!cell.text.empty() && ++cells > limits.max_cells) {
      limit_exceeded(source, trf("the list has more than {0} non-empty cells (limit max_cells)", limits.max_cells), cell.at);
    }
    row.push_back(std::move(cell));
    cell = Cell{};
    at_cell_start = true;
  };
  auto end_row = [&] {
    bool empty = row.size() == 1 && row[0].text.empty();
    if (!empty) {
      if (rows.size() > limits.max_rows) {  // the header and max_rows rows are allowed
        limit_exceeded(source, trf("the list has more than {0} rows (limit max_rows)", limits.max_rows), row.front().at);
      }
      rows.push_back(std::move(row));
    }
    row.clear();
    ++record;
  };
  while (i < text.size()) {
    char c = text[i];
    if (at_cell_start) {
      cell.at = map.at(base + i);
      at_cell_start = false;
      if (c == '"') {
        Location open = map.at(base + i);
        ++i;
        for (;;) {
          if (i >= text.size()) csv_fail(source, open, trf("row {0}", record), tr("a quoted cell is never closed"));
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              cell.text += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          cell.text += text[i++];
        }
        if (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r') {
          csv_fail(source, map.at(base + i), trf("row {0}", record),
                   tr("unexpected text after a quoted cell (a quote inside a cell is written \"\")"));
        }
        continue;
      }
    }
    if (c == delimiter) {
      end_cell();
      ++i;
    } else if (c == '\r' || c == '\n') {
      end_cell();
      end_row();
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
    } else {
      cell.text += c;
      ++i;
    }
  }
  if (!at_cell_start || !row.empty()) {
    end_cell();
    end_row();
  }
  return rows;
}

}  // namespace vanban::model
