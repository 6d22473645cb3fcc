// vanban: the command line over the engine.
//   vanban render <template> <data> -o <out.pdf> [options]
//   vanban validate <template> <data> [options]
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <cmath>
#include <new>
#include <cstdio>
#include <filesystem>
#include <set>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "pdf/pdf_writer.h"
#include "vanban/engine.h"

namespace {

constexpr const char* kUsage =
    "usage: vanban render <template> <data.json|data.xml|list.csv> -o <out.pdf|out.docx> [options]\n"
    "       vanban render <form-template> --blank -o <form.pdf> [options]\n"
    "       vanban validate <template> <data> [options]\n"
    "       vanban batch <certificate-template> <list.csv|list.xlsx|list.json|list.txt> -o <out.pdf|out.docx|dir/>\n"
    "                    [--format pdf|docx] [--sort ten] [--name PATTERN] [--sheet NAME] [--map 'Header=key'] [--paper a3]\n"
    "                    [--print-on-blank --offset-x MM --offset-y MM] [--jobs N] [--date ISO8601]\n"
    "                    [--emblem PNG] [--seal PNG] [--signature PNG] [--overwrite]\n"
    "       vanban decision <certificate-template> <list> --decision <decision.json|.xml> -o <qd.pdf|qd.docx>\n"
    "                    [--sort ten] [--group-by-unit] [--list-title TEXT] [--sheet NAME] [--map 'Header=key'] [--date ISO8601]\n"
    "       vanban --version\n"
    "\n"
    "<template>  a template name (ke-hoach, bao-cao, phu-luc-1, …) or the path of a template file\n"
    "<data>      a document model (JSON or XML); for forms a JSON object, a JSON array or a\n"
    "            CSV file of records: one filled form each, each with its own page numbers\n"
    "\n"
    "options:\n"
    "  -o, --output FILE      where to write the PDF or DOCX (by its extension; written whole or\n"
    "                         not at all)\n"
    "  --blank                print the form empty, with dotted lines for handwriting\n"
    "  --date ISO8601         fixed creation date, for byte-identical output\n"
    "                         (default: $SOURCE_DATE_EPOCH if set, else now)\n"
    "  --font-dir DIR         take the Times New Roman faces from DIR\n"
    "  --template-dir DIR     look for templates in DIR first (repeatable)\n"
    "  --allow-template-paths let a template name files (extends=, emblem=, seal=, signature=)\n"
    "                         outside its own directory\n"
    "  --max-rows N           limits on what the input may ask (defaults: 1000000 rows,\n"
    "  --max-columns N        16384 columns, images of 10000 pixels a side, input files of\n"
    "  --max-image-side N     1073741824 bytes, texts (a cell, a string of a model) of 65536\n"
    "  --max-input-bytes N    bytes); past a limit the input is refused\n"
    "  --max-text-bytes N\n"
    "\n"
    "batch: images (PNG with transparency): --emblem top centre, --signature in the signature\n"
    "       space, --seal over its left third; a template may name them (emblem=, seal=, signature=)\n"
    "batch: --jobs N threads (1-256), --offset-x/--offset-y at most 50 mm either way\n"
    "batch: one PDF with a page per row (a DOCX with a section per row), or (-o ending in /)\n"
    "       one file per row (--format pdf or docx) named by --name\n"
    "       (default \"{stt}-{ho_ten}\"); rows that cannot make a certificate are reported and\n"
    "       listed in <out>.errors.csv (removed after a run with none), the others are produced;\n"
    "       into a directory, a file already there is a failed row unless --overwrite\n"
    "\n"
    "batch, decision: --group-by-unit puts the rows of a unit (\"Đơn vị\") together, units in the order\n"
    "       they first appear; --sort ten sorts by given name first\n"
    "decision: the Quyết định khen thưởng of a list: the decision model (its \"template\", default\n"
    "       quyet-dinh) with the danh sách of the list appended, one row per certificate the same\n"
    "       batch options make, in their order; the number and date come from the list's\n"
    "       \"Số quyết định\"/\"Ngày quyết định\" when the decision leaves them blank\n"
    "\n"
    "exit status: 0 done, 1 the data, template or fonts are wrong, 2 usage error,\n"
    "             3 batch: some rows failed (the others were produced)\n";

struct Args {
  std::string command, template_name, data_path, output, date, font_dir;
  bool blank = false;
  bool docx = false;
  // batch
  bool sort_by_given_name = false, print_on_blank = false, overwrite = false, group_by_unit = false;
  std::string decision_path, list_title;  // decision
  std::string name_pattern = "{stt}-{ho_ten}", sheet, paper = "a4";
  std::string emblem, seal, signature;  // PNG files
  std::string format;                   // batch into a directory: pdf (default) or docx
  std::vector<std::string> column_map;
  double offset_x = 0, offset_y = 0;
  int jobs = 2;
  std::vector<std::string> template_dirs;
  bool allow_template_paths = false;
  vanban::Limits limits;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "vanban: " << message << "\n\n" << kUsage;
  std::exit(2);
}

// A whole number in [least, most]: the whole argument, digits only (no sign, no spaces,
// nothing after), never wrapped around.
unsigned long long count_of(const std::string& option, const std::string& v, unsigned long long least,
                            unsigned long long most) {
  bool digits = !v.empty() && v.size() <= 20 && v.find_first_not_of("0123456789") == std::string::npos;
  errno = 0;
  char* end = nullptr;
  unsigned long long n = digits ? std::strtoull(v.c_str(), &end, 10) : 0;
  if (!digits || errno == ERANGE || !end || *end || n < least || n > most) {
    usage_error(option + " takes a whole number from " + std::to_string(least) + " to " + std::to_string(most) +
                ", not \"" + v.substr(0, 40) + "\"");
  }
  return n;
}

// Millimetres, finite, at most vanban::kMaxOffsetMm either way; returned in points.
double offset_of(const std::string& option, const std::string& v) {
  errno = 0;
  char* end = nullptr;
  double mm = v.empty() ? NAN : std::strtod(v.c_str(), &end);
  if (v.empty() || !end || *end || errno == ERANGE || !std::isfinite(mm) || std::abs(mm) > vanban::kMaxOffsetMm) {
    usage_error(option + " takes millimetres from -" + std::to_string(static_cast<int>(vanban::kMaxOffsetMm)) + " to " +
                std::to_string(static_cast<int>(vanban::kMaxOffsetMm)) + ", not \"" + v.substr(0, 40) + "\"");
  }
  return mm * 72 / 25.4;
}

Args parse(int argc, char** argv) {
  Args a;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg == "--version") {
      std::cout << "vanban " << vanban::version() << "\n";
      std::exit(0);
    } else if (arg == "-o" || arg == "--output") {
      a.output = value();
    } else if (arg == "--sort") {
      std::string v = value();
      if (v != "ten") usage_error("--sort takes \"ten\" (Vietnamese name order)");
      a.sort_by_given_name = true;
    } else if (arg == "--group-by-unit") {
      a.group_by_unit = true;
    } else if (arg == "--decision") {
      a.decision_path = value();
    } else if (arg == "--list-title") {
      a.list_title = value();
    } else if (arg == "--name") {
      a.name_pattern = value();
    } else if (arg == "--sheet") {
      a.sheet = value();
    } else if (arg == "--map") {
      a.column_map.push_back(value());
    } else if (arg == "--paper") {
      a.paper = value();
      if (a.paper != "a4" && a.paper != "a3") usage_error("--paper takes a4 or a3");
    } else if (arg == "--format") {
      a.format = value();
    } else if (arg == "--emblem") {
      a.emblem = value();
    } else if (arg == "--seal") {
      a.seal = value();
    } else if (arg == "--signature") {
      a.signature = value();
    } else if (arg == "--overwrite") {
      a.overwrite = true;
    } else if (arg == "--print-on-blank") {
      a.print_on_blank = true;
    } else if (arg == "--offset-x" || arg == "--offset-y") {
      (arg == "--offset-x" ? a.offset_x : a.offset_y) = offset_of(arg, value());
    } else if (arg == "--jobs") {
      a.jobs = static_cast<int>(count_of(arg, value(), 1, vanban::kMaxJobs));
    } else if (arg == "--max-rows") {
      a.limits.max_rows = count_of(arg, value(), 1, 1ull << 40);
    } else if (arg == "--max-columns") {
      a.limits.max_columns = count_of(arg, value(), 1, 1ull << 30);
    } else if (arg == "--max-image-side") {
      a.limits.max_image_side = static_cast<uint32_t>(count_of(arg, value(), 1, 1u << 20));
    } else if (arg == "--max-input-bytes") {
      a.limits.max_input_bytes = count_of(arg, value(), 1, 1ull << 50);
    } else if (arg == "--max-text-bytes") {
      a.limits.max_text_bytes = count_of(arg, value(), 1, 1ull << 40);
    } else if (arg == "--allow-template-paths") {
      a.allow_template_paths = true;
    } else if (arg == "--blank") {
      a.blank = true;
    } else if (arg == "--date") {
      a.date = value();
    } else if (arg == "--font-dir") {
      a.font_dir = value();
    } else if (arg == "--template-dir") {
      a.template_dirs.push_back(value());
    } else if (arg.size() > 1 && arg[0] == '-') {
      usage_error("unknown option " + arg);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.empty()) usage_error("no command given");
  a.command = positional[0];
  if (a.command != "render" && a.command != "validate" && a.command != "batch" && a.command != "decision") {
    usage_error("unknown command \"" + a.command + "\"");
  }
  if (positional.size() != (a.blank ? 2u : 3u)) {
    usage_error(a.blank ? "--blank takes a template and no data file" : a.command + " takes a template and a data file");
  }
  a.template_name = positional[1];
  if (!a.date.empty()) vanban::pdf_date_from_iso(a.date);  // an impossible date is a usage error before any work
  if (!a.blank) a.data_path = positional[2];
  std::string lower = a.output;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](const std::string& e) { return lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0; };
  if (a.command == "batch") {
    if (a.output.empty()) usage_error("batch needs -o <out.pdf|out.docx> or -o <dir/>");
    if (a.output.back() == '/') {
      if (!a.format.empty() && a.format != "pdf" && a.format != "docx") usage_error("--format takes pdf or docx");
      a.docx = a.format == "docx";
    } else if (ends(".docx") || ends(".pdf")) {
      a.docx = ends(".docx");
      if (!a.format.empty() && a.format != (a.docx ? "docx" : "pdf")) usage_error("--format " + a.format + " does not match " + a.output);
    } else {
      usage_error("batch writes a .pdf or .docx file or, with -o ending in /, a directory of them (--format pdf|docx)");
    }
  }
  if (a.command == "decision") {
    if (a.decision_path.empty()) usage_error("decision needs --decision <decision.json|decision.xml>");
    if (a.output.empty()) usage_error("decision needs -o <qd.pdf|qd.docx>");
  }
  if (a.command == "render" || a.command == "decision") {
    if (a.output.empty()) usage_error("render needs -o <out.pdf>");
    if (ends(".docx")) a.docx = true;
    else if (!ends(".pdf")) usage_error("the output must be a .pdf or .docx file: " + a.output);
  }
  return a;
}

