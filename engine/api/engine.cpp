#include "vanban/engine.h"

#include <pugixml.hpp>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <atomic>
#include <filesystem>
#include <set>

#include "core/file_io.h"
#include "core/i18n.h"
#include "core/parallel.h"
#include "model/form_data.h"
#include "wording/wording.h"
#include "model/reader.h"
#include "docx/docx_writer.h"
#include "pdf/pdf_writer.h"
#include "realize/realized.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A file named `name` in `dir`, compared without regard to ASCII case.
std::string find_in_dir(const std::string& dir, const std::string& name) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (lower(entry.path().filename().string()) == lower(name)) return entry.path().string();
  }
  return {};
}

// Resolves the four faces from the manifest (see fonts/fonts.xml).
std::array<std::string, 4> resolve_faces(const EngineOptions& options) {
  pugi::xml_document doc;
  auto parsed = doc.load_file(options.font_manifest.c_str());
  if (!parsed) {
    throw Error(ErrorKind::Font, trf("cannot read the font manifest: {0}", parsed.description()),
                options.font_manifest);
  }
  pugi::xml_node family = doc.child("fonts").child("family");
  if (!family) throw Error(ErrorKind::Font, tr("the font manifest names no <family>"), options.font_manifest);
  static const char* styles[4] = {"regular", "bold", "italic", "bold-italic"};
  std::array<std::string, 4> paths;
  for (int i = 0; i < 4; ++i) {
    pugi::xml_node face = family.find_child_by_attribute("face", "style", styles[i]);
    if (!face) {
      throw Error(ErrorKind::Font, trf("the font manifest has no {0} face", styles[i]),
                  options.font_manifest);
    }
    if (!options.font_dir.empty()) {
      std::string names;
      for (pugi::xml_node file : face.children("file")) {
        names += (names.empty() ? "" : ", ") + std::string(file.text().get());
        if (paths[i].empty()) paths[i] = find_in_dir(options.font_dir, file.text().get());
      }
      if (paths[i].empty()) {
        throw Error(ErrorKind::Font,
                    trf("no {0} face of {1} in the font directory (looked for {2})", styles[i],
                        family.attribute("name").value(), names),
                    options.font_dir);
      }
    } else {
      for (pugi::xml_node fallback : face.children("default")) {
        std::error_code ec;
        if (fs::is_regular_file(fallback.text().get(), ec)) {
          paths[i] = fallback.text().get();
          break;
        }
      }
      if (paths[i].empty()) {
        std::string first = face.child("default").text().get();
        throw Error(ErrorKind::Font,
                    trf("missing font file for the {0} face (install the Debian package fonts-liberation2, or pass a "
                        "font directory)",
                        styles[i]),
                    first);
      }
    }
  }
  return paths;
}

}  // namespace

Engine::Engine(const EngineOptions& options) : options_(options) {
  auto paths = resolve_faces(options_);
  font_paths_.assign(paths.begin(), paths.end());
  fonts_ = text::load_family(paths);
}

Engine::~Engine() = default;

style::Template Engine::load_template(const std::string& name_or_path) const {
  style::TemplateAccess access;
  access.allow_outside = options_.allow_template_paths;
  return style::load_template(name_or_path, options_.template_dirs, access);
}

namespace {

// "GIẤY KHEN" -> "Giấy khen": lower case (Vietnamese rules), the first letter upper.
std::string sentence_case(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.toLower(icu::Locale("vi"));
  if (!u.isEmpty()) {
    int32_t first = u.moveIndex32(0, 1);
    icu::UnicodeString head = u.tempSubString(0, first);
    u.replace(0, first, head.toUpper(icu::Locale("vi")));
  }
  std::string out;
  return u.toUTF8String(out);
}

// What a template makes: what it says (kind="Bản sao"), else its document type ("Kế
// hoạch"), a form's label ("Phụ lục 1"), a certificate's title ("Giấy khen").
std::string kind_of(const style::Template& tpl) {
  if (!tpl.kind.empty()) return tpl.kind;
  if (tpl.layout == "form") return tpl.form.label.empty() ? tpl.appendix.label_word : tpl.form.label;
  if (tpl.layout == "certificate") {
    std::string title;
    for (const auto& line : tpl.certificate.title_lines) title += (title.empty() ? "" : " ") + line;
    return sentence_case(title);
  }
  return tpl.type_name_sentence.empty() ? sentence_case(tpl.type_name) : tpl.type_name_sentence;
}

}  // namespace

