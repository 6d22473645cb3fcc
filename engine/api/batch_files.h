// The parts of a batch that makes one file per row (api/certificate_files.cpp): a fixed
// pool started once for the batch, fed through a bounded queue, and the one thread that
// puts the written files in place a group at a time (file_io::commit_files). Internal to
// the api stage.
#pragma once
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "api/signing.h"
#include "core/file_io.h"
#include "vanban/engine.h"

namespace vanban::detail {

// The document information of a certificate file (certificates.cpp): the template's
// title and issuer, the creation date asked for, no row's number.
layout::DocumentInfo certificate_info(const style::Template& tpl, const RenderOptions& render);

// One row's PDF: its page with the row's identity and signature slots, signed when the
// batch is. The border is compressed once, each key opened once, for the whole batch.
// Thread-safe (const).
class RowPdf {
 public:
  // `write`: the engine's PDF options (Engine::pdf_options: its font programs).
  RowPdf(const style::Template& tpl, const text::FontFamily& fonts, const RenderOptions& render,
         const Limits& limits, const layout::Graphic& border, pdf::WriteOptions write);
  RowPdf(const RowPdf&) = delete;  // write_.deflated_graphics points into it
  RowPdf& operator=(const RowPdf&) = delete;
  std::string make(const model::ListRow& row, const layout::Page& page) const;
  // The signatures' image warnings, said once for the batch (none when not signing).
  std::vector<Diagnostic> warnings() const;

 private:
  const style::Template& tpl_;
  const text::FontFamily& fonts_;
  layout::DocumentInfo info_;
  std::vector<layout::Graphic> graphics_;
  std::vector<std::string> deflated_graphics_;
  pdf::WriteOptions write_;
  std::vector<OpenedSignature> signatures_;
  std::string time_;
};

// `threads` threads (those that can start: none, and push() does the work itself) take
// jobs in the order pushed. A job that throws stops the pool: later pushes and finish()
// rethrow its exception on the calling thread, jobs not yet taken are dropped.
template <typename Job>
class RowPool {
 public:
  RowPool(int threads, size_t capacity, std::function<void(Job&)> work)
      : capacity_(std::max<size_t>(1, capacity)), work_(std::move(work)) {
    try {
      for (int t = 0; t < threads; ++t) threads_.emplace_back([this] { run(); });
    } catch (...) {
      // Fewer threads than asked (the process may not have more): the others share the work.
    }
  }
  ~RowPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
      queue_.clear();
    }
    not_empty_.notify_all();
    not_full_.notify_all();
    for (auto& t : threads_) t.join();
  }
  RowPool(const RowPool&) = delete;
  RowPool& operator=(const RowPool&) = delete;

  // Waits while the queue is full.
  void push(Job job) {
    if (threads_.empty()) {
      work_(job);
      return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_ || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    queue_.push_back(std::move(job));
    lock.unlock();
    not_empty_.notify_one();
  }

  // Every job pushed done (or the first failure rethrown); the threads end.
  void finish() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    not_empty_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void run() noexcept {
    for (;;) {
      std::unique_lock<std::mutex> lock(mutex_);
      not_empty_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;
      Job job = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      not_full_.notify_one();
      try {
        work_(job);
      } catch (...) {
        lock.lock();
        if (!failure_) failure_ = std::current_exception();
        queue_.clear();
        closing_ = true;
        lock.unlock();
        not_full_.notify_all();
        not_empty_.notify_all();
        return;
      }
    }
  }

  const size_t capacity_;
  std::function<void(Job&)> work_;
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Job> queue_;
  bool closing_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> threads_;
};

// How a batch's files are made durable (measured in docs/performance.md, issue #14): one
// syncfs a group (one device flush for the group; 1.7-2.3x the files/s of an fdatasync
// each on a loaded disk) where the kernel reports write-back errors through it (Linux
// 5.8), else an fdatasync each.
file_io::Durability durability();

// Files staged by the pool's threads, put in place by one thread of its own, as many at a
// time as are waiting (file_io::commit_files): rendering goes on while a group is synced.
// A file counts as written (placed()) only once its group is durable.
class GroupCommitter {
 public:
  struct Entry {
    file_io::StagedFile file;
    size_t position = 0;
    BatchRowError if_kept;  // the row's error when a file of its name appeared meanwhile
  };

  GroupCommitter(file_io::Durability how, size_t max_waiting);
  ~GroupCommitter();  // the files not committed are removed
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Waits while `max_waiting` files are waiting; rethrows a failed commit.
  void add(Entry entry);
  // Commits what is left; rethrows the first failure.
  void finish();
  // Files in place and durable so far.
  size_t placed() const { return placed_.load(std::memory_order_acquire); }
  // After finish(): the rows whose name was taken between the check and the rename, by
  // position.
  std::vector<std::pair<size_t, BatchRowError>> kept;

 private:
  void run() noexcept;
  void commit(std::vector<Entry>& group);

  const file_io::Durability how_;
  const size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable waiting_, room_;
  std::vector<Entry> pending_;
  bool closing_ = false;
  std::exception_ptr failure_;
  std::atomic<size_t> placed_{0};
  std::thread thread_;
  bool threaded_ = false;
};

}  // namespace vanban::detail
