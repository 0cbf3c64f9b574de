// JSON-LD through nlohmann_json. The document is self-contained: the
// @context (export/context.jsonld, compiled in) is embedded inline, because
// a JSON-LD processor must not need the network to read a kg export.
//
// It is written node by node (JsonLdDocument), each entity, article and
// relation printed by hand into a buffer, so that a graph of a million
// edges never exists twice in memory and can be streamed from the store.
// The bytes are those nlohmann_json would print for the whole document with
// an indent of 2 (the golden test pins them).
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
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "core/json_text.h"
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

// ---- Pretty JSON by hand ------------------------------------------------------
// The bytes nlohmann_json's dump(2, ' ', false, replace) gives, written
// straight into a buffer: building an ordered_json per node and dumping it
// cost most of an export of a million relations.

// Objects and arrays nested from a base indent; members and items are
// written in call order.
class PrettyWriter {
 public:
  PrettyWriter(std::string* out, int indent) : out_(*out), indent_(indent) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key) {
    NextLine();
    AppendJsonString(&out_, key);
    out_ += ": ";
    after_key_ = true;
  }
  void String(std::string_view value) {
    Item();
    AppendJsonString(&out_, value);
  }
  void Uint(uint64_t value) {
    Item();
    out_ += std::to_string(value);
  }
  void Double(double value) {
    Item();
    if (!std::isfinite(value)) {
      out_ += "null";
      return;
    }
    char buffer[64];
    char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
    out_.append(buffer, end);
  }
  void Bool(bool value) {
    Item();
    out_ += value ? "true" : "false";
  }
  void Strings(const std::vector<std::string>& values) {
    BeginArray();
    for (const std::string& v : values) String(v);
    EndArray();
  }

 private:
  // Before a value: in an array it starts a line of its own.
  void Item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!counts_.empty()) NextLine();
  }
  void NextLine() {
    out_ += counts_.back()++ > 0 ? ",\n" : "\n";
    out_.append(static_cast<size_t>(indent_ + 2 * static_cast<int>(counts_.size())), ' ');
  }
  void Open(char c) {
    Item();
    out_ += c;
    counts_.push_back(0);
  }
  void Close(char c) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(static_cast<size_t>(indent_ + 2 * static_cast<int>(counts_.size())), ' ');
    }
    out_ += c;
  }

  std::string& out_;
  int indent_;
  std::vector<uint32_t> counts_;
  bool after_key_ = false;
};

// Times may be a day, a month or a year; each gets its XML Schema type so
// that RDF consumers can compare them. Anything else stays a plain string.
void TimeValue(PrettyWriter& w, const std::string& time) {
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
  if (type == nullptr) {
    w.String(time);
    return;
  }
  w.BeginObject();
  w.Key("@value");
  w.String(time);
  w.Key("@type");
  w.String(type);
  w.EndObject();
}

void EntityNode(PrettyWriter& w, const Entity& entity) {
  w.BeginObject();
  w.Key("@id");
  w.String(EntityIri(entity.key));
  w.Key("@type");
  w.String(SchemaType(entity.type));
  w.Key("name");
  w.String(entity.name);
  if (!entity.aliases.empty()) {
    w.Key("alternateName");
    w.Strings(entity.aliases);
  }
  w.Key("kg:entityType");
  w.String(EntityTypeName(entity.type));
  if (!entity.country.empty()) {
    w.Key("kg:country");
    w.String(entity.country);
  }
  if (!entity.roles.empty()) {
    w.Key("kg:role");
    w.Strings(entity.roles);
  }
  w.EndObject();
}

void EvidenceNode(PrettyWriter& w, const Evidence& evidence) {
  w.BeginObject();
  w.Key("@type");
  w.String("kg:Evidence");
  w.Key("kg:article");
  w.String(ArticleIri(evidence.article_id));
  w.Key("kg:quote");
  w.String(evidence.sentence);
  w.Key("kg:start");
  w.Uint(evidence.sentence_start);
  w.Key("kg:end");
  w.Uint(evidence.sentence_end);
  w.Key("kg:triggerStart");
  w.Uint(evidence.trigger_start);
  w.Key("kg:triggerEnd");
  w.Uint(evidence.trigger_end);
  w.Key("kg:modality");
  w.String(ModalityName(evidence.modality));
  w.Key("kg:negated");
  w.Bool(evidence.negated);
  if (!evidence.attributed_to.empty()) {
    w.Key("kg:attributedTo");
    w.String(EntityIri(evidence.attributed_to));
  }
  if (!evidence.time.empty()) {
    w.Key("kg:time");
    TimeValue(w, evidence.time);
  }
  w.Key("kg:confidence");
  w.Double(Rounded(evidence.confidence));
  w.EndObject();
}

