// kg export.

#include <algorithm>
#include <iostream>
#include <map>

#include "cli/common.h"
#include "export/export.h"

namespace kg::cli {

int RunExport(const CommonOptions& common, const std::string& format, const std::string& output,
              const std::string& around, int depth) {
  if (format == "json") return RunExportJson(common, output);  // cli/cmd_maintenance.cc
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  auto graph = LoadGraph(**store);
  if (!graph.ok()) return Fail(graph.status());
  GraphSnapshot* view = &*graph;
  GraphSnapshot sub;
  if (!around.empty()) {
    auto center = ResolveOne(*graph, around, common.db);
    if (!center) return 2;
    sub = Neighborhood(*graph, *center, depth);
    view = &sub;
  }
  auto fmt = ParseExportFormat(format);
  if (!fmt) return Fail(Status::InvalidArgument("unknown export format " + format));
  Status s = ExportGraph(*view, *fmt, output);
  if (!s.ok()) return Fail(s);
  if (output != "-") {
    std::cerr << "wrote " << output << " (" << view->entities.size() << " entities, " << view->edges.size()
              << " relations)\n";
  }
  return 0;
}

}  // namespace kg::cli
