// Pins down graph/: how extractions merge into the stored graph (same actor
// -> one node, same (source, type, target) -> one edge, re-ingesting is
// idempotent, a changed article replaces its evidence), and the queries over
// a snapshot (neighbourhood, names, shortest path). Extractions are built by
// hand, independent of ingest/.
#include "graph/graph.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace kg {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Entity MakeEntity(std::string key, std::string name, EntityType type,
                  std::vector<std::string> aliases = {}) {
  Entity e;
  e.key = std::move(key);
  e.name = std::move(name);
  e.type = type;
  e.aliases = std::move(aliases);
  return e;
}

Entity Person(std::string key, std::string name,
              std::vector<std::string> aliases = {}) {
  return MakeEntity(std::move(key), std::move(name), EntityType::kPerson,
                    std::move(aliases));
}

Entity Country(std::string code, std::string name) {
  return MakeEntity("country:" + code, std::move(name), EntityType::kCountry);
}

Relation Rel(std::string source, std::string type, std::string target,
             double confidence = 0.5, std::string time = "") {
  Relation r;
  r.source = std::move(source);
  r.type = std::move(type);
  r.target = std::move(target);
  r.evidence.sentence = r.source + " " + r.type + " " + r.target + ".";
  r.evidence.confidence = confidence;
  r.evidence.time = std::move(time);
  return r;
}

Extraction MakeExtraction(std::string id, std::string text,
                          std::vector<Entity> entities,
                          std::vector<Relation> relations,
                          std::string date = "2024-03-01") {
  Extraction x;
  x.article.id = std::move(id);
  x.article.title = "Title";
  x.article.text = std::move(text);
  x.article.date = std::move(date);
  x.entities = std::move(entities);
  x.relations = std::move(relations);
  return x;
}

std::vector<std::string> ArticleIds(const std::vector<Evidence>& rows) {
  std::vector<std::string> ids;
  for (const Evidence& e : rows) ids.push_back(e.article_id);
  return ids;
}

class GraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter = 0;
    dir_ = (std::filesystem::temp_directory_path() /
            ("kg_graph_test_" + std::to_string(getpid()) + "_" +
             std::to_string(counter++)))
               .string();
    auto store = Store::Open(dir_, Store::Mode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = store.take();
  }
  // Every test leaves a graph that passes CheckGraph, unless it breaks one
  // on purpose and says so.
  void TearDown() override {
    if (expect_consistent_ && store_ != nullptr) {
      EXPECT_THAT(Problems(), IsEmpty());
    }
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::vector<std::string> Problems() {
    auto problems = CheckGraph(*store_);
    EXPECT_TRUE(problems.ok()) << problems.status().message();
    return problems.ok() ? *problems : std::vector<std::string>{};
  }

  std::string Dump() {
    std::ostringstream out;
    Status s = WriteCanonicalDump(*store_, out);
    EXPECT_TRUE(s.ok()) << s.message();
    return out.str();
  }

  MergeStats Remove(const std::string& id) {
    auto stats = GraphWriter(*store_).RemoveArticle(id);
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    return stats.ok() ? *stats : MergeStats{};
  }

  std::optional<ArticleRecord> GetArticle(const std::string& id) {
    auto a = store_->GetArticle(id);
    EXPECT_TRUE(a.ok());
    return a.ok() ? *a : std::nullopt;
  }

  MergeStats Merge(const Extraction& x) {
    GraphWriter writer(*store_);
    auto stats = writer.MergeArticle(x);
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    return stats.ok() ? *stats : MergeStats{};
  }

  StoreCounts Counts() {
    auto counts = store_->Counts();
    EXPECT_TRUE(counts.ok());
    return counts.ok() ? *counts : StoreCounts{};
  }

  std::optional<Entity> GetEntity(const std::string& key) {
    auto e = store_->GetEntity(key);
    EXPECT_TRUE(e.ok());
    return e.ok() ? *e : std::nullopt;
  }

  std::optional<EdgeRecord> GetEdge(const std::string& s, const std::string& t,
                                    const std::string& o) {
    auto e = store_->GetEdge(EdgeKey(s, t, o));
    EXPECT_TRUE(e.ok());
    return e.ok() ? *e : std::nullopt;
  }

  std::vector<Evidence> GetEvidence(const std::string& s, const std::string& t,
                                    const std::string& o) {
    auto rows = store_->GetEvidence(EdgeKey(s, t, o));
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<Evidence>{};
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  bool expect_consistent_ = true;
};

// ---- Merging ----------------------------------------------------------------

TEST_F(GraphTest, SharedEntityKeyIsOneNodeWithUnionedAliases) {
  Entity first = Person("person:vladimir putin", "Vladimir Putin", {"Putin"});
  Entity second = Person("person:vladimir putin", "Vladimir Putin",
                         {"President Putin", "PUTIN"});
  second.country = "RUS";
  second.roles = {"President of Russia"};

  MergeStats a = Merge(MakeExtraction("a", "one", {first}, {}));
  EXPECT_EQ(a.entities_added, 1u);
  MergeStats b = Merge(MakeExtraction("b", "two", {second}, {}));
  EXPECT_EQ(b.entities_added, 0u);
  EXPECT_EQ(b.entities_merged, 1u);

  EXPECT_EQ(Counts().entities, 1u);
  auto stored = GetEntity("person:vladimir putin");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, "Vladimir Putin");
  // "PUTIN" is the same alias as "Putin" once normalised.
  EXPECT_THAT(stored->aliases, ElementsAre("Putin", "President Putin"));
  EXPECT_THAT(stored->roles, ElementsAre("President of Russia"));
  EXPECT_EQ(stored->country, "RUS");
  EXPECT_THAT(*store_->FindByAlias("president putin"),
              ElementsAre("person:vladimir putin"));
}

