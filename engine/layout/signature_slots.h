// Where Decree 30 puts the signatures of an electronic document, and what the document is:
// layout exports both for every kind (documents, forms, certificates) in DocumentInfo, the
// PDF records them in its XMP, and signing places each appearance in its slot.
//   Signer   the room between the authority lines and the name (ND30-ESIG-1)
//   Body     the left third of the signer's room, where the seal covers the signature (ND30-ESIG-2)
//   BodyInfo the information box at the top-right of page 1: an attachment in a separate
//            file (ND30-ESIG-4, ND30-PL-8) or an electronic copy (ND30-EDOC-4, ô 14)
#pragma once
#include <string>
#include <vector>

#include "layout/certificate_layout.h"
#include "layout/frame.h"
#include "layout/layout.h"
#include "model/recipient_list.h"
#include "realize/realized.h"
#include "style/profile.h"

namespace vanban::layout {

constexpr double kPointsPerMm = 72 / 25.4;
// ND30-ESIG-6: the decree's templates draw the box ≈ 77 × 9 mm, ≈ 93 mm from the left
// margin, above the header.
constexpr double kInfoBoxWidth = 77 * kPointsPerMm, kInfoBoxHeight = 9 * kPointsPerMm;
constexpr double kInfoBoxFromMargin = 93 * kPointsPerMm;

// The signature room of the `index`-th signature of a closing, from `top` (the bottom of its
// last authority line) to `bottom` (the top of the name), `width` wide from `x`: a Signer slot,
// and a Body slot over its left third on the signature that carries the body's seal (the last
// one not below the others: a Biên bản's chair, a single signer). On an electronic copy only
// the copy's own closing gets slots (the copied signatures are not signed again).
void add_signature_room(std::vector<SignatureSlot>& slots, const realize::Identity& identity,
                        const realize::Closing& closing, size_t index, double x, double width, double top,
                        double bottom);

// The body's information box on a page of `page` (ND30-ESIG-4..6): the decree's offset from
// the left margin, moved left so that it ends at the right margin; its bottom 1 mm above the
// top margin.
SignatureSlot information_box(const style::Page& page);

// The document's identity, the slots its pages hold (moved into the info with their page
// index) and the information box on page 1.
void export_document_info(LaidOutDocument& out, const style::Template& tpl, const realize::Identity& identity);

// A certificate's slots, on its page: the signature room (signature-width wide, centred on
// `centre_x`, from `top`, `height` high: where the signature image goes), the seal over its
// left third, the information box; moved and scaled as the page was (print on blank, A3).
void add_certificate_slots(Page& page, const style::Template& tpl, const CertificateOptions& options,
                           double centre_x, double top, double height);

// What a certificate is: the template's kind, the decision's number and date, the place and
// the issuer (the file of one row).
DocumentIdentity certificate_identity(const style::Template& tpl, const model::ListRow& row);

}  // namespace vanban::layout
