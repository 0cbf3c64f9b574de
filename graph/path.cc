// Paths between two actors: the shortest, the k shortest (Yen's algorithm on
// Boost.Graph's Dijkstra search; Boost 1.74 has no Yen of its own) and all
// of the least hop count (Boost.Graph breadth-first search).
//
// Every search runs on a "search graph" built from the snapshot: one arc per
// ordered pair of actors and direction of travel, standing for the best
// (least EdgeWeight) of the relations between them. Parallel relations would
// otherwise multiply paths that differ only in which sentence backs a hop.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/visitors.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// Hop-count searches run the same Dijkstra with each hop costing 1 plus a
// sliver of its EdgeWeight, so that among paths of equal length the better
// backed comes first. The slivers of a path stay far below one hop:
// kTieBreak * 3 (largest weight) * 50 (most hops the CLI allows) < 1e-3.
constexpr double kTieBreak = 1e-6;

// One way to walk from one actor to another.
struct Arc {
  uint32_t from, to;
  uint32_t edge;  // index into GraphSnapshot::edges
  bool forward;   // walking from the edge's source to its target
  double cost;    // what the search minimises
};

// Boost edges carry the arc's index and cost.
struct ArcProperty {
  uint32_t id;
  double cost;
};
using BoostGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                          boost::no_property, ArcProperty>;

class SearchGraph {
 public:
  SearchGraph(const GraphSnapshot& graph, const PathOptions& options)
      : g_(graph.entities.size()) {
    std::vector<Arc> all;
    all.reserve(graph.edges.size() * 2);
    for (uint32_t e = 0; e < graph.edges.size(); ++e) {
      const uint32_t s = graph.edge_source[e], t = graph.edge_target[e];
      if (s == t) continue;  // a self-relation never helps a path
      const double w = EdgeWeight(graph.edges[e].record);
      const double cost = options.weighted ? w : 1.0 + kTieBreak * w;
      all.push_back({s, t, e, true, cost});
      // A symmetric relation has no direction; its stored one is key order.
      if (!options.directed || IsSymmetricRelation(graph.edges[e].record.type))
        all.push_back({t, s, e, false, cost});
    }
    // Best arc per (from, to); sorting also fixes the order Boost sees them
    // in, so that ties resolve the same way on every run.
    std::sort(all.begin(), all.end(), [](const Arc& a, const Arc& b) {
      return std::tie(a.from, a.to, a.cost, a.edge) <
             std::tie(b.from, b.to, b.cost, b.edge);
    });
    for (const Arc& arc : all) {
      if (!arcs_.empty() && arcs_.back().from == arc.from &&
          arcs_.back().to == arc.to) {
        continue;
      }
      const uint32_t id = static_cast<uint32_t>(arcs_.size());
      arcs_.push_back(arc);
      boost::add_edge(arc.from, arc.to, ArcProperty{id, arc.cost}, g_);
    }
  }

  const BoostGraph& boost_graph() const { return g_; }
  const std::vector<Arc>& arcs() const { return arcs_; }
  size_t vertex_count() const { return boost::num_vertices(g_); }

 private:
  BoostGraph g_;
  std::vector<Arc> arcs_;
};

// A path as the arcs it walks.
using ArcPath = std::vector<uint32_t>;

// What a spur search of Yen's algorithm may not use.
struct Blocked {
  std::vector<char> vertex, arc;
};

struct ArcOpen {
  const BoostGraph* g = nullptr;
  const Blocked* blocked = nullptr;
  template <typename Edge>
  bool operator()(const Edge& e) const {
    return !blocked->arc[(*g)[e].id];
  }
};
struct VertexOpen {
  const Blocked* blocked = nullptr;
  template <typename Vertex>
  bool operator()(const Vertex& v) const {
    return !blocked->vertex[v];
  }
};

// Thrown by the visitor to leave Boost's search loop once the target is
// settled, the way the Boost.Graph documentation suggests; never escapes
// this file.
struct TargetSettled {};

