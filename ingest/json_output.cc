#include <nlohmann/json.hpp>

#include "ingest/ingest.h"

namespace kg {

std::string ExtractionToJson(const Extraction& x) {
  nlohmann::ordered_json out;
  out["article"] = x.article.id;
  if (!x.article.title.empty()) out["title"] = x.article.title;
  if (!x.article.date.empty()) out["date"] = x.article.date;
  auto& entities = out["entities"] = nlohmann::ordered_json::array();
  for (const Entity& e : x.entities) {
    nlohmann::ordered_json j = {{"id", e.key}, {"name", e.name}, {"type", EntityTypeName(e.type)}};
    if (!e.country.empty()) j["country"] = e.country;
    j["aliases"] = e.aliases;
    if (!e.roles.empty()) j["roles"] = e.roles;
    entities.push_back(std::move(j));
  }
  auto& relations = out["relations"] = nlohmann::ordered_json::array();
  for (const Relation& r : x.relations) {
    const Evidence& ev = r.evidence;
    nlohmann::ordered_json j = {{"source", r.source}, {"type", r.type}, {"target", r.target}};
    if (!r.role.empty()) j["role"] = r.role;
    j["modality"] = ModalityName(ev.modality);
    if (ev.negated) j["negated"] = true;
    if (!ev.attributed_to.empty()) j["attributed_to"] = ev.attributed_to;
    if (!ev.time.empty()) j["time"] = ev.time;
    j["confidence"] = std::round(ev.confidence * 1000) / 1000;
    j["evidence"] = {{"sentence", ev.sentence},
                     {"start", ev.sentence_start},
                     {"end", ev.sentence_end},
                     {"trigger_start", ev.trigger_start},
                     {"trigger_end", ev.trigger_end}};
    relations.push_back(std::move(j));
  }
  // Replace invalid UTF-8 rather than throw: input was validated, but be safe.
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace kg
