// export/: DOT, SVG, PNG, PDF, JSON-LD, GraphML and Neo4j CSV output of a
// small hand-built graph.
//
// DOT, JSON-LD (and its N-Quads) and GraphML are compared with golden files
// under tests/data/export/.
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
#include <nlohmann/json.hpp>
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

// The articles behind SmallGraph's evidence, plus one that neither backs an
// exported relation nor mentions an exported entity (it must not appear).
std::vector<ArticleRecord> SmallArticles() {
  ArticleRecord a1;
  a1.id = "a1";
  a1.title = "Putin visits North Korea";
  a1.date = "2024-06-19";
  a1.url = "https://www.bbc.co.uk/news/articles/a1";
  a1.source = "BBC";
  a1.entity_keys = {"person:vladimir putin", "country:PRK",
                    "person:not exported"};
  ArticleRecord a2;
  a2.id = "a2";
  a2.title = "Putin in Pyongyang";
  a2.entity_keys = {"person:vladimir putin"};
  ArticleRecord a3;
  a3.id = "a3";
  a3.title = "NATO: shells \"from North Korea\"";
  a3.date = "2024-06";
  a3.entity_keys = {"org:nato", "country:PRK", "country:RUS"};
  ArticleRecord other;
  other.id = "b9";
  other.title = "Unrelated";
  other.entity_keys = {"person:someone else"};
  return {a3, other, a1, a2};  // not in id order: the export sorts
}

ExportOptions WithArticles(const std::vector<ArticleRecord>& articles) {
  ExportOptions options;
  options.articles = &articles;
  return options;
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
                   const std::string& name, const ExportOptions& options = {}) {
  fs::path path = TempPath(name);
  Status status = ExportGraph(graph, format, path.string(), options);
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
      {"dot", ExportFormat::kDot},
      {"svg", ExportFormat::kSvg},
      {"png", ExportFormat::kPng},
      {"pdf", ExportFormat::kPdf},
      {"jsonld", ExportFormat::kJsonLd},
      {"graphml", ExportFormat::kGraphMl},
      {"csv", ExportFormat::kCsv},
      {"json-ld", std::nullopt},
      {"DOT", std::nullopt},
      {"", std::nullopt},
      {"gif", std::nullopt},
  };
  for (const Case& c : cases)
    EXPECT_EQ(ParseExportFormat(c.name), c.format) << c.name;
  EXPECT_TRUE(IsDrawing(ExportFormat::kPdf));
  EXPECT_FALSE(IsDrawing(ExportFormat::kDot));
  EXPECT_FALSE(IsDrawing(ExportFormat::kGraphMl));
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
  // The legend's key lists each relation type present in its colour.
  EXPECT_NE(dot.find("kg-legend:relations"), std::string::npos);
  EXPECT_NE(
      dot.find("<FONT COLOR=\"#1f77b4\">&#9473;&#9473;&#9473; visits</FONT>"),
      std::string::npos);
  EXPECT_EQ(dot.find("attacks"), std::string::npos);  // not present, not listed
}

TEST(DotExportTest, LayoutCanBeChosen) {
  ExportOptions options;
  options.layout = "neato";
  EXPECT_NE(Export(SmallGraph(), ExportFormat::kDot, "neato.dot", options)
                .find("layout=neato"),
            std::string::npos);
  options.layout = "spring";
  Status status = ExportGraph(SmallGraph(), ExportFormat::kSvg,
                              TempPath("spring.svg").string(), options);
  EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(status.message().find("spring"), std::string::npos);
}

