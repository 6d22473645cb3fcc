// `vanban sign`, and the signing options every writing command shares: the keys' secrets
// are read from a file, the environment or the terminal, never from the command line.
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "cli/report.h"
#include "core/file_io.h"
#include "core/i18n.h"

namespace vanban::cli {
namespace {

// The first line of `path` (without its line break).
std::string first_line(const std::string& path) {
  Limits small;
  small.max_input_bytes = 64 * 1024;
  std::string text = read_input_file(path, small);
  const size_t end = text.find_first_of("\r\n");
  return end == std::string::npos ? text : text.substr(0, end);
}

// Asked on the terminal without echo; Error(Usage) when there is none to ask on.
std::string prompt(const std::string& question) {
  if (!isatty(STDIN_FILENO)) {
    throw Error(ErrorKind::Usage,
                tr("no password or PIN for the key: give --password-file FILE or set $VANBAN_PASSWORD "
                   "($VANBAN_PIN for a token)"));
  }
  std::cerr << question << std::flush;
  termios old{};
  const bool quiet = tcgetattr(STDIN_FILENO, &old) == 0;
  if (quiet) {
    termios silent = old;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
  }
  std::string secret;
  std::getline(std::cin, secret);
  if (quiet) tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return secret;
}

std::string secret_of(const SignatureArgs& s) {
  if (!s.password_file.empty()) return first_line(s.password_file);
  const bool token = s.p12.empty();
  if (const char* v = std::getenv(token ? "VANBAN_PIN" : "VANBAN_PASSWORD")) return v;
  if (const char* v = std::getenv(token ? "VANBAN_PASSWORD" : "VANBAN_PIN")) return v;
  return prompt(token ? trf("PIN of the token {0}: ", s.token.empty() ? s.pkcs11_module : s.token)
                      : trf("password of {0}: ", s.p12));
}

layout::SignatureRole role_of(const std::string& role) {
  return layout::signature_role_named(role).value_or(layout::SignatureRole::Signer);
}

}  // namespace

std::vector<SignatureRequest> signature_requests(const Args& args) {
  std::vector<SignatureRequest> out;
  for (const auto& s : args.signatures) {
    SignatureRequest r;
    r.key.p12_path = s.p12;
    r.key.pkcs11_module = s.pkcs11_module;
    r.key.token_label = s.token;
    r.key.key_label = s.key_label;
    r.key.key_id = s.key_id;
    r.key.secret = secret_of(s);
    r.role = role_of(s.role);
    r.image_png = s.image;
    r.image_width_mm = s.image_width_mm;
    r.tsa_url = s.tsa;
    r.reason = s.reason;
    r.location = s.location;
    out.push_back(std::move(r));
  }
  return out;
}

int sign(const Engine& engine, const Args& args, Report& report) {
  const std::string pdf = read_input_file(args.data_path, args.limits);
  std::vector<Diagnostic> warnings;
  RenderOptions options = render_options(args);
  options.warnings = &warnings;
  SignaturePlacement where;
  if (args.page >= 0 || !args.rect.empty()) {
    where.given = true;
    where.page = std::max(0, args.page);
    if (!args.rect.empty()) {
      constexpr double k = 72 / 25.4;
      where.x = args.rect[0] * k;
      where.y = args.rect[1] * k;
      where.width = args.rect[2] * k;
      where.height = args.rect[3] * k;
    }
  }
  file_io::write_file_atomically(args.output, engine.sign_pdf(pdf, options, where));
  report.add(warnings);
  report.say(trf("{0}: signatures added: {1}", args.output, options.signatures.size()));
  report.result() = {{"output", args.output}, {"signatures", options.signatures.size()}};
  return kDone;
}

}  // namespace vanban::cli
