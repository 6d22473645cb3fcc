#include "core/file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <exception>
#include <ostream>
#include <streambuf>
#include <algorithm>
#include <random>
#include <vector>

#include "core/error.h"
#include "core/i18n.h"
#include "core/temporary_registry.h"

namespace vanban::file_io {

std::string read_file(const std::string& path, uint64_t max_bytes, const char* limit_name) {
  // "is 5000 bytes, more than the limit of 100 (limit max_input_bytes)"
  const std::string limit = limit_name ? limit_name : "";
  auto too_large = [&](uint64_t size) {
    return Error(ErrorKind::Input, limit.empty() ? trf("is {0} bytes, more than the limit of {1}", size, max_bytes)
                                                 : trf("is {0} bytes, more than the limit of {1} (limit {2})", size,
                                                       max_bytes, limit),
                 path);
  };
  // What the path is, checked before opening (a device is not opened at all) and again on
  // what was opened (it may have been replaced meanwhile). O_NONBLOCK: opening a FIFO
  // does not wait for a writer.
  auto check = [&](const struct stat& st) {
    if (S_ISDIR(st.st_mode)) throw Error(ErrorKind::Input, tr("is a directory, not a file"), path);
    if (!S_ISREG(st.st_mode)) throw Error(ErrorKind::Input, tr("is not a regular file (a device or a pipe)"), path);
    if (static_cast<uint64_t>(st.st_size) > max_bytes) throw too_large(static_cast<uint64_t>(st.st_size));
  };
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) check(st);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw Error(ErrorKind::Input, trf("cannot be opened: {0}", std::strerror(errno)), path);
  try {
    if (::fstat(fd, &st) != 0) throw Error(ErrorKind::Input, trf("cannot be read: {0}", std::strerror(errno)), path);
    check(st);
  } catch (...) {
    ::close(fd);
    throw;
  }
  std::string data;
  if (st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw Error(ErrorKind::Input, trf("cannot be read: {0}", std::strerror(err)), path);
    }
    if (n == 0) break;
    if (data.size() + static_cast<size_t>(n) > max_bytes) {  // it grew while being read
      ::close(fd);
      throw Error(ErrorKind::Input,
                  limit.empty() ? trf("grew while read to over {0} bytes", max_bytes)
                                : trf("grew while read to over {0} bytes (limit {1})", max_bytes, limit),
                  path);
    }
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

std::string_view temporary_prefix() { return ".vanban-tmp-"; }

namespace {

namespace fs = std::filesystem;

// The file a path names, symbolic links followed (a dangling link names the file it
// would create); relative link targets are read against the link's directory.
std::string resolve_links(const std::string& path) {
  std::string p = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
    std::string target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1, '\0');
    ssize_t n = ::readlink(p.c_str(), target.data(), target.size());
    if (n < 0 || static_cast<size_t>(n) >= target.size()) return p;
    target.resize(static_cast<size_t>(n));
    fs::path link(p);
    p = target.front() == '/' || !link.has_parent_path() ? target : (link.parent_path() / target).string();
  }
  throw Error(ErrorKind::Output, tr("too many levels of symbolic links"), path);
}

// ".vanban-tmp-<pid>-XXXXXX": the pid when the name is one of ours, else -1.
long temporary_pid(const char* name) {
  std::string_view n(name), prefix = temporary_prefix();
  if (n.substr(0, prefix.size()) != prefix) return -1;
  n.remove_prefix(prefix.size());
  size_t dash = n.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash > 10 || n.size() != dash + 7) return -1;
  long pid = 0;
  for (char c : n.substr(0, dash)) {
    if (c < '0' || c > '9') return -1;
    pid = pid * 10 + (c - '0');
  }
  for (char c : n.substr(dash + 1)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return -1;
  }
  return pid;
}

}  // namespace