class RecordArcs : public boost::default_dijkstra_visitor {
 public:
  RecordArcs(const BoostGraph* g, uint32_t target,
             std::vector<uint32_t>* arc_to)
      : g_(g), target_(target), arc_to_(arc_to) {}
  template <typename Edge, typename Graph>
  void edge_relaxed(Edge e, const Graph& graph) const {
    (*arc_to_)[boost::target(e, graph)] = (*g_)[e].id;
  }
  template <typename Vertex, typename Graph>
  void examine_vertex(Vertex v, const Graph&) const {
    if (v == target_) throw TargetSettled{};
  }

 private:
  const BoostGraph* g_;
  uint32_t target_;
  std::vector<uint32_t>* arc_to_;  // the visitor is copied; the record is not
};

class Searcher {
 public:
  explicit Searcher(const SearchGraph& search)
      : search_(search),
        distance_(search.vertex_count()),
        arc_to_(search.vertex_count(), kNone) {}

  // Least-cost path from `from` to `to` avoiding `blocked`; empty when none.
  // from != to.
  ArcPath Shortest(uint32_t from, uint32_t to, const Blocked& blocked) {
    const BoostGraph& g = search_.boost_graph();
    boost::filtered_graph<BoostGraph, ArcOpen, VertexOpen> open(
        g, ArcOpen{&g, &blocked}, VertexOpen{&blocked});
    std::fill(arc_to_.begin(), arc_to_.end(), kNone);
    try {
      boost::dijkstra_shortest_paths(
          open, boost::vertex(from, g),
          boost::weight_map(boost::get(&ArcProperty::cost, g))
              .distance_map(boost::make_iterator_property_map(
                  distance_.begin(), boost::get(boost::vertex_index, g)))
              .visitor(RecordArcs(&g, to, &arc_to_)));
    } catch (const TargetSettled&) {
    }
    ArcPath path;
    if (arc_to_[to] == kNone) return path;
    for (uint32_t v = to; v != from; v = search_.arcs()[arc_to_[v]].from) {
      path.push_back(arc_to_[v]);
    }
    std::reverse(path.begin(), path.end());
    return path;
  }

  double Cost(const ArcPath& path) const {
    double cost = 0;
    for (uint32_t a : path) cost += search_.arcs()[a].cost;
    return cost;
  }

 private:
  const SearchGraph& search_;
  std::vector<double> distance_;
  std::vector<uint32_t> arc_to_;  // the arc each settled vertex was reached by
};

Path ToPath(const GraphSnapshot& graph, const SearchGraph& search,
            const ArcPath& arcs) {
  Path path;
  for (uint32_t a : arcs) {
    const Arc& arc = search.arcs()[a];
    path.hops.push_back({arc.from, arc.to, arc.edge, arc.forward});
    path.weight += EdgeWeight(graph.edges[arc.edge].record);
  }
  return path;
}

bool InRange(const GraphSnapshot& graph, uint32_t from, uint32_t to,
             const PathOptions& options) {
  const size_t n = graph.entities.size();
  return from < n && to < n && options.max_hops >= 0 &&
         graph.edge_source.size() == graph.edges.size() &&
         graph.edge_target.size() == graph.edges.size();
}

}  // namespace

double EdgeWeight(const EdgeRecord& edge) {
  const double confidence = std::clamp(edge.confidence, 0.0, 1.0);
  const double count = std::max<uint32_t>(edge.evidence_count, 1);
  return 1.0 + (1.0 - confidence) + 1.0 / (1.0 + std::log(count));
}

std::optional<Path> FindShortestPath(const GraphSnapshot& graph, uint32_t from,
                                     uint32_t to, const PathOptions& options) {
  std::vector<Path> paths = FindKShortestPaths(graph, from, to, 1, options);
  if (paths.empty()) return std::nullopt;
  return std::move(paths.front());
}

