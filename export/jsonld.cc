// JSON-LD through nlohmann_json. The document is self-contained: the
// @context (export/context.jsonld, compiled in) is embedded inline, because
// a JSON-LD processor must not need the network to read a kg export.
//
// It is written node by node: each entity, article and relation is built as
// a small JSON value, dumped and forgotten, so that a graph of a million
// edges never exists twice in memory. The bytes are those nlohmann_json
// would print for the whole document with an indent of 2.
//
// Vocabulary: schema.org for what it has words for (types, name,
// alternateName), kg's own terms under https://w3id.org/kg-news/vocab# for the
// rest; see export/JSONLD.md. Relations are nodes of their own (kg:Relation)
// rather than plain triples, so that their figures and evidence survive the
// conversion to RDF.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "core/model.h"
#include "export/export_internal.h"

namespace kg::export_internal {
namespace {

// ordered_json keeps keys in insertion order: "@id" and "@type" first reads
// better than alphabetical, and the order is still fixed by this code.
using Json = nlohmann::ordered_json;

constexpr std::string_view kEntityBase = "https://w3id.org/kg-news/entity/";
constexpr std::string_view kRelationBase = "https://w3id.org/kg-news/relation/";
constexpr std::string_view kArticleBase = "https://w3id.org/kg-news/article/";

// Percent-encodes every byte but RFC 3986's unreserved characters and ':'
// (legal in a path segment and common in keys: "person:vladimir putin"). UTF-8
// bytes are encoded too, so the IRIs are plain ASCII URIs.
std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                c == '~' || c == ':';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string EntityIri(std::string_view key) {
  return std::string(kEntityBase) + PercentEncode(key);
}

std::string RelationIri(const EdgeRecord& edge) {
  return std::string(kRelationBase) + PercentEncode(edge.source) + "/" +
         PercentEncode(edge.type) + "/" + PercentEncode(edge.target);
}

std::string ArticleIri(std::string_view id) {
  return std::string(kArticleBase) + PercentEncode(id);
}

// schema.org has no Region or Facility; Place is the nearest general type.
// kg:entityType keeps the precise one.
std::string_view SchemaType(EntityType type) {
  switch (type) {
    case EntityType::kRegion:
    case EntityType::kFacility:
      return "Place";
    default:
      return EntityTypeName(type);
  }
}

// Confidences come out of products of doubles (1 - prod(1 - c)); four decimals
// are all the precision they have, and they keep the text short and stable.
double Rounded(double value) { return std::round(value * 1e4) / 1e4; }

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

// Times may be a day, a month or a year; each gets its XML Schema type so
// that RDF consumers can compare them. Anything else stays a plain string.
Json TimeValue(const std::string& time) {
  const char* type = nullptr;
  std::string_view t = time;
  if (t.size() == 4 && IsDigits(t)) {
    type = "xsd:gYear";
  } else if (t.size() == 7 && t[4] == '-' && IsDigits(t.substr(0, 4)) &&
             IsDigits(t.substr(5))) {
    type = "xsd:gYearMonth";
  } else if (t.size() == 10 && t[4] == '-' && t[7] == '-' &&
             IsDigits(t.substr(0, 4)) && IsDigits(t.substr(5, 2)) &&
             IsDigits(t.substr(8))) {
    type = "xsd:date";
  }
  if (type == nullptr) return time;
  return Json{{"@value", time}, {"@type", type}};
}

Json EntityNode(const Entity& entity) {
  Json node;
  node["@id"] = EntityIri(entity.key);
  node["@type"] = SchemaType(entity.type);
  node["name"] = entity.name;
  if (!entity.aliases.empty()) node["alternateName"] = entity.aliases;
  node["kg:entityType"] = EntityTypeName(entity.type);
  if (!entity.country.empty()) node["kg:country"] = entity.country;
  if (!entity.roles.empty()) node["kg:role"] = entity.roles;
  return node;
}

Json EvidenceNode(const Evidence& evidence) {
  Json node;
  node["@type"] = "kg:Evidence";
  node["kg:article"] = ArticleIri(evidence.article_id);
  node["kg:quote"] = evidence.sentence;
  node["kg:start"] = evidence.sentence_start;
  node["kg:end"] = evidence.sentence_end;
  node["kg:triggerStart"] = evidence.trigger_start;
  node["kg:triggerEnd"] = evidence.trigger_end;
  node["kg:modality"] = ModalityName(evidence.modality);
  node["kg:negated"] = evidence.negated;
  if (!evidence.attributed_to.empty())
    node["kg:attributedTo"] = EntityIri(evidence.attributed_to);
  if (!evidence.time.empty()) node["kg:time"] = TimeValue(evidence.time);
  node["kg:confidence"] = Rounded(evidence.confidence);
  return node;
}

Json RelationNode(const GraphEdge& edge) {
  const EdgeRecord& record = edge.record;
  Json node;
  node["@id"] = RelationIri(record);
  node["@type"] = "kg:Relation";
  node["kg:source"] = EntityIri(record.source);
  node["kg:relationType"] = record.type;
  node["kg:target"] = EntityIri(record.target);
  if (!record.role.empty()) node["kg:role"] = record.role;
  node["kg:evidenceCount"] = record.evidence_count;
  node["kg:confidence"] = Rounded(record.confidence);
  if (!record.first_seen.empty())
    node["kg:firstSeen"] = TimeValue(record.first_seen);
  if (!record.last_seen.empty())
    node["kg:lastSeen"] = TimeValue(record.last_seen);
  // Kept in stored order; a snapshot loaded without evidence has none.
  if (!edge.evidence.empty()) {
    Json list = Json::array();
    for (const Evidence& evidence : edge.evidence)
      list.push_back(EvidenceNode(evidence));
    node["kg:evidence"] = std::move(list);
  }
  return node;
}

// schema.org's NewsArticle, with the entities it mentions (those exported).
Json ArticleNode(const ArticleRecord& article, const GraphSnapshot& graph) {
  Json node;
  node["@id"] = ArticleIri(article.id);
  node["@type"] = "NewsArticle";
  node["identifier"] = article.id;
  if (!article.title.empty()) node["headline"] = article.title;
  if (!article.date.empty()) node["datePublished"] = TimeValue(article.date);
  if (!article.source.empty()) node["publisher"] = article.source;
  if (!article.url.empty()) node["url"] = article.url;
  Json mentions = Json::array();
  for (const std::string& key : article.entity_keys) {
    if (graph.index_of_key.count(key) > 0) mentions.push_back(EntityIri(key));
  }
  if (!mentions.empty()) node["mentions"] = std::move(mentions);
  return node;
}

// Writes `text` with `indent` more spaces after each line break, which is
// how a value dumped on its own looks once nested that deep.
void WriteNested(FILE* out, const std::string& text, int indent) {
  const std::string pad(indent, ' ');
  size_t start = 0;
  while (true) {
    size_t newline = text.find('\n', start);
    if (newline == std::string::npos) {
      std::fwrite(text.data() + start, 1, text.size() - start, out);
      return;
    }
    std::fwrite(text.data() + start, 1, newline + 1 - start, out);
    std::fwrite(pad.data(), 1, pad.size(), out);
    start = newline + 1;
  }
}

// Text from articles may hold broken UTF-8; replacing it (U+FFFD) beats
// failing the whole export.
std::string Dump(const Json& value) {
  return value.dump(2, ' ', /*ensure_ascii=*/false,
                    Json::error_handler_t::replace);
}

// The "@context" object of the embedded export/context.jsonld.
Result<Json> EmbeddedContext() {
  Json document =
      Json::parse(JsonLdContext(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.contains("@context")) {
    return Status::Corruption(
        "export/context.jsonld compiled into kg is not a JSON-LD context");
  }
  return document["@context"];
}

}  // namespace

Status WriteJsonLd(const GraphSnapshot& graph, const std::string& path,
                   const ExportOptions& options) {
  Result<Json> context = EmbeddedContext();
  if (!context.ok()) return context.status();
  Result<OutputFile> out = OutputFile::Open(path);
  if (!out.ok()) return out.status();
  FILE* file = out->get();

  std::fputs("{\n  \"@context\": ", file);
  WriteNested(file, Dump(*context), 2);
  std::fputs(",\n  \"@graph\": [", file);
  bool first = true;
  auto write_node = [&](const Json& node) {
    std::fputs(first ? "\n    " : ",\n    ", file);
    WriteNested(file, Dump(node), 4);
    first = false;
  };
  for (uint32_t i : EntitiesByKey(graph))
    write_node(EntityNode(graph.entities[i]));
  for (const ArticleRecord* article : ArticlesToExport(graph, options))
    write_node(ArticleNode(*article, graph));
  for (uint32_t i : EdgesByKey(graph)) write_node(RelationNode(graph.edges[i]));
  std::fputs(first ? "]\n}\n" : "\n  ]\n}\n", file);
  return out->Close();  // reports any write that failed on the way
}

}  // namespace kg::export_internal
