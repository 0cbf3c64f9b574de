// The stored graph survives what users throw at it, through the kg program:
// bad input files (binary, invalid UTF-8, empty, huge, malformed JSON lines,
// missing, unreadable) get one clear line naming the file and lose nothing
// else; unusable databases (not writable, newer format, damaged, locked by
// another writer) get a clear error naming the database and are left as they
// were; reading commands work while an ingest runs; kg remove, kg check and
// the canonical JSON export do what they say.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/kg_process.h"

namespace kg {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::KgProcess;
using testing::ReadFile;
using testing::RunResult;
using testing::WriteFile;

const fs::path kSamples = fs::path(KG_SOURCE_DIR) / "samples";
const fs::path kShared = fs::path(KG_SOURCE_DIR) / ".." / "shared";

// Two short articles that give the graph something to hold.
constexpr char kGoodArticle[] =
    "Blair visits Paris\n\nTony Blair visited France on Monday. Blair met Jacques Chirac in Paris.\n";
constexpr char kGoodJsonLine1[] =
    R"({"id":"lines/a","title":"A","date":"2005-01-10","text":"Gordon Brown met Jacques Chirac in Paris on Monday."})";
constexpr char kGoodJsonLine3[] =
    R"({"id":"lines/c","title":"C","date":"2005-01-11","text":"Russia warned Georgia on Tuesday. Vladimir Putin visited China."})";

class RobustnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg-robustness-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    fs::create_directories(dir_ / "scratch");  // kg's stdout and stderr
    db_ = (dir_ / "kg.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }

  RunResult Kg(std::vector<std::string> args, const std::vector<std::string>& prefix = {},
               const std::string& db = "") {
    args.push_back("--db");
    args.push_back(db.empty() ? db_ : db);
    return testing::RunKg(args, dir_ / "scratch", "", prefix);
  }

  fs::path In(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / "in" / name;
    WriteFile(p, bytes);
    return p;
  }

  std::string Dump(const std::string& db = "") {
    RunResult r = Kg({"export", "--format", "json"}, {}, db);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  }

  // The database is consistent and holds `articles` articles.
  void ExpectIntact(uint64_t articles, const std::string& db = "") {
    RunResult check = Kg({"check"}, {}, db);
    EXPECT_EQ(check.code, 0) << check.out << check.err;
    EXPECT_THAT(check.out, HasSubstr(std::to_string(articles) + " articles"));
    EXPECT_THAT(check.out, HasSubstr(": ok"));
  }

  fs::path dir_;
  std::string db_;
};

// ---- Bad input --------------------------------------------------------------

// Each bad file is named with what is wrong; the good file beside it is
// ingested; the exit code says something failed.
TEST_F(RobustnessTest, BadFilesAreNamedAndSkipped) {
  std::mt19937 random(7);
  std::string binary(4096, '\0');
  for (char& c : binary) c = static_cast<char>(random());
  binary[100] = '\0';
  std::string high_bytes(4096, '\0');  // binary without a NUL byte
  for (char& c : high_bytes) c = static_cast<char>(0x80 | (random() & 0x7f));
  struct Case {
    std::string file, bytes, message;
  } cases[] = {
      {"binary.txt", binary, ": binary data (NUL bytes)"},
      {"noise.txt", high_bytes, ": invalid UTF-8 at byte 0"},
      {"latin1.txt", "Caf\xe9 talks\n\nThe caf\xe9 owner met Tony Blair.\n",
       ": invalid UTF-8 at byte 3"},
      {"empty.txt", "", ": empty article"},
      {"blank.txt", " \n\t\n", ": empty article"},
      {"empty.jsonl", "", ": empty file"},
      {"binary.jsonl", binary, ": binary data (NUL bytes)"},
  };
  In("good.txt", kGoodArticle);
  for (const Case& c : cases) In(c.file, c.bytes);

  RunResult r = Kg({"ingest", (dir_ / "in").string()});
  EXPECT_EQ(r.code, 1) << r.err;
  // One line per file, "kg: <path>[:<line>]: <what is wrong>".
  for (const Case& c : cases) {
    const std::string prefix = "kg: " + (dir_ / "in" / c.file).string();
    std::istringstream lines(r.err);
    bool found = false;
    for (std::string line; std::getline(lines, line);) {
      found = found || (line.starts_with(prefix) && line.find(c.message) != std::string::npos);
    }
    EXPECT_TRUE(found) << c.file << " should be reported with \"" << c.message << "\" in:\n" << r.err;
  }
  EXPECT_THAT(r.out, HasSubstr("articles: 1 new, 0 updated, 0 unchanged, 7 failed"));
  ExpectIntact(1);
}

TEST_F(RobustnessTest, InvalidUtf8IsRejectedNotRepaired) {
  fs::path bad = In("latin1.txt", "Caf\xe9 talks\n\nTony Blair met the caf\xe9 owner.\n");
  RunResult r = Kg({"ingest", bad.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(bad.string() + ": invalid UTF-8 at byte 3"));
  EXPECT_THAT(r.err, HasSubstr("iconv"));  // says how to repair it
  EXPECT_THAT(Dump(), Not(HasSubstr("Blair")));
}

// Report file:line, skip the line, ingest the rest, exit non-zero.
TEST_F(RobustnessTest, MalformedJsonLinesAreSkippedAndTheRestIngested) {
  fs::path lines = In("lines.jsonl", std::string(kGoodJsonLine1) + "\n" +
                                         R"({"id":"lines/b","text": broken)" "\n" +
                                         kGoodJsonLine3 + "\n" +
                                         "[1, 2, 3]\n" +
                                         R"({"id":"lines/e","title":"no text"})" "\n");
  RunResult r = Kg({"ingest", lines.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(lines.string() + ":2: malformed JSON"));
  EXPECT_THAT(r.err, HasSubstr(lines.string() + ":4: expected a JSON object"));
  EXPECT_THAT(r.err, HasSubstr(lines.string() + ":5: missing string field \"text\""));
  EXPECT_THAT(r.out, HasSubstr("articles: 2 new, 0 updated, 0 unchanged, 3 failed"));
  std::string dump = Dump();
  EXPECT_THAT(dump, HasSubstr(R"("id":"lines/a")"));
  EXPECT_THAT(dump, HasSubstr(R"("id":"lines/c")"));
  ExpectIntact(2);
}

TEST_F(RobustnessTest, MissingPathIsNamedAndTheOthersIngested) {
  fs::path good = In("good.txt", kGoodArticle);
  std::string missing = (dir_ / "in" / "no-such-file.txt").string();
  RunResult r = Kg({"ingest", missing, good.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(missing + ": no such file or directory"));
  EXPECT_THAT(r.out, HasSubstr("articles: 1 new"));
  ExpectIntact(1);
}

TEST_F(RobustnessTest, UnreadablePathIsNamed) {
  std::vector<std::string> user = testing::AsUnprivilegedUser();
  if (!user.empty() && user[0] == "<none>") GTEST_SKIP() << "running as root without setpriv";
  fs::path shared = dir_ / "shared";  // where the unprivileged user may write
  fs::create_directories(shared);
  fs::permissions(shared, fs::perms::all);
  WriteFile(shared / "secret.txt", kGoodArticle);
  WriteFile(shared / "good.txt", kGoodArticle);
  fs::permissions(shared / "secret.txt", fs::perms::none);

  std::string db = (shared / "kg.db").string();
  RunResult r = Kg({"ingest", (shared / "secret.txt").string(), (shared / "good.txt").string()},
                   user, db);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("kg: " + (shared / "secret.txt").string() + ": cannot open for reading"));
  EXPECT_THAT(r.out, HasSubstr("articles: 1 new"));
  ExpectIntact(1, db);
}

TEST_F(RobustnessTest, UnreadableDirectoryIsNamed) {
  std::vector<std::string> user = testing::AsUnprivilegedUser();
  if (!user.empty() && user[0] == "<none>") GTEST_SKIP() << "running as root without setpriv";
  fs::path shared = dir_ / "shared";
  fs::create_directories(shared / "locked");
  fs::permissions(shared, fs::perms::all);
  WriteFile(shared / "locked" / "inside.txt", kGoodArticle);
  fs::permissions(shared / "locked", fs::perms::none);
  std::string db = (shared / "kg.db").string();
  RunResult r = Kg({"ingest", (shared / "locked").string()}, user, db);
  fs::permissions(shared / "locked", fs::perms::owner_all);
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("kg: " + (shared / "locked").string()));
}

// The limit stays at 64 MB: a 50 MB article is ingested (in blocks, by
// ingest/), one over the limit is rejected before it is read.
TEST_F(RobustnessTest, FiftyMegabyteArticleIsIngestedAndLargerOnesRejected) {
  const char* env = std::getenv("KG_BIG_ARTICLE_MB");
  size_t megabytes = env != nullptr ? std::strtoul(env, nullptr, 10) : 50;
  if (megabytes == 0) GTEST_SKIP() << "KG_BIG_ARTICLE_MB=0";
  std::string body;
  for (const auto& f : fs::directory_iterator(kSamples)) {
    if (f.path().extension() == ".txt") body += ReadFile(f.path()) + "\n\n";
  }
  std::string text = "A very long article\n\n";
  text.reserve(megabytes << 20);
  while (text.size() + body.size() <= (megabytes << 20)) text += body;
  fs::path big = In("big.txt", text);
  text.clear();
  text.shrink_to_fit();

  auto start = std::chrono::steady_clock::now();
  RunResult r = Kg({"ingest", big.string()});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("articles: 1 new"));
  std::cout << "[ info ] a " << megabytes << " MB article was ingested in " << seconds << " s\n";
  ExpectIntact(1);

  // Sparse: over the limit without writing 65 MB.
  fs::path huge = dir_ / "in" / "huge.txt";
  WriteFile(huge, "Title\n\n");
  fs::resize_file(huge, 65u << 20);
  r = Kg({"ingest", huge.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(huge.string() + ": article is 65 MB, over the limit of 64 MB"));
  ExpectIntact(1);
}

// ---- Unusable databases -------------------------------------------------------

TEST_F(RobustnessTest, DatabaseDirectoryNotWritable) {
  std::vector<std::string> user = testing::AsUnprivilegedUser();
  if (!user.empty() && user[0] == "<none>") GTEST_SKIP() << "running as root without setpriv";
  fs::path good = In("good.txt", kGoodArticle);
  fs::permissions(dir_ / "in", fs::perms::all);
  fs::permissions(good, fs::perms::all);
  ASSERT_EQ(Kg({"ingest", good.string()}).code, 0);
  std::string before = Dump();
  // dir_ and the database belong to the test's user: not writable for
  // `user` (or, when not root, made read-only).
  if (user.empty()) {
    fs::permissions(db_, fs::perms::owner_read | fs::perms::owner_exec);
    fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  }

  std::string fresh = (dir_ / "new.db").string();
  RunResult create = Kg({"ingest", good.string()}, user, fresh);
  EXPECT_EQ(create.code, 2);
  EXPECT_THAT(create.err, HasSubstr(fresh + ": cannot create database: Permission denied"));

  RunResult write = Kg({"ingest", good.string()}, user);
  EXPECT_EQ(write.code, 2);
  EXPECT_THAT(write.err, HasSubstr(db_ + ": cannot open database for writing"));
  EXPECT_THAT(write.err, HasSubstr("Permission denied"));
  RunResult remove = Kg({"remove", "in/good"}, user);
  EXPECT_EQ(remove.code, 2);
  EXPECT_THAT(remove.err, HasSubstr(db_ + ": cannot open database for writing"));

  // Reading needs no write access.
  RunResult stats = Kg({"stats"}, user);
  EXPECT_EQ(stats.code, 0) << stats.err;
  RunResult check = Kg({"check"}, user);
  EXPECT_EQ(check.code, 0) << check.out << check.err;
  RunResult dump = Kg({"export", "--format", "json"}, user);
  EXPECT_EQ(dump.code, 0) << dump.err;
  EXPECT_EQ(dump.out, before);
}

void SetFormatVersion(const std::string& dir, const std::string& version) {
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies({}, dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open({}, dir, descriptors, &handles, &db).ok());
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "meta") {
      ASSERT_TRUE(db->Put({}, handles[i], "format_version", version).ok());
    }
  }
  for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  delete db;
}

