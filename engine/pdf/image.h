// Raster images in a PDF: an image XObject (8-bit DeviceRGB, Flate) with its
// transparency as an /SMask (DeviceGray).
#pragma once
#include <podofo/podofo.h>

#include "core/raster_image.h"

namespace vanban::pdf {

// Creates the image XObject of `image` in `objects`; Error(Output) for an empty or
// malformed image.
// Uses the image's deflated streams when it has them.
PoDoFo::PdfObject* embed_image(PoDoFo::PdfVecObjects& objects, const RasterImage& image);

// Compresses the image's samples once (RasterImage::deflated_rgb/alpha), so that each file
// it is embedded in copies the streams instead of compressing them again.
void deflate_image(RasterImage& image);

}  // namespace vanban::pdf
