// GraphML through boost::write_graphml, for Gephi, NetworkX and yEd.
//
// The Boost graph holds only indexes into the snapshot; every attribute is
// computed when Boost writes it (a dynamic_property_map of our own below), so
// that the export holds no second copy of the graph's text.
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
#include <boost/any.hpp>
// GCC 12 sees boost::optional inside Boost's edge iterator as maybe
// uninitialised (a known false positive); the warning points into these
// headers, so it is silenced for them alone.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#pragma GCC diagnostic pop
#include <boost/property_map/dynamic_property_map.hpp>
#include <boost/shared_ptr.hpp>
#include <cstdio>
#include <functional>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <typeinfo>
#include <vector>

#include "core/model.h"
#include "export/export_internal.h"

namespace kg::export_internal {
namespace {

// Vertex i of the Boost graph is the i-th entity in key order; each edge
// carries the index of the snapshot edge it stands for.
struct EdgeIndex {
  uint32_t index;
};
using BoostGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                          boost::no_property, EdgeIndex>;
using Vertex = boost::graph_traits<BoostGraph>::vertex_descriptor;
using Edge = boost::graph_traits<BoostGraph>::edge_descriptor;

// A read-only attribute computed on demand. `Value` only tells
// write_graphml the attr.type to declare (bool, int, double, std::string);
// the text comes from `text`, so booleans read "true"/"false" (Gephi reads
// "1" as false) and numbers have the precision we choose.
template <typename Key, typename Value>
class ComputedProperty : public boost::dynamic_property_map {
 public:
  explicit ComputedProperty(std::function<std::string(const Key&)> text)
      : text_(std::move(text)) {}
  boost::any get(const boost::any& key) override {
    return text_(boost::any_cast<const Key&>(key));
  }
  std::string get_string(const boost::any& key) override {
    return text_(boost::any_cast<const Key&>(key));
  }
  void put(const boost::any&, const boost::any&) override {
    BOOST_THROW_EXCEPTION(boost::dynamic_const_put_error());
  }
  const std::type_info& key() const override { return typeid(Key); }
  const std::type_info& value() const override { return typeid(Value); }

 private:
  std::function<std::string(const Key&)> text_;
};

template <typename Value, typename Key>
void Add(boost::dynamic_properties& properties, const std::string& name,
         std::function<std::string(const Key&)> text) {
  properties.insert(name,
                    boost::shared_ptr<boost::dynamic_property_map>(
                        new ComputedProperty<Key, Value>(std::move(text))));
}

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

// An ostream over a stdio FILE, so that write errors surface through
// OutputFile::Close like those of the other writers.
class FileBuffer : public std::streambuf {
 public:
  explicit FileBuffer(FILE* file) : file_(file) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return 0;
    return std::fputc(c, file_) == EOF ? traits_type::eof() : c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    return static_cast<std::streamsize>(
        std::fwrite(s, 1, static_cast<size_t>(n), file_));
  }

 private:
  FILE* file_;
};

}  // namespace

Status WriteGraphMl(const GraphSnapshot& graph, const std::string& path) {
  const std::vector<uint32_t> entity_order = EntitiesByKey(graph);
  std::vector<uint32_t> vertex_of(graph.entities.size());
  for (uint32_t v = 0; v < entity_order.size(); ++v)
    vertex_of[entity_order[v]] = v;
  // Edges added in key order come out in that order: Boost lists them by
  // source vertex, and sources are in key order too.
  BoostGraph g(graph.entities.size());
  for (uint32_t e : EdgesByKey(graph)) {
    boost::add_edge(vertex_of[graph.edge_source[e]],
                    vertex_of[graph.edge_target[e]], EdgeIndex{e}, g);
  }

  auto entity = [&](const Vertex& v) -> const Entity& {
    return graph.entities[entity_order[v]];
  };
  auto edge = [&](const Edge& e) -> const GraphEdge& {
    return graph.edges[g[e].index];
  };
  boost::dynamic_properties properties;
  Add<std::string, Vertex>(properties, "key", [&](const Vertex& v) {
    return CleanText(entity(v).key);
  });
  Add<std::string, Vertex>(properties, "label", [&](const Vertex& v) {
    return CleanText(entity(v).name);
  });
  Add<std::string, Vertex>(properties, "type", [&](const Vertex& v) {
    return std::string(EntityTypeName(entity(v).type));
  });
  Add<std::string, Vertex>(properties, "country", [&](const Vertex& v) {
    return CleanText(entity(v).country);
  });
  Add<std::string, Vertex>(properties, "aliases", [&](const Vertex& v) {
    return Joined(entity(v).aliases);
  });
  Add<std::string, Vertex>(properties, "roles", [&](const Vertex& v) {
    return Joined(entity(v).roles);
  });

  Add<std::string, Edge>(properties, "relation", [&](const Edge& e) {
    return CleanText(edge(e).record.type);
  });
  Add<std::string, Edge>(properties, "role", [&](const Edge& e) {
    return CleanText(edge(e).record.role);
  });
  Add<int, Edge>(properties, "evidence_count", [&](const Edge& e) {
    return std::to_string(edge(e).record.evidence_count);
  });
  Add<double, Edge>(properties, "confidence", [&](const Edge& e) {
    return Number(edge(e).record.confidence);
  });
  Add<std::string, Edge>(properties, "first_seen", [&](const Edge& e) {
    return CleanText(edge(e).record.first_seen);
  });
  Add<std::string, Edge>(properties, "last_seen", [&](const Edge& e) {
    return CleanText(edge(e).record.last_seen);
  });
  Add<bool, Edge>(properties, "symmetric", [&](const Edge& e) {
    return std::string(IsSymmetricRelation(edge(e).record.type) ? "true"
                                                                : "false");
  });
  Add<bool, Edge>(properties, "hedged", [&](const Edge& e) {
    return std::string(Hedged(edge(e).evidence) ? "true" : "false");
  });
  Add<double, Edge>(properties, "weight", [&](const Edge& e) {
    return Number(EdgeWeight(edge(e).record));
  });
  Add<std::string, Edge>(properties, "quote", [&](const Edge& e) {
    const auto& evidence = edge(e).evidence;
    return evidence.empty() ? std::string()
                            : CleanText(evidence.front().sentence);
  });
  Add<std::string, Edge>(properties, "article", [&](const Edge& e) {
    const auto& evidence = edge(e).evidence;
    return evidence.empty() ? std::string()
                            : CleanText(evidence.front().article_id);
  });

  Result<OutputFile> out = OutputFile::Open(path);
  if (!out.ok()) return out.status();
  FileBuffer buffer(out->get());
  std::ostream stream(&buffer);
  boost::write_graphml(stream, g, boost::get(boost::vertex_index, g),
                       properties,
                       /*ordered_vertices=*/true);
  stream.flush();
  return out->Close();  // a short write left the FILE's error flag set
}

}  // namespace kg::export_internal
