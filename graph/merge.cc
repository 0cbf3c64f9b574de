// GraphWriter: one article's extraction into the stored graph, or one
// article out of it, each as one WriteSet.
//
// The stored graph is "the merge of the latest version of every article":
//   - same id, same content hash: nothing is written;
//   - same id, new content: the old version is taken out (below) and the new
//     one added, in the same WriteSet;
//   - new id: it is added;
//   - RemoveArticle: the article is taken out.
// Taking an article out removes its evidence from every edge it touched (an
// edge left without evidence is deleted) and its mention of every entity it
// listed: the entity's aliases and roles become those the remaining articles
// gave it, and an entity no article mentions any more is deleted. Every edge
// end and every speaker an article's evidence names is listed by that
// article, so an entity no article lists has no edge either.
//
// Entity resolution: an extracted entity joins the stored node with the same
// key; else the one node of its type that answers to its name (its name or an
// alias, or, for a one-word person name like "Blair", the last word of a
// person's name, then the first as in "Kim"), counting both the stored graph
// and what this article has resolved so far. Several such nodes: it stays a
// node of its own and the article records why (ArticleRecord::kept_apart).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graph/graph.h"
#include "graph/merge_rules.h"

namespace kg {
namespace {

using merge_rules::AddContribution;
using merge_rules::AddToMention;
using merge_rules::AddToRecord;
using merge_rules::AddUnique;
using merge_rules::ContentHash;
using merge_rules::IsOneWordPerson;
using merge_rules::Validate;
using merge_rules::Where;

bool SameEntity(const Entity& a, const Entity& b) {
  return a.key == b.key && a.name == b.name && a.type == b.type &&
         a.country == b.country && a.aliases == b.aliases &&
         a.roles == b.roles;
}

// All of one article's relations with the same (source, type, target).
struct RelationGroup {
  std::string source, type, target, role;
  std::vector<Evidence> evidence;
};

// An entity as this update will leave it.
struct PendingEntity {
  Entity entity;
  std::optional<Entity> stored;  // as it is in the database, if it is
  bool doomed = false;  // no article mentions it any more: to be deleted
};

// One MergeArticle or RemoveArticle call. Reads go to the store; writes
// collect in `writes_`, and in-memory views of what the WriteSet will make of
// entities and edges in `entities_` and `edges_`, so that later steps of the
// same update see the earlier ones.
class ArticleUpdate {
 public:
  explicit ArticleUpdate(Store& store) : store_(store) {}

  // Takes the stored version of an article out of the graph.
  Status Remove(const ArticleRecord& old) {
    writes_.DeleteArticle(old.id);
    for (const std::string& edge_key : old.edge_keys) {
      KG_RETURN_IF_ERROR(RemoveEvidence(edge_key, old.id));
    }
    for (const std::string& key : old.entity_keys) {
      KG_RETURN_IF_ERROR(RemoveMention(key, old.id));
    }
    return Status::Ok();
  }

  Status Add(const Extraction& x, const std::string& hash) {
    article_ = &x.article;
    KG_RETURN_IF_ERROR(ResolveEntities(x.entities));
    // The article lists its entities in the order it names them.
    for (const Entity& entity : x.entities) {
      AddMentioned(Canonical(entity.key));
    }
    std::map<std::string, RelationGroup> groups;
    KG_RETURN_IF_ERROR(GroupRelations(x.relations, groups));
    KG_RETURN_IF_ERROR(AddEvidence(groups));
    WriteArticle(hash, groups);
    return Status::Ok();
  }

  // Writes the entities and edges as they now are, in one batch.
  Status Commit(MergeStats* stats) {
    for (const auto& [edge_key, record] : edges_) {
      if (record.evidence_count == 0) {
        writes_.DeleteEdge(edge_key);
        ++stats_.relations_removed;
      } else {
        writes_.PutEdge(record);
      }
    }
    for (const auto& [key, pending] : entities_) {
      if (pending.doomed) {
        if (pending.stored) writes_.DeleteEntity(*pending.stored);
        ++stats_.entities_removed;
        continue;
      }
      if (pending.stored && SameEntity(*pending.stored, pending.entity)) {
        continue;
      }
      // Deleting the old version first drops index rows of lost aliases.
      if (pending.stored) writes_.DeleteEntity(*pending.stored);
      writes_.PutEntity(pending.entity);
    }
    for (const auto& [key, mention] : mentions_) writes_.PutMention(mention);
    KG_RETURN_IF_ERROR(store_.Commit(writes_));
    *stats = stats_;
    return Status::Ok();
  }

