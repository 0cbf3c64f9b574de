// The adjacency snapshot (graph/adjacency.h): its file, its freshness stamp
// and the bidirectional search over it.
//
// File layout (native byte order; the file never leaves the machine that
// wrote it, and a foreign one fails the magic/size checks):
//
//   Header
//   uint32 key_offset[vertices + 1]   entity keys, sorted bytewise, in
//   char   keys[key_bytes]            one pool
//   uint32 type_offset[types + 1]     relation types
//   char   types[type_bytes]
//   Edge   edges[edges]               in EdgeKey order
//   uint32 arc_offset[vertices + 1]   CSR: the arcs of vertex v are
//   Arc    arcs[arcs]                 arcs[arc_offset[v] .. arc_offset[v+1])
//
// Every section starts 8-byte aligned. Each relation between two different
// actors gives two arcs, one at each end; a vertex's arcs are in edge order.
#include "graph/adjacency.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <unordered_map>

#include "storage/storage.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'K', 'G', 'A', 'D', 'J', '0', '2', '\n'};

struct Header {
  char magic[8];
  uint64_t stamp;
  uint32_t vertices, edges, types, arcs;
  uint64_t key_bytes, type_bytes;
};

struct Edge {
  uint32_t source, target, type, reserved;
  double weight;  // EdgeWeight of the relation
};

// The relation's weight is repeated in both of its arcs: a search reads a
// vertex's arcs in one sweep instead of jumping to each relation.
struct Arc {
  uint32_t to;
  uint32_t edge_and_forward;  // edge << 1 | (this vertex is the source)
  double weight;              // EdgeWeight of the relation
};

size_t Align(size_t n) { return (n + 7) & ~size_t{7}; }

// Where each section starts, from the header's counts.
struct Layout {
  size_t key_offsets, keys, type_offsets, types, edges, arc_offsets, arcs, end;
  explicit Layout(const Header& h) {
    key_offsets = Align(sizeof(Header));
    keys = Align(key_offsets + 4 * (size_t{h.vertices} + 1));
    type_offsets = Align(keys + h.key_bytes);
    types = Align(type_offsets + 4 * (size_t{h.types} + 1));
    edges = Align(types + h.type_bytes);
    arc_offsets = Align(edges + sizeof(Edge) * size_t{h.edges});
    arcs = Align(arc_offsets + 4 * (size_t{h.vertices} + 1));
    end = arcs + sizeof(Arc) * size_t{h.arcs};
  }
};

// FNV-1a over the names and sizes of the files that hold the database's
// data. RocksDB's info logs (LOG*), its LOCK file and the snapshot itself
// are left out: opening a database read-only touches only those. A
// committed write grows a write-ahead log; a flush or compaction adds and
// removes numbered files; so any change to the data changes the stamp.
uint64_t DirStamp(const std::string& dir) {
  std::vector<std::pair<std::string, uintmax_t>> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("LOG", 0) == 0 || name == "LOCK" || name.rfind(kAdjacencyFile, 0) == 0) continue;
    std::error_code size_ec;
    uintmax_t size = it->is_regular_file(size_ec) ? it->file_size(size_ec) : 0;
    files.emplace_back(name, size);
  }
  if (ec) return 0;  // 0 is never written as a stamp: unreadable means stale
  std::sort(files.begin(), files.end());
  uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](const void* data, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<const unsigned char*>(data)[i]) * 0x100000001b3ull;
  };
  for (const auto& [name, size] : files) {
    mix(name.data(), name.size() + 1);  // with the terminating NUL
    uint64_t s = size;
    mix(&s, sizeof s);
  }
  return h == 0 ? 1 : h;
}

std::string SnapshotPath(const std::string& dir) { return (fs::path(dir) / kAdjacencyFile).string(); }

}  // namespace