std::vector<TemplateInfo> Engine::templates() const {
  std::vector<TemplateInfo> out;
  for (const auto& [name, path] : style::template_files(options_.template_dirs)) {
    TemplateInfo info{name, {}, path};
    try {
      style::Template tpl = load_template(path);
      if (tpl.abstract) continue;  // a base for others (nd30.xml), not a template to render with
      info.kind = kind_of(tpl);
    } catch (const Error&) {
      // Listed all the same (with no kind): rendering with it names what is wrong.
    }
    out.push_back(std::move(info));
  }
  return out;
}

model::Document Engine::load_document(std::string_view data, const std::string& source_name,
                                      const Limits& limits) const {
  return model::load_document(data, source_name, limits);
}

namespace {

// The form templates a document attaches as appendices, loaded once each.
struct AttachedForms {
  std::map<std::string, style::Template> templates;
  std::map<std::string, const style::Template*> by_name;
  AttachedForms(const Engine& engine, const model::Document& document) {
    for (const auto& a : document.appendices) {
      if (a.form.empty() || templates.count(a.form)) continue;
      by_name[a.form] = &(templates[a.form] = engine.load_template(a.form));
    }
  }
};

void check_document_layout(const style::Template& tpl) {
  if (tpl.layout != "administrative-document") {
    throw Error(ErrorKind::Template, trf("layout \"{0}\" is not known to this engine", tpl.layout), tpl.source_path);
  }
}

// model -> realize: every decision made once, for both writers; the realized document
// points into the attached form templates, so they live together.
struct Realized {
  AttachedForms forms;
  realize::Document document;
  Realized(const Engine& engine, const model::Document& d, const style::Template& tpl)
      : forms(engine, d), document(realize::realize_document(d, tpl, engine.fonts(), forms.by_name)) {}
};

}  // namespace

layout::LaidOutDocument Engine::layout(const model::Document& document, const style::Template& tpl) const {
  check_document_layout(tpl);
  return layout::layout_document(Realized(*this, document, tpl).document, *fonts_);
}

std::string Engine::render_docx(const style::Template& tpl, std::string_view data, const std::string& source_name,
                                const RenderOptions& options, bool blank) const {
  docx::DocxOptions docx_options;
  docx_options.creation_date = options.creation_date;
  if (!options.creation_date.empty()) pdf_date_from_iso(options.creation_date);  // checked as for a PDF
  if (tpl.layout == "form") {
    std::vector<model::FormRecord> records;
    if (!blank) records = model::load_form_records(data, source_name, layout::form_schema(tpl), options.limits, options.warnings);
    return docx::write_forms(tpl, records, blank, *fonts_, docx_options);
  }
  if (blank) throw Error(ErrorKind::Usage, tr("a blank print is for forms"), tpl.source_path);
  check_document_layout(tpl);
  return render_document(load_document(data, source_name, options.limits), tpl, OutputFormat::Docx, options);
}

std::string Engine::render_document(const model::Document& document, const style::Template& tpl, OutputFormat format,
                                    const RenderOptions& options) const {
  if (format == OutputFormat::Pdf) return write_pdf(layout(document, tpl), options);
  docx::DocxOptions docx_options;
  docx_options.creation_date = options.creation_date;
  if (!options.creation_date.empty()) pdf_date_from_iso(options.creation_date);  // checked as for a PDF
  check_document_layout(tpl);
  const Realized realized(*this, document, tpl);
  // Laying out checks what only layout checks (missing glyphs).
  layout::layout_document(realized.document, *fonts_);
  return docx::write_document(realized.document, *fonts_, docx_options);
}

std::string Engine::write_pdf(const layout::LaidOutDocument& laid_out, const RenderOptions& options) const {
  layout::DocumentInfo info = laid_out.info;
  if (!options.creation_date.empty()) info.creation_date = pdf_date_from_iso(options.creation_date);
  return pdf::write_pdf(laid_out.pages, info, laid_out.graphics);
}

layout::LaidOutDocument Engine::lay_out(const style::Template& tpl, std::string_view data,
                                        const std::string& source_name, bool blank, const Limits& limits,
                                        std::vector<Diagnostic>* warnings) const {
  if (tpl.layout == "form") {
    std::vector<model::FormRecord> records;
    if (!blank) records = model::load_form_records(data, source_name, layout::form_schema(tpl), limits, warnings);
    return layout::layout_forms(tpl, records, blank, *fonts_);
  }
  if (blank) {
    throw Error(ErrorKind::Usage, trf("a blank print is for forms; template \"{0}\" lays out a document", tpl.name),
                tpl.source_path);
  }
  return layout(load_document(data, source_name, limits), tpl);
}