  MergeStats& stats() { return stats_; }

 private:
  // ---- Taking an article out ------------------------------------------------

  // Takes one article's evidence out of an edge and recomputes the edge from
  // what the other articles said.
  Status RemoveEvidence(const std::string& edge_key,
                        const std::string& article_id) {
    writes_.DeleteEvidence(edge_key, article_id);
    Result<std::optional<EdgeRecord>> stored = store_.GetEdge(edge_key);
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) return Status::Ok();
    Result<std::vector<Evidence>> rows = store_.GetEvidence(edge_key);
    if (!rows.ok()) return rows.status();

    EdgeRecord record = **stored;
    record.evidence_count = 0;
    record.confidence = 0;
    record.first_seen.clear();
    record.last_seen.clear();
    for (const Evidence& row : *rows) {
      if (row.article_id == article_id) {
        ++stats_.evidence_removed;
        continue;
      }
      Result<std::string> date = ArticleDate(row.article_id);
      if (!date.ok()) return date.status();
      AddToRecord(record, row, *date);
    }
    edges_[edge_key] = std::move(record);
    return Status::Ok();
  }

  // Takes one article's mention out of an entity: it keeps the names and
  // roles the other articles gave it, or is doomed when there are none.
  Status RemoveMention(const std::string& key, const std::string& article_id) {
    writes_.DeleteMention(key, article_id);
    Result<PendingEntity*> pending = Load(key);
    if (!pending.ok()) return pending.status();
    if (*pending == nullptr) return Status::Ok();
    Result<std::vector<Mention>> mentions = store_.GetMentions(key);
    if (!mentions.ok()) return mentions.status();
    Entity& entity = (*pending)->entity;
    entity.aliases.clear();
    entity.roles.clear();
    bool mentioned = false, country_given = false;
    std::string first_country;
    for (const Mention& m : *mentions) {
      if (m.article_id == article_id) continue;
      AddContribution(entity, m);
      mentioned = true;
      if (m.country.empty()) continue;
      country_given = country_given || m.country == entity.country;
      if (first_country.empty()) first_country = m.country;
    }
    // The country stays if another article gave it too.
    if (!country_given) entity.country = first_country;
    (*pending)->doomed = !mentioned;
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

  // ---- Entities ------------------------------------------------------------

  // The entity `key` as this update sees it, loaded from the store on first
  // use; null when neither has it.
  Result<PendingEntity*> Load(const std::string& key) {
    auto it = entities_.find(key);
    if (it != entities_.end()) return &it->second;
    Result<std::optional<Entity>> stored = store_.GetEntity(key);
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) return static_cast<PendingEntity*>(nullptr);
    Entity entity = std::move(**stored);
    PendingEntity pending{entity, std::move(entity), false};
    return &entities_.emplace(key, std::move(pending)).first->second;
  }

  // Like Load, but only an entity that is still in the graph.
  Result<const Entity*> Live(const std::string& key) {
    Result<PendingEntity*> pending = Load(key);
    if (!pending.ok()) return pending.status();
    if (*pending == nullptr || (*pending)->doomed) {
      return static_cast<const Entity*>(nullptr);
    }
    return &(*pending)->entity;
  }

  // Multi-word names first, so that a bare "Blair" can find the "Tony Blair"
  // this article names.
  Status ResolveEntities(const std::vector<Entity>& entities) {
    for (bool one_word : {false, true}) {
      for (const Entity& entity : entities) {
        if (IsOneWordPerson(entity) != one_word) continue;
        if (canonical_key_.count(entity.key) != 0) {
          // Listed twice: the first resolution holds.
          KG_RETURN_IF_ERROR(MergeInto(canonical_key_[entity.key], entity));
          continue;
        }
        Result<std::string> key = Resolve(entity);
        if (!key.ok()) return key.status();
        canonical_key_[entity.key] = *key;
      }
    }
    return Status::Ok();
  }

