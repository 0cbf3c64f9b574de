// WriteCanonicalDump: the whole stored graph as JSON Lines, in an order and
// a form that depend only on what the graph holds, so that two databases
// with the same content give the same bytes (what the crash test compares).
//
//   {"kind":"entity", key, name, type, country, aliases, roles, articles}
//   {"kind":"relation", source, type, target, role, evidence_count,
//    first_seen, last_seen, confidence, evidence: [...]}
//   {"kind":"article", id, title, date, url, source, origin, content_hash,
//    entities, relations, kept_apart}
//
// Entities by key, relations by (source, type, target) as bytes, articles by
// id; evidence in storage order (article id, then order within the article).
// Lists that are sets (aliases, roles, an article's entities and relations,
// an entity's articles) are sorted. The aggregate confidence is rounded to
// 1e-9: it is a product of floating-point factors, whose last bits depend on
// the order the evidence arrived in.
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> Sorted(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  return items;
}

Json Triple(const std::string& edge_key) {
  std::string source, type, target;
  if (!SplitEdgeKey(edge_key, &source, &type, &target)) {
    return Json::array({edge_key});
  }
  return Json::array({source, type, target});
}

Json EvidenceJson(const Evidence& e) {
  Json j;
  j["article"] = e.article_id;
  j["sentence"] = e.sentence;
  j["sentence_start"] = e.sentence_start;
  j["sentence_end"] = e.sentence_end;
  j["trigger_start"] = e.trigger_start;
  j["trigger_end"] = e.trigger_end;
  j["modality"] = ModalityName(e.modality);
  j["negated"] = e.negated;
  j["attributed_to"] = e.attributed_to;
  j["time"] = e.time;
  j["confidence"] = e.confidence;
  return j;
}

void WriteLine(std::ostream& out, const Json& j) {
  out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace

Status WriteCanonicalDump(const Store& store, std::ostream& out) {
  // Which articles list each entity, from the article records (so that this
  // works on any format version).
  std::vector<ArticleRecord> articles;
  std::map<std::string, std::vector<std::string>> listed_by;
  KG_RETURN_IF_ERROR(store.ForEachArticle([&](const ArticleRecord& a) {
    for (const std::string& key : a.entity_keys) listed_by[key].push_back(a.id);
    articles.push_back(a);
    return true;
  }));

  KG_RETURN_IF_ERROR(store.ForEachEntity([&](const Entity& e) {
    Json j;
    j["kind"] = "entity";
    j["key"] = e.key;
    j["name"] = e.name;
    j["type"] = EntityTypeName(e.type);
    j["country"] = e.country;
    j["aliases"] = Sorted(e.aliases);
    j["roles"] = Sorted(e.roles);
    auto by = listed_by.find(e.key);
    j["articles"] = by == listed_by.end() ? std::vector<std::string>()
                                          : Sorted(by->second);
    WriteLine(out, j);
    return static_cast<bool>(out);
  }));

  Status evidence_status;
  KG_RETURN_IF_ERROR(store.ForEachEdge([&](const EdgeRecord& r) {
    Result<std::vector<Evidence>> evidence =
        store.GetEvidence(EdgeKey(r.source, r.type, r.target));
    if (!evidence.ok()) {
      evidence_status = evidence.status();
      return false;
    }
    Json j;
    j["kind"] = "relation";
    j["source"] = r.source;
    j["type"] = r.type;
    j["target"] = r.target;
    j["role"] = r.role;
    j["evidence_count"] = r.evidence_count;
    j["first_seen"] = r.first_seen;
    j["last_seen"] = r.last_seen;
    j["confidence"] = std::round(r.confidence * 1e9) / 1e9;
    Json rows = Json::array();
    for (const Evidence& e : *evidence) rows.push_back(EvidenceJson(e));
    j["evidence"] = std::move(rows);
    WriteLine(out, j);
    return static_cast<bool>(out);
  }));
  KG_RETURN_IF_ERROR(evidence_status);

  for (const ArticleRecord& a : articles) {
    Json j;
    j["kind"] = "article";
    j["id"] = a.id;
    j["title"] = a.title;
    j["date"] = a.date;
    j["url"] = a.url;
    j["source"] = a.source;
    j["origin"] = a.origin;
    j["content_hash"] = a.content_hash;
    j["entities"] = Sorted(a.entity_keys);
    Json relations = Json::array();
    for (const std::string& key : Sorted(a.edge_keys)) {
      relations.push_back(Triple(key));
    }
    j["relations"] = std::move(relations);
    std::vector<KeptApart> kept = a.kept_apart;
    std::sort(kept.begin(), kept.end(),
              [](const KeptApart& x, const KeptApart& y) {
                return std::tie(x.entity_key, x.name) <
                       std::tie(y.entity_key, y.name);
              });
    Json kept_json = Json::array();
    for (const KeptApart& k : kept) {
      kept_json.push_back({{"entity", k.entity_key},
                           {"name", k.name},
                           {"candidates", Sorted(k.candidates)}});
    }
    j["kept_apart"] = std::move(kept_json);
    WriteLine(out, j);
    if (!out) break;
  }
  if (!out) return Status::IOError("cannot write the dump (disk full?)");
  return Status::Ok();
}

}  // namespace kg
