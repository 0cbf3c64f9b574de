// FindShortestPath: Boost.Graph breadth-first search over a snapshot.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <limits>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// Boost edges carry the index of the snapshot edge they stand for, so that a
// hop can name the edge it used (there may be parallel edges).
struct EdgeIndex {
  uint32_t index;
};

// For each reached vertex, the vertex and edge it was first reached by.
struct Predecessors {
  std::vector<uint32_t> vertex, edge;
};

template <typename BoostGraph>
class RecordTreeEdges : public boost::default_bfs_visitor {
 public:
  explicit RecordTreeEdges(Predecessors* out) : out_(out) {}
  template <typename Edge>
  void tree_edge(Edge e, const BoostGraph& g) const {
    auto v = boost::target(e, g);
    out_->vertex[v] = static_cast<uint32_t>(boost::source(e, g));
    out_->edge[v] = g[e].index;
  }

 private:
  Predecessors* out_;  // the visitor is copied by value; the record is not
};

// Runs the search over `Directedness` (undirectedS or directedS). BFS visits
// every reachable vertex; stopping at `to` would need an exception to leave
// Boost's loop and saves no more than building the graph costs.
template <typename Directedness>
Predecessors Search(const GraphSnapshot& graph, uint32_t from, bool directed) {
  using BoostGraph =
      boost::adjacency_list<boost::vecS, boost::vecS, Directedness,
                            boost::no_property, EdgeIndex>;
  BoostGraph g(graph.entities.size());
  for (uint32_t e = 0; e < graph.edges.size(); ++e) {
    boost::add_edge(graph.edge_source[e], graph.edge_target[e], EdgeIndex{e},
                    g);
    // A symmetric relation has no direction; its stored one is key order.
    if (directed && IsSymmetricRelation(graph.edges[e].record.type)) {
      boost::add_edge(graph.edge_target[e], graph.edge_source[e], EdgeIndex{e},
                      g);
    }
  }
  Predecessors found{std::vector<uint32_t>(graph.entities.size(), kNone),
                     std::vector<uint32_t>(graph.entities.size(), kNone)};
  boost::breadth_first_search(
      g, boost::vertex(from, g),
      boost::visitor(RecordTreeEdges<BoostGraph>(&found)));
  return found;
}

}  // namespace

std::optional<Path> FindShortestPath(const GraphSnapshot& graph, uint32_t from,
                                     uint32_t to, const PathOptions& options) {
  const size_t n = graph.entities.size();
  if (from >= n || to >= n || options.max_hops < 0) return std::nullopt;
  if (from == to) return Path{};

  Predecessors found = options.directed
                           ? Search<boost::directedS>(graph, from, true)
                           : Search<boost::undirectedS>(graph, from, false);
  if (found.edge[to] == kNone) return std::nullopt;

  Path path;
  for (uint32_t v = to; v != from; v = found.vertex[v]) {
    uint32_t u = found.vertex[v];
    uint32_t e = found.edge[v];
    path.hops.push_back({u, v, e, graph.edge_source[e] == u});
    if (path.hops.size() > static_cast<size_t>(options.max_hops)) {
      return std::nullopt;
    }
  }
  std::reverse(path.hops.begin(), path.hops.end());
  return path;
}

}  // namespace kg
