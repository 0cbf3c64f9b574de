// kg_synth_graph: a random graph as extraction JSON Lines, for building a
// large database quickly with `kg ingest --extracted` (what the path and
// export benchmarks run on), plus the same graph as a plain edge list for
// the peers (NetworkX, Kuzu).
//
//   kg_synth_graph --nodes 100000 --edges 1000000 --out graph.jsonl
//       --edge-list graph.tsv --seed 1
//   kg ingest --extracted graph.jsonl --db big.db
//
// Nodes are organisations "Org 0" ... "Org N-1" (keys "org:org 0", ...), so
// that no two share a name and entity resolution keeps them apart. Edges are
// distinct unordered pairs, each with one relation of a random type and one
// piece of evidence; consecutive edges are grouped into articles of
// --per-article relations. The edge list has one "source<TAB>target" line
// per edge, node numbers, in the direction stored.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "ingest/ingest.h"

namespace {

struct Options {
  uint64_t nodes = 100000, edges = 1000000, per_article = 20, seed = 1;
  std::string out = "-", edge_list;
};

int Usage() {
  std::cerr << "usage: kg_synth_graph [--nodes N] [--edges M] [--per-article K] [--seed S]\n"
               "                      [--out FILE.jsonl|-] [--edge-list FILE.tsv]\n";
  return 2;
}

std::string NodeName(uint64_t n) { return "Org " + std::to_string(n); }
std::string NodeKey(uint64_t n) { return "org:org " + std::to_string(n); }

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) return Usage();
    std::string value = argv[++i];
    if (arg == "--nodes") o.nodes = std::strtoull(value.c_str(), nullptr, 10);
    else if (arg == "--edges") o.edges = std::strtoull(value.c_str(), nullptr, 10);
    else if (arg == "--per-article") o.per_article = std::strtoull(value.c_str(), nullptr, 10);
    else if (arg == "--seed") o.seed = std::strtoull(value.c_str(), nullptr, 10);
    else if (arg == "--out") o.out = value;
    else if (arg == "--edge-list") o.edge_list = value;
    else return Usage();
  }
  if (o.nodes < 2 || o.per_article == 0 || o.edges > o.nodes * (o.nodes - 1) / 2) return Usage();

  std::ofstream file;
  if (o.out != "-") {
    file.open(o.out, std::ios::binary);
    if (!file) {
      std::cerr << "kg_synth_graph: cannot write " << o.out << "\n";
      return 1;
    }
  }
  std::ostream& out = o.out == "-" ? std::cout : file;
  std::ofstream edge_list;
  if (!o.edge_list.empty()) edge_list.open(o.edge_list, std::ios::binary);

  // Relation types; "meets" and "cooperates" are symmetric, so stored with
  // the smaller key as source.
  const std::vector<std::pair<std::string, std::string>> kTypes = {
      {"meets", "met"}, {"supports", "supported"}, {"criticizes", "criticised"},
      {"visits", "visited"}, {"cooperates", "cooperated with"}, {"warns", "warned"}};
  std::mt19937_64 rng(o.seed);
  std::uniform_int_distribution<uint64_t> node(0, o.nodes - 1);
  std::uniform_int_distribution<size_t> type(0, kTypes.size() - 1);
  std::unordered_set<uint64_t> pairs;
  pairs.reserve(o.edges * 2);

  kg::Extraction x;
  uint64_t article = 0;
  std::vector<uint64_t> article_nodes;
  auto flush = [&] {
    if (x.relations.empty()) return;
    std::sort(article_nodes.begin(), article_nodes.end());
    article_nodes.erase(std::unique(article_nodes.begin(), article_nodes.end()), article_nodes.end());
    for (uint64_t n : article_nodes) {
      kg::Entity e;
      e.key = NodeKey(n);
      e.name = NodeName(n);
      e.type = kg::EntityType::kOrganization;
      x.entities.push_back(std::move(e));
    }
    out << kg::ExtractionToFullJson(x) << '\n';
    x = kg::Extraction();
    article_nodes.clear();
  };
  for (uint64_t made = 0; made < o.edges;) {
    uint64_t a = node(rng), b = node(rng);
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    if (!pairs.insert(a * o.nodes + b).second) continue;
    ++made;
    if (rng() & 1) std::swap(a, b);
    const auto& [relation, verb] = kTypes[type(rng)];
    const bool symmetric = relation == "meets" || relation == "cooperates";
    if (symmetric && NodeKey(b) < NodeKey(a)) std::swap(a, b);
    if (x.relations.empty()) {
      x.article.id = "synth/" + std::to_string(article++);
      x.article.title = "Synthetic article " + x.article.id;
      x.article.date = "2024-01-01";
      x.article.source = "kg_synth_graph";
    }
    std::string sentence = NodeName(a) + " " + verb + " " + NodeName(b) + ".";
    kg::Relation r;
    r.source = NodeKey(a);
    r.type = relation;
    r.target = NodeKey(b);
    kg::Evidence& ev = r.evidence;
    ev.article_id = x.article.id;
    ev.sentence_start = static_cast<uint32_t>(x.article.text.size());
    ev.sentence_end = ev.sentence_start + static_cast<uint32_t>(sentence.size());
    ev.trigger_start = ev.sentence_start + static_cast<uint32_t>(NodeName(a).size() + 1);
    ev.trigger_end = ev.trigger_start + static_cast<uint32_t>(verb.size());
    ev.sentence = sentence;
    ev.time = x.article.date;
    ev.confidence = 0.5 + 0.05 * static_cast<double>(rng() % 10);
    x.article.text += sentence + "\n";
    x.relations.push_back(std::move(r));
    article_nodes.push_back(a);
    article_nodes.push_back(b);
    if (edge_list.is_open()) edge_list << a << '\t' << b << '\n';
    if (x.relations.size() == o.per_article) flush();
  }
  flush();
  out.flush();
  return out ? 0 : 1;
}