TEST_F(RobustnessTest, NewerFormatVersionIsRefusedByEveryCommand) {
  ASSERT_EQ(Kg({"ingest", kSamples.string()}).code, 0);
  SetFormatVersion(db_, "3");
  const std::string message =
      db_ + ": database format version 3 is newer than this kg supports (2); upgrade kg";
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"ingest", kSamples.string()},
           {"stats"},
           {"check"},
           {"show", "Putin"},
           {"export", "--format", "json"},
           {"remove", "samples/putin-visits-north-korea"}}) {
    RunResult r = Kg(args);
    EXPECT_EQ(r.code, 2) << args[0];
    EXPECT_THAT(r.err, HasSubstr(message)) << args[0];
  }
  SetFormatVersion(db_, "2");
  ExpectIntact(4);
}

// A copy of a database, damaged in one of its files, which can be put back.
struct Damage {
  const char* name;
  // Damages `db`; returns the file it changed (empty: none to restore).
  std::function<fs::path(const fs::path& db)> apply;
};

// The largest table file: the evidence's, most likely, which every full
// read of the graph reads.
fs::path LargestTable(const fs::path& db) {
  fs::path largest;
  for (const auto& f : fs::directory_iterator(db)) {
    if (f.path().extension() != ".sst") continue;
    if (largest.empty() || fs::file_size(f.path()) > fs::file_size(largest)) largest = f.path();
  }
  return largest;
}

