// A drawing as a Form XObject (a signature field's appearance), in a document that is
// being updated: its fonts subset and embedded, its images, its own resources.
#pragma once
#include <podofo/podofo.h>

#include "layout/frame.h"

namespace vanban::pdf {

PoDoFo::PdfObject* write_form(PoDoFo::PdfVecObjects& objects, const layout::Drawing& drawing);

}  // namespace vanban::pdf
