// What a command tells its user: every problem (errors and warnings, each with its
// severity, rule, file:line:column, field, message and hint) and its result.
//   text (default): problems on stderr as they come ("vanban: error: file:3:5: field:
//                   message [rule] (hint)"), the result as the command prints it;
//   JSON (--format json): nothing but one JSON document on stdout when the command ends:
//     {"command": "batch", "status": 3, "errors": 2, "warnings": 0,
//      "diagnostics": [{"severity", "kind", "rule", "file", "line", "column", "field",
//                       "message", "hint"}…],
//      "result": {…} or null}
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "vanban/engine.h"

namespace vanban::cli {

class Report {
 public:
  Report(bool json, std::string command) : json_(json), command_(std::move(command)) {}

  bool json() const { return json_; }
  void set_json(bool json) { json_ = json; }
  void set_command(std::string command) { command_ = std::move(command); }

  // One problem; in text, printed on stderr at once (`to_stdout`: on stdout, for check's
  // findings, which are its result).
  void add(const Diagnostic& d, bool to_stdout = false);
  void add(const std::vector<Diagnostic>& all, bool to_stdout = false);
  // The failed rows of a list (`file` the list).
  void add(const std::vector<BatchRowError>& rows, const std::string& file);
  // An error that ended the command: every problem it carries; a model's or syntax
  // error naming no file names `data_file`.
  void add(const Error& e, const std::string& data_file);

  // A line for the user in text mode (stderr; `to_stdout` for a result); nothing in JSON,
  // where the result says it.
  void say(const std::string& line, bool to_stdout = false) const;

  // The result for scripts (JSON mode).
  nlohmann::ordered_json& result() { return result_; }

  size_t errors() const { return errors_; }
  size_t warnings() const { return warnings_; }

  // Ends the command: in JSON, writes the document. Returns `status`.
  int finish(int status);

 private:
  bool json_;
  std::string command_;
  size_t errors_ = 0, warnings_ = 0;
  nlohmann::ordered_json diagnostics_ = nlohmann::ordered_json::array();
  nlohmann::ordered_json result_;
};

// "syntax", "model", "template", "font", "layout", "input", "output", "usage".
const char* kind_name(ErrorKind kind);

}  // namespace vanban::cli
