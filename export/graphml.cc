// GraphML for Gephi, NetworkX and yEd, in the layout boost::write_graphml
// gives (which kg used to call): the same declarations, element order,
// indentation and escaping, byte for byte (the golden test pins them). It is
// written node by node and edge by edge (GraphMlDocument), so that an export
// of the whole store can stream without building a Boost graph.
//
// Nodes (ids n0, n1, ... in key order):
//   key (string, the canonical entity key), label (name; Gephi shows it),
//   type (Person, Country, ...), country (ISO alpha-3), aliases and roles
//   (joined by "; ").
// Edges (directed, source -> target as stored; e0, e1, ... by (source,
// relation, target)):
//   relation, role, evidence_count (int), confidence (double), first_seen,
//   last_seen, symmetric (boolean: the relation has no direction, e.g.
//   meets), hedged (boolean: drawn dashed, most evidence claimed, expected
//   or hypothetical), weight (double, EdgeWeight: what kg path --weighted
//   minimises), quote and article (the first piece of evidence).
#include <cstdio>
#include <string>
#include <vector>

#include "core/model.h"
#include "export/export_internal.h"

namespace kg::export_internal {
namespace {

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += "; ";
    out += part;
  }
  return CleanText(out);
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

bool Hedged(const std::vector<Evidence>& evidence) {
  size_t hedged = 0;
  for (const Evidence& e : evidence) {
    hedged += e.modality == Modality::kClaimed ||
              e.modality == Modality::kExpected ||
              e.modality == Modality::kHypothetical;
  }
  return hedged * 2 > evidence.size();
}

// Boost's encode_char_entities: the five XML entities, and a text of spaces
// only with its first space as &#32; (so that it survives a round trip).
void AppendXml(std::string_view text, std::string* out) {
  if (text.empty()) return;
  if (text.find_first_not_of(' ') == std::string_view::npos) {
    *out += "&#32;";
    out->append(text.size() - 1, ' ');
    return;
  }
  for (char c : text) {
    switch (c) {
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '&': *out += "&amp;"; break;
      case '"': *out += "&quot;"; break;
      case '\'': *out += "&apos;"; break;
      default: *out += c;
    }
  }
}

// The <key> declarations, in the order Boost printed them (its
// dynamic_properties sort by name) with the ids it gave them.
constexpr char kKeys[] =
    "  <key id=\"key0\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\" />\n"
    "  <key id=\"key1\" for=\"edge\" attr.name=\"article\" attr.type=\"string\" />\n"
    "  <key id=\"key2\" for=\"edge\" attr.name=\"confidence\" attr.type=\"double\" />\n"
    "  <key id=\"key3\" for=\"node\" attr.name=\"country\" attr.type=\"string\" />\n"
    "  <key id=\"key4\" for=\"edge\" attr.name=\"evidence_count\" attr.type=\"int\" />\n"
    "  <key id=\"key5\" for=\"edge\" attr.name=\"first_seen\" attr.type=\"string\" />\n"
    "  <key id=\"key6\" for=\"edge\" attr.name=\"hedged\" attr.type=\"boolean\" />\n"
    "  <key id=\"key7\" for=\"node\" attr.name=\"key\" attr.type=\"string\" />\n"
    "  <key id=\"key8\" for=\"node\" attr.name=\"label\" attr.type=\"string\" />\n"
    "  <key id=\"key9\" for=\"edge\" attr.name=\"last_seen\" attr.type=\"string\" />\n"
    "  <key id=\"key10\" for=\"edge\" attr.name=\"quote\" attr.type=\"string\" />\n"
    "  <key id=\"key11\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\" />\n"
    "  <key id=\"key12\" for=\"edge\" attr.name=\"role\" attr.type=\"string\" />\n"
    "  <key id=\"key13\" for=\"node\" attr.name=\"roles\" attr.type=\"string\" />\n"
    "  <key id=\"key14\" for=\"edge\" attr.name=\"symmetric\" attr.type=\"boolean\" />\n"
    "  <key id=\"key15\" for=\"node\" attr.name=\"type\" attr.type=\"string\" />\n"
    "  <key id=\"key16\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\" />\n";

}  // namespace

