// Killing `kg ingest` with SIGKILL at any moment loses nothing and doubles
// nothing: ingest a few hundred BBC articles, kill the ingest at several
// random points (one of them while the database is being created), check the
// database after each kill, run the ingest again to the end, and compare the
// canonical dump with that of an uninterrupted run, byte for byte.
//
// Needs ../shared/corpus/bbc (skips without it). KG_CRASH_SEED=N repeats a
// run's kill points; KG_CRASH_KILLS=N sets how many kills (default 8).

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/kg_process.h"

namespace kg {
namespace {

namespace fs = std::filesystem;
using testing::KgProcess;
using testing::RunResult;

const fs::path kCorpus = fs::path(KG_SOURCE_DIR) / ".." / "shared" / "corpus" / "bbc" / "politics";

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kg-crash-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Kg(const std::vector<std::string>& args) { return testing::RunKg(args, dir_); }

  fs::path dir_;
};

unsigned long EnvOr(const char* name, unsigned long fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoul(value, nullptr, 10) : fallback;
}

TEST_F(CrashTest, KilledIngestRerunEqualsUninterruptedRun) {
  if (!fs::is_directory(kCorpus)) {
    GTEST_SKIP() << kCorpus.string() << " is absent: the crash test ingests BBC articles";
  }
  const std::string reference = (dir_ / "reference.db").string();
  const std::string crashed = (dir_ / "crashed.db").string();

  auto start = std::chrono::steady_clock::now();
  RunResult full = Kg({"ingest", kCorpus.string(), "--db", reference});
  const auto duration = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(full.code, 0) << full.err;
  RunResult expected = Kg({"export", "--format", "json", "--db", reference});
  ASSERT_EQ(expected.code, 0) << expected.err;
  ASSERT_GT(expected.out.size(), 1000u);

  const unsigned long seed = EnvOr("KG_CRASH_SEED", std::random_device()());
  const unsigned long kills = EnvOr("KG_CRASH_KILLS", 8);
  std::cout << "[ info ] an uninterrupted ingest took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(duration).count()
            << " ms; killing " << kills << " times, KG_CRASH_SEED=" << seed << "\n";
  std::mt19937 random(seed);
  // Kill points spread over a run; a rerun skips what is stored, so later
  // kills land later in the corpus. A rerun is shorter, so when a kill came
  // after the run had ended, the window shrinks.
  long window_us = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();

  int killed_running = 0;
  for (unsigned long i = 0; i < kills; ++i) {
    KgProcess ingest({"ingest", kCorpus.string(), "--db", crashed}, dir_);
    if (i == 0) {
      // The first kill comes as soon as the database directory has a file:
      // while RocksDB creates it, or kg writes its format version.
      for (int spin = 0; spin < 200000 && ingest.Running(); ++spin) {
        if (fs::exists(fs::path(crashed) / "LOCK")) break;
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
    } else {
      std::this_thread::sleep_for(std::chrono::microseconds(
          std::uniform_int_distribution<long>(0, window_us)(random)));
    }
    if (ingest.Running()) {
      ++killed_running;
    } else {
      window_us = std::max(window_us / 2, 1000L);
    }
    ingest.Kill(SIGKILL);
    RunResult r = ingest.Wait();
    ASSERT_TRUE(r.code == -SIGKILL || r.code == 0) << "kill " << i << ": " << r.code << " " << r.err;

    // Whatever the moment, what is stored is consistent.
    if (fs::exists(fs::path(crashed) / "CURRENT")) {
      RunResult check = Kg({"check", "--db", crashed});
      ASSERT_EQ(check.code, 0) << "after kill " << i << ":\n" << check.out << check.err;
    }
  }
  std::cout << "[ info ] " << killed_running << " of " << kills << " kills hit a running ingest\n";
  EXPECT_GT(killed_running, 0);

  RunResult rest = Kg({"ingest", kCorpus.string(), "--db", crashed});
  ASSERT_EQ(rest.code, 0) << rest.err;
  RunResult check = Kg({"check", "--db", crashed});
  EXPECT_EQ(check.code, 0) << check.out << check.err;
  RunResult got = Kg({"export", "--format", "json", "--db", crashed});
  ASSERT_EQ(got.code, 0) << got.err;
  if (got.out != expected.out) {
    testing::WriteFile("/tmp/kg-crash-expected.jsonl", expected.out);
    testing::WriteFile("/tmp/kg-crash-got.jsonl", got.out);
    FAIL() << "the dumps differ (KG_CRASH_SEED=" << seed
           << "); see /tmp/kg-crash-expected.jsonl and /tmp/kg-crash-got.jsonl";
  }
}

}  // namespace
}  // namespace kg
