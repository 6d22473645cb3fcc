// `vanban render` (PDF, DOCX, or one SVG per page) and `vanban validate`.
#include <cerrno>
#include <cstdlib>
#include <ctime>

#include "cli/cli.h"
#include "cli/report.h"
#include "core/file_io.h"
#include "core/i18n.h"

namespace vanban::cli {
namespace {

// $SOURCE_DATE_EPOCH (seconds since 1970) as an ISO date: a usage error unless it is a
// whole number of seconds of a year from 1970 to 9999.
std::string iso_from_epoch(const char* epoch) {
  errno = 0;
  char* end = nullptr;
  long long seconds = std::strtoll(epoch, &end, 10);
  std::tm tm{};
  std::time_t t = static_cast<std::time_t>(seconds);
  if (!*epoch || !end || *end || errno == ERANGE || seconds < 0 || seconds > 253402300799LL || !gmtime_r(&t, &tm)) {
    throw Error(ErrorKind::Usage, tr("SOURCE_DATE_EPOCH is not a number of seconds since 1970 (up to the year 9999)"));
  }
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

RenderOptions render_options(const Args& args) {
  RenderOptions render;
  render.limits = args.limits;
  render.creation_date = args.date;
  if (render.creation_date.empty()) {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) render.creation_date = iso_from_epoch(epoch);
  }
  render.tagged = !args.no_tags;
  render.pdfa = args.pdfa;
  render.signing_time = args.signing_time;
  render.signatures = signature_requests(args);
  return render;
}

namespace {

// out.svg -> out-1.svg, out-2.svg …: the files of an SVG render, one per page.
std::vector<std::string> svg_page_paths(const std::string& output, size_t pages) {
  const std::string stem = output.substr(0, output.size() - 4);
  std::vector<std::string> paths;
  for (size_t i = 1; i <= pages; ++i) paths.push_back(stem + "-" + std::to_string(i) + ".svg");
  return paths;
}

// Writes files[i..] all or nothing: each file's temporary is written and flushed inside
// the previous one's writing, so every page is complete on disk before the first rename;
// a failure removes every temporary and leaves the files that were there untouched.
void write_all_atomically(const std::vector<std::string>& paths, const std::vector<std::string>& pages, size_t i) {
  if (i == paths.size()) return;
  file_io::write_file_atomically(paths[i], [&](std::ostream& out) {
    out.write(pages[i].data(), static_cast<std::streamsize>(pages[i].size()));
    out.flush();
    if (!out) return true;  // write_file_atomically reports the stream's failure
    write_all_atomically(paths, pages, i + 1);
    return true;
  });
}

int render_svg(const Engine& engine, const Args& args, const std::string& data, const RenderOptions& render,
               Report& report) {
  layout::LaidOutDocument laid_out = engine.lay_out(engine.load_template(args.template_name), data, args.data_path,
                                                    args.blank, render.limits, render.warnings);
  std::vector<std::string> pages = engine.write_svg(laid_out, render);
  std::vector<std::string> paths = svg_page_paths(args.output, pages.size());
  write_all_atomically(paths, pages, 0);
  report.add(*render.warnings);
  report.result() = {{"output", args.output}, {"format", "svg"}, {"files", paths}};
  return kDone;
}

}  // namespace

int render(const Engine& engine, const Args& args, Report& report) {
  std::string data = args.blank ? std::string() : read_input_file(args.data_path, args.limits);
  std::vector<Diagnostic> warnings;
  RenderOptions render = render_options(args);
  render.warnings = &warnings;
  if (args.svg) return render_svg(engine, args, data, render, report);
  std::string bytes = args.docx ? engine.render_docx(engine.load_template(args.template_name), data, args.data_path,
                                                     render, args.blank)
                                : engine.render_pdf(args.template_name, data, args.data_path, render, args.blank);
  file_io::write_file_atomically(args.output, bytes);
  report.add(warnings);
  report.result() = {{"output", args.output}, {"format", args.docx ? "docx" : "pdf"}};
  return kDone;
}

int validate(const Engine& engine, const Args& args, Report& report) {
  std::string data = args.blank ? std::string() : read_input_file(args.data_path, args.limits);
  style::Template tpl = engine.load_template(args.template_name);
  std::vector<Diagnostic> warnings;
  layout::LaidOutDocument laid_out = engine.lay_out(tpl, data, args.data_path, args.blank, args.limits, &warnings);
  const size_t pages = laid_out.pages.size();
  report.add(warnings);
  report.say(trf("{0}: valid {1} ({2} pages)", args.blank ? tpl.name : args.data_path, tpl.name, pages), true);
  report.result() = {{"template", tpl.name}, {"pages", pages}};
  return kDone;
}

}  // namespace vanban::cli