TEST_F(GraphTest, SameTripleAcrossArticlesIsOneEdge) {
  std::vector<Entity> both = {Country("RUS", "Russia"),
                              Country("PRK", "North Korea")};
  MergeStats a = Merge(MakeExtraction(
      "a", "one", both,
      {Rel("country:PRK", "supplies", "country:RUS", 0.5, "2024-01-02")},
      "2024-01-05"));
  EXPECT_EQ(a.relations_added, 1u);
  // Undated evidence counts as seen on its article's date.
  MergeStats b = Merge(MakeExtraction(
      "b", "two", both, {Rel("country:PRK", "supplies", "country:RUS", 0.6)},
      "2024-02-01"));
  EXPECT_EQ(b.relations_added, 0u);
  EXPECT_EQ(b.relations_merged, 1u);

  EXPECT_EQ(Counts().edges, 1u);
  auto edge = GetEdge("country:PRK", "supplies", "country:RUS");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->evidence_count, 2u);
  EXPECT_NEAR(edge->confidence, 1 - 0.5 * 0.4, 1e-12);
  EXPECT_EQ(edge->first_seen, "2024-01-02");
  EXPECT_EQ(edge->last_seen, "2024-02-01");
  EXPECT_THAT(ArticleIds(GetEvidence("country:PRK", "supplies", "country:RUS")),
              ElementsAre("a", "b"));
}

TEST_F(GraphTest, SameTripleTwiceInOneArticleIsOneEdgeUpdate) {
  MergeStats stats = Merge(MakeExtraction(
      "a", "text", {Country("RUS", "Russia"), Country("UKR", "Ukraine")},
      {Rel("country:RUS", "attacks", "country:UKR", 0.5),
       Rel("country:RUS", "attacks", "country:UKR", 0.5)}));
  EXPECT_EQ(stats.relations_added, 1u);
  EXPECT_EQ(stats.relations_merged, 0u);
  auto edge = GetEdge("country:RUS", "attacks", "country:UKR");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->evidence_count, 2u);
  EXPECT_NEAR(edge->confidence, 0.75, 1e-12);
  EXPECT_EQ(GetEvidence("country:RUS", "attacks", "country:UKR").size(), 2u);
  auto article = store_->GetArticle("a");
  ASSERT_TRUE(article.ok() && article->has_value());
  EXPECT_THAT((*article)->edge_keys,
              ElementsAre(EdgeKey("country:RUS", "attacks", "country:UKR")));
  EXPECT_THAT((*article)->entity_keys,
              ElementsAre("country:RUS", "country:UKR"));
}

TEST_F(GraphTest, IdenticalArticleIsUnchanged) {
  Extraction x = MakeExtraction(
      "a", "text", {Country("RUS", "Russia"), Country("CHN", "China")},
      {Rel("country:RUS", "supports", "country:CHN")});
  MergeStats first = Merge(x);
  EXPECT_FALSE(first.unchanged);
  StoreCounts before = Counts();

  MergeStats again = Merge(x);
  EXPECT_TRUE(again.unchanged);
  EXPECT_FALSE(again.replaced);
  EXPECT_EQ(again.entities_added + again.entities_merged +
                again.relations_added + again.relations_merged,
            0u);
  StoreCounts after = Counts();
  EXPECT_EQ(after.articles, before.articles);
  EXPECT_EQ(after.entities, before.entities);
  EXPECT_EQ(after.edges, before.edges);
  EXPECT_EQ(after.evidence, before.evidence);
  EXPECT_EQ(GetEdge("country:RUS", "supports", "country:CHN")->evidence_count,
            1u);
}

