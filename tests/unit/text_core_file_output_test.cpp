// All-or-nothing output (core/file_io): the temporary file's name, mode, links,
// stale temporaries, and the registry a signal handler empties.
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/file_io.h"

namespace {

namespace fs = std::filesystem;
using namespace vanban;

struct Scratch {
  fs::path path;
  Scratch() {
    std::string name = (fs::temp_directory_path() / "vanban-fileio-XXXXXX").string();
    if (!mkdtemp(name.data())) std::abort();
    path = name;
  }
  ~Scratch() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
  // The names in the directory that start with `prefix`.
  std::vector<std::string> names(const std::string& prefix = "") const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) {
      std::string n = e.path().filename().string();
      if (n.rfind(prefix, 0) == 0) out.push_back(n);
    }
    return out;
  }
};

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// The pid of a process that has ended (and been waited for).
pid_t dead_pid() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

TEST(FileOutput, AReplacedFileKeepsItsModeAndANewOneFollowsTheUmask) {
  Scratch dir;
  const std::string secret = dir.file("secret.pdf");
  file_io::write_file_atomically(secret, "first");
  ASSERT_EQ(::chmod(secret.c_str(), 0600), 0);
  file_io::write_file_atomically(secret, "second");
  EXPECT_EQ(file_io::read_file(secret), "second");
  EXPECT_EQ(mode_of(secret), 0600u) << "a private file stays private";
  ASSERT_EQ(::chmod(secret.c_str(), 0640), 0);
  file_io::write_file_atomically(secret, [](std::ostream& out) {
    out << "third";
    return true;
  });
  EXPECT_EQ(mode_of(secret), 0640u);

  const mode_t old = ::umask(027);
  file_io::write_file_atomically(dir.file("new.pdf"), "x");
  ::umask(old);
  EXPECT_EQ(mode_of(dir.file("new.pdf")), 0640u) << "0666 less the umask";
}

TEST(FileOutput, ASymbolicLinksTargetIsReplacedAndTheLinkKept) {
  Scratch dir;
  fs::create_directories(dir.path / "real");
  file_io::write_file_atomically(dir.file("real/out.pdf"), "old");
  fs::create_symlink("real/out.pdf", dir.path / "link.pdf");  // relative to the link's directory
  file_io::write_file_atomically(dir.file("link.pdf"), "new");
  EXPECT_TRUE(fs::is_symlink(dir.path / "link.pdf"));
  EXPECT_EQ(file_io::read_file(dir.file("real/out.pdf")), "new");
  // A link to a link, and a dangling link (its target is created).
  fs::create_symlink(dir.path / "link.pdf", dir.path / "link2.pdf");
  file_io::write_file_atomically(dir.file("link2.pdf"), "newer");
  EXPECT_TRUE(fs::is_symlink(dir.path / "link2.pdf"));
  EXPECT_EQ(file_io::read_file(dir.file("real/out.pdf")), "newer");
  fs::create_symlink("real/later.pdf", dir.path / "dangling.pdf");
  file_io::write_file_atomically(dir.file("dangling.pdf"), "made");
  EXPECT_TRUE(fs::is_symlink(dir.path / "dangling.pdf"));
  EXPECT_EQ(file_io::read_file(dir.file("real/later.pdf")), "made");
  EXPECT_TRUE(dir.names(".vanban-tmp-").empty());
  // A device or a pipe is not replaced by a plain file.
  ASSERT_EQ(::mkfifo(dir.file("pipe").c_str(), 0600), 0);
  EXPECT_THROW(file_io::write_file_atomically(dir.file("pipe"), "x"), Error);
  EXPECT_TRUE(fs::is_fifo(dir.path / "pipe"));
}

TEST(FileOutput, ANameOfTheFileSystemsFullLengthWorks) {
  Scratch dir;
  const std::string name = std::string(251, 'a') + ".pdf";  // 255 bytes
  file_io::write_file_atomically(dir.file(name), "x");
  EXPECT_EQ(file_io::read_file(dir.file(name)), "x");
  std::string vietnamese;
  while (vietnamese.size() + 3 <= 251) vietnamese += "ệ";  // 3 bytes each
  file_io::write_file_atomically(dir.file(vietnamese + ".pdf"), "y");
  EXPECT_EQ(file_io::read_file(dir.file(vietnamese + ".pdf")), "y");
  EXPECT_EQ(dir.names(".").size(), 0u) << "no temporary left";
}

TEST(FileOutput, TheTemporaryIsShortRecognisableAndRemovedBySignalHandlers) {
  Scratch dir;
  std::string seen;
  file_io::write_file_atomically(dir.file(std::string(200, 'b') + ".pdf"), [&](std::ostream& out) {
    out << "partial";
    auto names = dir.names(std::string(file_io::temporary_prefix()));
    EXPECT_EQ(names.size(), 1u);
    if (!names.empty()) seen = names[0];
    // What the command's SIGINT/SIGTERM handler does before the signal ends it.
    file_io::remove_live_temporaries();
    EXPECT_TRUE(dir.names(".").empty()) << "the handler removed the temporary";
    return false;
  });
  EXPECT_EQ(seen.rfind(".vanban-tmp-" + std::to_string(getpid()) + "-", 0), 0u) << seen;
  EXPECT_LE(seen.size(), 30u);
  EXPECT_TRUE(dir.names().empty());
  // A later write works as before (the registry's slot was given back or kept).
  file_io::write_file_atomically(dir.file("after.pdf"), "ok");
  EXPECT_EQ(file_io::read_file(dir.file("after.pdf")), "ok");
}

