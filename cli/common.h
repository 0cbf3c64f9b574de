// Helpers shared by the kg subcommands (internal to cli/).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "cli/commands.h"
#include "core/status.h"
#include "graph/graph.h"
#include "ingest/ingest.h"
#include "storage/storage.h"

namespace kg::cli {

// Prints "kg: <message>" and returns exit code 2.
int Fail(const Status& s);

Result<std::unique_ptr<Extractor>> MakeExtractor(const CommonOptions& common);
ReadOptions MakeReadOptions(const CommonOptions& common);
// Checks a --date value (empty is fine).
Status CheckDate(const std::string& date);
Result<std::unique_ptr<Store>> OpenForReading(const CommonOptions& common);

// Resolves a user-given name to one entity, or prints why it cannot (unknown
// or ambiguous, listing the candidates).
std::optional<uint32_t> ResolveOne(const GraphSnapshot& graph, const std::string& name, const std::string& db);

// The graph/ filter for --relations, --exclude-modality, --since/--until and
// --min-evidence, checked against `graph`: an unknown relation type or
// modality, or a malformed date, is an InvalidArgument naming the option.
// With a time window, article dates are read from `store` into `*dates`,
// which the filter points to and which must outlive it.
Result<EdgeFilter> MakeEdgeFilter(const FilterOptions& options, const GraphSnapshot& graph, const Store& store,
                                  std::unordered_map<std::string, std::string>* dates);

// A sentence on one line, shortened for the terminal, in quotes.
std::string Quote(const std::string& sentence);

// Shows articles/s on stderr, at most a few times a second, when it is a terminal.
class Progress {
 public:
  Progress();
  void Tick(size_t done);
  void Done();

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace kg::cli
