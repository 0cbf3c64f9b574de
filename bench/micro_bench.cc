// kg_micro_bench: Google Benchmark micro-benchmarks of the steps of kg's
// pipeline, each on real input:
//
//   BM_Tokenize          tokenising and sentence splitting (ingest/text.h)
//   BM_LexiconMatch      the lexicon lookups extraction makes per token:
//                        phrase starts, then names and titles of 1-3 words
//   BM_ExtractArticle    extraction of one article, whole pipeline
//   BM_MergeArticle      GraphWriter::MergeArticle of one extracted article
//                        into a database that grows as the benchmark runs
//   BM_PathAdjacency     one shortest path on the adjacency snapshot
//   BM_PathLoadedGraph   the same on the graph loaded into memory (Boost)
//
// Input: the articles below $KG_BENCH_CORPUS (default ../shared/corpus/bbc,
// else samples/); the path benchmarks use the database $KG_BENCH_DB when set
// (bench/run_macro.py points it at the 1M-relation graph), else a random
// graph of 2,000 actors and 10,000 relations built at start.
//
//   build/bench/kg_micro_bench                          # full run
//   build/bench/kg_micro_bench --benchmark_min_time=0.01  # quick (CTest)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "graph/adjacency.h"
#include "graph/graph.h"
#include "ingest/ingest.h"
#include "ingest/lexicon.h"
#include "ingest/text.h"
#include "ingest/word_facts.h"
#include "storage/storage.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

const std::vector<Article>& Corpus() {
  static const std::vector<Article> articles = [] {
    std::vector<Article> out;
    const char* env = std::getenv("KG_BENCH_CORPUS");
    std::string dir = env && *env ? env : std::string(KG_SOURCE_DIR) + "/../shared/corpus/bbc";
    if (!fs::is_directory(dir)) dir = std::string(KG_SOURCE_DIR) + "/samples";
    ReadArticles(dir, {}, [&](Article a) { out.push_back(std::move(a)); }, [](const Status&) {}).IgnoreError();
    return out;
  }();
  return articles;
}

const Extractor& TheExtractor() {
  static const std::unique_ptr<Extractor> extractor = [] {
    auto made = Extractor::Create({});
    if (!made.ok()) std::abort();
    return made.take();
  }();
  return *extractor;
}

size_t TextBytes(const Article& a) { return a.text.size(); }

void BM_Tokenize(benchmark::State& state) {
  const auto& corpus = Corpus();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Article& a = corpus[i++ % corpus.size()];
    auto sentences = SplitSentences(a.text, [](std::string_view) { return false; });
    benchmark::DoNotOptimize(sentences.data());
    bytes += TextBytes(a);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Tokenize);

void BM_LexiconMatch(benchmark::State& state) {
  static const std::unique_ptr<Lexicon> lexicon = [] {
    auto made = Lexicon::LoadBuiltin();
    if (!made.ok()) std::abort();
    return made.take();
  }();
  // The tokens of the first articles, as extraction sees them.
  static const std::vector<Token> tokens = [] {
    std::vector<Token> out;
    const auto& corpus = Corpus();
    for (size_t i = 0; i < std::min<size_t>(corpus.size(), 50); ++i) {
      Tokenize(corpus[i].text, 0, static_cast<uint32_t>(corpus[i].text.size()), &out);
    }
    return out;
  }();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const size_t at = i++ % tokens.size();
    const size_t longest = MaxPhraseTokensOf(*lexicon, *tokens[at].word);  // as extraction asks
    std::string phrase;
    for (size_t len = 1; len <= std::min<size_t>(longest, 3) && at + len <= tokens.size(); ++len) {
      phrase += (len > 1 ? " " : "") + tokens[at + len - 1].norm;
      found += lexicon->FindName(phrase) != nullptr;
      found += !lexicon->FindTitle(phrase).empty();
    }
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(static_cast<int64_t>(i));  // tokens
}
BENCHMARK(BM_LexiconMatch);

void BM_ExtractArticle(benchmark::State& state) {
  const auto& corpus = Corpus();
  const Extractor& extractor = TheExtractor();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Article& a = corpus[i++ % corpus.size()];
    Extraction x = extractor.Extract(a);
    benchmark::DoNotOptimize(x.relations.data());
    bytes += TextBytes(a);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(i));
}
BENCHMARK(BM_ExtractArticle);

