// Hand-written JSON for the record values of storage/FORMAT.md; see codec.h
// for why the bytes equal nlohmann_json's and when nlohmann_json still reads.
#include "storage/codec.h"

#include "core/json_reader.h"
#include "core/json_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace kg::codec {
namespace {

using Json = nlohmann::json;

// ---- Writing ----------------------------------------------------------------

// Object members are written in the order the caller gives, which must be
// sorted (nlohmann::json keeps its objects in a std::map).
class Writer {
 public:
  explicit Writer(std::string* out) : out_(*out) {}
  void Open() { out_ += '{'; first_ = true; }
  void Close() { out_ += '}'; first_ = false; }
  void Key(std::string_view key) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += key;
    out_ += "\":";
  }
  void String(std::string_view key, std::string_view value) {
    Key(key);
    AppendJsonString(&out_, value);
  }
  void Strings(std::string_view key, const std::vector<std::string>& values) {
    Key(key);
    StringArray(values);
  }
  void StringArray(const std::vector<std::string>& values) {
    out_ += '[';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out_ += ',';
      AppendJsonString(&out_, values[i]);
    }
    out_ += ']';
  }
  void Uint(std::string_view key, uint64_t value) {
    Key(key);
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out_.append(buffer, end);
  }
  void Double(std::string_view key, double value) {
    Key(key);
    AppendJsonDouble(value, &out_);
  }
  void Bool(std::string_view key, bool value) {
    Key(key);
    out_ += value ? "true" : "false";
  }
 private:
  std::string& out_;
  bool first_ = true;
};

// ---- Reading ----------------------------------------------------------------

using Reader = JsonReader;

bool FastDecode(KeptApart* k, Reader& r) {
  return r.Object([&](std::string_view key) {
    if (key == "entity_key") return r.String(&k->entity_key);
    if (key == "name") return r.String(&k->name);
    if (key == "candidates") return r.Strings(&k->candidates);
    return false;
  });
}

bool FastDecode(std::string_view value, ArticleRecord* a) {
  Reader r(value);
  bool ok = r.Object([&](std::string_view key) {
    switch (key.empty() ? 0 : key[0]) {
      case 'c': if (key == "content_hash") return r.String(&a->content_hash); break;
      case 'd': if (key == "date") return r.String(&a->date); break;
      case 'e':
        if (key == "edge_keys") return r.Strings(&a->edge_keys);
        if (key == "entity_keys") return r.Strings(&a->entity_keys);
        break;
      case 'i': if (key == "id") return r.String(&a->id); break;
      case 'k':
        if (key == "kept_apart") {
          a->kept_apart.clear();
          return r.Array([&] { return FastDecode(&a->kept_apart.emplace_back(), r); });
        }
        break;
      case 'o': if (key == "origin") return r.String(&a->origin); break;
      case 's': if (key == "source") return r.String(&a->source); break;
      case 't': if (key == "title") return r.String(&a->title); break;
      case 'u': if (key == "url") return r.String(&a->url); break;
    }
    return false;
  });
  return ok && r.AtEnd();
}

bool FastDecode(std::string_view value, Entity* e) {
  Reader r(value);
  bool typed = false;
  std::string type;
  bool ok = r.Object([&](std::string_view key) {
    if (key == "aliases") return r.Strings(&e->aliases);
    if (key == "country") return r.String(&e->country);
    if (key == "key") return r.String(&e->key);
    if (key == "name") return r.String(&e->name);
    if (key == "roles") return r.Strings(&e->roles);
    if (key == "type") {
      if (!r.String(&type)) return false;
      std::optional<EntityType> parsed = ParseEntityType(type);
      if (!parsed) return false;
      e->type = *parsed;
      typed = true;
      return true;
    }
    return false;
  });
  return ok && typed && r.AtEnd();
}

bool FastDecode(std::string_view value, Mention* m) {
  Reader r(value);
  bool ok = r.Object([&](std::string_view key) {
    if (key == "article_id") return r.String(&m->article_id);
    if (key == "country") return r.String(&m->country);
    if (key == "entity_key") return r.String(&m->entity_key);
    if (key == "names") return r.Strings(&m->names);
    if (key == "roles") return r.Strings(&m->roles);
    return false;
  });
  return ok && r.AtEnd();
}

bool FastDecode(std::string_view value, EdgeRecord* e) {
  Reader r(value);
  bool ok = r.Object([&](std::string_view key) {
    if (key == "confidence") return r.Double(&e->confidence);
    if (key == "evidence_count") return r.Uint(&e->evidence_count);
    if (key == "first_seen") return r.String(&e->first_seen);
    if (key == "last_seen") return r.String(&e->last_seen);
    if (key == "role") return r.String(&e->role);
    if (key == "source") return r.String(&e->source);
    if (key == "target") return r.String(&e->target);
    if (key == "type") return r.String(&e->type);
    return false;
  });
  return ok && r.AtEnd();
}