  // Finds the node `entity` belongs to, merges it in and returns its key.
  Result<std::string> Resolve(const Entity& entity) {
    Result<PendingEntity*> same = Load(entity.key);
    if (!same.ok()) return same.status();
    if (*same != nullptr) {
      // Doomed when the old version of this article was its last mention;
      // the new version mentions it again.
      (*same)->doomed = false;
      ++stats_.entities_merged;
      KG_RETURN_IF_ERROR(MergeInto(entity.key, entity));
      return entity.key;
    }

    Result<std::vector<std::string>> candidates = Candidates(entity);
    if (!candidates.ok()) return candidates.status();
    if (candidates->size() == 1) {
      ++stats_.entities_merged;
      KG_RETURN_IF_ERROR(MergeInto(candidates->front(), entity));
      return candidates->front();
    }
    if (candidates->size() > 1) {
      kept_apart_.push_back({entity.key, entity.name, *candidates});
      ++stats_.kept_apart;
    }
    Entity fresh = entity;
    fresh.aliases.clear();
    fresh.roles.clear();
    entities_.emplace(entity.key, PendingEntity{fresh, std::nullopt, false});
    ++stats_.entities_added;
    KG_RETURN_IF_ERROR(MergeInto(entity.key, entity));
    return entity.key;
  }

  // Live nodes of the same type that `entity` could be, sorted: those that
  // answer to its name, and for a one-word person name those whose last
  // name is that word (else, if there are none, whose first name is).
  Result<std::vector<std::string>> Candidates(const Entity& entity) {
    const std::string normalized = NormalizeAlias(entity.name);
    std::set<std::string> found;
    if (normalized.empty()) return std::vector<std::string>();  // "..." is no name
    auto consider = [&](const std::string& key,
                        const std::function<bool(const Entity&)>& matches)
        -> Status {
      Result<const Entity*> live = Live(key);
      if (!live.ok()) return live.status();
      if (*live != nullptr && (*live)->type == entity.type && matches(**live)) {
        found.insert(key);
      }
      return Status::Ok();
    };
    auto search = [&](const std::vector<std::string>& stored,
                      const std::function<bool(const Entity&)>& matches)
        -> Status {
      // The index knows the stored graph; this update's own entities may
      // have names it does not have yet, or have lost some.
      for (const std::string& key : stored) {
        KG_RETURN_IF_ERROR(consider(key, matches));
      }
      std::vector<std::string> pending;
      for (const auto& [key, p] : entities_) pending.push_back(key);
      for (const std::string& key : pending) {
        KG_RETURN_IF_ERROR(consider(key, matches));
      }
      return Status::Ok();
    };

    Result<std::vector<std::string>> by_alias = store_.FindByAlias(entity.name);
    if (!by_alias.ok()) return by_alias.status();
    KG_RETURN_IF_ERROR(search(*by_alias, [&](const Entity& e) {
      // AnswersTo, with each name normalised once per update: every new
      // name is compared with every entity the article has touched.
      if (Normalized(e.name) == normalized) return true;
      for (const std::string& alias : e.aliases) {
        if (Normalized(alias) == normalized) return true;
      }
      return false;
    }));
    if (IsOneWordPerson(entity)) {
      for (NamePart part : {NamePart::kLast, NamePart::kFirst}) {
        Result<std::vector<std::string>> by_part =
            store_.FindByNamePart(entity.name, part);
        if (!by_part.ok()) return by_part.status();
        KG_RETURN_IF_ERROR(search(*by_part, [&](const Entity& e) {
          return HasNamePart(e, entity.name, part);
        }));
        if (!found.empty()) break;
      }
    }
    return std::vector<std::string>(found.begin(), found.end());
  }

  // The node `key` learns the incoming names, roles and (if it had none)
  // country; this article's mention of it records them.
  Status MergeInto(const std::string& key, const Entity& incoming) {
    Result<PendingEntity*> pending = Load(key);
    if (!pending.ok()) return pending.status();
    Entity& node = (*pending)->entity;
    Mention& mention = MentionOf(key);
    AddToMention(mention, incoming);
    AddContribution(node, mention);
    if (node.country.empty()) node.country = mention.country;
    return Status::Ok();
  }

  // NormalizeAlias(name), computed once per name and update.
  const std::string& Normalized(const std::string& name) {
    auto it = normalized_.find(name);
    if (it == normalized_.end()) it = normalized_.emplace(name, NormalizeAlias(name)).first;
    return it->second;
  }

  Mention& MentionOf(const std::string& key) {
    auto it = mentions_.find(key);
    if (it == mentions_.end()) {
      it = mentions_.emplace(key, Mention{key, article_->id, {}, {}, ""}).first;
    }
    return it->second;
  }

  void AddMentioned(const std::string& key) {
    if (mentioned_set_.insert(key).second) mentioned_.push_back(key);
  }

