#include "serve/work_pool.h"

namespace vanban::serve {

struct WorkPool::Job {
  std::function<void()> work;
  std::mutex mutex;
  std::condition_variable done_cv;
  bool started = false, done = false, abandoned = false;
};

WorkPool::WorkPool(int threads, size_t max_waiting) : max_waiting_(max_waiting) {
  if (threads < 1) threads = 1;
  threads_.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { worker(); });
}

WorkPool::~WorkPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

size_t WorkPool::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

WorkPool::Outcome WorkPool::run(std::function<void()> work, std::chrono::milliseconds limit) {
  auto job = std::make_shared<Job>();
  job->work = std::move(work);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.size() >= max_waiting_) return Outcome::Full;
    queue_.push_back(job);
  }
  wake_.notify_one();
  std::unique_lock<std::mutex> lock(job->mutex);
  if (job->done_cv.wait_for(lock, limit, [&] { return job->done; })) return Outcome::Done;
  if (!job->started) job->abandoned = true;  // the worker drops it when its turn comes
  return Outcome::TimedOut;
}

void WorkPool::worker() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    {
      std::lock_guard<std::mutex> lock(job->mutex);
      if (job->abandoned) continue;
      job->started = true;
    }
    job->work();
    job->work = nullptr;  // what it captured is let go of here, not by the last waiter
    {
      std::lock_guard<std::mutex> lock(job->mutex);
      job->done = true;
    }
    job->done_cv.notify_all();
  }
}

}  // namespace vanban::serve
