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
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "storage/storage.h"

namespace kg {

// What merging (or removing) one article did.
struct MergeStats {
  bool unchanged = false;  // same id and content hash already stored
  bool replaced = false;   // same id, new content: old version taken out first
  uint32_t entities_added = 0, entities_merged = 0;
  uint32_t relations_added = 0, relations_merged = 0;
  // Left with no evidence (edges) or no article mentioning them (entities)
  // by the old version's going, and deleted.
  uint32_t entities_removed = 0, relations_removed = 0, evidence_removed = 0;
  // Names that could have been several nodes, kept as nodes of their own
  // (listed in the article's ArticleRecord::kept_apart).
  uint32_t kept_apart = 0;
};

// Merging is safe to repeat: the stored graph is always the merge of the
// latest version of every article (see graph/merge.cc).
class GraphWriter {
 public:
  explicit GraphWriter(Store& store) : store_(store) {}
  // Resolves the extraction's entities against stored ones (same key, else
  // the one node of that type answering to the name; kept apart, with the
  // reason recorded, when several do), aggregates its relations into edges
  // and writes the article, entities, edges and evidence in one WriteSet.
  // A stored article of the same id and content is left as it is; one of
  // different content is replaced, in the same WriteSet.
  Result<MergeStats> MergeArticle(const Extraction& extraction);
  // Takes an article out of the graph in one WriteSet: its evidence, the
  // edges left with none, what it added to entities, and the entities no
  // article mentions any more. NotFound (naming it) when it is not stored.
  Result<MergeStats> RemoveArticle(std::string_view article_id);

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

// ---- The stored graph as a whole --------------------------------------------

// Writes everything `store` holds (entities, relations with their evidence,
// articles) to `out` as JSON Lines in a canonical order, so that two
// databases with the same content give byte-identical output. The line
// format is described in graph/dump.cc. Reads one consistent view when
// `store` is open read-only.
Status WriteCanonicalDump(const Store& store, std::ostream& out);

// Verifies the invariants the graph keeps (every edge's ends exist, every
// piece of evidence's article exists and lists it, evidence counts and
// aggregates match, indexes and article lists agree, no entity without an
// article; see graph/check.cc). Returns one line per problem found, none
// when all is well; a non-OK Status only when the database cannot be read.
Result<std::vector<std::string>> CheckGraph(const Store& store);

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
