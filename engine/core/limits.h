// Limits on what an input may ask of the engine. Declared sizes in a file (rows,
// columns, shared strings, ZIP entry sizes, image dimensions) are never trusted: past a
// limit the reader stops with an Error naming the limit. The defaults are set for what an
// office could really send; the command line and the C API may change them.
#pragma once
#include <cstddef>
#include <cstdint>

namespace vanban {

struct Limits {
  size_t max_rows = 1'000'000;             // rows of a list (CSV, XLSX, JSON) or form records
  size_t max_columns = 16'384;             // columns of a list (Excel's own limit)
  size_t max_cells = 20'000'000;           // non-empty cells of a list
  size_t max_shared_strings = 2'000'000;   // XLSX shared strings
  uint64_t max_zip_entry_bytes = 256ull << 20;  // uncompressed size of one XLSX/ZIP entry, checked while inflating
  uint32_t max_image_side = 10'000;        // pixels, either side of a PNG
  size_t max_nesting = 200;                // nesting depth of JSON/XML values and document blocks
  uint64_t max_input_bytes = 1ull << 30;   // one input file (model, list, template, image)
  size_t max_text_bytes = 65'536;          // one text: a cell of a list or form, a string of a model
                                           // (a 14 MB cell took 80 s and 4.4 GB to be refused by layout)
};

}  // namespace vanban
