// The fast paths of issue 6 give what the plain ones give:
//   - BulkGraphWriter (kg ingest into a new database) stores what
//     GraphWriter stores, with the same stats and errors, and writes the
//     adjacency snapshot that reading the database back gives;
//   - a Store with a write buffer (Store::SetWriteBuffer, what kg ingest
//     uses) stores the same graph as one write per article, replaced and
//     removed articles included, and its reads see what it buffered;
//   - ExportStore (JSON-LD and GraphML streamed from the store) writes the
//     bytes ExportGraph writes for the loaded graph, also when entity keys
//     hold bytes that sort EdgeKeys differently from (source, type, target);
//   - LoadNeighborhood (the adjacency snapshot and point reads) gives the
//     part Neighborhood cuts out of the loaded graph.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "export/export.h"
#include "graph/adjacency.h"
#include "graph/graph.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

std::string TempDir(const std::string& what) {
  static std::atomic<int> counter = 0;
  return (fs::temp_directory_path() /
          ("kg_bulk_test_" + what + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++)))
      .string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Names that resolve into each other ("Blair" -> "Tony Blair"), collide
// ("Brown": two persons), share aliases, and keys that sort differently as
// EdgeKeys (a tab, a prefix of another key).
struct Actor {
  const char* key;
  const char* name;
  EntityType type;
  const char* alias;
};
const Actor kActors[] = {
    {"person:tony blair", "Tony Blair", EntityType::kPerson, "Mr Blair"},
    {"person:blair", "Blair", EntityType::kPerson, ""},
    {"person:gordon brown", "Gordon Brown", EntityType::kPerson, ""},
    {"person:james brown", "James Brown", EntityType::kPerson, ""},
    {"person:brown", "Brown", EntityType::kPerson, ""},
    {"country:GBR", "UK", EntityType::kCountry, "Britain"},
    {"country:USA", "United States", EntityType::kCountry, "US"},
    {"org:un", "UN", EntityType::kOrganization, "United Nations"},
    {"org:a", "A", EntityType::kOrganization, ""},
    {"org:a\tb", "A B", EntityType::kOrganization, ""},
    {"org:ab", "Ab", EntityType::kOrganization, "Ab Group"},
    {"city:paris", "Paris", EntityType::kCity, ""},
};
const char* const kTypes[] = {"meets", "visits", "criticizes", "supports", "role", "cooperates"};

// The canonical dump of a store, after checking the graph is consistent.
std::string DumpAndCheck(const Store& store) {
  std::ostringstream dump;
  EXPECT_TRUE(WriteCanonicalDump(store, dump).ok());
  auto problems = CheckGraph(store);
  EXPECT_TRUE(problems.ok());
  if (problems.ok()) {
    EXPECT_TRUE(problems->empty()) << problems->front();
  }
  return dump.str();
}

Extraction RandomArticle(std::mt19937& rng, int id, int version) {
  Extraction x;
  x.article.id = "a" + std::to_string(id);
  x.article.title = "Article " + std::to_string(id) + " v" + std::to_string(version);
  x.article.date = "2024-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10);
  x.article.text = x.article.title + " text";
  const size_t n = std::size(kActors);
  std::vector<size_t> chosen;
  for (int i = 0, k = 2 + static_cast<int>(rng() % 4); i < k; ++i) {
    size_t a = rng() % n;
    if (std::find(chosen.begin(), chosen.end(), a) != chosen.end()) continue;
    chosen.push_back(a);
    Entity e;
    e.key = kActors[a].key;
    e.name = kActors[a].name;
    e.type = kActors[a].type;
    if (*kActors[a].alias != '\0' && rng() % 2) e.aliases.push_back(kActors[a].alias);
    if (e.type == EntityType::kPerson && rng() % 3 == 0) e.roles.push_back("Minister " + std::to_string(rng() % 3));
    if (rng() % 4 == 0) e.country = rng() % 2 ? "GBR" : "USA";
    x.entities.push_back(e);
  }
  for (int i = 0, k = static_cast<int>(rng() % 5); i < k && chosen.size() > 1; ++i) {
    Relation r;
    r.source = kActors[chosen[rng() % chosen.size()]].key;
    r.target = kActors[chosen[rng() % chosen.size()]].key;
    r.type = kTypes[rng() % std::size(kTypes)];
    if (r.type == "role") r.role = "Envoy";
    r.evidence.sentence = x.article.title + " sentence " + std::to_string(i) + " \"quoted\"";
    r.evidence.sentence_start = static_cast<uint32_t>(10 * i);
    r.evidence.sentence_end = static_cast<uint32_t>(10 * i + 9);
    r.evidence.modality = static_cast<Modality>(rng() % 7);
    r.evidence.confidence = 0.3 + 0.1 * static_cast<double>(rng() % 7);
    if (rng() % 3 == 0) r.evidence.time = "2024-0" + std::to_string(1 + rng() % 9);
    x.relations.push_back(r);
  }
  return x;
}

