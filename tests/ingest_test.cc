// Tests of ingest/: reading articles (and rejecting bad input with a clear
// message), tokenising, sentence splitting and extraction.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ingest/ingest.h"
#include "ingest/text.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("kg-ingest-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& content) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

struct ReadOutcome {
  std::vector<Article> articles;
  std::vector<std::string> errors;
  Status status;
};

ReadOutcome Read(const std::string& path) {
  ReadOutcome out;
  out.status = ReadArticles(
      path, {}, [&](Article a) { out.articles.push_back(std::move(a)); },
      [&](const Status& s) { out.errors.push_back(s.message()); });
  return out;
}

TEST(ReaderTest, TextFileHeadlineAndId) {
  TempDir dir;
  std::string path = dir.Write("politics/some-story.txt", "Headline here\n\nBody text. More text.\n");
  ReadOutcome r = Read(path);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "politics/some-story");
  EXPECT_EQ(r.articles[0].title, "Headline here");
  EXPECT_EQ(r.articles[0].text, "Headline here\n\nBody text. More text.\n");
  EXPECT_TRUE(r.errors.empty());
}

TEST(ReaderTest, DirectoryIsReadInSortedOrderAndSkipsOtherFiles) {
  TempDir dir;
  dir.Write("b.txt", "B\n\nbody\n");
  dir.Write("a.txt", "A\n\nbody\n");
  dir.Write("notes.md", "not an article");
  ReadOutcome r = Read(dir.path().string());
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].title, "A");
  EXPECT_EQ(r.articles[1].title, "B");
}

TEST(ReaderTest, JsonLinesWithMalformedLineReportsFileAndLineAndKeepsTheRest) {
  TempDir dir;
  std::string path = dir.Write("feed.jsonl",
                               "{\"id\":\"a1\",\"title\":\"T1\",\"date\":\"2024-06-19\",\"text\":\"First.\"}\n"
                               "{\"id\":\"a2\",\"text\": broken\n"
                               "\n"
                               "{\"text\":\"Third, no id.\"}\n"
                               "{\"id\":\"a4\"}\n");
  ReadOutcome r = Read(path);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "a1");
  EXPECT_EQ(r.articles[0].date, "2024-06-19");
  EXPECT_EQ(r.articles[1].id, "feed:4");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].find(path + ":2: malformed JSON"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[1].find(path + ":5: missing string field \"text\""), std::string::npos) << r.errors[1];
}

struct BadInputCase {
  std::string name;
  std::string content;
  std::string expected_message;
};

TEST(ReaderTest, BadInputGetsOneClearErrorNamingTheFile) {
  const std::vector<BadInputCase> cases = {
      {"binary.txt", std::string("\x7f" "ELF\0\0\0\x01", 8), "binary data"},
      {"latin1.txt", "Caf\xe9 society\n", "invalid UTF-8 at byte 3"},
      {"empty.txt", "", "empty article"},
      {"blank.txt", " \n\n\t\n", "empty article"},
      {"empty.jsonl", "", "empty file"},
  };
  TempDir dir;
  for (const auto& c : cases) {
    std::string path = dir.Write(c.name, c.content);
    ReadOutcome r = Read(path);
    EXPECT_TRUE(r.articles.empty()) << c.name;
    ASSERT_EQ(r.errors.size(), 1u) << c.name;
    EXPECT_NE(r.errors[0].find(path), std::string::npos) << r.errors[0];
    EXPECT_NE(r.errors[0].find(c.expected_message), std::string::npos) << r.errors[0];
  }
}

TEST(ReaderTest, OversizedArticleIsRejected) {
  TempDir dir;
  std::string path = dir.Write("big.txt", "Headline\n\n" + std::string(2 << 20, 'a'));
  ReadOptions options;
  options.max_article_bytes = 1 << 20;
  std::vector<std::string> errors;
  Status s = ReadArticles(path, options, [](Article) { FAIL() << "must not be read"; },
                          [&](const Status& e) { errors.push_back(e.message()); });
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("over the limit"), std::string::npos) << errors[0];
}

TEST(ReaderTest, MissingPathIsAnError) {
  ReadOutcome r = Read("/nonexistent/kg/article.txt");
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("/nonexistent/kg/article.txt: no such file"), std::string::npos);
}

std::vector<std::string> TokenTexts(const std::string& text) {
  std::vector<Token> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.norm);
  return out;
}

TEST(TokenizerTest, Cases) {
  struct Case {
    std::string text;
    std::vector<std::string> tokens;
  };
  const std::vector<Case> cases = {
      {"Russia\u2019s President", {"Russia", "'s", "President"}},
      {"the U.S. said", {"the", "U.S.", "said"}},
      {"Kim Jong-un met", {"Kim", "Jong-un", "met"}},
      {"over 11,000 containers.", {"over", "11,000", "containers", "."}},
      {"O'Brien's view", {"O'Brien", "'s", "view"}},
      {"\u201cWe value it,\u201d he said", {"\u201c", "We", "value", "it", ",", "\u201d", "he", "said"}},
  };
  for (const auto& c : cases) EXPECT_EQ(TokenTexts(c.text), c.tokens) << c.text;
}

TEST(SentenceSplitTest, AbbreviationsQuotesAndSkippedLines) {
  std::string text =
      "Mr. Smith went to Washington. He met Dr. Jones there.\n"
      "Read more: Another story entirely.\n"
      "\"It was fine.\" The talks ended.";
  auto skip = [](std::string_view line) { return line.rfind("Read more", 0) == 0; };
  std::vector<Sentence> sentences = SplitSentences(text, skip);
  std::vector<std::string> got;
  for (const auto& s : sentences) got.push_back(text.substr(s.begin, s.end - s.begin));
  std::vector<std::string> want = {"Mr. Smith went to Washington.", "He met Dr. Jones there.",
                                   "\"It was fine.\"", "The talks ended."};
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace kg
