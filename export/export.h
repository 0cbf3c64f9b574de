// export/: writes a GraphSnapshot for other tools.
//   dot, svg, png, pdf  built through Graphviz's cgraph (graph model) and gvc
//                       (layout and rendering); a diagram meant for people;
//   jsonld              JSON-LD on schema.org plus kg's own vocabulary
//                       (export/context.jsonld, embedded), for RDF stores;
//                       export/JSONLD.md describes it;
//   graphml             GraphML with typed attributes (boost::write_graphml),
//                       for Gephi, NetworkX, yEd;
//   csv                 a directory of CSV files in the layout of Neo4j's
//                       `neo4j-admin database import` (export/CSV.md).
// JSON-LD, GraphML and CSV are written as they go, node by node and edge by
// edge, so that exporting holds little more than the snapshot in memory;
// ExportStore writes JSON-LD and GraphML of a whole database without a
// snapshot at all.
//
//   kg::Status s = kg::ExportGraph(graph, kg::ExportFormat::kSvg, "out.svg");
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"
#include "storage/storage.h"

namespace kg {

enum class ExportFormat { kDot, kSvg, kPng, kPdf, kJsonLd, kGraphMl, kCsv };
// "dot", "svg", "png", "pdf", "jsonld", "graphml", "csv".
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
// svg, png and pdf: formats that need a layout.
bool IsDrawing(ExportFormat format);

// Graphs of more entities than this are not drawn (svg, png, pdf): sfdp still
// lays out 5,000 nodes in about 10 s, but no one can read the labels of
// 2,000, and rendering them takes minutes at most sizes above.
inline constexpr size_t kMaxDrawnEntities = 2000;
// Up to this many entities dot's layered layout is used, above it sfdp: dot
// lays out 100 nodes in 0.1-0.35 s but did not finish 1,000 in 10 minutes.
inline constexpr size_t kMaxEntitiesForDot = 300;

struct ExportOptions {
  // Graphviz layout engine for dot/svg/png/pdf: "dot", "sfdp", "neato",
  // "fdp", "circo", "twopi", "osage" or "patchwork"; empty: dot up to
  // kMaxEntitiesForDot entities, else sfdp.
  std::string layout;
  // svg/png/pdf of a graph with more entities fail (Unsupported) instead.
  size_t max_drawn_entities = kMaxDrawnEntities;
  // Articles to describe (jsonld: schema:NewsArticle nodes; csv:
  // articles.csv), sorted by id or not. Only those cited by the exported
  // evidence or mentioning an exported entity are written. May be null.
  const std::vector<ArticleRecord>* articles = nullptr;
};

// Writes `graph` in `format` to `path` ("-" for standard output; for csv a
// directory, created if missing, "-" not allowed). Errors name the output
// file. `graph` must be indexed (GraphSnapshot::Reindex), else
// InvalidArgument. Safe to call from any thread; Graphviz formats run one at
// a time inside (Graphviz keeps global state).
Status ExportGraph(const GraphSnapshot& graph, ExportFormat format,
                   const std::string& path, const ExportOptions& options = {});

// How much an export wrote.
struct ExportedCounts {
  size_t entities = 0, relations = 0;
};

// Writes the whole graph stored in `store` as jsonld or graphml (other
// formats: InvalidArgument) to `path`, reading it record by record: memory
// grows with the number of entities, not with relations or evidence. The
// bytes are those ExportGraph writes for LoadGraph(store) (JSON-LD with
// options.articles = every stored article), given a database kg check
// passes: an article is described when it mentions an exported entity,
// which every article citing exported evidence does.
Result<ExportedCounts> ExportStore(const Store& store, ExportFormat format,
                                   const std::string& path);

// The files a csv export writes into its directory, nodes first, and the
// neo4j-admin command that imports them.
std::vector<std::string> CsvFileNames();
std::string Neo4jImportCommand(const std::string& dir);

// The JSON-LD @context document kg uses (schema.org + kg vocabulary).
std::string_view JsonLdContext();

}  // namespace kg