struct AdjacencySnapshot::Rep {
  void* map = MAP_FAILED;
  size_t size = 0;
  const Header* header = nullptr;
  const uint32_t* key_offsets = nullptr;
  const char* keys = nullptr;
  const uint32_t* type_offsets = nullptr;
  const char* types = nullptr;
  const Edge* edges = nullptr;
  const uint32_t* arc_offsets = nullptr;
  const Arc* arcs = nullptr;
  std::vector<char> symmetric;  // by type

  ~Rep() {
    if (map != MAP_FAILED) munmap(map, size);
  }
  // Key of vertex v < vertices; empty when the offsets are damaged.
  std::string_view KeyOf(uint32_t v) const {
    const uint32_t b = key_offsets[v], e = key_offsets[v + 1];
    if (b > e || e > header->key_bytes) return {};
    return {keys + b, e - b};
  }
  // Whether the arcs of u, their ends and their relations are in range.
  bool ValidArcs(uint32_t u) const {
    const uint32_t b = arc_offsets[u], e = arc_offsets[u + 1];
    if (b > e || e > header->arcs) return false;
    for (uint32_t a = b; a < e; ++a) {
      if (arcs[a].to >= header->vertices || (arcs[a].edge_and_forward >> 1) >= header->edges) return false;
    }
    return true;
  }
  // Whether relation e's ends and type are in range (read for directed
  // searches and for the hops of the path found).
  bool ValidEdge(uint32_t e) const {
    return edges[e].source < header->vertices && edges[e].target < header->vertices && edges[e].type < header->types;
  }
  std::string_view TypeOf(uint32_t t) const {
    return {types + type_offsets[t], type_offsets[t + 1] - type_offsets[t]};
  }
};

AdjacencySnapshot::AdjacencySnapshot(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
AdjacencySnapshot::~AdjacencySnapshot() = default;

Result<std::unique_ptr<AdjacencySnapshot>> AdjacencySnapshot::Open(const std::string& db_dir) {
  const std::string path = SnapshotPath(db_dir);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(path + ": no adjacency snapshot");
  struct stat st;
  auto rep = std::make_unique<Rep>();
  if (fstat(fd, &st) == 0 && static_cast<size_t>(st.st_size) >= sizeof(Header)) {
    rep->size = static_cast<size_t>(st.st_size);
    rep->map = mmap(nullptr, rep->size, PROT_READ, MAP_SHARED, fd, 0);
  }
  ::close(fd);
  if (rep->map == MAP_FAILED) return Status::Corruption(path + ": unreadable adjacency snapshot");
  const char* base = static_cast<const char*>(rep->map);
  rep->header = reinterpret_cast<const Header*>(base);
  const Header& h = *rep->header;
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) {
    return Status::Corruption(path + ": not an adjacency snapshot of this kg version");
  }
  const Layout layout(h);
  if (layout.end != rep->size) return Status::Corruption(path + ": adjacency snapshot has the wrong size");
  if (h.stamp != DirStamp(db_dir)) return Status::NotFound(path + ": adjacency snapshot is stale");
  rep->key_offsets = reinterpret_cast<const uint32_t*>(base + layout.key_offsets);
  rep->keys = base + layout.keys;
  rep->type_offsets = reinterpret_cast<const uint32_t*>(base + layout.type_offsets);
  rep->types = base + layout.types;
  rep->edges = reinterpret_cast<const Edge*>(base + layout.edges);
  rep->arc_offsets = reinterpret_cast<const uint32_t*>(base + layout.arc_offsets);
  rep->arcs = reinterpret_cast<const Arc*>(base + layout.arcs);
  // Only the ends of the offset arrays are checked here, so that opening
  // touches a few pages of a large file; lookups check what they read
  // (Rep::Valid*), so a damaged file gives no path rather than a crash.
  if (rep->key_offsets[h.vertices] != h.key_bytes || rep->type_offsets[h.types] != h.type_bytes ||
      rep->arc_offsets[h.vertices] != h.arcs) {
    return Status::Corruption(path + ": adjacency snapshot is damaged");
  }
  for (uint32_t t = 0; t < h.types; ++t) {
    if (rep->type_offsets[t] > rep->type_offsets[t + 1] || rep->type_offsets[t + 1] > h.type_bytes) {
      return Status::Corruption(path + ": adjacency snapshot is damaged");
    }
  }
  for (uint32_t t = 0; t < h.types; ++t) rep->symmetric.push_back(IsSymmetricRelation(rep->TypeOf(t)));
  return std::unique_ptr<AdjacencySnapshot>(new AdjacencySnapshot(std::move(rep)));
}

