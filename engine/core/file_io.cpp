#include "core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace vanban::file_io {

std::string read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::Input, std::string("cannot open: ") + std::strerror(errno), path);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw Error(ErrorKind::Input, "is a directory, not a file", path);
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
      throw Error(ErrorKind::Input, std::string("cannot read: ") + std::strerror(err), path);
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

namespace {

// A temporary file beside `path`, renamed over it by commit() or removed.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& path) : path_(path) {
    namespace fs = std::filesystem;
    fs::path target(path);
    std::error_code ec;
    if (fs::is_directory(target, ec)) throw Error(ErrorKind::Output, "is a directory", path);
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    name_ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    fd_ = ::mkstemp(name_.data());
    if (fd_ < 0) throw Error(ErrorKind::Output, std::string("cannot create a file here: ") + std::strerror(errno), path);
  }
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(name_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& name() const { return name_; }
  int fd() const { return fd_; }

  [[noreturn]] void fail(const char* what) const {
    throw Error(ErrorKind::Output, std::string(what) + ": " + std::strerror(errno), path_);
  }

  void commit() {
    if (::fchmod(fd_, 0644) != 0) fail("cannot set permissions");
    if (::fsync(fd_) != 0) fail("cannot flush");
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("cannot close");
    if (::rename(name_.c_str(), path_.c_str()) != 0) fail("cannot replace the file");
    committed_ = true;
  }

 private:
  std::string path_, name_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
  TemporaryFile tmp(path);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(tmp.fd(), bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      tmp.fail("cannot write");
    }
    done += static_cast<size_t>(n);
  }
  tmp.commit();
}

void write_file_atomically(const std::string& path, const std::function<bool(std::ostream&)>& write) {
  TemporaryFile tmp(path);
  std::ofstream out(tmp.name(), std::ios::binary | std::ios::trunc);
  if (!out) tmp.fail("cannot write");
  if (!write(out)) return;
  out.flush();
  if (!out) tmp.fail("cannot write");
  out.close();
  tmp.commit();
}

}  // namespace vanban::file_io