// A temporary file beside `target` (the file itself, links resolved), renamed over it by
// commit() or removed. It is locked (flock) while open, so that no sweep of stale
// temporaries takes it, and registered for removal by a signal handler.
class TemporaryFile {
 public:
  TemporaryFile(const std::string& path, bool follow_links = true)
      : path_(path), target_(follow_links ? resolve_links(path) : path) {
    fs::path target(target_);
    struct stat st {};
    if ((follow_links ? ::stat(target_.c_str(), &st) : ::lstat(target_.c_str(), &st)) == 0) {
      if (S_ISDIR(st.st_mode)) throw Error(ErrorKind::Output, tr("is a directory"), path);
      // A device, a pipe or a socket would be replaced by a plain file (/dev/null by a PDF).
      if (follow_links && !S_ISREG(st.st_mode)) throw Error(ErrorKind::Output, tr("is not a regular file"), path);
      if (S_ISREG(st.st_mode)) {
        existing_ = true;
        mode_ = st.st_mode & 07777;
        uid_ = st.st_uid;
        gid_ = st.st_gid;
      }
    }
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    dir_ = dir.string();
    // Short whatever the target's name (a 255-byte name still works); an existing file's
    // copy starts private and gets the file's mode on commit, a new one 0666 less umask.
    static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 random(std::random_device{}() ^ (static_cast<uint64_t>(::getpid()) << 32) ^
                                        reinterpret_cast<uintptr_t>(&random));
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
      std::string suffix(6, 'X');
      for (char& c : suffix) c = kChars[random() % (sizeof kChars - 1)];
      name_ = (dir / (std::string(temporary_prefix()) + std::to_string(::getpid()) + "-" + suffix)).string();
      slot_ = temporaries::add(name_.c_str());
      fd_ = ::open(name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing_ ? 0600 : 0666);
      if (fd_ < 0) {
        int err = errno;
        temporaries::remove(slot_);
        slot_ = -1;
        if (err != EEXIST) {
          errno = err;
          throw Error(ErrorKind::Output, trf("cannot create a file here: {0}", std::strerror(err)), path);
        }
      }
    }
    if (fd_ < 0) throw Error(ErrorKind::Output, tr("cannot create a temporary file here"), path);
    ::flock(fd_, LOCK_EX | LOCK_NB);
  }
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(name_.c_str());
    temporaries::remove(slot_);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& name() const { return name_; }
  const std::string& directory() const { return dir_; }
  int fd() const { return fd_; }

  // The rename made durable too: the file's bytes are synced before it, but without a sync
  // of its directory a file reported as written could be missing after a power loss. Best
  // effort: once renamed the file is in place whole, and some file systems refuse to sync
  // a directory.
  void sync_directory() const {
    int dir = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return;
    (void)::fsync(dir);
    ::close(dir);
  }

  // `what`: a message with {0}, the system's reason.
  [[noreturn]] void fail(const char* what) const { throw Error(ErrorKind::Output, trf(what, std::strerror(errno)), path_); }

  void write(std::string_view bytes) const {
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        fail(N_("cannot write: {0}"));
      }
      done += static_cast<size_t>(n);
    }
  }

  // The owner and mode of the file replaced, given before the bytes are synced.
  void take_over_existing() const {
    if (!existing_) return;
    // The owner (when allowed: root replacing another's file) and the mode of the file
    // replaced.
    if (uid_ != ::geteuid() || gid_ != ::getegid()) (void)::fchown(fd_, uid_, gid_);
    if (::fchmod(fd_, mode_) != 0) fail(N_("cannot set permissions: {0}"));
  }

  // The bytes on disk: fsync, or (`data_only`) fdatasync, which skips metadata a read
  // does not need (the times) and syncs the size.
  void sync(bool data_only) const {
    if ((data_only ? ::fdatasync(fd_) : ::fsync(fd_)) != 0) fail(N_("cannot flush: {0}"));
  }

  // Starts writing the bytes out without waiting (a later sync finds them written).
  void start_writeback() const { (void)::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE); }

  void close_file() {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(N_("cannot close: {0}"));
  }

  // Renames the closed file over the target; with `keep_existing`, returns false (and
  // leaves the target alone) when the target exists.
  bool rename_into_place(bool keep_existing) {
    if (keep_existing) {
      if (::renameat2(AT_FDCWD, name_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) != 0) {
        if (errno == EEXIST) return false;
        if (errno != EINVAL && errno != ENOSYS) fail(N_("cannot write the file: {0}"));
        // No RENAME_NOREPLACE on this file system: link() never replaces either.
        if (::link(name_.c_str(), target_.c_str()) != 0) {
          if (errno == EEXIST) return false;
          fail(N_("cannot write the file: {0}"));
        }
        ::unlink(name_.c_str());
      }
    } else if (::rename(name_.c_str(), target_.c_str()) != 0) {
      fail(N_("cannot replace the file: {0}"));
    }
    committed_ = true;
    return true;
  }

  // Syncs, closes and renames the file over the target, then syncs the directory; with
  // `keep_existing`, returns false (and leaves the target alone) when the target exists.
  bool commit(bool keep_existing = false) {
    take_over_existing();
    sync(false);
    close_file();
    if (!rename_into_place(keep_existing)) return false;
    sync_directory();
    return true;
  }

 private:
  std::string path_, target_, name_, dir_;
  int fd_ = -1;
  int slot_ = -1;
  bool committed_ = false;
  bool existing_ = false;
  mode_t mode_ = 0;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
};

namespace {

// A stream buffer writing to the temporary file's descriptor (the file is never opened
// again by name: nothing put in its place meanwhile is written to).
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(const TemporaryFile& file) : file_(file), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    std::string_view pending(pbase(), static_cast<size_t>(pptr() - pbase()));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    try {
      file_.write(pending);
    } catch (const Error&) {
      if (!failure_) failure_ = std::current_exception();
      return -1;
    }
    return 0;
  }

 public:
  // The write error (disk full…) with its message, if any.
  void rethrow() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  const TemporaryFile& file_;
  std::vector<char> buffer_;
  std::exception_ptr failure_;
};

}  // namespace

