#include "core/error.h"

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
  if (!file_.empty()) return *this;
  return Error(kind_, message_, file, line_, column_, field_path_);
}

}  // namespace vanban
