// The kg database on RocksDB. storage/FORMAT.md is the contract for
// everything written here; this block is its summary.
//
//   column family  key                                   value
//   default        (unused; RocksDB requires it)
//   meta           "format_version"                      "2" (decimal)
//   articles       article id                            JSON ArticleRecord
//   entities       entity key                            JSON Entity
//   aliases        NormalizeAlias(name) \x1f entity key  empty
//   name_parts     NormalizeAlias(word) \x1f entity key  "first", "last" or
//                                                        "first last"
//   mentions       entity key \x1f article id            JSON Mention
//   edges          source \x1f type \x1f target          JSON EdgeRecord
//   evidence       edge key \0 article id \0 seq         JSON Evidence
//                  (seq: u32 big-endian, from 0 per edge and article)
//
// Keys are compared bytewise, so one prefix scan finds every entity of an
// alias, every evidence row of an edge, or of one (edge, article) pair, every
// article that mentions an entity. That is why entity keys and relation types
// must not contain \x1f or \0, and article ids must not contain \0.
//
// Values are compact JSON objects. Readers ignore fields they do not know and
// default fields that are missing, so adding a field needs no version bump;
// changing a key encoding or the meaning of a field does. Open refuses a
// database whose format_version is larger than kFormatVersion and migrates
// one whose version is smaller (read-write only).
#include "storage/storage.h"

#include "storage/codec.h"

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kg {
namespace {

namespace fs = std::filesystem;

enum Cf : uint8_t {
  kMeta,
  kArticles,
  kEntities,
  kAliases,
  kEdges,
  kEvidence,
  kMentions,   // since format version 2
  kNameParts,  // since format version 2
  kNumCfs
};
constexpr std::array<const char*, kNumCfs> kCfNames = {
    "meta",  "articles", "entities", "aliases",
    "edges", "evidence", "mentions", "name_parts"};
// Column families a database of format version 1 has.
constexpr int kNumCfsVersion1 = kMentions;

constexpr char kFormatVersionKey[] = "format_version";
constexpr char kKeySeparator = '\x1f';
constexpr char kEvidenceSeparator = '\0';
constexpr size_t kSequenceBytes = 4;

// What to tell the user about a damaged database.
constexpr char kDamageAdvice[] =
    "; restore it from a backup, or move it aside and rebuild it with "
    "kg ingest";

// ---- Key encodings -------------------------------------------------------

std::string JoinKey(std::string_view first, std::string_view second) {
  std::string key;
  key.reserve(first.size() + second.size() + 1);
  key.append(first).append(1, kKeySeparator).append(second);
  return key;
}

std::string AliasKey(std::string_view normalized_alias,
                     std::string_view entity_key) {
  return JoinKey(normalized_alias, entity_key);
}

std::string MentionKey(std::string_view entity_key,
                       std::string_view article_id) {
  return JoinKey(entity_key, article_id);
}

std::string EvidencePrefix(std::string_view edge_key) {
  std::string prefix(edge_key);
  prefix += kEvidenceSeparator;
  return prefix;
}

std::string EvidencePrefix(std::string_view edge_key,
                           std::string_view article_id) {
  std::string prefix = EvidencePrefix(edge_key);
  prefix += article_id;
  prefix += kEvidenceSeparator;
  return prefix;
}

// Big-endian so that rows of one (edge, article) sort in insertion order.
std::string EvidenceKey(const std::string& prefix, uint32_t sequence) {
  std::string key = prefix;
  for (int shift = 24; shift >= 0; shift -= 8) {
    key += static_cast<char>((sequence >> shift) & 0xff);
  }
  return key;
}

// Splits an evidence key into its edge key and article id. The sequence
// bytes may themselves be \0, so the article id is found from the end.
bool SplitEvidenceKey(std::string_view key, std::string_view* edge_key,
                      std::string_view* article_id) {
  size_t first = key.find(kEvidenceSeparator);
  if (first == std::string_view::npos) return false;
  std::string_view rest = key.substr(first + 1);
  if (rest.size() < kSequenceBytes + 1 ||
      rest[rest.size() - kSequenceBytes - 1] != kEvidenceSeparator) {
    return false;
  }
  *edge_key = key.substr(0, first);
  *article_id = rest.substr(0, rest.size() - kSequenceBytes - 1);
  return true;
}

// The smallest key greater than every key starting with `prefix`; empty when
// there is none (prefix all \xff), which means "scan to the end".
std::string PrefixSuccessor(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(end.back());
    if (last != 0xff) {
      ++last;
      return end;
    }
    end.pop_back();
  }
  return end;
}

// Keys hold separator bytes; error messages show them as \xNN.
std::string Printable(std::string_view key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : key) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

// The name-part index rows of `entity`: for a person whose name has at least
// two words, its first and last word (normalised), each with which part it
// is. Words are split at spaces only, so "Kim Jong-un" has "kim" and
// "jong un".
std::map<std::string, std::string> NamePartRows(const Entity& entity) {
  std::map<std::string, std::string> rows;
  if (entity.type != EntityType::kPerson) return rows;
  std::vector<std::string_view> words;
  std::string_view name = entity.name;
  size_t pos = 0;
  while (pos < name.size()) {
    size_t end = name.find(' ', pos);
    if (end == std::string_view::npos) end = name.size();
    if (end > pos) words.push_back(name.substr(pos, end - pos));
    pos = end + 1;
  }
  if (words.size() < 2) return rows;
  std::string first = NormalizeAlias(words.front());
  std::string last = NormalizeAlias(words.back());
  if (first == last) {
    if (!first.empty()) rows[first] = "first last";
    return rows;
  }
  if (!first.empty()) rows[first] = "first";
  if (!last.empty()) rows[last] = "last";
  return rows;
}

bool NamePartMatches(std::string_view value, NamePart part) {
  return value.find(part == NamePart::kFirst ? "first" : "last") !=
         std::string_view::npos;
}

// The alias-index rows of `entity`: its name and each alias, normalised
// (a name that normalises to nothing, such as "...", has none).
std::set<std::string> AliasRows(const Entity& entity) {
  std::set<std::string> rows;
  rows.insert(NormalizeAlias(entity.name));
  for (const std::string& alias : entity.aliases) {
    rows.insert(NormalizeAlias(alias));
  }
  rows.erase("");
  return rows;
}

// ---- Value encodings -----------------------------------------------------
// storage/codec.cc: hand-written JSON, the same bytes nlohmann_json writes.

using codec::Encode;

// ---- RocksDB status mapping ----------------------------------------------

std::string Reason(const rocksdb::Status& s) {
  return s.getState() != nullptr ? s.getState() : s.ToString();
}

// RocksDB reports a held LOCK file as an IOError: "While lock file: ..." from
// another process, "lock hold by current process" from this one.
bool IsLockHeld(const rocksdb::Status& s) {
  if (!s.IsIOError()) return false;
  std::string reason = Reason(s);
  return reason.find("lock file") != std::string::npos ||
         reason.find("lock hold") != std::string::npos;
}

// A file of the database that RocksDB expected and did not find. For a
// reader this may be a writer's flush or compaction deleting it meanwhile
// (worth another try); for good it means the database is damaged.
bool IsFileMissing(const rocksdb::Status& s) {
  return s.IsPathNotFound() ||
         s.ToString().find("No such file or directory") != std::string::npos;
}

Status Damaged(const std::string& dir, const std::string& what) {
  return Status::Corruption(dir + ": database is damaged: " + what +
                            kDamageAdvice);
}

Status OpenError(const std::string& dir, const rocksdb::Status& s,
                 Store::Mode mode) {
  if (IsLockHeld(s)) {
    return Status::Busy(dir +
                        ": database is in use by another kg process (locked)");
  }
  if (s.IsCorruption() || IsFileMissing(s)) return Damaged(dir, Reason(s));
  const char* what = mode == Store::Mode::kReadWrite
                         ? ": cannot open database for writing: "
                         : ": cannot open database: ";
  return Status::IOError(dir + what + Reason(s));
}

// ---- The database directory ----------------------------------------------

// What the files of a database directory say before RocksDB opens it.
enum class DirKind {
  kMissing,      // no such directory
  kEmpty,        // an empty directory
  kDatabase,     // has CURRENT: a RocksDB database
  kInterrupted,  // only what RocksDB writes before CURRENT: a creation that
                 // was killed; safe to create over
  kNoCurrent,    // RocksDB files but no CURRENT: damaged
  kOther,        // something else
};

// RocksDB's first files, written before CURRENT when it creates a database.
bool IsCreationLeftover(const std::string& name) {
  return name == "LOCK" || name == "IDENTITY" || name == "LOG" ||
         name.starts_with("LOG.old.") || name == "MANIFEST-000001" ||
         name.ends_with(".dbtmp");
}

bool IsRocksDbFile(const std::string& name) {
  return IsCreationLeftover(name) || name.starts_with("MANIFEST-") ||
         name.starts_with("OPTIONS-") || name.ends_with(".sst") ||
         name.ends_with(".log") || name.ends_with(".ldb") ||
         name.ends_with(".blob");
}

Result<DirKind> ClassifyDir(const std::string& dir) {
  std::error_code ec;
  fs::file_status st = fs::status(dir, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return Status::IOError(dir + ": cannot open database: " + ec.message());
  }
  if (!fs::exists(st)) return DirKind::kMissing;
  if (!fs::is_directory(st)) {
    return Status::InvalidArgument(dir +
                                   ": not a kg database (not a directory)");
  }
  bool any = false, all_leftovers = true, any_rocksdb = false;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name == "CURRENT") return DirKind::kDatabase;
    any = true;
    all_leftovers = all_leftovers && IsCreationLeftover(name);
    any_rocksdb = any_rocksdb || IsRocksDbFile(name);
  }
  if (ec) {
    return Status::IOError(dir + ": cannot open database: " + ec.message());
  }
  if (!any) return DirKind::kEmpty;
  if (all_leftovers) return DirKind::kInterrupted;
  return any_rocksdb ? DirKind::kNoCurrent : DirKind::kOther;
}

