// The order-keeping thread pool behind `kg ingest` and `kg extract`
// (internal to cli/), and their progress line.
//
// The caller's thread submits jobs in input order; `threads` workers run
// `work` on them in any order; one consumer thread hands the results to
// `consume` in submission order. So the output (merges into the database,
// lines on stdout) is the same as a sequential run's, whatever the thread
// count. At most `window` jobs are in flight (submitted, not yet consumed):
// Submit blocks when the consumer falls behind, so memory stays bounded
// however long the input is.
//
//   OrderedPipeline<Article, Extraction> pipe(
//       threads, 8 * threads,
//       [&](Article& a) { return extractor.Extract(a); },     // any worker
//       [&](Extraction& x) { writer.MergeArticle(x); });      // consumer thread
//   ReadArticles(path, {}, [&](Article a) { pipe.Submit(std::move(a)); }, ...);
//   pipe.Finish();
//
// With threads <= 1 there are no threads at all: Submit runs `work` and then
// `consume` on the caller's thread.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace kg::cli {

// Threads to use for `--threads N`: N, or one per core when N is 0.
inline unsigned ResolveThreads(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

template <typename Job, typename Out>
class OrderedPipeline {
 public:
  using Work = std::function<Out(Job&)>;
  using Consume = std::function<void(Out&)>;

  OrderedPipeline(unsigned threads, size_t window, Work work, Consume consume)
      : work_(std::move(work)), consume_(std::move(consume)), window_(std::max<size_t>(window, 1)) {
    if (threads <= 1) return;
    slots_.resize(window_);
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { RunWorker(); });
    consumer_ = std::thread([this] { RunConsumer(); });
  }
  ~OrderedPipeline() { Finish(); }
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  void Submit(Job job) {
    if (workers_.empty()) {
      Out out = work_(job);
      consume_(out);
      return;
    }
    std::unique_lock lock(mu_);
    // When the window is full, wait until it is half empty: the consumer
    // then wakes this thread once per half window, not once per job (each
    // wake is a system call on the consumer's thread, the busiest).
    if (submitted_ - consumed_ >= window_) space_.wait(lock, [&] { return submitted_ - consumed_ <= window_ / 2; });
    jobs_.emplace_back(submitted_++, std::move(job));
    job_ready_.notify_one();
  }

  // Waits until every submitted job has been consumed, then stops the
  // threads. Submit may not be called afterwards.
  void Finish() {
    if (workers_.empty()) return;
    {
      std::lock_guard lock(mu_);
      closing_ = true;
    }
    job_ready_.notify_all();
    result_ready_.notify_all();
    for (std::thread& t : workers_) t.join();
    consumer_.join();
    workers_.clear();
  }

 private:
  void RunWorker() {
    for (;;) {
      std::optional<std::pair<uint64_t, Job>> job;
      {
        std::unique_lock lock(mu_);
        job_ready_.wait(lock, [&] { return !jobs_.empty() || closing_; });
        if (jobs_.empty()) return;
        job.emplace(std::move(jobs_.front()));
        jobs_.pop_front();
      }
      Out out = work_(job->second);
      std::lock_guard lock(mu_);
      slots_[job->first % window_].emplace(std::move(out));
      if (job->first == consumed_) result_ready_.notify_one();
    }
  }

  void RunConsumer() {
    for (;;) {
      std::optional<Out> out;
      {
        std::unique_lock lock(mu_);
        std::optional<Out>& slot = slots_[consumed_ % window_];  // only this thread moves consumed_
        result_ready_.wait(lock, [&] { return slot.has_value() || (closing_ && consumed_ == submitted_); });
        if (!slot.has_value()) return;
        out.emplace(std::move(*slot));
        slot.reset();
      }
      consume_(*out);  // outside the lock: workers go on meanwhile
      bool half_empty;
      {
        std::lock_guard lock(mu_);
        half_empty = submitted_ - ++consumed_ == window_ / 2;
      }
      if (half_empty) space_.notify_one();
    }
  }

  Work work_;
  Consume consume_;
  const size_t window_;
  std::vector<std::thread> workers_;
  std::thread consumer_;

  std::mutex mu_;
  std::condition_variable job_ready_, result_ready_, space_;
  std::deque<std::pair<uint64_t, Job>> jobs_;
  std::vector<std::optional<Out>> slots_;  // by sequence number modulo window_
  uint64_t submitted_ = 0, consumed_ = 0;
  bool closing_ = false;
};

// "1234 articles, 410/s, 3.1 MB/s, ETA 0:42" on stderr when it is a
// terminal, at most five times a second. The ETA needs the input's size
// (`total_bytes`, 0 when unknown, e.g. standard input); bytes done are
// counted from what was consumed, so it is an estimate.
class IngestProgress {
 public:
  explicit IngestProgress(uint64_t total_bytes)
      : enabled_(isatty(STDERR_FILENO)), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()) {}

  void Tick(uint64_t articles, uint64_t bytes) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    if (secs <= 0) return;
    std::fprintf(stderr, "\r%llu articles, %.0f/s, %.1f MB/s", static_cast<unsigned long long>(articles),
                 articles / secs, bytes / secs / 1e6);
    if (total_bytes_ > bytes && bytes > 0) {
      const auto left = static_cast<long long>((total_bytes_ - bytes) * secs / bytes);
      std::fprintf(stderr, ", ETA %lld:%02lld", left / 60, left % 60);
    }
    std::fprintf(stderr, "\033[K");
  }
  void Done() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  uint64_t total_bytes_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace kg::cli
