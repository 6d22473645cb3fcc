// Document tree -> DOCX (WordprocessingML written with pugixml, packaged with libzip).
// Reads the document tree and the template, never the laid-out pages: Word and
// LibreOffice lay the text out themselves, from named styles that carry the Decree 30
// formatting so a clerk who edits keeps it.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "model/document.h"
#include "model/form_data.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::docx {

struct DocxOptions {
  // ISO 8601 ("2021-03-05T08:00:00+07:00"); empty = now. With a fixed date the bytes
  // are identical from run to run.
  std::string creation_date;
};

using FormTemplates = std::map<std::string, const style::Template*>;

// An administrative document (its appendices, attached forms included).
std::string write_document(const model::Document& document, const style::Template& tpl,
                           const FormTemplates& forms, const text::FontFamily& fonts, const DocxOptions& options);

// Forms: one per record, each in its own section with its own page numbering; `blank`
// writes one empty form.
std::string write_forms(const style::Template& form, const std::vector<model::FormRecord>& records, bool blank,
                        const text::FontFamily& fonts, const DocxOptions& options);

}  // namespace vanban::docx