// What a reader compares before and after opening: the write-ahead logs and
// the MANIFEST that CURRENT names. See Store::Rep::OpenReadOnly.
struct FileSnapshot {
  std::set<std::string> logs;
  std::string current;

  // True when nothing this snapshot had was deleted or replaced by `later`.
  bool StillValidIn(const FileSnapshot& later) const {
    if (current != later.current) return false;
    for (const std::string& log : logs) {
      if (later.logs.count(log) == 0) return false;
    }
    return true;
  }
};

FileSnapshot TakeFileSnapshot(const std::string& dir) {
  FileSnapshot snapshot;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.ends_with(".log")) snapshot.logs.insert(name);
  }
  std::ifstream current(fs::path(dir) / "CURRENT", std::ios::binary);
  std::getline(current, snapshot.current);
  return snapshot;
}

}  // namespace

std::string EdgeKey(std::string_view source, std::string_view type,
                    std::string_view target) {
  std::string key;
  key.reserve(source.size() + type.size() + target.size() + 2);
  key.append(source)
      .append(1, kKeySeparator)
      .append(type)
      .append(1, kKeySeparator)
      .append(target);
  return key;
}

bool SplitEdgeKey(std::string_view key, std::string* source, std::string* type,
                  std::string* target) {
  size_t first = key.find(kKeySeparator);
  if (first == std::string_view::npos) return false;
  size_t second = key.find(kKeySeparator, first + 1);
  if (second == std::string_view::npos ||
      key.find(kKeySeparator, second + 1) != std::string_view::npos) {
    return false;
  }
  *source = key.substr(0, first);
  *type = key.substr(first + 1, second - first - 1);
  *target = key.substr(second + 1);
  return true;
}

bool HasNamePart(const Entity& entity, std::string_view word, NamePart part) {
  auto rows = NamePartRows(entity);
  auto it = rows.find(NormalizeAlias(word));
  return it != rows.end() && NamePartMatches(it->second, part);
}

// ---- NormalizeAlias ------------------------------------------------------

namespace {

// U+2018 and U+2019, the curly quotes news text uses as apostrophes.
bool IsCurlyApostrophe(std::string_view s, size_t i) {
  return s.substr(i, 2) == "\xe2\x80" && i + 2 < s.size() &&
         (s[i + 2] == '\x98' || s[i + 2] == '\x99');
}

bool IsSpaceLike(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-';
}

void StripSuffix(std::string& s, std::string_view suffix) {
  if (s.size() > suffix.size() && s.ends_with(suffix)) {
    s.resize(s.size() - suffix.size());
  }
}

}  // namespace

std::string NormalizeAlias(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  // Code points since the last space or dot: a dot after a single letter
  // ends an initial ("U.S." -> "us"); after a word it separates ("St.Louis").
  size_t segment = 0;
  auto add_space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
    segment = 0;
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (IsCurlyApostrophe(name, i)) {
      out += '\'';
      ++segment;
      i += 2;
    } else if (IsSpaceLike(c)) {
      add_space();
    } else if (c == '.') {
      if (segment == 1) {
        segment = 0;
      } else {
        add_space();
      }
    } else {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++segment;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  StripSuffix(out, "'s");  // "Russia's"
  StripSuffix(out, "'");   // "Reuters'"
  if (out.size() > 4 && out.starts_with("the ")) out.erase(0, 4);
  return out;
}

// ---- WriteSet --------------------------------------------------------------

// Column family handles belong to an open Store, and a WriteSet is built
// without one, so the WriteSet records its operations by column family and
// Store::Commit replays them into one rocksdb::WriteBatch.
struct WriteSet::Rep {
  struct Op {
    enum class Kind { kPut, kDelete, kDeleteRange } kind;
    Cf cf;
    std::string key;
    std::string value;  // the value for kPut, the end key for kDeleteRange
  };
  std::vector<Op> ops;
  // Next sequence number per EvidencePrefix(edge, article). Ordered so that
  // DeleteEdge can drop every counter of one edge.
  std::map<std::string, uint32_t, std::less<>> next_sequence;

  void Put(Cf cf, std::string key, std::string value) {
    ops.push_back({Op::Kind::kPut, cf, std::move(key), std::move(value)});
  }
  void Delete(Cf cf, std::string key) {
    ops.push_back({Op::Kind::kDelete, cf, std::move(key), {}});
  }
  void DeletePrefix(Cf cf, const std::string& prefix) {
    ops.push_back(
        {Op::Kind::kDeleteRange, cf, prefix, PrefixSuccessor(prefix)});
  }
  void ResetSequences(const std::string& prefix) {
    auto it = next_sequence.lower_bound(prefix);
    while (it != next_sequence.end() && it->first.starts_with(prefix)) {
      it = next_sequence.erase(it);
    }
  }
  void PutIndexRows(const Entity& entity) {
    for (const std::string& alias : AliasRows(entity)) {
      Put(kAliases, AliasKey(alias, entity.key), "");
    }
    for (const auto& [word, part] : NamePartRows(entity)) {
      Put(kNameParts, AliasKey(word, entity.key), part);
    }
  }
  void DeleteIndexRows(const Entity& entity) {
    for (const std::string& alias : AliasRows(entity)) {
      Delete(kAliases, AliasKey(alias, entity.key));
    }
    for (const auto& [word, part] : NamePartRows(entity)) {
      Delete(kNameParts, AliasKey(word, entity.key));
    }
  }
};

WriteSet::WriteSet() : rep_(std::make_unique<Rep>()) {}
WriteSet::~WriteSet() = default;
WriteSet::WriteSet(WriteSet&&) noexcept = default;
WriteSet& WriteSet::operator=(WriteSet&&) noexcept = default;

bool WriteSet::empty() const { return rep_->ops.empty(); }

void WriteSet::PutArticle(const ArticleRecord& article) {
  rep_->Put(kArticles, article.id, Encode(article));
}

void WriteSet::DeleteArticle(std::string_view id) {
  rep_->Delete(kArticles, std::string(id));
}

// Index rows are only added here: an alias dropped from `entity` keeps its
// row unless the caller DeleteEntity()s the old version first.
void WriteSet::PutEntity(const Entity& entity) {
  rep_->Put(kEntities, entity.key, Encode(entity));
  rep_->PutIndexRows(entity);
}

void WriteSet::DeleteEntity(const Entity& entity) {
  rep_->Delete(kEntities, entity.key);
  rep_->DeleteIndexRows(entity);
}

void WriteSet::PutMention(const Mention& mention) {
  rep_->Put(kMentions, MentionKey(mention.entity_key, mention.article_id),
            Encode(mention));
}

void WriteSet::DeleteMention(std::string_view entity_key,
                             std::string_view article_id) {
  rep_->Delete(kMentions, MentionKey(entity_key, article_id));
}

void WriteSet::PutEdge(const EdgeRecord& edge) {
  rep_->Put(kEdges, EdgeKey(edge.source, edge.type, edge.target), Encode(edge));
}

// Evidence never outlives its edge, so deleting an edge deletes its rows.
void WriteSet::DeleteEdge(std::string_view edge_key) {
  rep_->Delete(kEdges, std::string(edge_key));
  std::string prefix = EvidencePrefix(edge_key);
  rep_->DeletePrefix(kEvidence, prefix);
  rep_->ResetSequences(prefix);
}

void WriteSet::AddEvidence(std::string_view edge_key,
                           const Evidence& evidence) {
  std::string prefix = EvidencePrefix(edge_key, evidence.article_id);
  uint32_t sequence = rep_->next_sequence[prefix]++;
  rep_->Put(kEvidence, EvidenceKey(prefix, sequence), Encode(evidence));
}

void WriteSet::DeleteEvidence(std::string_view edge_key,
                              std::string_view article_id) {
  std::string prefix = EvidencePrefix(edge_key, article_id);
  rep_->DeletePrefix(kEvidence, prefix);
  rep_->next_sequence.erase(prefix);
}

// ---- Store -----------------------------------------------------------------

// Changes committed while write buffering is on (Store::SetWriteBuffer) and
// not yet in the database: per column family the latest value of each key,
// nullopt for a deleted one. The alias and name-part indexes are scanned by
// prefix while articles are merged, so they are kept sorted; articles,
// entities and edges are only read by key while buffering, so a hash table
// does; mentions and evidence, the most numerous, are only read when an
// article is replaced or removed, so they are appended to a log (a read of
// one of these, or a prefix scan of any but the sorted ones, flushes first).
// Hashes std::string and std::string_view alike, so that a lookup by a
// string_view key builds no std::string.
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};
template <typename V>
using KeyMap = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;

