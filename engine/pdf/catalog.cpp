#include "pdf/catalog.h"

#include "pdf/metadata.h"
#include "pdf/output_intent.h"

namespace vanban::pdf {

using namespace PoDoFo;

void complete_catalog(PdfMemDocument& doc, const layout::DocumentInfo& info, const WriteOptions& options) {
  PdfObject* catalog = doc.GetCatalog();
  PdfDictionary& info_dict = doc.GetInfo()->GetObject()->GetDictionary();
  layout::DocumentInfo written = info;
  if (written.creation_date.empty()) {
    // PoDoFo dated the Info dictionary when the document was made: the XMP says the same.
    if (const PdfObject* date = info_dict.GetKey("CreationDate"); date && date->IsString())
      written.creation_date = date->GetString().GetStringUtf8();
    if (!written.creation_date.empty()) info_dict.AddKey("ModDate", PdfString(written.creation_date));
  }
  // The metadata stream, unfiltered so that a tool that does not read PDF finds it
  // (ISO 19005-2 6.6.2.1: no Filter).
  // Conformance A (tagged PDF/A) is claimed only for a file that has the structure tree and
  // MarkInfo (ISO 19005-2 6.7.2.2, 6.7.3); without them the file is what it can be, 2u.
  WriteOptions claimed = options;
  if (claimed.pdfa == PdfA::A2a &&
      !(catalog->GetDictionary().HasKey("StructTreeRoot") && catalog->GetDictionary().HasKey("MarkInfo")))
    claimed.pdfa = PdfA::A2u;
  const std::string xmp = xmp_packet(written, claimed);
  PdfObject* metadata = doc.GetObjects().CreateObject("Metadata");
  metadata->GetDictionary().AddKey("Subtype", PdfName("XML"));
  metadata->GetStream()->Set(xmp.data(), static_cast<pdf_long>(xmp.size()), TVecFilters());
  catalog->GetDictionary().AddKey("Metadata", metadata->Reference());
  if (!info.language.empty())
    catalog->GetDictionary().AddKey("Lang", PdfString(reinterpret_cast<const pdf_utf8*>(info.language.c_str())));
  if (options.pdfa != PdfA::None) add_output_intent(doc.GetObjects(), catalog);
}

}  // namespace vanban::pdf
