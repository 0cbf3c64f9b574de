// graph/: the knowledge graph as users see it. GraphWriter merges one
// article's extraction into the database (same actor -> same node, same
// (source, type, target) -> one edge whose evidence grows). GraphSnapshot is
// the graph loaded into memory for queries and export. Queries run on
// Boost.Graph: FilterGraph narrows a snapshot to the relations a question is
// about, FindShortestPath / FindKShortestPaths / FindAllShortestPaths say how
// two actors are connected, FindNeighbors and ComputeCentrality name the key
// actors.
//
// Writers: one GraphWriter per open read-write Store, used from one thread.
// Snapshots are immutable values and may be shared between threads.
//
//   kg::GraphWriter writer(*store);
//   auto merged = writer.MergeArticle(extraction);   // one atomic batch
//   auto graph = kg::LoadGraph(*store);
//   auto path = kg::FindShortestPath(*graph, from, to, {.max_hops = 6});
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
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

// A GraphWriter for a database that holds no article yet: `kg ingest` into
// a new database. It stores exactly what GraphWriter would (the same
// resolution, aggregates and records, and the same MergeStats), but keeps
// the graph it builds in memory, resolving against that instead of reading
// the store, and writes records as sorted table files (Store::IngestBulk)
// once it holds `buffer_bytes` of them, and on Finish. So every write adds
// whole articles in one atomic step; a process killed meanwhile loses the
// articles it held. An article that replaces an earlier one (same id, new
// content) makes it write what it holds and hand this article and all
// later ones to a GraphWriter on the same store.
//
//   BulkGraphWriter writer(*store, size_t{512} << 20);   // store: no articles
//   for (...) writer.MergeArticle(extraction);
//   Status s = writer.Finish();
//
// One thread; the store must not be written by anyone else meanwhile,
// except Prepare, which any thread may call: what it computes from an
// article alone (the article, mention and evidence records, encoded, as
// they are when the article's entities resolve to their own keys, which is
// the common case) is then only checked and copied by MergeArticle.
//
//   PreparedArticle p = BulkGraphWriter::Prepare(x);   // parsing threads
//   writer.MergeArticle(x, p);                          // merging thread
class PreparedArticle {
 public:
  PreparedArticle();
  ~PreparedArticle();
  PreparedArticle(PreparedArticle&&) noexcept;
  PreparedArticle& operator=(PreparedArticle&&) noexcept;

 private:
  friend class BulkGraphWriter;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

class BulkGraphWriter {
 public:
  BulkGraphWriter(Store& store, size_t buffer_bytes);
  ~BulkGraphWriter();
  BulkGraphWriter(const BulkGraphWriter&) = delete;
  BulkGraphWriter& operator=(const BulkGraphWriter&) = delete;

  // As GraphWriter::MergeArticle. An error leaves nothing of this article.
  Result<MergeStats> MergeArticle(const Extraction& extraction);
  // The same, with what Prepare computed from this very `extraction` (not
  // a copy: it refers to the relations by position); stores the same.
  Result<MergeStats> MergeArticle(const Extraction& extraction, const PreparedArticle& prepared);
  static PreparedArticle Prepare(const Extraction& extraction);
  // Writes what it holds (and flushes the store's write buffer). Calls
  // `meanwhile`, if given, on this thread while the last records are being
  // written: the graph is final by then, and ForEachRelation may be used.
  Status Finish(const std::function<void()>& meanwhile = {});

  // After Finish, while no article was replaced: what Store::Counts would
  // count, without scanning the database; nullopt otherwise.
  std::optional<StoreCounts> Counts() const;

  // After Finish (or during, from its `meanwhile`), and while no article
  // was replaced: the whole stored graph is also in memory. Then `keys` receives every entity key in key order
  // and `relation` is called for every edge in EdgeKey order, with its
  // ends as indexes into `keys` and its aggregate figures (`aggregates`,
  // whose source, type and target are left empty; `type` is the same string
  // object for every edge of that type): what RefreshAdjacency needs.
  // Returns true; false when it does not hold the whole graph.
  bool ForEachRelation(std::vector<std::string>* keys,
                       const std::function<void(uint32_t source, uint32_t target, const std::string& type,
                                                const EdgeRecord& aggregates)>& relation) const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
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

// ---- Queries ----------------------------------------------------------------
// All query functions are pure: they read a snapshot (which must be indexed,
// see Reindex) and return values; any thread may call them.

// Which relations a question is about. A default-constructed filter keeps
// everything. Evidence-level conditions (modalities, time window) decide which
// pieces of evidence count; an edge is kept when at least max(1, min_evidence)
// of its pieces count, and its figures (evidence_count, confidence, first and
// last seen) are recomputed from those. They need a snapshot loaded with
// evidence: without it, no evidence counts.
struct EdgeFilter {
  // ({} initialisers: designated initialisers may leave these out.)
  std::vector<std::string> relations{};        // relation types; empty: all
  std::vector<Modality> exclude_modalities{};  // evidence presented so does not count
  // Time window on evidence, inclusive, each "YYYY", "YYYY-MM" or
  // "YYYY-MM-DD" (CheckTimeBound); empty: open. A piece of evidence counts
  // when its time (else its article's date, else nothing: it does not count)
  // overlaps the window; "2024-06" overlaps since "2024-06-15".
  std::string since{}, until{};
  uint32_t min_evidence = 0;  // edges with fewer (counting) pieces go
  // Date of each article ("YYYY-MM-DD"), by article id, for evidence that
  // carries no time of its own. May be null. Must outlive the FilterGraph call.
  const std::unordered_map<std::string, std::string>* article_dates = nullptr;
  // Also drop entities left without any edge (for drawing a filtered graph).
  bool drop_isolated = false;