TEST_F(GraphTest, ChangedArticleReplacesItsEvidence) {
  std::vector<Entity> all = {Country("USA", "United States"),
                             Country("IRN", "Iran"), Country("ISR", "Israel")};
  Merge(MakeExtraction("a", "version 1", all,
                       {Rel("country:USA", "sanctions", "country:IRN", 0.9),
                        Rel("country:IRN", "threatens", "country:ISR", 0.8)},
                       "2024-01-01"));
  Merge(MakeExtraction("b", "other", all,
                       {Rel("country:IRN", "threatens", "country:ISR", 0.3)},
                       "2024-02-01"));

  MergeStats stats = Merge(MakeExtraction(
      "a", "version 2", all,
      {Rel("country:USA", "supports", "country:ISR", 0.7)}, "2024-03-01"));
  EXPECT_TRUE(stats.replaced);
  EXPECT_FALSE(stats.unchanged);
  EXPECT_EQ(stats.relations_added, 1u);

  // Only "a" backed the sanctions edge: it is gone, evidence and all.
  EXPECT_FALSE(GetEdge("country:USA", "sanctions", "country:IRN"));
  EXPECT_THAT(GetEvidence("country:USA", "sanctions", "country:IRN"),
              IsEmpty());
  // "b" still backs the threat: recomputed from b's evidence alone.
  auto threat = GetEdge("country:IRN", "threatens", "country:ISR");
  ASSERT_TRUE(threat);
  EXPECT_EQ(threat->evidence_count, 1u);
  EXPECT_NEAR(threat->confidence, 0.3, 1e-12);
  EXPECT_EQ(threat->first_seen, "2024-02-01");
  EXPECT_EQ(threat->last_seen, "2024-02-01");
  EXPECT_THAT(
      ArticleIds(GetEvidence("country:IRN", "threatens", "country:ISR")),
      ElementsAre("b"));
  ASSERT_TRUE(GetEdge("country:USA", "supports", "country:ISR"));

  StoreCounts counts = Counts();
  EXPECT_EQ(counts.articles, 2u);
  EXPECT_EQ(counts.edges, 2u);
  EXPECT_EQ(counts.evidence, 2u);
  auto article = store_->GetArticle("a");
  ASSERT_TRUE(article.ok() && article->has_value());
  EXPECT_THAT((*article)->edge_keys,
              ElementsAre(EdgeKey("country:USA", "supports", "country:ISR")));
}

TEST_F(GraphTest, ChangedArticleKeepsRepeatedRelationOnce) {
  std::vector<Entity> both = {Country("RUS", "Russia"),
                              Country("UKR", "Ukraine")};
  Merge(MakeExtraction("a", "v1", both,
                       {Rel("country:RUS", "attacks", "country:UKR", 0.5)}));
  MergeStats stats = Merge(MakeExtraction(
      "a", "v2", both, {Rel("country:RUS", "attacks", "country:UKR", 0.6)}));
  EXPECT_TRUE(stats.replaced);
  auto edge = GetEdge("country:RUS", "attacks", "country:UKR");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->evidence_count, 1u);
  EXPECT_NEAR(edge->confidence, 0.6, 1e-12);
  EXPECT_EQ(Counts().evidence, 1u);
}

TEST_F(GraphTest, UniqueAliasResolvesToStoredEntity) {
  Merge(MakeExtraction(
      "a", "one",
      {Person("person:vladimir putin", "Vladimir Putin", {"Putin"})}, {}));
  MergeStats stats = Merge(MakeExtraction(
      "b", "two", {Person("person:putin", "Putin"), Country("CHN", "China")},
      {Rel("person:putin", "visits", "country:CHN")}));
  EXPECT_EQ(stats.entities_merged, 1u);
  EXPECT_EQ(stats.entities_added, 1u);  // China

  EXPECT_FALSE(GetEntity("person:putin"));
  EXPECT_TRUE(GetEdge("person:vladimir putin", "visits", "country:CHN"));
  auto article = store_->GetArticle("b");
  ASSERT_TRUE(article.ok() && article->has_value());
  EXPECT_THAT((*article)->entity_keys,
              ElementsAre("person:vladimir putin", "country:CHN"));
}

TEST_F(GraphTest, AmbiguousAliasStaysSeparate) {
  Merge(MakeExtraction(
      "a", "one",
      {Person("person:vladimir putin", "Vladimir Putin", {"Putin"}),
       Person("person:lyudmila putina", "Lyudmila Putina", {"Putin"}),
       // Another type answering to the name does not count.
       MakeEntity("org:putin", "Putin", EntityType::kOrganization)},
      {}));
  MergeStats stats =
      Merge(MakeExtraction("b", "two", {Person("person:putin", "Putin")}, {}));
  EXPECT_EQ(stats.entities_added, 1u);
  EXPECT_EQ(stats.entities_merged, 0u);
  EXPECT_TRUE(GetEntity("person:putin"));
  EXPECT_EQ(Counts().entities, 4u);
}

TEST_F(GraphTest, AliasOfOtherTypeDoesNotMerge) {
  Merge(MakeExtraction(
      "a", "one",
      {MakeEntity("region:georgia", "Georgia", EntityType::kRegion)}, {}));
  Merge(MakeExtraction("b", "two", {Country("GEO", "Georgia")}, {}));
  EXPECT_TRUE(GetEntity("country:GEO"));
  EXPECT_EQ(Counts().entities, 2u);
}

TEST_F(GraphTest, SymmetricRelationIsStoredOnceWhateverTheDirection) {
  std::vector<Entity> both = {Country("USA", "United States"),
                              Country("CHN", "China")};
  Merge(MakeExtraction("a", "one", both,
                       {Rel("country:USA", "meets", "country:CHN")}));
  MergeStats stats = Merge(MakeExtraction(
      "b", "two", both, {Rel("country:CHN", "meets", "country:USA")}));
  EXPECT_EQ(stats.relations_merged, 1u);

  EXPECT_FALSE(GetEdge("country:USA", "meets", "country:CHN"));
  auto edge = GetEdge("country:CHN", "meets", "country:USA");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->evidence_count, 2u);

  // A directed type keeps both directions apart.
  Merge(MakeExtraction("c", "three", both,
                       {Rel("country:USA", "warns", "country:CHN"),
                        Rel("country:CHN", "warns", "country:USA")}));
  EXPECT_EQ(Counts().edges, 3u);
}

