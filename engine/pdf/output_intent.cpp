#include "pdf/output_intent.h"

#include <lcms2.h>

#include "core/error.h"
#include "core/i18n.h"

namespace vanban::pdf {

using namespace PoDoFo;

namespace {

// Why Little CMS rather than a profile file from a Debian package (icc-profiles-free,
// colord): the library is already a dependency of PoDoFo's own dependencies on Debian, the
// profile then exists wherever the library runs (no data file to find, install or lose),
// and no ICC binary is committed. Version 4.2 (ICC.1:2004-10, the version ISO 32000-1 and so
// PDF/A-2 refer to): its parametric curves make a 588-byte profile, where version 2's
// sampled curves take 8.8 KB that barely compress (a cost every PDF/A file would pay).
std::string make_profile() {
  cmsHPROFILE profile = cmsCreate_sRGBProfile();
  if (!profile) throw Error(ErrorKind::Output, tr("Little CMS could not build the sRGB profile"));
  cmsSetProfileVersion(profile, 4.2);
  cmsUInt32Number size = 0;
  std::string bytes;
  if (cmsSaveProfileToMem(profile, nullptr, &size) && size > 128) {
    bytes.resize(size);
    if (!cmsSaveProfileToMem(profile, bytes.data(), &size)) bytes.clear();
  }
  cmsCloseProfile(profile);
  if (bytes.size() < 128) throw Error(ErrorKind::Output, tr("Little CMS could not build the sRGB profile"));
  // The header's creation date (bytes 24..35, six big-endian 16-bit numbers) is the time of
  // the call: fixed to 2020-01-01 00:00:00 so the output does not depend on it. The
  // profile ID (bytes 84..99) stays zero: "not computed", which ICC allows.
  const unsigned short date[6] = {2020, 1, 1, 0, 0, 0};
  for (int i = 0; i < 6; ++i) {
    bytes[24 + 2 * i] = static_cast<char>(date[i] >> 8);
    bytes[25 + 2 * i] = static_cast<char>(date[i] & 0xFF);
  }
  return bytes;
}

}  // namespace

const std::string& srgb_icc_profile() {
  static const std::string profile = make_profile();  // immutable once built (thread-safe init)
  return profile;
}

void add_output_intent(PdfVecObjects& objects, PdfObject* catalog) {
  const std::string& icc = srgb_icc_profile();
  PdfObject* stream = objects.CreateObject();
  stream->GetDictionary().AddKey("N", PdfVariant(static_cast<pdf_int64>(3)));
  TVecFilters flate;
  flate.push_back(ePdfFilter_FlateDecode);
  stream->GetStream()->Set(icc.data(), static_cast<pdf_long>(icc.size()), flate);
  PdfDictionary intent;
  intent.AddKey("Type", PdfName("OutputIntent"));
  intent.AddKey("S", PdfName("GTS_PDFA1"));
  intent.AddKey("OutputConditionIdentifier", PdfString("sRGB IEC61966-2.1"));
  intent.AddKey("RegistryName", PdfString("http://www.color.org"));
  intent.AddKey("Info", PdfString("sRGB IEC61966-2.1"));
  intent.AddKey("DestOutputProfile", stream->Reference());
  PdfArray intents;
  intents.push_back(intent);
  catalog->GetDictionary().AddKey("OutputIntents", intents);
}

}  // namespace vanban::pdf
