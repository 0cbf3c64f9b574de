// Tests of graph/adjacency.h: the snapshot's shortest paths agree with
// FindShortestPath on the loaded graph (same hop count and weight, for
// every pair, either way and directed), and a snapshot that no longer
// describes the database, or is damaged, is not used.

#include "graph/adjacency.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "graph/graph.h"
#include "storage/storage.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

class AdjacencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() / ("kg-adjacency-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static Entity Org(int n) {
    return {"org:org " + std::to_string(n), "Org " + std::to_string(n), EntityType::kOrganization, "", {}, {}};
  }

  // Articles of random relations among `nodes` actors; relation types mixed
  // (meets is symmetric), confidences varied so that weights differ.
  void Build(int nodes, int articles, int per_article, unsigned seed) {
    auto store = Store::Open(dir_, Store::Mode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().message();
    GraphWriter writer(**store);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> node(0, nodes - 1);
    const char* types[] = {"meets", "supports", "criticizes", "visits"};
    for (int a = 0; a < articles; ++a) Merge(writer, a, per_article, rng, node, types);
  }

  template <typename Rng, typename Dist>
  void Merge(GraphWriter& writer, int a, int per_article, Rng& rng, Dist& node, const char* const* types) {
    Extraction x;
    x.article.id = "test/" + std::to_string(a);
    x.article.text = x.article.id;
    std::vector<int> named;
    for (int k = 0; k < per_article; ++k) {
      int s = node(rng), t = node(rng);
      if (s == t) continue;
      std::string type = types[rng() % 4];
      if (type == "meets" && Org(t).key < Org(s).key) std::swap(s, t);
      for (int v : {s, t}) {
        if (std::find(named.begin(), named.end(), v) == named.end()) {
          named.push_back(v);
          x.entities.push_back(Org(v));
        }
      }
      Relation r;
      r.source = Org(s).key;
      r.type = type;
      r.target = Org(t).key;
      r.evidence.article_id = x.article.id;
      r.evidence.sentence = r.source + " " + type + " " + r.target;
      r.evidence.confidence = 0.5 + 0.1 * static_cast<double>(rng() % 5);
      x.relations.push_back(r);
    }
    auto merged = writer.MergeArticle(x);
    ASSERT_TRUE(merged.ok()) << merged.status().message();
  }

  double Weight(const GraphSnapshot& g, const std::vector<AdjacencyHop>& hops) {
    double w = 0;
    for (const AdjacencyHop& h : hops) {
      for (const GraphEdge& e : g.edges) {
        if (e.record.source == h.source && e.record.type == h.type && e.record.target == h.target) {
          w += EdgeWeight(e.record);
        }
      }
    }
    return w;
  }

  std::string dir_;
};

TEST_F(AdjacencyTest, AgreesWithFindShortestPath) {
  Build(60, 40, 4, 1);
  ASSERT_TRUE(RefreshAdjacency(dir_).ok());
  auto adj = AdjacencySnapshot::Open(dir_);
  ASSERT_TRUE(adj.ok()) << adj.status().message();
  auto store = Store::Open(dir_, Store::Mode::kReadOnly);
  ASSERT_TRUE(store.ok());
  auto graph = LoadGraph(**store, {.with_evidence = false});
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ((*adj)->entity_count(), graph->entities.size());
  EXPECT_EQ((*adj)->relation_count(), graph->edges.size());

  size_t compared = 0, connected = 0;
  for (bool directed : {false, true}) {
    for (int max_hops : {2, 6}) {
      PathOptions options{.max_hops = max_hops, .directed = directed};
      for (uint32_t a = 0; a < graph->entities.size(); ++a) {
        for (uint32_t b = 0; b < graph->entities.size(); ++b) {
          auto expected = FindShortestPath(*graph, a, b, options);
          auto va = (*adj)->Find(graph->entities[a].key), vb = (*adj)->Find(graph->entities[b].key);
          ASSERT_TRUE(va && vb);
          auto found = (*adj)->ShortestPath(*va, *vb, options);
          ASSERT_TRUE(found.ok()) << found.status().message();
          ++compared;
          ASSERT_EQ(expected.has_value(), found->has_value())
              << graph->entities[a].key << " -> " << graph->entities[b].key << (directed ? " directed" : "");
          if (!expected) continue;
          connected += !expected->hops.empty();
          const std::vector<AdjacencyHop>& hops = **found;
          ASSERT_EQ(expected->hops.size(), hops.size());
          EXPECT_NEAR(expected->weight, Weight(*graph, hops), 1e-9);
          // The hops chain from a to b, each over a relation in the graph,
          // walked the way it goes (or any way when undirected/symmetric).
          std::string at = graph->entities[a].key;
          for (const AdjacencyHop& h : hops) {
            EXPECT_EQ(h.from, at);
            EXPECT_EQ(h.forward ? h.source : h.target, h.from);
            EXPECT_EQ(h.forward ? h.target : h.source, h.to);
            if (directed) {
              EXPECT_TRUE(h.forward || IsSymmetricRelation(h.type));
            }
            at = h.to;
          }
          EXPECT_EQ(at, graph->entities[b].key);
        }
      }
    }
  }
  EXPECT_GT(connected, compared / 4);
}

TEST_F(AdjacencyTest, StaleAfterAnyWriteAndFreshAfterRefresh) {
  Build(20, 5, 3, 2);
  auto missing = AdjacencySnapshot::Open(dir_);
  EXPECT_TRUE(missing.status().IsNotFound());
  ASSERT_TRUE(RefreshAdjacency(dir_).ok());
  EXPECT_TRUE(AdjacencyIsFresh(dir_));
  {
    // Reading the database does not make the snapshot stale.
    auto reader = Store::Open(dir_, Store::Mode::kReadOnly);
    ASSERT_TRUE(reader.ok());
  }
  EXPECT_TRUE(AdjacencyIsFresh(dir_));
  Build(20, 1, 3, 3);  // another writer (a GraphWriter, like kg remove)
  EXPECT_FALSE(AdjacencyIsFresh(dir_));
  EXPECT_TRUE(AdjacencySnapshot::Open(dir_).status().IsNotFound());
  ASSERT_TRUE(RefreshAdjacency(dir_).ok());
  EXPECT_TRUE(AdjacencyIsFresh(dir_));
}

TEST_F(AdjacencyTest, DamagedFileIsCorruption) {
  Build(20, 5, 3, 4);
  ASSERT_TRUE(RefreshAdjacency(dir_).ok());
  const fs::path file = fs::path(dir_) / kAdjacencyFile;
  const auto size = fs::file_size(file);
  fs::resize_file(file, size - 8);
  EXPECT_EQ(AdjacencySnapshot::Open(dir_).status().code(), Status::Code::kCorruption);
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.write("NOTKGADJ", 8);
  }
  EXPECT_EQ(AdjacencySnapshot::Open(dir_).status().code(), Status::Code::kCorruption);
}

TEST_F(AdjacencyTest, SameActorAndUnknownKeys) {
  Build(10, 3, 3, 5);
  ASSERT_TRUE(RefreshAdjacency(dir_).ok());
  auto adj = AdjacencySnapshot::Open(dir_);
  ASSERT_TRUE(adj.ok());
  EXPECT_FALSE((*adj)->Find("org:no such actor"));
  auto v = (*adj)->Find((*adj)->Key(0));
  ASSERT_TRUE(v);
  auto self = (*adj)->ShortestPath(*v, *v, {});
  ASSERT_TRUE(self.ok() && self->has_value());
  EXPECT_TRUE((*self)->empty());
}

}  // namespace
}  // namespace kg