bool FastDecode(std::string_view value, Evidence* e) {
  Reader r(value);
  std::string modality;
  bool ok = r.Object([&](std::string_view key) {
    switch (key.empty() ? 0 : key[0]) {
      case 'a':
        if (key == "article_id") return r.String(&e->article_id);
        if (key == "attributed_to") return r.String(&e->attributed_to);
        break;
      case 'c': if (key == "confidence") return r.Double(&e->confidence); break;
      case 'm':
        if (key == "modality") {
          if (!r.String(&modality)) return false;
          std::optional<Modality> parsed = ParseModality(modality);
          if (!parsed) return false;
          e->modality = *parsed;
          return true;
        }
        break;
      case 'n': if (key == "negated") return r.Bool(&e->negated); break;
      case 's':
        if (key == "sentence") return r.String(&e->sentence);
        if (key == "sentence_end") return r.Uint(&e->sentence_end);
        if (key == "sentence_start") return r.Uint(&e->sentence_start);
        break;
      case 't':
        if (key == "time") return r.String(&e->time);
        if (key == "trigger_end") return r.Uint(&e->trigger_end);
        if (key == "trigger_start") return r.Uint(&e->trigger_start);
        break;
    }
    return false;
  });
  return ok && r.AtEnd();
}

// ---- nlohmann_json ------------------------------------------------------------

std::string Dump(const Json& j) {
  // Invalid UTF-8 must not throw out of a WriteSet; it is stored as U+FFFD.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

template <typename T>
void Field(const Json& j, const char* name, T* out) {
  *out = j.value(name, *out);
}

void DecodeJson(const Json& j, KeptApart* k) {
  Field(j, "entity_key", &k->entity_key);
  Field(j, "name", &k->name);
  Field(j, "candidates", &k->candidates);
}

template <typename T>
void Fallback(std::string_view value, T* out) {
  *out = T();
  DecodeSlow(value, out);
}

}  // namespace


void AppendJsonDouble(double value, std::string* out) {
  if (!std::isfinite(value)) {
    *out += "null";
    return;
  }
  char buffer[64];
  char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
  out->append(buffer, end);
}

// Members in sorted order, as nlohmann::json's std::map keeps them.

void Encode(const ArticleRecord& a, std::string* out) {
  Writer w(out);
  w.Open();
  w.String("content_hash", a.content_hash);
  w.String("date", a.date);
  w.Strings("edge_keys", a.edge_keys);
  w.Strings("entity_keys", a.entity_keys);
  w.String("id", a.id);
  w.Key("kept_apart");
  out->push_back('[');
  for (size_t i = 0; i < a.kept_apart.size(); ++i) {
    if (i > 0) out->push_back(',');
    const KeptApart& k = a.kept_apart[i];
    Writer item(out);
    item.Open();
    item.Strings("candidates", k.candidates);
    item.String("entity_key", k.entity_key);
    item.String("name", k.name);
    item.Close();
  }
  out->push_back(']');
  w.String("origin", a.origin);
  w.String("source", a.source);
  w.String("title", a.title);
  w.String("url", a.url);
  w.Close();
}

void Encode(const Entity& e, std::string* out) {
  Writer w(out);
  w.Open();
  w.Strings("aliases", e.aliases);
  w.String("country", e.country);
  w.String("key", e.key);
  w.String("name", e.name);
  w.Strings("roles", e.roles);
  w.String("type", EntityTypeName(e.type));
  w.Close();
}

void Encode(const Mention& m, std::string* out) {
  Writer w(out);
  w.Open();
  w.String("article_id", m.article_id);
  w.String("country", m.country);
  w.String("entity_key", m.entity_key);
  w.Strings("names", m.names);
  w.Strings("roles", m.roles);
  w.Close();
}

void Encode(const EdgeRecord& e, std::string* out) {
  Writer w(out);
  w.Open();
  w.Double("confidence", e.confidence);
  w.Uint("evidence_count", e.evidence_count);
  w.String("first_seen", e.first_seen);
  w.String("last_seen", e.last_seen);
  w.String("role", e.role);
  w.String("source", e.source);
  w.String("target", e.target);
  w.String("type", e.type);
  w.Close();
}

void Encode(const Evidence& e, std::string* out) { Encode(e, e.article_id, out); }

