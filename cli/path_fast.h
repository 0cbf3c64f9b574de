// kg path without loading the whole graph (internal to cli/): when the
// database has a fresh adjacency snapshot (graph/adjacency.h) and the
// question is one plain shortest path (no filter, no --k, --all-shortest or
// --weighted), the path is searched on the snapshot and only its actors and
// relations are read from the database, as a small GraphSnapshot that
// kg path then prints as usual.
#pragma once

#include <memory>
#include <optional>

#include "cli/commands.h"
#include "graph/graph.h"
#include "storage/storage.h"

namespace kg::cli {

struct PathGraph {
  std::unique_ptr<Store> store;
  // The two actors and, when they are connected within request.max_hops,
  // the path between them: exactly one path, so that any shortest-path
  // search on it finds that one.
  GraphSnapshot graph;
};

// nullopt when the fast way does not apply (other options, no fresh
// snapshot, a name that is unknown or ambiguous, which the caller reports
// after loading the graph as before, or any read error).
std::optional<PathGraph> LoadPathGraph(const CommonOptions& common, const PathRequest& request);

}  // namespace kg::cli
