// storage/codec: the hand-written value encodings against nlohmann_json, the
// reference they must match byte for byte (writing) and value for value
// (reading), on generated records full of awkward text and numbers.
#include "storage/codec.h"
#include "core/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace kg {
namespace {

using Json = nlohmann::json;

// Text that has tripped JSON writers: escapes, controls, DEL, multi-byte
// UTF-8, and invalid UTF-8 of every kind (stray continuation, truncated,
// overlong, surrogate, above U+10FFFF, a bad byte at the very end).
const std::vector<std::string> kTexts = {
    "",
    "Vladimir Putin",
    "person:kim jong un",
    "quote \" and backslash \\ and slash /",
    "tab\there\nnewline\r\n and \b\f",
    std::string("nul \0 inside", 12),
    "\x01\x02\x1f controls and \x7f DEL",
    "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 \xe2\x80\x99s",
    "bad \xff byte",
    "stray \x80 continuation",
    "truncated \xe2\x80",
    "truncated at end \xe2",
    "overlong \xc0\xaf and \xe0\x80\xaf",
    "surrogate \xed\xa0\x80 half",
    "too big \xf4\x90\x80\x80",
    "\xc3\xa9\xff\xc3\xa9",
    "x\x1f\x1fy",
};

const std::vector<double> kDoubles = {
    0.0, -0.0, 0.5, 1.0, 0.75, 0.1 + 0.2, 1e-7, 123456789.0, 1e21, 1e300, 5e-324,
    0.9999, 0.275, 1.0 / 3.0, -2.5,
};

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  std::string Text() {
    std::string t = kTexts[rng_() % kTexts.size()];
    if (rng_() % 3 == 0) t += kTexts[rng_() % kTexts.size()];
    return t;
  }
  std::vector<std::string> Texts() {
    std::vector<std::string> v(rng_() % 4);
    for (auto& t : v) t = Text();
    return v;
  }
  double Double() {
    if (rng_() % 2 == 0) return kDoubles[rng_() % kDoubles.size()];
    uint64_t bits = (static_cast<uint64_t>(rng_()) << 32) | rng_();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) d = std::uniform_real_distribution<double>(0, 1)(rng_);
    return d;
  }
  uint32_t Uint() { return rng_() % 2 ? rng_() % 1000 : rng_(); }

  Entity MakeEntity() {
    Entity e{Text(), Text(), static_cast<EntityType>(rng_() % 6), Text(), Texts(), Texts()};
    return e;
  }
  Mention MakeMention() { return {Text(), Text(), Texts(), Texts(), Text()}; }
  EdgeRecord MakeEdge() {
    EdgeRecord e{Text(), Text(), Text(), Text(), Uint(), Text(), Text(), Double()};
    return e;
  }
  Evidence MakeEvidence() {
    Evidence e;
    e.article_id = Text();
    e.sentence = Text();
    e.sentence_start = Uint();
    e.sentence_end = Uint();
    e.trigger_start = Uint();
    e.trigger_end = Uint();
    e.modality = static_cast<Modality>(rng_() % 7);
    e.negated = rng_() % 2;
    e.attributed_to = Text();
    e.time = Text();
    e.confidence = Double();
    return e;
  }
  ArticleRecord MakeArticle() {
    ArticleRecord a{Text(), Text(), Text(), Text(), Text(), Text(), Text(), Texts(), Texts(), {}};
    for (uint32_t i = rng_() % 3; i > 0; --i) a.kept_apart.push_back({Text(), Text(), Texts()});
    return a;
  }
  std::mt19937& rng() { return rng_; }

 private:
  std::mt19937 rng_;
};

// Decodes with both readers; both must throw, or give the same record (the
// same bytes once encoded by the reference).
template <typename T>
void ExpectSameDecoding(const std::string& value) {
  T fast, slow;
  bool fast_threw = false, slow_threw = false;
  try {
    codec::Decode(value, &fast);
  } catch (const std::exception&) {
    fast_threw = true;
  }
  try {
    codec::DecodeSlow(value, &slow);
  } catch (const std::exception&) {
    slow_threw = true;
  }
  ASSERT_EQ(fast_threw, slow_threw) << value;
  if (!fast_threw) {
    EXPECT_EQ(codec::EncodeSlow(fast), codec::EncodeSlow(slow)) << value;
  }
}