// Yen (1971): the i-th path is the cheapest of the candidates that leave one
// of the paths found so far at some vertex (the spur) after sharing its root,
// using neither a root vertex again nor an arc by which a path found so far
// already left that root.
std::vector<Path> FindKShortestPaths(const GraphSnapshot& graph, uint32_t from,
                                     uint32_t to, size_t k,
                                     const PathOptions& options) {
  std::vector<Path> result;
  if (k == 0 || !InRange(graph, from, to, options)) return result;
  if (from == to) {
    result.push_back(Path{});
    return result;
  }
  const size_t max_hops = static_cast<size_t>(options.max_hops);
  SearchGraph search(graph, options);
  Searcher searcher(search);
  Blocked blocked{std::vector<char>(search.vertex_count(), 0),
                  std::vector<char>(search.arcs().size(), 0)};

  std::vector<ArcPath> found;  // Yen's list A
  std::set<std::pair<double, ArcPath>>
      candidates;          // Yen's list B, cheapest first
  std::set<ArcPath> seen;  // every path in A or B
  ArcPath first = searcher.Shortest(from, to, blocked);
  if (first.empty()) return result;
  seen.insert(first);
  candidates.emplace(searcher.Cost(first), first);

  size_t examined = 0;
  while (!candidates.empty() && examined < k + kMaxPathsExamined) {
    ArcPath path = candidates.begin()->second;
    candidates.erase(candidates.begin());
    ++examined;
    found.push_back(path);
    if (path.size() > max_hops) {
      // By hop count, candidates come shortest first: none that follows fits.
      if (!options.weighted) break;
    } else {
      result.push_back(ToPath(graph, search, path));
      if (result.size() == k) break;
    }

    for (size_t i = 0; i < path.size(); ++i) {
      const uint32_t spur = search.arcs()[path[i]].from;
      std::vector<uint32_t> blocked_arcs;
      for (const ArcPath& other : found) {
        if (other.size() > i &&
            std::equal(path.begin(), path.begin() + i, other.begin())) {
          blocked.arc[other[i]] = 1;
          blocked_arcs.push_back(other[i]);
        }
      }
      for (size_t j = 0; j < i; ++j)
        blocked.vertex[search.arcs()[path[j]].from] = 1;

      ArcPath spur_path = searcher.Shortest(spur, to, blocked);
      if (!spur_path.empty()) {
        ArcPath candidate(path.begin(), path.begin() + i);
        candidate.insert(candidate.end(), spur_path.begin(), spur_path.end());
        if (seen.insert(candidate).second)
          candidates.emplace(searcher.Cost(candidate), std::move(candidate));
      }

      for (uint32_t a : blocked_arcs) blocked.arc[a] = 0;
      for (size_t j = 0; j < i; ++j)
        blocked.vertex[search.arcs()[path[j]].from] = 0;
    }
  }
  return result;
}

std::vector<Path> FindAllShortestPaths(const GraphSnapshot& graph,
                                       uint32_t from, uint32_t to,
                                       const PathOptions& options,
                                       size_t limit) {
  std::vector<Path> result;
  if (limit == 0 || !InRange(graph, from, to, options)) return result;
  if (from == to) {
    result.push_back(Path{});
    return result;
  }
  SearchGraph search(graph, options);
  const BoostGraph& g = search.boost_graph();
  std::vector<int> hops(search.vertex_count(), -1);
  hops[from] = 0;
  boost::breadth_first_search(
      g, boost::vertex(from, g),
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(
          boost::make_iterator_property_map(hops.begin(),
                                            boost::get(boost::vertex_index, g)),
          boost::on_tree_edge()))));
  if (hops[to] < 0 || hops[to] > options.max_hops) return result;

  // Every arc into v from a vertex one hop closer lies on a shortest path;
  // walking such arcs back from `to` enumerates exactly those paths.
  std::vector<std::vector<uint32_t>> closer_arcs(search.vertex_count());
  for (uint32_t a = 0; a < search.arcs().size(); ++a) {
    const Arc& arc = search.arcs()[a];
    if (hops[arc.from] >= 0 && hops[arc.to] == hops[arc.from] + 1)
      closer_arcs[arc.to].push_back(a);
  }
  std::vector<ArcPath> paths;
  ArcPath reversed;
  auto walk_back = [&](auto&& self, uint32_t v) -> void {
    if (paths.size() >= limit) return;
    if (v == from) {
      paths.emplace_back(reversed.rbegin(), reversed.rend());
      return;
    }
    for (uint32_t a : closer_arcs[v]) {
      reversed.push_back(a);
      self(self, search.arcs()[a].from);
      reversed.pop_back();
    }
  };
  walk_back(walk_back, to);

  for (const ArcPath& arcs : paths)
    result.push_back(ToPath(graph, search, arcs));
  std::stable_sort(
      result.begin(), result.end(),
      [](const Path& a, const Path& b) { return a.weight < b.weight; });
  return result;
}

}  // namespace kg
