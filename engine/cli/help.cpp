// `vanban --help`, `vanban help <command>`, `vanban <command> --help`: written from the
// option table (args_table.h), every text through tr() (the user's language).
#include <string>

#include "cli/args_table.h"
#include "cli/cli.h"
#include "core/i18n.h"

namespace vanban::cli {
namespace {

// What help says of each command: its synopsis (after "vanban "), its line in the list of
// commands, and what it does in a few lines.
struct CommandHelp {
  Command command;
  const char* synopsis;
  const char* summary;
  const char* description;
};

constexpr CommandHelp kCommandHelp[] = {
    {Command::Render,
     N_("render <template> <data.json|data.xml|records.csv> -o <out.pdf|out.docx|out.svg> [options]\n"
        "render <form-template> --blank -o <form.pdf|form.docx|form.svg> [options]"),
     N_("write a document (PDF, DOCX or SVG pages) from a template and its data"),
     N_("Lays out the data with the template and writes a PDF or a DOCX (by the output's\n"
        "extension), or with -o out.svg one SVG per page: out-1.svg, out-2.svg, ... (all\n"
        "of them or none). <data> is a document model (JSON or XML); for a form, a JSON\n"
        "object, a JSON array or a CSV file of records: one filled form each.")},
    {Command::Validate,
     N_("validate <template> <data> [options]"),
     N_("check that data lays out with a template, without writing anything"),
     N_("Reads the data and lays it out as render would, writes nothing and says how many\n"
        "pages it makes. Every problem of the data is reported.")},
    {Command::Batch,
     N_("batch <certificate-template> <list.csv|list.xlsx|list.json|list.txt> -o <out.pdf|out.docx|dir/> "
        "[options]"),
     N_("make certificates from a list (CSV, XLSX, JSON, text)"),
     N_("One PDF with a page per row (a DOCX with a section per row) or, with -o ending in /,\n"
        "one file per row named by --name. Rows that cannot make a certificate are reported\n"
        "and listed in <out>.errors.csv (removed after a run with none); the others are\n"
        "produced. Images (PNG with transparency): --emblem top centre, --signature in the\n"
        "signature space, --seal over its left third; a template may name them.")},
    {Command::Decision,
     N_("decision <certificate-template> <list> --decision <decision.json|decision.xml> -o <qd.pdf|qd.docx> "
        "[options]"),
     N_("write the Quyết định khen thưởng of a list, with its danh sách"),
     N_("The decision model (its \"template\", default quyet-dinh) with the danh sách of the\n"
        "list appended: one row per certificate the same batch options make, in their order.\n"
        "The number and date come from the list's \"Số quyết định\"/\"Ngày quyết định\" when\n"
        "the decision leaves them blank.")},
    {Command::Check,
     N_("check <template> <data.json|data.xml> [options]"),
     N_("check a document's content against the rules of Decree 30"),
     N_("Checks the content rules of Decree 30 that layout cannot see (abbreviations, the\n"
        "symbol, leading zeros, Nơi nhận, \"Lưu:\", capitals, numbering, appendices) and\n"
        "prints every finding on stdout: file:line:column, field, severity, message, the\n"
        "rule's ID (ND30-…) and a hint.")},
    {Command::Templates,
     N_("templates [--template-dir DIR] [--format json]"),
     N_("list the templates: name and kind"),
     N_("Lists every template the command finds (--template-dir first, then the installed\n"
        "ones): its name, to give as <template>, and its kind.")},
    {Command::Sign,
     N_("sign <in.pdf> -o <out.pdf> (--p12 FILE | --pkcs11-module LIB) [options]"),
     N_("sign a PDF digitally (PAdES), with the decree's appearance"),
     N_("Adds a digital signature (PAdES B-B, B-T with --tsa) as an incremental update: the\n"
        "signer's signature image between the authority and the name, the body's seal over\n"
        "its left third, or the body's information box at the top right of page 1, where\n"
        "vanban laid them out (recorded in the file); for other PDFs, --page and --rect.\n"
        "The password or PIN is never an argument: --password-file, $VANBAN_PASSWORD or\n"
        "$VANBAN_PIN, else asked. Repeat --p12 for the signer, then the body.")},
    {Command::Serve,
     N_("serve [--listen 127.0.0.1:8080] [--threads N] [options]"),
     N_("serve the web page and the HTTP API (render, validate, check, batch)"),
     N_("An HTTP server: the web page (GET /) to fill forms and documents, preview them and\n"
        "download PDF or DOCX, and the JSON API for portals (POST /api/render, /api/validate,\n"
        "/api/check, /api/batch; docs/serve.md). It listens on this machine only unless\n"
        "--listen names another address. Requests name templates by name only; past a limit\n"
        "the answer is 413 (body), 422 (pages, rows), 503 (queue full) or 504 (time).")},
};

const CommandHelp& help_of(Command c) {
  for (const auto& h : kCommandHelp)
    if (h.command == c) return h;
  return kCommandHelp[0];
}

// `text` (lines separated by "\n") with every line but the first indented by `indent`.
std::string indented(const std::string& text, size_t indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(indent, ' ');
  }
  return out;
}

// Characters on screen (UTF-8 continuation bytes do not count).
size_t width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// "usage: vanban <synopsis>", its second line under the first.
std::string usage_line(Command c) {
  const std::string prefix = std::string(tr("usage:")) + " vanban ";
  return prefix + indented(tr(help_of(c).synopsis), width(prefix)) + "\n";
}

std::string exit_statuses(Command c) {
  std::string out = std::string(tr("exit status:")) + "\n";
  if (c == Command::Check) {
    out += std::string("  0  ") + tr("no errors (warnings may have been printed)") + "\n";
    out += std::string("  1  ") + tr("errors found, or the template or data cannot be read") + "\n";
  } else {
    out += std::string("  0  ") + tr("done") + "\n";
    out += std::string("  1  ") + tr("the data, template or fonts are wrong, or a file cannot be read or written") +
           "\n";
  }
  out += std::string("  2  ") + tr("usage error (the command line is wrong)") + "\n";
  if (c == Command::None || c == Command::Batch || c == Command::Decision) {
    out += std::string("  3  ") + tr("batch, decision: some rows failed (the others were produced)") + "\n";
  }
  return out;
}

std::string options_of(Command c) {
  std::string out = std::string(tr("options:")) + "\n";
  constexpr size_t kColumn = 30;
  for (const auto& o : kOptions) {
    if (!(o.commands & bit(c))) continue;
    std::string left = "  ";
    left += o.short_name ? std::string(o.short_name) + ", " : "    ";
    left += o.name;
    if (o.value) left += std::string(" ") + o.value;
    if (left.size() + 1 > kColumn) {
      out += left + "\n" + std::string(kColumn, ' ');
    } else {
      out += left + std::string(kColumn - left.size(), ' ');
    }
    out += indented(tr(o.help), kColumn) + "\n";
  }
  out += std::string("  -h, --help") + std::string(kColumn - 12, ' ') + tr("this help") + "\n";
  return out;
}

}  // namespace

