// kg export.

#include <algorithm>
#include <iostream>
#include <map>
#include <unordered_map>

#include "cli/common.h"
#include "export/export.h"
#include "graph/adjacency.h"

namespace kg::cli {
namespace {

bool IsDiagram(ExportFormat format) { return format == ExportFormat::kDot || IsDrawing(format); }

// Printed under the "too many to draw" error: how to get a drawable part.
constexpr const char* kTooLargeHint =
    "hint: draw part of it: --around NAME --depth 1, --relations visits,meets, --min-evidence 2, "
    "--since 2024-01; or raise the limit with --max-nodes N (layout may take minutes)";

// Writes `view` as asked; the exit code.
int Write(const Store& store, ExportFormat fmt, const ExportRequest& request, GraphSnapshot view) {
  ExportOptions options;
  options.layout = request.layout;
  if (request.max_nodes > 0) options.max_drawn_entities = request.max_nodes;
  if (IsDrawing(fmt) && view.entities.size() > options.max_drawn_entities) {
    std::cerr << "kg: " << view.entities.size() << " entities (" << view.edges.size()
              << " relations) are too many to draw legibly; the limit is " << options.max_drawn_entities << "\n"
              << kTooLargeHint << "\n";
    return 2;
  }
  std::vector<ArticleRecord> articles;
  if (fmt == ExportFormat::kJsonLd || fmt == ExportFormat::kCsv) {
    Status s = store.ForEachArticle([&](const ArticleRecord& article) {
      articles.push_back(article);
      return true;
    });
    if (!s.ok()) return Fail(s);
    options.articles = &articles;
  }

  Status s = ExportGraph(view, fmt, request.output, options);
  if (!s.ok()) return Fail(s);
  if (request.output != "-") {
    std::cerr << "wrote " << request.output << " (" << view.entities.size() << " entities, " << view.edges.size()
              << " relations)\n";
  }
  if (fmt == ExportFormat::kCsv) std::cerr << "import into Neo4j with:\n  " << Neo4jImportCommand(request.output) << "\n";
  return 0;
}

}  // namespace

int RunExport(const CommonOptions& common, const ExportRequest& request) {
  if (request.format == "json") return RunExportJson(common, request.output, request.around);  // cmd_maintenance.cc
  auto fmt = ParseExportFormat(request.format);
  if (!fmt) return Fail(Status::InvalidArgument("unknown export format " + request.format));
  if (*fmt == ExportFormat::kCsv && request.output == "-") {
    return Fail(Status::InvalidArgument("--format csv writes a directory of files: give it with -o DIR"));
  }
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  const FilterOptions& f = request.filter;
  const bool unfiltered = f.relations.empty() && f.exclude_modalities.empty() && f.since.empty() &&
                          f.until.empty() && f.min_evidence == 0;
  if ((*fmt == ExportFormat::kJsonLd || *fmt == ExportFormat::kGraphMl) && unfiltered && request.around.empty()) {
    // The whole graph: streamed from the store, record by record, rather
    // than loaded (same bytes; memory bounded by the number of entities).
    auto counts = ExportStore(**store, *fmt, request.output);
    if (!counts.ok()) return Fail(counts.status());
    if (request.output != "-") {
      std::cerr << "wrote " << request.output << " (" << counts->entities << " entities, " << counts->relations
                << " relations)\n";
    }
    return 0;
  }
  if (!request.around.empty() && unfiltered) {
    // A neighbourhood found on the adjacency snapshot and read record by
    // record; when there is no fresh snapshot, or the name is not one
    // entity's, the graph is loaded as below (which also explains why).
    if (auto adjacency = AdjacencySnapshot::Open(common.db); adjacency.ok()) {
      auto keys = (*store)->FindByAlias(request.around);
      if (!keys.ok()) return Fail(keys.status());
      std::optional<uint32_t> center;
      if (keys->size() == 1) center = (*adjacency)->Find(keys->front());
      if (center) {
        auto part = LoadNeighborhood(**store, **adjacency, *center, request.depth);
        if (!part.ok()) return Fail(part.status());
        return Write(**store, *fmt, request, part.take());
      }
    }
  }
  auto graph = LoadGraph(**store);
  if (!graph.ok()) return Fail(graph.status());

  std::unordered_map<std::string, std::string> dates;
  auto filter = MakeEdgeFilter(request.filter, *graph, **store, &dates);
  if (!filter.ok()) return Fail(filter.status());
  // Entities without any relation are clutter in a diagram, and not what a
  // filtered export asks for; --isolated keeps them.
  const bool filtered = !filter->KeepsEverything();
  filter->drop_isolated = !request.isolated && (filtered || IsDiagram(*fmt)) && request.around.empty();

  GraphSnapshot view;
  if (!request.around.empty()) {
    auto center = ResolveOne(*graph, request.around, common.db);
    if (!center) return 2;
    // Without drop_isolated FilterGraph keeps entity indexes as they are.
    view = Neighborhood(filtered ? FilterGraph(*graph, *filter) : *graph, *center, request.depth);
  } else if (filtered || filter->drop_isolated) {
    view = FilterGraph(*graph, *filter);
  } else {
    view = graph.take();
  }

  return Write(**store, *fmt, request, std::move(view));
}

}  // namespace kg::cli
