// Pins down the queries of graph/ on hand-built snapshots: filters
// (relations, modalities, time window, evidence), edge weights, the k
// shortest paths (checked against brute-force enumeration on random graphs),
// all shortest paths, neighbours and centrality.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Evidence MakeEvidence(std::string article,
                      Modality modality = Modality::kAsserted,
                      std::string time = "", double confidence = 0.5) {
  Evidence e;
  e.article_id = std::move(article);
  e.sentence = "A sentence from " + e.article_id + ".";
  e.modality = modality;
  e.time = std::move(time);
  e.confidence = confidence;
  return e;
}

// Builds snapshots edge by edge; entities are people named by their keys.
class GraphBuilder {
 public:
  GraphBuilder& Entity(const std::string& key,
                       EntityType type = EntityType::kPerson) {
    kg::Entity e;
    e.key = key;
    e.name = key;
    e.type = type;
    graph_.entities.push_back(e);
    return *this;
  }
  GraphBuilder& Edge(const std::string& source, const std::string& type,
                     const std::string& target,
                     std::vector<Evidence> evidence = {MakeEvidence("a")}) {
    GraphEdge edge;
    edge.record.source = source;
    edge.record.type = type;
    edge.record.target = target;
    edge.record.evidence_count = static_cast<uint32_t>(evidence.size());
    double doubt = 1;
    for (const Evidence& e : evidence) doubt *= 1 - e.confidence;
    edge.record.confidence = 1 - doubt;
    edge.evidence = std::move(evidence);
    graph_.edges.push_back(edge);
    return *this;
  }
  GraphSnapshot Build() {
    graph_.Reindex();
    return graph_;
  }

 private:
  GraphSnapshot graph_;
};

std::vector<std::string> Keys(const GraphSnapshot& g) {
  std::vector<std::string> keys;
  for (const Entity& e : g.entities) keys.push_back(e.key);
  return keys;
}

std::vector<std::string> EdgeNames(const GraphSnapshot& g) {
  std::vector<std::string> names;
  for (const GraphEdge& e : g.edges)
    names.push_back(e.record.source + " " + e.record.type + " " +
                    e.record.target);
  return names;
}

// The entities a path walks through, "A B C".
std::string Walk(const GraphSnapshot& g, const Path& path) {
  if (path.hops.empty()) return "";
  std::string out = g.entities[path.hops.front().from].key;
  for (const PathHop& hop : path.hops) out += " " + g.entities[hop.to].key;
  return out;
}

std::vector<std::string> Walks(const GraphSnapshot& g,
                               const std::vector<Path>& paths) {
  std::vector<std::string> out;
  for (const Path& p : paths) out.push_back(Walk(g, p));
  return out;
}

uint32_t Id(const GraphSnapshot& g, const std::string& key) {
  return g.index_of_key.at(key);
}

// ---- FilterGraph
// -------------------------------------------------------------

GraphSnapshot Mixed() {
  return GraphBuilder()
      .Entity("A")
      .Entity("B")
      .Entity("C")
      .Entity("D")
      .Edge("A", "visits", "B",
            {MakeEvidence("a1", Modality::kAsserted, "2023-05-02", 0.5),
             MakeEvidence("a2", Modality::kHypothetical, "2024-06", 0.5)})
      .Edge("B", "warns", "C", {MakeEvidence("a3", Modality::kDenied, "2024")})
      .Edge("C", "meets", "D",
            {MakeEvidence("a4"), MakeEvidence("a5"), MakeEvidence("a6")})
      .Build();
}

TEST(FilterGraphTest, DefaultKeepsEverything) {
  GraphSnapshot g = Mixed();
  EdgeFilter filter;
  EXPECT_TRUE(filter.KeepsEverything());
  GraphSnapshot all = FilterGraph(g, filter);
  EXPECT_EQ(Keys(all), Keys(g));
  EXPECT_EQ(EdgeNames(all), EdgeNames(g));
}

