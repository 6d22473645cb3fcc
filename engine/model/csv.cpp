// Delimited text (CSV, semicolon-separated, tab-separated) shared by the form-data and
// recipient-list readers.
#include "model/csv.h"

#include <algorithm>

#include "core/error.h"
#include "core/unicode.h"

namespace vanban::model {
namespace {

[[noreturn]] void csv_fail(const std::string& source, Location at, const std::string& path, const std::string& message) {
  throw Error(ErrorKind::Model, message, source, at.line, at.column, path);
}

}  // namespace

char detect_delimiter(std::string_view text) {
  std::string_view header = text.substr(0, text.find('\n'));
  size_t tabs = std::count(header.begin(), header.end(), '\t');
  size_t commas = std::count(header.begin(), header.end(), ',');
  size_t semicolons = std::count(header.begin(), header.end(), ';');
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

std::vector<std::vector<Cell>> parse_csv(std::string_view text, const std::string& source, const SourceMap& map,
                                         size_t base, char delimiter) {
  std::vector<std::vector<Cell>> rows;
  std::vector<Cell> row;
  Cell cell;
  size_t i = 0;
  bool at_cell_start = true;
  auto end_cell = [&] {
    cell.text = unicode::to_nfc(cell.text);
    row.push_back(std::move(cell));
    cell = Cell{};
    at_cell_start = true;
  };
  auto end_row = [&] {
    bool empty = row.size() == 1 && row[0].text.empty();
    if (!empty) rows.push_back(std::move(row));
    row.clear();
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
          if (i >= text.size()) csv_fail(source, open, "row " + std::to_string(rows.size() + 1), "a quoted cell is never closed");
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
          csv_fail(source, map.at(base + i), "row " + std::to_string(rows.size() + 1),
               "unexpected text after a quoted cell (a quote inside a cell is written \"\")");
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
