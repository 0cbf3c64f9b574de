// The interchange form of an extraction: what `kg extract --format full`
// writes and `kg ingest --extracted` reads back, so that extraction can run
// on other machines (Hadoop Streaming, Spark's RDD.pipe, GNU parallel) and
// the merge on one. It is the evaluation format of ExtractionToJson plus
// everything GraphWriter::MergeArticle uses: the article's text (its content
// hash tells a re-ingested article from a changed one), url, source and
// origin, and confidences unrounded. A line written by ExtractionToFullJson
// reads back to an equal Extraction, so merging it stores exactly what a
// direct ingest of the article would. Both forms are written here, by one
// writer (ingest/json_writer.h) that builds no JSON tree; reading back uses
// nlohmann::json.
#include <cmath>
#include <optional>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/json_reader.h"
#include "ingest/ingest.h"
#include "ingest/json_writer.h"

namespace kg {
namespace {

using Json = nlohmann::json;

// Field readers: a missing (or null) field leaves the default; a field of
// the wrong type is an error naming it.
Status GetString(const Json& obj, const char* field, std::string* out, bool required = false) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) {
    return required ? Status::InvalidArgument(std::string("missing field \"") + field + "\"") : Status::Ok();
  }
  if (!it->is_string()) return Status::InvalidArgument(std::string("field \"") + field + "\": expected a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

Status GetStrings(const Json& obj, const char* field, std::vector<std::string>* out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Status::InvalidArgument(std::string("field \"") + field + "\": expected an array");
  for (const Json& s : *it) {
    if (!s.is_string()) {
      return Status::InvalidArgument(std::string("field \"") + field + "\": expected an array of strings");
    }
    out->push_back(s.get<std::string>());
  }
  return Status::Ok();
}

Status GetOffset(const Json& obj, const char* field, uint32_t* out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_number_unsigned() || it->get<uint64_t>() > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument(std::string("field \"") + field + "\": expected an offset (unsigned integer)");
  }
  *out = it->get<uint32_t>();
  return Status::Ok();
}

Status GetEntity(const Json& j, Entity* e) {
  if (!j.is_object()) return Status::InvalidArgument("entities: expected objects");
  KG_RETURN_IF_ERROR(GetString(j, "id", &e->key, true));
  KG_RETURN_IF_ERROR(GetString(j, "name", &e->name, true));
  std::string type;
  KG_RETURN_IF_ERROR(GetString(j, "type", &type, true));
  std::optional<EntityType> parsed = ParseEntityType(type);
  if (!parsed) return Status::InvalidArgument("entity " + e->key + ": unknown type \"" + type + "\"");
  e->type = *parsed;
  KG_RETURN_IF_ERROR(GetString(j, "country", &e->country));
  KG_RETURN_IF_ERROR(GetStrings(j, "aliases", &e->aliases));
  return GetStrings(j, "roles", &e->roles);
}

Status GetRelation(const Json& j, const std::string& article_id, Relation* r) {
  if (!j.is_object()) return Status::InvalidArgument("relations: expected objects");
  KG_RETURN_IF_ERROR(GetString(j, "source", &r->source, true));
  KG_RETURN_IF_ERROR(GetString(j, "type", &r->type, true));
  KG_RETURN_IF_ERROR(GetString(j, "target", &r->target, true));
  KG_RETURN_IF_ERROR(GetString(j, "role", &r->role));
  Evidence& ev = r->evidence;
  ev.article_id = article_id;
  std::string modality = "asserted";
  KG_RETURN_IF_ERROR(GetString(j, "modality", &modality));
  std::optional<Modality> parsed = ParseModality(modality);
  if (!parsed) return Status::InvalidArgument("relation: unknown modality \"" + modality + "\"");
  ev.modality = *parsed;
  if (auto it = j.find("negated"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return Status::InvalidArgument("field \"negated\": expected true or false");
    ev.negated = it->get<bool>();
  }
  KG_RETURN_IF_ERROR(GetString(j, "attributed_to", &ev.attributed_to));
  KG_RETURN_IF_ERROR(GetString(j, "time", &ev.time));
  if (auto it = j.find("confidence"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) return Status::InvalidArgument("field \"confidence\": expected a number");
    ev.confidence = it->get<double>();
  }
  auto evidence = j.find("evidence");
  if (evidence == j.end() || !evidence->is_object()) {
    return Status::InvalidArgument("relation " + r->source + " " + r->type + " " + r->target +
                                   ": missing object \"evidence\"");
  }
  KG_RETURN_IF_ERROR(GetString(*evidence, "sentence", &ev.sentence));
  KG_RETURN_IF_ERROR(GetOffset(*evidence, "start", &ev.sentence_start));
  KG_RETURN_IF_ERROR(GetOffset(*evidence, "end", &ev.sentence_end));
  KG_RETURN_IF_ERROR(GetOffset(*evidence, "trigger_start", &ev.trigger_start));
  return GetOffset(*evidence, "trigger_end", &ev.trigger_end);
}

// ---- Reading back, fast ----------------------------------------------------
// A reader for the lines ExtractionToFullJson writes (any field order,
// whitespace between tokens), about ten times faster than building an
// nlohmann tree, which is what `kg ingest --extracted` spent most of its
// parsing time on. It reads through core/json_reader.h, the cursor storage
// records are read with, and gives up (nullopt) on anything it does not
// expect (unknown or repeated fields, null, a wrong type, an unknown entity
// type or modality, a missing required field, invalid UTF-8, damage); the
// line is then read by nlohmann_json as before, so what is accepted and how
// an error reads do not change.
class FastReader {
 public:
  explicit FastReader(std::string_view text) : r_(text) {}

  std::optional<Extraction> Read() {
    Extraction x;
    if (!Object(x) || !r_.AtEnd()) return std::nullopt;
    if (x.article.id.empty()) return std::nullopt;
    for (Relation& r : x.relations) r.evidence.article_id = x.article.id;
    return x;
  }

 private:
  // Marks `bit` in `seen`; false when it was marked already (a repeated
  // field, which nlohmann resolves its own way).
  static bool Once(uint32_t& seen, uint32_t bit) {
    if (seen & bit) return false;
    seen |= bit;
    return true;
  }

  bool EntityObject(Entity* e) {
    uint32_t seen = 0;
    std::string type;
    bool ok = r_.Object([&](std::string_view k) {
      if (k == "id") return Once(seen, 1) && r_.String(&e->key);
      if (k == "name") return Once(seen, 2) && r_.String(&e->name);
      if (k == "type") return Once(seen, 4) && r_.String(&type);
      if (k == "country") return Once(seen, 8) && r_.String(&e->country);
      if (k == "aliases") return Once(seen, 16) && r_.Strings(&e->aliases);
      if (k == "roles") return Once(seen, 32) && r_.Strings(&e->roles);
      return false;
    });
    if (!ok || (seen & 7) != 7) return false;
    std::optional<EntityType> parsed = ParseEntityType(type);
    if (!parsed) return false;
    e->type = *parsed;
    return true;
  }

  bool EvidenceObject(Evidence* ev) {
    uint32_t seen = 0;
    return r_.Object([&](std::string_view k) {
      if (k == "sentence") return Once(seen, 1) && r_.String(&ev->sentence);
      if (k == "start") return Once(seen, 2) && r_.Uint(&ev->sentence_start);
      if (k == "end") return Once(seen, 4) && r_.Uint(&ev->sentence_end);
      if (k == "trigger_start") return Once(seen, 8) && r_.Uint(&ev->trigger_start);
      if (k == "trigger_end") return Once(seen, 16) && r_.Uint(&ev->trigger_end);
      return false;
    });
  }

  bool RelationObject(Relation* r) {
    uint32_t seen = 0;
    Evidence& ev = r->evidence;
    std::string modality = "asserted";
    bool ok = r_.Object([&](std::string_view k) {
      if (k == "source") return Once(seen, 1) && r_.String(&r->source);
      if (k == "type") return Once(seen, 2) && r_.String(&r->type);
      if (k == "target") return Once(seen, 4) && r_.String(&r->target);
      if (k == "role") return Once(seen, 8) && r_.String(&r->role);
      if (k == "modality") return Once(seen, 16) && r_.String(&modality);
      if (k == "negated") return Once(seen, 32) && r_.Bool(&ev.negated);
      if (k == "attributed_to") return Once(seen, 64) && r_.String(&ev.attributed_to);
      if (k == "time") return Once(seen, 128) && r_.String(&ev.time);
      if (k == "confidence") return Once(seen, 256) && r_.Double(&ev.confidence);
      if (k == "evidence") return Once(seen, 512) && EvidenceObject(&ev);
      return false;
    });
    if (!ok || (seen & (1 | 2 | 4 | 512)) != (1 | 2 | 4 | 512)) return false;
    std::optional<Modality> parsed = ParseModality(modality);
    if (!parsed) return false;
    ev.modality = *parsed;
    return true;
  }

  bool Object(Extraction& x) {
    uint32_t seen = 0;
    Article& a = x.article;
    bool ok = r_.Object([&](std::string_view k) {
      if (k == "article") return Once(seen, 1) && r_.String(&a.id);
      if (k == "title") return Once(seen, 2) && r_.String(&a.title);
      if (k == "date") return Once(seen, 4) && r_.String(&a.date);
      if (k == "url") return Once(seen, 8) && r_.String(&a.url);
      if (k == "source") return Once(seen, 16) && r_.String(&a.source);
      if (k == "origin") return Once(seen, 32) && r_.String(&a.origin);
      if (k == "text") return Once(seen, 64) && r_.String(&a.text);
      if (k == "entities") {
        return Once(seen, 128) && r_.Array([&] { return EntityObject(&x.entities.emplace_back()); });
      }
      if (k == "relations") {
        return Once(seen, 256) && r_.Array([&] { return RelationObject(&x.relations.emplace_back()); });
      }
      return false;
    });
    return ok && (seen & (1 | 128 | 256)) == (1 | 128 | 256);
  }

  JsonReader r_;
};

// Both forms are written by this one function: the evaluation form is the
// full form without the article's url, source, origin and text, and with
// confidences rounded to three decimals.
enum class Form { kEvaluation, kFull };

std::string WriteExtraction(const Extraction& x, Form form) {
  const bool full = form == Form::kFull;
  const Article& a = x.article;
  std::string out;
  out.reserve(256 + (full ? a.text.size() : 0) + x.relations.size() * 320 + x.entities.size() * 96);
  JsonWriter w(&out);
  auto put_if_not_empty = [&w](std::string_view field, const std::string& value) {
    if (value.empty()) return;
    w.Key(field);
    w.String(value);
  };
  w.BeginObject();
  w.Key("article");
  w.String(a.id);
  put_if_not_empty("title", a.title);
  put_if_not_empty("date", a.date);
  if (full) {
    put_if_not_empty("url", a.url);
    put_if_not_empty("source", a.source);
    put_if_not_empty("origin", a.origin);
    w.Key("text");
    w.String(a.text);
  }
  w.Key("entities");
  w.BeginArray();
  for (const Entity& e : x.entities) {
    w.BeginObject();
    w.Key("id");
    w.String(e.key);
    w.Key("name");
    w.String(e.name);
    w.Key("type");
    w.String(EntityTypeName(e.type));
    put_if_not_empty("country", e.country);
    w.Key("aliases");
    w.Strings(e.aliases);
    if (!e.roles.empty()) {
      w.Key("roles");
      w.Strings(e.roles);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("relations");
  w.BeginArray();
  for (const Relation& r : x.relations) {
    const Evidence& ev = r.evidence;
    w.BeginObject();
    w.Key("source");
    w.String(r.source);
    w.Key("type");
    w.String(r.type);
    w.Key("target");
    w.String(r.target);
    put_if_not_empty("role", r.role);
    w.Key("modality");
    w.String(ModalityName(ev.modality));
    if (ev.negated) {
      w.Key("negated");
      w.Bool(true);
    }
    put_if_not_empty("attributed_to", ev.attributed_to);
    put_if_not_empty("time", ev.time);
    w.Key("confidence");
    // The full form keeps the exact value (the shortest form that reads back
    // exactly); the evaluation form three decimals.
    w.Double(full ? ev.confidence : std::round(ev.confidence * 1000) / 1000);
    w.Key("evidence");
    w.BeginObject();
    w.Key("sentence");
    w.String(ev.sentence);
    w.Key("start");
    w.Uint(ev.sentence_start);
    w.Key("end");
    w.Uint(ev.sentence_end);
    w.Key("trigger_start");
    w.Uint(ev.trigger_start);
    w.Key("trigger_end");
    w.Uint(ev.trigger_end);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace

std::string ExtractionToJson(const Extraction& x) { return WriteExtraction(x, Form::kEvaluation); }

std::string ExtractionToFullJson(const Extraction& x) { return WriteExtraction(x, Form::kFull); }

Result<Extraction> ExtractionFromJson(std::string_view line) {
  if (std::optional<Extraction> fast = FastReader(line).Read()) return std::move(*fast);
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("malformed JSON");
  if (!j.is_object()) return Status::InvalidArgument("expected a JSON object");
  Extraction x;
  Article& a = x.article;
  KG_RETURN_IF_ERROR(GetString(j, "article", &a.id, true));
  if (a.id.empty()) return Status::InvalidArgument("field \"article\": empty article id");
  for (auto [field, value] : {std::pair{"title", &a.title}, {"date", &a.date}, {"url", &a.url},
                              {"source", &a.source}, {"origin", &a.origin}, {"text", &a.text}}) {
    KG_RETURN_IF_ERROR(GetString(j, field, value));
  }
  for (const char* field : {"entities", "relations"}) {
    auto it = j.find(field);
    if (it == j.end() || !it->is_array()) {
      return Status::InvalidArgument(std::string("missing array \"") + field + "\"");
    }
  }
  for (const Json& e : j["entities"]) {
    KG_RETURN_IF_ERROR(GetEntity(e, &x.entities.emplace_back()));
  }
  for (const Json& r : j["relations"]) {
    KG_RETURN_IF_ERROR(GetRelation(r, a.id, &x.relations.emplace_back()));
  }
  return x;
}

}  // namespace kg
