#include "pdf/flate.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <new>

namespace vanban::pdf {

using namespace PoDoFo;

bool deflate_into(std::string& out, std::string_view data, int level) {
  // zlib's state is sized by its window and memory level: 256 KB with the defaults, allocated
  // and freed for every stream — for a ToUnicode map of 2 KB, most of its cost (and the
  // heap growing and shrinking around it). A window as large as the data (and the
  // hash tables scaled with it) finds the same matches; large data gets zlib's defaults,
  // so its bytes are compress2's.
  if (data.size() > (std::numeric_limits<uInt>::max)() / 2) return false;
  int window = 9;
  while (window < 15 && (size_t{1} << window) < data.size() + 262) ++window;
  const int memory = std::clamp(window - 7, 1, 8);
  z_stream z{};
  int r = deflateInit2(&z, level, Z_DEFLATED, window, memory, Z_DEFAULT_STRATEGY);
  if (r == Z_MEM_ERROR) throw std::bad_alloc();
  if (r != Z_OK) return false;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  r = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return r == Z_STREAM_END;
}

void set_deflated_stream(PdfObject& object, std::string_view deflated) {
  PdfMemoryInputStream in(deflated.data(), static_cast<pdf_long>(deflated.size()));
  object.GetStream()->SetRawData(&in, static_cast<pdf_long>(deflated.size()));
  object.GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
}

}  // namespace vanban::pdf