struct WriteBuffer {
  using Value = std::optional<std::string>;
  std::array<std::map<std::string, Value, std::less<>>, kNumCfs> sorted;
  std::array<KeyMap<Value>, kNumCfs> hashed;
  std::array<std::vector<std::pair<std::string, Value>>, kNumCfs> logged;  // later wins
  size_t budget = 0;  // 0: off
  size_t bytes = 0;

  static bool Sorted(Cf c) { return c == kAliases || c == kNameParts; }
  static bool Logged(Cf c) { return c == kMentions || c == kEvidence; }
  bool empty() const { return bytes == 0; }
  bool Holds(Cf c) const { return !sorted[c].empty() || !hashed[c].empty() || !logged[c].empty(); }
  void Set(Cf c, std::string key, Value value) {
    bytes += key.size() + (value ? value->size() : 0) + 64;
    if (Sorted(c)) {
      sorted[c].insert_or_assign(std::move(key), std::move(value));
    } else if (Logged(c)) {
      logged[c].emplace_back(std::move(key), std::move(value));
    } else {
      hashed[c].insert_or_assign(std::move(key), std::move(value));
    }
  }
  // The buffered value of `key`: null when the buffer does not know it.
  const Value* Find(Cf c, std::string_view key) const {
    if (Sorted(c)) {
      auto it = sorted[c].find(key);
      return it == sorted[c].end() ? nullptr : &it->second;
    }
    if (hashed[c].empty()) return nullptr;
    auto it = hashed[c].find(key);
    return it == hashed[c].end() ? nullptr : &it->second;
  }
  void Clear() {
    for (auto& m : sorted) m.clear();
    for (auto& m : hashed) m.clear();
    for (auto& m : logged) m.clear();
    bytes = 0;
  }
};

// Table files a flush of the write buffer writes before ingesting them; a
// killed process may leave some behind, which the next writer deletes.
constexpr char kBufferFilePrefix[] = "kg-buffer-";

struct Store::Rep {
  std::string dir;
  Mode mode;
  int version = kFormatVersion;
  rocksdb::DB* db = nullptr;
  // Every column family the database has (RocksDB makes us open them all),
  // and the ones kg uses by Cf. A reader of an older format lacks the newer
  // ones (null here); reads of them find nothing.
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::array<rocksdb::ColumnFamilyHandle*, kNumCfs> cf{};
  // Mutable: a prefix scan of a hashed column family flushes it first.
  mutable WriteBuffer buffer;
  // A full buffer is written by a thread of its own while merging goes on
  // into a fresh one; reads look at `buffer`, then at `flushing` (until the
  // next flush starts or a synchronous one ends), then at the database.
  // Only one flush runs at a time; its failure sticks in flush_error.
  mutable std::shared_ptr<const WriteBuffer> flushing;
  mutable std::thread flusher;
  mutable Status flush_error;
  mutable uint64_t buffer_files = 0;
  // While buffering: entities as read, so that an ingest decodes each once.
  // A commit that writes an entity drops it; bounded by clearing.
  mutable KeyMap<std::optional<Entity>> entity_cache;
  static constexpr size_t kMaxCachedEntities = 500000;

  Rep(std::string dir, Mode mode) : dir(std::move(dir)), mode(mode) {}
  ~Rep() { Close(); }

  void Close() {
    if (db == nullptr) return;
    // Committed articles still in the write buffer; a caller that wants to
    // hear about a failure calls Store::Flush first.
    FlushBuffer().IgnoreError();
    // A writer leaves its data in table files rather than in the write-ahead
    // log, so that readers opening later need not replay it (on a large
    // graph, seconds for every command). Failing to flush loses nothing: the
    // log stays and is replayed.
    if (mode == Mode::kReadWrite) {
      db->Flush(rocksdb::FlushOptions(), handles).PermitUncheckedError();
    }
    for (rocksdb::ColumnFamilyHandle* h : handles) {
      db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    }
    handles.clear();
    cf = {};
    db->Close().PermitUncheckedError();
    delete db;
    db = nullptr;
  }

  Status Create();
  Status OpenExisting();
  Status OpenReadOnly(const std::vector<rocksdb::ColumnFamilyDescriptor>& d);
  Result<std::vector<rocksdb::ColumnFamilyDescriptor>> Descriptors() const;
  Result<std::optional<int>> ReadFormatVersion() const;
  Result<bool> HoldsNoRecords() const;
  Status CreateMissingColumnFamilies();
  Status WriteFormatVersion(rocksdb::WriteBatch* batch);
  Status MigrateFromVersion1();
  void AdoptHandles(
      const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors);
  Status Write(const WriteSet::Rep& ops, rocksdb::WriteBatch* batch,
               bool sync);
  Status Buffer(WriteSet::Rep& ops);
  Status FlushBuffer() const;
  Status StartFlush();
  Status WaitForFlusher() const;
  Status WriteBufferFiles(const WriteBuffer& b, uint64_t first_file) const;
  const WriteBuffer::Value* FindBuffered(Cf c, std::string_view key) const {
    if (const WriteBuffer::Value* v = buffer.Find(c, key)) return v;
    return flushing ? flushing->Find(c, key) : nullptr;
  }
  bool Buffered(Cf c) const { return buffer.Holds(c) || (flushing && flushing->Holds(c)); }
  void RemoveBufferFiles() const;

  Result<std::optional<std::string>> Get(Cf c, std::string_view key) const;
  Status Scan(Cf c, std::string_view prefix,
              const std::function<bool(std::string_view key,
                                       std::string_view value)>& fn) const;
  Status ReadError(Cf c, std::string_view key,
                   const rocksdb::Status& s) const;

  template <typename T>
  Result<T> Parse(Cf c, std::string_view key, std::string_view value) const {
    T record;
    try {
      codec::Decode(value, &record);
    } catch (const std::exception& e) {
      return Damaged(dir, std::string(kCfNames[c]) + " record '" +
                              Printable(key) + "' is unreadable: " + e.what());
    }
    return record;
  }

  template <typename T>
  Result<std::optional<T>> GetRecord(Cf c, std::string_view key) const {
    Result<std::optional<std::string>> raw = Get(c, key);
    if (!raw.ok()) return raw.status();
    if (!raw->has_value()) return std::optional<T>();
    Result<T> record = Parse<T>(c, key, **raw);
    if (!record.ok()) return record.status();
    return std::optional<T>(record.take());
  }

  // Decodes every record under `prefix`; stops at the first damaged one.
  template <typename T>
  Status ForEachRecord(
      Cf c, std::string_view prefix,
      const std::function<bool(std::string_view key, const T&)>& fn) const {
    Status damaged;
    KG_RETURN_IF_ERROR(
        Scan(c, prefix, [&](std::string_view key, std::string_view value) {
          Result<T> record = Parse<T>(c, key, value);
          if (!record.ok()) {
            damaged = record.status();
            return false;
          }
          return fn(key, *record);
        }));
    return damaged;
  }
};

// Finds kg's column families among the opened ones (handles[i] belongs to
// descriptors[i]).
void Store::Rep::AdoptHandles(
    const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors) {
  for (size_t i = 0; i < descriptors.size(); ++i) {
    for (int c = 0; c < kNumCfs; ++c) {
      if (descriptors[i].name == kCfNames[c]) cf[c] = handles[i];
    }
  }
}

