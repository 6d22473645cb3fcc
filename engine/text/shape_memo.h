// The shaping memo of a face (Font::ShapeMemo, issue #14): the strings text::shape has
// already shaped with that face, their glyphs in font units (so one entry serves every
// size: the advance in pt is the same integer times the same scale as when shaped). A
// batch of certificates shapes its date line, achievement texts, units and repeated names
// once instead of on every row. Shaping a string depends on nothing but the face and the
// text (language, script, direction and cluster level are fixed in text::shape), so a
// remembered result is exactly what shaping again would give.
// Shared by threads: a mutex guards the map, shaping runs outside it. Bounded: strings
// longer than kMaxTextBytes (body paragraphs, which rarely repeat) are not remembered
// whole — text::shape remembers their pieces instead where text/space_cuts.h allows cuts
// (words recur across paragraphs and documents) — and past kMaxBytes of remembered text
// and glyphs the memo starts again empty.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/string_hash.h"
#include "text/font.h"

namespace vanban::text {

struct Font::ShapeMemo {
  struct Glyph {
    uint32_t glyph_id, cluster;
    int32_t x_advance, x_offset, y_offset;  // font units
  };
  using Glyphs = std::vector<Glyph>;
  static constexpr size_t kMaxTextBytes = 512;
  static constexpr size_t kMaxBytes = size_t{4} << 20;

  // Null when `text` is not remembered.
  std::shared_ptr<const Glyphs> find(std::string_view text) const {
    if (text.size() > kMaxTextBytes) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = map_.find(text);
    return it == map_.end() ? nullptr : it->second;
  }

  // The remembered glyphs of each of `texts` (null where not remembered), under one lock.
  void find_all(const std::vector<std::string_view>& texts, std::vector<std::shared_ptr<const Glyphs>>& out) const {
    out.assign(texts.size(), nullptr);
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < texts.size(); ++i) {
      if (texts[i].size() > kMaxTextBytes) continue;
      auto it = map_.find(texts[i]);
      if (it != map_.end()) out[i] = it->second;
    }
  }

  void keep(std::string_view text, std::shared_ptr<const Glyphs> glyphs) {
    if (text.size() > kMaxTextBytes) return;
    const size_t cost = text.size() + glyphs->size() * sizeof(Glyph) + 64;
    std::lock_guard<std::mutex> lock(mutex_);
    if (bytes_ + cost > kMaxBytes) {
      map_.clear();
      bytes_ = 0;
    }
    if (map_.emplace(std::string(text), std::move(glyphs)).second) bytes_ += cost;
  }

  // Shaping in pieces (text/space_cuts.h). Whether the face's tables allow it at all:
  // 0 not known yet, 1 they do, 2 they do not. Threads may work it out at the same time
  // and find the same; not std::call_once, whose pthread_once would let an exception (no
  // memory while reading the tables) unwind through the C library, which then needs to
  // load libgcc_s — and, out of memory, cannot, and aborts the process.
  std::atomic<uint8_t> cuts_allowed{0};
  // Per code point below kCodePointLimit: 0 not known yet, 1 a space before it changes
  // neither (shaped together = shaped apart), 2 it does or it is a mark. Threads may work
  // one out at the same time: they find the same value. Code points above: never cut.
  static constexpr char32_t kCodePointLimit = 0x3000;
  std::array<std::atomic<uint8_t>, kCodePointLimit> after_space{};
  // text::maps_all: per code point below kCodePointLimit, 0 not known yet, 1 the face's
  // cmap maps it to a glyph, 2 it does not (as hb_font_get_nominal_glyph answers).
  std::array<std::atomic<uint8_t>, kCodePointLimit> mapped{};

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Glyphs>, StringHash, std::equal_to<>> map_;
  size_t bytes_ = 0;
};

}  // namespace vanban::text
