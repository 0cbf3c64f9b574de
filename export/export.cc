// Format dispatch and the plumbing both writer families share: output files,
// snapshot checks and the deterministic order of entities and edges.
#include "export/export.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <tuple>
#include <utility>

#include "export/export_internal.h"
#include "export/jsonld_context.h"  // generated from export/context.jsonld

namespace kg {

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "dot") return ExportFormat::kDot;
  if (name == "svg") return ExportFormat::kSvg;
  if (name == "png") return ExportFormat::kPng;
  if (name == "jsonld") return ExportFormat::kJsonLd;
  return std::nullopt;
}

Status ExportGraph(const GraphSnapshot& graph, ExportFormat format,
                   const std::string& path) {
  KG_RETURN_IF_ERROR(export_internal::CheckIndexed(graph, path));
  if (format == ExportFormat::kJsonLd)
    return export_internal::WriteJsonLd(graph, path);
  return export_internal::WriteGraphviz(graph, format, path);
}

std::string_view JsonLdContext() { return export_internal::kJsonLdContextText; }

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

}  // namespace export_internal
}  // namespace kg
