#include "layout/signature_slots.h"

#include <algorithm>
#include <cstdio>

#include "wording/wording.h"

namespace vanban::layout {

void add_signature_room(std::vector<SignatureSlot>& slots, const realize::Identity& identity,
                        const realize::Closing& closing, size_t index, double x, double width, double top,
                        double bottom) {
  // ND30-EDOC-4: a copy is signed by the copying body, in its own closing.
  if (!identity.copy_form.empty() && closing.id.rfind("copy.", 0) != 0) return;
  SignatureSlot signer{SignatureRole::Signer, 0, x, top, width, std::max(0.0, bottom - top)};
  slots.push_back(signer);
  // ND30-ESIG-2: the seal goes on the competent person's signature: the last one that is
  // not a confirmation block below the others.
  size_t seal = closing.signatures.size();
  for (size_t s = 0; s < closing.signatures.size(); ++s) {
    if (!closing.signatures[s].below) seal = s;
  }
  if (index == seal) slots.push_back(SignatureSlot{SignatureRole::Body, 0, x, top, width / 3, signer.height});
}

SignatureSlot information_box(const style::Page& page) {
  const double x = std::min(page.margin_left + kInfoBoxFromMargin, page.width - page.margin_right - kInfoBoxWidth);
  const double y = std::max(0.0, page.margin_top - kPointsPerMm - kInfoBoxHeight);
  return SignatureSlot{SignatureRole::BodyInfo, 0, std::max(0.0, x), y, kInfoBoxWidth, kInfoBoxHeight};
}

void export_document_info(LaidOutDocument& out, const style::Template& tpl, const realize::Identity& identity) {
  DocumentIdentity& id = out.info.identity;
  id.kind = identity.kind;
  id.template_name = identity.template_name.empty() ? tpl.name : identity.template_name;
  id.number = identity.number;
  id.date = identity.date;
  id.place = identity.place;
  id.agency = identity.agency;
  id.parent_agency = identity.parent_agency;
  id.copy_form = identity.copy_form;
  if (id.kind.empty()) id.kind = wording::template_kind(tpl);
  auto& slots = out.info.signature_slots;
  slots.clear();
  for (size_t p = 0; p < out.pages.size(); ++p) {
    for (SignatureSlot slot : out.pages[p].signature_slots) {
      slot.page = static_cast<int>(p);
      slots.push_back(slot);
    }
    out.pages[p].signature_slots.clear();
  }
  if (!out.pages.empty()) slots.push_back(information_box(tpl.page));
}

void add_certificate_slots(Page& page, const style::Template& tpl, const CertificateOptions& options,
                           double centre_x, double top, double height) {
  const double w = tpl.certificate.signature_width;
  std::vector<SignatureSlot> slots{SignatureSlot{SignatureRole::Signer, 0, centre_x - w / 2, top, w, height},
                                   SignatureSlot{SignatureRole::Body, 0, centre_x - w / 2, top, w / 3, height}};
  for (auto& s : slots) {
    if (options.print_on_blank) {
      s.x += options.offset_x;
      s.y += options.offset_y;
    }
  }
  slots.push_back(information_box(tpl.page));
  for (auto& s : slots) {
    s.x *= options.scale;
    s.y *= options.scale;
    s.width *= options.scale;
    s.height *= options.scale;
  }
  page.signature_slots = std::move(slots);
}

DocumentIdentity certificate_identity(const style::Template& tpl, const model::ListRow& row) {
  DocumentIdentity id;
  id.kind = wording::template_kind(tpl);
  id.template_name = tpl.name;
  id.number = row.field("so_quyet_dinh");
  int d = 0, m = 0, y = 0;
  if (wording::parse_list_date(row.field("ngay_quyet_dinh"), d, m, y)) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    id.date = buf;
  }
  id.place = tpl.certificate.place;
  id.agency = tpl.certificate.issuer;
  return id;
}

}  // namespace vanban::layout
