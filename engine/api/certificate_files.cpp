// One file per row of a certificate list: the rows laid out in order (Engine::certificates),
// each row's file made by a fixed pool of threads started once for the batch, and — into
// a directory — put in place a group at a time by a thread of its own, durable before it
// counts as written (file_io::commit_files).
#include <sys/stat.h>
#include <sys/utsname.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

#include "api/batch_files.h"
#include "core/i18n.h"
#include "layout/certificate_layout.h"
#include "layout/signature_slots.h"

namespace vanban {

namespace fs = std::filesystem;

namespace detail {

RowPdf::RowPdf(const style::Template& tpl, const text::FontFamily& fonts, const RenderOptions& render,
               const Limits& limits, const layout::Graphic& border, pdf::WriteOptions write)
    : tpl_(tpl), fonts_(fonts), info_(certificate_info(tpl, render)), graphics_{border},
      deflated_graphics_(pdf::deflate_graphics(graphics_)), write_(std::move(write)) {
  write_.deflated_graphics = &deflated_graphics_;
  // Signed: every file, each key opened once for the batch (a Signer is thread-safe).
  if (!render.signatures.empty()) {
    signatures_ = open_signatures(render.signatures, limits);
    time_ = signing_time(render);
  }
}

std::string RowPdf::make(const model::ListRow& row, const layout::Page& page) const {
  layout::DocumentInfo own = info_;  // this row's identity and slots
  own.identity = layout::certificate_identity(tpl_, row);
  own.signature_slots = page.signature_slots;
  std::string made = pdf::write_pdf({page}, own, graphics_, write_);
  if (!signatures_.empty()) made = sign_document(std::move(made), own, signatures_, time_, fonts_, nullptr);
  return made;
}

std::vector<Diagnostic> RowPdf::warnings() const {
  return signatures_.empty() ? std::vector<Diagnostic>{} : image_warnings(signatures_);
}

namespace {

// A group is committed once this many files wait, or this long after the first came:
// fewer device flushes, and a file is not left unreported for long.
constexpr size_t kGroup = 32;
constexpr auto kGroupWait = std::chrono::milliseconds(50);

}  // namespace

file_io::Durability durability() {
  // syncfs reports write-back errors since Linux 5.8; before, a failed write could go
  // unnoticed and its file be renamed into place: fdatasync each file there.
  utsname u{};
  int major = 0, minor = 0;
  if (::uname(&u) == 0 && std::sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
      (major > 5 || (major == 5 && minor >= 8))) {
    return file_io::Durability::FileSystem;
  }
  return file_io::Durability::Grouped;
}

GroupCommitter::GroupCommitter(file_io::Durability how, size_t max_waiting)
    : how_(how), max_waiting_(std::max(kGroup, max_waiting)) {
  try {
    thread_ = std::thread([this] { run(); });
    threaded_ = true;
  } catch (...) {
    // No thread: add() commits each file itself.
  }
}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    if (!failure_) failure_ = std::make_exception_ptr(std::runtime_error("abandoned"));
    pending_.clear();  // not committed: their temporaries are removed
  }
  waiting_.notify_all();
  room_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void GroupCommitter::add(Entry entry) {
  if (!threaded_) {
    std::vector<Entry> one;
    one.push_back(std::move(entry));
    std::lock_guard<std::mutex> lock(mutex_);  // commit() is not run by two threads at once
    commit(one);
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  room_.wait(lock, [&] { return pending_.size() < max_waiting_ || failure_; });
  if (failure_) std::rethrow_exception(failure_);
  pending_.push_back(std::move(entry));
  lock.unlock();
  waiting_.notify_one();
}

void GroupCommitter::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  waiting_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (failure_) std::rethrow_exception(failure_);
}

void GroupCommitter::run() noexcept {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    waiting_.wait(lock, [&] { return !pending_.empty() || closing_; });
    if (pending_.empty() || failure_) return;
    waiting_.wait_for(lock, kGroupWait, [&] { return pending_.size() >= kGroup || closing_; });
    std::vector<Entry> group;
    group.swap(pending_);
    lock.unlock();
    room_.notify_all();
    try {
      commit(group);
    } catch (...) {
      lock.lock();
      if (!failure_) failure_ = std::current_exception();
      pending_.clear();
      lock.unlock();
      room_.notify_all();
      return;
    }
    group.clear();
    lock.lock();
  }
}

void GroupCommitter::commit(std::vector<Entry>& group) {
  std::vector<file_io::StagedFile> files;
  files.reserve(group.size());
  for (auto& e : group) files.push_back(std::move(e.file));
  const std::vector<bool> placed = file_io::commit_files(files, how_);
  size_t n = 0;
  for (size_t i = 0; i < group.size(); ++i) {
    if (placed[i]) ++n;
    else kept.emplace_back(group[i].position, std::move(group[i].if_kept));
  }
  placed_.fetch_add(n, std::memory_order_release);
}

}  // namespace detail

