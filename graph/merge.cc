// GraphWriter::MergeArticle: one article's extraction into the stored graph,
// as one WriteSet.
//
// Merging is keyed by the article id, which makes it safe to repeat:
//   - same id, same content hash: nothing is written;
//   - same id, new content: the old version's evidence is taken out of every
//     edge it touched (edges left without evidence are deleted) before the
//     new version is added, all in the same WriteSet;
//   - new id: its evidence is added.
// So the stored graph is always "the merge of the latest version of every
// article", whatever order and however often articles are ingested.
//
// Entities are not garbage-collected: one that a replaced article introduced
// stays even when nothing refers to it any more.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

// FNV-1a 64 of title "\n" text, as 16 hex digits: tells a re-ingested
// article from a changed one. Not cryptographic; it need not be.
std::string ContentHash(const Article& article) {
  uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 0x100000001b3ull;
    }
  };
  mix(article.title);
  mix("\n");
  mix(article.text);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(hash));
  return hex;
}

// Where an article came from, for error messages.
std::string Where(const Article& article) {
  return article.origin.empty() ? "article '" + article.id + "'"
                                : article.origin;
}

bool HasSeparatorByte(std::string_view s) {
  return s.find('\x1f') != std::string_view::npos ||
         s.find('\0') != std::string_view::npos;
}

// The byte rules of storage/FORMAT.md: keys are joined with these bytes.
Status Validate(const Extraction& x) {
  const std::string where = Where(x.article);
  if (x.article.id.empty()) {
    return Status::InvalidArgument(where + ": article has no id");
  }
  if (x.article.id.find('\0') != std::string::npos) {
    return Status::InvalidArgument(where + ": article id contains a NUL byte");
  }
  for (const Entity& e : x.entities) {
    if (e.key.empty() || HasSeparatorByte(e.key)) {
      return Status::InvalidArgument(where + ": invalid entity key '" + e.key +
                                     "'");
    }
  }
  for (const Relation& r : x.relations) {
    for (const std::string* part : {&r.source, &r.type, &r.target}) {
      if (part->empty() || HasSeparatorByte(*part)) {
        return Status::InvalidArgument(where + ": invalid relation part '" +
                                       *part + "' in " + r.source + " " +
                                       r.type + " " + r.target);
      }
    }
  }
  return Status::Ok();
}

// Adds `alias` unless the entity already answers to it (by NormalizeAlias),
// so that "Kim Jong-un" and "Kim Jong Un" do not pile up.
void AddAlias(Entity& entity, const std::string& alias) {
  std::string normalized = NormalizeAlias(alias);
  if (normalized.empty() || normalized == NormalizeAlias(entity.name)) return;
  for (const std::string& existing : entity.aliases) {
    if (NormalizeAlias(existing) == normalized) return;
  }
  entity.aliases.push_back(alias);
}

// The stored entity keeps its key, name and type; it learns the incoming
// names, roles and (if it had none) country.
void MergeEntityInto(Entity& stored, const Entity& incoming) {
  AddAlias(stored, incoming.name);
  for (const std::string& alias : incoming.aliases) AddAlias(stored, alias);
  for (const std::string& role : incoming.roles) {
    if (std::find(stored.roles.begin(), stored.roles.end(), role) ==
        stored.roles.end()) {
      stored.roles.push_back(role);
    }
  }
  if (stored.country.empty()) stored.country = incoming.country;
}

// Folds one piece of evidence into an edge's aggregate figures. Undated
// evidence counts as seen on its article's date.
void AddToRecord(EdgeRecord& record, const Evidence& evidence,
                 const std::string& article_date) {
  ++record.evidence_count;
  double c = std::clamp(evidence.confidence, 0.0, 1.0);
  record.confidence = 1 - (1 - record.confidence) * (1 - c);
  const std::string& seen =
      evidence.time.empty() ? article_date : evidence.time;
  if (seen.empty()) return;
  if (record.first_seen.empty() || seen < record.first_seen) {
    record.first_seen = seen;
  }
  if (record.last_seen.empty() || seen > record.last_seen) {
    record.last_seen = seen;
  }
}

// All of one article's relations with the same (source, type, target).
struct RelationGroup {
  std::string source, type, target, role;
  std::vector<Evidence> evidence;
};

// One MergeArticle call. Reads go to the store; writes collect in `writes_`
// and in-memory views of what the WriteSet will make of entities and edges.
class ArticleMerge {
 public:
  ArticleMerge(Store& store, const Extraction& x) : store_(store), x_(x) {}