// Variants of a stored value a reader may meet: spaced out, members in
// another order, an unknown member, one missing, one of the wrong type, a
// \u escape, trailing bytes, cut short.
std::vector<std::string> Variants(const std::string& value, std::mt19937& rng) {
  std::vector<std::string> out = {value, value + " ", value + "x", value.substr(0, value.size() / 2)};
  Json j = Json::parse(value, nullptr, false);
  if (!j.is_object()) return out;
  out.push_back(j.dump(2, ' ', false, Json::error_handler_t::replace));
  out.push_back(j.dump(-1, ' ', true, Json::error_handler_t::replace));  // \u escapes
  nlohmann::ordered_json reversed;
  for (auto it = j.rbegin(); it != j.rend(); ++it) reversed[it.key()] = *it;
  out.push_back(reversed.dump(-1, ' ', false, Json::error_handler_t::replace));
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  const std::string key = keys[rng() % keys.size()];
  Json extra = j;
  extra["zz_new_field"] = {{"nested", {1, 2}}};
  out.push_back(extra.dump());
  Json missing = j;
  missing.erase(key);
  out.push_back(missing.dump(-1, ' ', false, Json::error_handler_t::replace));
  for (const Json& wrong : {Json(nullptr), Json(7), Json(-1), Json(2.5), Json("x"), Json::array(), Json(true)}) {
    Json changed = j;
    changed[key] = wrong;
    out.push_back(changed.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  return out;
}

template <typename T, typename Make>
void CheckKind(Make make) {
  Generator gen(12345);
  for (int i = 0; i < 400; ++i) {
    T record = make(gen);
    const std::string slow = codec::EncodeSlow(record);
    ASSERT_EQ(codec::Encode(record), slow);
    for (const std::string& variant : Variants(slow, gen.rng())) {
      ExpectSameDecoding<T>(variant);
    }
  }
}

TEST(CodecTest, EntityLikeNlohmann) {
  CheckKind<Entity>([](Generator& g) { return g.MakeEntity(); });
}
TEST(CodecTest, MentionLikeNlohmann) {
  CheckKind<Mention>([](Generator& g) { return g.MakeMention(); });
}
TEST(CodecTest, EdgeRecordLikeNlohmann) {
  CheckKind<EdgeRecord>([](Generator& g) { return g.MakeEdge(); });
}
TEST(CodecTest, EvidenceLikeNlohmann) {
  CheckKind<Evidence>([](Generator& g) { return g.MakeEvidence(); });
}
TEST(CodecTest, ArticleRecordLikeNlohmann) {
  CheckKind<ArticleRecord>([](Generator& g) { return g.MakeArticle(); });
}

TEST(CodecTest, DoublesAndStringsPrintAsNlohmannDoes) {
  for (double d : kDoubles) {
    std::string out;
    codec::AppendJsonDouble(d, &out);
    EXPECT_EQ(out, Json(d).dump()) << d;
  }
  std::string nan;
  codec::AppendJsonDouble(std::numeric_limits<double>::quiet_NaN(), &nan);
  EXPECT_EQ(nan, "null");
  for (const std::string& text : kTexts) {
    std::string out;
    AppendJsonString(&out, text);
    EXPECT_EQ(out, Json(text).dump(-1, ' ', false, Json::error_handler_t::replace)) << text;
  }
}

TEST(CodecTest, NumbersAJsonReaderRefusesAreRefused) {
  for (const char* bad : {R"({"source":"a","evidence_count":01})", R"({"confidence":.5})",
                          R"({"confidence":1.})", R"({"confidence":+1})", R"({"confidence":1e})",
                          R"({"evidence_count":4294967296})", R"({"confidence":-0})"}) {
    ExpectSameDecoding<EdgeRecord>(bad);
  }
}

}  // namespace
}  // namespace kg
