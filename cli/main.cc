// kg: builds a knowledge graph from news articles and answers questions
// about it. See README.md for the quick start; `kg --help` for commands.

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"

namespace {

// --db DIR, else $KG_DB, else ./kg.db.
std::string DefaultDb() {
  const char* env = std::getenv("KG_DB");
  return env && *env ? env : "kg.db";
}

void AddDbOption(CLI::App* cmd, kg::cli::CommonOptions* common) {
  cmd->add_option("--db", common->db, "Database directory (default: $KG_DB, else ./kg.db)");
}

void AddExtractionOptions(CLI::App* cmd, kg::cli::CommonOptions* common) {
  cmd->add_option("--lexicon", common->lexicons,
                  "Extra lexicon file (TSV: surface, type, canonical name[, alpha-3])");
  cmd->add_option("--patterns", common->patterns, "Extra relation pattern file (see ingest/data/patterns.tsv)");
  cmd->add_option("--date", common->date, "Date of articles that carry none (YYYY-MM-DD)");
}

// --relations, --exclude-modality, --since/--until, --min-evidence.
void AddFilterOptions(CLI::App* cmd, kg::cli::FilterOptions* filter) {
  cmd->add_option("--relations", filter->relations, "Only these relation types (comma-separated: visits,meets)")
      ->delimiter(',');
  cmd->add_option("--exclude-modality", filter->exclude_modalities,
                  "Evidence presented so does not count (comma-separated: hypothetical,denied)")
      ->delimiter(',')
      ->check(CLI::IsMember({"asserted", "reported", "claimed", "expected", "hypothetical", "requested", "denied"}));
  cmd->add_option("--since", filter->since, "Only evidence from this date on (YYYY, YYYY-MM or YYYY-MM-DD)");
  cmd->add_option("--until", filter->until, "Only evidence up to this date (YYYY, YYYY-MM or YYYY-MM-DD)");
  cmd->add_option("--min-evidence", filter->min_evidence, "Only relations backed by at least N sentences");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kg: a knowledge graph of the actors in news articles and what they do to each other"};
  app.require_subcommand(1);
  kg::cli::CommonOptions common;
  common.db = DefaultDb();
  int code = 0;

  kg::cli::IngestRequest ingest_request;
  auto* ingest = app.add_subcommand("ingest", "Read articles (.txt, .jsonl, directories, - for stdin) into the graph");
  ingest->add_option("paths", ingest_request.paths, "Files or directories")->required();
  ingest->add_flag("--extracted", ingest_request.extracted,
                   "The paths hold `kg extract --format full` output (JSONL) to merge, not articles");
  ingest->add_option("--threads", ingest_request.threads, "Extraction threads (default: one per core)");
  AddDbOption(ingest, &common);
  AddExtractionOptions(ingest, &common);
  ingest->callback([&] { code = kg::cli::RunIngest(common, ingest_request); });

  auto* extract = app.add_subcommand("extract", "Print what extraction finds, one JSON line per article (no database)");
  extract->add_option("paths", ingest_request.paths, "Files or directories, - for stdin")->required();
  extract->add_option("--format", ingest_request.format,
                      "json (evaluation format, default) or full (also the article, for kg ingest --extracted)")
      ->check(CLI::IsMember({"json", "full"}));
  extract->add_option("--threads", ingest_request.threads, "Extraction threads (default: one per core)");
  AddExtractionOptions(extract, &common);
  extract->callback([&] { code = kg::cli::RunExtract(common, ingest_request); });

  kg::cli::ExportRequest export_request;
  auto* exp = app.add_subcommand("export", "Write the graph as DOT, SVG, PNG, PDF, JSON-LD, GraphML or Neo4j CSV");
  exp->add_option("--format,-f", export_request.format, "dot, svg, png, pdf, jsonld, graphml, csv or json (the whole graph as canonical JSON Lines; default dot)")
      ->check(CLI::IsMember({"dot", "svg", "png", "pdf", "jsonld", "graphml", "csv", "json"}));
  exp->add_option("-o,--output", export_request.output,
                  "Output file (default: standard output); for csv a directory");
  exp->add_option("--around", export_request.around, "Only the part of the graph around this actor");
  exp->add_option("--depth", export_request.depth, "Hops around --around (default 1)")->check(CLI::Range(0, 20));
  exp->add_option("--layout", export_request.layout, "Graphviz layout engine (default: dot up to 300 entities, else sfdp)")
      ->check(CLI::IsMember({"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"}));
  exp->add_option("--max-nodes", export_request.max_nodes, "Largest graph to draw as svg/png/pdf (default 2000)")
      ->check(CLI::PositiveNumber);
  exp->add_flag("--isolated", export_request.isolated, "Also draw entities that have no relation");
  AddFilterOptions(exp, &export_request.filter);
  AddDbOption(exp, &common);
  exp->callback([&] { code = kg::cli::RunExport(common, export_request); });

  kg::cli::PathRequest path_request;
  auto* path = app.add_subcommand("path", "Show how two actors are connected, with the sentences behind each hop");
  path->add_option("from", path_request.from, "Actor (any name or alias)")->required();
  path->add_option("to", path_request.to, "Actor (any name or alias)")->required();
  path->add_option("--max-hops", path_request.max_hops, "Longest path to look for (default 6)")->check(CLI::Range(1, 50));
  auto* k = path->add_option("--k", path_request.k, "The K shortest paths (default 1)")->check(CLI::Range(1, 100));
  path->add_flag("--all-shortest", path_request.all_shortest, "Every path of the least number of hops")->excludes(k);
  path->add_flag("--directed", path_request.directed, "Follow relations only from source to target");
  path->add_flag("--weighted", path_request.weighted, "Prefer well-evidenced, confident relations over fewer hops");
  path->add_option("--format", path_request.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  AddFilterOptions(path, &path_request.filter);
  AddDbOption(path, &common);
  path->callback([&] { code = kg::cli::RunPath(common, path_request); });

  kg::cli::NeighborsRequest neighbors_request;
  auto* neighbors = app.add_subcommand("neighbors", "List the actors within some hops of an actor, and how they relate");
  neighbors->add_option("name", neighbors_request.name, "Actor (any name or alias)")->required();
  neighbors->add_option("--depth", neighbors_request.depth, "Hops (default 1)")->check(CLI::Range(1, 20));
  neighbors->add_option("--format", neighbors_request.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  AddFilterOptions(neighbors, &neighbors_request.filter);
  AddDbOption(neighbors, &common);
  neighbors->callback([&] { code = kg::cli::RunNeighbors(common, neighbors_request); });

  kg::cli::TopRequest top_request;
  auto* top = app.add_subcommand("top", "Name the key actors: by degree, PageRank or betweenness");
  top->add_option("--type", top_request.type, "Only this entity type (Person, Country, City, Region, Organization, Facility)")
      ->check(CLI::IsMember({"Person", "Country", "City", "Region", "Organization", "Facility"}));
  top->add_option("--by", top_request.by, "degree (default), pagerank or betweenness")
      ->check(CLI::IsMember({"degree", "pagerank", "betweenness"}));
  top->add_option("--limit", top_request.limit, "How many (default 10)")->check(CLI::PositiveNumber);
  top->add_option("--format", top_request.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  AddFilterOptions(top, &top_request.filter);
  AddDbOption(top, &common);
  top->callback([&] { code = kg::cli::RunTop(common, top_request); });

  std::string name;
  auto* show = app.add_subcommand("show", "Show an actor: type, aliases, roles and relations");
  show->add_option("name", name, "Actor (any name or alias)")->required();
  AddDbOption(show, &common);
  show->callback([&] { code = kg::cli::RunShow(common, name); });

  auto* stats = app.add_subcommand("stats", "Count articles, entities, relations and evidence");
  AddDbOption(stats, &common);
  stats->callback([&] { code = kg::cli::RunStats(common); });

  std::vector<std::string> article_ids;
  auto* remove = app.add_subcommand("remove", "Take articles out of the graph, with what only they backed");
  remove->add_option("ids", article_ids, "Article ids (as kg export --format json lists them)")->required();
  AddDbOption(remove, &common);
  remove->callback([&] { code = kg::cli::RunRemove(common, article_ids); });

  auto* check = app.add_subcommand("check", "Verify the database's invariants; exit 1 if any is broken");
  AddDbOption(check, &common);
  check->callback([&] { code = kg::cli::RunCheck(common); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return code;
}