std::string Engine::render_pdf(const std::string& template_name, std::string_view data,
                               const std::string& source_name, const RenderOptions& options, bool blank) const {
  return write_pdf(lay_out(load_template(template_name), data, source_name, blank, options.limits, options.warnings),
                   options);
}

namespace {

// Vietnamese name order: given name (the "ten" column, or the last word), then the
// middle names, then the family name, compared with ICU's "vi" collation.
struct NameKey {
  std::string given, middle, family;
};

NameKey name_key(const model::ListRow& row) {
  std::vector<std::string> words;
  std::string name = row.field("ho_ten"), w;
  for (char c : name + " ") {
    if (c == ' ') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  NameKey key;
  if (words.empty()) return key;
  const std::string& explicit_given = row.field("ten");
  key.given = explicit_given.empty() ? words.back() : explicit_given;
  key.family = words.size() > 1 ? words.front() : "";
  for (size_t i = 1; i + 1 < words.size(); ++i) key.middle += (key.middle.empty() ? "" : " ") + words[i];
  return key;
}

}  // namespace

layout::CertificateOptions Engine::with_images(const style::Template& tpl, const BatchOptions& options) {
  layout::CertificateOptions out = options.certificate;
  const auto& c = tpl.certificate;
  for (auto [image, given, named] : {std::tuple{&out.emblem, &options.emblem_png, &c.emblem_path},
                                     std::tuple{&out.seal, &options.seal_png, &c.seal_path},
                                     std::tuple{&out.signature, &options.signature_png, &c.signature_path}}) {
    const std::string& path = given->empty() ? *named : *given;
    if (!*image && !path.empty())
      *image = std::make_shared<const RasterImage>(read_png(path, options.list.limits));
  }
  return out;
}

std::vector<const model::ListRow*> Engine::batch_rows(const style::Template& tpl, const model::RecipientList& recipients,
                                                      const BatchOptions& options) const {
  if (tpl.layout != "certificate") {
    throw Error(ErrorKind::Template, trf("template \"{0}\" is not a certificate", tpl.name), tpl.source_path);
  }
  std::vector<const model::ListRow*> rows;
  for (const auto& r : recipients.rows) rows.push_back(&r);
  if (options.sort_by_given_name) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) throw Error(ErrorKind::Layout, tr("ICU has no Vietnamese collation"));
    std::vector<std::pair<NameKey, const model::ListRow*>> keyed;
    for (const auto* r : rows) keyed.emplace_back(name_key(*r), r);
    auto compare = [&](const std::string& a, const std::string& b) {
      UErrorCode st = U_ZERO_ERROR;
      return collator->compareUTF8(icu::StringPiece(a), icu::StringPiece(b), st);
    };
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      for (auto [p, q] : {std::pair{&a.first.given, &b.first.given}, std::pair{&a.first.middle, &b.first.middle},
                          std::pair{&a.first.family, &b.first.family}}) {
        int c = compare(*p, *q);
        if (c != 0) return c < 0;
      }
      return false;
    });
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = keyed[i].second;
  }
  if (options.group_by_unit) {  // units in the order they first appear, rows kept in order within
    std::map<std::string, size_t> first;
    for (const auto* r : rows) first.emplace(r->field("don_vi"), first.size());
    auto unit_rank = [&](const model::ListRow* r) { return first.at(r->field("don_vi")); };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const model::ListRow* a, const model::ListRow* b) { return unit_rank(a) < unit_rank(b); });
  }
  return rows;
}

BatchResult Engine::certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                 const BatchOptions& options, const CertificateSink& sink) const {
  check_batch_options(options);
  const layout::CertificateOptions certificate = with_images(tpl, options);
  model::RecipientList recipients = model::read_recipient_list(list, source_name, options.list);
  std::vector<const model::ListRow*> rows = batch_rows(tpl, recipients, options);
  const layout::CertificatePrototype prototype = layout::certificate_prototype(tpl, certificate, *fonts_);

  BatchResult result;
  result.rows = rows.size();
  result.warnings = recipients.warnings;
  const int jobs = std::max(1, std::min(options.jobs, 64));
  const size_t chunk = 256;
  std::vector<layout::Page> pages(chunk);
  std::vector<std::unique_ptr<BatchRowError>> failed(chunk);
  for (size_t begin = 0; begin < rows.size(); begin += chunk) {
    size_t end = std::min(rows.size(), begin + chunk);
    std::atomic<size_t> next{begin};
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < end;) {
        try {
          pages[i - begin] = layout::certificate_page(prototype, *rows[i]);
        } catch (const Error& e) {
          failed[i - begin] = std::make_unique<BatchRowError>(
              BatchRowError{e.line(), e.column(), e.field_path(), e.message(), rows[i]->field("stt")});
        }
      }
    };
    run_parallel(jobs, work);  // any other failure (out of memory) ends the batch, not the process
    for (size_t i = begin; i < end; ++i) {
      if (failed[i - begin]) {
        result.errors.push_back(*failed[i - begin]);
        failed[i - begin].reset();
        continue;
      }
      sink(i + 1, *rows[i], pages[i - begin]);
      pages[i - begin] = layout::Page();
      ++result.produced;
    }
    if (options.progress) options.progress(end, rows.size());
  }
  return result;
}

