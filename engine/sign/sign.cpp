#include "sign/sign.h"

#include <openssl/evp.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <set>

#include "core/error.h"
#include "core/i18n.h"
#include "pdf/appearance.h"
#include "pdf/content.h"
#include "sign/cms.h"
#include "sign/incremental.h"
#include "sign/key.h"

namespace vanban::sign {

using namespace PoDoFo;

std::shared_ptr<const Signer> open_signer(const KeySource& source) {
  if (!source.p12_path.empty()) return open_p12(source);
  if (!source.pkcs11_module.empty()) return open_pkcs11(source);
  throw Error(ErrorKind::Signature, tr("no key to sign with: give a PKCS#12 file or a PKCS#11 module"));
}

namespace {

// "D:20210305091530+07'00'" from ISO 8601 "2021-03-05T09:15:30+07:00" (or …Z); empty:
// now in Vietnam time. Error(Input) naming the value when it is not such a time.
std::string pdf_date(const std::string& iso) {
  int y, mo, d, h, mi, s;
  if (iso.empty()) {
    std::time_t now = std::time(nullptr) + 7 * 3600;
    std::tm t{};
    gmtime_r(&now, &t);
    char buf[40];
    std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d+07'00'", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday,
                  t.tm_hour, t.tm_min, t.tm_sec);
    return buf;
  }
  int used = 0;
  bool ok = std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) == 6 &&
            used == 19 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60 && y >= 1900;
  std::string rest = ok ? iso.substr(19) : std::string();
  std::string offset;
  if (ok && rest == "Z") {
    offset = "Z";
  } else if (ok && rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
             std::isdigit(static_cast<unsigned char>(rest[1])) && std::isdigit(static_cast<unsigned char>(rest[2])) &&
             std::isdigit(static_cast<unsigned char>(rest[4])) && std::isdigit(static_cast<unsigned char>(rest[5]))) {
    offset = rest.substr(0, 3) + "'" + rest.substr(4, 2) + "'";
  } else {
    ok = false;
  }
  if (!ok) {
    throw Error(ErrorKind::Input,
                trf("the signing time \"{0}\" is not an ISO 8601 time with its offset, such as 2021-03-05T09:15:30+07:00", iso),
                {}, 0, 0, "signing_time");
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, s);
  return buf + offset;
}

// A text string of the signature dictionary: ASCII as a literal string (dates are read
// that way by every reader), anything else as UTF-16BE with its byte-order mark, in hex.
std::string text_string(const std::string& utf8) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c >= 0x20 && c < 0x7F;
  if (ascii) {
    std::string out = "(";
    for (char c : utf8) {
      if (c == '(' || c == ')' || c == '\\') out += '\\';
      out += c;
    }
    return out + ")";
  }
  static const char* hex = "0123456789ABCDEF";
  std::string out = "<FEFF";
  auto unit = [&](unsigned u) {
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(u >> shift) & 15];
  };
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n; ++k) {
      unsigned char cc = i + k < utf8.size() ? static_cast<unsigned char>(utf8[i + k]) : 0;
      if ((cc & 0xC0) != 0x80) n = 0;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (n == 0) {  // not UTF-8: the replacement character, one byte consumed
      cp = 0xFFFD;
      n = 1;
    }
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out + ">";
}

// "Signature<n>" for the n-th signature field of the AcroForm's `fields`, unless a
// field of that name exists.
std::string new_field_name(const IncrementalUpdate& u, const PdfObject* fields) {
  std::set<std::string> names;
  size_t signatures = 0;
  for (const PdfObject& f : fields && fields->IsArray() ? fields->GetArray() : PdfArray()) {
    const PdfObject* field = u.resolve(&f);
    const PdfObject* t = field ? u.lookup(*field, "T") : nullptr;
    const PdfObject* type = field ? u.lookup(*field, "FT") : nullptr;
    if (t && t->IsString()) names.insert(t->GetString().GetStringUtf8());
    if (type && type->IsName() && type->GetName() == PdfName("Sig")) ++signatures;
  }
  std::string name;
  for (size_t n = signatures + 1; name.empty() || names.count(name); ++n) name = "Signature" + std::to_string(n);
  return name;
}

// Adds `item` to the array under `key` of `holder` (an object being changed): into the
// array itself when it is an indirect object of its own, else inline (created if absent).
void append_to(IncrementalUpdate& u, PdfObject& holder, const char* key, const PdfReference& item) {
  PdfDictionary& d = holder.GetDictionary();
  const PdfObject* value = d.GetKey(key);
  if (value && value->IsReference()) {
    PdfObject& array = u.change(value->GetReference());
    if (array.IsArray()) {
      array.GetArray().push_back(item);
      return;
    }
  }
  PdfArray items;
  if (value && value->IsArray()) items = value->GetArray();
  items.push_back(item);
  d.AddKey(key, items);
}

constexpr size_t kByteRangeWidth = 4 * 11 + 4;  // "0 a b c" with ten-digit numbers

}  // namespace

namespace {

std::string sign_update(std::string_view pdf, const Key* key, const SignOptions& options, const std::string& date);

}  // namespace

std::string sign_pdf(std::string_view pdf, const Signer& signer, const SignOptions& options) {
  const auto* key = dynamic_cast<const Key*>(&signer);
  if (!key) throw Error(ErrorKind::Signature, tr("the signer was not opened by open_signer"));
  const std::string date = pdf_date(options.signing_time);
  try {
    return sign_update(pdf, key, options, date);
  } catch (const PdfError& e) {
    // PoDoFo parses the file's objects as they are reached: a damaged one fails here.
    throw Error(ErrorKind::Input, trf("the PDF cannot be signed: {0}", podofo_message(e)));
  }
}

