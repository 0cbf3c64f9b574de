// The filter options the query and export commands share.
#include <algorithm>
#include <set>
#include <string>

#include "cli/common.h"

namespace kg::cli {

Result<EdgeFilter> MakeEdgeFilter(const FilterOptions& options, const GraphSnapshot& graph, const Store& store,
                                  std::unordered_map<std::string, std::string>* dates) {
  EdgeFilter filter;
  if (!options.relations.empty()) {
    std::set<std::string> known;
    for (const GraphEdge& edge : graph.edges) known.insert(edge.record.type);
    for (const std::string& type : options.relations) {
      if (known.count(type) > 0) continue;
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      return Status::InvalidArgument("--relations: no relation of type \"" + type + "\" in " + store.dir() +
                                     " (it has: " + (list.empty() ? "none" : list) + ")");
    }
    filter.relations = options.relations;
  }
  for (const std::string& name : options.exclude_modalities) {
    std::optional<Modality> modality = ParseModality(name);
    if (!modality) {
      return Status::InvalidArgument("--exclude-modality: unknown modality \"" + name +
                                     "\" (asserted, reported, claimed, expected, hypothetical, requested, denied)");
    }
    filter.exclude_modalities.push_back(*modality);
  }
  Status since = CheckTimeBound(options.since);
  if (!since.ok()) return Status::InvalidArgument("--since: " + since.message());
  Status until = CheckTimeBound(options.until);
  if (!until.ok()) return Status::InvalidArgument("--until: " + until.message());
  filter.since = options.since;
  filter.until = options.until;
  if (!filter.since.empty() && !filter.until.empty() && filter.until < filter.since.substr(0, filter.until.size())) {
    return Status::InvalidArgument("--until " + filter.until + " is before --since " + filter.since);
  }
  filter.min_evidence = options.min_evidence;

  if (!filter.since.empty() || !filter.until.empty()) {
    dates->clear();
    KG_RETURN_IF_ERROR(store.ForEachArticle([&](const ArticleRecord& article) {
      if (!article.date.empty()) dates->emplace(article.id, article.date);
      return true;
    }));
    filter.article_dates = dates;
  }
  return filter;
}

}  // namespace kg::cli
