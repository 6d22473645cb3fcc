#include "api/signing.h"

#include <ctime>
#include <optional>

#include "core/i18n.h"
#include "layout/signature_appearance.h"
#include "layout/signature_slots.h"

namespace vanban::detail {
namespace {

// The usual size of an office's round seal when its PNG does not say (ND30-ESIG-2 wants the
// real size: give it with image_width_mm or a pHYs chunk).
constexpr double kDefaultSealMm = 36;

const char* role_name(layout::SignatureRole role) {
  switch (role) {
    case layout::SignatureRole::Signer: return "signer";
    case layout::SignatureRole::Body: return "body";
    case layout::SignatureRole::BodyInfo: return "info";
  }
  return "";
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
    if (!r.image_png.empty()) o.image = std::make_shared<const RasterImage>(read_png(r.image_png, limits));
    out.push_back(std::move(o));
  }
  return out;
}

std::string signing_time(const RenderOptions& options) {
  if (!options.signing_time.empty()) {
    const std::string& t = options.signing_time;
    pdf_date_from_iso(t);  // a real date and time
    // With its time and offset: the decree's box says hh:mm:ss in Vietnam time (ND30-ESIG-4/5).
    const bool offset = t.size() > 19 && (t.back() == 'Z' || t[t.size() - 6] == '+' || t[t.size() - 6] == '-');
    if (t.size() < 20 || t[10] != 'T' || !offset) {
      throw Error(ErrorKind::Usage,
                  trf("the signing time \"{0}\" needs a time and its offset: 2021-03-05T09:15:30+07:00", t));
    }
    return t;
  }
  std::time_t now = std::time(nullptr) + 7 * 3600;  // Vietnam time, UTC+07:00, no daylight saving
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

std::string sign_document(std::string pdf, const layout::DocumentInfo& info,
                          const std::vector<OpenedSignature>& signatures, const std::string& time,
                          const text::FontFamily& fonts, std::vector<Diagnostic>* warnings) {
  int used[3] = {0, 0, 0};
  std::optional<layout::Appearance> signature;  // the last signer's image: the seal goes over it
  for (const auto& s : signatures) {
    const auto role = s.request.role;
    std::vector<const layout::SignatureSlot*> slots;
    for (const auto& slot : info.signature_slots) {
      if (slot.role == role) slots.push_back(&slot);
    }
    if (slots.empty()) {
      throw Error(ErrorKind::Signature,
                  trf("the document has no place for a signature of role {0} (a form or a file vanban did not lay "
                      "out: sign with the role info, or give the page and rectangle)",
                      role_name(role)));
    }
    const layout::SignatureSlot slot = *slots[std::min<size_t>(used[int(role)]++, slots.size() - 1)];
    layout::Appearance a;
    a.page = slot.page;
    switch (role) {
      case layout::SignatureRole::Signer:
        if (s.image) {
          a = layout::signer_appearance(slot, s.image, s.request.image_width_mm, s.request.image_png, warnings);
          signature = a;
        }
        break;
      case layout::SignatureRole::Body:
        if (s.image) {
          a = layout::seal_appearance(signature ? layout::seal_slot_over(*signature, slot) : slot, s.image,
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

}  // namespace vanban::detail
