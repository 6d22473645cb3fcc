#include "cli/report.h"

#include <cstdio>
#include <iostream>

#include "core/i18n.h"

namespace vanban::cli {

const char* kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Syntax: return "syntax";
    case ErrorKind::Model: return "model";
    case ErrorKind::Template: return "template";
    case ErrorKind::Font: return "font";
    case ErrorKind::Layout: return "layout";
    case ErrorKind::Input: return "input";
    case ErrorKind::Output: return "output";
    case ErrorKind::Usage: return "usage";
    case ErrorKind::Signature: return "signature";
  }
  return "model";
}

void Report::add(const Diagnostic& d, bool to_stdout) {
  const bool error = d.severity == Severity::Error;
  ++(error ? errors_ : warnings_);
  if (json_) {
    diagnostics_.push_back({{"severity", error ? "error" : "warning"},
                            {"kind", kind_name(d.kind)},
                            {"rule", d.rule},
                            {"file", d.file},
                            {"line", d.line},
                            {"column", d.column},
                            {"field", d.field},
                            {"message", d.message},
                            {"hint", d.hint}});
    return;
  }
  if (to_stdout) {
    // A finding of `vanban check`: "file:line:column: field: error: message [rule] (hint)",
    // as compilers write them (editors jump to the place).
    std::cout << d.format(true) << "\n";
  } else {
    std::cerr << "vanban: " << (error ? tr("error: ") : tr("warning: ")) << d.format(false) << "\n";
  }
}

void Report::add(const std::vector<Diagnostic>& all, bool to_stdout) {
  for (const auto& d : all) add(d, to_stdout);
}

void Report::add(const std::vector<BatchRowError>& rows, const std::string& file) {
  for (const auto& e : rows) {
    Diagnostic d;
    d.kind = ErrorKind::Model;
    d.file = file;
    d.line = e.row;
    d.column = e.column;
    d.field = e.field;
    d.message = e.message;
    add(d);
    if (json_ && !e.stt.empty()) diagnostics_.back()["stt"] = e.stt;
  }
}

void Report::add(const Error& e, const std::string& data_file) {
  const bool data = e.kind() == ErrorKind::Model || e.kind() == ErrorKind::Syntax;
  for (Diagnostic d : diagnostics_of(e)) {
    if (d.file.empty() && data && d.severity == Severity::Error) d.file = data_file;
    add(d);
  }
}

void Report::say(const std::string& line, bool to_stdout) const {
  if (json_) return;
  (to_stdout ? std::cout : std::cerr) << line << "\n";
}

int Report::finish(int status) {
  if (!json_) return status;
  nlohmann::ordered_json doc = {{"command", command_},      {"status", status},
                        {"errors", errors_},        {"warnings", warnings_},
                        {"diagnostics", diagnostics_}, {"result", result_}};
  // A message quoting bytes of a file that are not UTF-8 must not stop the report.
  std::cout << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  std::cout.flush();
  return status;
}

}  // namespace vanban::cli
