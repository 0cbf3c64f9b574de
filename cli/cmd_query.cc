// kg path, kg neighbors, kg top, kg show, kg stats.

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "cli/common.h"
#include "cli/path_fast.h"
#include "export/export.h"

namespace kg::cli {

namespace {

using Json = nlohmann::ordered_json;

// --all-shortest stops listing here: there can be exponentially many.
constexpr size_t kMaxAllShortest = 100;

// The graph a query runs on: the whole stored graph and, when filter options
// were given, the filtered one (same entity indexes: FilterGraph keeps every
// entity unless told to drop isolated ones). Evidence is loaded only when a
// filter looks at it; otherwise a query fetches the evidence of the edges it
// shows (LoadEvidence), which on a large graph is a small part of it.
struct QueryGraph {
  std::unique_ptr<Store> store;
  GraphSnapshot all, filtered;
  bool is_filtered = false;
  GraphSnapshot& view() { return is_filtered ? filtered : all; }

  // Fills in the evidence of edge `e` of view() if it has none loaded.
  Status LoadEvidence(uint32_t e) {
    GraphEdge& edge = view().edges[e];
    if (!edge.evidence.empty()) return Status::Ok();
    Result<std::vector<Evidence>> evidence =
        store->GetEvidence(EdgeKey(edge.record.source, edge.record.type, edge.record.target));
    if (!evidence.ok()) return evidence.status();
    edge.evidence = evidence.take();
    return Status::Ok();
  }
};

std::optional<QueryGraph> LoadQueryGraph(const CommonOptions& common, const FilterOptions& options, int* code) {
  auto store = OpenForReading(common);
  if (!store.ok()) {
    *code = Fail(store.status());
    return std::nullopt;
  }
  LoadOptions load;
  load.with_evidence = !options.exclude_modalities.empty() || !options.since.empty() || !options.until.empty();
  auto graph = LoadGraph(**store, load);
  if (!graph.ok()) {
    *code = Fail(graph.status());
    return std::nullopt;
  }
  QueryGraph result;
  result.store = store.take();
  result.all = graph.take();
  std::unordered_map<std::string, std::string> dates;
  auto filter = MakeEdgeFilter(options, result.all, *result.store, &dates);
  if (!filter.ok()) {
    *code = Fail(filter.status());
    return std::nullopt;
  }
  if (!filter->KeepsEverything()) {
    result.filtered = FilterGraph(result.all, *filter);
    result.is_filtered = true;
  }
  return result;
}

// "forward" when the hop walks from the relation's source to its target,
// "backward" against it, "both" for relations without direction (meets).
const char* Direction(const GraphEdge& edge, bool forward) {
  if (IsSymmetricRelation(edge.record.type)) return "both";
  return forward ? "forward" : "backward";
}

// The piece of evidence to quote for an edge: the most confident, the first
// of equals.
const Evidence* BestEvidence(const GraphEdge& edge) {
  const Evidence* best = nullptr;
  for (const Evidence& e : edge.evidence) {
    if (best == nullptr || e.confidence > best->confidence) best = &e;
  }
  return best;
}

Json EvidenceJson(const Evidence& e) {
  Json j;
  j["article"] = e.article_id;
  j["sentence"] = e.sentence;
  j["start"] = e.sentence_start;
  j["end"] = e.sentence_end;
  j["modality"] = ModalityName(e.modality);
  if (!e.time.empty()) j["time"] = e.time;
  j["confidence"] = std::round(e.confidence * 1e4) / 1e4;
  return j;
}

Json PathJson(const GraphSnapshot& g, const Path& path) {
  Json hops = Json::array();
  for (const PathHop& hop : path.hops) {
    const GraphEdge& edge = g.edges[hop.edge];
    const EdgeRecord& r = edge.record;
    Json h;
    h["source"] = g.entities[g.edge_source[hop.edge]].name;
    h["relation"] = r.type;
    h["target"] = g.entities[g.edge_target[hop.edge]].name;
    h["direction"] = Direction(edge, hop.forward);
    h["from"] = g.entities[hop.from].name;
    h["to"] = g.entities[hop.to].name;
    h["source_key"] = r.source;
    h["target_key"] = r.target;
    if (!r.role.empty()) h["role"] = r.role;
    h["evidence_count"] = r.evidence_count;
    h["confidence"] = std::round(r.confidence * 1e4) / 1e4;
    Json evidence = Json::array();
    for (const Evidence& e : edge.evidence) evidence.push_back(EvidenceJson(e));
    h["evidence"] = std::move(evidence);
    hops.push_back(std::move(h));
  }
  Json j;
  j["length"] = path.hops.size();
  j["weight"] = std::round(path.weight * 1e4) / 1e4;
  j["hops"] = std::move(hops);
  return j;
}

void PrintPath(const GraphSnapshot& g, const Path& path) {
  const auto& E = g.entities;
  int n = 0;
  for (const PathHop& hop : path.hops) {
    // Printed in walking order; the arrow shows the relation's true direction.
    const GraphEdge& edge = g.edges[hop.edge];
    const bool symmetric = IsSymmetricRelation(edge.record.type);
    std::string label = edge.record.type;
    if (!edge.record.role.empty()) label += " (" + edge.record.role + ")";
    std::cout << "  " << ++n << ". " << E[hop.from].name << (hop.forward || symmetric ? " --" : " <--") << label
              << (hop.forward && !symmetric ? "--> " : "-- ") << E[hop.to].name << "   ["
              << edge.record.evidence_count << (edge.record.evidence_count == 1 ? " sentence]\n" : " sentences]\n");
    if (const Evidence* ev = BestEvidence(edge)) {
      std::cout << "     " << Quote(ev->sentence) << "\n     (" << ev->article_id << ", chars " << ev->sentence_start
                << "-" << ev->sentence_end << ", " << ModalityName(ev->modality) << ")\n";
    }
  }
}

std::string FilterNote(const FilterOptions& f) {
  std::string note;
  auto add = [&note](const std::string& part) { note += (note.empty() ? "" : ", ") + part; };
  if (!f.relations.empty()) {
    std::string list;
    for (const auto& r : f.relations) list += (list.empty() ? "" : ",") + r;
    add("relations " + list);
  }
  if (!f.exclude_modalities.empty()) {
    std::string list;
    for (const auto& m : f.exclude_modalities) list += (list.empty() ? "" : ",") + m;
    add("not " + list);
  }
  if (!f.since.empty()) add("since " + f.since);
  if (!f.until.empty()) add("until " + f.until);
  if (f.min_evidence > 0) add("at least " + std::to_string(f.min_evidence) + " sentences each");
  return note.empty() ? "" : " (" + note + ")";
}

}  // namespace

int RunPath(const CommonOptions& common, const PathRequest& request) {
  int code = 0;
  // One plain shortest path: searched on the adjacency snapshot when the
  // database has a fresh one, and only the path read (cli/path_fast.h).
  std::optional<QueryGraph> graph;
  if (auto fast = LoadPathGraph(common, request)) {
    graph.emplace();
    graph->store = std::move(fast->store);
    graph->all = std::move(fast->graph);
  }
  if (!graph) graph = LoadQueryGraph(common, request.filter, &code);
  if (!graph) return code;
  auto a = ResolveOne(graph->all, request.from, common.db);
  auto b = ResolveOne(graph->all, request.to, common.db);
  if (!a || !b) return 2;
  const GraphSnapshot& g = graph->view();
  const auto& E = g.entities;
  PathOptions options;
  options.max_hops = request.max_hops;
  options.directed = request.directed;
  options.weighted = request.weighted;
  std::vector<Path> paths = request.all_shortest ? FindAllShortestPaths(g, *a, *b, options, kMaxAllShortest)
                                                 : FindKShortestPaths(g, *a, *b, request.k, options);
  for (const Path& path : paths) {
    for (const PathHop& hop : path.hops) {
      Status s = graph->LoadEvidence(hop.edge);
      if (!s.ok()) return Fail(s);
    }
  }

  if (request.format == "json") {
    Json out;
    out["from"] = E[*a].name;
    out["to"] = E[*b].name;
    out["from_key"] = E[*a].key;
    out["to_key"] = E[*b].key;
    Json list = Json::array();
    for (const Path& path : paths) list.push_back(PathJson(g, path));
    out["paths"] = std::move(list);
    std::cout << out.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    return paths.empty() ? 1 : 0;
  }

  if (paths.empty()) {
    std::cout << "no connection between " << E[*a].name << " and " << E[*b].name << " within " << request.max_hops
              << (request.max_hops == 1 ? " hop" : " hops") << (request.directed ? " following relations' direction" : "")
              << FilterNote(request.filter) << "\n";
    return 1;
  }
  if (paths.size() == 1) {
    std::cout << E[*a].name << " -> " << E[*b].name << ": " << paths[0].hops.size()
              << (paths[0].hops.size() == 1 ? " hop" : " hops");
    if (request.weighted) std::cout << ", weight " << std::fixed << std::setprecision(2) << paths[0].weight;
    std::cout << FilterNote(request.filter) << "\n";
    PrintPath(g, paths[0]);
    return 0;
  }
  std::cout << E[*a].name << " -> " << E[*b].name << ": " << paths.size()
            << (request.all_shortest ? " shortest paths" : " paths") << FilterNote(request.filter) << "\n";
  if (request.all_shortest && paths.size() == kMaxAllShortest)
    std::cout << "(showing the first " << kMaxAllShortest << "; there may be more)\n";
  for (size_t i = 0; i < paths.size(); ++i) {
    std::cout << "path " << i + 1 << ": " << paths[i].hops.size() << (paths[i].hops.size() == 1 ? " hop" : " hops")
              << ", weight " << std::fixed << std::setprecision(2) << paths[i].weight << "\n";
    PrintPath(g, paths[i]);
  }
  return 0;
}

int RunNeighbors(const CommonOptions& common, const NeighborsRequest& request) {
  int code = 0;
  auto graph = LoadQueryGraph(common, request.filter, &code);
  if (!graph) return code;
  auto center = ResolveOne(graph->all, request.name, common.db);
  if (!center) return 2;
  const GraphSnapshot& g = graph->view();
  const auto& E = g.entities;
  std::vector<Neighbor> found = FindNeighbors(g, *center, request.depth);

  auto describe = [&](uint32_t e) {
    const EdgeRecord& r = g.edges[e].record;
    std::string label = r.type + (r.role.empty() ? "" : " (" + r.role + ")");
    bool symmetric = IsSymmetricRelation(r.type);
    return E[g.edge_source[e]].name + " --" + label + (symmetric ? "-- " : "--> ") + E[g.edge_target[e]].name;
  };

  if (request.format == "json") {
    Json out;
    out["center"] = E[*center].name;
    out["center_key"] = E[*center].key;
    out["depth"] = request.depth;
    Json list = Json::array();
    for (const Neighbor& n : found) {
      Json j;
      j["name"] = E[n.entity].name;
      j["key"] = E[n.entity].key;
      j["type"] = EntityTypeName(E[n.entity].type);
      j["distance"] = n.distance;
      j["via"] = E[n.parent].name;
      Json relations = Json::array();
      for (uint32_t e : n.edges) {
        const EdgeRecord& r = g.edges[e].record;
        relations.push_back(Json{{"source", E[g.edge_source[e]].name},
                                 {"relation", r.type},
                                 {"target", E[g.edge_target[e]].name},
                                 {"evidence_count", r.evidence_count}});
      }
      j["relations"] = std::move(relations);
      list.push_back(std::move(j));
    }
    out["neighbors"] = std::move(list);
    std::cout << out.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    return 0;
  }

  std::cout << E[*center].name << " (" << EntityTypeName(E[*center].type) << "): " << found.size()
            << (found.size() == 1 ? " actor" : " actors") << " within " << request.depth
            << (request.depth == 1 ? " hop" : " hops") << FilterNote(request.filter) << "\n";
  int distance = 0;
  for (const Neighbor& n : found) {
    if (n.distance != distance) {
      distance = n.distance;
      std::cout << "  " << distance << (distance == 1 ? " hop:\n" : " hops:\n");
    }
    std::cout << "    " << E[n.entity].name << " (" << EntityTypeName(E[n.entity].type) << ")\n";
    for (uint32_t e : n.edges) {
      uint32_t count = g.edges[e].record.evidence_count;
      std::cout << "        " << describe(e) << "   [" << count << (count == 1 ? " sentence]\n" : " sentences]\n");
    }
  }
  return 0;
}

int RunTop(const CommonOptions& common, const TopRequest& request) {
  auto measure = ParseCentrality(request.by);
  if (!measure) return Fail(Status::InvalidArgument("--by " + request.by + ": expected degree, pagerank or betweenness"));
  std::optional<EntityType> type;
  if (!request.type.empty()) {
    type = ParseEntityType(request.type);
    if (!type) {
      return Fail(Status::InvalidArgument("--type " + request.type +
                                          ": expected Person, Country, City, Region, Organization or Facility"));
    }
  }
  int code = 0;
  auto graph = LoadQueryGraph(common, request.filter, &code);
  if (!graph) return code;
  const GraphSnapshot& g = graph->view();
  std::vector<double> score = ComputeCentrality(g, *measure);
  std::vector<double> degree =
      *measure == Centrality::kDegree ? score : ComputeCentrality(g, Centrality::kDegree);

  // Actors with no relation at all have nothing to rank them by.
  std::vector<uint32_t> ranked;
  for (uint32_t i = 0; i < g.entities.size(); ++i) {
    if (degree[i] > 0 && (!type || g.entities[i].type == *type)) ranked.push_back(i);
  }
  std::sort(ranked.begin(), ranked.end(), [&](uint32_t x, uint32_t y) {
    if (score[x] != score[y]) return score[x] > score[y];
    if (g.entities[x].name != g.entities[y].name) return g.entities[x].name < g.entities[y].name;
    return g.entities[x].key < g.entities[y].key;
  });
  if (ranked.size() > request.limit) ranked.resize(request.limit);

  auto format_score = [&](double s) {
    std::ostringstream text;
    if (*measure == Centrality::kDegree) {
      text << static_cast<long long>(s);
    } else if (*measure == Centrality::kPageRank) {
      text << std::fixed << std::setprecision(4) << s;
    } else {
      text << std::fixed << std::setprecision(1) << s;
    }
    return text.str();
  };

  if (request.format == "json") {
    Json out;
    out["by"] = request.by;
    if (type) out["type"] = EntityTypeName(*type);
    Json list = Json::array();
    for (size_t r = 0; r < ranked.size(); ++r) {
      const Entity& e = g.entities[ranked[r]];
      list.push_back(Json{{"rank", r + 1},
                          {"name", e.name},
                          {"key", e.key},
                          {"type", EntityTypeName(e.type)},
                          {"score", score[ranked[r]]},
                          {"degree", static_cast<long long>(degree[ranked[r]])}});
    }
    out["actors"] = std::move(list);
    std::cout << out.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::cout << "top " << ranked.size() << (type ? " " + std::string(EntityTypeName(*type)) : std::string(" actors"))
            << " by " << request.by << FilterNote(request.filter) << "\n";
  for (size_t r = 0; r < ranked.size(); ++r) {
    const Entity& e = g.entities[ranked[r]];
    std::cout << std::setw(4) << r + 1 << ". " << std::setw(8) << format_score(score[ranked[r]]) << "  " << e.name
              << " (" << EntityTypeName(e.type) << ", " << static_cast<long long>(degree[ranked[r]])
              << (degree[ranked[r]] == 1 ? " related actor)\n" : " related actors)\n");
  }
  if (ranked.empty()) std::cout << "  (no actor has a relation" << (type ? " of that type" : "") << ")\n";
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
