// The decree's appearances of an electronic document's signatures (Decree 30, Phụ lục I
// II.7.d, II.8; Phụ lục I Phần II I.3), each a layout::Drawing placed on a page:
//   the signer's signature image, centred in the room between authority and name (ND30-ESIG-1);
//   the body's seal, at its real size, over the left third of the signature (ND30-ESIG-2);
//   the body's information box on an attachment in a separate file (ND30-ESIG-4..6,
//   ND30-PL-8) or an electronic copy (ND30-EDOC-4): no image, 10 pt upright black Times.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/raster_image.h"
#include "layout/frame.h"
#include "text/font.h"

namespace vanban::layout {

// A drawing and where its box goes (a signature field's widget).
struct Appearance {
  int page = 0;
  double x = 0, y = 0;   // the box's top-left corner, y downwards, pt
  Drawing drawing;       // its width and height: the widget's
};

// The width of an image at its real size, pt: `width_mm` when given, else the PNG's pHYs
// (pixels per metre), else 0 (not known).
double real_width(const RasterImage& image, double width_mm);

// ND30-ESIG-1: the signature image in the signer's slot, at its real size (else 50 mm wide
// at most), never larger than the slot, centred in it. Warnings (rule ND30-ESIG-1, naming
// `source`) when the ink is not blue or the PNG has no transparency.
Appearance signer_appearance(const SignatureSlot& slot, std::shared_ptr<const RasterImage> image, double width_mm,
                             const std::string& source, std::vector<Diagnostic>* warnings);

// Where the signature image of signer_appearance goes: its left third is what the seal covers.
// The body's slot for that image (the image's left third, the slot's height).
SignatureSlot seal_slot_over(const Appearance& signature, const SignatureSlot& body_slot);

// ND30-ESIG-2: the seal at its real size (`width_mm`, the PNG's pHYs, else `default_width`
// pt), centred on the body slot's height, its right edge at the slot's right edge (the end of
// the signature's left third). Warnings (ND30-ESIG-2) when it is not red or not transparent.
Appearance seal_appearance(const SignatureSlot& body_slot, std::shared_ptr<const RasterImage> seal, double width_mm,
                           double default_width, const std::string& source, std::vector<Diagnostic>* warnings);

// ND30-ESIG-4..6, ND30-EDOC-4: the information box in its slot, 10 pt upright black regular
// face of `fonts`, left aligned, centred on the box's height (the box grows when the text
// needs more lines): "Số: 05/KH-SGD&ĐT; 2021-03-05T09:15:30+07:00"; on a copy "Sao y;
// <the copying body>; <time>". `signing_time` is ISO 8601 with its offset (ND30-ESIG-5).
Appearance information_appearance(const SignatureSlot& slot, const DocumentIdentity& identity,
                                  const std::string& signing_time, const text::FontFamily& fonts);

// The text of that box.
std::string information_text(const DocumentIdentity& identity, const std::string& signing_time);

}  // namespace vanban::layout
