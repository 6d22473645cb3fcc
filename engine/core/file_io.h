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
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

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

// How a group of files is made durable before it is reported written (commit_files).
// In every case a name is bound only to bytes already on disk, so after a crash or a
// power loss each file is complete or absent; they differ in what a sync costs.
enum class Durability {
  // One file at a time, as write_new_file: fsync the file, rename it, fsync the
  // directory (two device flushes a file).
  EachFile,
  // The group's bytes sent to the disk as each file is staged (sync_file_range), then
  // fdatasync each file, rename them all, and one fsync of the directory.
  Grouped,
  // One syncfs of the group's file system (it flushes other programs' files on it too;
  // write-back errors are reported by it only since Linux 5.8), the renames, one fsync
  // of the directory.
  FileSystem,
};

class TemporaryFile;

// A file written to its temporary beside `path` but not yet in place (stage_file);
// commit_files puts a group of them in place. Destroyed uncommitted, its temporary is
// removed. Move-only.
class StagedFile {
 public:
  StagedFile();
  StagedFile(StagedFile&&) noexcept;
  StagedFile& operator=(StagedFile&&) noexcept;
  ~StagedFile();

 private:
  friend StagedFile stage_file(const std::string&, std::string_view, Existing, Durability);
  friend std::vector<bool> commit_files(std::vector<StagedFile>&, Durability);
  std::unique_ptr<TemporaryFile> file_;
  bool keep_existing_ = false;
};

// Writes `bytes` to a temporary beside `path` (write_new_file's rules: with
// Existing::Keep a symbolic link at `path` is not followed and no existing file is ever
// replaced). Thread-safe. Throws vanban::Error naming `path`.
StagedFile stage_file(const std::string& path, std::string_view bytes, Existing existing, Durability how);

// Puts staged files in place, made durable as `how` says; returns for each whether it
// is in place (false: Existing::Keep and a file of that name was there; its temporary is
// removed). Throws vanban::Error on the first failure: the files renamed before it stay
// (their directory synced), the others' temporaries are removed when they are destroyed.
std::vector<bool> commit_files(std::vector<StagedFile>& files, Durability how);

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
