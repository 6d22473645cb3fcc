// The C API (include/vanban/vanban.h) over the engine facade. Every entry point catches
// everything: no C++ exception crosses into C. Errors are kept per engine and per thread
// (c_api_errors.cpp: the last error and every diagnostic of the thread's last call).
#include "vanban/vanban.h"


#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <thread>
#include <unordered_map>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/i18n.h"
#include "api/c_api_state.h"
#include "vanban/engine.h"

using vanban::tr;
using vanban::trf;
using vanban::capi::add_warnings;
using vanban::capi::begin_call;
using vanban::capi::fail;
using vanban::capi::status_of;

namespace {

using vanban::ErrorKind;

// Runs `body`, turning every exception into a status and the thread's error record.
// `source_name` names in-memory data in errors (NULL: none). Strings are made inside the
// try (a failed allocation is caught too), and a handler that cannot allocate its message
// still returns VANBAN_ENOMEM.
template <typename Body>
vanban_status guarded(const vanban_engine* e, const char* source_name, Body&& body) {
  try {
    try {
      const std::string source = source_name ? source_name : "";
      return body(source);
    } catch (const vanban::Error& err) {
      const bool data = err.kind() == ErrorKind::Model || err.kind() == ErrorKind::Syntax;
      std::string file = err.file().empty() && data ? std::string(source_name ? source_name : "") : err.file();
      if (e) {
        // Every problem the error carries, before the warnings the call gathered (each once).
        vanban_error_record& r = e->error_of_this_thread();
        std::vector<vanban::Diagnostic> all = vanban::diagnostics_of(err);
        for (auto& d : all)
          if (d.file.empty() && (data || d.severity == vanban::Severity::Warning)) d.file = file;
        for (auto& w : r.diagnostics) {
          bool same = false;
          for (const auto& d : all)
            same = same || (d.message == w.message && d.field == w.field && d.line == w.line && d.file == w.file);
          if (!same) all.push_back(std::move(w));
        }
        r.diagnostics = std::move(all);
        r.views.clear();
      }
      return fail(e, status_of(err.kind()), err.message(), file, err.line(), err.column(), err.field_path());
    } catch (const std::bad_alloc&) {
      return fail(e, VANBAN_ENOMEM, tr("out of memory"));
    } catch (const std::length_error&) {  // a size past what can be allocated at all
      return fail(e, VANBAN_ENOMEM, tr("out of memory (a size too large to allocate)"));
    } catch (const std::exception& err) {
      return fail(e, VANBAN_EINTERNAL, trf("internal error: {0}", err.what()));
    } catch (...) {
      return fail(e, VANBAN_EINTERNAL, tr("internal error"));
    }
  } catch (...) {  // the message itself could not be made
    return VANBAN_ENOMEM;
  }
}

// The template `name`, from the engine's cache while its files are unchanged on disk,
// else read again (a deleted template is an error, and leaves the cache).
std::shared_ptr<const vanban::style::Template> template_of(vanban_engine* e, const char* name) {
  return e->engine->shared_template(name);
}

// Copies `bytes` into a malloc'd buffer the caller frees with vanban_free().
vanban_status hand_over(const vanban_engine* e, const std::string& bytes, unsigned char** out, size_t* out_size) {
  auto* buffer = static_cast<unsigned char*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
  if (!buffer) return fail(e, VANBAN_ENOMEM, tr("out of memory"));
  std::memcpy(buffer, bytes.data(), bytes.size());
  *out = buffer;
  *out_size = bytes.size();
  return VANBAN_OK;
}

// The fields a caller compiled against an older header knows (options->size).
template <typename Options, typename Init>
Options known_fields(const Options* given, Init init) {
  Options o;
  init(&o);
  if (given) std::memcpy(&o, given, std::min(given->size ? given->size : sizeof(Options), sizeof(Options)));
  return o;
}

// The caller's limits (fields it knows by limits->size), or the defaults.
vanban::Limits limits_of(const vanban_limits* given) {
  const vanban_limits l = known_fields(given, vanban_limits_init);
  vanban::Limits out;  // a field left 0 keeps its default
  auto set = [](auto& field, auto value) {
    if (value) field = value;
  };
  set(out.max_rows, l.max_rows);
  set(out.max_columns, l.max_columns);
  set(out.max_cells, l.max_cells);
  set(out.max_shared_strings, l.max_shared_strings);
  set(out.max_zip_entry_bytes, l.max_zip_entry_bytes);
  set(out.max_image_side, l.max_image_side);
  set(out.max_nesting, l.max_nesting);
  set(out.max_input_bytes, l.max_input_bytes);
  set(out.max_text_bytes, l.max_text_bytes);
  return out;
}

// The format as the caller's int, checked before it is used as an enum.
bool format_known(const vanban_format& format) {
  int raw = 0;
  static_assert(sizeof raw == sizeof format);
  std::memcpy(&raw, &format, sizeof raw);
  return raw == VANBAN_PDF || raw == VANBAN_DOCX;
}

// The options every call checks alike: the format and the creation date.
vanban_status check_common(const vanban_engine* e, const vanban_format& format, const char* creation_date) {
  if (!format_known(format)) return fail(e, VANBAN_EMISUSE, tr("format must be VANBAN_PDF or VANBAN_DOCX"));
  if (creation_date && *creation_date) {
    try {
      vanban::pdf_date_from_iso(creation_date);
    } catch (const vanban::Error& err) {
      return fail(e, VANBAN_EMISUSE, err.message());
    } catch (...) {
      return fail(e, VANBAN_ENOMEM, tr("out of memory"));
    }
  }
  return VANBAN_OK;
}

vanban::RenderOptions render_options(const vanban_render_options& o) {
  vanban::RenderOptions r;
  if (o.creation_date) r.creation_date = o.creation_date;
  r.limits = limits_of(o.limits);
  return r;
}

// Every call on an engine starts here: its diagnostics are reset.
vanban_status check_engine(const vanban_engine* e) {
  if (!e) return VANBAN_EMISUSE;
  try {
    begin_call(e);
  } catch (...) {
    return VANBAN_ENOMEM;
  }
  if (!e->engine) return fail(e, VANBAN_EMISUSE, tr("the engine did not open (see the error of vanban_engine_open)"));
  return VANBAN_OK;
}

// Renders to bytes (PDF or DOCX); the render's warnings go to the thread's diagnostics.
std::string render_bytes(vanban_engine* e, const char* template_name, std::string_view data,
                         const vanban_render_options& o, const std::string& source) {
  auto tpl = template_of(e, template_name);
  vanban::RenderOptions render = render_options(o);
  vanban::capi::add_document_options(o, render);
  render.warnings = &e->error_of_this_thread().diagnostics;
  if (o.format == VANBAN_DOCX) return e->engine->render_docx(*tpl, data, source, render, o.blank != 0);
  return e->engine->write_pdf(e->engine->lay_out(*tpl, data, source, o.blank != 0, render.limits, render.warnings),
                              render);
}

vanban::BatchOptions batch_options(const vanban_batch_options& o) {
  vanban::BatchOptions b;
  if (o.sheet) b.list.sheet = o.sheet;
  b.sort_by_given_name = o.sort_by_given_name != 0;
  b.certificate.scale = o.a3 ? std::sqrt(2.0) : 1.0;
  b.certificate.print_on_blank = o.print_on_blank != 0;
  b.certificate.offset_x = o.offset_x_mm * 72 / 25.4;
  b.certificate.offset_y = o.offset_y_mm * 72 / 25.4;
  if (o.emblem_png) b.emblem_png = o.emblem_png;
  if (o.seal_png) b.seal_png = o.seal_png;
  if (o.signature_png) b.signature_png = o.signature_png;
  b.jobs = o.jobs == 0 ? 2 : o.jobs;  // checked by the engine: 1..256
  b.overwrite = o.overwrite != 0;
  b.list.limits = limits_of(o.limits);
  return b;
}

// After a batch: counts, and the failed rows as the thread's error (VANBAN_EPARTIAL), or
// a model error when no row made a certificate.
vanban_status batch_outcome(const vanban_engine* e, const vanban::BatchResult& result, const std::string& source,
                            size_t* rows, size_t* failed) {
  if (rows) *rows = result.rows;
  if (failed) *failed = result.errors.size();
  add_warnings(e, result.warnings);
  // Each failed row a diagnostic of its own: the spreadsheet row (and its STT) and the field.
  std::vector<vanban::Diagnostic> row_errors;
  for (const auto& err : result.errors) {
    vanban::Diagnostic d;
    d.file = source;
    d.line = err.row;
    d.column = err.column;
    if (err.field.rfind("row ", 0) == 0) d.field = err.field;  // already "row 8 (STT 7), …"
    else if (!err.stt.empty()) d.field = err.field.empty() ? trf("row {0} (STT {1})", err.row, err.stt)
                                                           : trf("row {0} (STT {1}), {2}", err.row, err.stt, err.field);
    else d.field = err.field.empty() ? trf("row {0}", err.row) : trf("row {0}, {1}", err.row, err.field);
    d.message = err.message;
    row_errors.push_back(std::move(d));
  }
  vanban_error_record& record = e->error_of_this_thread();
  record.diagnostics.insert(record.diagnostics.begin(), row_errors.begin(), row_errors.end());
  record.views.clear();
  if (result.errors.empty() && result.produced > 0) return VANBAN_OK;
  std::string lines;
  for (const auto& err : result.errors) {
    lines += (lines.empty() ? "" : "\n") + vanban::Error::format(source, err.row, err.column, err.field, err.message);
  }
  if (result.produced == 0) {
    return fail(e, VANBAN_EMODEL, result.rows == 0 ? std::string(tr("the list has no rows"))
                                                   : trf("no row made a certificate:\n{0}", lines), source);
  }
  vanban_status s = fail(e, VANBAN_EPARTIAL, std::string(), source);
  e->error_of_this_thread().message = lines;
  return s;
}

// A call that reads data against a template (validate, check): the checks each makes first,
// then `body(template, data, options, source name)`, guarded.
template <typename Body>
vanban_status data_call(vanban_engine* engine, const char* template_name, const char* data, size_t data_size,
                        const vanban_render_options* options, Body&& body) {
  if (vanban_status s = check_engine(engine)) return s;
  const vanban_render_options o = known_fields(options, vanban_render_options_init);
  if (vanban_status s = check_common(engine, o.format, o.creation_date)) return s;
  if (!template_name || (!data && data_size)) return fail(engine, VANBAN_EMISUSE, tr("no template name or NULL data"));
  return guarded(engine, o.source_name ? o.source_name : "<data>", [&](const std::string& source) {
    auto tpl = template_of(engine, template_name);
    return body(*tpl, std::string_view(data ? data : "", data ? data_size : 0), o, source);
  });
}

// A file named ".pdf" or ".docx" holds that format, as on the command line.
vanban_status check_extension(const vanban_engine* e, const char* out_path, vanban_format format) try {
  std::string name(out_path);
  if (name.empty() || name.back() == '/') return VANBAN_OK;
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](const char* ext) { return name.size() >= std::strlen(ext) && name.ends_with(ext); };
  if ((ends(".pdf") && format != VANBAN_PDF) || (ends(".docx") && format != VANBAN_DOCX)) {
    return fail(e, VANBAN_EMISUSE, tr("the format does not match the extension of the output file"), out_path);
  }
  return VANBAN_OK;
} catch (...) {
  return fail(e, VANBAN_ENOMEM, tr("out of memory"));
}

}  // namespace

