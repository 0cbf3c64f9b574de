// CheckGraph: the invariants MergeArticle and RemoveArticle keep, verified
// against what is stored.
//
//   - every edge's ends exist; a symmetric edge has source <= target;
//   - every edge has evidence, and its evidence count, first and last seen
//     and aggregate confidence are what its evidence gives;
//   - every piece of evidence names an existing article that lists the edge
//     and the edge's ends (and the speaker, which must exist);
//   - every article's edges exist and hold evidence from it; its entities
//     exist;
//   - every entity is listed by some article (no orphans);
//   - the mentions agree with the articles' entity lists, and an entity's
//     aliases and roles are what its mentions gave it;
//   - the indexes agree with the records (Store::VerifyIndexes).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

// Evidence figures of one edge, recomputed the way MergeArticle does.
struct Aggregate {
  uint32_t count = 0;
  double keep = 1;  // prod(1 - c_i)
  std::string first_seen, last_seen;
};

std::string EdgeName(const std::string& edge_key) {
  std::string source, type, target;
  if (!SplitEdgeKey(edge_key, &source, &type, &target)) return edge_key;
  return source + " -" + type + "-> " + target;
}

std::set<std::string> NormalizedNames(const std::vector<std::string>& names) {
  std::set<std::string> out;
  for (const std::string& name : names) out.insert(NormalizeAlias(name));
  out.erase("");
  return out;
}

}  // namespace

