// Tests of the extraction interchange form (ingest/extraction_json.cc): what
// `kg extract --format full` writes reads back to an equal Extraction, the
// evaluation format reads back too, and bad lines say which field is wrong.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>
#include <tuple>

#include "ingest/ingest.h"

namespace kg {
namespace {

auto Fields(const Entity& e) { return std::tie(e.key, e.name, e.type, e.country, e.aliases, e.roles); }
auto Fields(const Evidence& e) {
  return std::tie(e.article_id, e.sentence, e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end,
                  e.modality, e.negated, e.attributed_to, e.time, e.confidence);
}
auto Fields(const Article& a) { return std::tie(a.id, a.title, a.date, a.url, a.source, a.origin, a.text); }

void ExpectEqual(const Extraction& a, const Extraction& b) {
  EXPECT_TRUE(Fields(a.article) == Fields(b.article)) << a.article.id;
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) {
    EXPECT_TRUE(Fields(a.entities[i]) == Fields(b.entities[i])) << a.entities[i].key;
  }
  ASSERT_EQ(a.relations.size(), b.relations.size());
  for (size_t i = 0; i < a.relations.size(); ++i) {
    const Relation &x = a.relations[i], &y = b.relations[i];
    EXPECT_TRUE(std::tie(x.source, x.type, x.target, x.role) == std::tie(y.source, y.type, y.target, y.role));
    EXPECT_TRUE(Fields(x.evidence) == Fields(y.evidence)) << x.source << " " << x.type << " " << x.target;
  }
}

TEST(ExtractionJsonTest, FullFormReadsBackEqual) {
  auto extractor = Extractor::Create({});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  size_t articles = 0, relations = 0;
  Status s = ReadArticles(
      std::string(KG_SOURCE_DIR) + "/samples", {},
      [&](Article a) {
        a.url = "https://example.org/" + a.id;
        a.source = "Example";
        Extraction x = (*extractor)->Extract(a);
        ++articles;
        relations += x.relations.size();
        auto back = ExtractionFromJson(ExtractionToFullJson(x));
        ASSERT_TRUE(back.ok()) << back.status().message();
        ExpectEqual(x, *back);
      },
      [](const Status& e) { ADD_FAILURE() << e.message(); });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_GT(articles, 0u);
  EXPECT_GT(relations, 0u);
}

TEST(ExtractionJsonTest, EvaluationFormatReadsBackWithoutTheArticle) {
  auto extractor = Extractor::Create({});
  ASSERT_TRUE(extractor.ok());
  Article a;
  a.id = "test/visit";
  a.title = "Visit";
  a.date = "2024-06-19";
  a.text = "Vladimir Putin visited North Korea on Wednesday.";
  Extraction x = (*extractor)->Extract(a);
  ASSERT_FALSE(x.relations.empty());
  auto back = ExtractionFromJson(ExtractionToJson(x));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->article.id, "test/visit");
  EXPECT_EQ(back->article.date, "2024-06-19");
  EXPECT_EQ(back->article.text, "");  // not in the evaluation format
  ASSERT_EQ(back->relations.size(), x.relations.size());
  EXPECT_EQ(back->relations[0].evidence.article_id, "test/visit");
  EXPECT_EQ(back->relations[0].evidence.sentence, x.relations[0].evidence.sentence);
}

TEST(ExtractionJsonTest, BadLinesNameTheProblem) {
  const struct {
    const char* line;
    const char* message;
  } cases[] = {
      {"{not json", "malformed JSON"},
      {"[1, 2]", "expected a JSON object"},
      {R"({"entities": [], "relations": []})", "missing field \"article\""},
      {R"({"article": "a"})", "missing array \"entities\""},
      {R"({"article": "a", "entities": [{"id": "x", "name": "X", "type": "Planet"}], "relations": []})",
       "unknown type \"Planet\""},
      {R"({"article": "a", "entities": [], "relations": [{"source": "x", "type": "meets", "target": 3}]})",
       "field \"target\": expected a string"},
      {R"({"article": "a", "entities": [], "relations": [{"source": "x", "type": "meets", "target": "y"}]})",
       "missing object \"evidence\""},
      {R"({"article": "a", "entities": [], "relations": [{"source": "x", "type": "meets", "target": "y",
          "modality": "rumoured", "evidence": {}}]})",
       "unknown modality \"rumoured\""},
      {R"({"article": "a", "entities": [], "relations": [{"source": "x", "type": "meets", "target": "y",
          "evidence": {"start": -1}}]})",
       "field \"start\": expected an offset"},
  };
  for (const auto& c : cases) {
    auto x = ExtractionFromJson(c.line);
    ASSERT_FALSE(x.ok()) << c.line;
    EXPECT_NE(x.status().message().find(c.message), std::string::npos)
        << c.line << "\n  got: " << x.status().message();
  }
}

