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
#include <charconv>
#include <cmath>
#include <optional>
#include <limits>
#include <nlohmann/json.hpp>

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
// parsing time on. It gives up (nullopt) on anything it does not expect
// (\u escapes, unknown or repeated fields, null, a wrong type, an unknown
// entity type or modality, a missing required field, invalid UTF-8, damage),
// and the line is then read by nlohmann_json as before, so what is accepted
// and how an error reads do not change.
class FastReader {
 public:
  explicit FastReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  std::optional<Extraction> Read() {
    Extraction x;
    if (!Object(x) || (SkipSpace(), p_ != end_)) return std::nullopt;
    if (x.article.id.empty()) return std::nullopt;
    for (Relation& r : x.relations) r.evidence.article_id = x.article.id;
    return x;
  }

 private:
  void SkipSpace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool Take(char c) {
    SkipSpace();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  bool String(std::string* out) {
    if (!Take('"')) return false;
    out->clear();
    bool ascii = true;
    for (;;) {
      const char* start = p_;
      while (p_ != end_ && *p_ != '"' && *p_ != '\\') {
        const unsigned char c = static_cast<unsigned char>(*p_);
        if (c < 0x20) return false;
        if (c >= 0x80) ascii = false;
        ++p_;
      }
      out->append(start, p_);
      if (p_ == end_) return false;
      if (*p_++ == '"') break;
      if (p_ == end_) return false;
      switch (*p_++) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        default: return false;  // \u and anything else: nlohmann's business
      }
    }
    return ascii || IsValidUtf8(*out);
  }

  bool Strings(std::vector<std::string>* out) {
    if (!Take('[')) return false;
    if (Take(']')) return true;
    do {
      if (!String(&out->emplace_back())) return false;
    } while (Take(','));
    return Take(']');
  }

  bool Unsigned(uint32_t* out) {
    SkipSpace();
    const char* start = p_;
    uint64_t value = 0;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9' && p_ - start < 11) value = value * 10 + (*p_++ - '0');
    if (p_ == start || (*start == '0' && p_ - start > 1)) return false;
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E' || (*p_ >= '0' && *p_ <= '9'))) return false;
    if (value > std::numeric_limits<uint32_t>::max()) return false;
    *out = static_cast<uint32_t>(value);
    return true;
  }

  bool Number(double* out) {
    SkipSpace();
    // JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    const char* start = p_;
    auto digits = [&] {
      const char* d = p_;
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      return p_ - d;
    };
    if (p_ != end_ && *p_ == '-') ++p_;
    const char* int_start = p_;
    const auto int_digits = digits();
    if (int_digits == 0 || (*int_start == '0' && int_digits > 1)) return false;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (digits() == 0) return false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (digits() == 0) return false;
    }
    auto [ptr, ec] = std::from_chars(start, p_, *out);
    // nlohmann reads "-0" as the integer 0, not as -0.0.
    if (*start == '-' && *out == 0) return false;
    return ec == std::errc() && ptr == p_ && std::isfinite(*out);
  }

  bool Bool(bool* out) {
    SkipSpace();
    if (end_ - p_ >= 4 && std::string_view(p_, 4) == "true") {
      p_ += 4;
      *out = true;
      return true;
    }
    if (end_ - p_ >= 5 && std::string_view(p_, 5) == "false") {
      p_ += 5;
      *out = false;
      return true;
    }
    return false;
  }

  // Calls `field(name)` for each member of an object; each name at most once
  // (`seen` holds the bits `bit(name)` gave).
  template <typename Field>
  bool Members(Field field) {
    if (!Take('{')) return false;
    if (Take('}')) return true;
    do {
      if (!String(&key_) || !Take(':')) return false;
      if (!field(key_)) return false;
    } while (Take(','));
    return Take('}');
  }

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
    bool ok = Members([&](const std::string& k) {
      if (k == "id") return Once(seen, 1) && String(&e->key);
      if (k == "name") return Once(seen, 2) && String(&e->name);
      if (k == "type") return Once(seen, 4) && String(&type);
      if (k == "country") return Once(seen, 8) && String(&e->country);
      if (k == "aliases") return Once(seen, 16) && Strings(&e->aliases);
      if (k == "roles") return Once(seen, 32) && Strings(&e->roles);
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
    return Members([&](const std::string& k) {
      if (k == "sentence") return Once(seen, 1) && String(&ev->sentence);
      if (k == "start") return Once(seen, 2) && Unsigned(&ev->sentence_start);
      if (k == "end") return Once(seen, 4) && Unsigned(&ev->sentence_end);
      if (k == "trigger_start") return Once(seen, 8) && Unsigned(&ev->trigger_start);
      if (k == "trigger_end") return Once(seen, 16) && Unsigned(&ev->trigger_end);
      return false;
    });
  }

  bool RelationObject(Relation* r) {
    uint32_t seen = 0;
    Evidence& ev = r->evidence;
    std::string modality = "asserted";
    bool ok = Members([&](const std::string& k) {
      if (k == "source") return Once(seen, 1) && String(&r->source);
      if (k == "type") return Once(seen, 2) && String(&r->type);
      if (k == "target") return Once(seen, 4) && String(&r->target);
      if (k == "role") return Once(seen, 8) && String(&r->role);
      if (k == "modality") return Once(seen, 16) && String(&modality);
      if (k == "negated") return Once(seen, 32) && Bool(&ev.negated);
      if (k == "attributed_to") return Once(seen, 64) && String(&ev.attributed_to);
      if (k == "time") return Once(seen, 128) && String(&ev.time);
      if (k == "confidence") return Once(seen, 256) && Number(&ev.confidence);
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
    bool ok = Members([&](const std::string& k) {
      if (k == "article") return Once(seen, 1) && String(&a.id);
      if (k == "title") return Once(seen, 2) && String(&a.title);
      if (k == "date") return Once(seen, 4) && String(&a.date);
      if (k == "url") return Once(seen, 8) && String(&a.url);
      if (k == "source") return Once(seen, 16) && String(&a.source);
      if (k == "origin") return Once(seen, 32) && String(&a.origin);
      if (k == "text") return Once(seen, 64) && String(&a.text);
      if (k == "entities") {
        if (!Once(seen, 128) || !Take('[')) return false;
        if (Take(']')) return true;
        do {
          if (!EntityObject(&x.entities.emplace_back())) return false;
        } while (Take(','));
        return Take(']');
      }
      if (k == "relations") {
        if (!Once(seen, 256) || !Take('[')) return false;
        if (Take(']')) return true;
        do {
          if (!RelationObject(&x.relations.emplace_back())) return false;
        } while (Take(','));
        return Take(']');
      }
      return false;
    });
    return ok && (seen & (1 | 128 | 256)) == (1 | 128 | 256);
  }

  const char* p_;
  const char* end_;
  std::string key_;
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
