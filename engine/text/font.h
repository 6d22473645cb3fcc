// Font faces loaded from explicit files. A Font is immutable after loading and may be
// shared by any number of threads (HarfBuzz face/font objects are made immutable); its
// only mutable part is a memo of shaping results (text::shape), guarded by a mutex and
// invisible to callers: a string shapes the same whether it is remembered or not.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace vanban::text {

enum class FaceStyle { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };
FaceStyle face_style(bool bold, bool italic);

class Font {
 public:
  // Loads a TrueType/OpenType file; throws vanban::Error(Font) naming the path.
  static std::unique_ptr<Font> load(const std::string& path);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  const std::string& path() const { return path_; }
  const std::string& data() const { return data_; }          // the whole font file
  const std::string& postscript_name() const { return ps_name_; }
  hb_face_t* hb_face() const { return face_; }
  hb_font_t* hb_font() const { return font_; }                // scale = units_per_em

  // Metrics in font units.
  int units_per_em() const { return upem_; }
  int ascender() const { return ascender_; }    // hhea/typo ascender (positive)
  int descender() const { return descender_; }  // negative
  int line_gap() const { return line_gap_; }
  int cap_height() const { return cap_height_; }
  double italic_angle() const { return italic_angle_; }
  std::array<int, 4> bbox() const { return bbox_; }           // xMin yMin xMax yMax
  bool is_bold() const { return bold_; }
  bool is_italic() const { return italic_; }
  int glyph_advance(uint32_t glyph_id) const;                 // font units
  uint32_t glyph_count() const { return glyph_count_; }

  // Single line height (ascender - descender + line gap) for a size in pt.
  double line_height(double size_pt) const;

  // What text::shape remembers of this face (text/shape_memo.h): the glyphs of strings
  // already shaped, in font units, bounded in size.
  struct ShapeMemo;
  ShapeMemo& shape_memo() const { return *memo_; }

 private:
  Font() = default;
  std::string path_, data_, ps_name_;
  hb_blob_t* blob_ = nullptr;
  hb_face_t* face_ = nullptr;
  hb_font_t* font_ = nullptr;
  int upem_ = 1000, ascender_ = 0, descender_ = 0, line_gap_ = 0, cap_height_ = 0;
  double italic_angle_ = 0;
  std::array<int, 4> bbox_{};
  bool bold_ = false, italic_ = false;
  uint32_t glyph_count_ = 0;
  std::unique_ptr<ShapeMemo> memo_;
};

// The four faces of one family.
class FontFamily {
 public:
  FontFamily(std::unique_ptr<Font> regular, std::unique_ptr<Font> bold,
             std::unique_ptr<Font> italic, std::unique_ptr<Font> bold_italic);
  const Font& face(FaceStyle style) const { return *faces_[static_cast<int>(style)]; }
  const Font& face(bool bold, bool italic) const { return face(face_style(bold, italic)); }

 private:
  std::array<std::unique_ptr<Font>, 4> faces_;
};

// Loads a family from four explicit file paths (regular, bold, italic, bold italic).
std::unique_ptr<FontFamily> load_family(const std::array<std::string, 4>& paths);

}  // namespace vanban::text