// $SOURCE_DATE_EPOCH (seconds since 1970) as an ISO date: a usage error unless it is a
// whole number of seconds of a year from 1970 to 9999.
std::string iso_from_epoch(const char* epoch) {
  errno = 0;
  char* end = nullptr;
  long long seconds = std::strtoll(epoch, &end, 10);
  std::tm tm{};
  std::time_t t = static_cast<std::time_t>(seconds);
  if (!*epoch || !end || *end || errno == ERANGE || seconds < 0 || seconds > 253402300799LL || !gmtime_r(&t, &tm)) {
    throw vanban::Error(vanban::ErrorKind::Usage, "SOURCE_DATE_EPOCH is not a number of seconds since 1970 (up to the year 9999)");
  }
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// How the list is read and ordered: the same for `batch` and `decision`, so a decision's
// danh sách and the certificates match row for row.
vanban::BatchOptions list_options(const Args& args) {
  vanban::BatchOptions options;
  options.list.limits = args.limits;
  options.list.sheet = args.sheet;
  for (const auto& m : args.column_map) {
    size_t eq = m.find('=');
    if (eq == std::string::npos) usage_error("--map takes 'Header=key'");
    options.list.column_map[m.substr(0, eq)] = m.substr(eq + 1);
  }
  options.sort_by_given_name = args.sort_by_given_name;
  options.group_by_unit = args.group_by_unit;
  return options;
}

vanban::RenderOptions render_options(const Args& args) {
  vanban::RenderOptions render;
  render.limits = args.limits;
  render.creation_date = args.date;
  if (render.creation_date.empty()) {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) render.creation_date = iso_from_epoch(epoch);
  }
  return render;
}