void Encode(const Evidence& e, std::string_view article_id, std::string* out) {
  Writer w(out);
  w.Open();
  w.String("article_id", article_id);
  w.String("attributed_to", e.attributed_to);
  w.Double("confidence", e.confidence);
  w.String("modality", ModalityName(e.modality));
  w.Bool("negated", e.negated);
  w.String("sentence", e.sentence);
  w.Uint("sentence_end", e.sentence_end);
  w.Uint("sentence_start", e.sentence_start);
  w.String("time", e.time);
  w.Uint("trigger_end", e.trigger_end);
  w.Uint("trigger_start", e.trigger_start);
  w.Close();
}

void Decode(std::string_view value, ArticleRecord* out) {
  if (!FastDecode(value, out)) Fallback(value, out);
}
void Decode(std::string_view value, Entity* out) {
  if (!FastDecode(value, out)) Fallback(value, out);
}
void Decode(std::string_view value, Mention* out) {
  if (!FastDecode(value, out)) Fallback(value, out);
}
void Decode(std::string_view value, EdgeRecord* out) {
  if (!FastDecode(value, out)) Fallback(value, out);
}
void Decode(std::string_view value, Evidence* out) {
  if (!FastDecode(value, out)) Fallback(value, out);
}

// ---- The nlohmann_json versions (the reference) --------------------------------

std::string EncodeSlow(const ArticleRecord& a) {
  Json kept = Json::array();
  for (const KeptApart& k : a.kept_apart) {
    kept.push_back({{"entity_key", k.entity_key},
                    {"name", k.name},
                    {"candidates", k.candidates}});
  }
  return Dump({{"id", a.id},
               {"title", a.title},
               {"date", a.date},
               {"url", a.url},
               {"source", a.source},
               {"origin", a.origin},
               {"content_hash", a.content_hash},
               {"entity_keys", a.entity_keys},
               {"edge_keys", a.edge_keys},
               {"kept_apart", kept}});
}

std::string EncodeSlow(const Entity& e) {
  return Dump({{"key", e.key},
               {"name", e.name},
               {"type", EntityTypeName(e.type)},
               {"country", e.country},
               {"aliases", e.aliases},
               {"roles", e.roles}});
}

std::string EncodeSlow(const Mention& m) {
  return Dump({{"entity_key", m.entity_key},
               {"article_id", m.article_id},
               {"names", m.names},
               {"roles", m.roles},
               {"country", m.country}});
}

std::string EncodeSlow(const EdgeRecord& e) {
  return Dump({{"source", e.source},
               {"type", e.type},
               {"target", e.target},
               {"role", e.role},
               {"evidence_count", e.evidence_count},
               {"first_seen", e.first_seen},
               {"last_seen", e.last_seen},
               {"confidence", e.confidence}});
}

std::string EncodeSlow(const Evidence& e) {
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

void DecodeSlow(std::string_view value, ArticleRecord* a) {
  Json j = Json::parse(value);
  Field(j, "id", &a->id);
  Field(j, "title", &a->title);
  Field(j, "date", &a->date);
  Field(j, "url", &a->url);
  Field(j, "source", &a->source);
  Field(j, "origin", &a->origin);
  Field(j, "content_hash", &a->content_hash);
  Field(j, "entity_keys", &a->entity_keys);
  Field(j, "edge_keys", &a->edge_keys);
  auto kept = j.find("kept_apart");
  if (kept != j.end()) {
    for (const Json& item : kept->get_ref<const Json::array_t&>()) {
      DecodeJson(item, &a->kept_apart.emplace_back());
    }
  }
}

void DecodeSlow(std::string_view value, Entity* e) {
  Json j = Json::parse(value);
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

void DecodeSlow(std::string_view value, Mention* m) {
  Json j = Json::parse(value);
  Field(j, "entity_key", &m->entity_key);
  Field(j, "article_id", &m->article_id);
  Field(j, "names", &m->names);
  Field(j, "roles", &m->roles);
  Field(j, "country", &m->country);
}

void DecodeSlow(std::string_view value, EdgeRecord* e) {
  Json j = Json::parse(value);
  Field(j, "source", &e->source);
  Field(j, "type", &e->type);
  Field(j, "target", &e->target);
  Field(j, "role", &e->role);
  Field(j, "evidence_count", &e->evidence_count);
  Field(j, "first_seen", &e->first_seen);
  Field(j, "last_seen", &e->last_seen);
  Field(j, "confidence", &e->confidence);
}

void DecodeSlow(std::string_view value, Evidence* e) {
  Json j = Json::parse(value);
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

}  // namespace kg::codec
