// CSV files in the layout of Neo4j's `neo4j-admin database import` (Neo4j 5):
// one header row naming each column and its type, IDs in groups (Entity,
// Article, Evidence), labels in :LABEL, relationship types in :TYPE. See
// export/CSV.md for the files and their columns.
//
// Rows are written as they are produced, so the export needs no memory
// beyond the snapshot. Text goes through CleanText (one line of valid UTF-8:
// Neo4j would otherwise need --multiline-fields), and ';' inside an array
// item becomes ',' because ';' is neo4j-admin's array delimiter.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/model.h"
#include "export/export_internal.h"

namespace kg {
namespace {

constexpr const char* kFiles[] = {"nodes.csv",    "articles.csv",
                                  "evidence.csv", "relationships.csv",
                                  "mentions.csv", "quoted_from.csv"};

}  // namespace

std::vector<std::string> CsvFileNames() {
  return std::vector<std::string>(std::begin(kFiles), std::end(kFiles));
}

std::string Neo4jImportCommand(const std::string& dir) {
  std::string command = "neo4j-admin database import full";
  std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  for (size_t i = 0; i < std::size(kFiles); ++i) {
    command += i < 3 ? " --nodes=" : " --relationships=";
    command += base + kFiles[i];
  }
  return command + " neo4j";
}

namespace export_internal {
namespace {

// One CSV file being written: fields are added left to right, EndRow ends
// the line. Non-empty text is always quoted; an empty field is left empty,
// which neo4j-admin reads as "no such property".
class CsvFile {
 public:
  explicit CsvFile(OutputFile file) : file_(std::move(file)) {}

  void Header(std::initializer_list<std::string_view> columns) {
    for (std::string_view column : columns) Raw(column);
    EndRow();
  }
  void Text(std::string_view text) {
    if (text.empty()) {
      Raw("");
      return;
    }
    std::string quoted = "\"";
    for (char c : CleanText(text)) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    Raw(quoted + "\"");
  }
  void List(const std::vector<std::string>& items) {
    std::string joined;
    for (const std::string& item : items) {
      if (!joined.empty()) joined += ';';
      std::string clean = item;
      std::replace(clean.begin(), clean.end(), ';', ',');
      joined += clean;
    }
    Text(joined);
  }
  void Number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    Raw(buffer);
  }
  void Integer(uint64_t value) { Raw(std::to_string(value)); }
  void Boolean(bool value) { Raw(value ? "true" : "false"); }
  void EndRow() {
    std::fputc('\n', file_.get());
    first_ = true;
  }
  Status Close() { return file_.Close(); }

 private:
  void Raw(std::string_view field) {
    if (!first_) std::fputc(',', file_.get());
    std::fwrite(field.data(), 1, field.size(), file_.get());
    first_ = false;
  }

  OutputFile file_;
  bool first_ = true;
};

// "located_in" -> "LOCATED_IN": Neo4j's convention for relationship types.
std::string Neo4jType(std::string_view relation) {
  std::string type;
  for (char c : relation) {
    unsigned char u = static_cast<unsigned char>(c);
    type += std::isalnum(u) ? static_cast<char>(std::toupper(u)) : '_';
  }
  return type.empty() ? "RELATED" : type;
}

// The relation's id in these files; Evidence rows refer to it.
std::string RelationKey(const EdgeRecord& edge) {
  return edge.source + "|" + edge.type + "|" + edge.target;
}

bool Hedged(const std::vector<Evidence>& evidence) {
  size_t hedged = 0;
  for (const Evidence& e : evidence) {
    hedged += e.modality == Modality::kClaimed ||
              e.modality == Modality::kExpected ||
              e.modality == Modality::kHypothetical;
  }
  return hedged * 2 > evidence.size();
}

Result<CsvFile> Open(const std::filesystem::path& dir, const char* name) {
  Result<OutputFile> file = OutputFile::Open((dir / name).string());
  if (!file.ok()) return file.status();
  return CsvFile(file.take());
}

}  // namespace

Status WriteCsv(const GraphSnapshot& graph, const std::string& dir,
                const ExportOptions& options) {
  if (dir == "-" || dir.empty()) {
    return Status::InvalidArgument(
        "csv export writes several files: give a directory with -o DIR");
  }
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return Status::IOError(
        dir + ": cannot write: cannot create directory: " + error.message());
  }
  const std::filesystem::path base(dir);
  const std::vector<uint32_t> edges = EdgesByKey(graph);
  const std::vector<const ArticleRecord*> articles =
      ArticlesToExport(graph, options);

