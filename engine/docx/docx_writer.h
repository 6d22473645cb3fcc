// Realized document -> DOCX (WordprocessingML written with pugixml, packaged with libzip).
// An administrative document is read from the realized document (realize/realized.h),
// the same one layout sets for the PDF, never from the document tree: what is printed,
// its numbering, labels and styles were decided there once, so PDF and DOCX agree. Nor
// are the laid-out pages read: Word and LibreOffice lay the text out themselves, from
// named styles that carry the Decree 30 formatting so a clerk who edits keeps it.
#pragma once
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/raster_image.h"
#include "model/document.h"
#include "model/form_data.h"
#include "model/recipient_list.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::docx {

struct DocxOptions {
  // ISO 8601 ("2021-03-05T08:00:00+07:00"); empty = now. With a fixed date the bytes
  // are identical from run to run.
  std::string creation_date;
};

// An administrative document (its appendices, attached forms included), in its
// template (document.tpl): the regions in their order, one section per page-numbering
// group (a PageBreak region starts the next).
std::string write_document(const realize::Document& document, const text::FontFamily& fonts,
                           const DocxOptions& options);

// Forms: one per record, each in its own section with its own page numbering; `blank`
// writes one empty form.
std::string write_forms(const style::Template& form, const std::vector<model::FormRecord>& records, bool blank,
                        const text::FontFamily& fonts, const DocxOptions& options);

struct CertificateDocxOptions {
  double scale = 1;              // 1 = the template's paper (A4 landscape); √2 = A3
  bool print_on_blank = false;   // only the variable text; the fixed lines keep their room
  double offset_x = 0, offset_y = 0;  // pt (print on blank)
  std::shared_ptr<const RasterImage> emblem, seal, signature;
  // A batch's document.xml and QR codes are made twice (measured, then zipped) except
  // for the first `keep_bytes` of them, kept in memory from the first time. Any value
  // gives the same bytes.
  uint64_t keep_bytes = 64 << 20;
};

// Certificates: one section (one page) per row, in the order given. Every row must make
// a certificate (wording::certificate_text): the caller reports the rows that do not.
// The border is the page border of each section; the name shrinks to fit one line down
// to the template's minimum size, as in the PDF; the bottom blocks are frames anchored
// to the page; images are floating pictures anchored to the page.
//
// The batch is streamed: document.xml is made a row at a time while the ZIP is written
// (after a first pass that measures it), so memory does not grow with the rows (the
// images are stored once; a QR code is made when its part is zipped).
std::string write_certificates(const style::Template& tpl, const std::vector<const model::ListRow*>& rows,
                               const CertificateDocxOptions& certificate, const text::FontFamily& fonts,
                               const DocxOptions& options);
// The same written to `out` (the same bytes).
void write_certificates(const style::Template& tpl, const std::vector<const model::ListRow*>& rows,
                        const CertificateDocxOptions& certificate, const text::FontFamily& fonts,
                        const DocxOptions& options, std::ostream& out);

}  // namespace vanban::docx