namespace {

layout::DocumentInfo certificate_info(const style::Template& tpl, const RenderOptions& render) {
  layout::DocumentInfo info;
  info.title = tpl.certificate.title_lines.empty() ? tpl.name : tpl.certificate.title_lines.front();
  info.author = tpl.certificate.issuer;
  if (!render.creation_date.empty()) info.creation_date = pdf_date_from_iso(render.creation_date);
  return info;
}

docx::CertificateDocxOptions docx_options(const layout::CertificateOptions& c) {
  docx::CertificateDocxOptions d;
  d.scale = c.scale;
  d.print_on_blank = c.print_on_blank;
  d.offset_x = c.offset_x;
  d.offset_y = c.offset_y;
  d.emblem = c.emblem;
  d.seal = c.seal;
  d.signature = c.signature;
  return d;
}

}  // namespace

BatchResult Engine::docx_certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                      const BatchOptions& options, const RenderOptions& render,
                                      const CertificateFileSink* per_row, std::ostream* out, std::string* bytes) const {
  check_batch_options(options);
  if (!render.creation_date.empty()) pdf_date_from_iso(render.creation_date);  // checked as for a PDF
  const docx::CertificateDocxOptions certificate = docx_options(with_images(tpl, options));
  model::RecipientList recipients = model::read_recipient_list(list, source_name, options.list);
  std::vector<const model::ListRow*> rows = batch_rows(tpl, recipients, options), good;
  BatchResult result;
  result.rows = rows.size();
  result.warnings = recipients.warnings;
  docx::DocxOptions docx;
  docx.creation_date = render.creation_date;
  for (size_t i = 0; i < rows.size(); ++i) {
    try {
      wording::certificate_text(tpl, *rows[i]);
    } catch (const Error& e) {
      result.errors.push_back(BatchRowError{e.line(), e.column(), e.field_path(), e.message(), rows[i]->field("stt")});
      continue;
    }
    ++result.produced;
    if (per_row) (*per_row)(i + 1, *rows[i], docx::write_certificates(tpl, {rows[i]}, certificate, *fonts_, docx));
    else good.push_back(rows[i]);
    if (options.progress && (i + 1) % 64 == 0) options.progress(i + 1, rows.size());
  }
  // One file: streamed, a row at a time (docx::write_certificates).
  if (!per_row && !good.empty()) {
    if (out) docx::write_certificates(tpl, good, certificate, *fonts_, docx, *out);
    else if (bytes) *bytes = docx::write_certificates(tpl, good, certificate, *fonts_, docx);
  }
  if (options.progress) options.progress(rows.size(), rows.size());
  return result;
}

BatchResult Engine::certificates_file(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                      const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                      std::string& out) const {
  out.clear();
  if (format == OutputFormat::Docx) return docx_certificates(tpl, list, source_name, options, render, nullptr, nullptr, &out);
  return pdf_certificates(tpl, list, source_name, options, render, nullptr, &out);
}

BatchResult Engine::certificates_file(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                      const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                      const std::string& path) const {
  // Pages (a PDF) or the ZIP (a DOCX) go into the (temporary) file as they are made; the
  // file replaces `path` only when a certificate was made.
  BatchResult result;
  file_io::write_file_atomically(path, [&](std::ostream& out) {
    result = format == OutputFormat::Docx
                 ? docx_certificates(tpl, list, source_name, options, render, nullptr, &out, nullptr)
                 : pdf_certificates(tpl, list, source_name, options, render, &out, nullptr);
    return result.produced > 0;
  });
  return result;
}