TEST_F(GraphTest, RoleAndAttributionFollowResolution) {
  Merge(MakeExtraction(
      "a", "one",
      {Person("person:vladimir putin", "Vladimir Putin", {"Putin"})}, {}));
  Relation role = Rel("person:putin", "role", "country:RUS");
  role.role = "President of Russia";
  role.evidence.attributed_to = "person:putin";
  Merge(MakeExtraction(
      "b", "two", {Person("person:putin", "Putin"), Country("RUS", "Russia")},
      {role}));

  auto edge = GetEdge("person:vladimir putin", "role", "country:RUS");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->role, "President of Russia");
  auto rows = GetEvidence("person:vladimir putin", "role", "country:RUS");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].attributed_to, "person:vladimir putin");
  EXPECT_EQ(rows[0].article_id, "b");
}

TEST_F(GraphTest, RelationToUnknownEntityIsRejectedAndNothingWritten) {
  auto stats = GraphWriter(*store_).MergeArticle(
      MakeExtraction("a", "one", {Country("RUS", "Russia")},
                     {Rel("country:RUS", "attacks", "country:XXX")}));
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(stats.status().message(), ::testing::HasSubstr("country:XXX"));
  StoreCounts counts = Counts();
  EXPECT_EQ(counts.articles + counts.entities + counts.edges + counts.evidence,
            0u);
}

TEST_F(GraphTest, KeysWithSeparatorBytesAreRejected) {
  auto stats = GraphWriter(*store_).MergeArticle(MakeExtraction(
      "a", "one", {Country(std::string("R\x1fUS"), "Russia")}, {}));
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Counts().entities, 0u);
}

TEST_F(GraphTest, LoadGraphReadsEverythingAndSkipsDanglingEdges) {
  expect_consistent_ = false;
  Merge(MakeExtraction("a", "one",
                       {Country("RUS", "Russia"), Country("CHN", "China")},
                       {Rel("country:RUS", "supports", "country:CHN")}));
  WriteSet dangling;
  EdgeRecord edge;
  edge.source = "country:RUS";
  edge.type = "supplies";
  edge.target = "country:NOPE";
  edge.evidence_count = 1;
  dangling.PutEdge(edge);
  ASSERT_TRUE(store_->Commit(dangling).ok());

  auto graph = LoadGraph(*store_);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  ASSERT_EQ(graph->entities.size(), 2u);
  ASSERT_EQ(graph->edges.size(), 1u);
  EXPECT_EQ(graph->edges[0].record.type, "supports");
  EXPECT_EQ(graph->edges[0].evidence.size(), 1u);
  EXPECT_EQ(graph->entities[graph->edge_source[0]].key, "country:RUS");
  EXPECT_EQ(graph->entities[graph->edge_target[0]].key, "country:CHN");
  EXPECT_EQ(graph->index_of_key.at("country:CHN"), graph->edge_target[0]);

  auto bare = LoadGraph(*store_, {.with_evidence = false});
  ASSERT_TRUE(bare.ok());
  EXPECT_THAT(bare->edges[0].evidence, IsEmpty());
}

// ---- Names that could be several nodes ---------------------------------------

TEST_F(GraphTest, BareSurnameJoinsTheOnePersonOfThatLastName) {
  Merge(MakeExtraction("a", "one", {Person("person:tony blair", "Tony Blair")}, {}));
  MergeStats stats = Merge(MakeExtraction(
      "b", "two", {Person("person:blair", "Blair"), Country("FRA", "France")},
      {Rel("person:blair", "visits", "country:FRA")}));
  EXPECT_EQ(stats.entities_merged, 1u);
  EXPECT_EQ(stats.kept_apart, 0u);
  EXPECT_FALSE(GetEntity("person:blair"));
  EXPECT_TRUE(GetEdge("person:tony blair", "visits", "country:FRA"));
  EXPECT_THAT(GetEntity("person:tony blair")->aliases, ElementsAre("Blair"));
  EXPECT_THAT(GetArticle("b")->kept_apart, IsEmpty());
}

TEST_F(GraphTest, FamilyNameWrittenFirstJoinsByFirstWord) {
  Merge(MakeExtraction("a", "one", {Person("person:kim jong un", "Kim Jong-un")}, {}));
  Merge(MakeExtraction("b", "two", {Person("person:kim", "Kim")}, {}));
  EXPECT_FALSE(GetEntity("person:kim"));
  EXPECT_THAT(GetEntity("person:kim jong un")->aliases, ElementsAre("Kim"));
}