// Table files carry Bloom filters, so that looking up a key that is not
// there (every new article, edge and entity of an ingest) reads no block.
// Options, not format: files without filters read the same.
rocksdb::ColumnFamilyOptions TableOptions() {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

rocksdb::DBOptions WriterOptions() {
  rocksdb::DBOptions options;
  options.keep_log_file_num = 5;  // RocksDB's info LOG, not the WAL
  return options;
}

// A new database gets every column family and then its format version. A
// process killed between the two leaves a database without a version and
// without records, which the next OpenExisting finishes creating.
Status Store::Rep::Create() {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    return Status::IOError(dir + ": cannot create database: " + ec.message());
  }
  rocksdb::DBOptions options = WriterOptions();
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = {
      {rocksdb::kDefaultColumnFamilyName, {}}};
  for (const char* name : kCfNames) {
    descriptors.emplace_back(name, TableOptions());
  }
  rocksdb::Status s =
      rocksdb::DB::Open(options, dir, descriptors, &handles, &db);
  if (!s.ok()) return OpenError(dir, s, mode);
  AdoptHandles(descriptors);
  rocksdb::WriteBatch batch;
  KG_RETURN_IF_ERROR(WriteFormatVersion(&batch));
  return Write(WriteSet::Rep(), &batch, /*sync=*/true);
}

Status Store::Rep::WriteFormatVersion(rocksdb::WriteBatch* batch) {
  version = kFormatVersion;
  rocksdb::Status s = batch->Put(cf[kMeta], kFormatVersionKey,
                                 std::to_string(kFormatVersion));
  if (!s.ok()) {
    return Status::IOError(dir + ": cannot write format version: " + Reason(s));
  }
  return Status::Ok();
}

// Opens whatever column families the database has, so that a newer kg's
// extra ones do not stop us from reading its version and saying so.
Result<std::vector<rocksdb::ColumnFamilyDescriptor>> Store::Rep::Descriptors()
    const {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies({}, dir, &names);
  if (!s.ok()) return OpenError(dir, s, mode);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    // A reader looks up a handful of keys; loading every table file's Bloom
    // filter when it opens them all would cost more than they save it.
    descriptors.emplace_back(name, mode == Mode::kReadWrite ? TableOptions() : rocksdb::ColumnFamilyOptions());
  }
  return descriptors;
}

// A read-only instance replays the writer's write-ahead logs on top of the
// table files the MANIFEST lists. A writer that flushes meanwhile writes a
// table file, records it in the MANIFEST and deletes the log: a reader that
// read the MANIFEST before and looks for the log after silently misses what
// the log held, and one that looks for a table file a compaction has just
// deleted fails. (RocksDB's secondary instances, tried as well, show the
// same gap.) So the reader notes the logs and the MANIFEST before opening
// and checks after opening that none of them went away; if one did, or a
// file vanished under it, it opens again. Once open it holds every table
// file open (max_open_files = -1), so later deletions do not affect it.
Status Store::Rep::OpenReadOnly(
    const std::vector<rocksdb::ColumnFamilyDescriptor>& first_descriptors) {
  // (Under load a writer that keeps flushing can outpace a few quick
  // tries; the waits grow to 50 ms, about 2 s in all.)
  constexpr int kAttempts = 50;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = first_descriptors;
  rocksdb::Status last;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (attempt > 0) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::min(5 * attempt, 50)));
      Result<std::vector<rocksdb::ColumnFamilyDescriptor>> again =
          Descriptors();
      if (!again.ok()) return again.status();
      descriptors = again.take();
    }
    FileSnapshot before = TakeFileSnapshot(dir);
    rocksdb::DBOptions options;
    options.max_open_files = -1;
    last = rocksdb::DB::OpenForReadOnly(options, dir, descriptors, &handles,
                                        &db);
    if (last.ok()) {
      if (before.StillValidIn(TakeFileSnapshot(dir))) {
        AdoptHandles(descriptors);
        return Status::Ok();
      }
      Close();
      continue;
    }
    handles.clear();
    db = nullptr;
    if (!IsFileMissing(last)) break;
  }
  // Every open succeeded but a writer changed the files under it each time.
  if (last.ok()) {
    return Status::Busy(dir +
                        ": database is being rewritten by a writer too fast "
                        "to read; try again");
  }
  return OpenError(dir, last, mode);
}

Result<std::optional<int>> Store::Rep::ReadFormatVersion() const {
  if (cf[kMeta] == nullptr) return std::optional<int>();
  std::string value;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), cf[kMeta], kFormatVersionKey, &value);
  if (s.IsNotFound()) return std::optional<int>();
  if (!s.ok()) return ReadError(kMeta, kFormatVersionKey, s);
  int parsed = 0;
  auto [end, error] =
      std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (error != std::errc() || end != value.data() + value.size() ||
      parsed < 1) {
    return Damaged(dir,
                   "format version '" + Printable(value) + "' is not a number");
  }
  return std::optional<int>(parsed);
}

// True when no column family but meta holds a key: a database whose creation
// was interrupted before its version was written.
Result<bool> Store::Rep::HoldsNoRecords() const {
  for (int c = kArticles; c < kNumCfs; ++c) {
    bool any = false;
    KG_RETURN_IF_ERROR(Scan(static_cast<Cf>(c), "",
                            [&any](std::string_view, std::string_view) {
                              any = true;
                              return false;
                            }));
    if (any) return false;
  }
  return true;
}

Status Store::Rep::CreateMissingColumnFamilies() {
  for (int c = 0; c < kNumCfs; ++c) {
    if (cf[c] != nullptr) continue;
    rocksdb::Status s = db->CreateColumnFamily(TableOptions(),
                                               kCfNames[c], &cf[c]);
    if (!s.ok()) return OpenError(dir, s, mode);
    handles.push_back(cf[c]);
  }
  return Status::Ok();
}

Status Store::Rep::OpenExisting() {
  Result<std::vector<rocksdb::ColumnFamilyDescriptor>> descriptors =
      Descriptors();
  if (!descriptors.ok()) return descriptors.status();
  if (mode == Mode::kReadOnly) {
    KG_RETURN_IF_ERROR(OpenReadOnly(*descriptors));
  } else {
    rocksdb::Status s = rocksdb::DB::Open(WriterOptions(), dir, *descriptors,
                                          &handles, &db);
    if (!s.ok()) return OpenError(dir, s, mode);
    AdoptHandles(*descriptors);
    RemoveBufferFiles();  // of a flush that was killed before its ingestion
  }

  Result<std::optional<int>> stored = ReadFormatVersion();
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) {
    Result<bool> empty = HoldsNoRecords();
    if (!empty.ok()) return empty.status();
    if (!*empty) return Damaged(dir, "no format version recorded");
    // An interrupted creation: nothing to read, and a writer finishes it.
    version = kFormatVersion;
    if (mode == Mode::kReadOnly) return Status::Ok();
    KG_RETURN_IF_ERROR(CreateMissingColumnFamilies());
    rocksdb::WriteBatch batch;
    KG_RETURN_IF_ERROR(WriteFormatVersion(&batch));
    return Write(WriteSet::Rep(), &batch, /*sync=*/true);
  }
  version = **stored;
  if (version > kFormatVersion) {
    return Status::Unsupported(
        dir + ": database format version " + std::to_string(version) +
        " is newer than this kg supports (" + std::to_string(kFormatVersion) +
        "); upgrade kg");
  }
  int required = version == 1 ? kNumCfsVersion1 : kNumCfs;
  if (mode == Mode::kReadOnly) {
    for (int c = 0; c < required; ++c) {
      if (cf[c] == nullptr) {
        return Damaged(dir, std::string("column family '") + kCfNames[c] +
                                "' is missing");
      }
    }
    return Status::Ok();
  }
  KG_RETURN_IF_ERROR(CreateMissingColumnFamilies());
  if (version == 1) KG_RETURN_IF_ERROR(MigrateFromVersion1());
  return Status::Ok();
}