fs::path Manifest(const fs::path& db) {
  std::string current = ReadFile(db / "CURRENT");
  return db / current.substr(0, current.find('\n'));
}

TEST_F(RobustnessTest, DamagedDatabaseIsReportedAndLeftAsItWas) {
  ASSERT_EQ(Kg({"ingest", kSamples.string()}).code, 0);
  ASSERT_EQ(Kg({"ingest", kSamples.string()}).code, 0);  // reopened: tables on disk
  ASSERT_FALSE(LargestTable(db_).empty()) << "no table file to damage";
  const std::string good_dump = Dump();
  const fs::path pristine = dir_ / "pristine.db";
  fs::copy(db_, pristine, fs::copy_options::recursive);

  Damage damages[] = {
      {"truncated table file",
       [](const fs::path& db) {
         fs::path sst = LargestTable(db);
         fs::resize_file(sst, fs::file_size(sst) / 2);
         return sst;
       }},
      {"table file with flipped bytes",
       [](const fs::path& db) {
         fs::path sst = LargestTable(db);
         std::string bytes = ReadFile(sst);
         for (size_t i = 0; i < bytes.size() / 2; i += 7) bytes[i] = static_cast<char>(~bytes[i]);
         WriteFile(sst, bytes);
         return sst;
       }},
      {"garbage MANIFEST",
       [](const fs::path& db) {
         fs::path manifest = Manifest(db);
         WriteFile(manifest, std::string(fs::file_size(manifest), 'x'));
         return manifest;
       }},
      {"CURRENT naming a missing MANIFEST",
       [](const fs::path& db) {
         WriteFile(db / "CURRENT", "MANIFEST-999999\n");
         return db / "CURRENT";
       }},
      {"CURRENT deleted",
       [](const fs::path& db) {
         fs::remove(db / "CURRENT");
         return db / "CURRENT";
       }},
  };
  for (const Damage& damage : damages) {
    SCOPED_TRACE(damage.name);
    fs::remove_all(db_);
    fs::copy(pristine, db_, fs::copy_options::recursive);
    fs::path changed = damage.apply(db_);
    fs::path original = pristine / changed.filename();

    // Every command that reads it all must say it is damaged, name it, and
    // say what to do; none may crash.
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"stats"}, {"check"}, {"export", "--format", "json"}, {"export", "--format", "dot"}}) {
      RunResult r = Kg(args);
      EXPECT_EQ(r.code, 2) << args[0] << ": " << r.out << r.err;
      EXPECT_THAT(r.err, HasSubstr("kg: " + db_ + ": database is damaged: ")) << args[0];
      EXPECT_THAT(r.err, HasSubstr("rebuild it with kg ingest")) << args[0];
    }
    // A writer may find the damage when it opens or only when it reads the
    // damaged part; either way it must not crash, and must say so if it
    // stops.
    RunResult ingest = Kg({"ingest", kSamples.string()});
    EXPECT_THAT(ingest.code, ::testing::AnyOf(0, 2)) << ingest.err;
    if (ingest.code == 2) {
      EXPECT_THAT(ingest.err, HasSubstr(db_ + ": database is damaged"));
    }

    // Put the damaged file back as it was: nothing else was harmed.
    fs::copy_file(original, changed, fs::copy_options::overwrite_existing);
    EXPECT_EQ(Dump(), good_dump);
    ExpectIntact(4);
  }
}