GraphMlDocument::GraphMlDocument(FILE* file) : file_(file) {}

void GraphMlDocument::Begin() {
  buffer_ +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  buffer_ += kKeys;
  buffer_ +=
      "  <graph id=\"G\" edgedefault=\"directed\" parse.nodeids=\"canonical\" "
      "parse.edgeids=\"canonical\" parse.order=\"nodesfirst\">\n";
}

void GraphMlDocument::Data(const char* key, std::string_view text) {
  buffer_ += "      <data key=\"";
  buffer_ += key;
  buffer_ += "\">";
  AppendXml(text, &buffer_);
  buffer_ += "</data>\n";
}

void GraphMlDocument::MaybeFlush() {
  if (buffer_.size() < kFlushBytes) return;
  std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
  buffer_.clear();
}

void GraphMlDocument::AddNode(uint64_t number, const Entity& entity) {
  buffer_ += "    <node id=\"n" + std::to_string(number) + "\">\n";
  Data("key0", Joined(entity.aliases));
  Data("key3", CleanText(entity.country));
  Data("key7", CleanText(entity.key));
  Data("key8", CleanText(entity.name));
  Data("key13", Joined(entity.roles));
  Data("key15", EntityTypeName(entity.type));
  buffer_ += "    </node>\n";
  MaybeFlush();
}

void GraphMlDocument::AddEdge(uint64_t number, uint64_t source, uint64_t target,
                              const EdgeRecord& record, const std::vector<Evidence>& evidence) {
  buffer_ += "    <edge id=\"e" + std::to_string(number) + "\" source=\"n" + std::to_string(source) +
             "\" target=\"n" + std::to_string(target) + "\">\n";
  Data("key1", evidence.empty() ? std::string() : CleanText(evidence.front().article_id));
  Data("key2", Number(record.confidence));
  Data("key4", std::to_string(record.evidence_count));
  Data("key5", CleanText(record.first_seen));
  Data("key6", Hedged(evidence) ? "true" : "false");
  Data("key9", CleanText(record.last_seen));
  Data("key10", evidence.empty() ? std::string() : CleanText(evidence.front().sentence));
  Data("key11", CleanText(record.type));
  Data("key12", CleanText(record.role));
  Data("key14", IsSymmetricRelation(record.type) ? "true" : "false");
  Data("key16", Number(EdgeWeight(record)));
  buffer_ += "    </edge>\n";
  MaybeFlush();
}

void GraphMlDocument::End() {
  buffer_ += "  </graph>\n</graphml>\n";
  std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
  buffer_.clear();
}

Status WriteGraphMl(const GraphSnapshot& graph, const std::string& path) {
  const std::vector<uint32_t> entity_order = EntitiesByKey(graph);
  std::vector<uint32_t> vertex_of(graph.entities.size());
  for (uint32_t v = 0; v < entity_order.size(); ++v) vertex_of[entity_order[v]] = v;
  Result<OutputFile> out = OutputFile::Open(path);
  if (!out.ok()) return out.status();
  GraphMlDocument document(out->get());
  document.Begin();
  for (uint32_t v = 0; v < entity_order.size(); ++v) document.AddNode(v, graph.entities[entity_order[v]]);
  // Boost listed edges by source node, then in the order added (key order).
  std::vector<uint32_t> edges = EdgesByKey(graph);
  std::stable_sort(edges.begin(), edges.end(), [&](uint32_t a, uint32_t b) {
    return vertex_of[graph.edge_source[a]] < vertex_of[graph.edge_source[b]];
  });
  uint64_t number = 0;
  for (uint32_t e : edges) {
    document.AddEdge(number++, vertex_of[graph.edge_source[e]], vertex_of[graph.edge_target[e]],
                     graph.edges[e].record, graph.edges[e].evidence);
  }
  document.End();
  return out->Close();  // a short write left the FILE's error flag set
}

}  // namespace kg::export_internal