TEST_F(GraphTest, AmbiguousSurnameIsKeptApartWithTheReason) {
  Merge(MakeExtraction("a", "one",
                       {Person("person:tony blair", "Tony Blair"),
                        Person("person:cherie blair", "Cherie Blair")},
                       {}));
  MergeStats stats =
      Merge(MakeExtraction("b", "two", {Person("person:blair", "Blair")}, {}));
  EXPECT_EQ(stats.entities_added, 1u);
  EXPECT_EQ(stats.kept_apart, 1u);
  EXPECT_TRUE(GetEntity("person:blair"));
  auto b = GetArticle("b");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->kept_apart.size(), 1u);
  EXPECT_EQ(b->kept_apart[0].entity_key, "person:blair");
  EXPECT_EQ(b->kept_apart[0].name, "Blair");
  EXPECT_THAT(b->kept_apart[0].candidates,
              ElementsAre("person:cherie blair", "person:tony blair"));
  EXPECT_THAT(GetEntity("person:tony blair")->aliases, IsEmpty());
}

TEST_F(GraphTest, SurnameAmbiguousBetweenArticleAndGraphIsKeptApart) {
  Merge(MakeExtraction("a", "one", {Person("person:tony blair", "Tony Blair")}, {}));
  // The article names another Blair in full: "Blair" alone could be either.
  MergeStats stats = Merge(MakeExtraction(
      "b", "two",
      {Person("person:blair", "Blair"), Person("person:euan blair", "Euan Blair")},
      {}));
  EXPECT_EQ(stats.kept_apart, 1u);
  EXPECT_THAT(GetArticle("b")->kept_apart[0].candidates,
              ElementsAre("person:euan blair", "person:tony blair"));
}

TEST_F(GraphTest, SurnameUniqueInTheArticleJoinsItsFullName) {
  MergeStats stats = Merge(MakeExtraction(
      "a", "one",
      {Person("person:blair", "Blair"), Person("person:euan blair", "Euan Blair"),
       Country("FRA", "France")},
      {Rel("person:blair", "visits", "country:FRA")}));
  EXPECT_EQ(stats.entities_added, 2u);
  EXPECT_EQ(stats.kept_apart, 0u);
  EXPECT_FALSE(GetEntity("person:blair"));
  EXPECT_TRUE(GetEdge("person:euan blair", "visits", "country:FRA"));
}

TEST_F(GraphTest, AmbiguousAliasOfOtherKindIsKeptApartToo) {
  Merge(MakeExtraction("a", "one",
                       {MakeEntity("org:un", "United Nations", EntityType::kOrganization, {"UN"}),
                        MakeEntity("org:un lab", "Union Lab", EntityType::kOrganization, {"UN"})},
                       {}));
  Merge(MakeExtraction("b", "two", {MakeEntity("org:u n", "UN", EntityType::kOrganization)}, {}));
  EXPECT_TRUE(GetEntity("org:u n"));
  ASSERT_EQ(GetArticle("b")->kept_apart.size(), 1u);
  EXPECT_THAT(GetArticle("b")->kept_apart[0].candidates, ElementsAre("org:un", "org:un lab"));
}

TEST_F(GraphTest, NameOfNoLettersJoinsNothing) {
  Merge(MakeExtraction("a", "one", {MakeEntity("org:x", "...", EntityType::kOrganization)}, {}));
  MergeStats stats =
      Merge(MakeExtraction("b", "two", {MakeEntity("org:y", "-", EntityType::kOrganization)}, {}));
  EXPECT_EQ(stats.entities_added, 1u);
  EXPECT_THAT(*store_->FindByAlias("..."), IsEmpty());
}

// ---- Taking articles out: replacement, removal, garbage collection ----------

TEST_F(GraphTest, EntityOnlyTheOldVersionMentionedDisappears) {
  std::vector<Entity> v1 = {Country("USA", "United States"), Country("IRN", "Iran"),
                            Person("person:ali khamenei", "Ali Khamenei", {"Khamenei"})};
  Merge(MakeExtraction("a", "version 1", v1,
                       {Rel("person:ali khamenei", "warns", "country:USA")}));
  Merge(MakeExtraction("b", "other", {Country("USA", "United States")}, {}));
  MergeStats stats = Merge(MakeExtraction(
      "a", "version 2", {Country("USA", "United States"), Country("IRN", "Iran")},
      {Rel("country:USA", "sanctions", "country:IRN")}));
  EXPECT_TRUE(stats.replaced);
  EXPECT_EQ(stats.entities_removed, 1u);
  EXPECT_EQ(stats.relations_removed, 1u);
  EXPECT_FALSE(GetEntity("person:ali khamenei"));
  EXPECT_THAT(*store_->FindByAlias("Khamenei"), IsEmpty());
  EXPECT_THAT(*store_->FindByNamePart("Khamenei", NamePart::kLast), IsEmpty());
  EXPECT_TRUE(GetEntity("country:USA"));
  EXPECT_EQ(Counts().entities, 2u);
}