BatchResult Engine::pdf_certificates(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                     const BatchOptions& options, const RenderOptions& render, std::ostream* out,
                                     std::string* bytes) const {
  const layout::CertificateOptions certificate = with_images(tpl, options);
  pdf::PdfBuilder pdf(certificate_info(tpl, render), {layout::certificate_border(tpl, certificate)}, out);
  BatchOptions with = options;
  with.certificate = certificate;
  // Pages go to the PDF a chunk at a time, their streams compressed on every thread.
  std::vector<layout::Page> chunk;
  auto flush = [&] {
    std::vector<const layout::Page*> pages;
    for (const auto& p : chunk) pages.push_back(&p);
    pdf.add_pages(pages, options.jobs);
    chunk.clear();
  };
  BatchResult result = certificates(tpl, list, source_name, with, [&](size_t, const model::ListRow&, layout::Page& page) {
    chunk.push_back(std::move(page));
    if (chunk.size() == 256) flush();
  });
  flush();
  if (result.produced > 0) {
    std::string made = pdf.finish();
    if (bytes) *bytes = std::move(made);
  }
  return result;
}

BatchResult Engine::certificate_files(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                      const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                      const CertificateFileSink& sink) const {
  if (format == OutputFormat::Docx) {
    return docx_certificates(tpl, list, source_name, options, render, &sink, nullptr, nullptr);
  }
  const layout::CertificateOptions certificate = with_images(tpl, options);
  const layout::DocumentInfo info = certificate_info(tpl, render);
  const std::vector<layout::Graphic> graphics{layout::certificate_border(tpl, certificate)};
  BatchOptions with = options;
  with.certificate = certificate;
  // A chunk of pages at a time, each its own PDF, written on every thread (each PDF has
  // its own PoDoFo document), handed on in order.
  struct Made {
    size_t position;
    model::ListRow row;  // a copy: the list is gone when the last chunk is written
    layout::Page page;
    std::string pdf;
  };
  std::vector<Made> chunk;
  auto flush = [&] {
    std::atomic<size_t> next{0};
    std::vector<std::exception_ptr> errors(chunk.size());
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < chunk.size();) {
        try {
          chunk[i].pdf = pdf::write_pdf({chunk[i].page}, info, graphics);
        } catch (...) {
          errors[i] = std::current_exception();
        }
        chunk[i].page = layout::Page();
      }
    };
    run_parallel(std::min<int>(std::clamp(options.jobs, 1, 64), static_cast<int>(chunk.size())), work);
    for (size_t i = 0; i < chunk.size(); ++i) {
      if (errors[i]) std::rethrow_exception(errors[i]);
      sink(chunk[i].position, chunk[i].row, std::move(chunk[i].pdf));
    }
    chunk.clear();
  };
  BatchResult result = certificates(tpl, list, source_name, with, [&](size_t position, const model::ListRow& row, layout::Page& page) {
    chunk.push_back(Made{position, row, std::move(page), {}});
    if (chunk.size() == 64) flush();
  });
  flush();
  return result;
}

BatchResult Engine::certificate_directory(const style::Template& tpl, std::string_view list,
                                          const std::string& source_name, const BatchOptions& options,
                                          const RenderOptions& render, OutputFormat format, const std::string& dir,
                                          const std::string& pattern) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::Output, trf("cannot create the directory: {0}", ec.message()), dir);
  const std::string extension = format == OutputFormat::Docx ? ".docx" : ".pdf";
  file_io::remove_stale_temporaries(dir);
  // Names compared as a case-insensitive file system compares them (file_name_key).
  std::set<std::string> used;
  std::vector<BatchRowError> kept;  // rows whose file was already there
  BatchResult result = certificate_files(
      tpl, list, source_name, options, render, format, [&](size_t position, const model::ListRow& row, std::string bytes) {
        std::string base = certificate_file_name(pattern, row, position), name = base + extension;
        for (int n = 2; !used.insert(file_name_key(name)).second; ++n) name = base + "-" + std::to_string(n) + extension;
        const std::string path = (fs::path(dir) / name).string();
        if (!file_io::write_new_file(path, bytes, options.overwrite ? file_io::Existing::Replace : file_io::Existing::Keep)) {
          kept.push_back(BatchRowError{row.row, 0, model::row_label(row),
                                       trf("the file {0} already exists and is kept (--overwrite replaces it)", path),
                                       row.field("stt")});
        }
      });
  result.produced -= kept.size();
  result.errors.insert(result.errors.end(), kept.begin(), kept.end());
  return result;
}

std::string batch_report_csv(const BatchResult& result) {
  auto csv = [](const std::string& v) {
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::string report = "row,stt,column,field,message\n";
  for (const auto& e : result.errors) {
    report += std::to_string(e.row) + "," + csv(e.stt) + "," + std::to_string(e.column) + "," + csv(e.field) + "," +
              csv(e.message) + "\n";
  }
  return report;
}


const char* version() { return "0.1.0"; }

}  // namespace vanban