  std::string Canonical(const std::string& key) const {
    auto it = canonical_key_.find(key);
    return it == canonical_key_.end() ? key : it->second;
  }

  // A relation may name an entity the article did not list, if it is in the
  // graph; the article then lists it too.
  Status CheckEndpoint(const std::string& key, const Relation& r) {
    Result<PendingEntity*> pending = Load(key);
    if (!pending.ok()) return pending.status();
    if (*pending == nullptr) return merge_rules::UnknownEndpoint(*article_, r, key);
    (*pending)->doomed = false;
    MentionOf(key);
    AddMentioned(key);
    return Status::Ok();
  }

  // ---- Relations -------------------------------------------------------------

  // Aggregates relations by edge after entity resolution; symmetric types
  // put the smaller key first so that both directions meet in one edge.
  Status GroupRelations(const std::vector<Relation>& relations,
                        std::map<std::string, RelationGroup>& groups) {
    for (const Relation& r : relations) {
      std::string source = Canonical(r.source), target = Canonical(r.target);
      KG_RETURN_IF_ERROR(CheckEndpoint(source, r));
      KG_RETURN_IF_ERROR(CheckEndpoint(target, r));
      Evidence evidence = r.evidence;
      evidence.article_id = article_->id;  // the storage key is built from it
      if (!evidence.attributed_to.empty()) {
        evidence.attributed_to = Canonical(evidence.attributed_to);
        KG_RETURN_IF_ERROR(CheckEndpoint(evidence.attributed_to, r));
      }
      if (IsSymmetricRelation(r.type) && target < source) {
        std::swap(source, target);
      }

      RelationGroup& group = groups[EdgeKey(source, r.type, target)];
      group.source = source;
      group.type = r.type;
      group.target = target;
      if (!r.role.empty()) group.role = r.role;
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
        AddToRecord(edge, evidence, article_->date);
        writes_.AddEvidence(edge_key, evidence);
      }
    }
    return Status::Ok();
  }

  // The edge as this update sees it: recomputed, stored, or new and empty.
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

  void WriteArticle(const std::string& hash,
                    const std::map<std::string, RelationGroup>& groups) {
    const Article& a = *article_;
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
    record.kept_apart = kept_apart_;
    writes_.PutArticle(record);
  }

  Store& store_;
  const Article* article_ = nullptr;
  WriteSet writes_;
  MergeStats stats_;
  std::map<std::string, PendingEntity> entities_;  // touched, by key
  std::map<std::string, EdgeRecord> edges_;        // to write or delete
  std::map<std::string, Mention> mentions_;        // this article's, by key
  std::unordered_map<std::string, std::string>
      canonical_key_;                   // extraction key -> node
  std::vector<std::string> mentioned_;  // entity keys, first-seen order
  std::set<std::string> mentioned_set_;
  std::vector<KeptApart> kept_apart_;
  std::unordered_map<std::string, std::string> article_dates_;
  std::unordered_map<std::string, std::string> normalized_;  // Normalized()
};

}  // namespace

Result<MergeStats> GraphWriter::MergeArticle(const Extraction& extraction) {
  KG_RETURN_IF_ERROR(Validate(extraction));
  std::string hash = ContentHash(extraction.article);
  Result<std::optional<ArticleRecord>> old =
      store_.GetArticle(extraction.article.id);
  if (!old.ok()) return old.status();
  MergeStats stats;
  if (old->has_value() && (*old)->content_hash == hash) {
    stats.unchanged = true;
    return stats;
  }
  ArticleUpdate update(store_);
  if (old->has_value()) {
    KG_RETURN_IF_ERROR(update.Remove(**old));
    update.stats().replaced = true;
  }
  KG_RETURN_IF_ERROR(update.Add(extraction, hash));
  KG_RETURN_IF_ERROR(update.Commit(&stats));
  return stats;
}

Result<MergeStats> GraphWriter::RemoveArticle(std::string_view article_id) {
  Result<std::optional<ArticleRecord>> old = store_.GetArticle(article_id);
  if (!old.ok()) return old.status();
  if (!old->has_value()) {
    return Status::NotFound(store_.dir() + ": no article '" +
                            std::string(article_id) + "'");
  }
  ArticleUpdate update(store_);
  KG_RETURN_IF_ERROR(update.Remove(**old));
  MergeStats stats;
  KG_RETURN_IF_ERROR(update.Commit(&stats));
  return stats;
}

}  // namespace kg
