#include "core/diagnostic.h"

#include "core/i18n.h"

namespace vanban {

std::string Diagnostic::format(bool label) const {
  std::string text = message;
  if (label) text = std::string(severity == Severity::Error ? tr("error: ") : tr("warning: ")) + text;
  if (!rule.empty()) text += " [" + rule + "]";
  if (!hint.empty()) text += " (" + hint + ")";
  return Error::format(file, line, column, field, text);
}

Diagnostic Diagnostic::from(const Error& e) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.kind = e.kind();
  d.file = e.file();
  d.line = e.line();
  d.column = e.column();
  d.field = e.field_path();
  d.message = e.message();
  return d;
}

std::vector<Diagnostic> diagnostics_of(const Error& e) {
  if (!e.diagnostics().empty()) return e.diagnostics();
  return {Diagnostic::from(e)};
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Error) {
    if (errors_ >= limit_) {
      // Past the limit one last error says how many were left out.
      if (++dropped_ == 1) {
        more_ = items_.size();
        Diagnostic more;
        more.kind = d.kind;
        more.file = d.file;
        items_.push_back(std::move(more));
      }
      items_[more_].message = trf("{0} more errors not shown (at most {1} are listed)", dropped_, limit_);
      return;
    }
    ++errors_;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::error(ErrorKind kind, std::string message, std::string file, int line, int column,
                        std::string field, std::string hint) {
  Diagnostic d;
  d.kind = kind;
  d.message = std::move(message);
  d.file = std::move(file);
  d.line = line;
  d.column = column;
  d.field = std::move(field);
  d.hint = std::move(hint);
  add(std::move(d));
}

void Diagnostics::warning(std::string message, std::string file, int line, int column, std::string field,
                          std::string hint, std::string rule) {
  Diagnostic d;
  d.severity = Severity::Warning;
  d.message = std::move(message);
  d.file = std::move(file);
  d.line = line;
  d.column = column;
  d.field = std::move(field);
  d.hint = std::move(hint);
  d.rule = std::move(rule);
  add(std::move(d));
}

void Diagnostics::add(const Error& e) {
  for (auto& d : diagnostics_of(e)) add(d);
}

std::vector<Diagnostic> Diagnostics::warnings() const {
  std::vector<Diagnostic> out;
  for (auto& d : items_)
    if (d.severity == Severity::Warning) out.push_back(d);
  return out;
}

void Diagnostics::throw_if_errors() const {
  if (!errors_) return;
  for (auto& d : items_) {
    if (d.severity != Severity::Error) continue;
    std::string message = d.hint.empty() ? d.message : d.message + " (" + d.hint + ")";
    throw Error(d.kind, message, d.file, d.line, d.column, d.field).with_diagnostics(items_);
  }
}

}  // namespace vanban
