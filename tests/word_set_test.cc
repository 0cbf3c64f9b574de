// Tests of ingest/word_set.h: the (first byte, length) filter never turns
// down a word of the set, and WordSet answers exactly as the hash set it
// stands in for.

#include "ingest/word_set.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_set>
#include <vector>

namespace kg {
namespace {

TEST(WordSetTest, AnswersAsAHashSet) {
  const std::string long_word(70, 'x');
  const std::vector<std::string_view> members = {"in", "to", "of", "mr", "Mr", "caf\xC3\xA9", "a", long_word};
  const WordSet set = {"in", "to", "of", "mr", "Mr", "caf\xC3\xA9", "a", long_word};
  const std::unordered_set<std::string_view> reference(members.begin(), members.end());
  const std::string longer_word(80, 'x');
  const std::vector<std::string_view> probes = {
      "in", "to", "of", "mr", "Mr", "MR", "caf\xC3\xA9", "cafe", "a", "b", "", "inn", "i", "t", "o", long_word,
      longer_word, std::string_view(long_word).substr(0, 63), "\xC3\xA9", "into"};
  for (std::string_view w : probes) EXPECT_EQ(set.count(w), reference.count(w)) << w;
}

TEST(WordSetTest, ShapesNeverTurnDownAMember) {
  WordShapes shapes;
  const std::string long_word(100, 'q');
  for (std::string_view w : std::vector<std::string_view>{"said", "says", "according", "\xE2\x80\x99s", "x", long_word}) {
    shapes.Add(w);
    EXPECT_TRUE(shapes.MayContain(w)) << w;
  }
  EXPECT_TRUE(shapes.MayContain(""));  // cannot tell: the set's lookup decides
  EXPECT_FALSE(shapes.MayContain("sai"));
  EXPECT_FALSE(shapes.MayContain("told"));
  EXPECT_FALSE(shapes.MayContain("sent"));  // starts as "said", but no word of four letters ends in t
  EXPECT_TRUE(shapes.MayContain("sand"));   // starts and ends as "said": only a filter
  EXPECT_TRUE(shapes.MayContain(std::string(200, 'q')));  // 63 or more letters share a bit
}

TEST(WordSetTest, OwnedWordSetGrowsAndAnswersAsAHashSet) {
  OwnedWordSet set;
  EXPECT_EQ(set.count("not"), 0u);
  for (std::string w : {"not", "never", "no", "refuse", "not"}) set.insert(w);
  EXPECT_EQ(set.size(), 4u);
  for (std::string_view w : {"not", "never", "no", "refuse"}) EXPECT_EQ(set.count(w), 1u) << w;
  for (std::string_view w : {"", "nor", "now", "n", "Not", "refused", "neverr"}) EXPECT_EQ(set.count(w), 0u) << w;
}

TEST(WordSetTest, WordMapFindsByAnyTextAndIteratesItsWords) {
  WordMap<int> map;
  EXPECT_EQ(map.count("party"), 0u);
  map["party"] = 1;
  map["government"] = 2;
  map["party"] = 3;  // replaces, as std::unordered_map's operator[]
  EXPECT_EQ(map.size(), 2u);
  const std::string text = "the party said";
  auto it = map.find(std::string_view(text).substr(4, 5));
  ASSERT_NE(it, map.end());
  EXPECT_EQ(it->second, 3);
  for (std::string_view w : {"", "part", "parts", "Party", "governments"}) EXPECT_EQ(map.find(w), map.end()) << w;
  int sum = 0;
  for (const auto& [word, value] : map) sum += value;
  EXPECT_EQ(sum, 5);
}

}  // namespace
}  // namespace kg