// ---- Writers and readers at the same time ---------------------------------------

// A writer that holds the database while it waits for its standard input.
class HeldWriter {
 public:
  HeldWriter(const fs::path& scratch, const std::string& db) : fifo_(scratch / "stdin.fifo") {
    EXPECT_EQ(::mkfifo(fifo_.c_str(), 0600), 0);
    writer_ = std::make_unique<KgProcess>(std::vector<std::string>{"ingest", "-", "--db", db}, scratch,
                                          fifo_.string());
    input_ = std::make_unique<std::ofstream>(fifo_);  // returns once kg opened it
    for (int i = 0; i < 1000 && !writer_->HasOpen(db + "/LOCK"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(writer_->HasOpen(db + "/LOCK")) << "the writer never opened the database";
  }
  // Lets the writer read `text` and finish.
  RunResult Finish(const std::string& text) {
    *input_ << text;
    input_.reset();
    return writer_->Wait();
  }

 private:
  fs::path fifo_;
  std::unique_ptr<KgProcess> writer_;
  std::unique_ptr<std::ofstream> input_;
};

TEST_F(RobustnessTest, SecondWriterFailsAtOnceAndReadersWork) {
  ASSERT_EQ(Kg({"ingest", kSamples.string()}).code, 0);
  std::string before = Dump();
  HeldWriter writer(dir_, db_);

  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"ingest", kSamples.string()}, {"remove", "samples/putin-visits-north-korea"}}) {
    auto start = std::chrono::steady_clock::now();
    RunResult r = Kg(args);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(r.code, 2) << args[0];
    EXPECT_THAT(r.err, HasSubstr("kg: " + db_ + ": database is in use by another kg process (locked)"));
    EXPECT_LT(seconds, 10) << "a second writer must fail at once, not wait";
  }
  EXPECT_EQ(Kg({"stats"}).code, 0);
  EXPECT_EQ(Kg({"show", "Putin"}).code, 0);
  EXPECT_EQ(Kg({"path", "Kim Jong-un", "Jens Stoltenberg"}).code, 0);
  EXPECT_EQ(Kg({"export", "--format", "dot"}).code, 0);
  EXPECT_EQ(Dump(), before);
  ExpectIntact(4);

  RunResult done = writer.Finish(kGoodArticle);
  EXPECT_EQ(done.code, 0) << done.err;
  EXPECT_THAT(done.out, HasSubstr("articles: 1 new"));
  ExpectIntact(5);
}