struct Step {
  enum { kMerge, kRemove, kFlush } kind;
  Extraction x;
  std::string id;
};

// Articles, new versions of some (replacements), repeats (unchanged) and
// removals, in one fixed order.
std::vector<Step> Script() {
  std::mt19937 rng(7);
  std::vector<Step> steps;
  std::vector<int> version(40, 0);
  for (int i = 0; i < 160; ++i) {
    int id = static_cast<int>(rng() % 40);
    int choice = static_cast<int>(rng() % 10);
    if (choice == 0) {
      steps.push_back({Step::kRemove, {}, "a" + std::to_string(id)});
    } else if (choice == 1) {
      steps.push_back({Step::kFlush, {}, ""});
    } else {
      if (choice > 3) ++version[id];
      std::mt19937 article_rng(static_cast<uint32_t>(id * 1000 + version[id]));
      steps.push_back({Step::kMerge, RandomArticle(article_rng, id, version[id]), ""});
    }
  }
  return steps;
}

// Runs the script on a new database; a buffer of `buffer_bytes` (0: none).
std::string Build(const std::string& dir, size_t buffer_bytes) {
  auto store = Store::Open(dir, Store::Mode::kReadWrite);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return "";
  EXPECT_TRUE((*store)->SetWriteBuffer(buffer_bytes).ok());
  GraphWriter writer(**store);
  std::ostringstream log;
  for (const Step& step : Script()) {
    if (step.kind == Step::kFlush) {
      EXPECT_TRUE((*store)->Flush().ok());
    } else if (step.kind == Step::kRemove) {
      auto removed = writer.RemoveArticle(step.id);
      log << "remove " << step.id << ": " << (removed.ok() ? removed->entities_removed : 999) << "\n";
    } else {
      auto merged = writer.MergeArticle(step.x);
      EXPECT_TRUE(merged.ok()) << merged.status().message();
      if (merged.ok()) {
        log << "merge " << step.x.article.id << ": " << merged->unchanged << merged->replaced << " "
            << merged->entities_added << "/" << merged->entities_merged << "/" << merged->kept_apart << " "
            << merged->relations_added << "/" << merged->relations_merged << "\n";
      }
    }
  }
  EXPECT_TRUE((*store)->Flush().ok());
  const std::string dump = DumpAndCheck(**store);
  return log.str() + dump;
}

TEST(WriteBufferTest, SameGraphAndStatsAsOneWritePerArticle) {
  const std::string plain_dir = TempDir("plain");
  const std::string plain = Build(plain_dir, 0);
  ASSERT_FALSE(plain.empty());
  for (size_t budget : {size_t{1}, size_t{3000}, size_t{1} << 30}) {
    const std::string dir = TempDir("buffered");
    EXPECT_EQ(Build(dir, budget), plain) << "buffer of " << budget << " bytes";
    fs::remove_all(dir);
  }
  fs::remove_all(plain_dir);
}

TEST(WriteBufferTest, ReadsSeeTheBufferOtherProcessesTheFlush) {
  const std::string dir = TempDir("reads");
  auto store = Store::Open(dir, Store::Mode::kReadWrite);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->SetWriteBuffer(size_t{1} << 30).ok());
  GraphWriter writer(**store);
  std::mt19937 rng(3);
  Extraction x = RandomArticle(rng, 1, 0);
  ASSERT_TRUE(writer.MergeArticle(x).ok());
  auto article = (*store)->GetArticle("a1");
  ASSERT_TRUE(article.ok());
  ASSERT_TRUE(article->has_value());
  auto alias = (*store)->FindByAlias(x.entities.front().name);
  ASSERT_TRUE(alias.ok());
  EXPECT_FALSE(alias->empty());
  {
    auto reader = Store::Open(dir, Store::Mode::kReadOnly);
    ASSERT_TRUE(reader.ok());
    auto counts = (*reader)->Counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->articles, 0u) << "buffered articles are not in the database yet";
  }
  ASSERT_TRUE((*store)->Flush().ok());
  {
    auto reader = Store::Open(dir, Store::Mode::kReadOnly);
    ASSERT_TRUE(reader.ok());
    auto counts = (*reader)->Counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->articles, 1u);
  }
  store->reset();
  for (const auto& entry : fs::directory_iterator(dir)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("kg-buffer-")) << entry.path();
  }
  fs::remove_all(dir);
}