TEST(FilterGraphTest, RelationsKeepEntitiesAndTheirIndexes) {
  GraphSnapshot part = FilterGraph(Mixed(), {.relations = {"visits", "meets"}});
  EXPECT_THAT(EdgeNames(part), ElementsAre("A visits B", "C meets D"));
  EXPECT_THAT(Keys(part),
              ElementsAre("A", "B", "C", "D"));  // same indexes as the whole
}

TEST(FilterGraphTest, DropIsolated) {
  GraphSnapshot part =
      FilterGraph(Mixed(), {.relations = {"visits"}, .drop_isolated = true});
  EXPECT_THAT(Keys(part), ElementsAre("A", "B"));
  EXPECT_EQ(part.entities[part.edge_source[0]].key, "A");
}

TEST(FilterGraphTest, ExcludedModalitiesDoNotCountAndFiguresAreRecounted) {
  GraphSnapshot part = FilterGraph(
      Mixed(),
      {.exclude_modalities = {Modality::kHypothetical, Modality::kDenied}});
  EXPECT_THAT(EdgeNames(part), ElementsAre("A visits B", "C meets D"));
  const EdgeRecord& visits = part.edges[0].record;
  EXPECT_EQ(visits.evidence_count, 1u);
  EXPECT_EQ(part.edges[0].evidence.size(), 1u);
  EXPECT_DOUBLE_EQ(visits.confidence, 0.5);
  EXPECT_EQ(visits.first_seen, "2023-05-02");
  EXPECT_EQ(visits.last_seen, "2023-05-02");
}

TEST(FilterGraphTest, TimeWindowOverlapsPartialDates) {
  struct Case {
    std::string since, until;
    std::vector<std::string> edges;
  } cases[] = {
      {"2024", "", {"A visits B", "B warns C"}},  // 2024-06 and 2024 fall in
      {"2024-06-15",
       "",
       {"A visits B", "B warns C"}},       // "2024-06" overlaps the 15th on
      {"2024-07", "", {"B warns C"}},      // only the year 2024 still overlaps
      {"", "2023-12-31", {"A visits B"}},  // the 2023 sentence
      {"2023-05-03", "2023-12", {}},       // nothing in between
      {"2023", "2023", {"A visits B"}},
  };
  for (const Case& c : cases) {
    GraphSnapshot part =
        FilterGraph(Mixed(), {.since = c.since, .until = c.until});
    EXPECT_EQ(EdgeNames(part), c.edges) << c.since << " .. " << c.until;
  }
}

TEST(FilterGraphTest, UndatedEvidenceTakesItsArticleDateOrDoesNotCount) {
  GraphSnapshot g = Mixed();  // C meets D: three undated pieces, a4..a6
  std::unordered_map<std::string, std::string> dates = {{"a4", "2024-02-01"},
                                                        {"a5", "2021-01-01"}};
  GraphSnapshot part =
      FilterGraph(g, {.since = "2024-01", .article_dates = &dates});
  ASSERT_THAT(EdgeNames(part),
              ElementsAre("A visits B", "B warns C", "C meets D"));
  EXPECT_EQ(part.edges[2].record.evidence_count, 1u);
  EXPECT_EQ(part.edges[2].evidence[0].article_id, "a4");
  EXPECT_THAT(EdgeNames(FilterGraph(g, {.since = "2024-01"})),
              ElementsAre("A visits B", "B warns C"));
}

TEST(FilterGraphTest, MinEvidence) {
  EXPECT_THAT(EdgeNames(FilterGraph(Mixed(), {.min_evidence = 2})),
              ElementsAre("A visits B", "C meets D"));
  EXPECT_THAT(EdgeNames(FilterGraph(Mixed(), {.min_evidence = 3})),
              ElementsAre("C meets D"));
  // Counted after the evidence filters.
  EXPECT_THAT(EdgeNames(FilterGraph(
                  Mixed(), {.exclude_modalities = {Modality::kHypothetical},
                            .min_evidence = 2})),
              ElementsAre("C meets D"));
}

