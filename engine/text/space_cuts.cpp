#include "text/space_cuts.h"

#include <hb-ot.h>
#include <hb.h>

#include <cstdint>
#include <memory>

namespace vanban::text {
namespace {

struct BlobDeleter {
  void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
};
struct SetDeleter {
  void operator()(hb_set_t* s) const { hb_set_destroy(s); }
};
using Set = std::unique_ptr<hb_set_t, SetDeleter>;

unsigned be16(const uint8_t* p) { return (unsigned{p[0]} << 8) | p[1]; }

bool has_table(hb_face_t* face, hb_tag_t tag) {
  std::unique_ptr<hb_blob_t, BlobDeleter> blob(hb_face_reference_table(face, tag));
  return hb_blob_get_length(blob.get()) > 0;
}

struct Lookup {
  unsigned type;  // through an extension lookup: the type it wraps
  unsigned flag;
};

// The lookups of GSUB or GPOS (OpenType 1.9, "Lookup list table"), in the order HarfBuzz
// numbers them. False when the table is malformed; an absent table has none.
bool lookups_of(hb_face_t* face, hb_tag_t tag, unsigned extension_type, std::vector<Lookup>& out) {
  std::unique_ptr<hb_blob_t, BlobDeleter> blob(hb_face_reference_table(face, tag));
  unsigned length = 0;
  const auto* d = reinterpret_cast<const uint8_t*>(hb_blob_get_data(blob.get(), &length));
  if (length == 0) return true;
  if (length < 10) return false;
  const size_t list = be16(d + 8);
  if (list + 2 > length) return false;
  const unsigned count = be16(d + list);
  if (list + 2 + 2 * size_t{count} > length) return false;
  for (unsigned i = 0; i < count; ++i) {
    const size_t at = list + be16(d + list + 2 + 2 * i);
    if (at + 6 > length) return false;
    Lookup lookup{be16(d + at), be16(d + at + 2)};
    if (lookup.type == extension_type && be16(d + at + 4) > 0) {
      if (at + 8 > length) return false;
      const size_t sub = at + be16(d + at + 6);
      if (sub + 4 > length) return false;
      lookup.type = be16(d + sub + 2);
    }
    out.push_back(lookup);
  }
  return true;
}

constexpr unsigned kIgnoreBaseGlyphs = 0x0002;

}  // namespace

bool face_allows_space_cuts(const Font& font) {
  hb_face_t* face = font.hb_face();
  // HarfBuzz shapes with the AAT tables when they are there: not analysed here.
  for (hb_tag_t aat : {HB_TAG('m', 'o', 'r', 'x'), HB_TAG('m', 'o', 'r', 't'), HB_TAG('k', 'e', 'r', 'x')})
    if (has_table(face, aat)) return false;
  const bool gpos = has_table(face, HB_TAG('G', 'P', 'O', 'S'));
  // Without GPOS, HarfBuzz kerns with the old 'kern' table, whose Apple formats are
  // contextual: not analysed here.
  if (!gpos && has_table(face, HB_TAG('k', 'e', 'r', 'n'))) return false;
  hb_codepoint_t space = 0;
  if (!hb_font_get_nominal_glyph(font.hb_font(), 0x20, &space)) return false;
  const hb_ot_layout_glyph_class_t space_class = hb_ot_layout_get_glyph_class(face, space);
  if (space_class != HB_OT_LAYOUT_GLYPH_CLASS_UNCLASSIFIED && space_class != HB_OT_LAYOUT_GLYPH_CLASS_BASE_GLYPH)
    return false;

  Set before(hb_set_create()), input(hb_set_create()), after(hb_set_create()), output(hb_set_create());
  struct Table {
    hb_tag_t tag;
    unsigned extension;        // the extension lookup's type
    unsigned pair;             // pair positioning (0: none in this table)
    unsigned contextual[3];    // the (chained) contextual lookups' types
  };
  for (const Table& table : {Table{HB_OT_TAG_GSUB, 7, 0, {5, 6, 8}}, Table{HB_OT_TAG_GPOS, 9, 2, {7, 8, 8}}}) {
    std::vector<Lookup> lookups;
    if (!lookups_of(face, table.tag, table.extension, lookups)) return false;
    for (unsigned i = 0; i < lookups.size(); ++i) {
      const Lookup& l = lookups[i];
      const bool pair = table.pair != 0 && l.type == table.pair;
      const bool contextual = l.type == table.contextual[0] || l.type == table.contextual[1] ||
                              l.type == table.contextual[2];
      // A lookup that skips base glyphs could match across a space without naming it.
      if ((pair || contextual) && (l.flag & kIgnoreBaseGlyphs)) return false;
      if (pair) continue;  // pairs with the space: decided per character (ShapeMemo::after_space)
      for (hb_set_t* s : {before.get(), input.get(), after.get(), output.get()}) hb_set_clear(s);
      hb_ot_layout_lookup_collect_glyphs(face, table.tag, i, before.get(), input.get(), after.get(), output.get());
      for (hb_set_t* s : {before.get(), input.get(), after.get(), output.get()})
        if (hb_set_has(s, space)) return false;
    }
  }
  return true;
}

}  // namespace vanban::text