TEST_F(GraphTest, NamesRolesAndCountryLeaveWithTheArticleThatGaveThem) {
  Entity plain = Person("person:vladimir putin", "Vladimir Putin");
  Entity rich = Person("person:vladimir putin", "Vladimir Putin", {"Vova"});
  rich.roles = {"President of Russia"};
  rich.country = "RUS";
  Merge(MakeExtraction("a", "one", {plain}, {}));
  Merge(MakeExtraction("b", "two", {rich}, {}));
  ASSERT_THAT(*store_->FindByAlias("Vova"), ElementsAre("person:vladimir putin"));

  MergeStats stats = Merge(MakeExtraction("b", "two, corrected", {plain}, {}));
  EXPECT_EQ(stats.entities_removed, 0u);
  auto putin = GetEntity("person:vladimir putin");
  ASSERT_TRUE(putin);
  EXPECT_THAT(putin->aliases, IsEmpty());
  EXPECT_THAT(putin->roles, IsEmpty());
  EXPECT_EQ(putin->country, "");
  EXPECT_THAT(*store_->FindByAlias("Vova"), IsEmpty());
}

TEST_F(GraphTest, RemoveArticleTakesOutWhatOnlyItBacked) {
  std::vector<Entity> all = {Country("USA", "United States"), Country("IRN", "Iran"),
                             Country("ISR", "Israel")};
  Merge(MakeExtraction("a", "one", all, {Rel("country:IRN", "threatens", "country:ISR", 0.8)},
                       "2024-01-01"));
  Merge(MakeExtraction("b", "two", {all[1], all[2]},
                       {Rel("country:IRN", "threatens", "country:ISR", 0.3)}, "2024-02-01"));

  MergeStats stats = Remove("a");
  EXPECT_EQ(stats.evidence_removed, 1u);
  EXPECT_EQ(stats.relations_removed, 0u);
  EXPECT_EQ(stats.entities_removed, 1u);  // only "a" named the United States
  EXPECT_FALSE(GetArticle("a"));
  EXPECT_FALSE(GetEntity("country:USA"));
  auto threat = GetEdge("country:IRN", "threatens", "country:ISR");
  ASSERT_TRUE(threat);
  EXPECT_EQ(threat->evidence_count, 1u);
  EXPECT_NEAR(threat->confidence, 0.3, 1e-12);
  EXPECT_EQ(threat->first_seen, "2024-02-01");

  stats = Remove("b");
  EXPECT_EQ(stats.relations_removed, 1u);
  EXPECT_EQ(stats.entities_removed, 2u);
  StoreCounts counts = Counts();
  EXPECT_EQ(counts.articles + counts.entities + counts.edges + counts.evidence, 0u);
  EXPECT_EQ(Dump(), "");

  auto missing = GraphWriter(*store_).RemoveArticle("a");
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_EQ(missing.status().message(), dir_ + ": no article 'a'");
}

TEST_F(GraphTest, SpeakerIsListedByTheArticleAndKeptAlive) {
  Relation said = Rel("country:RUS", "warns", "country:USA");
  said.evidence.attributed_to = "person:dmitry peskov";
  Merge(MakeExtraction("a", "one",
                       {Country("RUS", "Russia"), Country("USA", "United States"),
                        Person("person:dmitry peskov", "Dmitry Peskov")},
                       {said}));
  Relation unknown = Rel("country:RUS", "warns", "country:USA");
  unknown.evidence.attributed_to = "person:nobody";
  auto stats = GraphWriter(*store_).MergeArticle(
      MakeExtraction("b", "two", {Country("RUS", "Russia"), Country("USA", "United States")},
                     {unknown}));
  ASSERT_FALSE(stats.ok());
  EXPECT_THAT(stats.status().message(), ::testing::HasSubstr("person:nobody"));
}

// Ingesting a, b, c and then changing and removing some ends where ingesting
// only what is left would: the canonical dumps are byte for byte the same.
TEST_F(GraphTest, SameContentGivesTheSameDumpWhateverTheHistory) {
  std::vector<Entity> countries = {Country("RUS", "Russia"), Country("UKR", "Ukraine"),
                                   Country("USA", "United States")};
  Entity zelensky = Person("person:volodymyr zelensky", "Volodymyr Zelensky", {"Zelensky"});
  zelensky.roles = {"President of Ukraine"};
  zelensky.country = "UKR";
  Extraction a = MakeExtraction("a", "a", {countries[0], countries[1], zelensky},
                                {Rel("country:RUS", "attacks", "country:UKR", 0.7, "2024-02-24"),
                                 Rel("person:volodymyr zelensky", "criticizes", "country:RUS", 0.4)},
                                "2024-02-25");
  Extraction b = MakeExtraction("b", "b", countries,
                                {Rel("country:USA", "supports", "country:UKR", 0.9),
                                 Rel("country:RUS", "attacks", "country:UKR", 0.35)},
                                "2024-03-01");
  Extraction b_old = MakeExtraction("b", "b, first version", countries,
                                    {Rel("country:USA", "sanctions", "country:RUS", 0.8)});
  Entity vova = Person("person:vladimir putin", "Vladimir Putin", {"Vova"});
  Extraction c = MakeExtraction("c", "c", {countries[0], vova, zelensky},
                                {Rel("person:vladimir putin", "meets", "person:volodymyr zelensky", 0.2)});

  Merge(a);
  Merge(b);
  std::string plain = Dump();
  ASSERT_NE(plain, "");

  GraphTest::TearDown();
  GraphTest::SetUp();
  Merge(c);
  Merge(b_old);
  Merge(a);
  Merge(b);  // replaces b_old
  Merge(a);  // unchanged
  Remove("c");
  EXPECT_EQ(Dump(), plain);
}

