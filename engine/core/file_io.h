// File input and all-or-nothing file output.
//
// Output goes to a temporary file beside the target, named ".vanban-tmp-<pid>-XXXXXX"
// (short, whatever the target's name: a target name up to the file system's 255 bytes
// works), renamed over the target when complete. While it is being written its path is
// held in a fixed, allocation-free registry that a signal handler may empty with
// remove_live_temporaries(); the library installs no signal handler itself (the program
// owns its signals: the `vanban` command installs one for SIGINT, SIGTERM and SIGHUP).
// A temporary left by a process that was killed outright (SIGKILL, power loss) is
// recognised by its name and removed by the next write into the same directory once
// its process is gone.
#pragma once
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace vanban::file_io {

// Reads a whole regular file of at most `max_bytes` (past it, the error names
// `limit_name`): a device such as /dev/zero, a pipe or a directory is refused before it is
// read, and a file that grows past the limit while read is refused too. Throws
// vanban::Error(Input) naming the path; its message is a predicate ("is not a regular
// file …") that a caller may put behind a subject of its own.
std::string read_file(const std::string& path, uint64_t max_bytes = UINT64_MAX, const char* limit_name = nullptr);

// Writes `bytes` to `path` atomically: a temporary file in the same directory is
// written, flushed and renamed over `path`. On failure the temporary file is removed,
// an existing `path` is left untouched, and vanban::Error is thrown.
// An existing file keeps its permission bits (a new one gets 0666 less the umask); when
// `path` is a symbolic link, the file it points to is replaced and the link kept.
void write_file_atomically(const std::string& path, std::string_view bytes);

// The same, for output too large to hold twice: `write` writes to a stream on the
// temporary file and returns whether to keep it (false: nothing is written, `path`
// is untouched). Exceptions from `write` remove the temporary file and propagate.
void write_file_atomically(const std::string& path, const std::function<bool(std::ostream&)>& write);

// What write_new_file does when `path` exists.
enum class Existing { Keep, Replace };

// Writes `bytes` to `path` as write_file_atomically does, except that with
// Existing::Keep a file already at `path` is never replaced (the check and the rename
// are one atomic step): returns false, writing nothing, when it exists. Does not look
// for stale temporaries (see remove_stale_temporaries), for writing many files into one
// directory.
bool write_new_file(const std::string& path, std::string_view bytes, Existing existing);

// Removes the temporaries in `dir` left by processes that no longer exist (only names
// of the form ".vanban-tmp-<pid>-XXXXXX", regular files owned by this user, whose pid is
// not a running process). Returns how many were removed. Never throws.
size_t remove_stale_temporaries(const std::string& dir) noexcept;

// Removes every temporary file this process is writing now. Async-signal-safe: for a
// SIGINT/SIGTERM handler, which should then re-raise the signal with its default action
// (the files are not usable afterwards: the process is ending).
void remove_live_temporaries() noexcept;

// The prefix of every temporary file's name (".vanban-tmp-").
std::string_view temporary_prefix();

}  // namespace vanban::file_io
