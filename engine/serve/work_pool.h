// The bounded pool the server renders on (issue #15): a fixed number of threads sharing
// one Engine, a bounded queue of waiting work, and a time limit on each request. Past the
// queue a request is refused at once (503); past its time the caller gets up (504) and the
// work, if it has not started, is dropped — the engine cannot be stopped mid-render, so a
// render already running finishes on its thread and its result is thrown away.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace vanban::serve {

class WorkPool {
 public:
  WorkPool(int threads, size_t max_waiting);
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  enum class Outcome { Done, Full, TimedOut };
  // Runs `work` on a pool thread and waits for it at most `limit` (the wait in the queue
  // included). `work` must not throw; whatever it writes must outlive a timed-out call
  // (capture it by shared_ptr).
  Outcome run(std::function<void()> work, std::chrono::milliseconds limit);

  size_t waiting() const;

 private:
  struct Job;
  void worker();

  size_t max_waiting_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace vanban::serve
