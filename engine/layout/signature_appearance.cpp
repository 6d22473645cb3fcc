#include "layout/signature_appearance.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>

#include "core/i18n.h"
#include "layout/paragraph.h"
#include "layout/signature_slots.h"
#include "wording/wording.h"

namespace vanban::layout {
namespace {

uint32_t big_endian(const std::string& s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) | (uint32_t(uint8_t(s[at + 2])) << 8) |
         uint32_t(uint8_t(s[at + 3]));
}

// Pixels per metre across from the PNG's pHYs chunk; 0 without one (or with no unit).
double pixels_per_metre(const std::string& png) {
  size_t at = 8;  // after the signature
  while (at + 12 <= png.size()) {
    const uint32_t length = big_endian(png, at);
    const std::string type = png.substr(at + 4, 4);
    if (type == "pHYs" && length >= 9 && at + 8 + 9 <= png.size()) {
      return png[at + 16] == 1 ? double(big_endian(png, at + 8)) : 0;
    }
    if (type == "IDAT" || type == "IEND" || length > png.size()) return 0;  // pHYs comes before the data
    at += 12 + size_t(length);
  }
  return 0;
}

// The mean colour of the ink: the pixels that are mostly opaque and not near white.
bool ink_colour(const RasterImage& image, double& r, double& g, double& b) {
  double sr = 0, sg = 0, sb = 0;
  size_t n = 0;
  const size_t pixels = size_t(image.width) * size_t(image.height);
  const size_t step = std::max<size_t>(1, pixels / 200000);  // a sample is enough for a colour
  for (size_t i = 0; i < pixels; i += step) {
    if (!image.alpha.empty() && uint8_t(image.alpha[i]) < 128) continue;
    const double pr = uint8_t(image.rgb[3 * i]) / 255.0, pg = uint8_t(image.rgb[3 * i + 1]) / 255.0,
                 pb = uint8_t(image.rgb[3 * i + 2]) / 255.0;
    if (pr > 0.85 && pg > 0.85 && pb > 0.85) continue;  // paper
    sr += pr;
    sg += pg;
    sb += pb;
    ++n;
  }
  if (n == 0) return false;
  r = sr / n;
  g = sg / n;
  b = sb / n;
  return true;
}

bool transparent(const RasterImage& image) {
  return std::any_of(image.alpha.begin(), image.alpha.end(), [](char a) { return uint8_t(a) < 255; });
}

void warn(std::vector<Diagnostic>* warnings, const std::string& rule, const std::string& source,
          const std::string& message) {
  if (!warnings) return;
  Diagnostic d;
  d.severity = Severity::Warning;
  d.kind = ErrorKind::Signature;
  d.rule = rule;
  d.file = source;
  d.message = message;
  warnings->push_back(std::move(d));
}

// "SAO Y" -> "Sao y", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" -> "Phòng giáo dục và đào tạo": the copy's
// information is in lower case (ND30-EDOC-4); a text already in mixed case is kept.
std::string lower_case(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text), upper = u;
  upper.toUpper(icu::Locale("vi"));
  return u == upper ? wording::sentence_case(text) : text;
}

Drawing image_drawing(std::shared_ptr<const RasterImage> image, double width, double height) {
  Drawing d;
  d.width = width;
  d.height = height;
  d.images.push_back(PlacedImage{std::move(image), 0, 0, width, height});
  return d;
}

}  // namespace

double real_width(const RasterImage& image, double width_mm) {
  if (width_mm > 0) return width_mm * kPointsPerMm;
  const double ppm = pixels_per_metre(image.png);
  return ppm > 0 ? image.width / ppm * 1000 * kPointsPerMm : 0;
}

Appearance signer_appearance(const SignatureSlot& slot, std::shared_ptr<const RasterImage> image, double width_mm,
                             const std::string& source, std::vector<Diagnostic>* warnings) {
  double r, g, b;
  if (ink_colour(*image, r, g, b) && !(b > r + 0.1 && b >= g)) {
    warn(warnings, "ND30-ESIG-1", source, tr("the signature image is not blue"));
  }
  if (!transparent(*image)) {
    warn(warnings, "ND30-ESIG-1", source, tr("the signature image has no transparent background"));
  }
  double w = real_width(*image, width_mm);
  if (w <= 0) w = std::min(slot.width, 50 * kPointsPerMm);
  double h = w * image->height / std::max(1, image->width);
  const double k = std::min({1.0, slot.width / w, slot.height > 0 ? slot.height / h : 1.0});
  w *= k;
  h *= k;
  Appearance a;
  a.page = slot.page;
  a.x = slot.x + (slot.width - w) / 2;
  a.y = slot.y + (slot.height - h) / 2;
  a.drawing = image_drawing(std::move(image), w, h);
  return a;
}

SignatureSlot seal_slot_over(const Appearance& signature, const SignatureSlot& body_slot) {
  SignatureSlot s = body_slot;
  s.page = signature.page;
  s.x = signature.x;
  s.width = signature.drawing.width / 3;
  return s;
}

Appearance seal_appearance(const SignatureSlot& body_slot, std::shared_ptr<const RasterImage> seal, double width_mm,
                           double default_width, const std::string& source, std::vector<Diagnostic>* warnings) {
  double r, g, b;
  if (ink_colour(*seal, r, g, b) && !(r > g + 0.15 && r > b + 0.1)) {
    warn(warnings, "ND30-ESIG-2", source, tr("the seal image is not red"));
  }
  if (!transparent(*seal)) warn(warnings, "ND30-ESIG-2", source, tr("the seal image has no transparent background"));
  double w = real_width(*seal, width_mm);
  if (w <= 0) {
    warn(warnings, "ND30-ESIG-2", source,
         tr("the seal image does not say its size (no pHYs): drawn at the usual size; give its width in mm"));
    w = default_width;
  }
  const double h = w * seal->height / std::max(1, seal->width);
  Appearance a;
  a.page = body_slot.page;
  a.x = body_slot.x + body_slot.width - w;
  a.y = body_slot.y + body_slot.height / 2 - h / 2;
  a.drawing = image_drawing(std::move(seal), w, h);
  return a;
}

std::string information_text(const DocumentIdentity& identity, const std::string& signing_time) {
  if (!identity.copy_form.empty()) {
    std::string text = lower_case(identity.copy_form);
    if (!identity.agency.empty()) text += "; " + lower_case(identity.agency);
    return text + "; " + signing_time;
  }
  return identity.number.empty() ? signing_time : "Số: " + identity.number + "; " + signing_time;
}

Appearance information_appearance(const SignatureSlot& slot, const DocumentIdentity& identity,
                                  const std::string& signing_time, const text::FontFamily& fonts) {
  style::ParagraphStyle st;
  st.size = 10;  // ND30-ESIG-4: size 10, upright, black
  st.align = style::Align::Left;
  const std::vector<Line> lines =
      set_paragraph(model::RichText{model::Span{information_text(identity, signing_time), false, false}}, st,
                    slot.width, fonts);
  double text_height = 0;
  for (const Line& l : lines) text_height += l.height;
  Appearance a;
  a.page = slot.page;
  a.x = slot.x;
  a.y = slot.y;
  a.drawing.width = slot.width;
  a.drawing.height = std::max(slot.height, text_height + 2);
  double baseline = (a.drawing.height - text_height) / 2;
  for (const Line& l : lines) {
    place_line(l, 0, baseline + (l.height - l.ascent - l.descent) / 2 + l.ascent, a.drawing.runs);
    baseline += l.height;
  }
  return a;
}

}  // namespace vanban::layout