TEST(FilterGraphTest, CheckTimeBound) {
  for (const char* good : {"", "2024", "2024-06", "2024-06-18"})
    EXPECT_TRUE(CheckTimeBound(good).ok()) << good;
  for (const char* bad :
       {"24", "2024-6", "2024/06/18", "June 2024", "2024-06-18T00"}) {
    Status s = CheckTimeBound(bad);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << bad;
    EXPECT_THAT(s.message(), ::testing::HasSubstr(bad));
  }
}

// ---- EdgeWeight
// ----------------------------------------------------------------

TEST(EdgeWeightTest, WellBackedEdgesAreLighter) {
  auto weight = [](uint32_t count, double confidence) {
    EdgeRecord r;
    r.evidence_count = count;
    r.confidence = confidence;
    return EdgeWeight(r);
  };
  EXPECT_DOUBLE_EQ(weight(1, 0.5), 2.5);
  EXPECT_NEAR(weight(10, 0.99), 1 + 0.01 + 1 / (1 + std::log(10.0)), 1e-12);
  EXPECT_LT(weight(2, 0.5), weight(1, 0.5));
  EXPECT_LT(weight(1, 0.9), weight(1, 0.5));
  EXPECT_DOUBLE_EQ(weight(0, -1), 3.0);  // clamped: count 1, confidence 0
  EXPECT_GT(weight(1000000, 1.0), 1.0);
}

// ---- Paths
// -----------------------------------------------------------------------

// A diamond with a tail and a long way round:
//   S - A - T,  S - B - T,  S - C - D - T,  T - E
GraphSnapshot Diamond() {
  return GraphBuilder()
      .Entity("S")
      .Entity("A")
      .Entity("B")
      .Entity("C")
      .Entity("D")
      .Entity("T")
      .Entity("E")
      .Edge("S", "meets", "A")
      .Edge("A", "visits", "T")
      .Edge("S", "warns", "B")
      .Edge("T", "warns", "B")
      .Edge("S", "visits", "C")
      .Edge("C", "visits", "D")
      .Edge("D", "visits", "T")
      .Edge("T", "visits", "E")
      .Build();
}

TEST(KShortestPathsTest, ShortestFirstThenLonger) {
  GraphSnapshot g = Diamond();
  std::vector<Path> paths = FindKShortestPaths(g, Id(g, "S"), Id(g, "T"), 5);
  EXPECT_THAT(Walks(g, paths),
              ::testing::UnorderedElementsAre("S A T", "S B T", "S C D T"));
  ASSERT_EQ(paths.size(), 3u);
  EXPECT_EQ(Walk(g, paths[2]), "S C D T");
  EXPECT_EQ(FindKShortestPaths(g, Id(g, "S"), Id(g, "T"), 2).size(), 2u);
  EXPECT_THAT(Walks(g, FindKShortestPaths(g, Id(g, "S"), Id(g, "T"), 5,
                                          {.max_hops = 2})),
              ::testing::UnorderedElementsAre("S A T", "S B T"));
}

TEST(KShortestPathsTest, HopsKeepTrueDirection) {
  GraphSnapshot g = Diamond();
  std::vector<Path> paths = FindKShortestPaths(g, Id(g, "S"), Id(g, "T"), 3);
  for (const Path& p : paths) {
    for (const PathHop& hop : p.hops) {
      EXPECT_EQ(hop.forward, g.edge_source[hop.edge] == hop.from);
      EXPECT_EQ(hop.forward ? g.edge_target[hop.edge] : g.edge_source[hop.edge],
                hop.to);
    }
  }
}

TEST(KShortestPathsTest, DirectedFollowsArrowsButSymmetricBothWays) {
  GraphSnapshot g = Diamond();
  // S warns B but T warns B too: B -> T is against the arrow. S meets A is
  // symmetric, A visits T forward.
  EXPECT_THAT(Walks(g, FindKShortestPaths(g, Id(g, "S"), Id(g, "T"), 5,
                                          {.directed = true})),
              ElementsAre("S A T", "S C D T"));
  EXPECT_THAT(Walks(g, FindKShortestPaths(g, Id(g, "A"), Id(g, "S"), 5,
                                          {.directed = true})),
              ElementsAre("A S"));
  EXPECT_THAT(
      FindKShortestPaths(g, Id(g, "T"), Id(g, "S"), 5, {.directed = true}),
      IsEmpty());
}