extern "C" {

const char* vanban_version(void) { return VANBAN_VERSION; }
int vanban_version_number(void) { return VANBAN_VERSION_NUMBER; }

const char* vanban_status_name(vanban_status status) {
  switch (status) {
    case VANBAN_OK: return "ok";
    case VANBAN_ESYNTAX: return "syntax error";
    case VANBAN_EMODEL: return "model error";
    case VANBAN_ETEMPLATE: return "template error";
    case VANBAN_EFONT: return "font error";
    case VANBAN_ELAYOUT: return "layout error";
    case VANBAN_EINPUT: return "input error";
    case VANBAN_EOUTPUT: return "output error";
    case VANBAN_EMISUSE: return "misuse";
    case VANBAN_EPARTIAL: return "some rows failed";
    case VANBAN_ENOMEM: return "out of memory";
    case VANBAN_EINTERNAL: return "internal error";
    case VANBAN_ESIGN: return "signature error";
  }
  return "unknown status";
}

vanban_status vanban_engine_open(const char* template_dir, const char* font_dir, vanban_engine** engine) {
  if (!engine) return VANBAN_EMISUSE;
  *engine = nullptr;
  vanban_engine* e = new (std::nothrow) vanban_engine;
  if (!e) return VANBAN_ENOMEM;
  *engine = e;
  return guarded(e, nullptr, [&](const std::string&) {
    vanban::DataDirs dirs = vanban::default_data_dirs();
    vanban::EngineOptions options;
    if (template_dir && *template_dir) options.template_dirs.push_back(template_dir);
    options.template_dirs.push_back(dirs.templates);
    options.font_manifest = dirs.fonts + "/fonts.xml";
    if (font_dir) options.font_dir = font_dir;
    e->engine = std::make_unique<vanban::Engine>(options);
    return VANBAN_OK;
  });
}

void vanban_engine_close(vanban_engine* engine) { delete engine; }

void vanban_limits_init(vanban_limits* limits) {
  if (!limits) return;
  std::memset(limits, 0, sizeof *limits);
  const vanban::Limits d;
  limits->size = sizeof *limits;
  limits->max_rows = d.max_rows;
  limits->max_columns = d.max_columns;
  limits->max_cells = d.max_cells;
  limits->max_shared_strings = d.max_shared_strings;
  limits->max_zip_entry_bytes = d.max_zip_entry_bytes;
  limits->max_image_side = d.max_image_side;
  limits->max_nesting = d.max_nesting;
  limits->max_input_bytes = d.max_input_bytes;
  limits->max_text_bytes = d.max_text_bytes;
}

void vanban_render_options_init(vanban_render_options* options) {
  if (!options) return;
  std::memset(options, 0, sizeof *options);
  options->size = sizeof *options;
  options->format = VANBAN_PDF;
}

void vanban_batch_options_init(vanban_batch_options* options) {
  if (!options) return;
  std::memset(options, 0, sizeof *options);
  options->size = sizeof *options;
  options->format = VANBAN_PDF;
  options->jobs = 2;
}

vanban_status vanban_render(vanban_engine* engine, const char* template_name, const char* data, size_t data_size,
                            const vanban_render_options* options, unsigned char** out, size_t* out_size) {
  if (vanban_status s = check_engine(engine)) return s;
  if (!out || !out_size) return fail(engine, VANBAN_EMISUSE, tr("out and out_size must not be NULL"));
  *out = nullptr;
  *out_size = 0;
  const vanban_render_options o = known_fields(options, vanban_render_options_init);
  if (vanban_status s = check_common(engine, o.format, o.creation_date)) return s;
  if (!template_name) return fail(engine, VANBAN_EMISUSE, tr("no template name"));
  if (!data && data_size && !o.blank) return fail(engine, VANBAN_EMISUSE, tr("data is NULL"));
  return guarded(engine, o.source_name ? o.source_name : "<data>", [&](const std::string& source) {
    std::string bytes = render_bytes(engine, template_name, std::string_view(data ? data : "", data ? data_size : 0), o, source);
    return hand_over(engine, bytes, out, out_size);
  });
}

vanban_status vanban_render_file(vanban_engine* engine, const char* template_name, const char* data_path,
                                 const char* out_path, const vanban_render_options* options) {
  if (vanban_status s = check_engine(engine)) return s;
  const vanban_render_options o = known_fields(options, vanban_render_options_init);
  if (vanban_status s = check_common(engine, o.format, o.creation_date)) return s;
  if (!template_name || !out_path || (!data_path && !o.blank)) {
    return fail(engine, VANBAN_EMISUSE, tr("template_name, out_path and (unless blank) data_path are needed"));
  }
  return guarded(engine, data_path, [&](const std::string& source) {
    std::string data = data_path ? vanban::read_input_file(data_path, limits_of(o.limits)) : std::string();
    vanban::file_io::write_file_atomically(out_path, render_bytes(engine, template_name, data, o, source));
    return VANBAN_OK;
  });
}

vanban_status vanban_validate(vanban_engine* engine, const char* template_name, const char* data, size_t data_size,
                              const vanban_render_options* options) {
  auto lay_out = [&](const vanban::style::Template& tpl, std::string_view bytes, const vanban_render_options& o,
                     const std::string& source) {
    // Its warnings (a form's column converted from TCVN3, …) go to the thread's list.
    engine->engine->lay_out(tpl, bytes, source, o.blank != 0, limits_of(o.limits),
                            &engine->error_of_this_thread().diagnostics);
    return VANBAN_OK;
  };
  return data_call(engine, template_name, data, data_size, options, lay_out);
}

vanban_status vanban_check(vanban_engine* engine, const char* template_name, const char* data, size_t data_size,
                           const vanban_render_options* options) {
  auto check = [&](const vanban::style::Template& tpl, std::string_view bytes, const vanban_render_options& o,
                   const std::string& source) {
    std::vector<vanban::Diagnostic> found = engine->engine->check(tpl, bytes, source, limits_of(o.limits));
    for (auto& d : found)
      if (d.file.empty()) d.file = source;
    add_warnings(engine, found);  // every finding, errors too: the list is the check's report
    for (const auto& d : found) {
      if (d.severity != vanban::Severity::Error) continue;
      // The first error is the thread's last error, as for any failed call.
      return fail(engine, VANBAN_EMODEL, d.hint.empty() ? d.message : d.message + " (" + d.hint + ")", d.file,
                  d.line, d.column, d.field);
    }
    return VANBAN_OK;
  };
  return data_call(engine, template_name, data, data_size, options, check);
}

vanban_status vanban_batch(vanban_engine* engine, const char* template_name, const char* list, size_t list_size,
                           const vanban_batch_options* options, unsigned char** out, size_t* out_size, size_t* rows,
                           size_t* failed) {
  if (vanban_status s = check_engine(engine)) return s;
  if (!out || !out_size) return fail(engine, VANBAN_EMISUSE, tr("out and out_size must not be NULL"));
  *out = nullptr;
  *out_size = 0;
  if (!template_name || (!list && list_size)) return fail(engine, VANBAN_EMISUSE, tr("no template name or NULL list"));
  const vanban_batch_options o = known_fields(options, vanban_batch_options_init);
  if (vanban_status s = check_common(engine, o.format, o.creation_date)) return s;
  return guarded(engine, o.source_name ? o.source_name : "<list>", [&](const std::string& source) {
    auto tpl = template_of(engine, template_name);
    vanban::RenderOptions render;
    if (o.creation_date) render.creation_date = o.creation_date;
    vanban::capi::add_document_options(o, render);
    std::string bytes;
    vanban::BatchResult result = engine->engine->certificates_file(
        *tpl, std::string_view(list ? list : "", list ? list_size : 0), source, batch_options(o), render,
        o.format == VANBAN_DOCX ? vanban::OutputFormat::Docx : vanban::OutputFormat::Pdf, bytes);
    if (result.produced > 0) {
      if (vanban_status s = hand_over(engine, bytes, out, out_size)) return s;
    }
    return batch_outcome(engine, result, source, rows, failed);
  });
}

vanban_status vanban_batch_file(vanban_engine* engine, const char* template_name, const char* list_path,
                                const char* out_path, const vanban_batch_options* options, size_t* rows, size_t* failed) {
  if (vanban_status s = check_engine(engine)) return s;
  if (!template_name || !list_path || !out_path || !*out_path) {
    return fail(engine, VANBAN_EMISUSE, tr("template_name, list_path and out_path are needed"));
  }
  const vanban_batch_options o = known_fields(options, vanban_batch_options_init);
  if (vanban_status s = check_common(engine, o.format, o.creation_date)) return s;
  if (vanban_status s = check_extension(engine, out_path, o.format)) return s;
  return guarded(engine, list_path, [&](const std::string&) {
    auto tpl = template_of(engine, template_name);
    const vanban::BatchOptions batch = batch_options(o);
    std::string list = vanban::read_input_file(list_path, batch.list.limits);
    vanban::RenderOptions render;
    if (o.creation_date) render.creation_date = o.creation_date;
    vanban::capi::add_document_options(o, render);
    const auto format = o.format == VANBAN_DOCX ? vanban::OutputFormat::Docx : vanban::OutputFormat::Pdf;
    const std::string out(out_path);
    vanban::BatchResult result =
        out.back() == '/'
            ? engine->engine->certificate_directory(*tpl, list, list_path, batch, render, format, out,
                                                    o.name_pattern ? o.name_pattern : "{stt}-{ho_ten}")
            : engine->engine->certificates_file(*tpl, list, list_path, batch, render, format, out);
    return batch_outcome(engine, result, list_path, rows, failed);
  });
}

// vanban_sign and vanban_sign_file: the options read, the file signed.
namespace {

std::string sign_bytes(vanban_engine* e, std::string_view pdf, const vanban_sign_options& o) {
  vanban::RenderOptions render;
  render.limits = limits_of(o.limits);
  render.signatures = vanban::capi::signature_requests(o.signatures, o.signature_count);
  if (o.signing_time) render.signing_time = o.signing_time;
  render.warnings = &e->error_of_this_thread().diagnostics;
  if (render.signatures.empty()) throw vanban::Error(vanban::ErrorKind::Usage, tr("no signature asked (signature_count 0)"));
  vanban::SignaturePlacement where;
  if (o.page > 0 || o.width_mm > 0) {
    constexpr double k = 72 / 25.4;
    where.given = true;
    where.page = o.page > 0 ? o.page - 1 : 0;
    where.x = o.x_mm * k;
    where.y = o.y_mm * k;
    where.width = o.width_mm * k;
    where.height = o.height_mm * k;
  }
  return e->engine->sign_pdf(pdf, render, where);
}

}  // namespace

vanban_status vanban_sign(vanban_engine* engine, const char* pdf, size_t pdf_size,
                          const vanban_sign_options* options, unsigned char** out, size_t* out_size) {
  if (vanban_status s = check_engine(engine)) return s;
  if (!out || !out_size) return fail(engine, VANBAN_EMISUSE, tr("out and out_size must not be NULL"));
  *out = nullptr;
  *out_size = 0;
  if (!pdf) return fail(engine, VANBAN_EMISUSE, tr("pdf is NULL"));
  const vanban_sign_options o = known_fields(options, vanban_sign_options_init);
  return guarded(engine, "<pdf>", [&](const std::string&) {
    std::string bytes = sign_bytes(engine, std::string_view(pdf, pdf_size), o);
    return hand_over(engine, bytes, out, out_size);
  });
}

vanban_status vanban_sign_file(vanban_engine* engine, const char* in_path, const char* out_path,
                               const vanban_sign_options* options) {
  if (vanban_status s = check_engine(engine)) return s;
  if (!in_path || !out_path) return fail(engine, VANBAN_EMISUSE, tr("in_path and out_path are needed"));
  const vanban_sign_options o = known_fields(options, vanban_sign_options_init);
  return guarded(engine, in_path, [&](const std::string&) {
    const std::string pdf = vanban::read_input_file(in_path, limits_of(o.limits));
    vanban::file_io::write_file_atomically(out_path, sign_bytes(engine, pdf, o));
    return VANBAN_OK;
  });
}

void vanban_free(void* buffer) { std::free(buffer); }

void vanban_remove_temporaries(void) { vanban::file_io::remove_live_temporaries(); }

}  // extern "C"
