// DOT, SVG, PNG and PDF through Graphviz's own libraries: the picture is
// built as a cgraph graph (never as DOT text we assemble), written with
// agwrite for DOT and laid out and rendered with gvc for SVG, PNG and PDF.
//
// What the picture says:
//   node   label = entity name, id = entity key (stable across runs), shape
//          and fill colour by entity type, tooltip = key;
//   edge   label = relation type ("role: <office>" for role edges) plus "×N"
//          when N > 1 pieces of evidence back it; colour by relation type;
//          pen width 1 + log2(N); dashed when most of its evidence is only
//          claimed, expected or hypothetical; no arrowhead for symmetric types;
//   legend a small cluster with one sample node per entity type present, a
//          key to the colours of the relation types present, and a note on
//          what dashed edges mean.
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "core/model.h"
#include "export/export_internal.h"

namespace kg::export_internal {
namespace {

// The layout engines Graphviz 2.42 ships (libgvplugin_neato_layout and
// libgvplugin_dot_layout).
constexpr std::string_view kLayouts[] = {
    "dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"};

// Evidence counts grow without bound; past this the line is thick enough.
constexpr double kMaxPenWidth = 8.0;

// Legend node names; entity keys start with their type ("person:"), never so.
constexpr std::string_view kLegendPrefix = "kg-legend:";

struct NodeStyle {
  const char* shape;
  const char* fill;
};

NodeStyle StyleOf(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return {"ellipse", "#fff6bf"};  // light yellow
    case EntityType::kCountry:
      return {"box", "#cfe5ff"};  // light blue
    case EntityType::kCity:
      return {"house", "#d6f5d6"};  // light green
    case EntityType::kRegion:
      return {"octagon", "#ffe2c6"};  // light orange
    case EntityType::kOrganization:
      return {"hexagon", "#e6dcf7"};  // lavender
    case EntityType::kFacility:
      return {"box3d", "#e4e4e4"};  // light grey
  }
  return {"ellipse", "#ffffff"};
}

// Related relations share a hue family: hostile ones are reds, friendly ones
// greens, contact blues; structural ones (role, located_in) stay grey so that
// they recede behind the news.
const char* RelationColor(std::string_view type) {
  struct Entry {
    std::string_view type;
    const char* color;
  };
  static constexpr Entry kColors[] = {
      {"visits", "#1f77b4"},     {"meets", "#17a2b8"},
      {"cooperates", "#00897b"}, {"supports", "#2e7d32"},
      {"praises", "#7cb342"},    {"supplies", "#8d6e63"},
      {"warns", "#f57c00"},      {"criticizes", "#c2185b"},
      {"sanctions", "#7b1fa2"},  {"threatens", "#d32f2f"},
      {"attacks", "#8b0000"},    {"role", "#757575"},
      {"located_in", "#a0a0a0"},
  };
  for (const Entry& entry : kColors) {
    if (entry.type == type) return entry.color;
  }
  return "#424242";  // user-defined relation types
}

// cgraph's API predates const but copies every string it is given into its
// own string pool, so handing it our buffers is safe.
char* Mutable(const char* s) { return const_cast<char*>(s); }

void Set(void* object, const char* name, const std::string& value) {
  agsafeset(object, Mutable(name), Mutable(value.c_str()), Mutable(""));
}

// Text inside an HTML-like label: markup characters as entities.
std::string HtmlText(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Graphviz expands escapes such as \N and \n inside labels; a backslash in a
// name must come out as itself.
std::string LabelText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string FormatNumber(const char* format, double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// Most of the evidence presents the relation as something that may not be
// so; a picture of "who did what" should not draw it as fact.
bool MostlyHedged(const std::vector<Evidence>& evidence) {
  size_t hedged =
      std::count_if(evidence.begin(), evidence.end(), [](const Evidence& e) {
        return e.modality == Modality::kClaimed ||
               e.modality == Modality::kExpected ||
               e.modality == Modality::kHypothetical;
      });
  return hedged * 2 > evidence.size();
}

std::string EdgeLabel(const EdgeRecord& edge) {
  std::string label = edge.type == "role" && !edge.role.empty()
                          ? "role: " + edge.role
                          : edge.type;
  if (edge.evidence_count > 1)
    label += " \u00d7" + std::to_string(edge.evidence_count);
  return LabelText(label);
}

std::string EdgeTooltip(const EdgeRecord& edge) {
  std::string tip = std::to_string(edge.evidence_count) +
                    " evidence, confidence " +
                    FormatNumber("%.2f", edge.confidence);
  if (!edge.first_seen.empty()) {
    tip += ", " + edge.first_seen;
    if (edge.last_seen != edge.first_seen) tip += " to " + edge.last_seen;
  }
  return LabelText(tip);
}

// Defaults for every node and edge, declared once on the root graph so that
// agwrite prints them as `node [...]` / `edge [...]` lines.
void SetDefaults(Agraph_t* g, const char* engine) {
  auto declare = [g](int kind, const char* name, const char* value) {
    agattr(g, kind, Mutable(name), Mutable(value));
  };
  declare(AGRAPH, "layout", engine);
  declare(AGRAPH, "rankdir", "LR");
  declare(AGRAPH, "overlap", "false");
  declare(AGRAPH, "fontname", "sans-serif");
  declare(AGNODE, "fontname", "sans-serif");
  declare(AGNODE, "style", "filled");
  declare(AGNODE, "label", "\\N");
  declare(AGEDGE, "fontname", "sans-serif");
  declare(AGEDGE, "fontsize", "10");
}

Agnode_t* AddEntityNode(Agraph_t* g, const Entity& entity) {
  Agnode_t* node = agnode(g, Mutable(entity.key.c_str()), 1);
  NodeStyle style = StyleOf(entity.type);
  Set(node, "label", LabelText(entity.name.empty() ? entity.key : entity.name));
  Set(node, "shape", style.shape);
  Set(node, "fillcolor", style.fill);
  Set(node, "tooltip", LabelText(entity.key));
  return node;
}

void AddRelationEdge(Agraph_t* g, Agnode_t* from, Agnode_t* to,
                     const GraphEdge& edge) {
  const EdgeRecord& record = edge.record;
  // Anonymous edge: a non-strict graph keeps every (from, to) pair, so two
  // relation types between the same entities stay two edges.
  Agedge_t* e = agedge(g, from, to, nullptr, 1);
  const char* color = RelationColor(record.type);
  double weight = 1.0 + std::log2(std::max<uint32_t>(record.evidence_count, 1));
  Set(e, "label", EdgeLabel(record));
  Set(e, "color", color);
  Set(e, "fontcolor", color);
  Set(e, "penwidth", FormatNumber("%.1f", std::min(weight, kMaxPenWidth)));
  Set(e, "tooltip", EdgeTooltip(record));
  if (MostlyHedged(edge.evidence)) Set(e, "style", "dashed");
  if (IsSymmetricRelation(record.type)) Set(e, "dir", "none");
}

// One plaintext node whose HTML-like label lists each relation type present
// in its colour, so that colours can be read without guessing.
void AddRelationKey(Agraph_t* root, Agraph_t* legend,
                    const GraphSnapshot& graph) {
  std::set<std::string> types;
  for (const GraphEdge& edge : graph.edges) types.insert(edge.record.type);
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">";
  for (const std::string& type : types) {
    html += "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"";
    html += RelationColor(type);
    html += "\">&#9473;&#9473;&#9473; " + HtmlText(type) + "</FONT></TD></TR>";
  }
  html += "</TABLE>";
  Agnode_t* key = agnode(
      legend, Mutable((std::string(kLegendPrefix) + "relations").c_str()), 1);
  Set(key, "shape", "plaintext");
  Set(key, "style", "");
  Set(key, "fontsize", "10");
  Set(key, "tooltip", "relation types by colour");
  char* label = agstrdup_html(root, Mutable(html.c_str()));
  agxset(key, agattr(root, AGNODE, Mutable("label"), nullptr), label);
  agstrfree(root, label);
}

void AddLegend(Agraph_t* g, const GraphSnapshot& graph) {
  std::set<EntityType> present;
  for (const Entity& entity : graph.entities) present.insert(entity.type);
  if (present.empty()) return;
  Agraph_t* legend = agsubg(g, Mutable("cluster_legend"), 1);
  Set(legend, "label", "Legend");
  Set(legend, "style", "rounded");
  Set(legend, "color", "#bdbdbd");
  Set(legend, "fontsize", "10");
  for (EntityType type : present) {
    std::string name(EntityTypeName(type));
    Agnode_t* node =
        agnode(legend, Mutable((std::string(kLegendPrefix) + name).c_str()), 1);
    NodeStyle style = StyleOf(type);
    Set(node, "label", name);
    Set(node, "shape", style.shape);
    Set(node, "fillcolor", style.fill);
    Set(node, "fontsize", "10");
    Set(node, "height", "0.3");
    Set(node, "tooltip", name);
  }
  if (graph.edges.empty()) return;
  AddRelationKey(g, legend, graph);
  Agnode_t* note = agnode(
      legend, Mutable((std::string(kLegendPrefix) + "dashed").c_str()), 1);
  Set(note, "label", "dashed edge: claimed,\\nexpected or hypothetical");
  Set(note, "shape", "plaintext");
  Set(note, "style", "");
  Set(note, "fontsize", "10");
  Set(note, "height", "0.3");
  Set(note, "tooltip",
      "most of the evidence only claims, expects or supposes it");
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

GraphPtr BuildGraph(const GraphSnapshot& graph, const char* engine) {
  GraphPtr g(agopen(Mutable("kg"), Agdirected, nullptr));
  SetDefaults(g.get(), engine);
  std::vector<Agnode_t*> nodes(graph.entities.size());
  for (uint32_t i : EntitiesByKey(graph))
    nodes[i] = AddEntityNode(g.get(), graph.entities[i]);
  for (uint32_t i : EdgesByKey(graph)) {
    AddRelationEdge(g.get(), nodes[graph.edge_source[i]],
                    nodes[graph.edge_target[i]], graph.edges[i]);
  }
  AddLegend(g.get(), graph);
  return g;
}

// Graphviz reports problems on stderr by default; only real errors should
// reach a kg user there. Restores the previous level, which is process-wide.
class QuietGraphviz {
 public:
  QuietGraphviz() : previous_(agseterr(AGERR)) {}
  ~QuietGraphviz() { agseterr(previous_); }

 private:
  agerrlevel_t previous_;
};

Status WriteDot(Agraph_t* g, const std::string& path) {
  Result<OutputFile> out = OutputFile::Open(path);
  if (!out.ok()) return out.status();
  errno = 0;
  if (agwrite(g, out->get()) != 0) {
    Status closed = out->Close();
    return closed.ok() ? WriteError(path, errno) : closed;
  }
  return out->Close();
}

// One Graphviz context for the whole process, created on first use and never
// freed. Graphviz 2.43's pango plugin caches a pointer to the last font name
// it measured, and that name belongs to the context: after gvFreeContext the
// next layout in the same process reads freed memory (AddressSanitizer shows
// it on the second SVG/PNG export). A context that lives as long as the
// process sidesteps that, and saves reloading the plugins on every export.
GVC_t* SharedContext() {
  static GVC_t* const gvc = gvContext();
  return gvc;
}

// Graphviz keeps global state (error level, the font cache above, the
// context), so Graphviz exports run one at a time.
std::mutex& GraphvizMutex() {
  static std::mutex* const mutex = new std::mutex;
  return *mutex;
}

// Lays out first and opens the file only then, so that a failed layout leaves
// no empty file behind.
Status Render(GVC_t* gvc, Agraph_t* g, const char* engine, const char* format,
              const std::string& path) {
  if (gvLayout(gvc, g, engine) != 0) {
    return Status::Unsupported(path + ": cannot render " + format +
                               ": Graphviz layout '" + engine + "' failed");
  }
  Status status;
  Result<OutputFile> out = OutputFile::Open(path);
  if (!out.ok()) {
    status = out.status();
  } else if (gvRender(gvc, g, format, out->get()) != 0) {
    status =
        Status::IOError(path + ": cannot render " + format + " with Graphviz");
  } else {
    status = out->Close();
  }
  gvFreeLayout(gvc, g);
  return status;
}

}  // namespace
}  // namespace kg::export_internal

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer hook, active only in KG_SANITIZE builds. Graphviz 2.43 leaks
// in dot's cluster layout and, through its pango plugin, in fontconfig and
// cairo; none of it is kg's to free. Its libraries have no frame pointers,
// so with ASan's default fast unwinding such a stack often ends at gmalloc in
// libgvc: that library is listed too. cgraph graphs kg forgot to close would
// still show (they come from libcgraph).
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\n"
         "leak:libgvplugin_dot_layout.so\n"
         "leak:libgvplugin_pango.so\n"
         "leak:libfontconfig.so\n"
         "leak:libcairo.so\n";
}
#endif

namespace kg::export_internal {

Status WriteGraphviz(const GraphSnapshot& graph, ExportFormat format,
                     const std::string& path, const ExportOptions& options) {
  const size_t entities = graph.entities.size();
  std::string engine = options.layout;
  if (engine.empty()) engine = entities > kMaxEntitiesForDot ? "sfdp" : "dot";
  if (std::find(std::begin(kLayouts), std::end(kLayouts), engine) ==
      std::end(kLayouts)) {
    return Status::InvalidArgument(path + ": unknown Graphviz layout \"" +
                                   engine + "\"");
  }
  if (IsDrawing(format) && entities > options.max_drawn_entities) {
    return Status::Unsupported(
        path + ": " + std::to_string(entities) +
        " entities are too many to draw legibly (the limit is " +
        std::to_string(options.max_drawn_entities) +
        "); draw part of the graph, or export it as dot, graphml, csv or "
        "jsonld for other tools");
  }
  std::lock_guard<std::mutex> lock(GraphvizMutex());
  QuietGraphviz quiet;
  GraphPtr g = BuildGraph(graph, engine.c_str());
  switch (format) {
    case ExportFormat::kSvg:
      return Render(SharedContext(), g.get(), engine.c_str(), "svg", path);
    case ExportFormat::kPng:
      return Render(SharedContext(), g.get(), engine.c_str(), "png", path);
    case ExportFormat::kPdf:
      return Render(SharedContext(), g.get(), engine.c_str(), "pdf", path);
    default:
      return WriteDot(g.get(), path);
  }
}

}  // namespace kg::export_internal
