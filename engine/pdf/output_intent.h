// The sRGB output intent of a PDF/A file (ISO 19005-2 6.2.3): the colours vanban draws
// (DeviceRGB text, rules, images) are meant as sRGB, and the profile says so.
#pragma once
#include <podofo/podofo.h>

#include <string>

namespace vanban::pdf {

// An sRGB ICC profile (version 4.2, display class), built in memory by Little CMS.
// The same bytes on every call and every machine: the header's creation date is fixed.
const std::string& srgb_icc_profile();

// Adds /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 … /DestOutputProfile>>] to
// `catalog`, the profile an object of `objects`.
void add_output_intent(PoDoFo::PdfVecObjects& objects, PoDoFo::PdfObject* catalog);

}  // namespace vanban::pdf
