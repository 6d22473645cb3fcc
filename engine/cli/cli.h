// The `vanban` command: what its parts share. Each command is a file of its own
// (render.cpp: render and validate; batch.cpp: batch and decision; check.cpp: check and
// templates); args.cpp reads the command line, help.cpp writes the help, report.cpp
// prints the problems (text on stderr, or one JSON document on stdout).
#pragma once
#include <string>
#include <vector>

#include "serve/api.h"
#include "vanban/engine.h"

namespace vanban::cli {

// Exit statuses (README, `vanban --help`).
constexpr int kDone = 0;        // done (check: no errors; warnings do not count)
constexpr int kWrongInput = 1;  // the data, template or fonts are wrong, a file cannot be read or written
constexpr int kUsage = 2;       // the command line is wrong
constexpr int kRowsFailed = 3;  // batch, decision: some rows failed (the others were produced)

enum class Command { None, Render, Validate, Batch, Decision, Check, Templates, Sign, Serve };

// One signature asked on the command line (--p12 or --pkcs11-module starts one; the
// options after it, up to the next, are its own).
struct SignatureArgs {
  std::string p12, pkcs11_module, token, key_label, key_id, password_file;
  std::string role = "signer", image, tsa, reason, location;
  double image_width_mm = 0;
  bool has_key() const { return !p12.empty() || !pkcs11_module.empty(); }
};

struct Args {
  Command command = Command::None;
  std::string template_name, data_path, output, date, font_dir;
  bool blank = false;
  bool docx = false;
  bool svg = false;   // render: one SVG per page (-o out.svg writes out-1.svg, out-2.svg …)
  bool json = false;  // --format json: one JSON document on stdout
  // batch
  bool sort_by_given_name = false, print_on_blank = false, overwrite = false, group_by_unit = false;
  std::string decision_path, list_title;  // decision
  std::string name_pattern = "{stt}-{ho_ten}", sheet, paper = "a4";
  std::string emblem, seal, signature;  // PNG files
  std::string format;                   // pdf or docx (batch into a directory: which one)
  std::vector<std::string> column_map;
  double offset_x = 0, offset_y = 0;
  int jobs = 2;
  std::vector<std::string> template_dirs;
  bool allow_template_paths = false;
  Limits limits;
  // signing and PDF/A (issue #13)
  std::vector<SignatureArgs> signatures;
  std::string signing_time;            // --time
  bool pdfa = false, no_tags = false;
  int page = -1;                       // sign: --page (1-based on the command line, 0-based here)
  std::vector<double> rect;            // sign: --rect X,Y,W,H in mm from the top-left
  // serve (issue #15): --listen, --threads, --queue, --max-body, --max-pages, --timeout, --web-dir
  serve::ServeOptions serve;
};

// The command's name as typed ("batch"), and back (Command::None when unknown).
const char* command_name(Command c);
Command command_named(const std::string& name);

// Reads the command line. Help and --version are printed here (exit 0); a usage mistake
// is thrown as Error(Usage). `partial` receives what was read before a mistake (the
// command and --format json), so that the mistake is reported as the command asked.
Args parse(int argc, char** argv, Args& partial);

// The help: of every command (Command::None) or of one.
std::string help_text(Command c);
// The short synopsis printed after a usage error.
std::string usage_hint(Command c);

class Report;

// The commands. Each returns its exit status; an Error thrown is reported by main.
int render(const Engine& engine, const Args& args, Report& report);
int validate(const Engine& engine, const Args& args, Report& report);
int batch(const Engine& engine, const Args& args, Report& report);
int decision(const Engine& engine, const Args& args, Report& report);
int check(const Engine& engine, const Args& args, Report& report);
int templates(const Engine& engine, const Args& args, Report& report);
int sign(const Engine& engine, const Args& args, Report& report);
int serve(const Engine& engine, const Args& args, Report& report);

// RenderOptions from the command line: the limits and the creation date (--date, else
// $SOURCE_DATE_EPOCH); tagging, PDF/A; the signatures with their keys' secrets
// (cli/sign.cpp: --password-file, else $VANBAN_PASSWORD / $VANBAN_PIN, else a prompt).
RenderOptions render_options(const Args& args);
// The signatures asked, each secret read (cli/sign.cpp).
std::vector<SignatureRequest> signature_requests(const Args& args);

}  // namespace vanban::cli
