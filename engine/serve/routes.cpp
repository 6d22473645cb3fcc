// POST /api/render, /api/validate, /api/check, /api/batch: a request's body through the
// engine (docs/serve.md). Nothing here reads or writes a file: the data is the body, the
// template one loaded at start, and a model may name attached forms only by name.
#include <nlohmann/json.hpp>

#include "core/i18n.h"
#include "model/form_data.h"
#include "serve/api_json.h"

namespace vanban::serve {
namespace {

bool flag(const Request& rq, const std::string& key) {
  const std::string v = rq.param(key);
  return rq.has(key) && v != "0" && v != "false" && v != "no";
}

// What a request's body is called in its diagnostics: "request.json", ".xml" or ".csv" by
// its media type (the readers also look at the bytes).
std::string source_name(const Request& rq) {
  const std::string& t = rq.content_type;
  if (t.find("csv") != std::string::npos) return "request.csv";
  if (t.find("xml") != std::string::npos) return "request.xml";
  return "request.json";
}

bool is_document(const style::Template& tpl) { return tpl.layout == "administrative-document"; }

std::string base64(std::string_view bytes) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int s : {18, 12, 6, 0}) out += kDigits[(v >> s) & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kDigits[(v >> 18) & 63];
    out += kDigits[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kDigits[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// A file name for Content-Disposition: the template's name (ASCII by is_template_name).
std::string download_name(const std::string& tpl, const std::string& ext) { return tpl + "." + ext; }

}  // namespace

// The request's render options: the server's limits; ?date= fixes the creation date
// (byte-identical output; an impossible date is a 400).
RenderOptions request_render_options(const Request& rq, const ServeOptions& options,
                                     std::vector<Diagnostic>* warnings) {
  RenderOptions ro;
  ro.limits = options.limits;
  ro.creation_date = rq.param("date");
  if (!ro.creation_date.empty()) pdf_date_from_iso(ro.creation_date);
  ro.warnings = warnings;
  return ro;
}

// A document model read from the body: every appendix's form must be a template's name
// (Engine::load_template would take a path) — a request reads no file.
model::Document Api::load_request_document(const Request& rq) const {
  model::Document doc = engine_.load_document(rq.body, source_name(rq), options_.limits);
  for (const auto& a : doc.appendices) {
    if (a.form.empty()) continue;
    Reply unused;
    if (!is_template_name(a.form)) {
      throw Error(ErrorKind::Model, trf("an appendix's form is named by a template name, not a path: \"{0}\"", a.form),
                  source_name(rq), 0, 0, a.field_path + ".form");
    }
    if (!find(a.form, unused)) {
      throw Error(ErrorKind::Model, trf("unknown form \"{0}\"", a.form), source_name(rq), 0, 0,
                  a.field_path + ".form");
    }
  }
  return doc;
}

layout::LaidOutDocument Api::lay_out_request(const Entry& e, const Request& rq,
                                             std::vector<Diagnostic>* warnings) const {
  const bool blank = flag(rq, "blank");
  layout::LaidOutDocument laid_out =
      is_document(e.tpl) && !blank ? engine_.layout(load_request_document(rq), e.tpl)
                                   : engine_.lay_out(e.tpl, rq.body, source_name(rq), blank, options_.limits, warnings);
  if (laid_out.pages.size() > options_.max_pages) {
    throw Error(ErrorKind::Model,
                trf("the document has {0} pages, more than this server makes (limit max_pages {1})",
                    laid_out.pages.size(), options_.max_pages),
                source_name(rq));
  }
  return laid_out;
}

Reply Api::render(const Request& rq) const {
  Reply r;
  const Entry* e = find(rq.param("template"), r);
  if (!e) return r;
  const std::string format = rq.has("format") ? rq.param("format") : "pdf";
  if (format != "pdf" && format != "docx" && format != "svg") {
    return error_reply(400, ErrorKind::Usage, trf("format takes pdf, docx or svg, not \"{0}\"", format.substr(0, 20)),
                       "format");
  }
  std::vector<Diagnostic> warnings;
  const RenderOptions ro = request_render_options(rq, options_, &warnings);
  if (format == "docx") {
    r.body = is_document(e->tpl) && !flag(rq, "blank")
                 ? engine_.render_document(load_request_document(rq), e->tpl, OutputFormat::Docx, ro)
                 : engine_.render_docx(e->tpl, rq.body, source_name(rq), ro, flag(rq, "blank"));
    r.media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    r.file_name = download_name(e->info.name, "docx");
    return r;
  }
  const layout::LaidOutDocument laid_out = lay_out_request(*e, rq, &warnings);
  if (format == "pdf") {
    r.body = engine_.write_pdf(laid_out, ro);
    r.media_type = "application/pdf";
    r.file_name = download_name(e->info.name, "pdf");
    return r;
  }
  return svg_reply(laid_out, ro, rq, warnings);
}

Reply Api::validate(const Request& rq) const {
  Reply r;
  const Entry* e = find(rq.param("template"), r);
  if (!e) return r;
  std::vector<Diagnostic> warnings;
  nlohmann::ordered_json out;
  try {
    const layout::LaidOutDocument laid_out = lay_out_request(*e, rq, &warnings);
    out = {{"ok", true}, {"pages", laid_out.pages.size()}, {"diagnostics", diagnostics_json(warnings)}};
  } catch (const Error& err) {
    if (err.kind() == ErrorKind::Usage) throw;
    std::vector<Diagnostic> all = diagnostics_of(err);
    if (error_reply(err).status == 422) throw;
    all.insert(all.end(), warnings.begin(), warnings.end());
    out = {{"ok", false}, {"pages", 0}, {"diagnostics", diagnostics_json(all)}};
  }
  r.body = dump(out);
  return r;
}

Reply Api::check(const Request& rq) const {
  Reply r;
  const Entry* e = find(rq.param("template"), r);
  if (!e) return r;
  if (!is_document(e->tpl)) {
    return error_reply(400, ErrorKind::Usage,
                       trf("check is for documents; template \"{0}\" lays out a {1}", e->info.name, layout_name(e->tpl)),
                       "template");
  }
  std::vector<Diagnostic> findings;
  try {
    load_request_document(rq);  // the forms it names are names
    findings = engine_.check(e->tpl, rq.body, source_name(rq), options_.limits);
  } catch (const Error& err) {
    if (err.kind() == ErrorKind::Usage || error_reply(err).status == 422) throw;
    findings = diagnostics_of(err);
  }
  bool ok = true;
  for (auto& d : findings) {
    if (d.file.empty()) d.file = source_name(rq);
    ok = ok && d.severity != Severity::Error;
  }
  r.body = dump({{"ok", ok}, {"diagnostics", diagnostics_json(findings)}});
  return r;
}

Reply Api::batch(const Request& rq) const {
  Reply r;
  const Entry* e = find(rq.param("template"), r);
  if (!e) return r;
  const std::string format = rq.has("format") ? rq.param("format") : "pdf";
  if (format != "pdf" && format != "docx") {
    return error_reply(400, ErrorKind::Usage, trf("format takes pdf or docx, not \"{0}\"", format.substr(0, 20)),
                       "format");
  }
  const std::string list_name = rq.has("name") ? rq.param("name") : "list.csv";
  std::vector<Diagnostic> warnings;
  const RenderOptions ro = request_render_options(rq, options_, &warnings);
  nlohmann::ordered_json out;
  std::string bytes;
  if (e->tpl.layout == "certificate") {
    BatchOptions bo;
    bo.list.limits = options_.limits;
    bo.list.limits.max_rows = std::min(bo.list.limits.max_rows, options_.max_pages);
    bo.sort_by_given_name = flag(rq, "sort");
    bo.group_by_unit = flag(rq, "group");
    bo.jobs = 1;  // the pool's threads are the server's parallelism
    const BatchResult result = engine_.certificates_file(e->tpl, rq.body, list_name, bo, ro,
                                                         format == "pdf" ? OutputFormat::Pdf : OutputFormat::Docx, bytes);
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const auto& x : result.errors) {
      errors.push_back({{"row", x.row}, {"column", x.column}, {"field", x.field}, {"stt", x.stt}, {"message", x.message}});
    }
    warnings.insert(warnings.end(), result.warnings.begin(), result.warnings.end());
    out = {{"rows", result.rows}, {"produced", result.produced}, {"errors", errors}};
  } else if (e->tpl.layout == "form") {
    // Forms: every record read and laid out, or none (the readers report every bad
    // record at once; each error names its row).
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    size_t records = 0;
    try {
      const std::string source = list_name.ends_with(".csv") ? "request.csv" : source_name(rq);
      const auto all = model::load_form_records(rq.body, source, layout::form_schema(e->tpl), options_.limits, &warnings);
      records = all.size();
      if (records > options_.max_pages) {
        throw Error(ErrorKind::Model, trf("more than {0} records (limit max_pages)", options_.max_pages), source);
      }
      bytes = format == "pdf" ? engine_.write_pdf(layout::layout_forms(e->tpl, all, false, engine_.fonts()), ro)
                              : engine_.render_docx(e->tpl, rq.body, source, ro, false);
    } catch (const Error& err) {
      if (err.kind() == ErrorKind::Usage || error_reply(err).status == 422) throw;
      for (const auto& d : diagnostics_of(err)) {
        if (d.severity != Severity::Error) continue;
        errors.push_back({{"row", d.line}, {"column", d.column}, {"field", d.field}, {"stt", ""}, {"message", d.message}});
      }
    }
    out = {{"rows", records}, {"produced", bytes.empty() ? 0 : records}, {"errors", errors}};
  } else {
    return error_reply(400, ErrorKind::Usage,
                       trf("batch is for certificates and forms; template \"{0}\" lays out a document", e->info.name),
                       "template");
  }
  out["media_type"] = format == "pdf" ? "application/pdf"
                                      : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  out["file_name"] = bytes.empty() ? "" : download_name(e->info.name, format);
  out["file"] = base64(bytes);
  out["warnings"] = diagnostics_json(warnings);
  r.body = dump(out);
  return r;
}

}  // namespace vanban::serve
