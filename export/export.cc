// Format dispatch and the plumbing both writer families share: output files,
// snapshot checks and the deterministic order of entities and edges.
#include "export/export.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "export/export_internal.h"
#include "export/jsonld_context.h"  // generated from export/context.jsonld

namespace kg {

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "dot") return ExportFormat::kDot;
  if (name == "svg") return ExportFormat::kSvg;
  if (name == "png") return ExportFormat::kPng;
  if (name == "pdf") return ExportFormat::kPdf;
  if (name == "jsonld") return ExportFormat::kJsonLd;
  if (name == "graphml") return ExportFormat::kGraphMl;
  if (name == "csv") return ExportFormat::kCsv;
  return std::nullopt;
}

bool IsDrawing(ExportFormat format) {
  return format == ExportFormat::kSvg || format == ExportFormat::kPng ||
         format == ExportFormat::kPdf;
}

Status ExportGraph(const GraphSnapshot& graph, ExportFormat format,
                   const std::string& path, const ExportOptions& options) {
  KG_RETURN_IF_ERROR(export_internal::CheckIndexed(graph, path));
  switch (format) {
    case ExportFormat::kJsonLd:
      return export_internal::WriteJsonLd(graph, path, options);
    case ExportFormat::kGraphMl:
      return export_internal::WriteGraphMl(graph, path);
    case ExportFormat::kCsv:
      return export_internal::WriteCsv(graph, path, options);
    default:
      return export_internal::WriteGraphviz(graph, format, path, options);
  }
}

std::string_view JsonLdContext() { return export_internal::kJsonLdContextText; }

namespace {

// Relations come out of the store in EdgeKey order (source \x1f type \x1f
// target, bytewise); exports list them by (source, type, target). The two
// agree on the order of sources as long as no entity key holds a byte below
// \x20 (then a source that is a prefix of another sorts first both ways),
// so relations are held back one source at a time and sorted by (type,
// target) before they are written; should some key hold such a byte, all of
// them are held back and sorted at the end.
class RelationOrder {
 public:
  using Write = std::function<void(const EdgeRecord&, const std::vector<Evidence>&)>;
  explicit RelationOrder(Write write) : write_(std::move(write)) {}

  void set_plain_keys(bool plain) { plain_ = plain; }
  void Add(const EdgeRecord& record, const std::vector<Evidence>& evidence) {
    if (plain_ && !held_.empty() && held_.back().first.source != record.source) Release();
    held_.emplace_back(record, evidence);
  }
  void Release() {
    std::stable_sort(held_.begin(), held_.end(), [](const Held& a, const Held& b) {
      return std::tie(a.first.source, a.first.type, a.first.target) <
             std::tie(b.first.source, b.first.type, b.first.target);
    });
    for (const Held& h : held_) write_(h.first, h.second);
    held_.clear();
  }