TEST(KShortestPathsTest, WeightedPrefersWellBackedEdges) {
  std::vector<Evidence> many;
  for (int i = 0; i < 20; ++i)
    many.push_back(
        MakeEvidence("m" + std::to_string(i), Modality::kAsserted, "", 0.9));
  GraphSnapshot g =
      GraphBuilder()
          .Entity("S")
          .Entity("M")
          .Entity("T")
          .Edge("S", "warns", "T",
                {MakeEvidence("thin", Modality::kAsserted, "", 0.1)})
          .Edge("S", "meets", "M", many)
          .Edge("M", "meets", "T", many)
          .Build();
  auto fewest = FindShortestPath(g, Id(g, "S"), Id(g, "T"));
  ASSERT_TRUE(fewest);
  EXPECT_EQ(Walk(g, *fewest), "S T");
  auto lightest =
      FindShortestPath(g, Id(g, "S"), Id(g, "T"), {.weighted = true});
  ASSERT_TRUE(lightest);
  EXPECT_EQ(Walk(g, *lightest), "S M T");
  EXPECT_LT(lightest->weight, fewest->weight);
  EXPECT_NEAR(fewest->weight, EdgeWeight(g.edges[0].record), 1e-12);
  // With at most one hop, the weighted search must settle for the thin edge.
  auto short_only = FindShortestPath(g, Id(g, "S"), Id(g, "T"),
                                     {.max_hops = 1, .weighted = true});
  ASSERT_TRUE(short_only);
  EXPECT_EQ(Walk(g, *short_only), "S T");
}

TEST(KShortestPathsTest, ParallelRelationsAreOneHopByTheBestEdge) {
  GraphSnapshot g =
      GraphBuilder()
          .Entity("X")
          .Entity("Y")
          .Edge("X", "warns", "Y")
          .Edge("Y", "meets", "X",
                {MakeEvidence("1"), MakeEvidence("2"), MakeEvidence("3")})
          .Edge("X", "visits", "Y")
          .Build();
  std::vector<Path> paths = FindKShortestPaths(g, 0, 1, 5);
  ASSERT_EQ(paths.size(), 1u);
  ASSERT_EQ(paths[0].hops.size(), 1u);
  EXPECT_EQ(g.edges[paths[0].hops[0].edge].record.type,
            "meets");  // best backed
  EXPECT_FALSE(paths[0].hops[0].forward);
}

TEST(KShortestPathsTest, EdgeCases) {
  GraphSnapshot g = Diamond();
  EXPECT_THAT(FindKShortestPaths(g, Id(g, "S"), Id(g, "T"), 0), IsEmpty());
  EXPECT_THAT(FindKShortestPaths(g, Id(g, "S"), 99, 3), IsEmpty());
  std::vector<Path> same = FindKShortestPaths(g, Id(g, "S"), Id(g, "S"), 3);
  ASSERT_EQ(same.size(), 1u);
  EXPECT_THAT(same[0].hops, IsEmpty());
  GraphSnapshot self =
      GraphBuilder().Entity("X").Entity("Y").Edge("X", "supports", "X").Build();
  EXPECT_THAT(FindKShortestPaths(self, 0, 1, 3), IsEmpty());
}

