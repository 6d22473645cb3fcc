#include "pdf/flate.h"

#include <algorithm>
#include <limits>
#include <new>

#include "core/thread_cache.h"

namespace vanban::pdf {

using namespace PoDoFo;

Deflater::~Deflater() {
  for (State& s : states_) {
    if (s.open) deflateEnd(&s.z);
  }
}

Deflater& Deflater::of_this_thread(std::unique_ptr<Deflater>& owned) {
  static const ThreadCache<Deflater> cache([](void* d) { delete static_cast<Deflater*>(d); });
  if (Deflater* kept = cache.get()) return *kept;
  owned = std::make_unique<Deflater>();
  if (cache.keep(owned.get())) return *owned.release();
  return *owned;
}

bool Deflater::deflate(std::string& out, std::string_view data, int level) {
  if (data.size() > (std::numeric_limits<uInt>::max)() / 2) return false;
  // The smallest window holding the data and zlib's look-ahead, at least 4 KB so that the
  // small streams of a file (maps, a certificate's page) share one state.
  int window = 12;
  while (window < 15 && (size_t{1} << window) < data.size() + 262) ++window;
  // The state of this window and level (else the bytes would depend on the stream
  // before), or the least recently used one, made anew.
  State* state = nullptr;
  for (State& s : states_) {
    if (s.open && s.window == window && s.level == level) state = &s;
  }
  if (state) {
    if (deflateReset(&state->z) != Z_OK) return false;
  } else {
    state = &states_[0];
    for (State& s : states_) {
      if (!s.open || (state->open && s.used < state->used)) state = &s;
      if (!state->open) break;
    }
    if (state->open) {
      deflateEnd(&state->z);
      state->open = false;
    }
    state->z = z_stream{};
    // Hash tables scaled with the window: memory level 8 (zlib's default) at 32 KB.
    const int r = deflateInit2(&state->z, level, Z_DEFLATED, window, std::clamp(window - 7, 1, 8), Z_DEFAULT_STRATEGY);
    if (r == Z_MEM_ERROR) throw std::bad_alloc();
    if (r != Z_OK) return false;
    state->open = true;
    state->window = window;
    state->level = level;
  }
  state->used = ++uses_;
  z_stream& z = state->z;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int r = ::deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  return r == Z_STREAM_END;
}

bool deflate_into(std::string& out, std::string_view data, int level) {
  std::unique_ptr<Deflater> owned;
  return Deflater::of_this_thread(owned).deflate(out, data, level);
}

void set_deflated_stream(PdfObject& object, std::string_view deflated) {
  PdfMemoryInputStream in(deflated.data(), static_cast<pdf_long>(deflated.size()));
  object.GetStream()->SetRawData(&in, static_cast<pdf_long>(deflated.size()));
  object.GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
}

}  // namespace vanban::pdf