std::string help_text(Command c) {
  if (c == Command::None) {
    std::string out = std::string(tr("usage: vanban <command> <arguments> [options]")) + "\n\n" + tr("commands:") + "\n";
    for (Command each : kCommands) {
      std::string name = command_name(each);
      out += "  " + name + std::string(12 - name.size(), ' ') + tr(help_of(each).summary) + "\n";
    }
    out += "\n";
    out += std::string(tr("vanban help <command> or vanban <command> --help: its arguments and options")) + "\n";
    out += std::string(tr("vanban --version: the version")) + "\n\n";
    out += std::string(tr("<template> is a template name (vanban templates lists them) or the path of a\n"
                          "template file. --format json prints one JSON document on stdout for scripts.")) +
           "\n\n";
    return out + exit_statuses(c);
  }
  std::string out = usage_line(c) + "\n";
  out += std::string(tr(help_of(c).description)) + "\n\n";
  out += options_of(c) + "\n";
  return out + exit_statuses(c);
}

std::string usage_hint(Command c) {
  if (c == Command::None) {
    return std::string(tr("usage: vanban <command> <arguments> [options]")) + "\n" +
           tr("vanban --help lists the commands; vanban help <command> tells of one") + "\n";
  }
  return usage_line(c) + trf("vanban help {0} lists every option", command_name(c)) + "\n";
}

}  // namespace vanban::cli
