// GraphSnapshot: loading the stored graph into memory, cutting out a
// neighbourhood, and finding entities by name.
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

// Neighbours of every vertex, following edges either way.
std::vector<std::vector<uint32_t>> UndirectedAdjacency(
    const GraphSnapshot& graph) {
  std::vector<std::vector<uint32_t>> adjacent(graph.entities.size());
  for (size_t e = 0; e < graph.edges.size(); ++e) {
    adjacent[graph.edge_source[e]].push_back(graph.edge_target[e]);
    adjacent[graph.edge_target[e]].push_back(graph.edge_source[e]);
  }
  return adjacent;
}

bool AnswersTo(const Entity& entity, const std::string& normalized) {
  if (NormalizeAlias(entity.name) == normalized) return true;
  for (const std::string& alias : entity.aliases) {
    if (NormalizeAlias(alias) == normalized) return true;
  }
  return false;
}

// "putin" for "Vladimir Putin": the last word of the normalised name.
std::string Surname(const Entity& person) {
  std::string name = NormalizeAlias(person.name);
  size_t space = name.rfind(' ');
  return space == std::string::npos ? name : name.substr(space + 1);
}

}  // namespace

// Edges whose ends are not among `entities` are dropped, so that the
// parallel vectors always hold valid vertex indexes.
void GraphSnapshot::Reindex() {
  index_of_key.clear();
  for (uint32_t i = 0; i < entities.size(); ++i) {
    index_of_key.emplace(entities[i].key, i);
  }

  std::vector<GraphEdge> kept;
  kept.reserve(edges.size());
  edge_source.clear();
  edge_target.clear();
  for (GraphEdge& edge : edges) {
    auto source = index_of_key.find(edge.record.source);
    auto target = index_of_key.find(edge.record.target);
    if (source == index_of_key.end() || target == index_of_key.end()) continue;
    edge_source.push_back(source->second);
    edge_target.push_back(target->second);
    kept.push_back(std::move(edge));
  }
  edges = std::move(kept);
}

Result<GraphSnapshot> LoadGraph(const Store& store,
                                const LoadOptions& options) {
  GraphSnapshot graph;
  KG_RETURN_IF_ERROR(store.ForEachEntity([&](const Entity& entity) {
    graph.entities.push_back(entity);
    return true;
  }));
  KG_RETURN_IF_ERROR(store.ForEachEdge([&](const EdgeRecord& record) {
    graph.edges.push_back({record, {}});
    return true;
  }));
  graph.Reindex();  // before loading evidence: skips that of dangling edges
  if (options.with_evidence) {
    for (GraphEdge& edge : graph.edges) {
      const EdgeRecord& r = edge.record;
      Result<std::vector<Evidence>> evidence =
          store.GetEvidence(EdgeKey(r.source, r.type, r.target));
      if (!evidence.ok()) return evidence.status();
      edge.evidence = evidence.take();
    }
  }
  return graph;
}

GraphSnapshot Neighborhood(const GraphSnapshot& graph, uint32_t center,
                           int depth) {
  GraphSnapshot part;
  if (center >= graph.entities.size()) return part;

  std::vector<std::vector<uint32_t>> adjacent = UndirectedAdjacency(graph);
  std::vector<int> distance(graph.entities.size(), -1);
  std::deque<uint32_t> queue = {center};
  distance[center] = 0;
  while (!queue.empty()) {
    uint32_t v = queue.front();
    queue.pop_front();
    if (distance[v] >= depth) continue;
    for (uint32_t next : adjacent[v]) {
      if (distance[next] >= 0) continue;
      distance[next] = distance[v] + 1;
      queue.push_back(next);
    }
  }

  for (uint32_t v = 0; v < graph.entities.size(); ++v) {
    if (distance[v] >= 0) part.entities.push_back(graph.entities[v]);
  }
  for (size_t e = 0; e < graph.edges.size(); ++e) {
    if (distance[graph.edge_source[e]] >= 0 &&
        distance[graph.edge_target[e]] >= 0) {
      part.edges.push_back(graph.edges[e]);
    }
  }
  part.Reindex();
  return part;
}

// A bare surname ("Putin") is a weaker match than a name or alias, so it
// only counts when nothing matches exactly.
std::vector<uint32_t> ResolveName(const GraphSnapshot& graph,
                                  std::string_view name) {
  std::string normalized = NormalizeAlias(name);
  std::vector<uint32_t> matches;
  if (normalized.empty()) return matches;
  for (uint32_t i = 0; i < graph.entities.size(); ++i) {
    if (AnswersTo(graph.entities[i], normalized)) matches.push_back(i);
  }
  if (!matches.empty()) return matches;
  for (uint32_t i = 0; i < graph.entities.size(); ++i) {
    const Entity& entity = graph.entities[i];
    if (entity.type == EntityType::kPerson && Surname(entity) == normalized) {
      matches.push_back(i);
    }
  }
  return matches;
}

}  // namespace kg
