// The query and export commands end to end: kg path (every option, text and
// JSON), kg neighbors, kg top, and kg export in each format with its filters,
// run as a user would on two small databases: samples/ and
// tests/data/query/dated.jsonl (dated articles, for the time window).
#include <gtest/gtest.h>

#include "kg_process.h"
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

using kg::testing::ReadFile;
using kg::testing::RunResult;

class QueryCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("kg-query-cli-test-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    samples_ = new std::string(" --db '" + (*dir_ / "samples.db").string() + "'");
    dated_ = new std::string(" --db '" + (*dir_ / "dated.db").string() + "'");
    ingested_ = Kg("ingest samples/" + *samples_).code == 0 &&
                Kg("ingest tests/data/query/dated.jsonl" + *dated_).code == 0;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete samples_;
    delete dated_;
  }
  void SetUp() override { ASSERT_TRUE(ingested_) << "ingesting the test databases failed"; }

  // Runs `kg ARGS` (shell syntax) from the source tree.
  static RunResult Kg(const std::string& args) {
    return kg::testing::RunKgShell(args, *dir_);
  }

  static Json KgJson(const std::string& args, int want_code = 0) {
    RunResult r = Kg(args);
    EXPECT_EQ(r.code, want_code) << args << "\n" << r.err;
    Json j = Json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << args << "\n" << r.out;
    return j;
  }
  static std::string Out(const std::string& name) { return (*dir_ / name).string(); }

  static fs::path* dir_;
  static std::string *samples_, *dated_;
  static bool ingested_;
};

fs::path* QueryCliTest::dir_ = nullptr;
std::string* QueryCliTest::samples_ = nullptr;
std::string* QueryCliTest::dated_ = nullptr;
bool QueryCliTest::ingested_ = false;

// Checks one path of `kg path --format json` against the schema and
// returns its relation types.
std::vector<std::string> CheckPath(const Json& path, const std::string& from, const std::string& to) {
  std::vector<std::string> relations;
  EXPECT_TRUE(path.contains("length") && path.contains("hops")) << path.dump();
  const Json& hops = path["hops"];
  EXPECT_EQ(path["length"].get<size_t>(), hops.size());
  std::string at = from;
  for (const Json& hop : hops) {
    for (const char* key : {"source", "relation", "target", "direction", "evidence_count", "evidence"})
      EXPECT_TRUE(hop.contains(key)) << key << " missing in " << hop.dump();
    const std::string direction = hop["direction"];
    EXPECT_TRUE(direction == "forward" || direction == "backward" || direction == "both") << direction;
    // Walking order and true direction agree.
    EXPECT_EQ(hop["from"], at);
    if (direction == "forward") {
      EXPECT_TRUE(hop["from"] == hop["source"] && hop["to"] == hop["target"]) << hop.dump();
    } else if (direction == "backward") {
      EXPECT_TRUE(hop["from"] == hop["target"] && hop["to"] == hop["source"]) << hop.dump();
    }
    at = hop["to"];
    EXPECT_GE(hop["evidence_count"].get<int>(), 1);
    EXPECT_EQ(hop["evidence"].size(), hop["evidence_count"].get<size_t>());
    for (const Json& ev : hop["evidence"]) {
      for (const char* key : {"article", "sentence", "start", "end"}) EXPECT_TRUE(ev.contains(key)) << key;
      EXPECT_LT(ev["start"].get<int>(), ev["end"].get<int>());
    }
    relations.push_back(hop["relation"]);
  }
  EXPECT_EQ(at, to);
  return relations;
}

// ---- kg path ----------------------------------------------------------------

TEST_F(QueryCliTest, PathJsonFollowsTheSchemaWithCanonicalNames) {
  Json j = KgJson("path 'kim jong-un' Stoltenberg --format json" + *samples_);
  EXPECT_EQ(j["from"], "Kim Jong Un");  // canonical, whatever alias was typed
  EXPECT_EQ(j["to"], "Jens Stoltenberg");
  ASSERT_EQ(j["paths"].size(), 1u);
  CheckPath(j["paths"][0], "Kim Jong Un", "Jens Stoltenberg");
}

