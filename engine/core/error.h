// Errors inside the engine are thrown as vanban::Error and caught at its edges
// (the CLI, the engine facade, later the C API), where they become values.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace vanban {

struct Diagnostic;  // core/diagnostic.h

enum class ErrorKind {
  Syntax,     // malformed JSON/XML, invalid UTF-8
  Model,      // a missing or mistyped field, a value out of range
  Template,   // unknown template, malformed template file
  Font,       // missing font file, a character the font lacks
  Layout,     // content that cannot be laid out (e.g. a block taller than a page)
  Input,      // an input file cannot be read
  Output,     // writing the output failed
  Usage,      // bad command-line usage
  Signature,  // a key, certificate, token or timestamp authority that cannot sign
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::string file = {}, int line = 0,
        int column = 0, std::string field_path = {});

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const std::string& file() const { return file_; }
  int line() const { return line_; }      // 1-based, 0 = unknown
  int column() const { return column_; }  // 1-based, in characters, 0 = unknown
  const std::string& field_path() const { return field_path_; }

  // Returns a copy naming `file` if this error names no file yet (and each of its
  // diagnostics that names none).
  Error with_file(const std::string& file) const;

  // Every problem of the input when this error stands for several (thrown by
  // Diagnostics::throw_if_errors: warnings too), else empty; diagnostics_of(error) in
  // core/diagnostic.h gives the list in either case.
  const std::vector<Diagnostic>& diagnostics() const;
  Error with_diagnostics(std::vector<Diagnostic> all) const;

  // "file:line:column: field.path: message" with the parts that are known.
  static std::string format(const std::string& file, int line, int column,
                            const std::string& field_path, const std::string& message);

 private:
  ErrorKind kind_;
  std::string message_, file_;
  int line_, column_;
  std::string field_path_;
  std::shared_ptr<const std::vector<Diagnostic>> all_;
};

}  // namespace vanban
