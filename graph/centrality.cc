// Who the key actors are: neighbours of an actor (Boost.Graph breadth-first
// search) and centrality scores (degree, Boost.Graph page_rank and
// brandes_betweenness_centrality) over the graph of who is related to whom.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/page_rank.hpp>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// Each unordered pair of distinct related actors once, smaller index first,
// in sorted order.
std::vector<std::pair<uint32_t, uint32_t>> RelatedPairs(
    const GraphSnapshot& graph) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  pairs.reserve(graph.edges.size());
  for (size_t e = 0; e < graph.edges.size(); ++e) {
    uint32_t s = graph.edge_source[e], t = graph.edge_target[e];
    if (s == t) continue;
    pairs.emplace_back(std::min(s, t), std::max(s, t));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

using UndirectedGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
// page_rank needs out-edges both ways to treat a relation as a connection.
using BothWaysGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

// How many of each edge's pieces of evidence back the link from parent to
// child, to order neighbours at the same distance.
uint32_t LinkEvidence(const GraphSnapshot& graph,
                      const std::vector<uint32_t>& edges) {
  uint32_t total = 0;
  for (uint32_t e : edges) total += graph.edges[e].record.evidence_count;
  return total;
}

}  // namespace

std::vector<Neighbor> FindNeighbors(const GraphSnapshot& graph, uint32_t center,
                                    int depth) {
  std::vector<Neighbor> result;
  const size_t n = graph.entities.size();
  if (center >= n || depth < 1) return result;

  UndirectedGraph g(n);
  for (auto [a, b] : RelatedPairs(graph)) boost::add_edge(a, b, g);
  std::vector<int> distance(n, -1);
  std::vector<uint32_t> parent(n, kNone);
  distance[center] = 0;
  boost::breadth_first_search(
      g, boost::vertex(center, g),
      boost::visitor(boost::make_bfs_visitor(std::make_pair(
          boost::record_distances(
              boost::make_iterator_property_map(
                  distance.begin(), boost::get(boost::vertex_index, g)),
              boost::on_tree_edge()),
          boost::record_predecessors(
              boost::make_iterator_property_map(
                  parent.begin(), boost::get(boost::vertex_index, g)),
              boost::on_tree_edge())))));

  // Edges between each reached entity and its parent.
  std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> links;
  for (uint32_t e = 0; e < graph.edges.size(); ++e) {
    uint32_t s = graph.edge_source[e], t = graph.edge_target[e];
    if (s != t && distance[s] >= 0 && distance[t] >= 0) {
      if (parent[t] == s) links[{s, t}].push_back(e);
      if (parent[s] == t) links[{t, s}].push_back(e);
    }
  }
  for (uint32_t v = 0; v < n; ++v) {
    if (v == center || distance[v] < 1 || distance[v] > depth) continue;
    result.push_back({v, distance[v], parent[v], links[{parent[v], v}]});
  }
  std::sort(result.begin(), result.end(),
            [&](const Neighbor& a, const Neighbor& b) {
              uint32_t ea = LinkEvidence(graph, a.edges);
              uint32_t eb = LinkEvidence(graph, b.edges);
              const std::string& na = graph.entities[a.entity].name;
              const std::string& nb = graph.entities[b.entity].name;
              return std::tie(a.distance, eb, na, a.entity) <
                     std::tie(b.distance, ea, nb, b.entity);
            });
  return result;
}

std::optional<Centrality> ParseCentrality(std::string_view name) {
  if (name == "degree") return Centrality::kDegree;
  if (name == "pagerank") return Centrality::kPageRank;
  if (name == "betweenness") return Centrality::kBetweenness;
  return std::nullopt;
}

std::vector<double> ComputeCentrality(const GraphSnapshot& graph,
                                      Centrality measure) {
  const size_t n = graph.entities.size();
  std::vector<double> score(n, 0.0);
  if (n == 0) return score;
  const std::vector<std::pair<uint32_t, uint32_t>> pairs = RelatedPairs(graph);

  switch (measure) {
    case Centrality::kDegree:
      for (auto [a, b] : pairs) {
        score[a] += 1;
        score[b] += 1;
      }
      break;

    case Centrality::kPageRank: {
      BothWaysGraph g(n);
      for (auto [a, b] : pairs) {
        boost::add_edge(a, b, g);
        boost::add_edge(b, a, g);
      }
      boost::graph::page_rank(
          g,
          boost::make_iterator_property_map(score.begin(),
                                            boost::get(boost::vertex_index, g)),
          boost::graph::n_iterations(100));
      // Boost's variant gives every actor 1 - damping of its own, so the
      // scores sum to about n; scaled, they read as shares of attention.
      double total = std::accumulate(score.begin(), score.end(), 0.0);
      if (total > 0)
        for (double& s : score) s /= total;
      break;
    }

    case Centrality::kBetweenness: {
      UndirectedGraph g(n);
      for (auto [a, b] : pairs) boost::add_edge(a, b, g);
      boost::brandes_betweenness_centrality(
          g, boost::centrality_map(boost::make_iterator_property_map(
                 score.begin(), boost::get(boost::vertex_index, g))));
      // Boost halves the counts of undirected graphs itself, so each
      // unordered pair counts once, as in NetworkX.
      break;
    }
  }
  return score;
}

}  // namespace kg