TEST_F(QueryCliTest, KShortestPathsAreDistinctAndShortestFirst) {
  Json j = KgJson("path 'Kim Jong-un' 'Jens Stoltenberg' --k 3 --format json" + *samples_);
  ASSERT_EQ(j["paths"].size(), 3u);
  std::set<std::string> walks;
  size_t previous = 0;
  for (const Json& p : j["paths"]) {
    CheckPath(p, "Kim Jong Un", "Jens Stoltenberg");
    EXPECT_GE(p["length"].get<size_t>(), previous);
    previous = p["length"];
    std::string walk;
    for (const Json& hop : p["hops"]) walk += hop["to"].get<std::string>() + ">";
    EXPECT_TRUE(walks.insert(walk).second) << walk;
  }
  RunResult text = Kg("path 'Kim Jong-un' 'Jens Stoltenberg' --k 2" + *samples_);
  EXPECT_NE(text.out.find(": 2 paths"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("path 2: "), std::string::npos) << text.out;
  // Asking for more than there are lists every simple path within --max-hops.
  Json every = KgJson("path 'Kim Jong-un' 'Jens Stoltenberg' --k 50 --max-hops 10 --format json" + *samples_);
  EXPECT_GE(every["paths"].size(), 3u);
  EXPECT_LT(every["paths"].size(), 50u);
}

TEST_F(QueryCliTest, AllShortestHaveTheLeastLength) {
  Json shortest = KgJson("path Putin Stoltenberg --format json" + *samples_);
  Json all = KgJson("path Putin Stoltenberg --all-shortest --format json" + *samples_);
  ASSERT_GE(all["paths"].size(), 1u);
  for (const Json& p : all["paths"]) {
    CheckPath(p, "Vladimir Putin", "Jens Stoltenberg");
    EXPECT_EQ(p["length"], shortest["paths"][0]["length"]);
  }
  EXPECT_EQ(Kg("path Putin Stoltenberg --all-shortest --k 2" + *samples_).code, 2);  // one or the other
}

TEST_F(QueryCliTest, NoPathIsSaidPlainlyWithExitCodeOne) {
  RunResult r = Kg("path 'Kim Jong-un' 'Jens Stoltenberg' --relations role" + *samples_);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("no connection between Kim Jong Un and Jens Stoltenberg within 6 hops (relations role)"),
            std::string::npos)
      << r.out;
  Json j = KgJson("path 'Kim Jong-un' 'Jens Stoltenberg' --max-hops 1 --format json" + *samples_, 1);
  EXPECT_TRUE(j["paths"].empty());
}

TEST_F(QueryCliTest, BadNamesAndOptionsExitTwo) {
  RunResult ambiguous = Kg("path Scholz Putin" + *dated_);
  EXPECT_EQ(ambiguous.code, 2);
  EXPECT_NE(ambiguous.err.find("\"Scholz\" is ambiguous"), std::string::npos) << ambiguous.err;
  EXPECT_NE(ambiguous.err.find("Martin Scholz (Person"), std::string::npos) << ambiguous.err;
  EXPECT_NE(ambiguous.err.find("Olaf Scholz (Person, person:olaf scholz)"), std::string::npos) << ambiguous.err;
  EXPECT_EQ(Kg("path 'person:olaf scholz' Putin" + *dated_).code, 0);  // a key is never ambiguous

  RunResult relation = Kg("path Putin Stoltenberg --relations visit" + *samples_);
  EXPECT_EQ(relation.code, 2);
  EXPECT_NE(relation.err.find("no relation of type \"visit\""), std::string::npos) << relation.err;
  EXPECT_NE(relation.err.find("visits"), std::string::npos) << relation.err;  // lists what there is
  EXPECT_EQ(Kg("path Putin Stoltenberg --exclude-modality maybe" + *samples_).code, 2);
  RunResult date = Kg("path Putin Stoltenberg --since 18/06/2024" + *samples_);
  EXPECT_EQ(date.code, 2);
  EXPECT_NE(date.err.find("--since"), std::string::npos) << date.err;
}

