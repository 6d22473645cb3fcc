// `vanban check` (the content rules of Decree 30 that layout cannot see) and
// `vanban templates` (what <template> may be).
#include <algorithm>
#include <iostream>

#include "cli/cli.h"
#include "cli/report.h"
#include "core/i18n.h"

namespace vanban::cli {

int check(const Engine& engine, const Args& args, Report& report) {
  std::string data = read_input_file(args.data_path, args.limits);
  style::Template tpl = engine.load_template(args.template_name);
  std::vector<Diagnostic> findings = engine.check(tpl, data, args.data_path, args.limits);
  for (auto& d : findings) {
    if (d.file.empty()) d.file = args.data_path;
  }
  report.add(findings, true);
  const size_t errors = report.errors(), warnings = report.warnings();
  report.say(trf("{0}: {1} errors, {2} warnings", args.data_path, errors, warnings), true);
  report.result() = {{"template", tpl.name}, {"errors", errors}, {"warnings", warnings}};
  return errors ? kWrongInput : kDone;
}

int templates(const Engine& engine, const Args&, Report& report) {
  std::vector<TemplateInfo> all = engine.templates();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  size_t width = 0;
  for (const auto& t : all) width = std::max(width, t.name.size());
  for (const auto& t : all) {
    list.push_back({{"name", t.name}, {"kind", t.kind}, {"path", t.path}});
    report.say(t.name + std::string(width + 2 - t.name.size(), ' ') + t.kind, true);
  }
  report.result() = {{"templates", list}};
  return kDone;
}

}  // namespace vanban::cli