// Version 1 had no mentions and no name-part index, and kept entities no
// article mentioned any more. The migration builds both indexes (each
// article is taken to have contributed all of an entity's names and roles,
// since version 1 did not record who added what), deletes the entities that
// no article mentions and no edge touches, and sets the version, all in one
// batch: killed halfway, the database is still version 1 and migrates again.
Status Store::Rep::MigrateFromVersion1() {
  WriteSet::Rep ops;
  // Start the indexes afresh (they are empty unless a migration was killed).
  for (Cf c : {kMentions, kNameParts}) {
    KG_RETURN_IF_ERROR(
        Scan(c, "", [&](std::string_view key, std::string_view) {
          ops.Delete(c, std::string(key));
          return true;
        }));
  }
  std::unordered_map<std::string, Entity> entities;
  KG_RETURN_IF_ERROR(ForEachRecord<Entity>(
      kEntities, "", [&](std::string_view, const Entity& e) {
        entities.emplace(e.key, e);
        return true;
      }));
  std::unordered_set<std::string> kept;
  KG_RETURN_IF_ERROR(ForEachRecord<EdgeRecord>(
      kEdges, "", [&](std::string_view, const EdgeRecord& e) {
        kept.insert(e.source);
        kept.insert(e.target);
        return true;
      }));
  KG_RETURN_IF_ERROR(ForEachRecord<ArticleRecord>(
      kArticles, "", [&](std::string_view, const ArticleRecord& a) {
        for (const std::string& key : a.entity_keys) {
          auto entity = entities.find(key);
          if (entity == entities.end()) continue;
          Mention m{key, a.id, {entity->second.name}, entity->second.roles,
                    entity->second.country};
          m.names.insert(m.names.end(), entity->second.aliases.begin(),
                         entity->second.aliases.end());
          ops.Put(kMentions, MentionKey(key, a.id), Encode(m));
          kept.insert(key);
        }
        return true;
      }));
  for (const auto& [key, entity] : entities) {
    if (kept.count(key) != 0) {
      for (const auto& [word, part] : NamePartRows(entity)) {
        ops.Put(kNameParts, AliasKey(word, key), part);
      }
    } else {
      ops.Delete(kEntities, key);
      ops.DeleteIndexRows(entity);
    }
  }
  rocksdb::WriteBatch batch;
  KG_RETURN_IF_ERROR(WriteFormatVersion(&batch));
  return Write(ops, &batch, /*sync=*/true);
}

// Replays `ops` into `batch` (which may already hold operations) and writes
// the batch as one.
Status Store::Rep::Write(const WriteSet::Rep& ops, rocksdb::WriteBatch* batch,
                         bool sync) {
  for (const WriteSet::Rep::Op& op : ops.ops) {
    rocksdb::ColumnFamilyHandle* handle = cf[op.cf];
    rocksdb::Status s;
    switch (op.kind) {
      case WriteSet::Rep::Op::Kind::kPut:
        s = batch->Put(handle, op.key, op.value);
        break;
      case WriteSet::Rep::Op::Kind::kDelete:
        s = batch->Delete(handle, op.key);
        break;
      case WriteSet::Rep::Op::Kind::kDeleteRange:
        s = batch->DeleteRange(handle, op.key, op.value);
        break;
    }
    if (!s.ok()) {
      return Status::InvalidArgument(dir + ": cannot stage write: " +
                                     Reason(s));
    }
  }
  rocksdb::WriteOptions options;
  options.sync = sync;
  rocksdb::Status s = db->Write(options, batch);
  if (!s.ok()) return Status::IOError(dir + ": cannot write: " + Reason(s));
  return Status::Ok();
}

Status Store::Rep::ReadError(Cf c, std::string_view key,
                             const rocksdb::Status& s) const {
  std::string what = std::string("cannot read ") + kCfNames[c] + " '" +
                     Printable(key) + "': " + Reason(s);
  return s.IsCorruption() ? Damaged(dir, what)
                          : Status::IOError(dir + ": " + what);
}

Result<std::optional<std::string>> Store::Rep::Get(Cf c,
                                                   std::string_view key) const {
  if (cf[c] == nullptr) return std::optional<std::string>();
  if (WriteBuffer::Logged(c) && Buffered(c)) KG_RETURN_IF_ERROR(FlushBuffer());
  if (const WriteBuffer::Value* buffered = FindBuffered(c, key)) return *buffered;
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf[c], key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return ReadError(c, key, s);
  return std::optional<std::string>(std::move(value));
}

Status Store::Rep::Scan(
    Cf c, std::string_view prefix,
    const std::function<bool(std::string_view, std::string_view)>& fn) const {
  if (cf[c] == nullptr) return Status::Ok();
  if (!WriteBuffer::Sorted(c) && Buffered(c)) KG_RETURN_IF_ERROR(FlushBuffer());
  std::string end = PrefixSuccessor(prefix);
  rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions options;
  if (!end.empty()) options.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(options, cf[c]));
  it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
  // The buffered rows of the range, merged in: a buffered key hides the
  // stored one, and a buffered deletion hides it without taking its place;
  // the buffer being flushed lies between the two.
  std::map<std::string_view, const WriteBuffer::Value*> buffered;
  for (const WriteBuffer* source : {flushing.get(), static_cast<const WriteBuffer*>(&buffer)}) {
    if (source == nullptr) continue;
    const auto& rows = source->sorted[c];
    auto last = end.empty() ? rows.end() : rows.lower_bound(end);
    for (auto row = rows.lower_bound(prefix); row != last; ++row) buffered[row->first] = &row->second;
  }
  auto b = buffered.begin();
  auto b_end = buffered.end();
  for (;;) {
    const bool stored = it->Valid();
    if (!stored && b == b_end) break;
    int order = !stored ? 1 : b == b_end ? -1 : it->key().ToStringView().compare(b->first);
    if (order < 0) {
      if (!fn(it->key().ToStringView(), it->value().ToStringView())) break;
      it->Next();
      continue;
    }
    if (order == 0) it->Next();
    const auto& [key, value] = *b++;
    if (*value && !fn(key, **value)) break;
  }
  if (!it->status().ok()) {
    std::string what =
        std::string("cannot scan ") + kCfNames[c] + ": " + Reason(it->status());
    return it->status().IsCorruption() ? Damaged(dir, what)
                                       : Status::IOError(dir + ": " + what);
  }
  return Status::Ok();
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, Mode mode) {
  Result<DirKind> kind = ClassifyDir(dir);
  if (!kind.ok()) return kind.status();
  auto rep = std::make_unique<Rep>(dir, mode);
  switch (*kind) {
    case DirKind::kDatabase:
      KG_RETURN_IF_ERROR(rep->OpenExisting());
      break;
    case DirKind::kMissing:
    case DirKind::kEmpty:
    case DirKind::kInterrupted:
      if (mode == Mode::kReadOnly) {
        return Status::NotFound(dir +
                                ": no kg database here (run kg ingest first)");
      }
      KG_RETURN_IF_ERROR(rep->Create());
      break;
    case DirKind::kNoCurrent:
      return Damaged(dir, "its CURRENT file is missing");
    case DirKind::kOther:
      // Creating a database inside some unrelated directory would litter it.
      return Status::InvalidArgument(
          dir + ": not a kg database, and not empty; use a new directory");
  }
  return std::unique_ptr<Store>(new Store(std::move(rep)));
}