// JSON Lines of articles to ingest in several runs: from the BBC corpus
// when ../shared has it, else the samples under new ids.
std::vector<std::string> ArticleBatches(size_t batches) {
  std::vector<std::string> texts;
  fs::path bbc = kShared / "corpus" / "bbc" / "politics";
  if (fs::is_directory(bbc)) {
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(bbc)) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) texts.push_back(ReadFile(f));
  } else {
    for (int copy = 0; copy < 50; ++copy) {
      for (const auto& f : fs::directory_iterator(kSamples)) {
        if (f.path().extension() == ".txt") texts.push_back(ReadFile(f.path()) + "\n(" + std::to_string(copy) + ")");
      }
    }
  }
  std::vector<std::string> out(batches);
  for (size_t i = 0; i < texts.size(); ++i) {
    nlohmann::json line = {{"id", "batch/" + std::to_string(i)}, {"text", texts[i]}};
    out[i % batches] += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  return out;
}

// kg stats, show, path, check and both exports, over and over, while one
// ingest after another writes (each writer's opening flushes the previous
// one's log and deletes it: the moment a careless reader misses data).
TEST_F(RobustnessTest, ReadingCommandsWorkWhileIngestRuns) {
  std::vector<std::string> batches = ArticleBatches(8);
  std::vector<fs::path> files;
  for (size_t i = 0; i < batches.size(); ++i) {
    files.push_back(In("batch" + std::to_string(i) + ".jsonl", batches[i]));
  }
  ASSERT_EQ(Kg({"ingest", kSamples.string()}).code, 0);

  std::unique_ptr<KgProcess> writer;
  size_t next = 0;
  auto start_writer = [&] {
    writer = std::make_unique<KgProcess>(
        std::vector<std::string>{"ingest", files[next].string(), "--db", db_}, dir_ / "scratch");
    ++next;
  };
  start_writer();
  uint64_t last_articles = 0;
  int reads = 0;
  std::map<std::string, int> failures;
  while (true) {
    if (!writer->Running()) {
      RunResult w = writer->Wait();
      ASSERT_EQ(w.code, 0) << w.err;
      if (next == files.size()) break;
      start_writer();
    }
    std::vector<std::vector<std::string>> commands = {
        {"stats"}, {"check"}, {"show", "Jens Stoltenberg"}, {"path", "Kim Jong-un", "Jens Stoltenberg"},
        {"export", "--format", "json"}, {"export", "--format", "jsonld"}};
    const auto& args = commands[reads % commands.size()];
    RunResult r = Kg(args);
    ++reads;
    if (r.code != 0) {
      ++failures[args[0] + ": " + r.err + r.out.substr(0, 500)];
      continue;
    }
    if (args[0] == "stats") {
      size_t at = r.out.find("articles: ");
      ASSERT_NE(at, std::string::npos);
      uint64_t articles = std::stoull(r.out.substr(at + 10));
      EXPECT_GE(articles, last_articles) << "a reader saw fewer articles than one before it";
      last_articles = articles;
    }
  }
  EXPECT_THAT(failures, ::testing::IsEmpty());
  EXPECT_GT(reads, 10);
  std::cout << "[ info ] " << reads << " reading commands ran during " << files.size() << " ingests\n";
  size_t lines = 0;
  for (const auto& b : batches) lines += std::count(b.begin(), b.end(), '\n');
  ExpectIntact(4 + lines);
}