TEST_F(QueryCliTest, DirectedFollowsArrowsAndSaysSo) {
  // Stoltenberg criticizes Russia, Russia supplies Kim: one way only.
  Json j = KgJson("path 'Jens Stoltenberg' 'Kim Jong-un' --directed --format json" + *samples_);
  ASSERT_EQ(j["paths"].size(), 1u);
  for (const Json& hop : j["paths"][0]["hops"]) EXPECT_NE(hop["direction"], "backward") << hop.dump();
  RunResult back = Kg("path 'Kim Jong-un' 'Jens Stoltenberg' --directed" + *samples_);
  EXPECT_EQ(back.code, 1);
  EXPECT_NE(back.out.find("following relations' direction"), std::string::npos) << back.out;
  // Undirected, the same pair prints the true direction of each hop.
  RunResult text = Kg("path 'Kim Jong-un' 'Jens Stoltenberg'" + *samples_);
  EXPECT_NE(text.out.find(" <--"), std::string::npos) << text.out;
}

TEST_F(QueryCliTest, WeightedPathIsNeverHeavier) {
  for (const char* pair : {"'Kim Jong-un' 'Jens Stoltenberg'", "Lavrov Zelensky", "Kishida Putin"}) {
    Json hops = KgJson(std::string("path ") + pair + " --format json" + *samples_);
    Json weighted = KgJson(std::string("path ") + pair + " --weighted --format json" + *samples_);
    ASSERT_EQ(weighted["paths"].size(), 1u) << pair;
    EXPECT_LE(weighted["paths"][0]["weight"].get<double>(), hops["paths"][0]["weight"].get<double>()) << pair;
    EXPECT_GE(weighted["paths"][0]["length"].get<int>(), hops["paths"][0]["length"].get<int>()) << pair;
  }
}

TEST_F(QueryCliTest, RelationAndEvidenceFilters) {
  Json meets = KgJson("path Putin 'Olaf Scholz' --relations meets --format json" + *dated_);
  ASSERT_EQ(meets["paths"].size(), 1u);
  for (const std::string& r : CheckPath(meets["paths"][0], "Vladimir Putin", "Olaf Scholz")) EXPECT_EQ(r, "meets");

  Json strong = KgJson("path Putin Stoltenberg --min-evidence 2 --format json" + *samples_);
  ASSERT_EQ(strong["paths"].size(), 1u);
  for (const Json& hop : strong["paths"][0]["hops"]) EXPECT_GE(hop["evidence_count"].get<int>(), 2);

  EXPECT_EQ(Kg("path 'Olaf Scholz' Ukraine" + *dated_).code, 0);  // Germany may supply Ukraine
  RunResult asserted = Kg("path 'Olaf Scholz' Ukraine --exclude-modality hypothetical,denied" + *dated_);
  EXPECT_EQ(asserted.code, 1) << asserted.out;
}

TEST_F(QueryCliTest, TimeWindowOnEvidence) {
  // Putin meets Xi (2023-03), Xi meets Macron (2024-06), Macron meets Scholz (2024-08).
  EXPECT_EQ(KgJson("path Putin 'Olaf Scholz' --format json" + *dated_)["paths"][0]["length"], 3);
  EXPECT_EQ(Kg("path Putin 'Olaf Scholz' --since 2024" + *dated_).code, 1);
  EXPECT_EQ(Kg("path Putin 'Olaf Scholz' --until 2024-06" + *dated_).code, 1);
  EXPECT_EQ(Kg("path Putin Macron --until 2024-06" + *dated_).code, 0);
  EXPECT_EQ(Kg("path 'Xi Jinping' 'Olaf Scholz' --since 2024-06-01 --until 2024-12-31" + *dated_).code, 0);
  Json j = KgJson("path 'Xi Jinping' 'Olaf Scholz' --since 2024 --format json" + *dated_);
  for (const Json& hop : j["paths"][0]["hops"])
    for (const Json& ev : hop["evidence"]) EXPECT_GE(ev["time"].get<std::string>(), "2024");
}