TEST_F(GraphTest, CheckGraphReportsWhatIsBroken) {
  expect_consistent_ = false;
  Merge(MakeExtraction("a", "one", {Country("RUS", "Russia"), Country("CHN", "China")},
                       {Rel("country:RUS", "supports", "country:CHN", 0.5)}));
  EXPECT_THAT(Problems(), IsEmpty());

  WriteSet w;
  EdgeRecord edge = *GetEdge("country:RUS", "supports", "country:CHN");
  edge.evidence_count = 3;  // has 1
  w.PutEdge(edge);
  EdgeRecord dangling;
  dangling.source = "country:RUS";
  dangling.type = "attacks";
  dangling.target = "country:XXX";
  dangling.evidence_count = 1;
  dangling.confidence = 0.5;
  w.PutEdge(dangling);
  Evidence ghost;
  ghost.article_id = "ghost";
  ghost.confidence = 0.5;
  w.AddEvidence(EdgeKey("country:RUS", "attacks", "country:XXX"), ghost);
  w.PutEntity(Country("FRA", "France"));  // no article lists it
  ASSERT_TRUE(store_->Commit(w).ok());

  using ::testing::HasSubstr;
  EXPECT_THAT(Problems(),
              ::testing::IsSupersetOf({
                  HasSubstr("relation country:RUS -supports-> country:CHN counts 3 pieces of "
                            "evidence, has 1"),
                  HasSubstr("relation country:RUS -attacks-> country:XXX: entity 'country:XXX' "
                            "does not exist"),
                  HasSubstr("evidence of country:RUS -attacks-> country:XXX names article "
                            "'ghost', which does not exist"),
                  HasSubstr("entity 'country:FRA' is listed by no article"),
              }));
}

// ---- Queries on a hand-built snapshot ---------------------------------------

// A -> B <- C -> D, plus E alone. Edge indexes 0, 1, 2.
GraphSnapshot Chain() {
  GraphSnapshot g;
  for (const char* key : {"A", "B", "C", "D", "E"}) {
    g.entities.push_back(Person(key, key));
  }
  auto edge = [&g](const char* s, const char* type, const char* t) {
    GraphEdge e;
    e.record.source = s;
    e.record.type = type;
    e.record.target = t;
    g.edges.push_back(e);
  };
  edge("A", "warns", "B");
  edge("C", "warns", "B");
  edge("C", "warns", "D");
  g.Reindex();
  return g;
}

struct HopView {
  std::string from, to;
  uint32_t edge;
  bool forward;
  bool operator==(const HopView&) const = default;
};

std::vector<HopView> Hops(const GraphSnapshot& g, const Path& path) {
  std::vector<HopView> hops;
  for (const PathHop& h : path.hops) {
    hops.push_back(
        {g.entities[h.from].key, g.entities[h.to].key, h.edge, h.forward});
  }
  return hops;
}

TEST(PathTest, ChainFindsThreeHopsWithEdgesAndDirections) {
  GraphSnapshot g = Chain();
  auto path =
      FindShortestPath(g, g.index_of_key.at("A"), g.index_of_key.at("D"));
  ASSERT_TRUE(path);
  EXPECT_EQ(Hops(g, *path), (std::vector<HopView>{{"A", "B", 0, true},
                                                  {"B", "C", 1, false},
                                                  {"C", "D", 2, true}}));
  auto back =
      FindShortestPath(g, g.index_of_key.at("D"), g.index_of_key.at("A"));
  ASSERT_TRUE(back);
  EXPECT_EQ(Hops(g, *back), (std::vector<HopView>{{"D", "C", 2, false},
                                                  {"C", "B", 1, true},
                                                  {"B", "A", 0, false}}));
}

TEST(PathTest, NoneWhenUnknownUnreachableOrTooLong) {
  GraphSnapshot g = Chain();
  uint32_t a = g.index_of_key.at("A"), d = g.index_of_key.at("D"),
           e = g.index_of_key.at("E");
  EXPECT_FALSE(FindShortestPath(g, a, e));
  EXPECT_FALSE(FindShortestPath(g, a, 99));
  EXPECT_FALSE(FindShortestPath(g, 99, a));
  EXPECT_FALSE(FindShortestPath(g, a, d, {.max_hops = 2}));
  EXPECT_TRUE(FindShortestPath(g, a, d, {.max_hops = 3}));
}

TEST(PathTest, SameVertexIsEmptyPath) {
  GraphSnapshot g = Chain();
  auto path = FindShortestPath(g, 1, 1);
  ASSERT_TRUE(path);
  EXPECT_THAT(path->hops, IsEmpty());
}

