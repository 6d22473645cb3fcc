// `vanban batch` (certificates from a list) and `vanban decision` (the Quyết định khen
// thưởng of the same list).
#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "cli/cli.h"
#include "cli/report.h"
#include "core/file_io.h"
#include "core/i18n.h"

namespace vanban::cli {
namespace {

// How the list is read and ordered: the same for `batch` and `decision`, so a decision's
// danh sách and the certificates match row for row.
BatchOptions list_options(const Args& args) {
  BatchOptions options;
  options.list.limits = args.limits;
  options.list.sheet = args.sheet;
  for (const auto& m : args.column_map) {
    size_t eq = m.find('=');  // there is one (args.cpp)
    options.list.column_map[m.substr(0, eq)] = m.substr(eq + 1);
  }
  options.sort_by_given_name = args.sort_by_given_name;
  options.group_by_unit = args.group_by_unit;
  return options;
}

// A progress bar on a terminal.
void show_progress(BatchOptions& options) {
  if (!isatty(STDERR_FILENO)) return;
  auto start = std::chrono::steady_clock::now();
  options.progress = [start](size_t done, size_t total) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double rate = s > 0 ? done / s : 0;
    int width = 30, filled = total ? static_cast<int>(width * done / total) : width;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu  %.0f/s  %.0f s   ", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), done, total, rate, rate > 0 ? (total - done) / rate : 0.0);
    if (done == total) std::fputc('\n', stderr);
  };
}

// The report of the failed rows in <out>.errors.csv; after a run with no failed row, a
// report left by an earlier run is removed (it would not match). Returns its path, or ""
// when there is none.
std::string write_row_report(const Args& args, const BatchResult& result, Report& report) {
  const std::string path = args.output.back() == '/' ? args.output + "errors.csv" : args.output + ".errors.csv";
  if (result.errors.empty()) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      throw Error(ErrorKind::Output, trf("cannot remove the report of an earlier run: {0}", std::strerror(errno)),
                  path);
    }
    return {};
  }
  // An output named up to the file system's limit leaves no room for ".errors.csv".
  const std::filesystem::path file(path);
  const long name_max = ::pathconf(file.has_parent_path() ? file.parent_path().c_str() : ".", _PC_NAME_MAX);
  if (name_max > 0 && file.filename().string().size() > static_cast<size_t>(name_max)) {
    Diagnostic d;
    d.severity = Severity::Warning;
    d.kind = ErrorKind::Output;
    d.message = tr("the failed rows are not saved in <out>.errors.csv: its name would be longer than the file "
                   "system allows");
    report.add(d);
    return {};
  }
  file_io::write_file_atomically(path, batch_report_csv(result));
  report.say("vanban: " + trf("the failed rows are listed in {0}", path));
  return path;
}

}  // namespace

namespace {

// A batch allocates and frees the same buffers for every row on every thread (a file's
// PDF, PoDoFo's objects, zlib's state): by default glibc hands the top of each heap back
// and takes it again row after row (brk, madvise, mprotect and the page faults after
// them). Keeping up to 64 MB of freed memory measured 0.5-0.8 s less system time for
// 2,000 files (docs/performance.md, issue #14) and the same peak memory. The program's
// own setting, not the library's (a program using the C API keeps its own).
void keep_freed_memory() {
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

}  // namespace

int batch(const Engine& engine, const Args& args, Report& report) {
  keep_freed_memory();
  style::Template tpl = engine.load_template(args.template_name);
  std::string list = read_input_file(args.data_path, args.limits);
  BatchOptions options = list_options(args);
  options.certificate.scale = args.paper == "a3" ? std::sqrt(2.0) : 1.0;
  options.certificate.print_on_blank = args.print_on_blank;
  options.certificate.offset_x = args.offset_x;
  options.certificate.offset_y = args.offset_y;
  options.emblem_png = args.emblem;
  options.seal_png = args.seal;
  options.signature_png = args.signature;
  options.jobs = args.jobs;
  options.overwrite = args.overwrite;
  if (!report.json()) show_progress(options);
  RenderOptions render = render_options(args);
  const auto format = args.docx ? OutputFormat::Docx : OutputFormat::Pdf;

  const bool to_dir = args.output.back() == '/';
  BatchResult result =
      to_dir ? engine.certificate_directory(tpl, list, args.data_path, options, render, format, args.output,
                                            args.name_pattern)
             : engine.certificates_file(tpl, list, args.data_path, options, render, format, args.output);
  report.add(result.errors, args.data_path);
  report.add(result.warnings);
  const std::string report_path = write_row_report(args, result, report);
  report.result() = {{"rows", result.rows},
                     {"produced", result.produced},
                     {"failed", result.errors.size()},
                     {"output", result.produced ? args.output : std::string()},
                     {"format", args.docx ? "docx" : "pdf"},
                     {"errors_csv", report_path}};
  if (result.rows == 0) {
    Diagnostic d;
    d.file = args.data_path;
    d.message = tr("the list has no rows under its header; nothing was written");
    report.add(d);
    return kWrongInput;
  }
  report.say(trf("{0} certificates, {1} rows failed", result.produced, result.errors.size()));
  if (result.produced == 0) {
    Diagnostic d;
    d.message = tr("no row made a certificate; nothing was written");
    report.add(d);
    return kWrongInput;
  }
  return result.errors.empty() ? kDone : kRowsFailed;
}

int decision(const Engine& engine, const Args& args, Report& report) {
  style::Template certificate = engine.load_template(args.template_name);
  std::string list = read_input_file(args.data_path, args.limits);
  std::string data = read_input_file(args.decision_path, args.limits);
  model::Document frame;
  try {
    frame = engine.load_document(data, args.decision_path, args.limits);
  } catch (const Error& e) {  // name the decision file, not the list
    throw e.with_file(args.decision_path);
  }
  style::Template tpl = engine.load_template(frame.template_name.empty() ? "quyet-dinh" : frame.template_name);
  DecisionOptions how;
  how.list_title = args.list_title;
  Decision made = engine.recognition_decision(certificate, list, args.data_path, std::move(frame), list_options(args),
                                              how);
  std::vector<Diagnostic> warnings;
  RenderOptions render = render_options(args);
  render.warnings = &warnings;
  const auto format = args.docx ? OutputFormat::Docx : OutputFormat::Pdf;
  file_io::write_file_atomically(args.output, engine.render_document(made.document, tpl, format, render));
  report.add(made.rows.errors, args.data_path);
  report.add(made.rows.warnings);
  report.add(warnings);
  report.say(trf("{0} rows listed, {1} rows left out (as the batch leaves them out of the certificates)",
                 made.rows.produced, made.rows.errors.size()));
  report.result() = {{"rows", made.rows.rows},
                     {"listed", made.rows.produced},
                     {"left_out", made.rows.errors.size()},
                     {"output", args.output},
                     {"format", args.docx ? "docx" : "pdf"}};
  return made.rows.errors.empty() ? kDone : kRowsFailed;
}

}  // namespace vanban::cli
