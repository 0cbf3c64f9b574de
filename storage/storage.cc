// The kg database on RocksDB. storage/FORMAT.md is the contract for
// everything written here; this block is its summary.
//
//   column family  key                                   value
//   default        (unused; RocksDB requires it)
//   meta           "format_version"                      "1" (decimal)
//   articles       article id                            JSON ArticleRecord
//   entities       entity key                            JSON Entity
//   aliases        NormalizeAlias(name) \x1f entity key  empty
//   edges          source \x1f type \x1f target          JSON EdgeRecord
//   evidence       edge key \0 article id \0 seq         JSON Evidence
//                  (seq: u32 big-endian, from 0 per edge and article)
//
// Keys are compared bytewise, so one prefix scan finds every entity of an
// alias, every evidence row of an edge, or of one (edge, article) pair. That
// is why entity keys and relation types must not contain \x1f or \0, and
// article ids must not contain \0.
//
// Values are compact JSON objects. Readers ignore fields they do not know and
// default fields that are missing, so adding a field needs no version bump;
// changing a key encoding or the meaning of a field does. Open refuses a
// database whose format_version is larger than kFormatVersion.
#include "storage/storage.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <array>
#include <charconv>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace kg {
namespace {

using Json = nlohmann::json;

enum Cf : uint8_t {
  kMeta,
  kArticles,
  kEntities,
  kAliases,
  kEdges,
  kEvidence,
  kNumCfs
};
constexpr std::array<const char*, kNumCfs> kCfNames = {
    "meta", "articles", "entities", "aliases", "edges", "evidence"};

constexpr char kFormatVersionKey[] = "format_version";
constexpr char kKeySeparator = '\x1f';
constexpr char kEvidenceSeparator = '\0';

// ---- Key encodings -------------------------------------------------------

std::string AliasKey(std::string_view normalized_alias,
                     std::string_view entity_key) {
  std::string key(normalized_alias);
  key += kKeySeparator;
  key += entity_key;
  return key;
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

// ---- Value encodings -----------------------------------------------------
// Writers emit every field; readers default missing ones (see the top).

std::string Dump(const Json& j) {
  // Invalid UTF-8 must not throw out of a WriteSet; it is stored as U+FFFD.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Encode(const ArticleRecord& a) {
  return Dump({{"id", a.id},
               {"title", a.title},
               {"date", a.date},
               {"url", a.url},
               {"source", a.source},
               {"origin", a.origin},
               {"content_hash", a.content_hash},
               {"entity_keys", a.entity_keys},
               {"edge_keys", a.edge_keys}});
}

std::string Encode(const Entity& e) {
  return Dump({{"key", e.key},
               {"name", e.name},
               {"type", EntityTypeName(e.type)},
               {"country", e.country},
               {"aliases", e.aliases},
               {"roles", e.roles}});
}

std::string Encode(const EdgeRecord& e) {
  return Dump({{"source", e.source},
               {"type", e.type},
               {"target", e.target},
               {"role", e.role},
               {"evidence_count", e.evidence_count},
               {"first_seen", e.first_seen},
               {"last_seen", e.last_seen},
               {"confidence", e.confidence}});
}

std::string Encode(const Evidence& e) {
  return Dump({{"article_id", e.article_id},
               {"sentence", e.sentence},
               {"sentence_start", e.sentence_start},
               {"sentence_end", e.sentence_end},
               {"trigger_start", e.trigger_start},
               {"trigger_end", e.trigger_end},
               {"modality", ModalityName(e.modality)},
               {"negated", e.negated},
               {"attributed_to", e.attributed_to},
               {"time", e.time},
               {"confidence", e.confidence}});
}

// The Decode functions throw (nlohmann's exceptions or std::invalid_argument)
// on a value of the wrong shape; Store::Rep::Parse turns that into Corruption.

template <typename T>
void Field(const Json& j, const char* name, T* out) {
  *out = j.value(name, *out);
}

void Decode(const Json& j, ArticleRecord* a) {
  Field(j, "id", &a->id);
  Field(j, "title", &a->title);
  Field(j, "date", &a->date);
  Field(j, "url", &a->url);
  Field(j, "source", &a->source);
  Field(j, "origin", &a->origin);
  Field(j, "content_hash", &a->content_hash);
  Field(j, "entity_keys", &a->entity_keys);
  Field(j, "edge_keys", &a->edge_keys);
}

void Decode(const Json& j, Entity* e) {
  Field(j, "key", &e->key);
  Field(j, "name", &e->name);
  std::string type = j.at("type").get<std::string>();
  std::optional<EntityType> parsed = ParseEntityType(type);
  if (!parsed) {
    throw std::invalid_argument("unknown entity type '" + type + "'");
  }
  e->type = *parsed;
  Field(j, "country", &e->country);
  Field(j, "aliases", &e->aliases);
  Field(j, "roles", &e->roles);
}

void Decode(const Json& j, EdgeRecord* e) {
  Field(j, "source", &e->source);
  Field(j, "type", &e->type);
  Field(j, "target", &e->target);
  Field(j, "role", &e->role);
  Field(j, "evidence_count", &e->evidence_count);
  Field(j, "first_seen", &e->first_seen);
  Field(j, "last_seen", &e->last_seen);
  Field(j, "confidence", &e->confidence);
}

void Decode(const Json& j, Evidence* e) {
  Field(j, "article_id", &e->article_id);
  Field(j, "sentence", &e->sentence);
  Field(j, "sentence_start", &e->sentence_start);
  Field(j, "sentence_end", &e->sentence_end);
  Field(j, "trigger_start", &e->trigger_start);
  Field(j, "trigger_end", &e->trigger_end);
  std::string modality(ModalityName(e->modality));
  Field(j, "modality", &modality);
  std::optional<Modality> parsed = ParseModality(modality);
  if (!parsed) {
    throw std::invalid_argument("unknown modality '" + modality + "'");
  }
  e->modality = *parsed;
  Field(j, "negated", &e->negated);
  Field(j, "attributed_to", &e->attributed_to);
  Field(j, "time", &e->time);
  Field(j, "confidence", &e->confidence);
}

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

Status OpenError(const std::string& dir, const rocksdb::Status& s) {
  if (IsLockHeld(s)) {
    return Status::Busy(dir +
                        ": database is in use by another kg process (locked)");
  }
  if (s.IsCorruption()) {
    return Status::Corruption(dir + ": database is damaged: " + Reason(s));
  }
  return Status::IOError(dir + ": cannot open database: " + Reason(s));
}

Status Damaged(const std::string& dir, const std::string& what) {
  return Status::Corruption(dir + ": database is damaged: " + what);
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
};

WriteSet::WriteSet() : rep_(std::make_unique<Rep>()) {}
WriteSet::~WriteSet() = default;
WriteSet::WriteSet(WriteSet&&) noexcept = default;
WriteSet& WriteSet::operator=(WriteSet&&) noexcept = default;

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
  rep_->Put(kAliases, AliasKey(NormalizeAlias(entity.name), entity.key), "");
  for (const std::string& alias : entity.aliases) {
    rep_->Put(kAliases, AliasKey(NormalizeAlias(alias), entity.key), "");
  }
}

void WriteSet::DeleteEntity(const Entity& entity) {
  rep_->Delete(kEntities, entity.key);
  rep_->Delete(kAliases, AliasKey(NormalizeAlias(entity.name), entity.key));
  for (const std::string& alias : entity.aliases) {
    rep_->Delete(kAliases, AliasKey(NormalizeAlias(alias), entity.key));
  }
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

struct Store::Rep {
  std::string dir;
  Mode mode;
  rocksdb::DB* db = nullptr;
  // Every column family the database has (RocksDB makes us open them all),
  // and the ones kg uses by Cf.
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::array<rocksdb::ColumnFamilyHandle*, kNumCfs> cf{};

  Rep(std::string dir, Mode mode) : dir(std::move(dir)), mode(mode) {}
  ~Rep() {
    if (db == nullptr) return;
    for (rocksdb::ColumnFamilyHandle* h : handles) {
      db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    }
    db->Close().PermitUncheckedError();
    delete db;
  }

  Status Create();
  Status OpenExisting();
  Status CheckFormatVersion() const;
  void AdoptHandles(
      const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors);

  Result<std::optional<std::string>> Get(Cf c, std::string_view key) const;
  Status Scan(Cf c, std::string_view prefix,
              const std::function<bool(std::string_view key,
                                       std::string_view value)>& fn) const;

  template <typename T>
  Result<T> Parse(Cf c, std::string_view key, std::string_view value) const {
    T record;
    try {
      Decode(Json::parse(value), &record);
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
  Status ForEachRecord(Cf c, std::string_view prefix,
                       const std::function<bool(const T&)>& fn) const {
    Status damaged;
    KG_RETURN_IF_ERROR(
        Scan(c, prefix, [&](std::string_view key, std::string_view value) {
          Result<T> record = Parse<T>(c, key, value);
          if (!record.ok()) {
            damaged = record.status();
            return false;
          }
          return fn(*record);
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

// A new database gets every column family and then its format version. A
// crash between the two leaves a database without a version, which the next
// Open reports as damaged rather than guessing.
Status Store::Rep::Create() {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Status::IOError(dir + ": cannot open database: " + ec.message());
  }

  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = {
      {rocksdb::kDefaultColumnFamilyName, {}}};
  for (const char* name : kCfNames) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  rocksdb::Status s =
      rocksdb::DB::Open(options, dir, descriptors, &handles, &db);
  if (!s.ok()) return OpenError(dir, s);
  AdoptHandles(descriptors);

  rocksdb::WriteOptions sync;
  sync.sync = true;
  s = db->Put(sync, cf[kMeta], kFormatVersionKey,
              std::to_string(kFormatVersion));
  if (!s.ok()) {
    return Status::IOError(dir + ": cannot write format version: " + Reason(s));
  }
  return Status::Ok();
}

// Opens whatever column families the database has, so that a newer kg's
// extra ones do not stop us from reading its version and saying so.
Status Store::Rep::OpenExisting() {
  rocksdb::DBOptions options;
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(options, dir, &names);
  if (!s.ok()) return OpenError(dir, s);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }

  if (mode == Mode::kReadOnly) {
    // Opening every table file up front keeps a reader's view valid while a
    // writer's compaction unlinks files (the descriptors stay open).
    options.max_open_files = -1;
    s = rocksdb::DB::OpenForReadOnly(options, dir, descriptors, &handles, &db);
  } else {
    s = rocksdb::DB::Open(options, dir, descriptors, &handles, &db);
  }
  if (!s.ok()) return OpenError(dir, s);
  AdoptHandles(descriptors);
  KG_RETURN_IF_ERROR(CheckFormatVersion());

  for (int c = 0; c < kNumCfs; ++c) {
    if (cf[c] != nullptr) continue;
    if (mode == Mode::kReadOnly) {
      return Damaged(
          dir, std::string("column family '") + kCfNames[c] + "' is missing");
    }
    s = db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), kCfNames[c],
                               &cf[c]);
    if (!s.ok()) return OpenError(dir, s);
    handles.push_back(cf[c]);
  }
  return Status::Ok();
}

Status Store::Rep::CheckFormatVersion() const {
  if (cf[kMeta] == nullptr) {
    return Damaged(dir, "no format version (column family 'meta' is missing)");
  }
  std::string value;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), cf[kMeta], kFormatVersionKey, &value);
  if (s.IsNotFound()) return Damaged(dir, "no format version recorded");
  if (!s.ok()) return OpenError(dir, s);

  int version = 0;
  auto [end, error] =
      std::from_chars(value.data(), value.data() + value.size(), version);
  if (error != std::errc() || end != value.data() + value.size() ||
      version < 1) {
    return Damaged(dir,
                   "format version '" + Printable(value) + "' is not a number");
  }
  if (version > kFormatVersion) {
    return Status::Unsupported(
        dir + ": database format version " + std::to_string(version) +
        " is newer than this kg supports (" + std::to_string(kFormatVersion) +
        "); upgrade kg");
  }
  return Status::Ok();
}

Result<std::optional<std::string>> Store::Rep::Get(Cf c,
                                                   std::string_view key) const {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf[c], key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) {
    std::string what = std::string("cannot read ") + kCfNames[c] + " '" +
                       Printable(key) + "': " + Reason(s);
    return s.IsCorruption() ? Damaged(dir, what)
                            : Status::IOError(dir + ": " + what);
  }
  return std::optional<std::string>(std::move(value));
}

Status Store::Rep::Scan(
    Cf c, std::string_view prefix,
    const std::function<bool(std::string_view, std::string_view)>& fn) const {
  std::string end = PrefixSuccessor(prefix);
  rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions options;
  if (!end.empty()) options.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(options, cf[c]));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid();
       it->Next()) {
    if (!fn(it->key().ToStringView(), it->value().ToStringView())) break;
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
  std::error_code ec;
  bool exists =
      std::filesystem::exists(std::filesystem::path(dir) / "CURRENT", ec);
  if (ec) {
    return Status::IOError(dir + ": cannot open database: " + ec.message());
  }
  if (!exists && mode == Mode::kReadOnly) {
    return Status::NotFound(dir +
                            ": no kg database here (run kg ingest first)");
  }
  // Creating a database inside some unrelated directory would litter it.
  if (!exists && !std::filesystem::is_empty(dir, ec) && !ec) {
    return Status::InvalidArgument(
        dir + ": not a kg database, and not empty; use a new directory");
  }
  auto rep = std::make_unique<Rep>(dir, mode);
  KG_RETURN_IF_ERROR(exists ? rep->OpenExisting() : rep->Create());
  return std::unique_ptr<Store>(new Store(std::move(rep)));
}

Store::Store(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Store::~Store() = default;

const std::string& Store::dir() const { return rep_->dir; }

Result<std::optional<ArticleRecord>> Store::GetArticle(
    std::string_view id) const {
  return rep_->GetRecord<ArticleRecord>(kArticles, id);
}

Result<std::optional<Entity>> Store::GetEntity(std::string_view key) const {
  return rep_->GetRecord<Entity>(kEntities, key);
}

Result<std::optional<EdgeRecord>> Store::GetEdge(
    std::string_view edge_key) const {
  return rep_->GetRecord<EdgeRecord>(kEdges, edge_key);
}

Result<std::vector<std::string>> Store::FindByAlias(
    std::string_view name) const {
  std::string prefix = AliasKey(NormalizeAlias(name), "");
  std::vector<std::string> keys;
  KG_RETURN_IF_ERROR(
      rep_->Scan(kAliases, prefix, [&](std::string_view key, std::string_view) {
        keys.emplace_back(key.substr(prefix.size()));
        return true;
      }));
  return keys;
}

Result<std::vector<Evidence>> Store::GetEvidence(
    std::string_view edge_key) const {
  std::vector<Evidence> rows;
  KG_RETURN_IF_ERROR(rep_->ForEachRecord<Evidence>(
      kEvidence, EvidencePrefix(edge_key), [&](const Evidence& e) {
        rows.push_back(e);
        return true;
      }));
  return rows;
}

Status Store::ForEachArticle(
    const std::function<bool(const ArticleRecord&)>& fn) const {
  return rep_->ForEachRecord<ArticleRecord>(kArticles, "", fn);
}

Status Store::ForEachEntity(
    const std::function<bool(const Entity&)>& fn) const {
  return rep_->ForEachRecord<Entity>(kEntities, "", fn);
}

Status Store::ForEachEdge(
    const std::function<bool(const EdgeRecord&)>& fn) const {
  return rep_->ForEachRecord<EdgeRecord>(kEdges, "", fn);
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

// One WriteBatch, so an article is stored whole or not at all. The WAL is
// written but not synced: a crashed process loses nothing committed, a
// crashed machine may lose the last articles but never half of one. The
// operations are cleared once written; sequence numbers are kept, so a
// reused WriteSet never overwrites evidence it wrote before.
Status Store::Commit(WriteSet& changes) {
  if (rep_->mode == Mode::kReadOnly) {
    return Status::InvalidArgument(rep_->dir + ": database is open read-only");
  }
  rocksdb::WriteBatch batch;
  for (const WriteSet::Rep::Op& op : changes.rep_->ops) {
    rocksdb::ColumnFamilyHandle* handle = rep_->cf[op.cf];
    rocksdb::Status s;
    switch (op.kind) {
      case WriteSet::Rep::Op::Kind::kPut:
        s = batch.Put(handle, op.key, op.value);
        break;
      case WriteSet::Rep::Op::Kind::kDelete:
        s = batch.Delete(handle, op.key);
        break;
      case WriteSet::Rep::Op::Kind::kDeleteRange:
        s = batch.DeleteRange(handle, op.key, op.value);
        break;
    }
    if (!s.ok()) {
      return Status::InvalidArgument(rep_->dir +
                                     ": cannot stage write: " + Reason(s));
    }
  }
  rocksdb::WriteOptions options;
  options.sync = false;
  rocksdb::Status s = rep_->db->Write(options, &batch);
  if (!s.ok()) {
    return Status::IOError(rep_->dir + ": cannot write: " + Reason(s));
  }
  changes.rep_->ops.clear();
  return Status::Ok();
}

}  // namespace kg
