#include "core/error.h"

#include "core/diagnostic.h"

namespace vanban {

std::string Error::format(const std::string& file, int line, int column,
                          const std::string& field_path, const std::string& message) {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ":" + std::to_string(line);
      if (column > 0) out += ":" + std::to_string(column);
    }
    out += ": ";
  }
  if (!field_path.empty()) out += field_path + ": ";
  out += message;
  return out;
}

Error::Error(ErrorKind kind, std::string message, std::string file, int line, int column,
             std::string field_path)
    : std::runtime_error(format(file, line, column, field_path, message)),
      kind_(kind), message_(std::move(message)), file_(std::move(file)), line_(line),
      column_(column), field_path_(std::move(field_path)) {}

Error Error::with_file(const std::string& file) const {
  if (!file_.empty() && !all_) return *this;
  Error e(kind_, message_, file_.empty() ? file : file_, line_, column_, field_path_);
  if (all_) {
    auto all = *all_;
    for (auto& d : all)
      if (d.file.empty()) d.file = file;
    e.all_ = std::make_shared<const std::vector<Diagnostic>>(std::move(all));
  }
  return e;
}

const std::vector<Diagnostic>& Error::diagnostics() const {
  static const std::vector<Diagnostic> none;
  return all_ ? *all_ : none;
}

Error Error::with_diagnostics(std::vector<Diagnostic> all) const {
  Error e = *this;
  e.all_ = std::make_shared<const std::vector<Diagnostic>>(std::move(all));
  return e;
}

}  // namespace vanban