// ---- BulkGraphWriter: a new database built in memory ----------------------

// The merges of Script() (repeats and replacements included, no removals),
// or only the first version of each article (no replacement: the bulk
// writer never hands over), plus articles whose relations name entities
// they do not list (stored ones, and an unknown one: an error).
std::vector<Extraction> BulkInput(bool with_replacements) {
  std::vector<Extraction> input;
  std::set<std::string> seen;
  for (Step& step : Script()) {
    if (step.kind != Step::kMerge) continue;
    if (!with_replacements && !seen.insert(step.x.article.id).second) continue;
    input.push_back(std::move(step.x));
  }
  Extraction unlisted;
  unlisted.article.id = "unlisted";
  unlisted.article.text = "Blair met the UN.";
  Relation r;
  r.source = "person:tony blair";
  r.type = "meets";
  r.target = "org:un";
  r.evidence.sentence = unlisted.article.text;
  r.evidence.attributed_to = "country:GBR";
  unlisted.relations.push_back(r);
  input.insert(input.begin() + static_cast<long>(input.size() / 2), unlisted);
  // An entity listed twice (what each listing adds goes into one mention,
  // in order) and relations with speakers: listed, and only stored.
  Extraction twice;
  twice.article.id = "twice";
  twice.article.date = "2024-03-04";
  twice.article.text = "Blair, the envoy, said the UN met Tony Blair. The UK said so.";
  for (int i = 0; i < 2; ++i) {
    Entity e;
    e.key = "person:tony blair";
    e.name = i == 0 ? "Tony Blair" : "Blair";
    e.type = EntityType::kPerson;
    if (i == 1) e.aliases.push_back("Mr Blair");
    e.roles.push_back(i == 0 ? "Envoy" : "Former Prime Minister");
    if (i == 1) e.country = "GBR";
    twice.entities.push_back(e);
  }
  Entity un;
  un.key = "org:un";
  un.name = "UN";
  twice.entities.push_back(un);
  for (const char* speaker : {"person:tony blair", "country:GBR", ""}) {
    Relation said = r;
    said.source = "org:un";
    said.target = "person:tony blair";
    said.evidence.sentence = twice.article.text;
    said.evidence.attributed_to = speaker;
    said.evidence.time = *speaker == 'c' ? "2024-02" : "";
    twice.relations.push_back(said);
  }
  input.insert(input.begin() + static_cast<long>(2 * input.size() / 3), twice);
  Extraction unknown = unlisted;
  unknown.article.id = "unknown";
  unknown.relations.front().target = "org:nobody";
  input.insert(input.begin() + static_cast<long>(input.size() / 3), unknown);
  return input;
}

// Merges `input` into a new database with GraphWriter (budget 0) or
// BulkGraphWriter (buffer of `budget` bytes; with what Prepare computed
// if `prepared`, as kg ingest does); returns the stats of every merge (or
// its error) and the canonical dump.
std::string BuildFrom(const std::string& dir, const std::vector<Extraction>& input, size_t budget,
                      bool prepared = false) {
  auto store = Store::Open(dir, Store::Mode::kReadWrite);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return "";
  GraphWriter plain(**store);
  BulkGraphWriter bulk(**store, budget);
  std::ostringstream log;
  for (const Extraction& x : input) {
    auto merged = budget == 0 ? plain.MergeArticle(x)
                  : prepared  ? bulk.MergeArticle(x, BulkGraphWriter::Prepare(x))
                              : bulk.MergeArticle(x);
    if (!merged.ok()) {
      log << "merge " << x.article.id << ": " << merged.status().message() << "\n";
      continue;
    }
    log << "merge " << x.article.id << ": " << merged->unchanged << merged->replaced << " "
        << merged->entities_added << "/" << merged->entities_merged << "/" << merged->kept_apart << " "
        << merged->relations_added << "/" << merged->relations_merged << "\n";
  }
  EXPECT_TRUE((budget == 0 ? (*store)->Flush() : bulk.Finish()).ok());
  if (budget != 0) {
    auto counts = (*store)->Counts();
    auto known = bulk.Counts();
    EXPECT_TRUE(counts.ok());
    if (known && counts.ok()) {
      EXPECT_EQ(known->articles, counts->articles);
      EXPECT_EQ(known->entities, counts->entities);
      EXPECT_EQ(known->edges, counts->edges);
      EXPECT_EQ(known->evidence, counts->evidence);
    }
  }
  const std::string dump = DumpAndCheck(**store);
  store->reset();
  if (budget != 0) {
    // The adjacency snapshot from memory is the one read back from disk.
    EXPECT_TRUE(RefreshAdjacency(dir, bulk).ok());
    const std::string from_memory = ReadFile((fs::path(dir) / kAdjacencyFile).string());
    EXPECT_TRUE(RefreshAdjacency(dir).ok());
    EXPECT_EQ(from_memory, ReadFile((fs::path(dir) / kAdjacencyFile).string()));
  }
  return log.str() + dump;
}

