// storage/: the kg database on disk, a RocksDB instance with one column
// family per record kind. This header is the whole public API; the key
// layout and value encodings are documented in storage/FORMAT.md and are a
// contract: change them only with a format-version bump.
//
// One process may open a database for writing (RocksDB's LOCK file enforces
// it; a second writer gets Status::Busy naming the directory). Any number of
// processes may open it read-only at the same time, also while a writer
// runs: a reader sees the database as it was when it opened it, with every
// article either wholly there or not at all.
//
//   auto db = kg::Store::Open("kg.db", kg::Store::Mode::kReadWrite);
//   if (!db.ok()) { ... db.status().message() ... }
//   kg::WriteSet w;                 // everything one article changes
//   w.PutEntity(entity); w.PutEdge(edge); w.AddEvidence(edge_key, ev);
//   Status s = (*db)->Commit(w);    // all of it, or none of it
//
// A Store may be read from several threads at once; Commit and WriteSet are
// for one thread at a time.
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
// with a larger version fails with a clear message instead of misreading it;
// a database with a smaller one is migrated when opened for writing (see
// storage/FORMAT.md, "Format version").
inline constexpr int kFormatVersion = 2;

// An entity an article names that could have been one of several stored
// nodes, so it was kept as a node of its own. Recorded so that a reader can
// see why "Blair" did not become "Tony Blair".
struct KeptApart {
  std::string entity_key;               // the node it stayed (or became)
  std::string name;                     // the name the article used
  std::vector<std::string> candidates;  // the nodes it could have been
};

// What the database remembers about an ingested article.
struct ArticleRecord {
  std::string id, title, date, url, source, origin;
  std::string content_hash;              // hex digest of title + text
  std::vector<std::string> entity_keys;  // entities it mentions
  std::vector<std::string> edge_keys;    // edges it gave evidence to
  std::vector<KeptApart> kept_apart;     // names it left unmerged, and why
};

// What one article contributed to one entity: the names it called it by, the
// roles and the country it gave it. An entity's aliases and roles are the
// union of its mentions, and its country one that a mention gave, so taking
// an article out takes out what it added; an entity with no mention left is
// deleted.
struct Mention {
  std::string entity_key, article_id;
  std::vector<std::string> names, roles;
  std::string country;
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
// The inverse of EdgeKey; false when `key` does not have three parts.
bool SplitEdgeKey(std::string_view key, std::string* source, std::string* type,
                  std::string* target);

// Lower-cased, punctuation-folded form used by the alias index, so that
// "Kim Jong-un", "kim jong un" and "Kim Jong Un" look up the same entities.
std::string NormalizeAlias(std::string_view name);

// Which word of a person's name the name-part index matched.
enum class NamePart { kFirst, kLast };
// True when `entity` is a person whose name has at least two words and the
// first (or last) of them normalises like `word`: what FindByNamePart finds.
bool HasNamePart(const Entity& entity, std::string_view word, NamePart part);

struct StoreCounts {
  uint64_t articles = 0, entities = 0, edges = 0, evidence = 0;
};

// A set of changes applied atomically by Store::Commit (one RocksDB
// WriteBatch). Build one per article. Operations apply in the order they
// were added, so deleting a record and putting it again leaves it put.
class WriteSet {
 public:
  WriteSet();
  ~WriteSet();
  WriteSet(WriteSet&&) noexcept;
  WriteSet& operator=(WriteSet&&) noexcept;

  void PutArticle(const ArticleRecord& article);
  void DeleteArticle(std::string_view id);
  // Also (re)writes the index entries for the entity's name and aliases
  // (alias index) and, for a person, the first and last word of its name.
  void PutEntity(const Entity& entity);
  // Deletes the entity and the index entries of this version of it; to
  // drop an alias, DeleteEntity(old) and then PutEntity(new).
  void DeleteEntity(const Entity& entity);
  void PutMention(const Mention& mention);
  void DeleteMention(std::string_view entity_key, std::string_view article_id);
  void PutEdge(const EdgeRecord& edge);
  // Also deletes the edge's evidence.
  void DeleteEdge(std::string_view edge_key);
  void AddEvidence(std::string_view edge_key, const Evidence& evidence);
  // Removes every evidence row of `article_id` under `edge_key`.
  void DeleteEvidence(std::string_view edge_key, std::string_view article_id);

  bool empty() const;

 private:
  friend class Store;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// Records of one article (its record, mentions and evidence) encoded ahead
// of BulkWriteSet::Put, on any thread: a bulk loader's parsing threads
// prepare them, so that its one merging thread only copies bytes.
class EncodedRecords {
 public:
  void PutArticle(const ArticleRecord& article);
  void PutMention(const Mention& mention);
  // As BulkWriteSet::PutEvidence of `evidence` with its article_id set to
  // `article_id`.
  void PutEvidence(std::string_view edge_key, uint32_t sequence, std::string_view article_id,
                   const Evidence& evidence);
  void Reserve(size_t bytes, size_t records);
  void Clear();
  bool empty() const { return rows_.empty(); }