// ---- kg remove, and the canonical dump ------------------------------------------

TEST_F(RobustnessTest, RemoveTakesAnArticleOutAndReingestingPutsItBack) {
  fs::path good = In("good.txt", kGoodArticle);
  ASSERT_EQ(Kg({"ingest", kSamples.string()}).code, 0);
  std::string samples_only = Dump();
  ASSERT_EQ(Kg({"ingest", good.string()}).code, 0);
  std::string with_good = Dump();
  ASSERT_NE(with_good, samples_only);

  RunResult r = Kg({"remove", "in/good"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("removed in/good: "));
  EXPECT_EQ(Dump(), samples_only);
  ExpectIntact(4);

  RunResult missing = Kg({"remove", "in/good", "no/such-article"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr(db_ + ": no article 'in/good'"));
  EXPECT_THAT(missing.err, HasSubstr(db_ + ": no article 'no/such-article'"));

  ASSERT_EQ(Kg({"ingest", good.string()}).code, 0);
  EXPECT_EQ(Dump(), with_good);
  RunResult again = Kg({"ingest", good.string(), kSamples.string()});
  EXPECT_THAT(again.out, HasSubstr("articles: 0 new, 0 updated, 5 unchanged"));
  EXPECT_EQ(Dump(), with_good);
}

TEST_F(RobustnessTest, ChangedArticleReplacesTheOldVersion) {
  fs::path good = In("good.txt", kGoodArticle);
  ASSERT_EQ(Kg({"ingest", kSamples.string(), good.string()}).code, 0);
  WriteFile(good, "Blair in Berlin\n\nTony Blair met Angela Merkel in Berlin.\n");
  RunResult r = Kg({"ingest", good.string()});
  EXPECT_THAT(r.out, HasSubstr("articles: 0 new, 1 updated"));
  std::string dump = Dump();
  EXPECT_THAT(dump, Not(HasSubstr("Chirac")));
  EXPECT_THAT(dump, Not(HasSubstr("Blair visits Paris")));
  EXPECT_THAT(dump, HasSubstr("Blair in Berlin"));
  ExpectIntact(5);
}

TEST_F(RobustnessTest, JsonExportIsCanonicalJsonLines) {
  ASSERT_EQ(Kg({"ingest", kSamples.string()}).code, 0);
  std::string dump = Dump();
  std::string file = (dir_ / "dump.jsonl").string();
  ASSERT_EQ(Kg({"export", "--format", "json", "-o", file}).code, 0);
  EXPECT_EQ(ReadFile(file), dump);

  std::map<std::string, int> kinds;
  std::string previous_kind, previous_key;
  std::istringstream lines(dump);
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    std::string kind = j["kind"];
    ++kinds[kind];
    std::string key = kind == "entity"     ? j["key"].get<std::string>()
                      : kind == "relation" ? j["source"].get<std::string>() + "\x1f" +
                                                 j["type"].get<std::string>() + "\x1f" +
                                                 j["target"].get<std::string>()
                                           : j["id"].get<std::string>();
    if (kind == previous_kind) {
      EXPECT_LT(previous_key, key) << "not in key order: " << line;
    }
    if (kind == "relation") {
      EXPECT_EQ(j["evidence"].size(), j["evidence_count"].get<size_t>());
    }
    previous_kind = kind;
    previous_key = key;
  }
  EXPECT_EQ(kinds["article"], 4);
  EXPECT_GT(kinds["entity"], 5);
  EXPECT_GT(kinds["relation"], 5);
  RunResult around = Kg({"export", "--format", "json", "--around", "Putin"});
  EXPECT_EQ(around.code, 2);
  EXPECT_THAT(around.err, HasSubstr("--format json"));
}

}  // namespace
}  // namespace kg