Result<std::vector<std::string>> CheckGraph(const Store& store) {
  std::vector<std::string> problems;
  auto problem = [&problems](const std::string& p) { problems.push_back(p); };

  KG_RETURN_IF_ERROR(store.VerifyIndexes(problem));

  std::map<std::string, Entity> entities;  // in key order, as reported
  KG_RETURN_IF_ERROR(store.ForEachEntity([&](const Entity& e) {
    entities.emplace(e.key, e);
    return true;
  }));
  std::map<std::string, ArticleRecord> articles;
  KG_RETURN_IF_ERROR(store.ForEachArticle([&](const ArticleRecord& a) {
    articles.emplace(a.id, a);
    return true;
  }));
  // Per article, its listed entities and edges as sets.
  std::unordered_map<std::string, std::unordered_set<std::string>>
      article_entities, article_edges;
  std::unordered_set<std::string> listed;  // entities some article lists
  for (const auto& [id, a] : articles) {
    for (const std::string& key : a.entity_keys) {
      article_entities[id].insert(key);
      listed.insert(key);
      if (entities.count(key) == 0) {
        problem("article '" + id + "' lists entity '" + key +
                "', which does not exist");
      }
    }
    for (const std::string& key : a.edge_keys) article_edges[id].insert(key);
  }

  // Evidence, one edge's rows after another.
  std::map<std::string, Aggregate> aggregates;
  std::set<std::pair<std::string, std::string>> backed;  // (edge, article)
  KG_RETURN_IF_ERROR(store.ForEachEvidence(
      [&](const std::string& edge_key, const Evidence& e) {
        backed.emplace(edge_key, e.article_id);
        auto article = articles.find(e.article_id);
        if (article == articles.end()) {
          problem("evidence of " + EdgeName(edge_key) + " names article '" +
                  e.article_id + "', which does not exist");
          return true;
        }
        if (article_edges[e.article_id].count(edge_key) == 0) {
          problem("evidence of " + EdgeName(edge_key) + " from article '" +
                  e.article_id + "', which does not list that relation");
        }
        if (!e.attributed_to.empty()) {
          if (entities.count(e.attributed_to) == 0) {
            problem("evidence of " + EdgeName(edge_key) + " from article '" +
                    e.article_id + "' is attributed to '" + e.attributed_to +
                    "', which does not exist");
          } else if (article_entities[e.article_id].count(e.attributed_to) ==
                     0) {
            problem("article '" + e.article_id + "' does not list '" +
                    e.attributed_to + "', to whom its evidence of " +
                    EdgeName(edge_key) + " is attributed");
          }
        }
        Aggregate& agg = aggregates[edge_key];
        ++agg.count;
        agg.keep *= 1 - std::clamp(e.confidence, 0.0, 1.0);
        const std::string& seen =
            e.time.empty() ? article->second.date : e.time;
        if (!seen.empty()) {
          if (agg.first_seen.empty() || seen < agg.first_seen) {
            agg.first_seen = seen;
          }
          if (agg.last_seen.empty() || seen > agg.last_seen) {
            agg.last_seen = seen;
          }
        }
        return true;
      }));

  std::unordered_set<std::string> edge_keys;
  KG_RETURN_IF_ERROR(store.ForEachEdge([&](const EdgeRecord& r) {
    const std::string key = EdgeKey(r.source, r.type, r.target);
    const std::string name = EdgeName(key);
    edge_keys.insert(key);
    for (const std::string* end : {&r.source, &r.target}) {
      if (entities.count(*end) == 0) {
        problem("relation " + name + ": entity '" + *end +
                "' does not exist");
      }
    }
    if (IsSymmetricRelation(r.type) && r.target < r.source) {
      problem("relation " + name + " is symmetric but stored target first");
    }
    auto agg = aggregates.find(key);
    Aggregate none;
    const Aggregate& a = agg == aggregates.end() ? none : agg->second;
    if (a.count == 0) problem("relation " + name + " has no evidence");
    if (a.count != r.evidence_count) {
      problem("relation " + name + " counts " +
              std::to_string(r.evidence_count) + " pieces of evidence, has " +
              std::to_string(a.count));
    }
    if (a.count != 0 && std::fabs((1 - a.keep) - r.confidence) > 1e-9) {
      problem("relation " + name + " has confidence " +
              std::to_string(r.confidence) + ", its evidence gives " +
              std::to_string(1 - a.keep));
    }
    if (a.first_seen != r.first_seen || a.last_seen != r.last_seen) {
      problem("relation " + name + " was seen " + r.first_seen + ".." +
              r.last_seen + ", its evidence says " + a.first_seen + ".." +
              a.last_seen);
    }
    return true;
  }));

  for (const auto& [id, a] : articles) {
    for (const std::string& key : a.edge_keys) {
      if (edge_keys.count(key) == 0) {
        problem("article '" + id + "' lists relation " + EdgeName(key) +
                ", which does not exist");
      } else if (backed.count({key, id}) == 0) {
        problem("article '" + id + "' lists relation " + EdgeName(key) +
                " but gives it no evidence");
      }
      std::string source, type, target;
      if (SplitEdgeKey(key, &source, &type, &target)) {
        for (const std::string* end : {&source, &target}) {
          if (article_entities[id].count(*end) == 0) {
            problem("article '" + id + "' gives evidence to " +
                    EdgeName(key) + " but does not list '" + *end + "'");
          }
        }
      }
    }
  }

  for (const auto& [key, e] : entities) {
    if (listed.count(key) == 0) {
      problem("entity '" + key + "' is listed by no article");
    }
  }

  // Mentions (format version 2 on): one per (entity, article) listing, and
  // together they make the entity's aliases and roles.
  if (store.format_version() >= 2) {
    std::unordered_map<std::string, std::vector<Mention>> mentions;
    KG_RETURN_IF_ERROR(store.ForEachMention([&](const Mention& m) {
      if (article_entities[m.article_id].count(m.entity_key) == 0) {
        problem("mention of '" + m.entity_key + "' by article '" +
                m.article_id + "', which does not list it");
      }
      mentions[m.entity_key].push_back(m);
      return true;
    }));
    for (const auto& [id, keys] : article_entities) {
      for (const std::string& key : keys) {
        const auto& of = mentions[key];
        bool found = std::any_of(of.begin(), of.end(), [&](const Mention& m) {
          return m.article_id == id;
        });
        if (!found) {
          problem("article '" + id + "' lists '" + key +
                  "' but has no mention of it");
        }
      }
    }
    for (const auto& [key, e] : entities) {
      auto of = mentions.find(key);
      if (of == mentions.end()) continue;  // reported above as unlisted
      std::vector<std::string> names = {e.name}, roles;
      for (const Mention& m : of->second) {
        names.insert(names.end(), m.names.begin(), m.names.end());
        roles.insert(roles.end(), m.roles.begin(), m.roles.end());
      }
      std::vector<std::string> has = e.aliases;
      has.push_back(e.name);
      if (NormalizedNames(has) != NormalizedNames(names)) {
        problem("entity '" + key +
                "': its aliases are not the names its articles gave it");
      }
      if (!e.country.empty() &&
          std::none_of(of->second.begin(), of->second.end(),
                       [&](const Mention& m) { return m.country == e.country; })) {
        problem("entity '" + key + "': no article gave it its country " +
                e.country);
      }
      std::set<std::string> role_set(roles.begin(), roles.end());
      if (std::set<std::string>(e.roles.begin(), e.roles.end()) != role_set) {
        problem("entity '" + key +
                "': its roles are not the roles its articles gave it");
      }
    }
  }
  return problems;
}

}  // namespace kg