 private:
  using Held = std::pair<EdgeRecord, std::vector<Evidence>>;
  Write write_;
  bool plain_ = true;
  std::vector<Held> held_;
};

bool IsPlainKey(std::string_view key) {
  for (char c : key) {
    if (static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

}  // namespace

Result<ExportedCounts> ExportStore(const Store& store, ExportFormat format,
                                   const std::string& path) {
  if (format != ExportFormat::kJsonLd && format != ExportFormat::kGraphMl) {
    return Status::InvalidArgument(path + ": only jsonld and graphml stream from the store");
  }
  Result<export_internal::OutputFile> out = export_internal::OutputFile::Open(path);
  if (!out.ok()) return out.status();
  const bool jsonld = format == ExportFormat::kJsonLd;
  export_internal::JsonLdDocument ld(out->get());
  export_internal::GraphMlDocument ml(out->get());
  if (jsonld) {
    KG_RETURN_IF_ERROR(ld.Begin());
  } else {
    ml.Begin();
  }

  // Node numbers by key (GraphML names edge ends by them; JSON-LD only asks
  // which entities are exported). Entities come in key order.
  std::unordered_map<std::string, uint64_t> number_of;
  bool plain = true;
  ExportedCounts counts;
  KG_RETURN_IF_ERROR(store.ForEachEntity([&](const Entity& entity) {
    if (!number_of.emplace(entity.key, counts.entities).second) return true;
    plain = plain && IsPlainKey(entity.key);
    if (jsonld) {
      ld.AddEntity(entity);
    } else {
      ml.AddNode(counts.entities, entity);
    }
    ++counts.entities;
    return true;
  }));

  if (jsonld) {
    auto exported = [&](const std::string& key) { return number_of.count(key) > 0; };
    KG_RETURN_IF_ERROR(store.ForEachArticle([&](const ArticleRecord& article) {
      for (const std::string& key : article.entity_keys) {
        if (exported(key)) {
          ld.AddArticle(article, exported);
          break;
        }
      }
      return true;
    }));
  }

  RelationOrder order([&](const EdgeRecord& record, const std::vector<Evidence>& evidence) {
    if (jsonld) {
      ld.AddRelation(record, evidence);
    } else {
      ml.AddEdge(counts.relations, number_of.at(record.source), number_of.at(record.target), record, evidence);
    }
    ++counts.relations;
  });
  order.set_plain_keys(plain);
  KG_RETURN_IF_ERROR(store.ForEachEdgeWithEvidence(
      [&](const EdgeRecord& record, const std::vector<Evidence>& evidence) {
        // An edge whose ends are not both stored is not in a snapshot either.
        if (number_of.count(record.source) == 0 || number_of.count(record.target) == 0) return true;
        order.Add(record, evidence);
        return true;
      }));
  order.Release();
  if (jsonld) {
    ld.End();
  } else {
    ml.End();
  }
  KG_RETURN_IF_ERROR(out->Close());
  return counts;
}

namespace export_internal {

Result<OutputFile> OutputFile::Open(const std::string& path) {
  if (path == "-") return OutputFile(path, stdout);
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return WriteError(path, errno);
  return OutputFile(path, file);
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::exchange(other.file_, nullptr)) {}

OutputFile::~OutputFile() {
  if (file_ != nullptr) Close().IgnoreError();  // an error path already failed
}

Status OutputFile::Close() {
  FILE* file = std::exchange(file_, nullptr);
  if (file == nullptr) return Status::Ok();
  bool failed = std::ferror(file) != 0;
  int errnum = errno;
  // Standard output stays open for whoever writes after us; flushing it still
  // surfaces a closed pipe or a full disk.
  int rc = file == stdout ? std::fflush(file) : std::fclose(file);
  if (rc != 0 && !failed) {
    failed = true;
    errnum = errno;
  }
  if (failed) return WriteError(path_, errnum);
  return Status::Ok();
}

Status WriteError(const std::string& path, int errnum) {
  // Some stdio failures leave errno unset; "Input/output error" is then true.
  return Status::IOError(
      path + ": cannot write: " + std::strerror(errnum != 0 ? errnum : EIO));
}

Status CheckIndexed(const GraphSnapshot& graph, const std::string& path) {
  const size_t edges = graph.edges.size();
  if (graph.edge_source.size() != edges || graph.edge_target.size() != edges) {
    return Status::InvalidArgument(
        path + ": cannot export: graph snapshot is not indexed");
  }
  for (size_t i = 0; i < edges; ++i) {
    const EdgeRecord& edge = graph.edges[i].record;
    const uint32_t from = graph.edge_source[i], to = graph.edge_target[i];
    if (from >= graph.entities.size() || to >= graph.entities.size() ||
        graph.entities[from].key != edge.source ||
        graph.entities[to].key != edge.target) {
      return Status::InvalidArgument(
          path + ": cannot export: edge " + edge.source + " " + edge.type +
          " " + edge.target + " does not match the snapshot's entities");
    }
  }
  return Status::Ok();
}

std::vector<uint32_t> EntitiesByKey(const GraphSnapshot& graph) {
  std::vector<uint32_t> order(graph.entities.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return graph.entities[a].key < graph.entities[b].key;
  });
  return order;
}

std::vector<uint32_t> EdgesByKey(const GraphSnapshot& graph) {
  std::vector<uint32_t> order(graph.edges.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const EdgeRecord& x = graph.edges[a].record;
    const EdgeRecord& y = graph.edges[b].record;
    return std::tie(x.source, x.type, x.target) <
           std::tie(y.source, y.type, y.target);
  });
  return order;
}

std::string CleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      out += (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
      ++p;
      continue;
    }
    // Length and smallest code point of a sequence led by c (RFC 3629).
    size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    uint32_t code = c & (0x3F >> (length > 0 ? length - 1 : 0));
    bool valid =
        length > 0 && c < 0xF5 && static_cast<size_t>(end - p) >= length;
    for (size_t i = 1; valid && i < length; ++i) {
      valid = (p[i] & 0xC0) == 0x80;
      code = (code << 6) | (p[i] & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    valid = valid && code >= kSmallest[length] && code <= 0x10FFFF &&
            !(code >= 0xD800 && code <= 0xDFFF);
    if (!valid) {
      out += "\uFFFD";
      ++p;  // resynchronise on the next byte
      continue;
    }
    // C1 controls (U+0080..U+009F) are as unwelcome in XML as C0 ones.
    if (code <= 0x9F) {
      out += ' ';
    } else {
      out.append(reinterpret_cast<const char*>(p), length);
    }
    p += length;
  }
  return out;
}

std::vector<const ArticleRecord*> ArticlesToExport(
    const GraphSnapshot& graph, const ExportOptions& options) {
  std::vector<const ArticleRecord*> chosen;
  if (options.articles == nullptr) return chosen;
  std::unordered_set<std::string_view> cited;
  for (const GraphEdge& edge : graph.edges) {
    for (const Evidence& e : edge.evidence) cited.insert(e.article_id);
  }
  for (const ArticleRecord& article : *options.articles) {
    bool wanted = cited.count(article.id) > 0;
    for (size_t i = 0; !wanted && i < article.entity_keys.size(); ++i)
      wanted = graph.index_of_key.count(article.entity_keys[i]) > 0;
    if (wanted) chosen.push_back(&article);
  }
  std::stable_sort(chosen.begin(), chosen.end(),
                   [](const ArticleRecord* a, const ArticleRecord* b) {
                     return a->id < b->id;
                   });
  chosen.erase(std::unique(chosen.begin(), chosen.end(),
                           [](const ArticleRecord* a, const ArticleRecord* b) {
                             return a->id == b->id;
                           }),
               chosen.end());
  return chosen;
}

}  // namespace export_internal
}  // namespace kg