// ---- kg neighbors, kg top ---------------------------------------------------------

TEST_F(QueryCliTest, NeighborsByDepthAndRelation) {
  Json one = KgJson("neighbors Putin --format json" + *samples_);
  EXPECT_EQ(one["center"], "Vladimir Putin");
  std::set<std::string> names;
  for (const Json& n : one["neighbors"]) {
    EXPECT_EQ(n["distance"], 1);
    EXPECT_EQ(n["via"], "Vladimir Putin");
    EXPECT_FALSE(n["relations"].empty());
    names.insert(n["name"]);
  }
  EXPECT_TRUE(names.count("Kim Jong Un") && names.count("North Korea")) << one.dump();

  Json two = KgJson("neighbors Putin --depth 2 --format json" + *samples_);
  EXPECT_GT(two["neighbors"].size(), one["neighbors"].size());
  int last = 1;
  for (const Json& n : two["neighbors"]) {
    EXPECT_GE(n["distance"].get<int>(), last);  // nearest first
    last = n["distance"];
  }
  EXPECT_EQ(last, 2);

  Json visits = KgJson("neighbors Putin --depth 3 --relations visits --format json" + *samples_);
  for (const Json& n : visits["neighbors"])
    for (const Json& r : n["relations"]) EXPECT_EQ(r["relation"], "visits");

  RunResult text = Kg("neighbors Putin" + *samples_);
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("Vladimir Putin (Person): "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Vladimir Putin --visits--> North Korea"), std::string::npos) << text.out;
}

TEST_F(QueryCliTest, TopActorsByEachMeasure) {
  for (const char* by : {"degree", "pagerank", "betweenness"}) {
    Json j = KgJson(std::string("top --by ") + by + " --limit 5 --format json" + *samples_);
    ASSERT_EQ(j["actors"].size(), 5u) << by;
    EXPECT_EQ(j["actors"][0]["name"], "Russia") << by;  // the hub of the samples
    for (size_t i = 1; i < j["actors"].size(); ++i)
      EXPECT_GE(j["actors"][i - 1]["score"].get<double>(), j["actors"][i]["score"].get<double>());
  }
  Json people = KgJson("top --type Person --limit 3 --format json" + *samples_);
  ASSERT_EQ(people["actors"].size(), 3u);
  for (const Json& a : people["actors"]) EXPECT_EQ(a["type"], "Person");
  EXPECT_EQ(people["actors"][0]["name"], "Vladimir Putin");
  RunResult text = Kg("top --by pagerank --limit 3" + *samples_);
  EXPECT_NE(text.out.find("top 3 actors by pagerank"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("   1. "), std::string::npos) << text.out;
}

// ---- kg export ----------------------------------------------------------------------

TEST_F(QueryCliTest, ExportEveryFormat) {
  ASSERT_EQ(Kg("export --format pdf -o '" + Out("g.pdf") + "'" + *samples_).code, 0);
  EXPECT_EQ(ReadFile(Out("g.pdf")).substr(0, 5), "%PDF-");
  ASSERT_EQ(Kg("export --format png -o '" + Out("g.png") + "'" + *samples_).code, 0);
  EXPECT_EQ(ReadFile(Out("g.png")).substr(1, 3), "PNG");

  ASSERT_EQ(Kg("export --format graphml -o '" + Out("g.graphml") + "'" + *samples_).code, 0);
  std::string graphml = ReadFile(Out("g.graphml"));
  EXPECT_NE(graphml.find("<graphml"), std::string::npos);
  EXPECT_NE(graphml.find("attr.name=\"evidence_count\" attr.type=\"int\""), std::string::npos);

  RunResult csv = Kg("export --format csv -o '" + Out("neo4j") + "'" + *samples_);
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_NE(csv.err.find("neo4j-admin database import full --nodes="), std::string::npos) << csv.err;
  EXPECT_TRUE(fs::exists(Out("neo4j") + "/relationships.csv"));
  EXPECT_NE(ReadFile(Out("neo4j") + "/articles.csv").find("\"samples/putin-visits-north-korea\""),
            std::string::npos);
  EXPECT_EQ(Kg("export --format csv" + *samples_).code, 2);  // needs -o DIR

  ASSERT_EQ(Kg("export --format jsonld -o '" + Out("g.jsonld") + "'" + *samples_).code, 0);
  Json doc = Json::parse(ReadFile(Out("g.jsonld")));
  size_t articles = 0;
  for (const Json& node : doc["@graph"]) articles += node["@type"] == "NewsArticle";
  EXPECT_EQ(articles, 4u);
}

TEST_F(QueryCliTest, DiagramsLeaveOutActorsWithoutRelations) {
  // The actors that take part in no relation, from the JSON-LD export.
  Json doc = Json::parse(Kg("export --format jsonld" + *samples_).out);
  std::set<std::string> related;
  std::map<std::string, std::string> name_of;
  for (const Json& node : doc["@graph"]) {
    if (node["@type"] == "kg:Relation") {
      related.insert(node["kg:source"]);
      related.insert(node["kg:target"]);
    } else if (node.contains("name")) {
      name_of[node["@id"]] = node["name"];
    }
  }
  std::vector<std::string> alone;
  for (const auto& [iri, name] : name_of)
    if (!related.count(iri)) alone.push_back(name);
  if (alone.empty()) GTEST_SKIP() << "every actor of the samples has a relation";
  // agwrite quotes a label only when it must.
  auto labelled = [](const std::string& dot, const std::string& name) {
    return dot.find("label=\"" + name + "\"") != std::string::npos ||
           dot.find("label=" + name + ",") != std::string::npos ||
           dot.find("label=" + name + "]") != std::string::npos;
  };
  std::string dot = Kg("export --format dot" + *samples_).out;
  std::string all = Kg("export --format dot --isolated" + *samples_).out;
  for (const std::string& name : alone) {
    EXPECT_FALSE(labelled(dot, name)) << name;
    EXPECT_TRUE(labelled(all, name)) << name;
  }
}

TEST_F(QueryCliTest, ExportFiltersAndLayout) {
  std::string visits = Kg("export --format dot --relations visits" + *samples_).out;
  EXPECT_NE(visits.find("label=visits"), std::string::npos) << visits;
  EXPECT_EQ(visits.find("supplies"), std::string::npos);
  EXPECT_EQ(visits.find("Jens Stoltenberg"), std::string::npos);  // no visit of his

  std::string strong = Kg("export --format dot --min-evidence 2" + *samples_).out;
  EXPECT_EQ(strong.find("label=visits,"), std::string::npos);  // single visits are gone...
  EXPECT_NE(strong.find("visits \u00d72"), std::string::npos);  // ...the double one stays

  std::string recent = Kg("export --format graphml --since 2024-06" + *dated_).out;
  EXPECT_EQ(recent.find("2023-"), std::string::npos);
  EXPECT_NE(recent.find("Olaf Scholz"), std::string::npos);

  std::string around = Kg("export --format dot --around Putin --depth 1 --relations meets,visits" + *samples_).out;
  EXPECT_NE(around.find("Kim Jong Un"), std::string::npos);
  EXPECT_EQ(around.find("Russia\""), std::string::npos) << around;  // only through role: not kept

  EXPECT_NE(Kg("export --format dot --layout circo" + *samples_).out.find("layout=circo"), std::string::npos);
  EXPECT_EQ(Kg("export --format dot --layout spring" + *samples_).code, 2);
}

TEST_F(QueryCliTest, TooLargeToDrawGetsAHintNotAHang) {
  RunResult r = Kg("export --format svg --max-nodes 10 -o '" + Out("big.svg") + "'" + *samples_);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("too many to draw legibly; the limit is 10"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--around NAME"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Out("big.svg")));
  EXPECT_EQ(Kg("export --format svg --max-nodes 10 --around 'Fumio Kishida' -o '" + Out("part.svg") + "'" + *samples_)
                .code,
            0);
}

}  // namespace
