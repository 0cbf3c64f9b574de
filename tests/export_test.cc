// export/: DOT, SVG, PNG and JSON-LD output of a small hand-built graph.
//
// DOT and JSON-LD are compared with golden files under tests/data/export/.
// After an intended change, regenerate them and review the diff:
//   KG_UPDATE_GOLDEN=1 ./build/tests/export_test
// The JSON-LD expansion check needs jsonld.js: npm ci --prefix tests/jsonld
#include "export/export.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace kg {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = KG_SOURCE_DIR;
const fs::path kGoldenDir = kSourceDir / "tests/data/export";

Entity MakeEntity(std::string key, std::string name, EntityType type,
                  std::string country, std::vector<std::string> aliases = {},
                  std::vector<std::string> roles = {}) {
  return Entity{std::move(key),     std::move(name),    type,
                std::move(country), std::move(aliases), std::move(roles)};
}

Evidence MakeEvidence(std::string article, std::string sentence, uint32_t start,
                      Modality modality, std::string time, double confidence) {
  Evidence e;
  e.article_id = std::move(article);
  e.sentence = std::move(sentence);
  e.sentence_start = start;
  e.sentence_end = start + static_cast<uint32_t>(e.sentence.size());
  e.trigger_start = start + 15;
  e.trigger_end = start + 21;
  e.modality = modality;
  e.time = std::move(time);
  e.confidence = confidence;
  return e;
}

// What GraphSnapshot::Reindex does, done here by hand so that these tests do
// not depend on graph/.
void IndexByHand(GraphSnapshot& graph) {
  graph.index_of_key.clear();
  for (uint32_t i = 0; i < graph.entities.size(); ++i)
    graph.index_of_key[graph.entities[i].key] = i;
  graph.edge_source.clear();
  graph.edge_target.clear();
  for (const GraphEdge& edge : graph.edges) {
    graph.edge_source.push_back(graph.index_of_key.at(edge.record.source));
    graph.edge_target.push_back(graph.index_of_key.at(edge.record.target));
  }
}

