#include "text/font.h"

#include <hb-ot.h>
#include <hb.h>

#include "core/error.h"
#include "core/i18n.h"
#include "core/file_io.h"
#include "text/shape_memo.h"

namespace vanban::text {
namespace {

uint16_t be16(const char* p) {
  return static_cast<uint16_t>((static_cast<uint8_t>(p[0]) << 8) | static_cast<uint8_t>(p[1]));
}

// A table's bytes, or empty.
std::string table(hb_face_t* face, const char tag[4]) {
  hb_blob_t* blob = hb_face_reference_table(face, HB_TAG(tag[0], tag[1], tag[2], tag[3]));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string out = data ? std::string(data, length) : std::string();
  hb_blob_destroy(blob);
  return out;
}

}  // namespace

FaceStyle face_style(bool bold, bool italic) {
  return static_cast<FaceStyle>((bold ? 1 : 0) + (italic ? 2 : 0));
}

std::unique_ptr<Font> Font::load(const std::string& path) {
  std::unique_ptr<Font> font(new Font());
  font->memo_ = std::make_unique<ShapeMemo>();
  font->path_ = path;
  try {
    font->data_ = file_io::read_file(path);
  } catch (const Error& e) {
    throw Error(ErrorKind::Font, trf("cannot read the font file: {0}", e.message()), path);
  }
  font->blob_ = hb_blob_create(font->data_.data(), static_cast<unsigned>(font->data_.size()),
                               HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  font->face_ = hb_face_create(font->blob_, 0);
  font->glyph_count_ = hb_face_get_glyph_count(font->face_);
  if (font->glyph_count_ == 0) throw Error(ErrorKind::Font, tr("not a TrueType/OpenType font file"), path);
  hb_face_make_immutable(font->face_);
  font->upem_ = static_cast<int>(hb_face_get_upem(font->face_));
  font->font_ = hb_font_create(font->face_);
  hb_font_set_scale(font->font_, font->upem_, font->upem_);
  hb_font_make_immutable(font->font_);

  hb_position_t v = 0;
  // Line metrics as Word and LibreOffice use them for TrueType fonts: hhea.
  if (hb_ot_metrics_get_position(font->font_, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)) font->ascender_ = v;
  if (hb_ot_metrics_get_position(font->font_, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)) font->descender_ = v;
  if (hb_ot_metrics_get_position(font->font_, HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP, &v)) font->line_gap_ = v;
  if (hb_ot_metrics_get_position(font->font_, HB_OT_METRICS_TAG_CAP_HEIGHT, &v)) font->cap_height_ = v;
  if (font->cap_height_ == 0) font->cap_height_ = font->ascender_;

  std::string head = table(font->face_, "head");
  if (head.size() >= 54) {
    font->bbox_ = {static_cast<int16_t>(be16(&head[36])), static_cast<int16_t>(be16(&head[38])),
                   static_cast<int16_t>(be16(&head[40])), static_cast<int16_t>(be16(&head[42]))};
    uint16_t mac_style = be16(&head[44]);
    font->bold_ = mac_style & 1;
    font->italic_ = mac_style & 2;
  }
  std::string post = table(font->face_, "post");
  if (post.size() >= 8) {
    int32_t fixed = static_cast<int32_t>((static_cast<uint32_t>(be16(&post[4])) << 16) | be16(&post[6]));
    font->italic_angle_ = fixed / 65536.0;
  }
  char name[256];
  unsigned size = sizeof name;
  if (hb_ot_name_get_utf8(font->face_, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name) > 0) {
    font->ps_name_ = name;
  }
  if (font->ps_name_.empty()) font->ps_name_ = "Font";
  return font;
}

Font::~Font() {
  hb_font_destroy(font_);
  hb_face_destroy(face_);
  hb_blob_destroy(blob_);
}

int Font::glyph_advance(uint32_t glyph_id) const { return hb_font_get_glyph_h_advance(font_, glyph_id); }

double Font::line_height(double size_pt) const {
  return (ascender_ - descender_ + line_gap_) * size_pt / upem_;
}

FontFamily::FontFamily(std::unique_ptr<Font> regular, std::unique_ptr<Font> bold, std::unique_ptr<Font> italic,
                       std::unique_ptr<Font> bold_italic)
    : faces_{std::move(regular), std::move(bold), std::move(italic), std::move(bold_italic)} {}

std::unique_ptr<FontFamily> load_family(const std::array<std::string, 4>& paths) {
  return std::make_unique<FontFamily>(Font::load(paths[0]), Font::load(paths[1]), Font::load(paths[2]),
                                      Font::load(paths[3]));
}

}  // namespace vanban::text
