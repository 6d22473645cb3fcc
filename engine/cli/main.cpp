// vanban: the command line over the engine.
//   vanban render <template> <data> -o <out.pdf> [options]
//   vanban validate <template> <data> [options]
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "vanban/engine.h"

namespace {

constexpr const char* kUsage =
    "usage: vanban render <template> <data.json|data.xml|list.csv> -o <out.pdf|out.docx> [options]\n"
    "       vanban render <form-template> --blank -o <form.pdf> [options]\n"
    "       vanban validate <template> <data> [options]\n"
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
    "\n"
    "exit status: 0 done, 1 the data, template or fonts are wrong, 2 usage error\n";

struct Args {
  std::string command, template_name, data_path, output, date, font_dir;
  bool blank = false;
  bool docx = false;
  std::vector<std::string> template_dirs;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "vanban: " << message << "\n\n" << kUsage;
  std::exit(2);
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
  if (a.command != "render" && a.command != "validate") usage_error("unknown command \"" + a.command + "\"");
  if (positional.size() != (a.blank ? 2u : 3u)) {
    usage_error(a.blank ? "--blank takes a template and no data file" : a.command + " takes a template and a data file");
  }
  a.template_name = positional[1];
  if (!a.blank) a.data_path = positional[2];
  if (a.command == "render") {
    if (a.output.empty()) usage_error("render needs -o <out.pdf>");
    std::string lower = a.output;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto ends = [&](const std::string& e) { return lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0; };
    if (ends(".docx")) a.docx = true;
    else if (!ends(".pdf")) usage_error("the output must be a .pdf or .docx file: " + a.output);
  }
  return a;
}

std::string data_dir_default(const char* env, const char* compiled) {
  const char* value = std::getenv(env);
  return value && *value ? value : compiled;
}

std::string iso_from_epoch(const char* epoch) {
  char* end = nullptr;
  long long seconds = std::strtoll(epoch, &end, 10);
  if (!end || *end) return {};
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  Args args = parse(argc, argv);
  try {
    vanban::EngineOptions options;
    options.template_dirs = args.template_dirs;
    options.template_dirs.push_back(data_dir_default("VANBAN_TEMPLATE_DIR", VANBAN_DEFAULT_TEMPLATE_DIR));
    options.font_manifest = data_dir_default("VANBAN_FONT_DIR", VANBAN_DEFAULT_FONT_DIR) + std::string("/fonts.xml");
    options.font_dir = args.font_dir;
    vanban::Engine engine(options);

    std::string data = args.blank ? std::string() : vanban::file_io::read_file(args.data_path);
    vanban::style::Template tpl = engine.load_template(args.template_name);
    vanban::RenderOptions render;
    render.creation_date = args.date;
    if (render.creation_date.empty()) {
      if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) render.creation_date = iso_from_epoch(epoch);
    }
    if (args.docx) {
      std::string docx = engine.render_docx(tpl, data, args.data_path, render, args.blank);
      vanban::file_io::write_file_atomically(args.output, docx);
      return 0;
    }
    vanban::layout::LaidOutDocument laid_out = engine.lay_out(tpl, data, args.data_path, args.blank);

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
  } catch (const std::exception& e) {
    std::cerr << "vanban: internal error: " << e.what() << "\n";
    return 1;
  }
}