BatchResult Engine::certificate_files(const style::Template& tpl, std::string_view list, const std::string& source_name,
                                      const BatchOptions& options, const RenderOptions& render, OutputFormat format,
                                      const CertificateFileSink& sink) const {
  if (format == OutputFormat::Docx) {
    return docx_certificates(tpl, list, source_name, options, render, &sink, nullptr, nullptr);
  }
  const layout::CertificateOptions certificate = with_images(tpl, options);
  const detail::RowPdf maker(tpl, *fonts_, render, options.list.limits, layout::certificate_border(tpl, certificate),
                             pdf_options(render));
  BatchOptions with = options;
  with.certificate = certificate;
  // Each row's PDF made on the pool's threads, handed on in order on this thread.
  struct Made {
    size_t position;
    model::ListRow row;  // a copy: the list is gone when the last chunk is written
    layout::Page page;
    std::string pdf;
    std::atomic<bool> done{false};
  };
  std::deque<std::unique_ptr<Made>> in_flight;
  auto hand_on = [&](bool all) {
    while (!in_flight.empty() && (all || in_flight.front()->done.load(std::memory_order_acquire))) {
      Made& m = *in_flight.front();
      sink(m.position, m.row, std::move(m.pdf));
      in_flight.pop_front();
    }
  };
  const int jobs = std::clamp(options.jobs, 1, 64);
  detail::RowPool<Made*> pool(jobs, 4 * static_cast<size_t>(jobs), [&](Made*& m) {
    m->pdf = maker.make(m->row, m->page);
    m->page = layout::Page();
    m->done.store(true, std::memory_order_release);
  });
  BatchResult result = certificates(tpl, list, source_name, with, [&](size_t position, const model::ListRow& row, layout::Page& page) {
    in_flight.push_back(std::make_unique<Made>());
    Made& m = *in_flight.back();
    m.position = position;
    m.row = row;
    m.page = std::move(page);
    pool.push(&m);
    hand_on(false);
  });
  pool.finish();
  hand_on(true);
  const auto said = maker.warnings();  // said once, not for each file
  result.warnings.insert(result.warnings.end(), said.begin(), said.end());
  return result;
}

BatchResult Engine::certificate_directory(const style::Template& tpl, std::string_view list,
                                          const std::string& source_name, const BatchOptions& options,
                                          const RenderOptions& render, OutputFormat format, const std::string& dir,
                                          const std::string& pattern) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::Output, trf("cannot create the directory: {0}", ec.message()), dir);
  const std::string extension = format == OutputFormat::Docx ? ".docx" : ".pdf";
  file_io::remove_stale_temporaries(dir);
  const auto existing = options.overwrite ? file_io::Existing::Replace : file_io::Existing::Keep;
  const auto how = detail::durability();
  // Names decided in list order, compared as a case-insensitive file system compares
  // them (file_name_key); a row whose file is there already (no overwrite) is refused
  // before its file is made (the rename, which never replaces, still guards against a
  // file that appears meanwhile).
  std::set<std::string> used;
  std::vector<std::pair<size_t, BatchRowError>> kept;  // rows whose file was already there
  auto path_of = [&](size_t position, const model::ListRow& row) {
    std::string base = certificate_file_name(pattern, row, position), name = base + extension;
    for (int n = 2; !used.insert(file_name_key(name)).second; ++n) name = base + "-" + std::to_string(n) + extension;
    return (fs::path(dir) / name).string();
  };
  auto kept_error = [](const model::ListRow& row, const std::string& path) {
    return BatchRowError{row.row, 0, model::row_label(row),
                         trf("the file {0} already exists and is kept (--overwrite replaces it)", path), row.field("stt")};
  };
  auto taken = [&](const std::string& path) {
    struct stat st {};
    return existing == file_io::Existing::Keep && ::lstat(path.c_str(), &st) == 0;  // any entry, a link too
  };
  detail::GroupCommitter committer(how, 64);
  size_t total = 0;
  auto progress = [&] {
    if (options.progress && total) options.progress(std::min(total, committer.placed() + kept.size()), total);
  };
  BatchResult result;
  if (format == OutputFormat::Docx) {
    // Made on this thread (docx_certificates), put in place as the PDFs are.
    const CertificateFileSink stage = [&](size_t position, const model::ListRow& row, std::string bytes) {
      std::string path = path_of(position, row);
      if (taken(path)) kept.emplace_back(position, kept_error(row, path));
      else committer.add({file_io::stage_file(path, bytes, existing, how), position, kept_error(row, path)});
    };
    result = docx_certificates(tpl, list, source_name, options, render, &stage, nullptr, nullptr);
  } else {
    const layout::CertificateOptions certificate = with_images(tpl, options);
    const detail::RowPdf maker(tpl, *fonts_, render, options.list.limits, layout::certificate_border(tpl, certificate),
                               pdf_options(render));
    struct Job {
      size_t position;
      model::ListRow row;
      layout::Page page;
      std::string path;
    };
    const int jobs = std::clamp(options.jobs, 1, 64);
    // Declared after the committer: its threads end before the committer does.
    detail::RowPool<Job> pool(jobs, 4 * static_cast<size_t>(jobs), [&](Job& job) {
      std::string made = maker.make(job.row, job.page);
      job.page = layout::Page();
      committer.add({file_io::stage_file(job.path, made, existing, how), job.position, kept_error(job.row, job.path)});
    });
    BatchOptions with = options;
    with.certificate = certificate;
    with.progress = [&](size_t, size_t rows) { total = rows; };  // laid out: not yet written
    result = certificates(tpl, list, source_name, with, [&](size_t position, const model::ListRow& row, layout::Page& page) {
      std::string path = path_of(position, row);
      if (taken(path)) {
        kept.emplace_back(position, kept_error(row, path));
        return;
      }
      pool.push(Job{position, row, std::move(page), std::move(path)});
      progress();
    });
    pool.finish();
    const auto said = maker.warnings();
    result.warnings.insert(result.warnings.end(), said.begin(), said.end());
  }
  committer.finish();
  kept.insert(kept.end(), committer.kept.begin(), committer.kept.end());
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  result.produced -= kept.size();
  for (auto& [position, error] : kept) result.errors.push_back(std::move(error));
  if (options.progress) options.progress(result.rows, result.rows);
  return result;
}

}  // namespace vanban
