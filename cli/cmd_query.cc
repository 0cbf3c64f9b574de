// kg path, kg show, kg stats.

#include <algorithm>
#include <iostream>
#include <map>

#include "cli/common.h"
#include "export/export.h"

namespace kg::cli {

int RunPath(const CommonOptions& common, const std::string& from, const std::string& to, int max_hops) {
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  auto graph = LoadGraph(**store);
  if (!graph.ok()) return Fail(graph.status());
  auto a = ResolveOne(*graph, from, common.db);
  auto b = ResolveOne(*graph, to, common.db);
  if (!a || !b) return 2;
  const auto& E = graph->entities;
  PathOptions options;
  options.max_hops = max_hops;
  auto path = FindShortestPath(*graph, *a, *b, options);
  if (!path) {
    std::cout << "no connection between " << E[*a].name << " and " << E[*b].name << " within " << max_hops
              << " hops\n";
    return 1;
  }
  std::cout << E[*a].name << " -> " << E[*b].name << ": " << path->hops.size()
            << (path->hops.size() == 1 ? " hop\n" : " hops\n");
  int n = 0;
  for (const PathHop& hop : path->hops) {
    // Printed in walking order; the arrow shows the relation's true direction.
    const GraphEdge& edge = graph->edges[hop.edge];
    std::string label = edge.record.type;
    if (!edge.record.role.empty()) label += " (" + edge.record.role + ")";
    std::cout << "  " << ++n << ". " << E[hop.from].name << (hop.forward ? " --" : " <--") << label
              << (hop.forward ? "--> " : "-- ") << E[hop.to].name << "   [" << edge.record.evidence_count
              << (edge.record.evidence_count == 1 ? " sentence]\n" : " sentences]\n");
    if (!edge.evidence.empty()) {
      const Evidence& ev = edge.evidence.front();
      std::cout << "     " << Quote(ev.sentence) << "\n     (" << ev.article_id << ", chars " << ev.sentence_start
                << "-" << ev.sentence_end << ", " << ModalityName(ev.modality) << ")\n";
    }
  }
  return 0;
}

int RunShow(const CommonOptions& common, const std::string& name) {
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  LoadOptions load;
  load.with_evidence = false;
  auto graph = LoadGraph(**store, load);
  if (!graph.ok()) return Fail(graph.status());
  auto idx = ResolveOne(*graph, name, common.db);
  if (!idx) return 2;
  const Entity& e = graph->entities[*idx];
  std::cout << e.name << "  (" << EntityTypeName(e.type) << ", " << e.key << ")\n";
  if (!e.country.empty()) std::cout << "  country: " << e.country << "\n";
  if (!e.aliases.empty()) {
    std::cout << "  aliases:";
    for (size_t i = 0; i < e.aliases.size(); ++i) std::cout << (i ? ", " : " ") << e.aliases[i];
    std::cout << "\n";
  }
  for (const auto& role : e.roles) std::cout << "  role: " << role << "\n";
  std::cout << "  relations:\n";
  size_t shown = 0;
  for (size_t k = 0; k < graph->edges.size(); ++k) {
    bool out = graph->edge_source[k] == *idx, in = graph->edge_target[k] == *idx;
    if (!out && !in) continue;
    const EdgeRecord& r = graph->edges[k].record;
    const Entity& other = graph->entities[out ? graph->edge_target[k] : graph->edge_source[k]];
    std::cout << "    " << (out ? "" : "<- ") << r.type << (r.role.empty() ? "" : " (" + r.role + ")")
              << (out ? " -> " : " ") << other.name << "  [" << r.evidence_count << " evidence]\n";
    ++shown;
  }
  if (shown == 0) std::cout << "    (none)\n";
  return 0;
}

int RunStats(const CommonOptions& common) {
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return Fail(counts.status());
  std::map<std::string, size_t> by_type, by_relation;
  Status s = (*store)->ForEachEntity([&](const Entity& e) {
    ++by_type[std::string(EntityTypeName(e.type))];
    return true;
  });
  if (!s.ok()) return Fail(s);
  s = (*store)->ForEachEdge([&](const EdgeRecord& r) {
    ++by_relation[r.type];
    return true;
  });
  if (!s.ok()) return Fail(s);
  std::cout << "database: " << common.db << "\n"
            << "articles: " << counts->articles << "\n"
            << "entities: " << counts->entities << "\n";
  for (const auto& [type, n] : by_type) std::cout << "  " << type << ": " << n << "\n";
  std::cout << "relations: " << counts->edges << "\n";
  for (const auto& [type, n] : by_relation) std::cout << "  " << type << ": " << n << "\n";
  std::cout << "evidence: " << counts->evidence << "\n";
  return 0;
}

}  // namespace kg::cli