void RelationNode(PrettyWriter& w, const EdgeRecord& record,
                  const std::vector<Evidence>& evidence) {
  w.BeginObject();
  w.Key("@id");
  w.String(RelationIri(record));
  w.Key("@type");
  w.String("kg:Relation");
  w.Key("kg:source");
  w.String(EntityIri(record.source));
  w.Key("kg:relationType");
  w.String(record.type);
  w.Key("kg:target");
  w.String(EntityIri(record.target));
  if (!record.role.empty()) {
    w.Key("kg:role");
    w.String(record.role);
  }
  w.Key("kg:evidenceCount");
  w.Uint(record.evidence_count);
  w.Key("kg:confidence");
  w.Double(Rounded(record.confidence));
  if (!record.first_seen.empty()) {
    w.Key("kg:firstSeen");
    TimeValue(w, record.first_seen);
  }
  if (!record.last_seen.empty()) {
    w.Key("kg:lastSeen");
    TimeValue(w, record.last_seen);
  }
  // Kept in stored order; a snapshot loaded without evidence has none.
  if (!evidence.empty()) {
    w.Key("kg:evidence");
    w.BeginArray();
    for (const Evidence& e : evidence) EvidenceNode(w, e);
    w.EndArray();
  }
  w.EndObject();
}

// schema.org's NewsArticle, with the entities it mentions (those exported).
void ArticleNode(PrettyWriter& w, const ArticleRecord& article,
                 const std::function<bool(const std::string&)>& exported) {
  w.BeginObject();
  w.Key("@id");
  w.String(ArticleIri(article.id));
  w.Key("@type");
  w.String("NewsArticle");
  w.Key("identifier");
  w.String(article.id);
  if (!article.title.empty()) {
    w.Key("headline");
    w.String(article.title);
  }
  if (!article.date.empty()) {
    w.Key("datePublished");
    TimeValue(w, article.date);
  }
  if (!article.source.empty()) {
    w.Key("publisher");
    w.String(article.source);
  }
  if (!article.url.empty()) {
    w.Key("url");
    w.String(article.url);
  }
  bool any = false;
  for (const std::string& key : article.entity_keys) {
    if (!exported(key)) continue;
    if (!any) {
      w.Key("mentions");
      w.BeginArray();
      any = true;
    }
    w.String(EntityIri(key));
  }
  if (any) w.EndArray();
  w.EndObject();
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

JsonLdDocument::JsonLdDocument(FILE* file) : file_(file) {}

Status JsonLdDocument::Begin() {
  Result<Json> context = EmbeddedContext();
  if (!context.ok()) return context.status();
  std::fputs("{\n  \"@context\": ", file_);
  WriteNested(file_, Dump(*context), 2);
  std::fputs(",\n  \"@graph\": [", file_);
  return Status::Ok();
}

void JsonLdDocument::Flush() {
  std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
  buffer_.clear();
}

void JsonLdDocument::StartNode() {
  buffer_ += first_ ? "\n    " : ",\n    ";
  first_ = false;
}

void JsonLdDocument::AddEntity(const Entity& entity) {
  StartNode();
  PrettyWriter w(&buffer_, 4);
  EntityNode(w, entity);
  if (buffer_.size() > kFlushBytes) Flush();
}

void JsonLdDocument::AddArticle(const ArticleRecord& article,
                                const std::function<bool(const std::string&)>& exported) {
  StartNode();
  PrettyWriter w(&buffer_, 4);
  ArticleNode(w, article, exported);
  if (buffer_.size() > kFlushBytes) Flush();
}

void JsonLdDocument::AddRelation(const EdgeRecord& record, const std::vector<Evidence>& evidence) {
  StartNode();
  PrettyWriter w(&buffer_, 4);
  RelationNode(w, record, evidence);
  if (buffer_.size() > kFlushBytes) Flush();
}

void JsonLdDocument::End() {
  buffer_ += first_ ? "]\n}\n" : "\n  ]\n}\n";
  Flush();
}

Status WriteJsonLd(const GraphSnapshot& graph, const std::string& path,
                   const ExportOptions& options) {
  Result<OutputFile> out = OutputFile::Open(path);
  if (!out.ok()) return out.status();
  JsonLdDocument document(out->get());
  KG_RETURN_IF_ERROR(document.Begin());
  for (uint32_t i : EntitiesByKey(graph)) document.AddEntity(graph.entities[i]);
  auto exported = [&](const std::string& key) { return graph.index_of_key.count(key) > 0; };
  for (const ArticleRecord* article : ArticlesToExport(graph, options))
    document.AddArticle(*article, exported);
  for (uint32_t i : EdgesByKey(graph))
    document.AddRelation(graph.edges[i].record, graph.edges[i].evidence);
  document.End();
  return out->Close();  // reports any write that failed on the way
}

}  // namespace kg::export_internal