// Every simple path from `from` to `to` over the search graph kg uses (one
// arc per pair and direction), by depth-first enumeration.
std::vector<std::vector<uint32_t>> AllSimplePaths(const GraphSnapshot& g,
                                                  uint32_t from, uint32_t to,
                                                  bool directed) {
  std::vector<std::set<uint32_t>> next(g.entities.size());
  for (size_t e = 0; e < g.edges.size(); ++e) {
    uint32_t s = g.edge_source[e], t = g.edge_target[e];
    if (s == t) continue;
    next[s].insert(t);
    if (!directed || IsSymmetricRelation(g.edges[e].record.type))
      next[t].insert(s);
  }
  std::vector<std::vector<uint32_t>> paths;
  std::vector<uint32_t> walk = {from};
  std::vector<bool> on(g.entities.size(), false);
  on[from] = true;
  std::function<void(uint32_t)> visit = [&](uint32_t v) {
    if (v == to) {
      paths.push_back(walk);
      return;
    }
    for (uint32_t w : next[v]) {
      if (on[w]) continue;
      on[w] = true;
      walk.push_back(w);
      visit(w);
      walk.pop_back();
      on[w] = false;
    }
  };
  visit(from);
  return paths;
}

GraphSnapshot RandomGraph(std::mt19937& rng, int vertices, int edges) {
  static const char* kTypes[] = {"visits", "meets", "warns", "supports"};
  GraphBuilder b;
  for (int v = 0; v < vertices; ++v) b.Entity("v" + std::to_string(v));
  std::uniform_int_distribution<int> vertex(0, vertices - 1), type(0, 3),
      count(1, 4);
  std::uniform_real_distribution<double> confidence(0.05, 0.95);
  for (int e = 0; e < edges; ++e) {
    std::vector<Evidence> evidence;
    int n = count(rng);
    for (int i = 0; i < n; ++i)
      evidence.push_back(
          MakeEvidence("a", Modality::kAsserted, "", confidence(rng)));
    b.Edge("v" + std::to_string(vertex(rng)), kTypes[type(rng)],
           "v" + std::to_string(vertex(rng)), evidence);
  }
  return b.Build();
}

// Yen's algorithm must list the k best of all simple paths: same hop counts
// (or weights) as brute force, each path simple, valid and listed once.
TEST(KShortestPathsTest, AgreesWithBruteForceOnRandomGraphs) {
  std::mt19937 rng(20240618);
  for (int round = 0; round < 60; ++round) {
    GraphSnapshot g = RandomGraph(rng, 7, 11);
    const bool directed = round % 3 == 2;
    const bool weighted = round % 2 == 1;
    const uint32_t from = 0, to = 1 + round % 6;
    std::vector<std::vector<uint32_t>> all =
        AllSimplePaths(g, from, to, directed);

    // Cost of a brute-force path: the best arc per hop, as kg picks it.
    auto best_weight = [&](uint32_t a, uint32_t b) {
      double best = 1e9;
      for (size_t e = 0; e < g.edges.size(); ++e) {
        uint32_t s = g.edge_source[e], t = g.edge_target[e];
        bool fits =
            (s == a && t == b) ||
            (s == b && t == a &&
             (!directed || IsSymmetricRelation(g.edges[e].record.type)));
        if (fits) best = std::min(best, EdgeWeight(g.edges[e].record));
      }
      return best;
    };
    std::vector<double> expected;
    for (const auto& walk : all) {
      double w = 0;
      for (size_t i = 0; i + 1 < walk.size(); ++i)
        w += best_weight(walk[i], walk[i + 1]);
      expected.push_back(weighted ? w : static_cast<double>(walk.size() - 1));
    }
    std::sort(expected.begin(), expected.end());

    const size_t k = 6;
    PathOptions options{
        .max_hops = 10, .directed = directed, .weighted = weighted};
    std::vector<Path> found = FindKShortestPaths(g, from, to, k, options);
    ASSERT_EQ(found.size(), std::min(k, all.size())) << "round " << round;
    std::set<std::string> distinct;
    for (size_t i = 0; i < found.size(); ++i) {
      const Path& p = found[i];
      double cost = weighted ? p.weight : static_cast<double>(p.hops.size());
      EXPECT_NEAR(cost, expected[i], 1e-9)
          << "round " << round << " path " << i;
      std::set<uint32_t> seen = {from};
      uint32_t at = from;
      for (const PathHop& hop : p.hops) {
        EXPECT_EQ(hop.from, at);
        EXPECT_TRUE(seen.insert(hop.to).second)
            << "not simple, round " << round;
        at = hop.to;
      }
      EXPECT_EQ(at, to);
      EXPECT_TRUE(distinct.insert(Walk(g, p)).second)
          << "listed twice: " << Walk(g, p);
    }
  }
}

