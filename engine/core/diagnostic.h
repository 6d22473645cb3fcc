// Diagnostics as values (after Typst's SourceDiagnostic and pugixml's xml_parse_result):
// every problem an input has, each with its severity, the rule of Decree 30 or the field
// it breaks, where it is (file, line:column) and a hint ("did you mean …"). Readers
// collect them into a Diagnostics and go on; an input with errors is refused as a whole
// with an Error that carries all of them (Error::diagnostics()), warnings ride with the
// result and never stop a render.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/error.h"

namespace vanban {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  ErrorKind kind = ErrorKind::Model;  // what an error is (the C API's status); warnings too
  std::string rule;     // a rule ID of ../shared/spec/nd30.md ("ND30-TYPE-2"), or empty
  std::string file;     // the file or source name
  int line = 0;         // 1-based, 0 = unknown
  int column = 0;       // 1-based, in characters, 0 = unknown
  std::string field;    // field path ("signature.signer_name", "row 8 (STT 7), ho_ten"), or empty
  std::string message;  // what is wrong, in the reader's language (core/i18n.h)
  std::string hint;     // how to mend it ("did you mean \"signature\"?"), or empty

  // "file:line:column: field: message (hint)" with the parts that are known; with
  // `label`, "error: "/"warning: " (translated) before the message.
  std::string format(bool label = false) const;
  static Diagnostic from(const Error& e);
};

// Problems collected while reading one input, up to a limit (kDefaultLimit errors; past it
// one last error says that more were left out). Not thread-safe: one per reading.
class Diagnostics {
 public:
  static constexpr size_t kDefaultLimit = 50;
  explicit Diagnostics(size_t error_limit = kDefaultLimit) : limit_(error_limit) {}

  void add(Diagnostic d);
  void error(ErrorKind kind, std::string message, std::string file = {}, int line = 0, int column = 0,
             std::string field = {}, std::string hint = {});
  void warning(std::string message, std::string file = {}, int line = 0, int column = 0, std::string field = {},
               std::string hint = {}, std::string rule = {});
  // Adds the error of `e` (all of them when it carries several).
  void add(const Error& e);

  bool has_errors() const { return errors_ > 0; }
  bool full() const { return errors_ >= limit_; }   // readers may stop early
  size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return items_; }
  std::vector<Diagnostic> warnings() const;
  std::vector<Diagnostic> take() { return std::move(items_); }

  // Throws an Error carrying every diagnostic (warnings included) when there is an error;
  // its own kind, message and place are the first error's.
  void throw_if_errors() const;

 private:
  size_t limit_;
  size_t errors_ = 0;
  size_t dropped_ = 0;
  size_t more_ = 0;  // the index of the "more errors not shown" item
  std::vector<Diagnostic> items_;
};

// The problems an Error stands for: all it carries, else itself as one diagnostic.
std::vector<Diagnostic> diagnostics_of(const Error& e);

}  // namespace vanban