size_t AdjacencySnapshot::entity_count() const { return rep_->header->vertices; }
size_t AdjacencySnapshot::relation_count() const { return rep_->header->edges; }

std::optional<uint32_t> AdjacencySnapshot::Find(std::string_view key) const {
  uint32_t lo = 0, hi = rep_->header->vertices;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (rep_->KeyOf(mid) < key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < rep_->header->vertices && rep_->KeyOf(lo) == key) return lo;
  return std::nullopt;
}

std::string_view AdjacencySnapshot::Key(uint32_t vertex) const { return rep_->KeyOf(vertex); }

Result<AdjacencySnapshot::Part> AdjacencySnapshot::Within(uint32_t center, int depth) const {
  const Rep& r = *rep_;
  const uint32_t n = r.header->vertices;
  Part part;
  if (center >= n) return part;
  const Status damaged = Status::Corruption(std::string(kAdjacencyFile) + ": adjacency snapshot is damaged");
  // Breadth-first, as Neighborhood does: a vertex at `depth` is taken but
  // not expanded.
  std::vector<int> distance(n, -1);
  std::vector<uint32_t> frontier = {center}, next;
  distance[center] = 0;
  for (int d = 0; d < depth && !frontier.empty(); ++d) {
    next.clear();
    for (uint32_t u : frontier) {
      if (!r.ValidArcs(u)) return damaged;
      for (uint32_t a = r.arc_offsets[u]; a < r.arc_offsets[u + 1]; ++a) {
        const uint32_t v = r.arcs[a].to;
        if (distance[v] >= 0) continue;
        distance[v] = d + 1;
        next.push_back(v);
      }
    }
    frontier.swap(next);
  }
  for (uint32_t v = 0; v < n; ++v) {
    if (distance[v] >= 0) part.vertices.push_back(v);
  }
  // Every relation, self-relations included (they have no arcs), in file
  // order, which is EdgeKey order.
  for (uint32_t e = 0; e < r.header->edges; ++e) {
    const Edge& edge = r.edges[e];
    if (!r.ValidEdge(e)) return damaged;
    if (distance[edge.source] < 0 || distance[edge.target] < 0) continue;
    part.relations.push_back({r.KeyOf(edge.source), r.TypeOf(edge.type), r.KeyOf(edge.target)});
  }
  return part;
}

Result<GraphSnapshot> LoadNeighborhood(const Store& store, const AdjacencySnapshot& adjacency,
                                       uint32_t center, int depth) {
  Result<AdjacencySnapshot::Part> part = adjacency.Within(center, depth);
  if (!part.ok()) return part.status();
  GraphSnapshot graph;
  for (uint32_t v : part->vertices) {
    Result<std::optional<Entity>> entity = store.GetEntity(adjacency.Key(v));
    if (!entity.ok()) return entity.status();
    if (entity->has_value()) graph.entities.push_back(std::move(**entity));
  }
  for (const auto& [source, type, target] : part->relations) {
    const std::string key = EdgeKey(source, type, target);
    Result<std::optional<EdgeRecord>> record = store.GetEdge(key);
    if (!record.ok()) return record.status();
    if (!record->has_value()) continue;
    Result<std::vector<Evidence>> evidence = store.GetEvidence(key);
    if (!evidence.ok()) return evidence.status();
    graph.edges.push_back({std::move(**record), evidence.take()});
  }
  graph.Reindex();
  return graph;
}