  Result<MergeStats> Run() {
    std::string hash = ContentHash(x_.article);
    Result<std::optional<ArticleRecord>> old = store_.GetArticle(x_.article.id);
    if (!old.ok()) return old.status();
    if (old->has_value() && (*old)->content_hash == hash) {
      MergeStats unchanged;
      unchanged.unchanged = true;
      return unchanged;
    }
    if (old->has_value()) {
      KG_RETURN_IF_ERROR(RemoveContribution(**old));
      stats_.replaced = true;
    }
    KG_RETURN_IF_ERROR(ResolveEntities());
    std::map<std::string, RelationGroup> groups;
    KG_RETURN_IF_ERROR(GroupRelations(groups));
    KG_RETURN_IF_ERROR(AddEvidence(groups));
    WriteEdgesAndEntities();
    WriteArticle(hash, groups);
    KG_RETURN_IF_ERROR(store_.Commit(writes_));
    return stats_;
  }

 private:
  // Takes the old version's evidence out of each edge it touched and
  // recomputes the edge from what other articles said.
  Status RemoveContribution(const ArticleRecord& old) {
    for (const std::string& edge_key : old.edge_keys) {
      writes_.DeleteEvidence(edge_key, old.id);
      Result<std::optional<EdgeRecord>> stored = store_.GetEdge(edge_key);
      if (!stored.ok()) return stored.status();
      if (!stored->has_value()) continue;
      Result<std::vector<Evidence>> rows = store_.GetEvidence(edge_key);
      if (!rows.ok()) return rows.status();

      EdgeRecord record = **stored;
      record.evidence_count = 0;
      record.confidence = 0;
      record.first_seen.clear();
      record.last_seen.clear();
      for (const Evidence& row : *rows) {
        if (row.article_id == old.id) continue;
        Result<std::string> date = ArticleDate(row.article_id);
        if (!date.ok()) return date.status();
        AddToRecord(record, row, *date);
      }
      edges_[edge_key] = std::move(record);
    }
    return Status::Ok();
  }

  Result<std::string> ArticleDate(const std::string& id) {
    auto cached = article_dates_.find(id);
    if (cached != article_dates_.end()) return cached->second;
    Result<std::optional<ArticleRecord>> article = store_.GetArticle(id);
    if (!article.ok()) return article.status();
    std::string date = article->has_value() ? (*article)->date : "";
    article_dates_.emplace(id, date);
    return date;
  }

  Status ResolveEntities() {
    for (const Entity& entity : x_.entities) {
      Result<std::string> key = Resolve(entity);
      if (!key.ok()) return key.status();
      canonical_key_[entity.key] = *key;
      AddMentioned(*key);
    }
    return Status::Ok();
  }

  // Finds the node `entity` belongs to, merges it in and returns its key:
  // same key (in this article or stored), else the one stored entity of the
  // same type that answers to its name, else a new node.
  Result<std::string> Resolve(const Entity& entity) {
    Result<bool> merged = MergeIntoKnown(entity.key, entity);
    if (!merged.ok()) return merged.status();
    if (*merged) return entity.key;

    Result<std::optional<std::string>> by_alias = UniqueByAlias(entity);
    if (!by_alias.ok()) return by_alias.status();
    if (by_alias->has_value()) {
      merged = MergeIntoKnown(**by_alias, entity);
      if (!merged.ok()) return merged.status();
      return **by_alias;
    }
    Entity fresh = entity;
    fresh.aliases.clear();
    fresh.roles.clear();
    MergeEntityInto(fresh, entity);  // dedupes the aliases and roles
    entities_.emplace(entity.key, std::move(fresh));
    ++stats_.entities_added;
    return entity.key;
  }

  // Merges `entity` into the node `key` when this article or the store has
  // it; false when neither does.
  Result<bool> MergeIntoKnown(const std::string& key, const Entity& entity) {
    auto pending = entities_.find(key);
    if (pending == entities_.end()) {
      Result<std::optional<Entity>> stored = store_.GetEntity(key);
      if (!stored.ok()) return stored.status();
      if (!stored->has_value()) return false;
      pending = entities_.emplace(key, std::move(**stored)).first;
    }
    MergeEntityInto(pending->second, entity);
    ++stats_.entities_merged;
    return true;
  }

  Result<std::optional<std::string>> UniqueByAlias(const Entity& entity) {
    Result<std::vector<std::string>> keys = store_.FindByAlias(entity.name);
    if (!keys.ok()) return keys.status();
    std::optional<std::string> match;
    for (const std::string& key : *keys) {
      Result<std::optional<Entity>> stored = store_.GetEntity(key);
      if (!stored.ok()) return stored.status();
      if (!stored->has_value() || (*stored)->type != entity.type) continue;
      if (match) return std::optional<std::string>();  // ambiguous: keep apart
      match = key;
    }
    return match;
  }

  std::string Canonical(const std::string& key) const {
    auto it = canonical_key_.find(key);
    return it == canonical_key_.end() ? key : it->second;
  }