TEST(PathTest, DirectedFollowsEdgesForwardOnly) {
  GraphSnapshot g = Chain();
  uint32_t a = g.index_of_key.at("A"), b = g.index_of_key.at("B"),
           c = g.index_of_key.at("C"), d = g.index_of_key.at("D");
  PathOptions directed{.directed = true};
  EXPECT_FALSE(FindShortestPath(g, a, d, directed));  // B <- C blocks the way
  EXPECT_FALSE(FindShortestPath(g, b, a, directed));
  auto cd = FindShortestPath(g, c, d, directed);
  ASSERT_TRUE(cd);
  EXPECT_EQ(Hops(g, *cd), (std::vector<HopView>{{"C", "D", 2, true}}));
}

TEST(PathTest, DirectedTraversesSymmetricEdgesBothWays) {
  GraphSnapshot g;
  g.entities = {Person("X", "X"), Person("Y", "Y")};
  GraphEdge meets;
  meets.record.source = "X";
  meets.record.type = "meets";
  meets.record.target = "Y";
  g.edges = {meets};
  g.Reindex();
  auto path = FindShortestPath(g, 1, 0, {.directed = true});
  ASSERT_TRUE(path);
  EXPECT_EQ(Hops(g, *path), (std::vector<HopView>{{"Y", "X", 0, false}}));
}

std::vector<std::string> Keys(const GraphSnapshot& g) {
  std::vector<std::string> keys;
  for (const Entity& e : g.entities) keys.push_back(e.key);
  return keys;
}

TEST(NeighborhoodTest, DepthOneAndTwo) {
  GraphSnapshot g = Chain();
  uint32_t a = g.index_of_key.at("A");

  GraphSnapshot one = Neighborhood(g, a, 1);
  EXPECT_THAT(Keys(one), ElementsAre("A", "B"));
  ASSERT_EQ(one.edges.size(), 1u);
  EXPECT_EQ(one.entities[one.edge_source[0]].key, "A");
  EXPECT_EQ(one.entities[one.edge_target[0]].key, "B");

  GraphSnapshot two = Neighborhood(g, a, 2);
  EXPECT_THAT(Keys(two), ElementsAre("A", "B", "C"));
  EXPECT_EQ(two.edges.size(),
            2u);  // C -> D leaves the part, so it is not in it

  GraphSnapshot from_b = Neighborhood(g, g.index_of_key.at("B"), 1);
  EXPECT_THAT(Keys(from_b), ElementsAre("A", "B", "C"));

  EXPECT_THAT(Keys(Neighborhood(g, a, 0)), ElementsAre("A"));
  EXPECT_THAT(Keys(Neighborhood(g, 99, 2)), IsEmpty());
}

TEST(ResolveNameTest, NameAliasAndSurname) {
  GraphSnapshot g;
  g.entities = {
      Person("person:vladimir putin", "Vladimir Putin", {"President Putin"}),
      Person("person:kim jong un", "Kim Jong-un"),
      Country("RUS", "Russia"),
      Person("person:lyudmila putina", "Lyudmila Putina"),
      Person("person:joe biden", "Joe Biden"),
      Person("person:hunter biden", "Hunter Biden"),
      MakeEntity("org:putin", "Putin Fund", EntityType::kOrganization)};
  g.Reindex();

  struct Case {
    const char* query;
    std::vector<uint32_t> want;
  } cases[] = {
      {"Vladimir Putin", {0}},
      {"president putin", {0}},  // alias
      {"Kim Jong Un", {1}},      // normalised
      {"Russia's", {2}},
      {"Putin", {0}},     // surname of a Person only
      {"Biden", {4, 5}},  // ambiguous: both
      {"Fund", {}},       // not a Person
      {"Vladimir", {}},
      {"", {}},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(ResolveName(g, c.query), ::testing::ContainerEq(c.want))
        << c.query;
  }
}

TEST(ResolveNameTest, ExactMatchHidesSurnameMatches) {
  GraphSnapshot g;
  g.entities = {Person("person:vladimir putin", "Vladimir Putin"),
                MakeEntity("city:putin", "Putin", EntityType::kCity)};
  g.Reindex();
  EXPECT_THAT(ResolveName(g, "Putin"), ElementsAre(1u));
}

TEST_F(GraphTest, PathOverMergedArticles) {
  Merge(MakeExtraction(
      "a", "one",
      {Person("person:vladimir putin", "Vladimir Putin"),
       Person("person:kim jong un", "Kim Jong-un"), Country("CHN", "China")},
      {Rel("person:vladimir putin", "meets", "person:kim jong un"),
       Rel("person:kim jong un", "visits", "country:CHN")}));
  auto graph = LoadGraph(*store_);
  ASSERT_TRUE(graph.ok());
  auto from = ResolveName(*graph, "Putin");
  auto to = ResolveName(*graph, "China");
  ASSERT_EQ(from.size(), 1u);
  ASSERT_EQ(to.size(), 1u);
  auto path = FindShortestPath(*graph, from[0], to[0]);
  ASSERT_TRUE(path);
  ASSERT_EQ(path->hops.size(), 2u);
  EXPECT_EQ(graph->entities[path->hops[0].to].key, "person:kim jong un");
}

}  // namespace
}  // namespace kg