namespace {

// One side of the bidirectional search. Labels live in an array as large
// as the graph, one cache line apart at most, reused from query to query
// (per thread): `seen == epoch` says a label is from this query, so no
// query clears them.
struct Label {
  uint32_t seen;
  uint32_t prev;  // the vertex one hop closer to this side's start
  uint32_t via;   // the arc (at prev) that reached this vertex
  uint16_t dist;
  double cost;    // least EdgeWeight sum over paths of `dist` hops
};

struct Side {
  std::vector<Label> label;
  std::vector<uint32_t> frontier, next;
  uint16_t depth = 0;
};

struct Scratch {
  const void* owner = nullptr;
  uint32_t epoch = 0;
  Side forward, backward;
};

}  // namespace

Result<std::optional<std::vector<AdjacencyHop>>> AdjacencySnapshot::ShortestPath(
    uint32_t from, uint32_t to, const PathOptions& options) const {
  using Found = std::optional<std::vector<AdjacencyHop>>;
  const Rep& r = *rep_;
  const uint32_t n = r.header->vertices;
  if (from >= n || to >= n || options.max_hops < 0) return Found();
  std::vector<AdjacencyHop> hops;
  if (from == to) return Found(hops);

  thread_local Scratch scratch;
  if (scratch.owner != this || scratch.forward.label.size() != n || scratch.epoch == UINT32_MAX) {
    scratch.owner = this;
    scratch.epoch = 0;
    scratch.forward.label.assign(n, Label{});
    scratch.backward.label.assign(n, Label{});
  }
  const uint32_t epoch = ++scratch.epoch;
  Side& fw = scratch.forward;
  Side& bw = scratch.backward;
  for (auto [side, start] : {std::pair{&fw, from}, std::pair{&bw, to}}) {
    side->label[start] = Label{epoch, start, 0, 0, 0.0};
    side->depth = 0;
    side->frontier.assign(1, start);
  }

  // May the search on `side` take this arc (at a vertex, towards arc.to)?
  // Forward it walks the arc; backward it walks it in reverse.
  auto walkable = [&](const Arc& arc, bool backward) {
    if (!options.directed) return true;
    const bool source_here = arc.edge_and_forward & 1;
    if (source_here != backward) return true;
    const uint32_t type = r.edges[arc.edge_and_forward >> 1].type;
    return type < r.symmetric.size() && r.symmetric[type];
  };

  uint32_t meet = UINT32_MAX;
  while (meet == UINT32_MAX) {
    if (fw.frontier.empty() || bw.frontier.empty()) return Found();
    if (fw.depth + bw.depth + 1 > options.max_hops) return Found();
    // Grow the smaller frontier by one whole layer.
    const bool backward = bw.frontier.size() < fw.frontier.size();
    Side& grow = backward ? bw : fw;
    const Side& other = backward ? fw : bw;
    const uint16_t d = grow.depth + 1;
    grow.next.clear();
    for (uint32_t u : grow.frontier) {  // in discovery order: ties go to the first found
      const double cost_u = grow.label[u].cost;
      if (!r.ValidArcs(u)) return Status::Corruption("adjacency snapshot is damaged (neighbours of vertex " + std::to_string(u) + ")");
      for (uint32_t a = r.arc_offsets[u]; a < r.arc_offsets[u + 1]; ++a) {
        const Arc& arc = r.arcs[a];
        if (!walkable(arc, backward)) continue;
        const uint32_t v = arc.to;
        const double c = cost_u + arc.weight;
        Label& l = grow.label[v];
        if (l.seen != epoch) {
          l = Label{epoch, u, a, d, c};
          grow.next.push_back(v);
        } else if (l.dist == d && c < l.cost) {
          l.cost = c;
          l.prev = u;
          l.via = a;
        }
      }
    }
    grow.frontier.swap(grow.next);
    grow.depth = d;
    // Every shortest path crosses this layer at a vertex the other side has
    // labelled; the best of them is the meeting point.
    uint32_t best_hops = UINT32_MAX;
    double best_cost = 0;
    for (uint32_t v : grow.frontier) {
      const Label& there = other.label[v];
      if (there.seen != epoch) continue;
      const uint32_t total = d + there.dist;
      const double c = grow.label[v].cost + there.cost;
      if (total < best_hops || (total == best_hops && c < best_cost)) {
        best_hops = total;
        best_cost = c;
        meet = v;
      }
    }
  }

  auto hop = [&](uint32_t arc_index, uint32_t at, bool walked_forward) {
    // The arc sits at `at`; its flag says whether `at` is the source.
    const Arc& arc = r.arcs[arc_index];
    const Edge& e = r.edges[arc.edge_and_forward >> 1];
    const bool at_is_source = arc.edge_and_forward & 1;
    AdjacencyHop h;
    h.from = std::string(r.KeyOf(walked_forward ? at : arc.to));
    h.to = std::string(r.KeyOf(walked_forward ? arc.to : at));
    h.source = std::string(r.KeyOf(e.source));
    h.type = std::string(r.TypeOf(e.type));
    h.target = std::string(r.KeyOf(e.target));
    h.forward = walked_forward ? at_is_source : !at_is_source;
    return h;
  };
  for (const Side* side : {&fw, &bw}) {
    for (uint32_t v = meet; v != (side == &fw ? from : to); v = side->label[v].prev) {
      if (!r.ValidEdge(r.arcs[side->label[v].via].edge_and_forward >> 1)) {
        return Status::Corruption("adjacency snapshot is damaged (relations of vertex " + std::to_string(v) + ")");
      }
    }
  }
  for (uint32_t v = meet; v != from; v = fw.label[v].prev) {
    hops.push_back(hop(fw.label[v].via, fw.label[v].prev, true));
  }
  std::reverse(hops.begin(), hops.end());
  for (uint32_t v = meet; v != to; v = bw.label[v].prev) {
    hops.push_back(hop(bw.label[v].via, bw.label[v].prev, false));
  }
  return Found(std::move(hops));
}