// A scratch directory removed at exit.
struct ScratchDir {
  fs::path path;
  explicit ScratchDir(const std::string& name)
      : path(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
};

// state.range(0): the Store's write buffer in MB (0: one write per article;
// kg ingest uses 128).
void BM_MergeArticle(benchmark::State& state) {
  const auto& corpus = Corpus();
  std::vector<Extraction> extractions;
  for (size_t i = 0; i < std::min<size_t>(corpus.size(), 500); ++i) {
    extractions.push_back(TheExtractor().Extract(corpus[i]));
  }
  ScratchDir dir("kg-bench-merge");
  auto store = Store::Open(dir.path.string(), Store::Mode::kReadWrite);
  if (!store.ok()) {
    state.SkipWithError(store.status().message().c_str());
    return;
  }
  if (!(*store)->SetWriteBuffer(static_cast<size_t>(state.range(0)) << 20).ok()) {
    state.SkipWithError("cannot set the write buffer");
    return;
  }
  GraphWriter writer(**store);
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    // Each round gets new article ids, so every merge adds an article.
    state.PauseTiming();
    Extraction x = extractions[i % extractions.size()];
    x.article.id += "#" + std::to_string(i / extractions.size());
    for (Relation& r : x.relations) r.evidence.article_id = x.article.id;
    state.ResumeTiming();
    auto merged = writer.MergeArticle(x);
    if (!merged.ok()) {
      state.SkipWithError(merged.status().message().c_str());
      return;
    }
    bytes += TextBytes(x.article);
    ++i;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(i));
}
BENCHMARK(BM_MergeArticle)->Arg(0)->Arg(128);

// The database the path benchmarks query: $KG_BENCH_DB, or a random graph
// built here (2,000 actors, 10,000 relations) with its adjacency snapshot.
const std::string& PathDb() {
  static ScratchDir scratch("kg-bench-path");
  static const std::string db = [] {
    const char* env = std::getenv("KG_BENCH_DB");
    if (env && *env) return std::string(env);
    {
      auto store = Store::Open(scratch.path.string(), Store::Mode::kReadWrite);
      if (!store.ok()) std::abort();
      GraphWriter writer(**store);
      std::mt19937 rng(1);
      std::uniform_int_distribution<int> node(0, 1999);
      for (int article = 0; article < 500; ++article) {
        Extraction x;
        x.article.id = "synth/" + std::to_string(article);
        x.article.text = x.article.id;
        std::vector<int> seen;
        for (int k = 0; k < 20; ++k) {
          int a = node(rng), b = node(rng);
          if (a == b) continue;
          for (int v : {a, b}) {
            if (std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
            seen.push_back(v);
            x.entities.push_back({"org:org " + std::to_string(v), "Org " + std::to_string(v),
                                  EntityType::kOrganization, "", {}, {}});
          }
          Relation r;
          r.source = "org:org " + std::to_string(a);
          r.type = "supports";
          r.target = "org:org " + std::to_string(b);
          r.evidence.article_id = x.article.id;
          r.evidence.sentence = r.source + " supports " + r.target;
          x.relations.push_back(r);
        }
        if (!writer.MergeArticle(x).ok()) std::abort();
      }
    }
    if (!RefreshAdjacency(scratch.path.string()).ok()) std::abort();
    return scratch.path.string();
  }();
  return db;
}

void BM_PathAdjacency(benchmark::State& state) {
  auto adjacency = AdjacencySnapshot::Open(PathDb());
  if (!adjacency.ok()) {
    state.SkipWithError(("no fresh adjacency snapshot: " + adjacency.status().message()).c_str());
    return;
  }
  const auto n = static_cast<uint32_t>((*adjacency)->entity_count());
  std::mt19937 rng(2);
  std::uniform_int_distribution<uint32_t> vertex(0, n - 1);
  size_t hops = 0, queries = 0;
  for (auto _ : state) {
    auto path = (*adjacency)->ShortestPath(vertex(rng), vertex(rng), {});
    hops += path.ok() && *path ? (*path)->size() : 0;
    ++queries;
  }
  state.counters["hops"] = benchmark::Counter(static_cast<double>(hops) / std::max<size_t>(queries, 1));
}
BENCHMARK(BM_PathAdjacency);

void BM_PathLoadedGraph(benchmark::State& state) {
  auto store = Store::Open(PathDb(), Store::Mode::kReadOnly);
  if (!store.ok()) {
    state.SkipWithError(store.status().message().c_str());
    return;
  }
  LoadOptions load;
  load.with_evidence = false;
  auto graph = LoadGraph(**store, load);
  if (!graph.ok()) {
    state.SkipWithError(graph.status().message().c_str());
    return;
  }
  const auto n = static_cast<uint32_t>(graph->entities.size());
  std::mt19937 rng(2);
  std::uniform_int_distribution<uint32_t> vertex(0, n - 1);
  size_t hops = 0, queries = 0;
  for (auto _ : state) {
    auto path = FindShortestPath(*graph, vertex(rng), vertex(rng));
    hops += path ? path->hops.size() : 0;
    ++queries;
  }
  state.counters["hops"] = benchmark::Counter(static_cast<double>(hops) / std::max<size_t>(queries, 1));
}
BENCHMARK(BM_PathLoadedGraph);

}  // namespace
}  // namespace kg

BENCHMARK_MAIN();