// `vanban decision`: the Quyết định khen thưởng with the danh sách of the list.
int decision(const vanban::Engine& engine, const Args& args) {
  vanban::style::Template certificate = engine.load_template(args.template_name);
  std::string list = vanban::read_input_file(args.data_path, args.limits);
  std::string data = vanban::read_input_file(args.decision_path, args.limits);
  vanban::model::Document frame;
  try {
    frame = engine.load_document(data, args.decision_path, args.limits);
  } catch (vanban::Error& e) {  // name the decision file, not the list
    throw vanban::Error(e.kind(), e.message(), e.file().empty() ? args.decision_path : e.file(), e.line(), e.column(),
                        e.field_path());
  }
  vanban::style::Template tpl = engine.load_template(frame.template_name.empty() ? "quyet-dinh" : frame.template_name);
  vanban::DecisionOptions how;
  how.list_title = args.list_title;
  vanban::Decision made =
      engine.recognition_decision(certificate, list, args.data_path, std::move(frame), list_options(args), how);
  const auto format = args.docx ? vanban::OutputFormat::Docx : vanban::OutputFormat::Pdf;
  vanban::file_io::write_file_atomically(args.output,
                                         engine.render_document(made.document, tpl, format, render_options(args)));
  for (const auto& e : made.rows.errors) {
    std::cerr << "vanban: " << vanban::Error::format(args.data_path, e.row, e.column, e.field, e.message) << "\n";
  }
  std::cerr << made.rows.produced << " rows listed, " << made.rows.errors.size()
            << " rows left out (as the batch leaves them out of the certificates)\n";
  return made.rows.errors.empty() ? 0 : 3;
}

