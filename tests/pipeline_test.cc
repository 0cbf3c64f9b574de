// Tests of cli/pipeline.h, the thread pool behind kg ingest and kg extract:
// results come out in submission order whatever order workers finish in, no
// more than `window` jobs are ever in flight, and one thread means no threads.

#include "cli/pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace kg::cli {
namespace {

TEST(OrderedPipelineTest, ConsumesInSubmissionOrder) {
  for (unsigned threads : {1u, 2u, 4u, 8u}) {
    std::vector<int> consumed;
    {
      OrderedPipeline<int, int> pipe(
          threads, 3 * threads,
          [](int& job) {
            // Later jobs often finish first.
            std::this_thread::sleep_for(std::chrono::microseconds((job * 7919) % 200));
            return job * 2;
          },
          [&](int& out) { consumed.push_back(out); });
      for (int i = 0; i < 500; ++i) pipe.Submit(i);
      pipe.Finish();
    }
    ASSERT_EQ(consumed.size(), 500u) << threads << " threads";
    for (int i = 0; i < 500; ++i) ASSERT_EQ(consumed[i], 2 * i) << threads << " threads";
  }
}

TEST(OrderedPipelineTest, NoMoreThanWindowInFlight) {
  constexpr size_t kWindow = 5;
  std::atomic<int> in_flight{0}, most{0};
  OrderedPipeline<int, int> pipe(
      4, kWindow,
      [&](int& job) {
        int now = ++in_flight;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        return job;
      },
      [&](int&) {
        std::this_thread::sleep_for(std::chrono::microseconds(100));  // a slow writer
        --in_flight;
      });
  for (int i = 0; i < 200; ++i) pipe.Submit(i);
  pipe.Finish();
  EXPECT_LE(most.load(), static_cast<int>(kWindow));
  EXPECT_EQ(in_flight.load(), 0);
}

TEST(OrderedPipelineTest, OneThreadRunsOnTheCaller) {
  const auto caller = std::this_thread::get_id();
  bool elsewhere = false;
  int consumed = 0;
  OrderedPipeline<int, int> pipe(
      1, 4,
      [&](int& job) {
        elsewhere = elsewhere || std::this_thread::get_id() != caller;
        return job;
      },
      [&](int& out) {
        elsewhere = elsewhere || std::this_thread::get_id() != caller;
        consumed = out;  // already consumed when Submit returns
      });
  for (int i = 1; i <= 10; ++i) {
    pipe.Submit(i);
    EXPECT_EQ(consumed, i);
  }
  EXPECT_FALSE(elsewhere);
}

TEST(OrderedPipelineTest, FinishWithNothingSubmitted) {
  OrderedPipeline<int, int> pipe(3, 6, [](int& j) { return j; }, [](int&) { FAIL(); });
  pipe.Finish();
  pipe.Finish();  // and again, as the destructor does
}

}  // namespace
}  // namespace kg::cli
