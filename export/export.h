// export/: writes a GraphSnapshot for other tools. DOT, SVG and PNG are built
// through Graphviz's cgraph (graph model) and gvc (layout and rendering);
// JSON-LD through nlohmann_json with an @context on schema.org plus kg's own
// vocabulary (export/context.jsonld, also embedded in the binary).
//
//   kg::Status s = kg::ExportGraph(graph, kg::ExportFormat::kSvg, "out.svg");
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <optional>

#include "core/status.h"
#include "graph/graph.h"

namespace kg {

enum class ExportFormat { kDot, kSvg, kPng, kJsonLd };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

// Writes `graph` in `format` to `path` ("-" for standard output). Errors name
// the output file. `graph` must be indexed (GraphSnapshot::Reindex), else
// InvalidArgument. Safe to call from any thread; Graphviz formats run one at
// a time inside (Graphviz keeps global state). Graphs of more than 300
// entities are laid out with sfdp instead of dot, whose layered layout grows
// too slow on graphs of thousands of nodes.
Status ExportGraph(const GraphSnapshot& graph, ExportFormat format, const std::string& path);

// The JSON-LD @context document kg uses (schema.org + kg vocabulary).
std::string_view JsonLdContext();

}  // namespace kg
