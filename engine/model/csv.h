// RFC 4180 delimited text, UTF-8 (a BOM is skipped by the callers). Cells keep their
// line:column for messages; an unclosed quote or text after a closing quote is an error
// naming the row.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/value.h"

namespace vanban::model {

struct Cell {
  std::string text;  // NFC
  Location at;
};

// ',' or ';' (whichever the first line uses more), or '\t' when the first line has tabs.
char detect_delimiter(std::string_view text);

// Rows of cells; `base` is the byte offset of `text` in the file `map` describes.
std::vector<std::vector<Cell>> parse_csv(std::string_view text, const std::string& source, const SourceMap& map,
                                         size_t base, char delimiter);

}  // namespace vanban::model
