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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kg: a knowledge graph of the actors in news articles and what they do to each other"};
  app.require_subcommand(1);
  kg::cli::CommonOptions common;
  common.db = DefaultDb();
  int code = 0;

  std::vector<std::string> paths;
  auto* ingest = app.add_subcommand("ingest", "Read articles (.txt, .jsonl, directories, - for stdin) into the graph");
  ingest->add_option("paths", paths, "Files or directories")->required();
  AddDbOption(ingest, &common);
  AddExtractionOptions(ingest, &common);
  ingest->callback([&] { code = kg::cli::RunIngest(common, paths); });

  std::string extract_format = "json";
  auto* extract = app.add_subcommand("extract", "Print what extraction finds, one JSON line per article (no database)");
  extract->add_option("paths", paths, "Files or directories")->required();
  extract->add_option("--format", extract_format, "Output format")->check(CLI::IsMember({"json"}));
  AddExtractionOptions(extract, &common);
  extract->callback([&] { code = kg::cli::RunExtract(common, paths, extract_format); });

  std::string export_format = "dot", output = "-", around;
  int depth = 1;
  auto* exp = app.add_subcommand("export", "Write the graph as DOT, SVG, PNG or JSON-LD");
  exp->add_option("--format,-f", export_format,
                  "dot, svg, png, jsonld or json (the whole graph as canonical JSON Lines)")
      ->check(CLI::IsMember({"dot", "svg", "png", "jsonld", "json"}));
  exp->add_option("-o,--output", output, "Output file (default: standard output)");
  exp->add_option("--around", around, "Only the part of the graph around this actor");
  exp->add_option("--depth", depth, "Hops around --around (default 1)")->check(CLI::Range(0, 20));
  AddDbOption(exp, &common);
  exp->callback([&] { code = kg::cli::RunExport(common, export_format, output, around, depth); });

  std::string from, to;
  int max_hops = 6;
  auto* path = app.add_subcommand("path", "Show how two actors are connected, with the sentences behind each hop");
  path->add_option("from", from, "Actor (any name or alias)")->required();
  path->add_option("to", to, "Actor (any name or alias)")->required();
  path->add_option("--max-hops", max_hops, "Longest path to look for (default 6)")->check(CLI::Range(1, 50));
  AddDbOption(path, &common);
  path->callback([&] { code = kg::cli::RunPath(common, from, to, max_hops); });

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
