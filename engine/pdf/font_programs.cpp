#include "pdf/font_programs.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <zlib.h>

#include <algorithm>
#include <new>

#include "core/error.h"
#include "core/i18n.h"
#include "pdf/flate.h"

namespace vanban::pdf {

namespace {

// Six capital letters derived from the face and the glyph set: the same glyphs of the
// same face, the same tag; another face, another tag.
std::string subset_tag(const text::Font& font, const std::vector<uint32_t>& glyphs) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : font.postscript_name()) h = (h ^ c) * 1099511628211ull;
  for (uint32_t gid : glyphs) h = (h ^ gid) * 1099511628211ull;
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

}  // namespace

FontProgram make_font_program(const text::Font& font, const std::vector<uint32_t>& glyphs, int level) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) throw Error(ErrorKind::Output, tr("hb-subset: out of memory"));
  hb_set_t* set = hb_subset_input_glyph_set(input);
  for (uint32_t gid : glyphs) hb_set_add(set, gid);
  hb_set_clear(hb_subset_input_unicode_set(input));
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NAME_LEGACY);
  // Tables a PDF viewer does not need from an embedded CIDFontType2.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "kern", "DSIG", "morx", "feat", "gasp", "JSTF", "BASE"}) {
    hb_set_add(drop, hb_tag_from_string(tag, 4));
  }
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(font.hb_face(), input);
  hb_subset_input_destroy(input);
  if (!plan) throw Error(ErrorKind::Output, tr("hb-subset could not plan the subset"), font.path());
  FontProgram program;
  const hb_map_t* mapping = hb_subset_plan_old_to_new_glyph_mapping(plan);
  uint32_t last = 0;
  for (uint32_t gid : glyphs) last = std::max(last, gid);
  program.new_gid.assign(glyphs.empty() ? 0 : last + 1, 0);
  for (uint32_t gid : glyphs) {
    const hb_codepoint_t n = hb_map_get(mapping, gid);
    if (n != HB_MAP_VALUE_INVALID) program.new_gid[gid] = static_cast<uint16_t>(n);
  }
  hb_face_t* face = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
  if (!face) throw Error(ErrorKind::Output, tr("hb-subset failed"), font.path());
  hb_blob_t* blob = hb_face_reference_blob(face);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  const bool deflated = deflate_into(program.deflated, std::string_view(data ? data : "", length), level);
  hb_blob_destroy(blob);
  hb_face_destroy(face);
  if (!deflated) throw Error(ErrorKind::Output, tr("zlib could not compress a font program"), font.path());
  program.length = length;
  program.tag = subset_tag(font, glyphs);
  return program;
}

const std::vector<uint32_t>& font_repertoire() {
  static const std::vector<uint32_t> repertoire = [] {
    std::vector<uint32_t> cps;
    for (uint32_t c = 0x20; c <= 0x7E; ++c) cps.push_back(c);  // ASCII
    // Punctuation and signs of the templates, the samples and the decree's wording:
    // no-break space, §, «, °, », ×; – — ‘ ’ “ ” • ….
    for (uint32_t c : {0xA0, 0xA7, 0xAB, 0xB0, 0xBB, 0xD7}) cps.push_back(c);
    // The Vietnamese letters: À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý and their small letters,
    // Ă Đ Ĩ Ũ Ơ Ư and theirs, and U+1EA0-1EF9 (Ạ … ỹ).
    for (uint32_t c : {0xC0, 0xC1, 0xC2, 0xC3, 0xC8, 0xC9, 0xCA, 0xCC, 0xCD, 0xD2, 0xD3, 0xD4, 0xD5, 0xD9, 0xDA, 0xDD}) {
      cps.push_back(c);
      cps.push_back(c + 0x20);
    }
    for (uint32_t c : {0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0}) {
      cps.push_back(c);
    }
    for (uint32_t c = 0x1EA0; c <= 0x1EF9; ++c) cps.push_back(c);
    for (uint32_t c : {0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026}) cps.push_back(c);
    std::sort(cps.begin(), cps.end());
    return cps;
  }();
  return repertoire;
}

std::vector<uint32_t> repertoire_glyphs(const text::Font& font) {
  const auto& cps = font_repertoire();
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf32(buffer, cps.data(), static_cast<int>(cps.size()), 0, -1);
  hb_buffer_guess_segment_properties(buffer);
  hb_set_t* glyphs = hb_set_create();
  hb_ot_shape_glyphs_closure(font.hb_font(), buffer, nullptr, 0, glyphs);
  hb_buffer_destroy(buffer);
  const bool made = hb_set_allocation_successful(glyphs);
  std::vector<uint32_t> out;
  for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &g);) out.push_back(g);
  hb_set_destroy(glyphs);
  if (!made) throw std::bad_alloc();
  return out;
}

const FontProgram& FontPrograms::of(const text::Font& font) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = programs_[&font];
  if (!slot) slot = std::make_unique<const FontProgram>(make_font_program(font, repertoire_glyphs(font), Z_BEST_COMPRESSION));
  return *slot;
}

}  // namespace vanban::pdf
