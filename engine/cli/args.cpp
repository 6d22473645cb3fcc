// The command line: one table of options (args_table.h), each with the commands it
// belongs to; help.cpp writes the help from the same table.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include "cli/args_table.h"
#include "cli/cli.h"
#include "core/i18n.h"

namespace vanban::cli {
namespace {

[[noreturn]] void usage_error(const std::string& message) { throw Error(ErrorKind::Usage, message); }

std::string shown(const std::string& v) { return v.substr(0, 40); }

// A whole number in [least, most]: the whole argument, digits only (no sign, no spaces,
// nothing after), never wrapped around.
unsigned long long count_of(const std::string& option, const std::string& v, unsigned long long least,
                            unsigned long long most) {
  bool digits = !v.empty() && v.size() <= 20 && v.find_first_not_of("0123456789") == std::string::npos;
  errno = 0;
  char* end = nullptr;
  unsigned long long n = digits ? std::strtoull(v.c_str(), &end, 10) : 0;
  if (!digits || errno == ERANGE || !end || *end || n < least || n > most) {
    usage_error(trf("{0} takes a whole number from {1} to {2}, not \"{3}\"", option, least, most, shown(v)));
  }
  return n;
}

// Millimetres, finite, at most kMaxOffsetMm either way; returned in points.
double offset_of(const std::string& option, const std::string& v) {
  errno = 0;
  char* end = nullptr;
  double mm = v.empty() ? NAN : std::strtod(v.c_str(), &end);
  if (v.empty() || !end || *end || errno == ERANGE || !std::isfinite(mm) || std::abs(mm) > kMaxOffsetMm) {
    const int most = static_cast<int>(kMaxOffsetMm);
    usage_error(trf("{0} takes millimetres from -{1} to {1}, not \"{2}\"", option, most, shown(v)));
  }
  return mm * 72 / 25.4;
}

// The signature the option belongs to: the last one, or a new one (a key option after a
// signature that has its key starts the next).
SignatureArgs& signature(Args& a, bool key = false) {
  if (a.signatures.empty() || (key && a.signatures.back().has_key())) a.signatures.emplace_back();
  return a.signatures.back();
}

}  // namespace

void apply_option(Args& a, OptionId id, const std::string& name, const std::string& v) {
  switch (id) {
    case OptionId::Output: a.output = v; break;
    case OptionId::Format:
      if (v == "json") a.json = true;
      else if (v == "pdf" || v == "docx") a.format = v;
      else usage_error(trf("--format takes pdf, docx or json, not \"{0}\"", shown(v)));
      break;
    case OptionId::Date: a.date = v; break;
    case OptionId::Blank: a.blank = true; break;
    case OptionId::FontDir: a.font_dir = v; break;
    case OptionId::TemplateDir: a.template_dirs.push_back(v); break;
    case OptionId::AllowTemplatePaths: a.allow_template_paths = true; break;
    case OptionId::MaxRows: a.limits.max_rows = count_of(name, v, 1, 1ull << 40); break;
    case OptionId::MaxColumns: a.limits.max_columns = count_of(name, v, 1, 1ull << 30); break;
    case OptionId::MaxImageSide: a.limits.max_image_side = static_cast<uint32_t>(count_of(name, v, 1, 1u << 20)); break;
    case OptionId::MaxInputBytes: a.limits.max_input_bytes = count_of(name, v, 1, 1ull << 50); break;
    case OptionId::MaxTextBytes: a.limits.max_text_bytes = count_of(name, v, 1, 1ull << 40); break;
    case OptionId::Sort:
      if (v != "ten") usage_error(tr("--sort takes \"ten\" (Vietnamese name order)"));
      a.sort_by_given_name = true;
      break;
    case OptionId::GroupByUnit: a.group_by_unit = true; break;
    case OptionId::Sheet: a.sheet = v; break;
    case OptionId::Map:
      if (v.find('=') == std::string::npos) usage_error(tr("--map takes 'Header=key'"));
      a.column_map.push_back(v);
      break;
    case OptionId::Name: a.name_pattern = v; break;
    case OptionId::Paper:
      if (v != "a4" && v != "a3") usage_error(tr("--paper takes a4 or a3"));
      a.paper = v;
      break;
    case OptionId::PrintOnBlank: a.print_on_blank = true; break;
    case OptionId::OffsetX: a.offset_x = offset_of(name, v); break;
    case OptionId::OffsetY: a.offset_y = offset_of(name, v); break;
    case OptionId::Jobs: a.jobs = static_cast<int>(count_of(name, v, 1, kMaxJobs)); break;
    case OptionId::Emblem: a.emblem = v; break;
    case OptionId::Seal: a.seal = v; break;
    case OptionId::Signature: a.signature = v; break;
    case OptionId::Overwrite: a.overwrite = true; break;
    case OptionId::Decision: a.decision_path = v; break;
    case OptionId::ListTitle: a.list_title = v; break;
    case OptionId::P12: signature(a, true).p12 = v; break;
    case OptionId::Pkcs11Module: signature(a, true).pkcs11_module = v; break;
    case OptionId::Token: signature(a).token = v; break;
    case OptionId::KeyLabel: signature(a).key_label = v; break;
    case OptionId::KeyId:
      if (v.empty() || v.size() % 2 || v.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
        usage_error(trf("--key-id takes the key's ID in hex, not \"{0}\"", shown(v)));
      }
      signature(a).key_id = v;
      break;
    case OptionId::PasswordFile: signature(a).password_file = v; break;
    case OptionId::Role:
      if (v != "signer" && v != "body" && v != "info") usage_error(trf("--role takes signer, body or info, not \"{0}\"", shown(v)));
      signature(a).role = v;
      break;
    case OptionId::Image: signature(a).image = v; break;
    case OptionId::ImageWidth: {
      errno = 0;
      char* end = nullptr;
      double mm = v.empty() ? NAN : std::strtod(v.c_str(), &end);
      if (v.empty() || !end || *end || !std::isfinite(mm) || mm <= 0 || mm > 200) {
        usage_error(trf("--image-width takes millimetres from 0 to 200, not \"{0}\"", shown(v)));
      }
      signature(a).image_width_mm = mm;
      break;
    }
    case OptionId::Tsa: signature(a).tsa = v; break;
    case OptionId::Reason: signature(a).reason = v; break;
    case OptionId::Location: signature(a).location = v; break;
    case OptionId::SignTime: a.signing_time = v; break;
    case OptionId::Page: a.page = static_cast<int>(count_of(name, v, 1, 1u << 24)) - 1; break;
    case OptionId::Rect: {
      a.rect.clear();
      size_t from = 0;
      while (from <= v.size()) {
        size_t comma = v.find(',', from);
        std::string part = v.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        char* end = nullptr;
        double mm = part.empty() ? NAN : std::strtod(part.c_str(), &end);
        if (part.empty() || !end || *end || !std::isfinite(mm) || mm < 0 || mm > 5000) {
          usage_error(trf("--rect takes X,Y,W,H in millimetres, not \"{0}\"", shown(v)));
        }
        a.rect.push_back(mm);
        if (comma == std::string::npos) break;
        from = comma + 1;
      }
      if (a.rect.size() != 4 || a.rect[2] <= 0 || a.rect[3] <= 0) {
        usage_error(trf("--rect takes X,Y,W,H in millimetres, not \"{0}\"", shown(v)));
      }
      break;
    }
    case OptionId::Pdfa: a.pdfa = true; break;
    case OptionId::NoTags: a.no_tags = true; break;
    case OptionId::Listen: {
      // HOST:PORT, [IPv6]:PORT, or :PORT (loopback)
      const size_t colon = v.rfind(':');
      std::string host = colon == std::string::npos ? std::string() : v.substr(0, colon);
      if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
      if (colon == std::string::npos || colon + 1 == v.size()) {
        usage_error(trf("--listen takes HOST:PORT (127.0.0.1:8080), not \"{0}\"", shown(v)));
      }
      a.serve.host = host.empty() ? "127.0.0.1" : host;
      a.serve.port = static_cast<int>(count_of(name, v.substr(colon + 1), 0, 65535));
      break;
    }
    case OptionId::Threads: a.serve.threads = static_cast<int>(count_of(name, v, 1, kMaxJobs)); break;
    case OptionId::Queue: a.serve.queue = count_of(name, v, 1, 1u << 20); break;
    case OptionId::MaxBody: a.serve.max_body = count_of(name, v, 1, 1ull << 34); break;
    case OptionId::MaxPages: a.serve.max_pages = count_of(name, v, 1, 1u << 24); break;
    case OptionId::Timeout: a.serve.timeout_ms = static_cast<int>(count_of(name, v, 1, 86400)) * 1000; break;
    case OptionId::WebDir: a.serve.web_dir = v; break;
  }
}

namespace {

bool ends_with(const std::string& s, const std::string& e) {
  std::string lower = s;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0;
}

// What the options and arguments of a command must be together.
void check_command(Args& a, const std::vector<std::string>& positional) {
  const std::string cmd = command_name(a.command);
  const bool none = a.command == Command::Templates || a.command == Command::Serve;
  const size_t files = none ? 0 : a.blank || a.command == Command::Sign ? 1 : 2;
  if (positional.size() != files + 1) {
    if (none) usage_error(trf("{0} takes no argument", cmd));
    if (a.blank) usage_error(tr("--blank takes a template and no data file"));
    if (a.command == Command::Sign) usage_error(tr("sign takes the PDF to sign"));
    if (a.command == Command::Batch || a.command == Command::Decision) {
      usage_error(trf("{0} takes a certificate template and a list", cmd));
    }
    usage_error(trf("{0} takes a template and a data file", cmd));
  }
  if (files >= 1) a.template_name = positional[1];
  if (files == 2) a.data_path = positional[2];
  if (!a.date.empty()) pdf_date_from_iso(a.date);  // an impossible date is a usage error before any work
  for (const auto& s : a.signatures) {
    if (!s.has_key()) usage_error(tr("a signature needs its key: --p12 FILE or --pkcs11-module LIB"));
  }
  if (!a.signing_time.empty()) pdf_date_from_iso(a.signing_time);
  if (a.command == Command::Sign) {
    a.data_path = positional[1];
    if (a.signatures.empty()) usage_error(tr("sign needs a key: --p12 FILE or --pkcs11-module LIB"));
    if (a.output.empty()) usage_error(tr("sign needs -o <out.pdf>"));
    return;
  }
  if (!a.signatures.empty() && a.command == Command::Batch && a.output.back() != '/' && ends_with(a.output, ".docx")) {
    usage_error(tr("only a PDF can be signed (the output is a DOCX)"));
  }
  const bool writes = a.command == Command::Render || a.command == Command::Batch || a.command == Command::Decision;
  if (!writes) return;
  if (a.command == Command::Batch) {
    if (a.output.empty()) usage_error(tr("batch needs -o <out.pdf|out.docx> or -o <dir/>"));
    if (a.output.back() == '/') {
      a.docx = a.format == "docx";
      return;
    }
    if (!ends_with(a.output, ".docx") && !ends_with(a.output, ".pdf")) {
      usage_error(tr("batch writes a .pdf or .docx file or, with -o ending in /, a directory of them "
                     "(--format pdf|docx)"));
    }
  } else {
    if (a.command == Command::Decision && a.decision_path.empty()) {
      usage_error(tr("decision needs --decision <decision.json|decision.xml>"));
    }
    if (a.output.empty()) {
      usage_error(a.command == Command::Decision ? tr("decision needs -o <qd.pdf|qd.docx>")
                                                 : tr("render needs -o <out.pdf|out.docx|out.svg>"));
    }
    a.svg = a.command == Command::Render && ends_with(a.output, ".svg");
    if (a.svg) {
      if (!a.signatures.empty()) usage_error(tr("only a PDF can be signed (the output is SVG)"));
      if (!a.format.empty()) usage_error(trf("--format {0} does not match {1}", a.format, a.output));
      return;
    }
    if (!ends_with(a.output, ".docx") && !ends_with(a.output, ".pdf")) {
      usage_error(a.command == Command::Render ? trf("the output must be a .pdf, .docx or .svg file: {0}", a.output)
                                               : trf("the output must be a .pdf or .docx file: {0}", a.output));
    }
  }
  a.docx = ends_with(a.output, ".docx");
  if (!a.format.empty() && a.format != (a.docx ? "docx" : "pdf")) {
    usage_error(trf("--format {0} does not match {1}", a.format, a.output));
  }
}

}  // namespace

const char* command_name(Command c) {
  switch (c) {
    case Command::Render: return "render";
    case Command::Validate: return "validate";
    case Command::Batch: return "batch";
    case Command::Decision: return "decision";
    case Command::Check: return "check";
    case Command::Templates: return "templates";
    case Command::Sign: return "sign";
    case Command::Serve: return "serve";
    case Command::None: break;
  }
  return "";
}

Command command_named(const std::string& name) {
  for (Command c : kCommands)
    if (name == command_name(c)) return c;
  return Command::None;
}

Args parse(int argc, char** argv, Args& a) {
  std::vector<std::string> positional;
  std::vector<std::pair<const Option*, std::string>> given;  // checked once the command is known
  bool help = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      help = true;
      continue;
    }
    if (arg == "--version") {
      std::cout << "vanban " << version() << "\n";
      std::exit(kDone);
    }
    if (arg.size() < 2 || arg[0] != '-') {
      positional.push_back(arg);
      if (positional.size() == 1) a.command = command_named(arg);
      continue;
    }
    std::string value;
    bool has_value = false;
    if (size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {  // --jobs=4
      value = arg.substr(eq + 1);
      arg.resize(eq);
      has_value = true;
    }
    const Option* o = find_option(arg);
    if (!o) usage_error(trf("unknown option {0}", arg));
    if (o->value && !has_value) {
      if (i + 1 >= argc) usage_error(trf("option {0} needs a value", arg));
      value = argv[++i];
    } else if (!o->value && has_value) {
      usage_error(trf("option {0} takes no value", arg));
    }
    apply_option(a, o->id, arg, value);
    given.emplace_back(o, arg);
  }
  if (!positional.empty() && positional[0] == "help") {
    Command about = positional.size() > 1 ? command_named(positional[1]) : Command::None;
    if (positional.size() > 2 || (positional.size() == 2 && about == Command::None)) {
      usage_error(trf("unknown command \"{0}\"", positional.back()));
    }
    std::cout << help_text(about);
    std::exit(kDone);
  }
  if (help && a.command != Command::None) {
    std::cout << help_text(a.command);
    std::exit(kDone);
  }
  if (help || positional.empty()) {
    if (help) {
      std::cout << help_text(Command::None);
      std::exit(kDone);
    }
    usage_error(tr("no command given"));
  }
  if (a.command == Command::None) usage_error(trf("unknown command \"{0}\"", positional[0]));
  for (const auto& [o, name] : given) {
    if (!(o->commands & bit(a.command))) {
      usage_error(trf("{0} is not an option of {1} (vanban help {1} lists them)", name, command_name(a.command)));
    }
  }
  if (!a.format.empty() && !(a.command == Command::Render || a.command == Command::Batch ||
                             a.command == Command::Decision)) {
    usage_error(trf("--format {0} is for the output of render, batch and decision", a.format));
  }
  check_command(a, positional);
  return a;
}

}  // namespace vanban::cli
