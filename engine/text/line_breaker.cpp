#include "text/line_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <functional>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>

#include "core/error.h"
#include "core/i18n.h"
#include "core/string_hash.h"
#include "core/thread_cache.h"

namespace vanban::text {
namespace {

// Per thread: a line-break iterator, cloned once from ICU's "vi" rules, and a memo of the
// opportunities of strings already broken (issue #14: a batch of certificates breaks the
// same date line, achievement texts and units on every row). The opportunities depend on
// the text alone, so a remembered result is exactly what breaking again gives. Bounded:
// strings over kMaxTextBytes are not remembered; past kMaxBytes the memo starts again.
struct Breaker {
  static constexpr size_t kMaxTextBytes = 512;
  static constexpr size_t kMaxBytes = size_t{1} << 20;
  std::unique_ptr<icu::BreakIterator> iterator;
  // The text in UTF-16 and the byte offset of each of its units (reused buffers).
  std::u16string utf16;
  std::vector<uint32_t> byte_of;
  std::unordered_map<std::string, std::vector<BreakOpportunity>, StringHash, std::equal_to<>> memo;
  size_t bytes = 0;

  void keep(std::string_view text, const std::vector<BreakOpportunity>& opportunities) {
    if (text.size() > kMaxTextBytes) return;
    const size_t cost = text.size() + opportunities.size() * sizeof(BreakOpportunity) + 64;
    if (bytes + cost > kMaxBytes) {
      memo.clear();
      bytes = 0;
    }
    if (memo.emplace(std::string(text), opportunities).second) bytes += cost;
  }
};

// This thread's breaker. `owned` holds one this thread could not keep (the caller's to free).
Breaker& thread_breaker(std::unique_ptr<Breaker>& owned) {
  static const ThreadCache<Breaker> cache([](void* b) { delete static_cast<Breaker*>(b); });
  if (Breaker* b = cache.get()) return *b;
  owned = std::make_unique<Breaker>();
  UErrorCode status = U_ZERO_ERROR;
  owned->iterator.reset(icu::BreakIterator::createLineInstance(icu::Locale("vi"), status));
  if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
  if (U_FAILURE(status) || !owned->iterator) {
    throw Error(ErrorKind::Layout, trf("ICU line breaking unavailable: {0}", u_errorName(status)));
  }
  return cache.keep(owned.get()) ? *owned.release() : *owned;
}

UChar32 code_point_before(std::string_view s, size_t offset, size_t* start) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = static_cast<int32_t>(offset);
  UChar32 c;
  U8_PREV(p, 0, i, c);
  if (start) *start = static_cast<size_t>(i);
  return c;
}

UChar32 code_point_at(std::string_view s, size_t offset) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = static_cast<int32_t>(offset);
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(s.size()), c);
  return c;
}

bool is_joiner(UChar32 c) { return c == '/' || c == '-' || c == 0x2010 || c == 0x2011; }
bool is_alnum(UChar32 c) { return c >= 0 && (u_isalnum(c) || c == '&'); }

// Tailoring: "621/BGDĐT-TĐKT", "02/1/2020", "34-CT/TW", "2021-2025" stay whole.
bool joins_a_token(std::string_view s, size_t offset) {
  if (offset == 0 || offset >= s.size()) return false;
  size_t joiner_start = 0;
  UChar32 joiner = code_point_before(s, offset, &joiner_start);
  if (!is_joiner(joiner) || joiner_start == 0) return false;
  UChar32 before = code_point_before(s, joiner_start, nullptr);
  UChar32 after = code_point_at(s, offset);
  return is_alnum(before) && is_alnum(after);
}

}  // namespace

std::vector<BreakOpportunity> line_break_opportunities(std::string_view utf8) {
  std::vector<BreakOpportunity> out;
  if (utf8.empty()) return out;
  std::unique_ptr<Breaker> owned;
  Breaker& breaker = thread_breaker(owned);
  if (utf8.size() <= Breaker::kMaxTextBytes) {
    if (auto it = breaker.memo.find(utf8); it != breaker.memo.end()) return it->second;
  }
  icu::BreakIterator* it = breaker.iterator.get();
  UErrorCode status = U_ZERO_ERROR;
  // ICU walks UTF-16 text much faster than UTF-8 text (same rules, same boundaries, at
  // code point starts): the text converted, boundaries mapped back to byte offsets.
  // Bytes that are not UTF-8: broken as UTF-8, as before.
  bool wide = utf8.size() < (size_t{1} << 31);
  {
    std::u16string& u = breaker.utf16;
    std::vector<uint32_t>& at = breaker.byte_of;
    u.clear();
    at.clear();
    const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
    const int32_t n = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; wide && i < n;) {
      const int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c < 0) {
        wide = false;
      } else if (c <= 0xFFFF) {
        u.push_back(static_cast<char16_t>(c));
        at.push_back(static_cast<uint32_t>(start));
      } else {
        u.push_back(static_cast<char16_t>(U16_LEAD(c)));
        u.push_back(static_cast<char16_t>(U16_TRAIL(c)));
        at.push_back(static_cast<uint32_t>(start));
        at.push_back(static_cast<uint32_t>(start));
      }
    }
    at.push_back(static_cast<uint32_t>(utf8.size()));
  }
  UText* text = wide ? utext_openUChars(nullptr, breaker.utf16.data(), static_cast<int64_t>(breaker.utf16.size()), &status)
                     : utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
  if (U_FAILURE(status)) throw Error(ErrorKind::Layout, trf("ICU cannot read the text: {0}", u_errorName(status)));
  it->setText(text, status);
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    // Boundaries are native indexes: UTF-16 units, or bytes of UTF-8.
    size_t offset = wide ? breaker.byte_of[static_cast<size_t>(b)] : static_cast<size_t>(b);
    bool mandatory = it->getRuleStatus() >= UBRK_LINE_HARD && it->getRuleStatus() < UBRK_LINE_HARD_LIMIT;
    if (offset < utf8.size() && !mandatory && joins_a_token(utf8, offset)) continue;
    out.push_back({offset, mandatory});
  }
  it->setText(icu::UnicodeString());  // drop the pointer into `utf8`
  utext_close(text);
  if (out.empty() || out.back().offset != utf8.size()) out.push_back({utf8.size(), false});
  breaker.keep(utf8, out);
  return out;
}

}  // namespace vanban::text
