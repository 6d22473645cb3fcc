// Flate (zlib) compression of a stream's bytes, for streams vanban compresses itself
// (page contents, shared drawings, font programs and maps, images) and hands to PoDoFo
// as raw, already filtered data (/Filter /FlateDecode).
#pragma once
#include <podofo/podofo.h>
#include <zlib.h>

#include <memory>
#include <string>
#include <string_view>

namespace vanban::pdf {

// Compresses stream after stream with zlib states kept and reset between streams: a
// zlib state is sized by its window and memory level (256 KB with the defaults), and
// allocating and clearing it cost more than compressing a page of a certificate or a
// font's ToUnicode map (80-90 µs against 5-10). The window is fitted to the data — a
// window as large as the data finds the same matches — and a state is kept for each of
// the last few (window, level) pairs used: a file's pages, its fonts' maps and its
// drawings each find theirs.
// The bytes of a stream depend only on the stream and the level (a reset state is a new
// one), so output does not depend on which Deflater, or thread, compressed it. Large
// data gets zlib's defaults: its bytes are compress2's. Not thread-safe: one per thread
// (of_this_thread).
class Deflater {
 public:
  Deflater() = default;
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // `data` compressed at zlib `level` into `out` (replaced). False when zlib fails for
  // another reason than memory (std::bad_alloc is thrown for that): the caller says what
  // could not be compressed.
  bool deflate(std::string& out, std::string_view data, int level);

  // The calling thread's deflater, kept until the thread ends (at most kStates zlib
  // states, about 1 MB): every file the thread writes reuses its states. When the thread
  // cannot keep one, `owned` holds a deflater for the caller.
  static Deflater& of_this_thread(std::unique_ptr<Deflater>& owned);

  static constexpr size_t kStates = 4;

 private:
  struct State {
    z_stream z{};
    bool open = false;
    int window = 0, level = 0;
    unsigned long long used = 0;  // when last used (the least recent one is replaced)
  };
  State states_[kStates];
  unsigned long long uses_ = 0;
};

// The same with the calling thread's deflater.
bool deflate_into(std::string& out, std::string_view data, int level);

// `deflated` (compressed by a Deflater) as the stream of `object`, /Filter /FlateDecode.
void set_deflated_stream(PoDoFo::PdfObject& object, std::string_view deflated);

}  // namespace vanban::pdf