// `vanban batch`: one file, or one file per row (vanban::certificate_file_name), and the
// report of the failed rows.
int batch(const vanban::Engine& engine, const Args& args) {
  vanban::style::Template tpl = engine.load_template(args.template_name);
  std::string list = vanban::read_input_file(args.data_path, args.limits);
  vanban::BatchOptions options = list_options(args);
  options.certificate.scale = args.paper == "a3" ? std::sqrt(2.0) : 1.0;
  options.certificate.print_on_blank = args.print_on_blank;
  options.certificate.offset_x = args.offset_x;
  options.certificate.offset_y = args.offset_y;
  options.emblem_png = args.emblem;
  options.seal_png = args.seal;
  options.signature_png = args.signature;
  options.jobs = args.jobs;
  options.overwrite = args.overwrite;
  auto start = std::chrono::steady_clock::now();
  if (isatty(STDERR_FILENO)) {
    options.progress = [start](size_t done, size_t total) {
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      double rate = s > 0 ? done / s : 0;
      int width = 30, filled = total ? static_cast<int>(width * done / total) : width;
      std::fprintf(stderr, "\r[%s%s] %zu/%zu  %.0f/s  %.0f s left   ", std::string(filled, '#').c_str(),
                   std::string(width - filled, ' ').c_str(), done, total, rate, rate > 0 ? (total - done) / rate : 0.0);
      if (done == total) std::fputc('\n', stderr);
    };
  }
  vanban::RenderOptions render = render_options(args);
  const auto format = args.docx ? vanban::OutputFormat::Docx : vanban::OutputFormat::Pdf;

  const bool to_dir = args.output.back() == '/';
  vanban::BatchResult result;
  if (to_dir) {
    result = engine.certificate_directory(tpl, list, args.data_path, options, render, format, args.output,
                                          args.name_pattern);
  } else {
    result = engine.certificates_file(tpl, list, args.data_path, options, render, format, args.output);
  }
  // The report: one line per failed row, on stderr and in <out>.errors.csv; after a run
  // with no failed row, a report left by an earlier run is removed (it would not match).
  const std::string report_path = to_dir ? args.output + "errors.csv" : args.output + ".errors.csv";
  if (!result.errors.empty()) {
    for (const auto& e : result.errors) {
      std::cerr << "vanban: " << vanban::Error::format(args.data_path, e.row, e.column, e.field, e.message) << "\n";
    }
    // An output named up to the file system's limit leaves no room for ".errors.csv".
    const std::filesystem::path report(report_path);
    const long name_max = ::pathconf(report.has_parent_path() ? report.parent_path().c_str() : ".", _PC_NAME_MAX);
    if (name_max > 0 && report.filename().string().size() > static_cast<size_t>(name_max)) {
      std::cerr << "vanban: the failed rows are not saved in <out>.errors.csv: its name would be longer than the "
                   "file system allows\n";
    } else {
      vanban::file_io::write_file_atomically(report_path, vanban::batch_report_csv(result));
      std::cerr << "vanban: the failed rows are listed in " << report_path << "\n";
    }
  } else if (::unlink(report_path.c_str()) != 0 && errno != ENOENT) {
    throw vanban::Error(vanban::ErrorKind::Output, std::string("cannot remove the report of an earlier run: ") +
                                                       std::strerror(errno), report_path);
  }
  if (result.rows == 0) {
    std::cerr << "vanban: error: " << args.data_path << ": the list has no rows under its header; nothing was written\n";
    return 1;
  }
  std::cerr << result.produced << " certificates, " << result.errors.size() << " rows failed\n";
  if (result.produced == 0) {
    std::cerr << "vanban: error: no row made a certificate; nothing was written\n";
    return 1;
  }
  return result.errors.empty() ? 0 : 3;
}