// ---- All shortest paths
// ----------------------------------------------------------

TEST(AllShortestPathsTest, EveryPathOfTheLeastHopCount) {
  GraphSnapshot g = Diamond();
  std::vector<Path> paths = FindAllShortestPaths(g, Id(g, "S"), Id(g, "T"));
  EXPECT_THAT(Walks(g, paths),
              ::testing::UnorderedElementsAre("S A T", "S B T"));
  for (size_t i = 1; i < paths.size(); ++i)
    EXPECT_LE(paths[i - 1].weight, paths[i].weight);
  EXPECT_THAT(Walks(g, FindAllShortestPaths(g, Id(g, "S"), Id(g, "E"))),
              ::testing::UnorderedElementsAre("S A T E", "S B T E"));
  EXPECT_THAT(FindAllShortestPaths(g, Id(g, "S"), Id(g, "E"), {.max_hops = 2}),
              IsEmpty());
  EXPECT_EQ(FindAllShortestPaths(g, Id(g, "S"), Id(g, "T"), {}, 1).size(), 1u);
  EXPECT_THAT(Walks(g, FindAllShortestPaths(g, Id(g, "S"), Id(g, "T"),
                                            {.directed = true})),
              ElementsAre("S A T"));
}

TEST(AllShortestPathsTest, CountGrowsAsAProduct) {
  // Three layers of three between S and T: 3 * 3 * 3 shortest paths.
  GraphBuilder b;
  b.Entity("S").Entity("T");
  for (int layer = 0; layer < 3; ++layer)
    for (int i = 0; i < 3; ++i)
      b.Entity("L" + std::to_string(layer) + std::to_string(i));
  for (int i = 0; i < 3; ++i) {
    b.Edge("S", "meets", "L0" + std::to_string(i));
    b.Edge("L2" + std::to_string(i), "meets", "T");
    for (int j = 0; j < 3; ++j) {
      b.Edge("L0" + std::to_string(i), "meets", "L1" + std::to_string(j));
      b.Edge("L1" + std::to_string(i), "meets", "L2" + std::to_string(j));
    }
  }
  GraphSnapshot g = b.Build();
  std::vector<Path> paths = FindAllShortestPaths(g, Id(g, "S"), Id(g, "T"));
  EXPECT_EQ(paths.size(), 27u);
  std::set<std::string> walks;
  for (const Path& p : paths) {
    EXPECT_EQ(p.hops.size(), 4u);
    walks.insert(Walk(g, p));
  }
  EXPECT_EQ(walks.size(), 27u);
  EXPECT_EQ(FindAllShortestPaths(g, Id(g, "S"), Id(g, "T"), {}, 10).size(),
            10u);
}

// ---- Neighbours
// --------------------------------------------------------------------

TEST(FindNeighborsTest, ByDistanceWithTheirLinks) {
  GraphSnapshot g = Diamond();
  std::vector<Neighbor> one = FindNeighbors(g, Id(g, "S"), 1);
  std::vector<std::string> names;
  for (const Neighbor& n : one) {
    names.push_back(g.entities[n.entity].key);
    EXPECT_EQ(n.distance, 1);
    EXPECT_EQ(n.parent, Id(g, "S"));
    ASSERT_EQ(n.edges.size(), 1u);
  }
  EXPECT_THAT(names, ElementsAre("A", "B", "C"));  // equal evidence: by name

  std::vector<Neighbor> two = FindNeighbors(g, Id(g, "S"), 2);
  ASSERT_EQ(two.size(), 5u);
  EXPECT_EQ(g.entities[two[3].entity].key, "D");
  EXPECT_EQ(two[3].distance, 2);
  EXPECT_EQ(g.entities[two[3].parent].key, "C");
  EXPECT_EQ(g.entities[two[4].entity].key, "T");
  EXPECT_THAT(FindNeighbors(g, Id(g, "S"), 0), IsEmpty());
  EXPECT_THAT(FindNeighbors(g, 99, 2), IsEmpty());
}