namespace {

std::string sign_update(std::string_view pdf, const Key* key, const SignOptions& options, const std::string& date) {

  IncrementalUpdate u(pdf);
  PdfReference page = u.page(options.page);
  PdfReference sig = u.reserve();
  PdfObject* field = u.added().CreateObject();

  // The AcroForm: the file's (its fields kept, ours added) or a new one in the catalog;
  // /SigFlags 3: signatures exist, the file is to be changed only by appending.
  const PdfObject* acro_value = u.current(u.root())->GetDictionary().GetKey("AcroForm");
  PdfObject* acro = nullptr;
  if (acro_value && acro_value->IsReference() && u.resolve(acro_value) && u.resolve(acro_value)->IsDictionary()) {
    acro = &u.change(acro_value->GetReference());
  } else {
    PdfDictionary& catalog = u.change(u.root()).GetDictionary();
    if (!acro_value || !acro_value->IsDictionary()) catalog.AddKey("AcroForm", PdfDictionary());
    acro = catalog.GetKey("AcroForm");
  }
  std::string name = options.field_name.empty() ? new_field_name(u, u.lookup(*acro, "Fields")) : options.field_name;
  append_to(u, *acro, "Fields", field->Reference());
  acro->GetDictionary().AddKey("SigFlags", PdfVariant(static_cast<pdf_int64>(3)));

  // The field and its widget in one dictionary; printed (/F 4), on its page.
  PdfDictionary& f = field->GetDictionary();
  f.AddKey("Type", PdfName("Annot"));
  f.AddKey("Subtype", PdfName("Widget"));
  f.AddKey("FT", PdfName("Sig"));
  f.AddKey("T", PdfString(reinterpret_cast<const pdf_utf8*>(name.c_str())));
  f.AddKey("V", sig);
  f.AddKey("F", PdfVariant(static_cast<pdf_int64>(4)));
  f.AddKey("P", page);
  PdfArray rect;
  const layout::Drawing& look = options.appearance;
  if (look.width > 0 && look.height > 0) {
    PdfRect box = u.visible_box(page);
    double left = pdf::checked(box.GetLeft() + options.x), top = pdf::checked(box.GetBottom() + box.GetHeight() - options.y);
    for (double v : {left, top - look.height, left + look.width, top}) rect.push_back(PdfVariant(v));
    PdfDictionary ap;
    ap.AddKey("N", pdf::write_form(u.added(), look)->Reference());
    f.AddKey("AP", ap);
  } else {
    for (int i = 0; i < 4; ++i) rect.push_back(PdfVariant(static_cast<pdf_int64>(0)));
  }
  f.AddKey("Rect", rect);
  append_to(u, u.change(page), "Annots", field->Reference());

  // The signature dictionary, written by hand around a /Contents hole for the CMS; the
  // ByteRange is filled in once the offsets are known. A B-T hole leaves room for the
  // timestamp token; a CMS that still does not fit is made again in a larger hole.
  std::string fixed = "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M" + text_string(date);
  if (!options.reason.empty()) fixed += "/Reason" + text_string(options.reason);
  if (!options.location.empty()) fixed += "/Location" + text_string(options.location);
  if (!options.contact.empty()) fixed += "/ContactInfo" + text_string(options.contact);
  fixed += "/ByteRange[";
  size_t hole = cms_size_estimate(*key) + (options.tsa_url.empty() ? 0 : 8192);
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string head = std::to_string(sig.ObjectNumber()) + " 0 obj\n" + fixed;
    u.set_raw(sig, head + std::string(kByteRangeWidth, ' ') + "]/Contents<" + std::string(2 * hole, '0') + ">>>\nendobj\n");
    std::map<uint32_t, size_t> offsets;
    std::string out = u.write(&offsets);
    size_t range_at = offsets.at(sig.ObjectNumber()) + head.size();
    size_t lt = range_at + kByteRangeWidth + std::string_view("]/Contents").size();
    size_t gt_end = lt + 2 * hole + 2;
    std::string range = "0 " + std::to_string(lt) + " " + std::to_string(gt_end) + " " + std::to_string(out.size() - gt_end);
    out.replace(range_at, range.size(), range);

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(md, EVP_sha256(), nullptr);
    EVP_DigestUpdate(md, out.data(), lt);
    EVP_DigestUpdate(md, out.data() + gt_end, out.size() - gt_end);
    EVP_DigestFinal_ex(md, digest, &digest_len);
    EVP_MD_CTX_free(md);

    std::string cms = build_cms(*key, std::string_view(reinterpret_cast<char*>(digest), digest_len), options.tsa_url);
    if (cms.size() > hole) {
      hole = cms.size() + 1024;
      continue;
    }
    static const char* hex = "0123456789ABCDEF";
    for (size_t i = 0; i < cms.size(); ++i) {
      out[lt + 1 + 2 * i] = hex[static_cast<unsigned char>(cms[i]) >> 4];
      out[lt + 2 + 2 * i] = hex[static_cast<unsigned char>(cms[i]) & 15];
    }
    return out;
  }
  throw Error(ErrorKind::Signature, tr("the signature does not fit the room left for it in the PDF"));
}

}  // namespace

}  // namespace vanban::sign
