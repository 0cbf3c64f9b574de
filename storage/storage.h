// storage/: the kg database on disk, a RocksDB instance with one column
// family per record kind. This header is the whole public API; the key
// layout and value encodings are documented in storage/FORMAT.md and are a
// contract: change them only with a format-version bump.
//
// One process may open a database for writing (RocksDB's LOCK file enforces
// it; a second writer gets Status::Busy naming the directory). Any number of
// processes may open it read-only at the same time, also while a writer runs.
//
//   auto db = kg::Store::Open("kg.db", kg::Store::Mode::kReadWrite);
//   if (!db.ok()) { ... db.status().message() ... }
//   kg::WriteSet w;                 // everything one article changes
//   w.PutEntity(entity); w.PutEdge(edge); w.AddEvidence(edge_key, ev);
//   Status s = (*db)->Commit(w);    // all of it, or none of it
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace kg {

// Bumped when the on-disk layout changes incompatibly. Opening a database
// with a larger version fails with a clear message instead of misreading it.
inline constexpr int kFormatVersion = 1;

// What the database remembers about an ingested article.
struct ArticleRecord {
  std::string id, title, date, url, source, origin;
  std::string content_hash;              // hex digest of title + text
  std::vector<std::string> entity_keys;  // entities it mentions
  std::vector<std::string> edge_keys;    // edges it gave evidence to
};

// A merged edge: one (source, type, target) with aggregate figures. The
// evidence itself lives in its own column family, keyed under the edge.
struct EdgeRecord {
  std::string source, type, target;
  std::string role;            // office text for "role" edges
  uint32_t evidence_count = 0;
  std::string first_seen, last_seen;  // min / max evidence time (ISO), or ""
  double confidence = 0;       // aggregate: 1 - prod(1 - c_i)
};

// Key of an edge: source \x1f type \x1f target (bytes \x1f never occur in
// entity keys or relation types).
std::string EdgeKey(std::string_view source, std::string_view type, std::string_view target);

// Lower-cased, punctuation-folded form used by the alias index, so that
// "Kim Jong-un", "kim jong un" and "Kim Jong Un" look up the same entities.
std::string NormalizeAlias(std::string_view name);

struct StoreCounts {
  uint64_t articles = 0, entities = 0, edges = 0, evidence = 0;
};

// A set of changes applied atomically by Store::Commit (one RocksDB
// WriteBatch). Build one per article.
class WriteSet {
 public:
  WriteSet();
  ~WriteSet();
  WriteSet(WriteSet&&) noexcept;
  WriteSet& operator=(WriteSet&&) noexcept;

  void PutArticle(const ArticleRecord& article);
  void DeleteArticle(std::string_view id);
  // Also (re)writes the alias-index entries for name and aliases.
  void PutEntity(const Entity& entity);
  void DeleteEntity(const Entity& entity);
  void PutEdge(const EdgeRecord& edge);
  void DeleteEdge(std::string_view edge_key);
  void AddEvidence(std::string_view edge_key, const Evidence& evidence);
  // Removes every evidence row of `article_id` under `edge_key`.
  void DeleteEvidence(std::string_view edge_key, std::string_view article_id);

 private:
  friend class Store;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

class Store {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Creates the database when it does not exist (kReadWrite only). Errors
  // name the directory: locked by another writer (Busy), newer format
  // (Unsupported), damaged (Corruption), not writable (IOError).
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, Mode mode);
  ~Store();

  const std::string& dir() const;

  Result<std::optional<ArticleRecord>> GetArticle(std::string_view id) const;
  Result<std::optional<Entity>> GetEntity(std::string_view key) const;
  Result<std::optional<EdgeRecord>> GetEdge(std::string_view edge_key) const;
  // Entity keys whose name or alias normalises to NormalizeAlias(name).
  Result<std::vector<std::string>> FindByAlias(std::string_view name) const;
  // All evidence of one edge, in (article id, insertion) order.
  Result<std::vector<Evidence>> GetEvidence(std::string_view edge_key) const;

  // Full scans in key order. A callback returning false stops the scan.
  Status ForEachArticle(const std::function<bool(const ArticleRecord&)>& fn) const;
  Status ForEachEntity(const std::function<bool(const Entity&)>& fn) const;
  Status ForEachEdge(const std::function<bool(const EdgeRecord&)>& fn) const;

  Result<StoreCounts> Counts() const;

  Status Commit(WriteSet& changes);

 private:
  struct Rep;
  explicit Store(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace kg
