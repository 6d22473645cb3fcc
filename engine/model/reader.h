// Model data (JSON or XML) -> validated document tree.
#pragma once
#include <string>
#include <string_view>
#include "core/limits.h"
#include "model/document.h"

namespace vanban::model {

enum class DataFormat { Json, Xml };

// Guesses the format from the first non-blank character ('<' = XML, otherwise JSON).
DataFormat detect_format(std::string_view bytes);

// Parses and validates model data. `source_name` (usually the file path) is used in
// error messages. Throws vanban::Error with file, line:column for syntax errors and
// invalid UTF-8, and with the field path (e.g. "body[2].content[0].title") plus the
// line:column of the offending value for missing, unknown or mistyped fields.
// Every string in the result is NFC. Values, elements and blocks nested deeper than
// limits.max_nesting are an error naming the line:column (or field path) where the limit
// is passed.
Document load_document(std::string_view bytes, const std::string& source_name, const Limits& limits = {});
Document load_document(std::string_view bytes, DataFormat format, const std::string& source_name,
                       const Limits& limits = {});

}  // namespace vanban::model