// Lines kg never writes but JSON allows (another field order, whitespace,
// \u escapes, exponents, unknown fields, duplicates) read as nlohmann_json
// reads them: ExtractionFromJson reads kg's own lines by hand and hands
// anything else to nlohmann, and the two must not disagree.
TEST(ExtractionJsonTest, UnusualLinesReadAsTheCanonicalOne) {
  const std::string canonical =
      R"({"article":"a/1","title":"T","date":"2024-01-02","text":"Caf\u00e9 \"x\"\n","entities":[{"id":"org:un",)"
      R"("name":"UN","type":"Organization","aliases":["United Nations"]}],"relations":[{"source":"org:un",)"
      R"("type":"warns","target":"org:un","modality":"claimed","negated":true,"time":"2024","confidence":0.25,)"
      R"("evidence":{"sentence":"Caf\u00e9","start":0,"end":4,"trigger_start":1,"trigger_end":2}}]})";
  auto expected = ExtractionFromJson(canonical);
  ASSERT_TRUE(expected.ok()) << expected.status().message();
  EXPECT_EQ(expected->article.text, "Caf\xc3\xa9 \"x\"\n");
  const std::string same[] = {
      // kg's own form of it (UTF-8 as is, escapes it writes)
      ExtractionToFullJson(*expected),
      // whitespace and another order
      R"( { "relations" : [ { "evidence" : { "trigger_end" : 2 , "trigger_start" : 1 , "end" : 4 , "start" : 0 ,)"
      R"( "sentence" : "Café" } , "confidence" : 2.5e-1 , "time" : "2024" , "negated" : true , "modality" :)"
      R"( "claimed" , "target" : "org:un" , "type" : "warns" , "source" : "org:un" } ] , "entities" : [ {)"
      R"( "aliases" : [ "United Nations" ] , "type" : "Organization" , "name" : "UN" , "id" : "org:un" } ] ,)"
      R"( "text" : "Café \"x\"\n" , "date" : "2024-01-02" , "title" : "T" , "article" : "a/1" } )"
      "\r",
      // an unknown field, and a repeated one (the last holds)
      R"({"article":"a/1","extra":{"x":[1,null]},"title":"wrong","title":"T","date":"2024-01-02",)"
      R"("text":"Café \"x\"\n","entities":[{"id":"org:un","name":"UN","type":"Organization",)"
      R"("aliases":["United Nations"]}],"relations":[{"source":"org:un","type":"warns","target":"org:un",)"
      R"("modality":"claimed","negated":true,"time":"2024","confidence":0.25,"evidence":{"sentence":"Café",)"
      R"("start":0,"end":4,"trigger_start":1,"trigger_end":2}}]})",
  };
  for (const std::string& line : same) {
    auto x = ExtractionFromJson(line);
    ASSERT_TRUE(x.ok()) << line << ": " << x.status().message();
    ExpectEqual(*x, *expected);
  }
  // Numbers at the edges of what each reader takes.
  auto number = [](const std::string& confidence, const std::string& start) {
    return R"({"article":"a","entities":[],"relations":[{"source":"x","type":"meets","target":"y","confidence":)" +
           confidence + R"(,"evidence":{"start":)" + start + "}}]}";
  };
  for (const auto& [confidence, value] : std::vector<std::pair<std::string, double>>{
           {"1", 1.0}, {"-0", 0.0}, {"0.1", 0.1}, {"1E2", 100.0}, {"18446744073709551616", 18446744073709551616.0}}) {
    auto x = ExtractionFromJson(number(confidence, "4294967295"));
    ASSERT_TRUE(x.ok()) << confidence << ": " << x.status().message();
    EXPECT_EQ(x->relations.front().evidence.confidence, value) << confidence;
    EXPECT_FALSE(std::signbit(x->relations.front().evidence.confidence)) << confidence;
    EXPECT_EQ(x->relations.front().evidence.sentence_start, 4294967295u);
  }
  for (const char* start : {"4294967296", "01", "1.0", "1e3", "-1"}) {
    EXPECT_FALSE(ExtractionFromJson(number("0.5", start)).ok()) << start;
  }
  EXPECT_FALSE(ExtractionFromJson("{\"article\":\"a\",\"title\":\"\xff\",\"entities\":[],\"relations\":[]}").ok())
      << "invalid UTF-8";
}

}  // namespace
}  // namespace kg