// Past the limit a drawing is refused at once (no layout that never ends);
// DOT, which needs no layout, is still written.
TEST(GraphvizExportTest, TooLargeToDrawIsRefusedWithReason) {
  ExportOptions options;
  options.max_drawn_entities = 3;
  for (ExportFormat format :
       {ExportFormat::kSvg, ExportFormat::kPng, ExportFormat::kPdf}) {
    fs::path path = TempPath("large.out");
    Status status = ExportGraph(SmallGraph(), format, path.string(), options);
    EXPECT_EQ(status.code(), Status::Code::kUnsupported);
    EXPECT_NE(status.message().find("4 entities are too many to draw legibly"),
              std::string::npos)
        << status.message();
    EXPECT_FALSE(fs::exists(path));
  }
  EXPECT_TRUE(ExportGraph(SmallGraph(), ExportFormat::kDot,
                          TempPath("large.dot").string(), options)
                  .ok());
  options.max_drawn_entities = 4;
  EXPECT_TRUE(ExportGraph(SmallGraph(), ExportFormat::kSvg,
                          TempPath("fits.svg").string(), options)
                  .ok());
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

TEST(GraphvizExportTest, Pdf) {
  std::string pdf = Export(SmallGraph(), ExportFormat::kPdf, "small.pdf");
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
}

TEST(ExportTest, DashWritesToStandardOutput) {
  for (ExportFormat format :
       {ExportFormat::kDot, ExportFormat::kJsonLd, ExportFormat::kGraphMl}) {
    testing::internal::CaptureStdout();
    Status status = ExportGraph(SmallGraph(), format, "-");
    std::string out = testing::internal::GetCapturedStdout();
    EXPECT_TRUE(status.ok()) << status.message();
    std::string file = Export(SmallGraph(), format, "dash.out");
    EXPECT_EQ(out, file);
  }
}

// A path below a regular file cannot be written, even by root (who could
// create a missing directory anywhere).
std::string UnwritablePath() {
  fs::path file = TempPath("plain-file");
  WriteFile(file, "x");
  return (file / "out").string();
}

TEST(ExportTest, UnwritablePathIsAnErrorNamingIt) {
  const std::string path = UnwritablePath();
  for (ExportFormat format :
       {ExportFormat::kDot, ExportFormat::kSvg, ExportFormat::kPng,
        ExportFormat::kPdf, ExportFormat::kJsonLd, ExportFormat::kGraphMl,
        ExportFormat::kCsv}) {
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
  const std::vector<ArticleRecord> articles = SmallArticles();
  ExpectMatchesGolden(Export(SmallGraph(), ExportFormat::kJsonLd,
                             "small.jsonld", WithArticles(articles)),
                      "small.jsonld");
}

// The document is written node by node; it must still be one JSON value with
// every node, whatever the graph (no dangling commas when it is empty).
TEST(JsonLdExportTest, StreamedDocumentParses) {
  const std::vector<ArticleRecord> articles = SmallArticles();
  for (const GraphSnapshot& graph : {SmallGraph(), GraphSnapshot{}}) {
    std::string text = Export(graph, ExportFormat::kJsonLd, "stream.jsonld",
                              WithArticles(articles));
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << text.substr(0, 300);
    EXPECT_TRUE(doc.contains("@context"));
    size_t wanted = graph.entities.empty()
                        ? 0
                        : 4 + 3 + 3;  // entities, articles, relations
    EXPECT_EQ(doc["@graph"].size(), wanted);
  }
}

TEST(JsonLdExportTest, ArticlesAreNewsArticleNodes) {
  const std::vector<ArticleRecord> articles = SmallArticles();
  nlohmann::json doc =
      nlohmann::json::parse(Export(SmallGraph(), ExportFormat::kJsonLd,
                                   "articles.jsonld", WithArticles(articles)));
  std::vector<std::string> ids;
  for (const auto& node : doc["@graph"]) {
    if (node["@type"] != "NewsArticle") continue;
    ids.push_back(node["identifier"]);
    if (node["identifier"] == "a1") {
      EXPECT_EQ(node["@id"], "https://w3id.org/kg-news/article/a1");
      EXPECT_EQ(node["headline"], "Putin visits North Korea");
      EXPECT_EQ(node["datePublished"]["@type"], "xsd:date");
      EXPECT_EQ(node["publisher"], "BBC");
      // Only entities of the export are mentioned.
      EXPECT_EQ(node["mentions"].size(), 2u);
    }
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a2", "a3"}));
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
  const std::vector<ArticleRecord> articles = SmallArticles();
  ASSERT_TRUE(ExportGraph(SmallGraph(), ExportFormat::kJsonLd, input.string(),
                          WithArticles(articles))
                  .ok());
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

// ---- GraphML
// ------------------------------------------------------------------

TEST(GraphMlExportTest, MatchesGolden) {
  ExpectMatchesGolden(
      Export(SmallGraph(), ExportFormat::kGraphMl, "small.graphml"),
      "small.graphml");
}

TEST(GraphMlExportTest, TypedAttributesNodesAndEdges) {
  std::string xml =
      Export(SmallGraph(), ExportFormat::kGraphMl, "typed.graphml");
  for (const char* key :
       {"attr.name=\"evidence_count\" attr.type=\"int\"",
        "attr.name=\"confidence\" attr.type=\"double\"",
        "attr.name=\"weight\" attr.type=\"double\"",
        "attr.name=\"symmetric\" attr.type=\"boolean\"",
        "attr.name=\"hedged\" attr.type=\"boolean\"",
        "attr.name=\"label\" attr.type=\"string\"",
        "attr.name=\"key\" attr.type=\"string\"", "edgedefault=\"directed\""}) {
    EXPECT_NE(xml.find(key), std::string::npos) << key;
  }
  auto count = [&xml](const std::string& what) {
    size_t n = 0;
    for (size_t at = xml.find(what); at != std::string::npos;
         at = xml.find(what, at + 1))
      ++n;
    return n;
  };
  EXPECT_EQ(count("<node id="), 4u);
  EXPECT_EQ(count("<edge id="), 3u);
  EXPECT_NE(xml.find(">true</data>"),
            std::string::npos);  // the claimed supply is hedged
  EXPECT_EQ(xml.find(">1</data>\n      <data key=\"key6\">"),
            std::string::npos);
}

// Names are data: XML markup in them is escaped, and bytes that are not
// UTF-8 or are control characters (which XML 1.0 forbids) are replaced.
TEST(GraphMlExportTest, TextIsEscapedAndCleaned) {
  GraphSnapshot graph;
  graph.entities = {
      MakeEntity("org:a&b", "A & B <Holdings>", EntityType::kOrganization, ""),
      MakeEntity("org:bad", std::string("Bad\xff\x01Name\xc3\xa9"),
                 EntityType::kOrganization, "")};
  IndexByHand(graph);
  std::string xml = Export(graph, ExportFormat::kGraphMl, "escaped.graphml");
  EXPECT_NE(xml.find("A &amp; B &lt;Holdings&gt;"), std::string::npos);
  EXPECT_NE(xml.find("Bad\uFFFD Name\u00e9"), std::string::npos);
}

// ---- CSV for neo4j-admin
// ---------------------------------------------------------

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A path for a directory that does not exist yet (the export creates it).
fs::path FreshDir(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / "kg_export_test" / name;
  fs::remove_all(dir);
  return dir;
}

TEST(CsvExportTest, Neo4jImportLayout) {
  fs::path dir = FreshDir("neo4j");
  const std::vector<ArticleRecord> articles = SmallArticles();
  ASSERT_TRUE(ExportGraph(SmallGraph(), ExportFormat::kCsv, dir.string(),
                          WithArticles(articles))
                  .ok());
  for (const std::string& name : CsvFileNames())
    EXPECT_TRUE(fs::exists(dir / name)) << name;

  std::vector<std::string> nodes = Lines(ReadFile(dir / "nodes.csv"));
  ASSERT_EQ(nodes.size(), 5u);
  EXPECT_EQ(
      nodes[0],
      "key:ID(Entity),:LABEL,name,country,aliases:string[],roles:string[]");
  EXPECT_EQ(
      nodes[1],
      "\"country:PRK\",\"Entity;Country\",\"North Korea\",\"PRK\",\"DPRK\",");
  EXPECT_EQ(
      nodes[4],
      "\"person:vladimir putin\",\"Entity;Person\",\"Vladimir Putin\",\"RUS\","
      "\"Putin;V. Putin\",\"President of Russia\"");

  std::vector<std::string> relations =
      Lines(ReadFile(dir / "relationships.csv"));
  ASSERT_EQ(relations.size(), 4u);
  EXPECT_EQ(relations[0],
            ":START_ID(Entity),:END_ID(Entity),:TYPE,key,relation,role,"
            "evidence_count:int,"
            "confidence:double,first_seen,last_seen,symmetric:boolean,hedged:"
            "boolean,weight:double");
  EXPECT_EQ(relations[1].substr(0, 52),
            "\"country:PRK\",\"country:RUS\",\"SUPPLIES\",\"country:PRK|");
  EXPECT_NE(relations[1].find(",1,0.4,\"2024-06\",\"2024-06\",false,true,"),
            std::string::npos)
      << relations[1];

  std::vector<std::string> articles_csv = Lines(ReadFile(dir / "articles.csv"));
  ASSERT_EQ(articles_csv.size(), 4u);  // header, a1, a2, a3: not b9
  EXPECT_EQ(articles_csv[0],
            "id:ID(Article),:LABEL,title,date:date,url,source");
  EXPECT_EQ(articles_csv[3],
            "\"a3\",\"Article\",\"NATO: shells \"\"from North "
            "Korea\"\"\",\"2024-06\",,");

  std::vector<std::string> evidence = Lines(ReadFile(dir / "evidence.csv"));
  EXPECT_EQ(evidence.size(), 1u + 4u);  // one header, four pieces of evidence
  EXPECT_NE(
      evidence[1].find("\"country:PRK|supplies|country:RUS#1\",\"Evidence\""),
      std::string::npos);
  EXPECT_NE(evidence[1].find("\"claimed\",false,\"org:nato\""),
            std::string::npos)
      << evidence[1];

  std::vector<std::string> mentions = Lines(ReadFile(dir / "mentions.csv"));
  EXPECT_EQ(mentions[0], ":START_ID(Article),:END_ID(Entity),:TYPE");
  EXPECT_EQ(mentions.size(),
            1u + 2 + 1 + 3);  // a1: two exported entities, a2: one, a3: three
  std::vector<std::string> quoted = Lines(ReadFile(dir / "quoted_from.csv"));
  EXPECT_EQ(quoted.size(), 1u + 4u);
  EXPECT_EQ(quoted[1],
            "\"country:PRK|supplies|country:RUS#1\",\"a3\",\"QUOTED_FROM\"");

  EXPECT_EQ(Neo4jImportCommand("out"),
            "neo4j-admin database import full --nodes=out/nodes.csv "
            "--nodes=out/articles.csv "
            "--nodes=out/evidence.csv --relationships=out/relationships.csv "
            "--relationships=out/mentions.csv "
            "--relationships=out/quoted_from.csv neo4j");
}

// Evidence from an article that is not exported must not point at a missing
// node; array items lose the delimiter; text stays on one line.
TEST(CsvExportTest, RowsStayImportable) {
  GraphSnapshot graph = SmallGraph();
  graph.entities[0].aliases = {"Putin; the President", "V.V.P."};
  graph.edges[1].evidence[0].sentence = "Line one,\nline \"two\".";
  fs::path dir = FreshDir("neo4j-rows");
  ASSERT_TRUE(ExportGraph(graph, ExportFormat::kCsv, dir.string())
                  .ok());  // no articles
  EXPECT_EQ(Lines(ReadFile(dir / "quoted_from.csv")).size(), 1u);
  EXPECT_EQ(Lines(ReadFile(dir / "articles.csv")).size(), 1u);
  EXPECT_NE(ReadFile(dir / "nodes.csv").find("\"Putin, the President;V.V.P.\""),
            std::string::npos);
  EXPECT_NE(
      ReadFile(dir / "evidence.csv").find("\"Line one, line \"\"two\"\".\""),
      std::string::npos);
  EXPECT_EQ(Lines(ReadFile(dir / "evidence.csv")).size(), 5u);

  Status dash = ExportGraph(graph, ExportFormat::kCsv, "-");
  EXPECT_EQ(dash.code(), Status::Code::kInvalidArgument);
  const std::string unwritable = UnwritablePath();
  Status blocked = ExportGraph(graph, ExportFormat::kCsv, unwritable);
  EXPECT_EQ(blocked.code(), Status::Code::kIOError);
  EXPECT_NE(blocked.message().find(unwritable), std::string::npos)
      << blocked.message();
}

}  // namespace
}  // namespace kg
