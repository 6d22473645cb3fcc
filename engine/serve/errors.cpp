// The server's error replies: the C API's error structure (vanban_error_*, vanban_diagnostic
// in vanban/vanban.h) as JSON, with an HTTP status by what went wrong.
#include <nlohmann/json.hpp>

#include <cstring>

#include "serve/api_json.h"
#include "vanban/vanban.h"

namespace vanban::serve {
namespace {

struct Status {
  vanban_status code;
  const char* name;
};

Status status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Syntax: return {VANBAN_ESYNTAX, "VANBAN_ESYNTAX"};
    case ErrorKind::Model: return {VANBAN_EMODEL, "VANBAN_EMODEL"};
    case ErrorKind::Template: return {VANBAN_ETEMPLATE, "VANBAN_ETEMPLATE"};
    case ErrorKind::Font: return {VANBAN_EFONT, "VANBAN_EFONT"};
    case ErrorKind::Layout: return {VANBAN_ELAYOUT, "VANBAN_ELAYOUT"};
    case ErrorKind::Input: return {VANBAN_EINPUT, "VANBAN_EINPUT"};
    case ErrorKind::Output: return {VANBAN_EOUTPUT, "VANBAN_EOUTPUT"};
    case ErrorKind::Usage: return {VANBAN_EMISUSE, "VANBAN_EMISUSE"};
    case ErrorKind::Signature: return {VANBAN_ESIGN, "VANBAN_ESIGN"};
  }
  return {VANBAN_EINTERNAL, "VANBAN_EINTERNAL"};
}

// A limit of core/limits.h (or the server's max_pages) passed: the readers name it in their
// message ("(limit max_rows)", "(giới hạn max_rows)" in Vietnamese).
bool past_a_limit(const std::vector<Diagnostic>& all) {
  static constexpr const char* kLimits[] = {"max_rows",        "max_columns",    "max_cells",   "max_shared_strings",
                                            "max_zip_entry_bytes", "max_image_side", "max_nesting", "max_input_bytes",
                                            "max_text_bytes",  "max_pages"};
  for (const auto& d : all) {
    if (d.severity != Severity::Error) continue;
    for (const char* name : kLimits) {
      const size_t at = d.message.find(name);
      if (at == std::string::npos) continue;
      const size_t end = at + std::strlen(name);
      if (end == d.message.size() || d.message[end] == ')' || d.message[end] == ' ') return true;
    }
  }
  return false;
}

}  // namespace

nlohmann::ordered_json diagnostic_json(const Diagnostic& d) {
  return {{"severity", d.severity == Severity::Error ? "error" : "warning"},
          {"message", d.message},
          {"file", d.file},
          {"line", d.line},
          {"column", d.column},
          {"field", d.field},
          {"rule", d.rule},
          {"hint", d.hint}};
}

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& all) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : all) list.push_back(diagnostic_json(d));
  return list;
}

std::string dump(const nlohmann::ordered_json& j) {
  // A message quoting bytes of the input that are not UTF-8 must not stop the reply.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Reply error_reply(int status, const std::vector<Diagnostic>& all) {
  const Diagnostic* first = nullptr;
  for (const auto& d : all)
    if (!first && d.severity == Severity::Error) first = &d;
  Diagnostic none;
  none.kind = ErrorKind::Output;
  none.message = "internal error";
  if (!first) first = all.empty() ? &none : &all.front();
  const Status s = first == &none ? Status{VANBAN_EINTERNAL, "VANBAN_EINTERNAL"} : status_of(first->kind);
  nlohmann::ordered_json error = {{"status", s.name},         {"code", static_cast<int>(s.code)},
                                  {"message", first->message}, {"file", first->file},
                                  {"line", first->line},       {"column", first->column},
                                  {"field", first->field},     {"hint", first->hint}};
  Reply r;
  r.status = status;
  r.body = dump({{"error", error}, {"diagnostics", diagnostics_json(all.empty() ? std::vector{none} : all)}});
  return r;
}

Reply error_reply(int status, ErrorKind kind, const std::string& message, const std::string& field,
                  const std::string& hint) {
  Diagnostic d;
  d.kind = kind;
  d.message = message;
  d.field = field;
  d.hint = hint;
  return error_reply(status, std::vector<Diagnostic>{d});
}

Reply error_reply(const Error& e) {
  std::vector<Diagnostic> all = diagnostics_of(e);
  int status = 400;
  if (past_a_limit(all)) status = 422;
  else if (e.kind() == ErrorKind::Output || e.kind() == ErrorKind::Signature) status = 500;
  return error_reply(status, all);
}

}  // namespace vanban::serve