// Four entities of four types; a role edge, an edge with two pieces of
// evidence, and one that is only claimed (attributed to NATO). Deliberately
// not in key order: the export sorts.
GraphSnapshot SmallGraph() {
  GraphSnapshot graph;
  graph.entities = {
      MakeEntity("person:vladimir putin", "Vladimir Putin", EntityType::kPerson,
                 "RUS", {"Putin", "V. Putin"}, {"President of Russia"}),
      MakeEntity("country:RUS", "Russia", EntityType::kCountry, "RUS",
                 {"Russian Federation"}),
      MakeEntity("org:nato", "NATO", EntityType::kOrganization, "",
                 {"North Atlantic Treaty Organization"}),
      MakeEntity("country:PRK", "North Korea", EntityType::kCountry, "PRK",
                 {"DPRK"}),
  };

  GraphEdge visits;
  visits.record = {"person:vladimir putin",
                   "visits",
                   "country:PRK",
                   "",
                   2,
                   "2024-06-18",
                   "2024-06-19",
                   0.9375};
  visits.evidence = {
      MakeEvidence(
          "a1",
          "Vladimir Putin visits North Korea for the first time in 24 years.",
          0, Modality::kAsserted, "2024-06-18", 0.75),
      MakeEvidence(
          "a2",
          "Putin arrived in Pyongyang on Wednesday, state media reported.", 120,
          Modality::kReported, "2024-06-19", 0.75),
  };

  GraphEdge role;
  role.record = {"person:vladimir putin",
                 "role",
                 "country:RUS",
                 "President of Russia",
                 1,
                 "",
                 "",
                 0.9};
  role.evidence = {
      MakeEvidence("a1", "Russian President Vladimir Putin said on Tuesday ...",
                   70, Modality::kAsserted, "", 0.9)};

  GraphEdge supplies;
  supplies.record = {"country:PRK", "supplies", "country:RUS", "", 1, "2024-06",
                     "2024-06",     0.4};
  Evidence claim =
      MakeEvidence("a3", "NATO says North Korea supplies Russia with shells.",
                   0, Modality::kClaimed, "2024-06", 0.4);
  claim.attributed_to = "org:nato";
  supplies.evidence = {claim};

  graph.edges = {supplies, visits, role};
  IndexByHand(graph);
  return graph;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A fresh path in the test's temporary directory.
fs::path TempPath(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / "kg_export_test";
  fs::create_directories(dir);
  fs::path path = dir / name;
  fs::remove(path);
  return path;
}

std::string Export(const GraphSnapshot& graph, ExportFormat format,
                   const std::string& name) {
  fs::path path = TempPath(name);
  Status status = ExportGraph(graph, format, path.string());
  EXPECT_TRUE(status.ok()) << status.message();
  return ReadFile(path);
}

// Compares `actual` with the golden file; KG_UPDATE_GOLDEN=1 rewrites it.
void ExpectMatchesGolden(const std::string& actual,
                         const std::string& golden_name) {
  fs::path golden = kGoldenDir / golden_name;
  const char* update = std::getenv("KG_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    WriteFile(golden, actual);
    std::cout << "updated " << golden << "\n";
    return;
  }
  ASSERT_TRUE(fs::exists(golden))
      << golden << " missing; create it with KG_UPDATE_GOLDEN=1";
  if (ReadFile(golden) == actual) return;
  fs::path actual_path = TempPath(golden_name + ".actual");
  WriteFile(actual_path, actual);
  ADD_FAILURE() << "output differs from " << golden << "\n  see: diff -u "
                << golden << " " << actual_path
                << "\n  if the change is intended: KG_UPDATE_GOLDEN=1 "
                << "export_test, then review the diff of " << golden_name;
}

// Runs a shell command; its exit status (-1 when it did not exit normally).
int RunShell(const std::string& command) {
  int rc = std::system(command.c_str());
  return rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string Quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// node on the PATH and tests/jsonld installed (npm ci --prefix tests/jsonld).
bool HaveJsonLdJs() {
  return RunShell("command -v node >/dev/null 2>&1") == 0 &&
         fs::exists(kSourceDir / "tests/jsonld/node_modules/jsonld");
}

TEST(ExportFormatTest, Parse) {
  struct Case {
    std::string_view name;
    std::optional<ExportFormat> format;
  };
  const Case cases[] = {
      {"dot", ExportFormat::kDot}, {"svg", ExportFormat::kSvg},
      {"png", ExportFormat::kPng}, {"jsonld", ExportFormat::kJsonLd},
      {"json-ld", std::nullopt},   {"DOT", std::nullopt},
      {"", std::nullopt},          {"pdf", std::nullopt},
  };
  for (const Case& c : cases)
    EXPECT_EQ(ParseExportFormat(c.name), c.format) << c.name;
}

TEST(DotExportTest, MatchesGolden) {
  ExpectMatchesGolden(Export(SmallGraph(), ExportFormat::kDot, "small.dot"),
                      "small.dot");
}

TEST(DotExportTest, ShowsWhatTheGraphSays) {
  std::string dot = Export(SmallGraph(), ExportFormat::kDot, "says.dot");
  EXPECT_NE(dot.find("\"person:vladimir putin\" -> \"country:PRK\""),
            std::string::npos);
  EXPECT_NE(dot.find("label=\"Vladimir Putin\""), std::string::npos);
  EXPECT_NE(dot.find("visits \u00d72"), std::string::npos);
  EXPECT_NE(dot.find("role: President of Russia"), std::string::npos);
  EXPECT_NE(dot.find("style=dashed"), std::string::npos);  // the claimed supply
  EXPECT_NE(dot.find("rankdir=LR"), std::string::npos);
  EXPECT_NE(dot.find("cluster_legend"), std::string::npos);
}

TEST(DotExportTest, AcceptedByDotProgram) {
  if (!fs::exists("/usr/bin/dot"))
    GTEST_SKIP() << "/usr/bin/dot not installed (apt graphviz)";
  fs::path dot = TempPath("accepted.dot");
  ASSERT_TRUE(ExportGraph(SmallGraph(), ExportFormat::kDot, dot.string()).ok());
  fs::path svg = TempPath("accepted.svg");
  EXPECT_EQ(
      RunShell("/usr/bin/dot -Tsvg " + Quoted(dot) + " -o " + Quoted(svg)), 0);
  EXPECT_NE(ReadFile(svg).find("<svg"), std::string::npos);
}

TEST(DotExportTest, IndependentOfSnapshotOrder) {
  GraphSnapshot graph = SmallGraph();
  GraphSnapshot reversed = graph;
  std::reverse(reversed.entities.begin(), reversed.entities.end());
  std::reverse(reversed.edges.begin(), reversed.edges.end());
  IndexByHand(reversed);
  EXPECT_EQ(Export(graph, ExportFormat::kDot, "order1.dot"),
            Export(reversed, ExportFormat::kDot, "order2.dot"));
  EXPECT_EQ(Export(graph, ExportFormat::kJsonLd, "order1.jsonld"),
            Export(reversed, ExportFormat::kJsonLd, "order2.jsonld"));
}

// dot's layered layout does not finish on graphs this size; sfdp does.
TEST(DotExportTest, LargeGraphsUseSfdp) {
  GraphSnapshot graph;
  for (int i = 0; i < 301; ++i) {
    graph.entities.push_back(MakeEntity("person:p" + std::to_string(i),
                                        "P" + std::to_string(i),
                                        EntityType::kPerson, ""));
  }
  IndexByHand(graph);
  std::string dot = Export(graph, ExportFormat::kDot, "large.dot");
  EXPECT_NE(dot.find("layout=sfdp"), std::string::npos);
  EXPECT_NE(Export(SmallGraph(), ExportFormat::kDot, "smallengine.dot")
                .find("layout=dot"),
            std::string::npos);
}

TEST(GraphvizExportTest, EmptyGraph) {
  EXPECT_NE(
      Export(GraphSnapshot{}, ExportFormat::kDot, "empty.dot").find("digraph"),
      std::string::npos);
  EXPECT_NE(
      Export(GraphSnapshot{}, ExportFormat::kSvg, "empty.svg").find("<svg"),
      std::string::npos);
}

TEST(GraphvizExportTest, Svg) {
  std::string svg = Export(SmallGraph(), ExportFormat::kSvg, "small.svg");
  EXPECT_TRUE(svg.rfind("<?xml", 0) == 0 ||
              svg.find("<svg") != std::string::npos)
      << svg.substr(0, 200);
  EXPECT_NE(svg.find("Vladimir Putin"), std::string::npos);
}

TEST(GraphvizExportTest, Png) {
  std::string png = Export(SmallGraph(), ExportFormat::kPng, "small.png");
  ASSERT_GE(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(ExportTest, DashWritesToStandardOutput) {
  for (ExportFormat format : {ExportFormat::kDot, ExportFormat::kJsonLd}) {
    testing::internal::CaptureStdout();
    Status status = ExportGraph(SmallGraph(), format, "-");
    std::string out = testing::internal::GetCapturedStdout();
    EXPECT_TRUE(status.ok()) << status.message();
    std::string file = Export(SmallGraph(), format, "dash.out");
    EXPECT_EQ(out, file);
  }
}

TEST(ExportTest, UnwritablePathIsAnErrorNamingIt) {
  const std::string path = "/nonexistent-kg-dir/out";
  for (ExportFormat format : {ExportFormat::kDot, ExportFormat::kSvg,
                              ExportFormat::kPng, ExportFormat::kJsonLd}) {
    Status status = ExportGraph(SmallGraph(), format, path);
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.code(), Status::Code::kIOError);
    EXPECT_NE(status.message().find(path), std::string::npos)
        << status.message();
    EXPECT_NE(status.message().find("cannot write"), std::string::npos)
        << status.message();
  }
}

TEST(ExportTest, UnindexedSnapshotIsRejected) {
  GraphSnapshot graph = SmallGraph();
  graph.edge_source.clear();
  Status status = ExportGraph(graph, ExportFormat::kDot,
                              TempPath("unindexed.dot").string());
  EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(status.message().find("unindexed.dot"), std::string::npos)
      << status.message();
}

TEST(JsonLdExportTest, MatchesGolden) {
  ExpectMatchesGolden(
      Export(SmallGraph(), ExportFormat::kJsonLd, "small.jsonld"),
      "small.jsonld");
}

// The binary carries its own copy of the context; it must be the shipped one.
TEST(JsonLdExportTest, EmbeddedContextIsTheShippedFile) {
  EXPECT_EQ(JsonLdContext(), ReadFile(kSourceDir / "export/context.jsonld"));
}

// jsonld.js in safe mode throws when expansion would drop a term or value, so
// a clean run means every key of the export means something in RDF.
TEST(JsonLdExportTest, ExpandsWithoutLossToNQuads) {
  if (!HaveJsonLdJs())
    GTEST_SKIP()
        << "node or jsonld.js missing; run: npm ci --prefix tests/jsonld";
  const fs::path script = kSourceDir / "tests/jsonld/expand.js";
  fs::path input = TempPath("expand.jsonld");
  ASSERT_TRUE(
      ExportGraph(SmallGraph(), ExportFormat::kJsonLd, input.string()).ok());
  fs::path nquads = TempPath("expand.nq");
  fs::path errors = TempPath("expand.err");
  ASSERT_EQ(RunShell("node " + Quoted(script) + " " + Quoted(input) + " >" +
                     Quoted(nquads) + " 2>" + Quoted(errors)),
            0)
      << ReadFile(errors);
  std::string text = ReadFile(nquads);
  EXPECT_GT(std::count(text.begin(), text.end(), '\n'), 0);
  ExpectMatchesGolden(text, "small.nq");
}

// The check above is only worth something if it fails on a lossy document:
// "name" here is neither defined nor under an @vocab, so expansion drops it.
TEST(JsonLdExportTest, ExpansionCheckRejectsDroppedTerms) {
  if (!HaveJsonLdJs())
    GTEST_SKIP()
        << "node or jsonld.js missing; run: npm ci --prefix tests/jsonld";
  const fs::path script = kSourceDir / "tests/jsonld/expand.js";
  fs::path input = TempPath("lossy.jsonld");
  WriteFile(input, R"({"@context": {"kg": "https://w3id.org/kg-news/vocab#"},
                      "@graph": [{"@id": "https://example.org/a", "name": "A"}]})");
  EXPECT_NE(RunShell("node " + Quoted(script) + " " + Quoted(input) +
                     " >/dev/null 2>&1"),
            0);
}

}  // namespace
}  // namespace kg