Store::Store(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Store::~Store() = default;

const std::string& Store::dir() const { return rep_->dir; }
int Store::format_version() const { return rep_->version; }

Result<std::optional<ArticleRecord>> Store::GetArticle(
    std::string_view id) const {
  return rep_->GetRecord<ArticleRecord>(kArticles, id);
}

Result<std::optional<Entity>> Store::GetEntity(std::string_view key) const {
  if (rep_->buffer.budget == 0) return rep_->GetRecord<Entity>(kEntities, key);
  auto& cache = rep_->entity_cache;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  Result<std::optional<Entity>> entity = rep_->GetRecord<Entity>(kEntities, key);
  if (!entity.ok()) return entity;
  if (cache.size() >= Rep::kMaxCachedEntities) cache.clear();
  cache.emplace(std::string(key), *entity);
  return entity;
}

Result<std::optional<EdgeRecord>> Store::GetEdge(
    std::string_view edge_key) const {
  return rep_->GetRecord<EdgeRecord>(kEdges, edge_key);
}

Result<std::vector<std::string>> Store::FindByAlias(
    std::string_view name) const {
  std::string normalized = NormalizeAlias(name);
  std::vector<std::string> keys;
  if (normalized.empty()) return keys;
  std::string prefix = AliasKey(normalized, "");
  KG_RETURN_IF_ERROR(
      rep_->Scan(kAliases, prefix, [&](std::string_view key, std::string_view) {
        keys.emplace_back(key.substr(prefix.size()));
        return true;
      }));
  return keys;
}

Result<std::vector<std::string>> Store::FindByNamePart(std::string_view word,
                                                       NamePart part) const {
  std::string normalized = NormalizeAlias(word);
  std::vector<std::string> keys;
  if (normalized.empty()) return keys;
  std::string prefix = AliasKey(normalized, "");
  KG_RETURN_IF_ERROR(rep_->Scan(
      kNameParts, prefix, [&](std::string_view key, std::string_view value) {
        if (NamePartMatches(value, part)) {
          keys.emplace_back(key.substr(prefix.size()));
        }
        return true;
      }));
  return keys;
}

Result<std::vector<Evidence>> Store::GetEvidence(
    std::string_view edge_key) const {
  std::vector<Evidence> rows;
  KG_RETURN_IF_ERROR(rep_->ForEachRecord<Evidence>(
      kEvidence, EvidencePrefix(edge_key),
      [&](std::string_view, const Evidence& e) {
        rows.push_back(e);
        return true;
      }));
  return rows;
}

Result<std::vector<Mention>> Store::GetMentions(
    std::string_view entity_key) const {
  std::vector<Mention> rows;
  KG_RETURN_IF_ERROR(rep_->ForEachRecord<Mention>(
      kMentions, MentionKey(entity_key, ""),
      [&](std::string_view, const Mention& m) {
        rows.push_back(m);
        return true;
      }));
  return rows;
}

Status Store::ForEachArticle(
    const std::function<bool(const ArticleRecord&)>& fn) const {
  return rep_->ForEachRecord<ArticleRecord>(
      kArticles, "",
      [&](std::string_view, const ArticleRecord& a) { return fn(a); });
}

Status Store::ForEachEntity(
    const std::function<bool(const Entity&)>& fn) const {
  return rep_->ForEachRecord<Entity>(
      kEntities, "", [&](std::string_view, const Entity& e) { return fn(e); });
}

Status Store::ForEachEdge(
    const std::function<bool(const EdgeRecord&)>& fn) const {
  return rep_->ForEachRecord<EdgeRecord>(
      kEdges, "",
      [&](std::string_view, const EdgeRecord& e) { return fn(e); });
}

// Evidence keys are the edge key, \0, ...: in key order they come edge by
// edge, in the edges' order (a key is followed by its own rows before any
// longer key it is a prefix of), so one iterator over each column family
// walks both together.
Status Store::ForEachEdgeWithEvidence(
    const std::function<bool(const EdgeRecord&, const std::vector<Evidence>&)>& fn) const {
  if (rep_->cf[kEvidence] == nullptr || rep_->cf[kEdges] == nullptr) return Status::Ok();
  if (!rep_->buffer.empty() || rep_->flushing) KG_RETURN_IF_ERROR(rep_->FlushBuffer());
  std::unique_ptr<rocksdb::Iterator> rows(
      rep_->db->NewIterator(rocksdb::ReadOptions(), rep_->cf[kEvidence]));
  rows->SeekToFirst();
  std::vector<Evidence> evidence;
  Status damaged;
  Status scanned = rep_->ForEachRecord<EdgeRecord>(
      kEdges, "", [&](std::string_view key, const EdgeRecord& edge) {
        evidence.clear();
        const std::string prefix = EvidencePrefix(key);
        // Rows of edges that do not exist sort before this one's: skip them.
        while (rows->Valid() && rows->key().ToStringView() < prefix) rows->Next();
        for (; rows->Valid() && rows->key().starts_with(prefix); rows->Next()) {
          Result<Evidence> row = rep_->Parse<Evidence>(kEvidence, rows->key().ToStringView(),
                                                       rows->value().ToStringView());
          if (!row.ok()) {
            damaged = row.status();
            return false;
          }
          evidence.push_back(row.take());
        }
        return fn(edge, evidence);
      });
  KG_RETURN_IF_ERROR(scanned);
  KG_RETURN_IF_ERROR(damaged);
  if (!rows->status().ok()) {
    return Status::IOError(rep_->dir + ": cannot scan evidence: " + Reason(rows->status()));
  }
  return Status::Ok();
}

Status Store::ForEachMention(
    const std::function<bool(const Mention&)>& fn) const {
  return rep_->ForEachRecord<Mention>(
      kMentions, "",
      [&](std::string_view, const Mention& m) { return fn(m); });
}

Status Store::ForEachEvidence(
    const std::function<bool(const std::string&, const Evidence&)>& fn) const {
  std::string edge_key;
  return rep_->ForEachRecord<Evidence>(
      kEvidence, "", [&](std::string_view key, const Evidence& e) {
        std::string_view edge, article;
        if (!SplitEvidenceKey(key, &edge, &article)) edge = key;
        edge_key.assign(edge);
        return fn(edge_key, e);
      });
}

Result<StoreCounts> Store::Counts() const {
  auto count = [this](Cf c, uint64_t* n) {
    return rep_->Scan(c, "", [n](std::string_view, std::string_view) {
      ++*n;
      return true;
    });
  };
  StoreCounts counts;
  KG_RETURN_IF_ERROR(count(kArticles, &counts.articles));
  KG_RETURN_IF_ERROR(count(kEntities, &counts.entities));
  KG_RETURN_IF_ERROR(count(kEdges, &counts.edges));
  KG_RETURN_IF_ERROR(count(kEvidence, &counts.evidence));
  return counts;
}

Status Store::VerifyIndexes(
    const std::function<void(const std::string&)>& problem) const {
  // What the indexes should hold, from the entities.
  std::set<std::string> aliases;
  std::map<std::string, std::string> name_parts;
  std::unordered_set<std::string> entity_keys;
  KG_RETURN_IF_ERROR(ForEachEntity([&](const Entity& e) {
    entity_keys.insert(e.key);
    for (const std::string& alias : AliasRows(e)) {
      aliases.insert(AliasKey(alias, e.key));
    }
    for (const auto& [word, part] : NamePartRows(e)) {
      name_parts.emplace(AliasKey(word, e.key), part);
    }
    return true;
  }));
  // Index rows in key order, compared with the expected ones as they come.
  KG_RETURN_IF_ERROR(rep_->Scan(
      kAliases, "", [&](std::string_view key, std::string_view) {
        if (aliases.erase(std::string(key)) == 0) {
          problem("alias index entry '" + Printable(key) +
                  "' belongs to no entity name or alias");
        }
        return true;
      }));
  for (const std::string& key : aliases) {
    problem("alias index lacks entry '" + Printable(key) + "'");
  }
  if (rep_->cf[kNameParts] != nullptr) {
    KG_RETURN_IF_ERROR(rep_->Scan(
        kNameParts, "", [&](std::string_view key, std::string_view value) {
          auto it = name_parts.find(std::string(key));
          if (it == name_parts.end() || it->second != value) {
            problem("name-part index entry '" + Printable(key) + "' (" +
                    std::string(value) + ") belongs to no person's name");
          }
          if (it != name_parts.end()) name_parts.erase(it);
          return true;
        }));
    for (const auto& [key, part] : name_parts) {
      problem("name-part index lacks entry '" + Printable(key) + "' (" +
              part + ")");
    }
  }
  KG_RETURN_IF_ERROR(rep_->ForEachRecord<Mention>(
      kMentions, "", [&](std::string_view key, const Mention& m) {
        if (key != MentionKey(m.entity_key, m.article_id)) {
          problem("mention '" + Printable(key) + "' holds entity '" +
                  m.entity_key + "' and article '" + m.article_id + "'");
        }
        if (entity_keys.count(m.entity_key) == 0) {
          problem("mention of '" + m.entity_key + "' in article '" +
                  m.article_id + "': no such entity");
        }
        return true;
      }));

  std::unordered_set<std::string> edge_keys;
  KG_RETURN_IF_ERROR(ForEachEdge([&](const EdgeRecord& e) {
    edge_keys.insert(EdgeKey(e.source, e.type, e.target));
    return true;
  }));
  return rep_->ForEachRecord<Evidence>(
      kEvidence, "", [&](std::string_view key, const Evidence& e) {
        std::string_view edge, article;
        if (!SplitEvidenceKey(key, &edge, &article)) {
          problem("evidence key '" + Printable(key) + "' is malformed");
          return true;
        }
        if (article != e.article_id) {
          problem("evidence '" + Printable(key) + "' holds article '" +
                  e.article_id + "'");
        }
        if (edge_keys.count(std::string(edge)) == 0) {
          problem("evidence '" + Printable(key) + "' sits under no edge");
        }
        return true;
      });
}

// One WriteBatch, so an article is stored whole or not at all. The WAL is
// written but not synced: a crashed process loses nothing committed, a
// crashed machine may lose the last articles but never half of one. The
// operations are cleared once written; sequence numbers are kept, so a
// reused WriteSet never overwrites evidence it wrote before.
Status Store::Commit(WriteSet& changes) {
  if (rep_->mode == Mode::kReadOnly) {
    return Status::InvalidArgument(rep_->dir + ": database is open read-only");
  }
  if (rep_->buffer.budget > 0) return rep_->Buffer(*changes.rep_);
  rocksdb::WriteBatch batch;
  KG_RETURN_IF_ERROR(rep_->Write(*changes.rep_, &batch, /*sync=*/false));
  changes.rep_->ops.clear();
  return Status::Ok();
}

Status Store::SetWriteBuffer(size_t bytes) {
  if (rep_->mode == Mode::kReadOnly) {
    return Status::InvalidArgument(rep_->dir + ": database is open read-only");
  }
  if (bytes == 0) KG_RETURN_IF_ERROR(rep_->FlushBuffer());
  rep_->buffer.budget = bytes;
  rep_->entity_cache.clear();
  return Status::Ok();
}

Status Store::Flush() { return rep_->FlushBuffer(); }

// Whole WriteSets go into the buffer, and the buffer is flushed only
// between them, so every flush holds whole articles.
Status Store::Rep::Buffer(WriteSet::Rep& ops) {
  bool ranges = false;
  for (const WriteSet::Rep::Op& op : ops.ops) {
    ranges = ranges || op.kind == WriteSet::Rep::Op::Kind::kDeleteRange;
  }
  if (ranges) {
    // Range deletions do not fit the buffer: write it, then this as usual.
    KG_RETURN_IF_ERROR(FlushBuffer());
    for (const WriteSet::Rep::Op& op : ops.ops) {
      if (op.cf == kEntities) entity_cache.erase(op.key);
    }
    rocksdb::WriteBatch batch;
    KG_RETURN_IF_ERROR(Write(ops, &batch, /*sync=*/false));
    ops.ops.clear();
    return Status::Ok();
  }
  for (WriteSet::Rep::Op& op : ops.ops) {
    if (op.cf == kEntities) entity_cache.erase(op.key);
    if (op.kind == WriteSet::Rep::Op::Kind::kPut) {
      buffer.Set(op.cf, std::move(op.key), std::move(op.value));
    } else {
      buffer.Set(op.cf, std::move(op.key), std::nullopt);
    }
  }
  ops.ops.clear();
  if (buffer.bytes > buffer.budget) return StartFlush();
  return Status::Ok();
}

// Hands the full buffer to a thread that writes it, once the previous
// flush is done, and starts a new one.
Status Store::Rep::StartFlush() {
  KG_RETURN_IF_ERROR(WaitForFlusher());
  auto full = std::make_shared<WriteBuffer>(std::move(buffer));
  buffer = WriteBuffer();
  buffer.budget = full->budget;
  flushing = full;
  const uint64_t first = buffer_files;
  buffer_files += kNumCfs;
  flusher = std::thread([this, full, first] {
    Status s = WriteBufferFiles(*full, first);
    if (!s.ok()) flush_error = s;
  });
  return Status::Ok();
}

Status Store::Rep::WaitForFlusher() const {
  if (flusher.joinable()) flusher.join();
  if (!flush_error.ok()) return flush_error;
  flushing.reset();  // in the database now
  return Status::Ok();
}

// Writes what is buffered, and waits for a flush under way.
Status Store::Rep::FlushBuffer() const {
  KG_RETURN_IF_ERROR(WaitForFlusher());
  if (buffer.empty() || db == nullptr) return Status::Ok();
  const uint64_t first = buffer_files;
  buffer_files += kNumCfs;
  Status s = WriteBufferFiles(buffer, first);
  if (!s.ok()) {
    flush_error = s;
    return s;
  }
  buffer.Clear();
  return Status::Ok();
}

// One sorted table file per column family the buffer holds, ingested
// together: RocksDB's IngestExternalFiles adds them all or none.
Status Store::Rep::WriteBufferFiles(const WriteBuffer& buffer, uint64_t first_file) const {
  if (buffer.empty() || db == nullptr) return Status::Ok();
  std::vector<rocksdb::IngestExternalFileArg> args;
  std::vector<std::string> paths;
  auto fail = [&](const std::string& what, const rocksdb::Status& s) {
    for (const std::string& path : paths) {
      std::error_code ec;
      fs::remove(path, ec);
    }
    return Status::IOError(dir + ": cannot write buffered articles (" + what + "): " + Reason(s));
  };
  rocksdb::Options options(rocksdb::DBOptions(), TableOptions());
  for (int i = 0; i < kNumCfs; ++i) {
    const Cf c = static_cast<Cf>(i);
    if (!buffer.Holds(c)) continue;
    std::vector<std::pair<std::string_view, const WriteBuffer::Value*>> rows;
    if (WriteBuffer::Sorted(c)) {
      for (const auto& [key, value] : buffer.sorted[c]) rows.emplace_back(key, &value);
    } else if (WriteBuffer::Logged(c)) {
      // Sorted by key, stably, so the last of equal keys is the one to keep.
      rows.reserve(buffer.logged[c].size());
      for (const auto& [key, value] : buffer.logged[c]) rows.emplace_back(key, &value);
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      size_t kept = 0;
      for (size_t r = 0; r < rows.size(); ++r) {
        if (r + 1 < rows.size() && rows[r + 1].first == rows[r].first) continue;
        rows[kept++] = rows[r];
      }
      rows.resize(kept);
    } else {
      rows.reserve(buffer.hashed[c].size());
      for (const auto& [key, value] : buffer.hashed[c]) rows.emplace_back(key, &value);
      std::sort(rows.begin(), rows.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    const std::string path = (fs::path(dir) / (kBufferFilePrefix + std::to_string(first_file + i) +
                                               "-" + kCfNames[c] + ".sst")).string();
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, cf[c]);
    rocksdb::Status s = writer.Open(path);
    if (!s.ok()) return fail("open " + path, s);
    paths.push_back(path);
    for (const auto& [key, value] : rows) {
      s = *value ? writer.Put(rocksdb::Slice(key.data(), key.size()), **value)
                 : writer.Delete(rocksdb::Slice(key.data(), key.size()));
      if (!s.ok()) return fail("write " + path, s);
    }
    s = writer.Finish();
    if (!s.ok()) return fail("finish " + path, s);
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = cf[c];
    arg.external_files = {path};
    arg.options.move_files = true;
    args.push_back(std::move(arg));
  }
  rocksdb::Status s = db->IngestExternalFiles(args);
  if (!s.ok()) return fail("ingest", s);
  RemoveBufferFiles();  // hard links moved into place
  return Status::Ok();
}

void Store::Rep::RemoveBufferFiles() const {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(kBufferFilePrefix)) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

// ---- Bulk loading ------------------------------------------------------------

// Encoded records in blocks of kBlockBytes, and per column family where
// each one is, in the order they were put.
struct BulkWriteSet::Rep {
  // The key's first bytes are kept in the row too (big-endian, zero-padded),
  // so that sorting compares most keys without reaching into the blocks.
  struct Row {
    uint64_t prefix[3];
    const char* data;  // key, then value
    uint32_t key_size, value_size;
    std::string_view key() const { return {data, key_size}; }
    std::string_view value() const { return {data + key_size, value_size}; }
    bool operator<(const Row& other) const {
      for (int i = 0; i < 3; ++i) {
        if (prefix[i] != other.prefix[i]) return prefix[i] < other.prefix[i];
      }
      return key() < other.key();
    }
  };
  static uint64_t PrefixWord(std::string_view key, size_t at) {
    uint64_t word = 0;
    for (size_t i = 0; i < 8; ++i) {
      word <<= 8;
      if (at + i < key.size()) word |= static_cast<unsigned char>(key[at + i]);
    }
    return word;
  }
  static constexpr size_t kBlockBytes = size_t{4} << 20;
  std::array<std::vector<Row>, kNumCfs> rows;
  std::vector<std::unique_ptr<char[]>> blocks;
  size_t reuse = 0;  // blocks[reuse...] are free for the taking
  char* free = nullptr;
  size_t left = 0;
  size_t bytes = 0;
  std::string key, value;  // scratch for encodings

  void Put(Cf c, std::string_view key, std::string_view val) {
    const size_t n = key.size() + val.size();
    if (n > left) {
      // Every block holds at least kBlockBytes; blocks[0, reuse) are in use.
      const size_t size = std::max(n, kBlockBytes);
      if (reuse == blocks.size() || size > kBlockBytes) {
        blocks.emplace(blocks.begin() + static_cast<std::ptrdiff_t>(reuse), new char[size]);
      }
      free = blocks[reuse++].get();
      left = size;
    }
    char* p = free;
    if (!key.empty()) std::memcpy(p, key.data(), key.size());
    if (!val.empty()) std::memcpy(p + key.size(), val.data(), val.size());
    free += n;
    left -= n;
    rows[c].push_back({{PrefixWord(key, 0), PrefixWord(key, 8), PrefixWord(key, 16)},
                       p,
                       static_cast<uint32_t>(key.size()),
                       static_cast<uint32_t>(val.size())});
    bytes += n + sizeof(Row);
  }
  // Empties the set but keeps its memory: a bulk loader fills it again,
  // and memory it has touched once costs no page faults the second time
  // (on a million relations they were a third of the loader's time).
  void Clear() {
    for (auto& r : rows) r.clear();
    reuse = 0;
    free = nullptr;
    left = 0;
    bytes = 0;
  }
};

BulkWriteSet::BulkWriteSet() : rep_(std::make_unique<Rep>()) {}
BulkWriteSet::~BulkWriteSet() = default;
BulkWriteSet::BulkWriteSet(BulkWriteSet&&) noexcept = default;
BulkWriteSet& BulkWriteSet::operator=(BulkWriteSet&&) noexcept = default;

size_t BulkWriteSet::bytes() const { return rep_->bytes; }
bool BulkWriteSet::empty() const { return rep_->bytes == 0; }

void BulkWriteSet::PutArticle(const ArticleRecord& article) {
  rep_->value.clear();
  codec::Encode(article, &rep_->value);
  rep_->Put(kArticles, article.id, rep_->value);
}

void BulkWriteSet::PutEntity(const Entity& entity) {
  rep_->value.clear();
  codec::Encode(entity, &rep_->value);
  rep_->Put(kEntities, entity.key, rep_->value);
  for (const std::string& alias : AliasRows(entity)) rep_->Put(kAliases, AliasKey(alias, entity.key), "");
  for (const auto& [word, part] : NamePartRows(entity)) rep_->Put(kNameParts, AliasKey(word, entity.key), part);
}

namespace {

// MentionKey, into `key`.
void AssignMentionKey(const Mention& mention, std::string* key) {
  key->assign(mention.entity_key).append(1, kKeySeparator).append(mention.article_id);
}

// EvidenceKey(EvidencePrefix(edge_key, article), sequence), into `key`.
void AssignEvidenceKey(std::string_view edge_key, std::string_view article_id, uint32_t sequence,
                       std::string* key) {
  key->assign(edge_key).append(1, kEvidenceSeparator).append(article_id).append(1, kEvidenceSeparator);
  for (int shift = 24; shift >= 0; shift -= 8) *key += static_cast<char>((sequence >> shift) & 0xff);
}

}  // namespace

void BulkWriteSet::PutMention(const Mention& mention) {
  rep_->value.clear();
  codec::Encode(mention, &rep_->value);
  AssignMentionKey(mention, &rep_->key);
  rep_->Put(kMentions, rep_->key, rep_->value);
}

void BulkWriteSet::PutEdge(const EdgeRecord& edge) {
  rep_->value.clear();
  codec::Encode(edge, &rep_->value);
  rep_->Put(kEdges, EdgeKey(edge.source, edge.type, edge.target), rep_->value);
}

void BulkWriteSet::PutEvidence(std::string_view edge_key, uint32_t sequence, const Evidence& evidence) {
  rep_->value.clear();
  codec::Encode(evidence, &rep_->value);
  AssignEvidenceKey(edge_key, evidence.article_id, sequence, &rep_->key);
  rep_->Put(kEvidence, rep_->key, rep_->value);
}

void BulkWriteSet::Put(const EncodedRecords& records) {
  const char* p = records.bytes_.data();
  for (const EncodedRecords::Row& row : records.rows_) {
    rep_->Put(static_cast<Cf>(row.cf), {p, row.key_size}, {p + row.key_size, row.value_size});
    p += row.key_size + row.value_size;
  }
}

// Each row's key is appended to bytes_, then its value encoded after it.
void EncodedRecords::PutArticle(const ArticleRecord& article) {
  bytes_ += article.id;
  const size_t value_at = bytes_.size();
  codec::Encode(article, &bytes_);
  rows_.push_back({kArticles, static_cast<uint32_t>(article.id.size()),
                   static_cast<uint32_t>(bytes_.size() - value_at)});
}

void EncodedRecords::PutMention(const Mention& mention) {
  AssignMentionKey(mention, &scratch_);
  bytes_ += scratch_;
  const size_t value_at = bytes_.size();
  codec::Encode(mention, &bytes_);
  rows_.push_back({kMentions, static_cast<uint32_t>(scratch_.size()), static_cast<uint32_t>(bytes_.size() - value_at)});
}

void EncodedRecords::PutEvidence(std::string_view edge_key, uint32_t sequence, std::string_view article_id,
                                 const Evidence& evidence) {
  AssignEvidenceKey(edge_key, article_id, sequence, &scratch_);
  bytes_ += scratch_;
  const size_t value_at = bytes_.size();
  codec::Encode(evidence, article_id, &bytes_);
  rows_.push_back({kEvidence, static_cast<uint32_t>(scratch_.size()), static_cast<uint32_t>(bytes_.size() - value_at)});
}

void EncodedRecords::Reserve(size_t bytes, size_t records) {
  bytes_.reserve(bytes);
  rows_.reserve(records);
}

void EncodedRecords::Clear() {
  bytes_.clear();
  rows_.clear();
}

namespace {

// Runs tasks 0..n-1 on up to one thread per core (the caller's included).
void RunOnAllCores(size_t n, const std::function<void(size_t)>& task) {
  const size_t threads = std::min<size_t>(n, std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i; (i = next++) < n;) task(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (std::thread& t : pool) t.join();
}

}  // namespace

// Sorts each column family's rows, cuts
// them into files of about kFileBytes so that both cores write, and ingests
// every file at once.
Status Store::IngestBulk(BulkWriteSet& records) {
  if (rep_->mode == Mode::kReadOnly) {
    return Status::InvalidArgument(rep_->dir + ": database is open read-only");
  }
  KG_RETURN_IF_ERROR(rep_->FlushBuffer());
  BulkWriteSet::Rep& r = *records.rep_;
  if (r.bytes == 0) return Status::Ok();
  using Row = BulkWriteSet::Rep::Row;

  std::vector<Cf> cfs;
  for (int i = 0; i < kNumCfs; ++i) {
    if (!r.rows[i].empty()) cfs.push_back(static_cast<Cf>(i));
  }
  // Largest first, so that the two threads end together.
  std::sort(cfs.begin(), cfs.end(), [&](Cf a, Cf b) { return r.rows[a].size() > r.rows[b].size(); });
  RunOnAllCores(cfs.size(), [&](size_t i) {
    std::vector<Row>& rows = r.rows[cfs[i]];
    std::sort(rows.begin(), rows.end());
  });

  struct File {
    Cf cf;
    size_t begin, end;
    std::string path;
    Status status;
  };
  constexpr size_t kFileBytes = size_t{32} << 20;
  std::vector<File> files;
  for (Cf c : cfs) {
    const std::vector<Row>& rows = r.rows[c];
    size_t begin = 0, bytes = 0;
    for (size_t k = 0; k < rows.size(); ++k) {
      bytes += rows[k].key_size + rows[k].value_size;
      if (bytes >= kFileBytes || k + 1 == rows.size()) {
        files.push_back({c, begin, k + 1, "", Status::Ok()});
        begin = k + 1;
        bytes = 0;
      }
    }
  }
  for (File& f : files) {
    f.path = (fs::path(rep_->dir) / (kBufferFilePrefix + std::to_string(rep_->buffer_files++) + "-" +
                                     kCfNames[f.cf] + ".sst")).string();
  }
  const rocksdb::Options options(rocksdb::DBOptions(), TableOptions());
  RunOnAllCores(files.size(), [&](size_t i) {
    File& f = files[i];
    auto fail = [&](const std::string& what, const rocksdb::Status& s) {
      f.status = Status::IOError(rep_->dir + ": cannot write the bulk load (" + what + " " + f.path + "): " +
                                 Reason(s));
    };
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, rep_->cf[f.cf]);
    rocksdb::Status s = writer.Open(f.path);
    if (!s.ok()) return fail("open", s);
    const std::vector<Row>& rows = r.rows[f.cf];
    for (size_t k = f.begin; k < f.end; ++k) {
      // Rows sit in the blocks in the order they were put, not in key order.
      constexpr size_t kAhead = 16;
      if (k + kAhead < f.end) __builtin_prefetch(rows[k + kAhead].data);
      s = writer.Put(rocksdb::Slice(rows[k].data, rows[k].key_size),
                     rocksdb::Slice(rows[k].data + rows[k].key_size, rows[k].value_size));
      if (!s.ok()) return fail("write", s);
    }
    s = writer.Finish();
    if (!s.ok()) return fail("finish", s);
  });
  Status status = Status::Ok();
  for (const File& f : files) {
    if (!f.status.ok() && status.ok()) status = f.status;
  }
  if (status.ok()) {
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (const File& f : files) {
      if (args.empty() || args.back().column_family != rep_->cf[f.cf]) {
        args.emplace_back();
        args.back().column_family = rep_->cf[f.cf];
        args.back().options.move_files = true;
      }
      args.back().external_files.push_back(f.path);
    }
    rocksdb::Status s = rep_->db->IngestExternalFiles(args);
    if (!s.ok()) status = Status::IOError(rep_->dir + ": cannot ingest the bulk load: " + Reason(s));
  }
  rep_->RemoveBufferFiles();  // moved into place, or of a failed load
  rep_->entity_cache.clear();
  r.Clear();
  return status;
}

}  // namespace kg
