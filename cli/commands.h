// The kg subcommands (internal to cli/). Each returns the process exit code:
// 0 success, 1 the command ran but found a problem (failed articles, no
// path), 2 bad usage or an error that stopped it. Errors are printed as one
// line on stderr, prefixed "kg: ".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kg::cli {

struct CommonOptions {
  std::string db;  // resolved database directory
  std::vector<std::string> lexicons, patterns;
  std::string date;  // --date: default article date (YYYY-MM-DD)
};

// kg ingest and kg extract (cli/cmd_ingest.cc).
struct IngestRequest {
  std::vector<std::string> paths;
  unsigned threads = 0;         // --threads N: extraction threads; 0: one per core
  bool extracted = false;       // ingest --extracted: paths hold `kg extract --format full` output
  std::string format = "json";  // extract --format: json (evaluation format) or full
};
int RunIngest(const CommonOptions& common, const IngestRequest& request);
int RunExtract(const CommonOptions& common, const IngestRequest& request);
// Which relations a query or export looks at (graph/graph.h EdgeFilter).
struct FilterOptions {
  std::vector<std::string> relations;          // --relations visits,meets
  std::vector<std::string> exclude_modalities;  // --exclude-modality hypothetical,denied
  std::string since, until;                    // --since/--until YYYY[-MM[-DD]]
  uint32_t min_evidence = 0;                   // --min-evidence N
};

struct ExportRequest {
  std::string format = "dot", output = "-";
  std::string around;  // --around NAME: only the part within `depth` hops
  int depth = 1;
  std::string layout;  // --layout ENGINE; empty: by size
  size_t max_nodes = 0;  // --max-nodes; 0: export/export.h's kMaxDrawnEntities
  bool isolated = false;  // --isolated: draw entities without relations too
  FilterOptions filter;
};
int RunExport(const CommonOptions& common, const ExportRequest& request);

struct PathRequest {
  std::string from, to;
  int max_hops = 6;
  size_t k = 1;               // --k N: the N shortest simple paths
  bool all_shortest = false;  // --all-shortest
  bool directed = false, weighted = false;
  std::string format = "text";  // or "json"
  FilterOptions filter;
};
int RunPath(const CommonOptions& common, const PathRequest& request);

struct NeighborsRequest {
  std::string name;
  int depth = 1;
  std::string format = "text";
  FilterOptions filter;
};
int RunNeighbors(const CommonOptions& common, const NeighborsRequest& request);

struct TopRequest {
  std::string type;        // --type Person; empty: every type
  std::string by = "degree";  // degree, pagerank or betweenness
  size_t limit = 10;
  std::string format = "text";
  FilterOptions filter;
};
int RunTop(const CommonOptions& common, const TopRequest& request);
int RunShow(const CommonOptions& common, const std::string& name);
int RunStats(const CommonOptions& common);

// cli/cmd_maintenance.cc
int RunRemove(const CommonOptions& common, const std::vector<std::string>& ids);
int RunCheck(const CommonOptions& common);
// kg export --format json: the whole graph as canonical JSON Lines.
int RunExportJson(const CommonOptions& common, const std::string& output, const std::string& around);

}  // namespace kg::cli
