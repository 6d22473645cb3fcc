// `vanban render` and `vanban validate`.
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

int render(const Engine& engine, const Args& args, Report& report) {
  std::string data = args.blank ? std::string() : read_input_file(args.data_path, args.limits);
  std::vector<Diagnostic> warnings;
  RenderOptions render = render_options(args);
  render.warnings = &warnings;
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
