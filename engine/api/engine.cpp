// The engine facade: fonts and templates loaded once; a document laid out and written
// as PDF or DOCX. Certificate batches: certificates.cpp.
#include "vanban/engine.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "api/signing.h"
#include "api/template_cache.h"
#include "core/i18n.h"
#include "docx/docx_writer.h"
#include "layout/glyph_check.h"
#include "model/form_data.h"
#include "model/reader.h"
#include "pdf/font_programs.h"
#include "pdf/pdf_writer.h"
#include "realize/realized.h"
#include "wording/wording.h"

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
  font_programs_ = std::make_unique<pdf::FontPrograms>();
  templates_ = std::make_unique<api::TemplateCache>();
}

Engine::~Engine() = default;

pdf::WriteOptions Engine::pdf_options(const RenderOptions& options) const {
  pdf::WriteOptions w = detail::write_options(options);
  w.font_programs = font_programs_.get();
  return w;
}

style::Template Engine::load_template(const std::string& name_or_path) const {
  return *shared_template(name_or_path);
}

std::shared_ptr<const style::Template> Engine::shared_template(const std::string& name_or_path) const {
  return templates_->get(name_or_path, [this](const std::string& name) {
    style::TemplateAccess access;
    access.allow_outside = options_.allow_template_paths;
    return style::load_template(name, options_.template_dirs, access);
  });
}

std::vector<TemplateInfo> Engine::templates() const {
  std::vector<TemplateInfo> out;
  for (const auto& [name, path] : style::template_files(options_.template_dirs)) {
    TemplateInfo info{name, {}, path};
    try {
      style::Template tpl = load_template(path);
      if (tpl.abstract) continue;  // a base for others (nd30.xml), not a template to render with
      info.kind = wording::template_kind(tpl);
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
  detail::check_docx(options);
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
  detail::check_docx(options);
  check_document_layout(tpl);
  const Realized realized(*this, document, tpl);
  // What only layout checks (a character the fonts lack, a style the template lacks),
  // checked without laying the document out (layout/glyph_check.h).
  layout::check_glyphs(realized.document, *fonts_);
  return docx::write_document(realized.document, *fonts_, docx_options);
}

std::string Engine::write_pdf(const layout::LaidOutDocument& laid_out, const RenderOptions& options) const {
  layout::DocumentInfo info = laid_out.info;
  if (!options.creation_date.empty()) info.creation_date = pdf_date_from_iso(options.creation_date);
  // One document on two threads: a page compressed while the next is written (a
  // document of one page stays on the calling thread).
  pdf::WriteOptions write = pdf_options(options);
  write.threads = 2;
  if (options.signatures.empty()) return pdf::write_pdf(laid_out.pages, info, laid_out.graphics, write);
  // Keys opened (a wrong password fails) and the time checked before anything is written.
  const auto signatures = detail::open_signatures(options.signatures, options.limits);
  const std::string time = detail::signing_time(options);
  return detail::sign_document(pdf::write_pdf(laid_out.pages, info, laid_out.graphics, write),
                               info, signatures, time, *fonts_, options.warnings);
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

const char* version() { return "0.1.0"; }

}  // namespace vanban