TEST(BulkGraphWriterTest, SameGraphStatsAndErrorsAsGraphWriter) {
  for (bool with_replacements : {false, true}) {
    const std::vector<Extraction> input = BulkInput(with_replacements);
    const std::string plain_dir = TempDir("bulk_plain");
    const std::string plain = BuildFrom(plain_dir, input, 0);
    ASSERT_FALSE(plain.empty());
    EXPECT_NE(plain.find("names unknown entity 'org:nobody'"), std::string::npos);
    EXPECT_NE(plain.find("kept_apart"), std::string::npos) << "the input keeps no name apart";
    fs::remove_all(plain_dir);
    // Budgets: a write after every article, a few writes, one at the end.
    for (size_t budget : {size_t{1}, size_t{20000}, size_t{1} << 30}) {
      for (bool prepared : {false, true}) {
        const std::string dir = TempDir("bulk");
        EXPECT_EQ(BuildFrom(dir, input, budget, prepared), plain)
            << "budget " << budget << (with_replacements ? ", with replacements" : "")
            << (prepared ? ", prepared" : "");
        fs::remove_all(dir);
      }
    }
  }
}

class FastExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir("export"));
    Build(*dir_, 3000);
    ASSERT_TRUE(RefreshAdjacency(*dir_).ok());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string* dir_;
};
std::string* FastExportTest::dir_ = nullptr;

TEST_F(FastExportTest, StreamedJsonLdAndGraphMlAreTheLoadedGraphsBytes) {
  auto store = Store::Open(*dir_, Store::Mode::kReadOnly);
  ASSERT_TRUE(store.ok());
  auto graph = LoadGraph(**store);
  ASSERT_TRUE(graph.ok());
  ASSERT_GT(graph->edges.size(), 10u);
  std::vector<ArticleRecord> articles;
  ASSERT_TRUE((*store)->ForEachArticle([&](const ArticleRecord& a) {
    articles.push_back(a);
    return true;
  }).ok());
  for (ExportFormat format : {ExportFormat::kJsonLd, ExportFormat::kGraphMl}) {
    const std::string loaded = TempDir("loaded"), streamed = TempDir("streamed");
    ExportOptions options;
    options.articles = &articles;
    ASSERT_TRUE(ExportGraph(*graph, format, loaded, options).ok());
    auto counts = ExportStore(**store, format, streamed);
    ASSERT_TRUE(counts.ok()) << counts.status().message();
    EXPECT_EQ(counts->entities, graph->entities.size());
    EXPECT_EQ(counts->relations, graph->edges.size());
    EXPECT_EQ(ReadFile(streamed), ReadFile(loaded));
    fs::remove(loaded);
    fs::remove(streamed);
  }
}

TEST_F(FastExportTest, NeighborhoodFromTheAdjacencySnapshotIsTheLoadedOne) {
  auto store = Store::Open(*dir_, Store::Mode::kReadOnly);
  ASSERT_TRUE(store.ok());
  auto graph = LoadGraph(**store);
  ASSERT_TRUE(graph.ok());
  auto adjacency = AdjacencySnapshot::Open(*dir_);
  ASSERT_TRUE(adjacency.ok()) << adjacency.status().message();
  for (const Entity& center : graph->entities) {
    for (int depth : {0, 1, 2}) {
      auto vertex = (*adjacency)->Find(center.key);
      ASSERT_TRUE(vertex.has_value());
      auto part = LoadNeighborhood(**store, **adjacency, *vertex, depth);
      ASSERT_TRUE(part.ok()) << part.status().message();
      GraphSnapshot expected = Neighborhood(*graph, graph->index_of_key.at(center.key), depth);
      const std::string a = TempDir("a"), b = TempDir("b");
      ASSERT_TRUE(ExportGraph(*part, ExportFormat::kDot, a).ok());
      ASSERT_TRUE(ExportGraph(expected, ExportFormat::kDot, b).ok());
      EXPECT_EQ(ReadFile(a), ReadFile(b)) << center.key << " depth " << depth;
      fs::remove(a);
      fs::remove(b);
    }
  }
}

}  // namespace
}  // namespace kg