  bool KeepsEverything() const;
};

// OK for "", "YYYY", "YYYY-MM", "YYYY-MM-DD"; else InvalidArgument naming it.
Status CheckTimeBound(std::string_view bound);

// A new, indexed snapshot with the edges (and evidence) `filter` keeps.
GraphSnapshot FilterGraph(const GraphSnapshot& graph, const EdgeFilter& filter);

// How well an edge is backed, as a path cost (what --weighted minimises):
//   1 + (1 - confidence) + 1 / (1 + ln(evidence_count))
// One hop always costs at least 1, so a path of well-backed edges beats a
// path with fewer but thin ones only when it is not much longer: an edge seen
// once at confidence 0.5 costs 2.5, one seen ten times at 0.99 costs 1.31.
// Confidence is clamped to [0, 1] and the count to at least 1; result in (1, 3].
double EdgeWeight(const EdgeRecord& edge);

struct PathOptions {
  int max_hops = 6;
  bool directed = false;  // false: follow edges either way
  // false: fewest hops (ties go to the better-backed path); true: least total
  // EdgeWeight, among paths of at most max_hops hops.
  bool weighted = false;
};
struct PathHop {
  uint32_t from, to;   // entity indexes, in walking order
  uint32_t edge;       // index into graph.edges
  bool forward;        // true when edge source == from
};
// Where two actors are joined by several relations, a hop takes the one with
// the least EdgeWeight; paths differ in the actors they pass through.
struct Path {
  std::vector<PathHop> hops;
  double weight = 0;  // sum of the hops' EdgeWeight
};
// Shortest path by hop count (or by weight, see PathOptions) with
// Boost.Graph's shortest-path search; nullopt when there is none within
// max_hops or an index is out of range. from == to gives an empty path.
std::optional<Path> FindShortestPath(const GraphSnapshot& graph, uint32_t from, uint32_t to,
                                     const PathOptions& options = {});

// Up to k shortest simple paths, shortest first (Yen's algorithm, each spur
// search a Boost.Graph Dijkstra). With weighted paths a lighter path may have
// too many hops; such paths are skipped, and the search gives up after
// examining kMaxPathsExamined paths beyond k.
inline constexpr size_t kMaxPathsExamined = 500;
std::vector<Path> FindKShortestPaths(const GraphSnapshot& graph, uint32_t from, uint32_t to, size_t k,
                                     const PathOptions& options = {});

// Every path of the least hop count (at most max_hops), lightest first; at
// most `limit` of them (there can be exponentially many): a result of `limit`
// paths may be incomplete. options.weighted only changes the order.
std::vector<Path> FindAllShortestPaths(const GraphSnapshot& graph, uint32_t from, uint32_t to,
                                       const PathOptions& options = {}, size_t limit = 100);

// An entity within some hops of a centre, reached through `parent`.
struct Neighbor {
  uint32_t entity;
  int distance;                 // hops from the centre, >= 1
  uint32_t parent;              // the entity one hop closer to the centre
  std::vector<uint32_t> edges;  // every edge between parent and entity
};
// Entities within `depth` hops of `center` (edges either way), by distance,
// then best-backed link, then name. Boost.Graph breadth-first search.
std::vector<Neighbor> FindNeighbors(const GraphSnapshot& graph, uint32_t center, int depth);

// How central each actor is, over the graph taken as undirected and simple
// (several relations between two actors count once; self-relations not):
//   kDegree       number of distinct actors it is related to;
//   kPageRank     Boost.Graph page_rank (damping 0.85, 100 iterations),
//                 scaled to sum to 1 over all entities;
//   kBetweenness  Boost.Graph brandes_betweenness_centrality: the number of
//                 shortest paths between other pairs through it (each
//                 unordered pair once, as NetworkX counts); O(V*E).
enum class Centrality { kDegree, kPageRank, kBetweenness };
std::optional<Centrality> ParseCentrality(std::string_view name);
// One score per entity, indexed like graph.entities.
std::vector<double> ComputeCentrality(const GraphSnapshot& graph, Centrality measure);

}  // namespace kg
