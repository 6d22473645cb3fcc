#include "docx/docx_writer.h"
#include "docx/writer.h"

#include "core/error.h"
#include "core/i18n.h"

namespace vanban::docx {

std::string write_document(const realize::Document& document, const text::FontFamily& fonts,
                           const DocxOptions& options) {
  if (!document.tpl) throw Error(ErrorKind::Output, tr("a realized document without its template"));
  Writer w(*document.tpl, fonts, options);
  w.document(document);
  return w.finish(document.title, document.author);
}

std::string write_forms(const style::Template& form, const std::vector<model::FormRecord>& records, bool blank,
                        const text::FontFamily& fonts, const DocxOptions& options) {
  Writer w(form, fonts, options);
  std::vector<const model::FormRecord*> list;
  if (blank || records.empty()) list.push_back(nullptr);
  else for (const auto& r : records) list.push_back(&r);
  w.forms(list);
  return w.finish(form.form.title, "");
}

std::string write_certificates(const style::Template& tpl, const std::vector<const model::ListRow*>& rows,
                               const CertificateDocxOptions& certificate, const text::FontFamily& fonts,
                               const DocxOptions& options) {
  if (rows.empty()) throw Error(ErrorKind::Output, tr("no certificate to write"));
  Writer w(tpl, fonts, options);
  w.certificates(rows, certificate);
  const auto& c = tpl.certificate;
  return w.finish(c.title_lines.empty() ? tpl.name : c.title_lines.front(), c.issuer);
}

void write_certificates(const style::Template& tpl, const std::vector<const model::ListRow*>& rows,
                        const CertificateDocxOptions& certificate, const text::FontFamily& fonts,
                        const DocxOptions& options, std::ostream& out) {
  if (rows.empty()) throw Error(ErrorKind::Output, tr("no certificate to write"));
  Writer w(tpl, fonts, options);
  w.certificates(rows, certificate);
  const auto& c = tpl.certificate;
  w.finish(c.title_lines.empty() ? tpl.name : c.title_lines.front(), c.issuer, out);
}

}  // namespace vanban::docx
