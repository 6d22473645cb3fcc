// Signing as a document is written (RenderOptions::signatures): each key opened once, each
// appearance composed from the layout's signature slots (layout/signature_appearance.h),
// each signature an incremental update in the order asked (the signer, then the body).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/raster_image.h"
#include "layout/signature_appearance.h"
#include "layout/frame.h"
#include "pdf/pdf_writer.h"
#include "sign/sign.h"
#include "text/font.h"
#include "vanban/engine.h"

namespace vanban::detail {

// A request with its key opened and its image decoded, for a document or a whole batch.
struct OpenedSignature {
  SignatureRequest request;
  std::shared_ptr<const sign::Signer> signer;
  std::shared_ptr<const RasterImage> image;   // null without one
};

// What a render asks of the PDF writer: tagged, PDF/A-2a when tagged else 2u.
pdf::WriteOptions write_options(const RenderOptions& options);

// A DOCX cannot carry a PAdES signature nor be PDF/A: Error(Usage) when the render asks.
void check_docx(const RenderOptions& options);

// Opens every request's key (Error(Signature) naming the file or token) and reads its
// image; `source` names the image in warnings.
std::vector<OpenedSignature> open_signatures(const std::vector<SignatureRequest>& requests, const Limits& limits);

// The warnings of the signatures' images (not blue, not red, not transparent, no size), said
// once for a batch whose files are signed on many threads.
std::vector<Diagnostic> image_warnings(const std::vector<OpenedSignature>& signatures);

// The signing time in Vietnam time (ND30-ESIG-5: "2021-03-05T09:15:30+07:00"): the options'
// (checked: ISO 8601 with its offset, else Error(Usage); "2021-03-05T02:15:30Z" is the same
// instant, 09:15:30+07:00), else now.
std::string signing_time(const RenderOptions& options);

// Signer images already placed, with their slots: a seal goes over the one in its slot,
// and a signer's slot holding one is taken.
using Placed = std::vector<std::pair<layout::SignatureSlot, layout::Appearance>>;

// What signing an existing PDF needs to know of it: its pages' sizes and where its
// signature widgets are (x, y, drawing.width/height: the widget's box, pt from the top-left).
struct PdfFacts {
  std::vector<std::pair<double, double>> pages;
  std::vector<layout::Appearance> signatures;
};
PdfFacts read_facts(std::string_view pdf);

// `pdf` signed by each of `signatures` in order, each appearance placed in `info`'s slot of
// its role (the n-th request of a role takes the n-th slot of that role); the seal over the
// signature image of a signer signed before it. Error(Signature) when the document has no
// slot for a role.
std::string sign_document(std::string pdf, const layout::DocumentInfo& info,
                          const std::vector<OpenedSignature>& signatures, const std::string& time,
                          const text::FontFamily& fonts, std::vector<Diagnostic>* warnings, Placed placed = {});

}  // namespace vanban::detail
