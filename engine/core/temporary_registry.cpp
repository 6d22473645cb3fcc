#include "core/temporary_registry.h"

#include <unistd.h>

#include <atomic>
#include <cstring>

namespace vanban::file_io::temporaries {
namespace {

// Slot states: free -> filling (path being copied) -> live -> free, or live -> taken
// by the signal handler (which then owns the path and never gives it back).
enum State : int { kFree = 0, kFilling = 1, kLive = 2, kTaken = 3 };

constexpr int kSlots = 256;  // a batch in a directory stages up to ~150 at once
constexpr size_t kPathMax = 4096;

struct Slot {
  std::atomic<int> state{kFree};
  char path[kPathMax];
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free atomics");

// The one table of the process (zero-initialised, untouched pages cost nothing).
Slot slots[kSlots];

}  // namespace

int add(const char* path) noexcept {
  size_t n = std::strlen(path);
  if (n >= kPathMax) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acquire)) continue;
    std::memcpy(slots[i].path, path, n + 1);
    slots[i].state.store(kLive, std::memory_order_release);
    return i;
  }
  return -1;
}

void remove(int slot) noexcept {
  if (slot < 0 || slot >= kSlots) return;
  int expected = kLive;
  // Fails only when the signal handler took it: it is then the handler's.
  slots[slot].state.compare_exchange_strong(expected, kFree, std::memory_order_acq_rel);
}

void remove_all_files() noexcept {
  for (auto& slot : slots) {
    int expected = kLive;
    if (slot.state.compare_exchange_strong(expected, kTaken, std::memory_order_acq_rel)) ::unlink(slot.path);
  }
}

}  // namespace vanban::file_io::temporaries