TEST(FindNeighborsTest, AllRelationsWithTheParentAndBestBackedFirst) {
  GraphSnapshot g =
      GraphBuilder()
          .Entity("X")
          .Entity("Y")
          .Entity("Z")
          .Edge("X", "warns", "Y")
          .Edge("Y", "meets", "X")
          .Edge("X", "visits", "Z",
                {MakeEvidence("1"), MakeEvidence("2"), MakeEvidence("3")})
          .Build();
  std::vector<Neighbor> found = FindNeighbors(g, 0, 1);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(g.entities[found[0].entity].key, "Z");  // three sentences beat two
  EXPECT_EQ(found[1].edges.size(), 2u);
}

// ---- Centrality
// ----------------------------------------------------------------------

TEST(CentralityTest, Parse) {
  EXPECT_EQ(ParseCentrality("degree"), Centrality::kDegree);
  EXPECT_EQ(ParseCentrality("pagerank"), Centrality::kPageRank);
  EXPECT_EQ(ParseCentrality("betweenness"), Centrality::kBetweenness);
  EXPECT_EQ(ParseCentrality("closeness"), std::nullopt);
}

// A path P1 - P2 - P3 - P4 plus a star around H with three leaves, and a
// parallel relation that must not count twice.
GraphSnapshot PathAndStar() {
  return GraphBuilder()
      .Entity("P1")
      .Entity("P2")
      .Entity("P3")
      .Entity("P4")
      .Entity("H")
      .Entity("L1")
      .Entity("L2")
      .Entity("L3")
      .Entity("alone")
      .Edge("P1", "meets", "P2")
      .Edge("P2", "warns", "P1")
      .Edge("P2", "meets", "P3")
      .Edge("P3", "meets", "P4")
      .Edge("H", "visits", "L1")
      .Edge("L2", "visits", "H")
      .Edge("H", "visits", "L3")
      .Edge("alone", "supports", "alone")
      .Build();
}

TEST(CentralityTest, DegreeCountsDistinctRelatedActors) {
  GraphSnapshot g = PathAndStar();
  std::vector<double> degree = ComputeCentrality(g, Centrality::kDegree);
  EXPECT_THAT(degree, ElementsAre(1, 2, 2, 1, 3, 1, 1, 1, 0));
}

TEST(CentralityTest, BetweennessCountsEachPairOnce) {
  GraphSnapshot g = PathAndStar();
  std::vector<double> b = ComputeCentrality(g, Centrality::kBetweenness);
  // P2 lies between P1 and P3, P1 and P4: 2. H between the 3 pairs of leaves.
  EXPECT_THAT(b, ElementsAre(0, 2, 2, 0, 3, 0, 0, 0, 0));
}

TEST(CentralityTest, PageRankSumsToOneAndFavoursHubs) {
  GraphSnapshot g = PathAndStar();
  std::vector<double> rank = ComputeCentrality(g, Centrality::kPageRank);
  EXPECT_NEAR(std::accumulate(rank.begin(), rank.end(), 0.0), 1.0, 1e-9);
  const uint32_t hub = Id(g, "H");
  for (uint32_t v = 0; v < rank.size(); ++v) {
    if (v != hub) {
      EXPECT_GT(rank[hub], rank[v]) << g.entities[v].key;
    }
  }
  EXPECT_NEAR(rank[Id(g, "L1")], rank[Id(g, "L2")],
              1e-12);  // direction does not matter
  EXPECT_NEAR(rank[Id(g, "P2")], rank[Id(g, "P3")], 1e-12);
  EXPECT_THAT(ComputeCentrality(GraphSnapshot{}, Centrality::kPageRank),
              IsEmpty());
}

}  // namespace
}  // namespace kg