  // A relation may name an entity the article did not list, if it is stored.
  Status CheckEndpoint(const std::string& key, const Relation& r) {
    if (entities_.count(key) != 0 || known_stored_.count(key) != 0) {
      return Status::Ok();
    }
    Result<std::optional<Entity>> stored = store_.GetEntity(key);
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) {
      return Status::InvalidArgument(Where(x_.article) + ": relation " +
                                     r.source + " " + r.type + " " + r.target +
                                     " names unknown entity '" + key + "'");
    }
    known_stored_.insert(key);
    return Status::Ok();
  }

  // Aggregates relations by edge after entity resolution; symmetric types
  // put the smaller key first so that both directions meet in one edge.
  Status GroupRelations(std::map<std::string, RelationGroup>& groups) {
    for (const Relation& r : x_.relations) {
      std::string source = Canonical(r.source), target = Canonical(r.target);
      KG_RETURN_IF_ERROR(CheckEndpoint(source, r));
      KG_RETURN_IF_ERROR(CheckEndpoint(target, r));
      AddMentioned(source);
      AddMentioned(target);
      if (IsSymmetricRelation(r.type) && target < source) {
        std::swap(source, target);
      }

      RelationGroup& group = groups[EdgeKey(source, r.type, target)];
      group.source = source;
      group.type = r.type;
      group.target = target;
      if (!r.role.empty()) group.role = r.role;
      Evidence evidence = r.evidence;
      evidence.article_id = x_.article.id;  // the storage key is built from it
      if (!evidence.attributed_to.empty()) {
        evidence.attributed_to = Canonical(evidence.attributed_to);
      }
      group.evidence.push_back(std::move(evidence));
    }
    return Status::Ok();
  }

  // An edge is "added" when, without this article's old version, it had no
  // evidence; otherwise "merged".
  Status AddEvidence(const std::map<std::string, RelationGroup>& groups) {
    for (const auto& [edge_key, group] : groups) {
      Result<EdgeRecord*> record = EdgeFor(edge_key, group);
      if (!record.ok()) return record.status();
      EdgeRecord& edge = **record;
      if (edge.evidence_count == 0) {
        ++stats_.relations_added;
      } else {
        ++stats_.relations_merged;
      }
      if (!group.role.empty()) edge.role = group.role;
      for (const Evidence& evidence : group.evidence) {
        AddToRecord(edge, evidence, x_.article.date);
        writes_.AddEvidence(edge_key, evidence);
      }
    }
    return Status::Ok();
  }

  // The edge as this merge sees it: recomputed, stored, or new and empty.
  Result<EdgeRecord*> EdgeFor(const std::string& edge_key,
                              const RelationGroup& group) {
    auto it = edges_.find(edge_key);
    if (it != edges_.end()) return &it->second;
    Result<std::optional<EdgeRecord>> stored = store_.GetEdge(edge_key);
    if (!stored.ok()) return stored.status();
    EdgeRecord record;
    if (stored->has_value()) {
      record = std::move(**stored);
    } else {
      record.source = group.source;
      record.type = group.type;
      record.target = group.target;
    }
    return &edges_.emplace(edge_key, std::move(record)).first->second;
  }

  void WriteEdgesAndEntities() {
    for (const auto& [edge_key, record] : edges_) {
      if (record.evidence_count == 0) {
        writes_.DeleteEdge(edge_key);
      } else {
        writes_.PutEdge(record);
      }
    }
    for (const auto& [key, entity] : entities_) writes_.PutEntity(entity);
  }

  void WriteArticle(const std::string& hash,
                    const std::map<std::string, RelationGroup>& groups) {
    const Article& a = x_.article;
    ArticleRecord record;
    record.id = a.id;
    record.title = a.title;
    record.date = a.date;
    record.url = a.url;
    record.source = a.source;
    record.origin = a.origin;
    record.content_hash = hash;
    record.entity_keys = mentioned_;
    for (const auto& [edge_key, group] : groups) {
      record.edge_keys.push_back(edge_key);
    }
    writes_.PutArticle(record);
  }

  void AddMentioned(const std::string& key) {
    if (std::find(mentioned_.begin(), mentioned_.end(), key) ==
        mentioned_.end()) {
      mentioned_.push_back(key);
    }
  }

  Store& store_;
  const Extraction& x_;
  WriteSet writes_;
  MergeStats stats_;
  std::map<std::string, Entity> entities_;   // to write, by key
  std::map<std::string, EdgeRecord> edges_;  // to write or delete
  std::unordered_map<std::string, std::string>
      canonical_key_;                   // extraction key -> node
  std::set<std::string> known_stored_;  // checked relation ends
  std::unordered_map<std::string, std::string> article_dates_;
  std::vector<std::string> mentioned_;  // entity keys, first-seen order
};

}  // namespace

Result<MergeStats> GraphWriter::MergeArticle(const Extraction& extraction) {
  KG_RETURN_IF_ERROR(Validate(extraction));
  return ArticleMerge(store_, extraction).Run();
}

}  // namespace kg
