// graph/: the knowledge graph as users see it. GraphWriter merges one
// article's extraction into the database (same actor -> same node, same
// (source, type, target) -> one edge whose evidence grows). GraphSnapshot is
// the graph loaded into memory for queries and export; FindShortestPath runs
// Boost.Graph's breadth-first search over it.
//
// Writers: one GraphWriter per open read-write Store, used from one thread.
// Snapshots are immutable values and may be shared between threads.
//
//   kg::GraphWriter writer(*store);
//   auto merged = writer.MergeArticle(extraction);   // one atomic batch
//   auto graph = kg::LoadGraph(*store);
//   auto path = kg::FindShortestPath(*graph, from_key, to_key, {.max_hops = 6});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "storage/storage.h"

namespace kg {

// What merging one article did.
struct MergeStats {
  bool unchanged = false;  // same id and content hash already stored
  bool replaced = false;   // same id, new content: old evidence removed first
  uint32_t entities_added = 0, entities_merged = 0;
  uint32_t relations_added = 0, relations_merged = 0;
};

class GraphWriter {
 public:
  explicit GraphWriter(Store& store) : store_(store) {}
  // Resolves the extraction's entities against stored ones (canonical key,
  // then unambiguous alias), aggregates its relations into edges and writes
  // the article, entities, edges and evidence in one WriteSet.
  Result<MergeStats> MergeArticle(const Extraction& extraction);

 private:
  Store& store_;
};

// An edge as held in memory, with its evidence.
struct GraphEdge {
  EdgeRecord record;
  std::vector<Evidence> evidence;
};

// The graph in memory. Vertices are indexes into `entities`; edges refer to
// them by index too.
struct GraphSnapshot {
  std::vector<Entity> entities;
  std::vector<GraphEdge> edges;
  std::vector<uint32_t> edge_source, edge_target;  // parallel to edges
  std::unordered_map<std::string, uint32_t> index_of_key;

  // Rebuilds edge_source/edge_target/index_of_key from entities and edges.
  void Reindex();
};

struct LoadOptions {
  bool with_evidence = true;
};
Result<GraphSnapshot> LoadGraph(const Store& store, const LoadOptions& options = {});

// The part of `graph` within `depth` hops of `center` (edges either way).
GraphSnapshot Neighborhood(const GraphSnapshot& graph, uint32_t center, int depth);

// Entity indexes whose canonical name or any alias matches `name`
// (NormalizeAlias). More than one means the name is ambiguous.
std::vector<uint32_t> ResolveName(const GraphSnapshot& graph, std::string_view name);

struct PathOptions {
  int max_hops = 6;
  bool directed = false;  // false: follow edges either way
};
struct PathHop {
  uint32_t from, to;   // entity indexes, in walking order
  uint32_t edge;       // index into graph.edges
  bool forward;        // true when edge source == from
};
struct Path {
  std::vector<PathHop> hops;
};
// Shortest path by hop count (Boost.Graph BFS); nullopt when there is none
// within max_hops.
std::optional<Path> FindShortestPath(const GraphSnapshot& graph, uint32_t from, uint32_t to,
                                     const PathOptions& options = {});

}  // namespace kg