bool AdjacencyIsFresh(const std::string& db_dir) { return AdjacencySnapshot::Open(db_dir).ok(); }

namespace {

// A snapshot's contents: `keys` sorted, `edges` in EdgeKey order, and the
// CSR neighbour lists BuildArcs makes of them.
struct Contents {
  std::vector<std::string> keys, types;
  std::vector<Edge> edges;
  std::vector<uint32_t> arc_offsets;
  std::vector<Arc> arcs;
};

Status BuildArcs(Contents& c) {
  const std::vector<std::string>& keys = c.keys;
  const std::vector<Edge>& edges = c.edges;
  if (keys.size() >= std::numeric_limits<uint32_t>::max() / 2 ||
      edges.size() >= std::numeric_limits<uint32_t>::max() / 4) {
    return Status::Unsupported("graph too large for an adjacency snapshot");
  }
  // CSR: count each vertex's arcs, then place them in edge order.
  std::vector<uint32_t>& arc_offsets = c.arc_offsets;
  arc_offsets.assign(keys.size() + 1, 0);
  for (const Edge& e : edges) {
    if (e.source == e.target) continue;  // a self-relation never helps a path
    ++arc_offsets[e.source + 1];
    ++arc_offsets[e.target + 1];
  }
  for (size_t v = 0; v < keys.size(); ++v) arc_offsets[v + 1] += arc_offsets[v];
  std::vector<Arc>& arcs = c.arcs;
  arcs.resize(arc_offsets.back());
  std::vector<uint32_t> fill(arc_offsets.begin(), arc_offsets.end() - 1);
  for (uint32_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    if (e.source == e.target) continue;
    arcs[fill[e.source]++] = {e.target, i << 1 | 1, e.weight};
    arcs[fill[e.target]++] = {e.source, i << 1, e.weight};
  }
  return Status::Ok();
}

std::string TempSnapshotPath(const std::string& db_dir) {
  return SnapshotPath(db_dir) + ".tmp." + std::to_string(::getpid());
}

// Replaces the snapshot with the file at `tmp`, stamping it `stamp` first.
Status PlaceSnapshot(const std::string& db_dir, const std::string& tmp, uint64_t stamp) {
  const std::string path = SnapshotPath(db_dir);
  {
    std::fstream out(tmp, std::ios::binary | std::ios::in | std::ios::out);
    out.seekp(offsetof(Header, stamp));
    out.write(reinterpret_cast<const char*>(&stamp), sizeof stamp);
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Status::IOError(tmp + ": cannot write the adjacency snapshot");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::IOError(path + ": cannot replace the adjacency snapshot: " + ec.message());
  }
  return Status::Ok();
}

// Writes the snapshot of `c` (after BuildArcs), unstamped, to `tmp`.
Status WriteContents(const std::string& tmp, const Contents& c) {
  const uint64_t stamp = 0;
  const std::vector<std::string>& keys = c.keys;
  const std::vector<std::string>& types = c.types;
  const std::vector<Edge>& edges = c.edges;
  const std::vector<uint32_t>& arc_offsets = c.arc_offsets;
  const std::vector<Arc>& arcs = c.arcs;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.stamp = stamp;
  h.vertices = static_cast<uint32_t>(keys.size());
  h.edges = static_cast<uint32_t>(edges.size());
  h.types = static_cast<uint32_t>(types.size());
  std::vector<uint32_t> key_offsets{0}, type_offsets{0};
  for (const std::string& k : keys) key_offsets.push_back(key_offsets.back() + static_cast<uint32_t>(k.size()));
  for (const std::string& t : types) type_offsets.push_back(type_offsets.back() + static_cast<uint32_t>(t.size()));
  h.key_bytes = key_offsets.back();
  h.type_bytes = type_offsets.back();
  h.arcs = static_cast<uint32_t>(arcs.size());

  const Layout layout(h);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp + ": cannot write the adjacency snapshot");
    size_t at = 0;
    auto put = [&](size_t offset, const void* data, size_t n) {
      static const char kZeros[8] = {};
      out.write(kZeros, static_cast<std::streamsize>(offset - at));  // alignment padding
      out.write(static_cast<const char*>(data), static_cast<std::streamsize>(n));
      at = offset + n;
    };
    put(0, &h, sizeof h);
    put(layout.key_offsets, key_offsets.data(), 4 * key_offsets.size());
    std::string pool;
    for (const std::string& k : keys) pool += k;
    put(layout.keys, pool.data(), pool.size());
    put(layout.type_offsets, type_offsets.data(), 4 * type_offsets.size());
    pool.clear();
    for (const std::string& t : types) pool += t;
    put(layout.types, pool.data(), pool.size());
    put(layout.edges, edges.data(), sizeof(Edge) * edges.size());
    put(layout.arc_offsets, arc_offsets.data(), 4 * arc_offsets.size());
    put(layout.arcs, arcs.data(), sizeof(Arc) * arcs.size());
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Status::IOError(tmp + ": cannot write the adjacency snapshot");
    }
  }
  return Status::Ok();
}

