// core/parallel.h's overlapped(): the two stages of a pipeline both run, in parallel or in
// turn, and a failure of either comes back to the caller after both are finished.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "core/parallel.h"

namespace {

TEST(Overlapped, BothRunOnTwoThreadsOrInTurn) {
  for (bool parallel : {true, false}) {
    std::thread::id back_thread, fore_thread;
    int back = 0, fore = 0;
    vanban::overlapped(parallel, [&] { ++back; back_thread = std::this_thread::get_id(); },
                       [&] { ++fore; fore_thread = std::this_thread::get_id(); });
    EXPECT_EQ(back, 1);
    EXPECT_EQ(fore, 1);
    EXPECT_EQ(fore_thread, std::this_thread::get_id());
    if (parallel) EXPECT_NE(back_thread, fore_thread);
    else EXPECT_EQ(back_thread, fore_thread);
  }
}

TEST(Overlapped, AFailureComesBackAfterBothFinished) {
  std::atomic<bool> back_done{false};
  EXPECT_THROW(vanban::overlapped(
                   true,
                   [&] {
                     std::this_thread::sleep_for(std::chrono::milliseconds(50));
                     back_done = true;
                   },
                   [] { throw std::runtime_error("writing failed"); }),
               std::runtime_error);
  EXPECT_TRUE(back_done) << "the helper is joined before the failure is rethrown";
  EXPECT_THROW(vanban::overlapped(true, [] { throw std::logic_error("layout failed"); }, [] {}), std::logic_error);
  EXPECT_THROW(vanban::overlapped(false, [] { throw std::logic_error("layout failed"); }, [] {}), std::logic_error);
}

}  // namespace