size_t remove_stale_temporaries(const std::string& dir) noexcept {
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return 0;
  DIR* d = ::fdopendir(dfd);
  if (!d) {
    ::close(dfd);
    return 0;
  }
  size_t removed = 0;
  const long self = ::getpid();
  const time_t now = std::time(nullptr);
  while (dirent* e = ::readdir(d)) {
    long pid = temporary_pid(e->d_name);
    if (pid <= 0 || pid == self) continue;
    struct stat st {};
    if (::fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) {
      continue;
    }
    // Its writer holds a lock on it; between creating and locking it (microseconds) the
    // writer is a live process here, or (another pid namespace) the file is new.
    bool writer_gone = ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    if (!writer_gone && now - st.st_mtime < 60) continue;
    int fd = ::openat(dfd, e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      struct stat again {};
      // The same file still (not replaced by another between the checks).
      if (::fstatat(dfd, e->d_name, &again, AT_SYMLINK_NOFOLLOW) == 0 && again.st_ino == st.st_ino &&
          again.st_dev == st.st_dev && ::unlinkat(dfd, e->d_name, 0) == 0) {
        ++removed;
      }
    }
    ::close(fd);
  }
  ::closedir(d);
  return removed;
}

void remove_live_temporaries() noexcept { temporaries::remove_all_files(); }

void write_file_atomically(const std::string& path, std::string_view bytes) {
  TemporaryFile tmp(path);
  remove_stale_temporaries(tmp.directory());
  tmp.write(bytes);
  tmp.commit();
}

void write_file_atomically(const std::string& path, const std::function<bool(std::ostream&)>& write) {
  TemporaryFile tmp(path);
  remove_stale_temporaries(tmp.directory());
  FdBuffer buffer(tmp);
  std::ostream out(&buffer);
  if (!write(out)) return;
  out.flush();
  buffer.rethrow();
  if (!out) throw Error(ErrorKind::Output, tr("cannot write"), path);
  tmp.commit();
}

bool write_new_file(const std::string& path, std::string_view bytes, Existing existing) {
  // Kept: any entry of that name, a symbolic link too (never followed out of the directory).
  TemporaryFile tmp(path, existing == Existing::Replace);
  tmp.write(bytes);
  return tmp.commit(existing == Existing::Keep);
}


StagedFile::StagedFile() = default;
StagedFile::StagedFile(StagedFile&&) noexcept = default;
StagedFile& StagedFile::operator=(StagedFile&&) noexcept = default;
StagedFile::~StagedFile() = default;

StagedFile stage_file(const std::string& path, std::string_view bytes, Existing existing, Durability how) {
  StagedFile staged;
  staged.file_ = std::make_unique<TemporaryFile>(path, existing == Existing::Replace);
  staged.keep_existing_ = existing == Existing::Keep;
  staged.file_->write(bytes);
  staged.file_->take_over_existing();
  if (how == Durability::Grouped) staged.file_->start_writeback();
  return staged;
}

std::vector<bool> commit_files(std::vector<StagedFile>& files, Durability how) {
  std::vector<bool> placed(files.size(), false);
  if (how == Durability::EachFile) {
    for (size_t i = 0; i < files.size(); ++i) placed[i] = files[i].file_->commit(files[i].keep_existing_);
    return placed;
  }
  // Every directory the group writes into, once.
  std::vector<std::string> dirs;
  for (const auto& f : files) {
    if (std::find(dirs.begin(), dirs.end(), f.file_->directory()) == dirs.end()) dirs.push_back(f.file_->directory());
  }
  // 1. The bytes on disk: no name is bound to data that could still be lost.
  if (how == Durability::Grouped) {
    for (auto& f : files) f.file_->sync(true);
  } else {
    for (const auto& dir : dirs) {
      for (const auto& f : files) {
        if (f.file_->directory() != dir) continue;
        // syncfs reports write-back errors of the file system since Linux 5.8.
        if (::syncfs(f.file_->fd()) != 0) f.file_->fail(N_("cannot flush: {0}"));
        break;
      }
    }
  }
  for (auto& f : files) f.file_->close_file();
  // 2. The names; 3. the directories, once each, also when a rename failed (the files
  // renamed before it stay and are durable).
  auto sync_directories = [&] {
    for (const auto& dir : dirs) {
      int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0) continue;
      (void)::fsync(fd);
      ::close(fd);
    }
  };
  try {
    for (size_t i = 0; i < files.size(); ++i) placed[i] = files[i].file_->rename_into_place(files[i].keep_existing_);
  } catch (...) {
    sync_directories();
    throw;
  }
  sync_directories();
  return placed;
}

}  // namespace vanban::file_io
