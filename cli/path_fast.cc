// LoadPathGraph (cli/path_fast.h): names resolved through the database's
// alias and name indexes with ResolveName's rules, the path searched on the
// adjacency snapshot, its actors and relations read by key.

#include "cli/path_fast.h"

#include "cli/common.h"
#include "graph/adjacency.h"

namespace kg::cli {
namespace {

bool IsPlain(const PathRequest& r) {
  const FilterOptions& f = r.filter;
  return r.k == 1 && !r.all_shortest && !r.weighted && f.relations.empty() && f.exclude_modalities.empty() &&
         f.since.empty() && f.until.empty() && f.min_evidence == 0;
}

// The one entity `name` stands for, as ResolveOne would find it in the
// loaded graph: a canonical key; else the entities answering to it by name
// or alias; else the persons whose last name it is. nullopt when none or
// several (the slow path then says which).
std::optional<std::string> ResolveByIndex(const Store& store, const std::string& name) {
  auto by_key = store.GetEntity(name);
  if (!by_key.ok()) return std::nullopt;
  if (by_key->has_value()) return name;
  auto by_alias = store.FindByAlias(name);
  if (!by_alias.ok()) return std::nullopt;
  if (by_alias->size() == 1) return by_alias->front();
  if (!by_alias->empty() || NormalizeAlias(name).empty()) return std::nullopt;
  auto by_surname = store.FindByNamePart(name, NamePart::kLast);
  if (!by_surname.ok() || by_surname->size() != 1) return std::nullopt;
  return by_surname->front();
}

}  // namespace

std::optional<PathGraph> LoadPathGraph(const CommonOptions& common, const PathRequest& request) {
  if (!IsPlain(request)) return std::nullopt;
  auto adjacency = AdjacencySnapshot::Open(common.db);
  if (!adjacency.ok()) return std::nullopt;
  auto store = OpenForReading(common);
  if (!store.ok()) return std::nullopt;
  // A writer may have committed between the two opens: the snapshot must
  // still be fresh once the store is open, or the two may disagree.
  if (!AdjacencyIsFresh(common.db)) return std::nullopt;

  auto from = ResolveByIndex(**store, request.from);
  auto to = ResolveByIndex(**store, request.to);
  if (!from || !to) return std::nullopt;
  auto a = (*adjacency)->Find(*from), b = (*adjacency)->Find(*to);
  if (!a || !b) return std::nullopt;
  PathOptions options;
  options.max_hops = request.max_hops;
  options.directed = request.directed;
  auto found = (*adjacency)->ShortestPath(*a, *b, options);
  if (!found.ok()) return std::nullopt;
  const std::optional<std::vector<AdjacencyHop>>& hops = *found;

  PathGraph result;
  GraphSnapshot& g = result.graph;
  auto add_entity = [&](const std::string& key) {
    for (const Entity& e : g.entities) {
      if (e.key == key) return true;
    }
    auto entity = (*store)->GetEntity(key);
    if (!entity.ok() || !entity->has_value()) return false;
    g.entities.push_back(std::move(**entity));
    return true;
  };
  if (!add_entity(*from) || !add_entity(*to)) return std::nullopt;
  for (const AdjacencyHop& hop : hops ? *hops : std::vector<AdjacencyHop>{}) {
    if (!add_entity(hop.from) || !add_entity(hop.to)) return std::nullopt;
    auto edge = (*store)->GetEdge(EdgeKey(hop.source, hop.type, hop.target));
    if (!edge.ok() || !edge->has_value()) return std::nullopt;  // stale after all: load the graph
    g.edges.push_back({std::move(**edge), {}});
  }
  g.Reindex();
  if (g.edges.size() != (hops ? hops->size() : 0)) return std::nullopt;
  result.store = store.take();
  return result;
}

}  // namespace kg::cli