TEST(FileOutput, StaleTemporariesOfEndedProcessesAreSweptOthersKept) {
  Scratch dir;
  const std::string dead = ".vanban-tmp-" + std::to_string(dead_pid()) + "-AbC123";
  const std::string live = ".vanban-tmp-" + std::to_string(getppid()) + "-AbC123";  // a running process
  const std::string locked = ".vanban-tmp-" + std::to_string(dead_pid()) + "-Lock99";
  const std::string foreign = ".out.pdf.Ab12Cd";      // not our pattern
  const std::string near_miss = ".vanban-tmp-x-AbC123";
  for (const auto& n : {dead, live, locked, foreign, near_miss}) std::ofstream(dir.file(n)) << "junk";
  // A writer in another pid namespace would hold its lock: a locked file stays.
  int fd = ::open(dir.file(locked).c_str(), O_RDONLY);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  file_io::write_file_atomically(dir.file("out.pdf"), "x");
  EXPECT_FALSE(fs::exists(dir.file(dead)));
  EXPECT_TRUE(fs::exists(dir.file(live)));
  EXPECT_TRUE(fs::exists(dir.file(locked)));
  EXPECT_TRUE(fs::exists(dir.file(foreign)));
  EXPECT_TRUE(fs::exists(dir.file(near_miss)));
  ::close(fd);
  EXPECT_EQ(file_io::remove_stale_temporaries(dir.path.string()), 1u);  // now the unlocked one
  EXPECT_FALSE(fs::exists(dir.file(locked)));
}

TEST(FileOutput, ANewFileNeverReplacesWhatIsThereUnlessAsked) {
  Scratch dir;
  std::ofstream(dir.file("mine.pdf")) << "mine";
  EXPECT_FALSE(file_io::write_new_file(dir.file("mine.pdf"), "theirs", file_io::Existing::Keep));
  EXPECT_EQ(file_io::read_file(dir.file("mine.pdf")), "mine");
  // A link is an entry too: neither it nor what it points to is touched.
  fs::create_symlink(dir.path / "elsewhere.pdf", dir.path / "link.pdf");
  EXPECT_FALSE(file_io::write_new_file(dir.file("link.pdf"), "theirs", file_io::Existing::Keep));
  EXPECT_FALSE(fs::exists(dir.path / "elsewhere.pdf"));
  EXPECT_TRUE(file_io::write_new_file(dir.file("fresh.pdf"), "new", file_io::Existing::Keep));
  EXPECT_EQ(file_io::read_file(dir.file("fresh.pdf")), "new");
  EXPECT_TRUE(file_io::write_new_file(dir.file("mine.pdf"), "replaced", file_io::Existing::Replace));
  EXPECT_EQ(file_io::read_file(dir.file("mine.pdf")), "replaced");
  EXPECT_TRUE(dir.names(".vanban-tmp-").empty());
}

TEST(FileOutput, AGroupIsPutInPlaceWholeByEveryDurability) {
  for (auto how : {file_io::Durability::EachFile, file_io::Durability::Grouped, file_io::Durability::FileSystem}) {
    Scratch dir;
    std::ofstream(dir.file("kept.pdf")) << "a file the office keeps";
    std::vector<file_io::StagedFile> group;
    for (const char* name : {"a.pdf", "kept.pdf", "b.pdf"}) {
      group.push_back(file_io::stage_file(dir.file(name), std::string("bytes of ") + name, file_io::Existing::Keep, how));
    }
    // Staged: written beside their names, not yet under them.
    EXPECT_FALSE(fs::exists(dir.file("a.pdf")));
    EXPECT_EQ(dir.names(".vanban-tmp-").size(), 3u);
    EXPECT_EQ(file_io::commit_files(group, how), (std::vector<bool>{true, false, true}));
    group.clear();
    EXPECT_EQ(file_io::read_file(dir.file("a.pdf")), "bytes of a.pdf");
    EXPECT_EQ(file_io::read_file(dir.file("b.pdf")), "bytes of b.pdf");
    EXPECT_EQ(file_io::read_file(dir.file("kept.pdf")), "a file the office keeps");
    EXPECT_TRUE(dir.names(".vanban-tmp-").empty());
    // Replace: the file there is replaced; a file staged and dropped leaves nothing.
    group.push_back(file_io::stage_file(dir.file("kept.pdf"), "new", file_io::Existing::Replace, how));
    EXPECT_EQ(file_io::commit_files(group, how), std::vector<bool>{true});
    EXPECT_EQ(file_io::read_file(dir.file("kept.pdf")), "new");
    { file_io::StagedFile dropped = file_io::stage_file(dir.file("c.pdf"), "c", file_io::Existing::Keep, how); }
    EXPECT_FALSE(fs::exists(dir.file("c.pdf")));
    EXPECT_TRUE(dir.names(".vanban-tmp-").empty());
  }
}

}  // namespace