 private:
  friend class BulkWriteSet;
  struct Row {
    uint8_t cf;
    uint32_t key_size, value_size;
  };
  std::string bytes_;  // each row's key, then its value
  std::vector<Row> rows_;
  std::string scratch_;
};

// Records for Store::IngestBulk, collected by a bulk loader (graph/'s
// BulkGraphWriter) that builds a new database in memory. Unlike a WriteSet
// it only puts, holds every record already encoded in a few large blocks
// rather than two strings per record, and is written as sorted table files
// without going through RocksDB's memtable. Put each key at most once per
// BulkWriteSet (IngestBulk fails on a repeated key, writing nothing).
//
//   kg::BulkWriteSet rows;
//   rows.PutEntity(entity); rows.PutEdge(edge); rows.PutEvidence(edge_key, 0, ev);
//   Status s = store->IngestBulk(rows);   // all of it, or none of it
class BulkWriteSet {
 public:
  BulkWriteSet();
  ~BulkWriteSet();
  BulkWriteSet(BulkWriteSet&&) noexcept;
  BulkWriteSet& operator=(BulkWriteSet&&) noexcept;

  void PutArticle(const ArticleRecord& article);
  // With the entity's alias and name-part rows, as WriteSet::PutEntity.
  void PutEntity(const Entity& entity);
  void PutMention(const Mention& mention);
  void PutEdge(const EdgeRecord& edge);
  // Evidence row number `sequence` of (edge_key, evidence.article_id).
  void PutEvidence(std::string_view edge_key, uint32_t sequence, const Evidence& evidence);
  // Every record of `records`, as if put one by one.
  void Put(const EncodedRecords& records);

  // Bytes of keys and values held, plus a little per record.
  size_t bytes() const;
  bool empty() const;

 private:
  friend class Store;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

class Store {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Creates the database when it does not exist (kReadWrite only), and
  // migrates one of an older format version (kReadWrite only; a reader
  // reads it as it is). Errors name the directory and say what to do:
  // locked by another writer (Busy), newer format (Unsupported), damaged
  // (Corruption), not writable or unreadable (IOError), no database there
  // (NotFound, kReadOnly only).
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, Mode mode);
  ~Store();

  const std::string& dir() const;
  // The format version of the database as stored (after any migration).
  int format_version() const;

  // Point reads. A missing record is an empty optional, not an error.
  Result<std::optional<ArticleRecord>> GetArticle(std::string_view id) const;
  Result<std::optional<Entity>> GetEntity(std::string_view key) const;
  Result<std::optional<EdgeRecord>> GetEdge(std::string_view edge_key) const;
  // Entity keys whose name or alias normalises to NormalizeAlias(name).
  Result<std::vector<std::string>> FindByAlias(std::string_view name) const;
  // Persons whose name has `word` (NormalizeAlias) as its first or last word.
  Result<std::vector<std::string>> FindByNamePart(std::string_view word, NamePart part) const;
  // All evidence of one edge, in (article id, insertion) order.
  Result<std::vector<Evidence>> GetEvidence(std::string_view edge_key) const;
  // Every article's contribution to one entity, in article id order.
  Result<std::vector<Mention>> GetMentions(std::string_view entity_key) const;

  // Full scans in key order. A callback returning false stops the scan.
  Status ForEachArticle(const std::function<bool(const ArticleRecord&)>& fn) const;
  Status ForEachEntity(const std::function<bool(const Entity&)>& fn) const;
  Status ForEachEdge(const std::function<bool(const EdgeRecord&)>& fn) const;
  Status ForEachMention(const std::function<bool(const Mention&)>& fn) const;
  // Every edge in key order with its evidence (as GetEvidence gives it),
  // read in one pass over both column families: what an export streams.
  Status ForEachEdgeWithEvidence(
      const std::function<bool(const EdgeRecord&, const std::vector<Evidence>&)>& fn) const;
  // Every evidence row with the key of the edge it sits under.
  Status ForEachEvidence(
      const std::function<bool(const std::string& edge_key, const Evidence&)>& fn) const;

  Result<StoreCounts> Counts() const;

  // Checks what only storage can see: that the alias and name-part indexes
  // hold exactly the entries the entities call for, that every evidence row
  // sits under an existing edge and its key names its own article, and that
  // every mention's entity exists. Calls `problem` once per disagreement
  // (one line, naming the records); returns a non-OK Status only when the
  // database cannot be read.
  Status VerifyIndexes(const std::function<void(const std::string&)>& problem) const;

  // Applies `changes` atomically and clears them. Fails on a read-only
  // Store and when the database cannot be written.
  Status Commit(WriteSet& changes);

  // Write buffering, for bulk writers (kg ingest). With a budget > 0,
  // Commit keeps whole WriteSets in memory instead of writing each, and
  // writes what it holds as sorted table files ingested in one atomic step
  // (rocksdb IngestExternalFiles) once it holds more than `bytes`, on
  // Flush(), and when the Store closes; a WriteSet that deletes a range (an
  // article replaced or removed) first flushes and is then written as usual.
  // Every read through this Store sees what is buffered, so the caller sees
  // no difference but speed; other processes see the buffered articles at
  // the next flush, all of each or none. A process killed meanwhile loses
  // the buffered articles (whole). While buffering, use the Store (reads
  // included) from one thread only. 0 (the default) turns buffering off,
  // after a flush.
  Status SetWriteBuffer(size_t bytes);
  // Writes what is buffered (see SetWriteBuffer); OK when nothing is.
  Status Flush();

  // Writes `records` as sorted table files (one or more per column family,
  // on two threads) and adds them to the database in one atomic step
  // (rocksdb IngestExternalFiles), then clears them: a process killed
  // meanwhile has stored all of them or none. Records replace stored ones
  // of the same key. Writes what is buffered first. For one thread at a time.
  Status IngestBulk(BulkWriteSet& records);

 private:
  struct Rep;
  explicit Store(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace kg
