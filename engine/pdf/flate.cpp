#include "pdf/flate.h"

#include <algorithm>
#include <limits>
#include <new>

namespace vanban::pdf {

using namespace PoDoFo;

Deflater::~Deflater() {
  if (open_) deflateEnd(&z_);
}

bool Deflater::deflate(std::string& out, std::string_view data, int level) {
  if (data.size() > (std::numeric_limits<uInt>::max)() / 2) return false;
  // The smallest window holding the data and zlib's look-ahead, at least 4 KB so that the
  // small streams of a file (maps, a certificate's page) share one state.
  int window = 12;
  while (window < 15 && (size_t{1} << window) < data.size() + 262) ++window;
  if (open_ && (window != window_ || level != level_)) {  // else the bytes would depend on the stream before
    deflateEnd(&z_);
    open_ = false;
  }
  if (!open_) {
    z_ = z_stream{};
    // Hash tables scaled with the window: memory level 8 (zlib's default) at 32 KB.
    const int r = deflateInit2(&z_, level, Z_DEFLATED, window, std::clamp(window - 7, 1, 8), Z_DEFAULT_STRATEGY);
    if (r == Z_MEM_ERROR) throw std::bad_alloc();
    if (r != Z_OK) return false;
    open_ = true;
    window_ = window;
    level_ = level;
  } else if (deflateReset(&z_) != Z_OK) {
    return false;
  }
  out.resize(deflateBound(&z_, static_cast<uLong>(data.size())));
  z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z_.avail_in = static_cast<uInt>(data.size());
  z_.next_out = reinterpret_cast<Bytef*>(out.data());
  z_.avail_out = static_cast<uInt>(out.size());
  const int r = ::deflate(&z_, Z_FINISH);
  out.resize(z_.total_out);
  return r == Z_STREAM_END;
}

bool deflate_into(std::string& out, std::string_view data, int level) {
  Deflater deflater;
  return deflater.deflate(out, data, level);
}

void set_deflated_stream(PdfObject& object, std::string_view deflated) {
  PdfMemoryInputStream in(deflated.data(), static_cast<pdf_long>(deflated.size()));
  object.GetStream()->SetRawData(&in, static_cast<pdf_long>(deflated.size()));
  object.GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
}

}  // namespace vanban::pdf