// Writes the snapshot of `c` (after BuildArcs), stamped `stamp`, replacing
// the old one atomically.
Status WriteContents(const std::string& db_dir, uint64_t stamp, const Contents& c) {
  const std::string tmp = TempSnapshotPath(db_dir);
  KG_RETURN_IF_ERROR(WriteContents(tmp, c));
  return PlaceSnapshot(db_dir, tmp, stamp);
}

}  // namespace

Status RefreshAdjacency(const std::string& db_dir) {
  const uint64_t stamp = DirStamp(db_dir);
  Contents c;
  std::vector<std::string>& keys = c.keys;
  std::vector<std::string>& types = c.types;
  std::unordered_map<std::string, uint32_t> type_ids;
  std::vector<Edge>& edges = c.edges;
  {
    auto store = Store::Open(db_dir, Store::Mode::kReadOnly);
    if (!store.ok()) return store.status();
    KG_RETURN_IF_ERROR((*store)->ForEachEntity([&](const Entity& e) {
      keys.push_back(e.key);
      return true;
    }));
    // Entities come in key order, so a binary search finds an end's vertex.
    auto vertex = [&](const std::string& key) -> std::optional<uint32_t> {
      auto it = std::lower_bound(keys.begin(), keys.end(), key);
      if (it == keys.end() || *it != key) return std::nullopt;
      return static_cast<uint32_t>(it - keys.begin());
    };
    KG_RETURN_IF_ERROR((*store)->ForEachEdge([&](const EdgeRecord& record) {
      auto s = vertex(record.source), t = vertex(record.target);
      if (!s || !t) return true;  // dangling, as GraphSnapshot::Reindex drops it
      auto [it, added] = type_ids.emplace(record.type, static_cast<uint32_t>(types.size()));
      if (added) types.push_back(record.type);
      edges.push_back({*s, *t, it->second, 0, EdgeWeight(record)});
      return true;
    }));
  }
  if (DirStamp(db_dir) != stamp) return Status::Busy(db_dir + ": changed while the adjacency snapshot was built");
  if (Status s = BuildArcs(c); !s.ok()) return Status::Unsupported(db_dir + ": " + s.message());
  return WriteContents(db_dir, stamp, c);
}