// SIGINT, SIGTERM, SIGHUP: the temporary files being written are removed, then the
// signal is raised again with its default action (SA_RESETHAND), so the exit status
// still tells the caller which signal ended the program.
extern "C" void on_fatal_signal(int sig) {
  vanban::file_io::remove_live_temporaries();
  ::raise(sig);
}

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sa.sa_flags = SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    // A signal ignored when we started (nohup, a shell's background job) stays ignored.
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    ::sigaction(sig, &sa, nullptr);
  }
}

}  // namespace

int main(int argc, char** argv) {
  install_signal_handlers();
  Args args;
  try {
    args = parse(argc, argv);
    vanban::EngineOptions options;
    options.template_dirs = args.template_dirs;
    const vanban::DataDirs dirs = vanban::default_data_dirs();
    options.template_dirs.push_back(dirs.templates);
    options.font_manifest = dirs.fonts + "/fonts.xml";
    options.font_dir = args.font_dir;
    options.allow_template_paths = args.allow_template_paths;
    vanban::Engine engine(options);

    if (args.command == "batch") return batch(engine, args);
    if (args.command == "decision") return decision(engine, args);
    std::string data = args.blank ? std::string() : vanban::read_input_file(args.data_path, args.limits);
    vanban::style::Template tpl = engine.load_template(args.template_name);
    vanban::RenderOptions render = render_options(args);
    if (args.docx) {
      std::string docx = engine.render_docx(tpl, data, args.data_path, render, args.blank);
      vanban::file_io::write_file_atomically(args.output, docx);
      return 0;
    }
    vanban::layout::LaidOutDocument laid_out = engine.lay_out(tpl, data, args.data_path, args.blank, args.limits);

    if (args.command == "validate") {
      std::cout << (args.blank ? tpl.name : args.data_path) << ": valid " << tpl.name << " ("
                << laid_out.pages.size() << " pages)\n";
      return 0;
    }
    std::string pdf = engine.write_pdf(laid_out, render);
    vanban::file_io::write_file_atomically(args.output, pdf);
    return 0;
  } catch (const vanban::Error& e) {
    std::string file = e.file().empty() && (e.kind() == vanban::ErrorKind::Model || e.kind() == vanban::ErrorKind::Syntax)
                           ? args.data_path
                           : e.file();
    std::cerr << "vanban: error: "
              << vanban::Error::format(file, e.line(), e.column(), e.field_path(), e.message()) << "\n";
    return e.kind() == vanban::ErrorKind::Usage ? 2 : 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "vanban: error: out of memory (the input needs more memory than the process may have; "
                 "try fewer --jobs, a smaller list or lower --max-rows)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "vanban: internal error: " << e.what() << "\n";
    return 1;
  }
}
