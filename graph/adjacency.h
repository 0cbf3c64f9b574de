// graph/adjacency.h: a compact adjacency snapshot of the stored graph, kept
// in the database directory (file `kg-adjacency`), so that `kg path` answers
// without loading the whole graph. Loading a graph of a million relations
// parses a million JSON records (seconds); the snapshot is one file of
// sorted entity keys, relation types, per-relation path weights and
// neighbour lists in CSR form, mapped into memory, so a query touches only
// the few pages its search visits.
//
// A snapshot is only used when it describes the database as it is: it
// records a stamp of the RocksDB files that hold data (names and sizes of
// the write-ahead logs, table files, MANIFEST, CURRENT), and any committed
// write changes that stamp. `kg ingest` refreshes the snapshot when it has
// changed the graph; any other writer leaves it stale, and queries then load
// the graph as before. So a stale or missing snapshot costs time, never a
// wrong answer.
//
// Writer: RefreshAdjacency, from one process, with the database closed for
// writing (it opens its own read-only view). Readers: any number of
// processes and threads; an AdjacencySnapshot is immutable.
//
//   if (auto adj = kg::AdjacencySnapshot::Open(db_dir); adj.ok()) {
//     auto a = (*adj)->Find("person:vladimir putin"), b = (*adj)->Find("country:PRK");
//     auto path = (*adj)->ShortestPath(*a, *b, {.max_hops = 6});
//   }
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace kg {

// The file name inside the database directory.
inline constexpr char kAdjacencyFile[] = "kg-adjacency";

// One hop of a path found on the snapshot: a relation by its three key parts
// and the direction it was walked in.
struct AdjacencyHop {
  std::string from, to;                  // entity keys, in walking order
  std::string source, type, target;      // the relation (EdgeKey parts)
  bool forward = true;                   // from == source
};

class AdjacencySnapshot {
 public:
  // The snapshot of the database in `db_dir` if there is one and it is
  // fresh. NotFound when there is none or it is stale (the caller loads the
  // graph instead); Corruption when the file is damaged.
  static Result<std::unique_ptr<AdjacencySnapshot>> Open(const std::string& db_dir);
  ~AdjacencySnapshot();

  size_t entity_count() const;
  size_t relation_count() const;
  // The vertex of entity `key`, or nullopt.
  std::optional<uint32_t> Find(std::string_view key) const;
  std::string_view Key(uint32_t vertex) const;

  // The path FindShortestPath would choose when options.weighted is false:
  // fewest hops (at most max_hops; edges either way unless directed, where
  // symmetric relations still go both ways), and among those the least sum
  // of EdgeWeight, each hop over the least-weight relation between its two
  // actors. Bidirectional breadth-first search, so it explores about the
  // square root of what a one-sided search would. Among paths of exactly
  // equal length and weight it may pick another than FindShortestPath.
  // nullopt when there is none; an empty vector when from == to;
  // Corruption when the part of the file the search read is damaged.
  Result<std::optional<std::vector<AdjacencyHop>>> ShortestPath(uint32_t from, uint32_t to,
                                                                const PathOptions& options) const;

  // The vertices within `depth` hops of `center` (relations followed either
  // way), ascending (so in key order), and the relations with both ends
  // among them, in EdgeKey order, as (source, type, target). Corruption when
  // the part of the file it read is damaged.
  struct Part {
    std::vector<uint32_t> vertices;
    std::vector<std::array<std::string_view, 3>> relations;
  };
  Result<Part> Within(uint32_t center, int depth) const;

 private:
  struct Rep;
  explicit AdjacencySnapshot(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// The part of the stored graph within `depth` hops of vertex `center` of
// `adjacency` (relations followed either way), read from `store` record by
// record: what Neighborhood(LoadGraph(store), center, depth) gives, without
// loading the rest. `adjacency` must be fresh for `store` (Open checks).
Result<GraphSnapshot> LoadNeighborhood(const Store& store, const AdjacencySnapshot& adjacency,
                                       uint32_t center, int depth);

// Writes a fresh snapshot of the database in `db_dir` (read through a
// read-only view it opens itself), replacing the old one atomically. When
// the database changes while it reads, nothing is written and the old
// snapshot stays (stale, so unused).
Status RefreshAdjacency(const std::string& db_dir);
// The same snapshot from the graph a BulkGraphWriter built (after its
// Finish, with its Store closed), without reading the database back; reads
// it as above when the writer no longer holds the whole graph.
Status RefreshAdjacency(const std::string& db_dir, const BulkGraphWriter& built);

// RefreshAdjacency(db_dir, built) in two steps, so that the first, most of
// the work, can run while the writer's last records are written (during
// BulkGraphWriter::Finish, see its `meanwhile`): GatherAdjacency takes the
// snapshot's contents from the writer's graph, any time after its last
// merge, and writes them to a temporary file; WriteAdjacency stamps it and
// puts it in place once the Store is closed (stamped as the database then
// stands), or reads the database as RefreshAdjacency does when the writer
// did not hold the whole graph.
class GatheredAdjacency {
 public:
  GatheredAdjacency();
  ~GatheredAdjacency();
  GatheredAdjacency(GatheredAdjacency&&) noexcept;
  GatheredAdjacency& operator=(GatheredAdjacency&&) noexcept;

 private:
  friend GatheredAdjacency GatherAdjacency(const std::string& db_dir, const BulkGraphWriter& built);
  friend Status WriteAdjacency(const std::string& db_dir, GatheredAdjacency& gathered);
  struct Rep;
  std::unique_ptr<Rep> rep_;
};
GatheredAdjacency GatherAdjacency(const std::string& db_dir, const BulkGraphWriter& built);
Status WriteAdjacency(const std::string& db_dir, GatheredAdjacency& gathered);

// Whether the snapshot in `db_dir` exists and is fresh; cheap (no parsing).
bool AdjacencyIsFresh(const std::string& db_dir);

}  // namespace kg