// The gathered snapshot is written to its temporary file at once (the
// database's files are still changing, so it is stamped later); a
// snapshot never placed is removed.
struct GatheredAdjacency::Rep {
  std::string tmp;
  Status status = Status::Ok();
  bool placed = false;
  ~Rep() {
    if (!placed && !tmp.empty()) {
      std::error_code ec;
      fs::remove(tmp, ec);
    }
  }
};

GatheredAdjacency::GatheredAdjacency() = default;
GatheredAdjacency::~GatheredAdjacency() = default;
GatheredAdjacency::GatheredAdjacency(GatheredAdjacency&&) noexcept = default;
GatheredAdjacency& GatheredAdjacency::operator=(GatheredAdjacency&&) noexcept = default;

GatheredAdjacency GatherAdjacency(const std::string& db_dir, const BulkGraphWriter& built) {
  GatheredAdjacency gathered;
  auto rep = std::make_unique<GatheredAdjacency::Rep>();
  Contents c;
  std::unordered_map<std::string, uint32_t> type_ids;
  // The writer passes each type as the same string every time: its address
  // finds its number without hashing it.
  std::unordered_map<const std::string*, uint32_t> type_of_address;
  const bool held = built.ForEachRelation(
      &c.keys, [&](uint32_t source, uint32_t target, const std::string& type, const EdgeRecord& record) {
        auto known = type_of_address.find(&type);
        if (known == type_of_address.end()) {
          auto [it, added] = type_ids.emplace(type, static_cast<uint32_t>(c.types.size()));
          if (added) c.types.push_back(type);
          known = type_of_address.emplace(&type, it->second).first;
        }
        c.edges.push_back({source, target, known->second, 0, EdgeWeight(record)});
      });
  if (!held) return gathered;
  if (Status s = BuildArcs(c); !s.ok()) {
    rep->status = Status::Unsupported(db_dir + ": " + s.message());
  } else {
    rep->tmp = TempSnapshotPath(db_dir);
    rep->status = WriteContents(rep->tmp, c);
  }
  gathered.rep_ = std::move(rep);
  return gathered;
}

Status WriteAdjacency(const std::string& db_dir, GatheredAdjacency& gathered) {
  if (!gathered.rep_) return RefreshAdjacency(db_dir);
  GatheredAdjacency::Rep& r = *gathered.rep_;
  KG_RETURN_IF_ERROR(r.status);
  r.placed = true;  // or removed, on failure
  return PlaceSnapshot(db_dir, r.tmp, DirStamp(db_dir));
}

Status RefreshAdjacency(const std::string& db_dir, const BulkGraphWriter& built) {
  GatheredAdjacency gathered = GatherAdjacency(db_dir, built);
  return WriteAdjacency(db_dir, gathered);
}

}  // namespace kg
