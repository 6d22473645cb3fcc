// Work shared by threads without letting a thread's failure end the process: whatever a
// worker throws (vanban::Error, std::bad_alloc, anything) is caught, the threads are
// joined, and the first failure is rethrown on the calling thread. A helper thread that
// cannot start (std::system_error when the process may not have more threads, or
// std::bad_alloc) is not an error: the work is shared by the threads that did start,
// down to the calling thread alone.
#pragma once
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace vanban {

// Runs `work()` on the calling thread and on up to `threads - 1` helper threads; each
// call of `work` takes its items from a shared counter until none are left.
template <typename Work>
void run_parallel(int threads, Work&& work) {
  std::mutex mutex;
  std::exception_ptr first;
  auto guarded = [&]() noexcept {
    try {
      work();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!first) first = std::current_exception();
    }
  };
  std::vector<std::thread> helpers;
  try {
    if (threads > 1) helpers.reserve(static_cast<size_t>(threads - 1));
    for (int t = 1; t < threads; ++t) helpers.emplace_back(guarded);
  } catch (...) {
    // Fewer threads than asked: those that started and this one do all the work.
  }
  guarded();
  for (auto& h : helpers) h.join();
  if (first) std::rethrow_exception(first);
}

// Runs `background()` on a helper thread while `foreground()` runs on the calling one
// (one stage of a pipeline overlapping the next), or both in turn on the calling thread
// when `parallel` is false or the helper cannot start (then a failed `foreground` skips
// `background`). The helper is always joined before the failure (foreground's first) is
// rethrown.
template <typename Background, typename Foreground>
void overlapped(bool parallel, Background&& background, Foreground&& foreground) {
  std::exception_ptr back, fore;
  auto run_back = [&]() noexcept {
    try {
      background();
    } catch (...) {
      back = std::current_exception();
    }
  };
  std::thread helper;
  if (parallel) {
    try {
      helper = std::thread(run_back);
    } catch (...) {
      // No helper: both on this thread.
    }
  }
  try {
    foreground();
  } catch (...) {
    fore = std::current_exception();
  }
  if (helper.joinable()) helper.join();
  else if (!fore) run_back();
  if (fore) std::rethrow_exception(fore);
  if (back) std::rethrow_exception(back);
}

}  // namespace vanban
