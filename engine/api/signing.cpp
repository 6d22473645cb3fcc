#include "api/signing.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <tuple>

#include <podofo/podofo.h>

#include "core/i18n.h"
#include "pdf/image.h"
#include "layout/signature_appearance.h"
#include "layout/signature_slots.h"
#include "pdf/metadata.h"

namespace vanban::detail {
namespace {

// The usual size of an office's round seal when its PNG does not say (ND30-ESIG-2 wants the
// real size: give it with image_width_mm or a pHYs chunk).
constexpr double kDefaultSealMm = 36;

// "2021-03-05T09:15:30+07:00": an instant in Vietnam time.
std::string vietnam_time(std::time_t utc) {
  std::time_t now = utc + 7 * 3600;  // Vietnam time, UTC+07:00, no daylight saving
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

}  // namespace

pdf::WriteOptions write_options(const RenderOptions& options) {
  pdf::WriteOptions w;
  w.tagged = options.tagged;
  w.pdfa = !options.pdfa ? pdf::PdfA::None : options.tagged ? pdf::PdfA::A2a : pdf::PdfA::A2u;
  return w;
}

void check_docx(const RenderOptions& options) {
  if (!options.signatures.empty()) throw Error(ErrorKind::Usage, tr("only a PDF can be signed (the output is a DOCX)"));
  if (options.pdfa) throw Error(ErrorKind::Usage, tr("PDF/A is for a PDF (the output is a DOCX)"));
}

std::vector<OpenedSignature> open_signatures(const std::vector<SignatureRequest>& requests, const Limits& limits) {
  std::vector<OpenedSignature> out;
  for (const auto& r : requests) {
    OpenedSignature o{r, sign::open_signer(r.key), nullptr};
    if (!r.image_png.empty()) {
      // Compressed once here, copied into each file it is signed into (a batch).
      RasterImage image = read_png(r.image_png, limits);
      pdf::deflate_image(image);
      o.image = std::make_shared<const RasterImage>(std::move(image));
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<Diagnostic> image_warnings(const std::vector<OpenedSignature>& signatures) {
  std::vector<Diagnostic> warnings;
  const layout::SignatureSlot room{layout::SignatureRole::Signer, 0, 0, 0, 200, 100};
  for (const auto& s : signatures) {
    if (!s.image) continue;
    if (s.request.role == layout::SignatureRole::Signer) {
      layout::signer_appearance(room, s.image, s.request.image_width_mm, s.request.image_png, &warnings);
    } else if (s.request.role == layout::SignatureRole::Body) {
      layout::seal_appearance(room, s.image, s.request.image_width_mm, kDefaultSealMm * layout::kPointsPerMm,
                              s.request.image_png, &warnings);
    }
  }
  return warnings;
}

std::string signing_time(const RenderOptions& options) {
  if (!options.signing_time.empty()) {
    const std::string& t = options.signing_time;
    pdf_date_from_iso(t);  // a real date and time
    // With its time and offset: the decree's box says hh:mm:ss in Vietnam time (ND30-ESIG-4/5).
    const bool offset = t.size() > 19 && (t.back() == 'Z' || t[t.size() - 6] == '+' || t[t.size() - 6] == '-');
    std::tm given{};
    int sign_hours = 0, offset_minutes = 0;
    if (t.size() < 20 || t[10] != 'T' || !offset ||
        std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &given.tm_year, &given.tm_mon, &given.tm_mday, &given.tm_hour,
                    &given.tm_min, &given.tm_sec) != 6) {
      throw Error(ErrorKind::Usage,
                  trf("the signing time \"{0}\" needs a time and its offset: 2021-03-05T09:15:30+07:00", t));
    }
    if (t.back() != 'Z') {
      int h = 0, m = 0;
      std::sscanf(t.c_str() + t.size() - 5, "%2d:%2d", &h, &m);
      sign_hours = t[t.size() - 6] == '-' ? -1 : 1;
      offset_minutes = sign_hours * (h * 60 + m);
    }
    given.tm_year -= 1900;
    given.tm_mon -= 1;
    // The same instant in Vietnam time: the box shows the time there (ND30-ESIG-4, -5).
    return vietnam_time(timegm(&given) - offset_minutes * 60);
  }
  return vietnam_time(std::time(nullptr));
}


std::string sign_document(std::string pdf, const layout::DocumentInfo& info,
                          const std::vector<OpenedSignature>& signatures, const std::string& time,
                          const text::FontFamily& fonts, std::vector<Diagnostic>* warnings, Placed placed) {
  int used[3] = {0, 0, 0};
  for (const auto& s : signatures) {
    const auto role = s.request.role;
    // The slots of the role; a signer's: the one the seal goes on first (the competent
    // person's: ND30-ESIG-2), none already signed.
    std::vector<const layout::SignatureSlot*> slots;
    auto same_place = [](const layout::SignatureSlot& a, const layout::SignatureSlot& b) {
      return a.page == b.page && a.x == b.x && a.y == b.y;
    };
    for (const auto& slot : info.signature_slots) {
      if (slot.role != role) continue;
      bool signed_here = false;
      for (const auto& p : placed) signed_here = signed_here || (role == layout::SignatureRole::Signer && same_place(p.first, slot));
      if (!signed_here) slots.push_back(&slot);
    }
    if (role == layout::SignatureRole::Signer) {
      std::stable_partition(slots.begin(), slots.end(), [&](const layout::SignatureSlot* s) {
        for (const auto& b : info.signature_slots)
          if (b.role == layout::SignatureRole::Body && same_place(b, *s)) return true;
        return false;
      });
    }
    if (slots.empty()) {
      throw Error(ErrorKind::Signature,
                  trf("the document has no place for a signature of role {0} (a form or a file vanban did not lay "
                      "out: sign with the role info, or give the page and rectangle)",
                      layout::signature_role_name(role)));
    }
    const layout::SignatureSlot slot = *slots[std::min<size_t>(used[int(role)]++, slots.size() - 1)];
    layout::Appearance a;
    a.page = slot.page;
    switch (role) {
      case layout::SignatureRole::Signer:
        if (s.image) {
          a = layout::signer_appearance(slot, s.image, s.request.image_width_mm, s.request.image_png, warnings);
          placed.emplace_back(slot, a);
        }
        break;
      case layout::SignatureRole::Body:
        if (s.image) {
          layout::SignatureSlot over = slot;  // the signature's left third when it was placed here
          for (const auto& [signer_slot, appearance] : placed) {
            if (same_place(signer_slot, slot)) {
              over = layout::seal_slot_over(appearance, slot);
            }
          }
          a = layout::seal_appearance(over, s.image,
                                      s.request.image_width_mm, kDefaultSealMm * layout::kPointsPerMm,
                                      s.request.image_png, warnings);
        }
        break;
      case layout::SignatureRole::BodyInfo:
        a = layout::information_appearance(slot, info.identity, time, fonts);
        break;
    }
    sign::SignOptions o;
    o.reason = s.request.reason;
    o.location = s.request.location;
    o.signing_time = time;
    o.tsa_url = s.request.tsa_url;
    o.page = a.page;
    o.x = a.x;
    o.y = a.y;
    o.appearance = std::move(a.drawing);
    pdf = sign::sign_pdf(pdf, *s.signer, o);
  }
  return pdf;
}

PdfFacts read_facts(std::string_view pdf) {
  using namespace PoDoFo;
  static std::once_flag quiet;  // PoDoFo's parser prints the trailer unless told not to
  std::call_once(quiet, [] { PdfError::EnableDebug(false); });
  PdfFacts facts;
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    for (int i = 0; i < doc.GetPageCount(); ++i) {
      PdfPage* page = doc.GetPage(i);
      const PdfRect box = page->GetMediaBox();
      facts.pages.emplace_back(box.GetWidth(), box.GetHeight());
      PdfObject* annots = page->GetObject()->GetIndirectKey("Annots");
      if (!annots || !annots->IsArray()) continue;
      for (const PdfObject& item : annots->GetArray()) {
        const PdfObject* a = item.IsReference() ? doc.GetObjects().GetObject(item.GetReference()) : &item;
        if (!a || !a->IsDictionary()) continue;
        const PdfObject* ft = a->GetIndirectKey("FT");
        const PdfObject* parent = a->GetIndirectKey("Parent");
        if (!ft && parent && parent->IsDictionary()) ft = parent->GetIndirectKey("FT");
        const PdfObject* rect = a->GetIndirectKey("Rect");
        if (!ft || !ft->IsName() || ft->GetName().GetName() != "Sig" || !rect || !rect->IsArray() ||
            rect->GetArray().size() != 4)
          continue;
        double r[4];
        for (int k = 0; k < 4; ++k) r[k] = rect->GetArray()[k].GetReal();
        layout::Appearance w;
        w.page = i;
        w.x = std::min(r[0], r[2]) - box.GetLeft();
        w.y = box.GetBottom() + box.GetHeight() - std::max(r[1], r[3]);
        w.drawing.width = std::abs(r[2] - r[0]);
        w.drawing.height = std::abs(r[3] - r[1]);
        facts.signatures.push_back(std::move(w));
      }
    }
  } catch (const PdfError& e) {
    throw Error(ErrorKind::Input, trf("not a PDF that can be read: {0}", PdfError::ErrorMessage(e.GetError())));
  }
  return facts;
}

}  // namespace vanban::detail

namespace vanban {

std::string Engine::sign_pdf(std::string_view pdf, const RenderOptions& options, const SignaturePlacement& where) const {
  const auto signatures = detail::open_signatures(options.signatures, options.limits);
  const std::string time = detail::signing_time(options);
  layout::DocumentInfo info;
  if (auto recorded = pdf::read_document_info(pdf)) info = std::move(*recorded);
  const detail::PdfFacts facts = detail::read_facts(pdf);
  if (where.given && (where.page < 0 || where.page >= static_cast<int>(facts.pages.size()))) {
    throw Error(ErrorKind::Usage, trf("the PDF has no page {0} (it has {1})", where.page + 1, facts.pages.size()));
  }
  if (where.given || info.signature_slots.empty()) {
    style::Page page;  // the decree's margins on the page's own size
    if (!facts.pages.empty()) std::tie(page.width, page.height) = facts.pages[std::max(0, where.page)];
    layout::SignatureSlot slot = layout::information_box(page);
    slot.page = where.page;
    if (where.given && where.width > 0) {
      slot.x = where.x;
      slot.y = where.y;
      slot.width = where.width;
      slot.height = where.height;
    }
    info.signature_slots.clear();
    for (auto role : {layout::SignatureRole::Signer, layout::SignatureRole::Body, layout::SignatureRole::BodyInfo}) {
      slot.role = role;
      info.signature_slots.push_back(slot);
    }
  }
  // A signer signed before (another run): its slot is taken and the seal goes over its image.
  detail::Placed placed;
  for (const auto& slot : info.signature_slots) {
    if (slot.role != layout::SignatureRole::Signer) continue;
    for (const auto& w : facts.signatures) {
      const double cx = w.x + w.drawing.width / 2, cy = w.y + w.drawing.height / 2;
      if (w.page == slot.page && cx >= slot.x && cx <= slot.x + slot.width && cy >= slot.y && cy <= slot.y + slot.height)
        placed.emplace_back(slot, w);
    }
  }
  return detail::sign_document(std::string(pdf), info, signatures, time, *fonts_, options.warnings, placed);
}

}  // namespace vanban