  {
    Result<CsvFile> csv = Open(base, "nodes.csv");
    if (!csv.ok()) return csv.status();
    csv->Header({"key:ID(Entity)", ":LABEL", "name", "country",
                 "aliases:string[]", "roles:string[]"});
    for (uint32_t i : EntitiesByKey(graph)) {
      const Entity& e = graph.entities[i];
      csv->Text(e.key);
      csv->Text("Entity;" + std::string(EntityTypeName(e.type)));
      csv->Text(e.name);
      csv->Text(e.country);
      csv->List(e.aliases);
      csv->List(e.roles);
      csv->EndRow();
    }
    KG_RETURN_IF_ERROR(csv->Close());
  }
  {
    Result<CsvFile> csv = Open(base, "articles.csv");
    if (!csv.ok()) return csv.status();
    csv->Header(
        {"id:ID(Article)", ":LABEL", "title", "date:date", "url", "source"});
    for (const ArticleRecord* a : articles) {
      csv->Text(a->id);
      csv->Text("Article");
      csv->Text(a->title);
      csv->Text(a->date);
      csv->Text(a->url);
      csv->Text(a->source);
      csv->EndRow();
    }
    KG_RETURN_IF_ERROR(csv->Close());
  }
  {
    Result<CsvFile> csv = Open(base, "evidence.csv");
    if (!csv.ok()) return csv.status();
    csv->Header({"id:ID(Evidence)", ":LABEL", "relation_key", "quote",
                 "start:int", "end:int", "trigger_start:int", "trigger_end:int",
                 "modality", "negated:boolean", "attributed_to", "time",
                 "confidence:double"});
    for (uint32_t i : edges) {
      const GraphEdge& edge = graph.edges[i];
      const std::string key = RelationKey(edge.record);
      for (size_t n = 0; n < edge.evidence.size(); ++n) {
        const Evidence& ev = edge.evidence[n];
        csv->Text(key + "#" + std::to_string(n + 1));
        csv->Text("Evidence");
        csv->Text(key);
        csv->Text(ev.sentence);
        csv->Integer(ev.sentence_start);
        csv->Integer(ev.sentence_end);
        csv->Integer(ev.trigger_start);
        csv->Integer(ev.trigger_end);
        csv->Text(ModalityName(ev.modality));
        csv->Boolean(ev.negated);
        csv->Text(ev.attributed_to);
        csv->Text(ev.time);
        csv->Number(ev.confidence);
        csv->EndRow();
      }
    }
    KG_RETURN_IF_ERROR(csv->Close());
  }
  {
    Result<CsvFile> csv = Open(base, "relationships.csv");
    if (!csv.ok()) return csv.status();
    csv->Header({":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "key",
                 "relation", "role", "evidence_count:int", "confidence:double",
                 "first_seen", "last_seen", "symmetric:boolean",
                 "hedged:boolean", "weight:double"});
    for (uint32_t i : edges) {
      const GraphEdge& edge = graph.edges[i];
      const EdgeRecord& r = edge.record;
      csv->Text(r.source);
      csv->Text(r.target);
      csv->Text(Neo4jType(r.type));
      csv->Text(RelationKey(r));
      csv->Text(r.type);
      csv->Text(r.role);
      csv->Integer(r.evidence_count);
      csv->Number(r.confidence);
      csv->Text(r.first_seen);
      csv->Text(r.last_seen);
      csv->Boolean(IsSymmetricRelation(r.type));
      csv->Boolean(Hedged(edge.evidence));
      csv->Number(EdgeWeight(r));
      csv->EndRow();
    }
    KG_RETURN_IF_ERROR(csv->Close());
  }
  {
    Result<CsvFile> csv = Open(base, "mentions.csv");
    if (!csv.ok()) return csv.status();
    csv->Header({":START_ID(Article)", ":END_ID(Entity)", ":TYPE"});
    for (const ArticleRecord* a : articles) {
      for (const std::string& key : a->entity_keys) {
        if (graph.index_of_key.count(key) == 0) continue;
        csv->Text(a->id);
        csv->Text(key);
        csv->Text("MENTIONS");
        csv->EndRow();
      }
    }
    KG_RETURN_IF_ERROR(csv->Close());
  }
  {
    // Evidence whose article is not among the exported ones would point at
    // a node that does not exist; neo4j-admin rejects such rows.
    std::vector<std::string_view> known;
    for (const ArticleRecord* a : articles) known.push_back(a->id);
    Result<CsvFile> csv = Open(base, "quoted_from.csv");
    if (!csv.ok()) return csv.status();
    csv->Header({":START_ID(Evidence)", ":END_ID(Article)", ":TYPE"});
    for (uint32_t i : edges) {
      const GraphEdge& edge = graph.edges[i];
      const std::string key = RelationKey(edge.record);
      for (size_t n = 0; n < edge.evidence.size(); ++n) {
        const std::string& article = edge.evidence[n].article_id;
        if (!std::binary_search(known.begin(), known.end(), article)) continue;
        csv->Text(key + "#" + std::to_string(n + 1));
        csv->Text(article);
        csv->Text("QUOTED_FROM");
        csv->EndRow();
      }
    }
    KG_RETURN_IF_ERROR(csv->Close());
  }
  return Status::Ok();
}

}  // namespace export_internal
}  // namespace kg
