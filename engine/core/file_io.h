// File input and all-or-nothing file output.
#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace vanban::file_io {

// Reads a whole file; throws vanban::Error naming the path on failure.
std::string read_file(const std::string& path);

// Writes `bytes` to `path` atomically: a temporary file in the same directory is
// written, flushed and renamed over `path`. On failure the temporary file is removed,
// an existing `path` is left untouched, and vanban::Error is thrown.
void write_file_atomically(const std::string& path, std::string_view bytes);

// The same, for output too large to hold twice: `write` writes to a stream on the
// temporary file and returns whether to keep it (false: nothing is written, `path`
// is untouched). Exceptions from `write` remove the temporary file and propagate.
void write_file_atomically(const std::string& path, const std::function<bool(std::ostream&)>& write);

}  // namespace vanban::file_io
