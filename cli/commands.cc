#include "cli/commands.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>

#include "export/export.h"
#include "graph/graph.h"
#include "ingest/ingest.h"
#include "storage/storage.h"

namespace kg::cli {
namespace {

int Fail(const Status& s) {
  std::cerr << "kg: " << s.message() << "\n";
  return 2;
}

Result<std::unique_ptr<Extractor>> MakeExtractor(const CommonOptions& common) {
  ExtractorOptions options;
  options.lexicon_files = common.lexicons;
  options.pattern_files = common.patterns;
  return Extractor::Create(options);
}

ReadOptions MakeReadOptions(const CommonOptions& common) {
  ReadOptions options;
  options.default_date = common.date;
  return options;
}

Status CheckDate(const std::string& date) {
  if (date.empty()) return Status::Ok();
  bool ok = date.size() == 10 && date[4] == '-' && date[7] == '-';
  for (size_t i = 0; ok && i < date.size(); ++i) ok = i == 4 || i == 7 || std::isdigit(static_cast<unsigned char>(date[i]));
  return ok ? Status::Ok() : Status::InvalidArgument("--date " + date + ": expected YYYY-MM-DD");
}

// Shows articles/s on stderr, at most a few times a second, when it is a terminal.
class Progress {
 public:
  Progress() : enabled_(isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}
  void Tick(size_t done) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r%zu articles, %.0f/s ", done, secs > 0 ? done / secs : 0.0);
  }
  void Done() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
};

Result<std::unique_ptr<Store>> OpenForReading(const CommonOptions& common) {
  return Store::Open(common.db, Store::Mode::kReadOnly);
}

// Resolves a user-given name to one entity, or prints why it cannot.
std::optional<uint32_t> ResolveOne(const GraphSnapshot& graph, const std::string& name, const std::string& db) {
  std::vector<uint32_t> found = ResolveName(graph, name);
  if (found.empty()) {
    std::cerr << "kg: no actor named \"" << name << "\" in " << db << " (kg stats shows what it holds)\n";
    return std::nullopt;
  }
  if (found.size() > 1) {
    std::cerr << "kg: \"" << name << "\" is ambiguous in " << db << "; it may be:\n";
    for (uint32_t i : found) {
      const Entity& e = graph.entities[i];
      std::cerr << "  " << e.name << " (" << EntityTypeName(e.type) << ", " << e.key << ")\n";
    }
    return std::nullopt;
  }
  return found[0];
}

std::string Quote(const std::string& sentence) {
  std::string s = sentence;
  std::replace(s.begin(), s.end(), '\n', ' ');
  if (s.size() > 300) s = s.substr(0, 297) + "...";
  return "\"" + s + "\"";
}

}  // namespace

int RunIngest(const CommonOptions& common, const std::vector<std::string>& paths) {
  if (Status s = CheckDate(common.date); !s.ok()) return Fail(s);
  auto extractor = MakeExtractor(common);
  if (!extractor.ok()) return Fail(extractor.status());
  auto store = Store::Open(common.db, Store::Mode::kReadWrite);
  if (!store.ok()) return Fail(store.status());
  GraphWriter writer(**store);

  size_t added = 0, unchanged = 0, replaced = 0, failed = 0;
  MergeStats total;
  Progress progress;
  bool fatal = false;
  auto on_error = [&](const Status& s) {
    ++failed;
    std::cerr << "kg: " << s.message() << "\n";
  };
  auto on_article = [&](Article article) {
    if (fatal) return;
    Extraction x = (*extractor)->Extract(article);
    auto merged = writer.MergeArticle(x);
    if (!merged.ok()) {
      // A database error stops the run: what is stored stays consistent.
      std::cerr << "kg: " << article.origin << ": not stored: " << merged.status().message() << "\n";
      ++failed;
      fatal = true;
      return;
    }
    if (merged->unchanged) {
      ++unchanged;
    } else {
      merged->replaced ? ++replaced : ++added;
      total.entities_added += merged->entities_added;
      total.entities_merged += merged->entities_merged;
      total.relations_added += merged->relations_added;
      total.relations_merged += merged->relations_merged;
    }
    progress.Tick(added + unchanged + replaced + failed);
  };
  for (const auto& path : paths) {
    Status s = ReadArticles(path, MakeReadOptions(common), on_article, on_error);
    if (!s.ok()) on_error(s);
    if (fatal) break;
  }
  progress.Done();
  std::cout << "articles: " << added << " new, " << replaced << " updated, " << unchanged << " unchanged, "
            << failed << " failed\n"
            << "entities: " << total.entities_added << " added, " << total.entities_merged << " merged\n"
            << "relations: " << total.relations_added << " added, " << total.relations_merged << " merged\n";
  auto counts = (*store)->Counts();
  if (counts.ok()) {
    std::cout << "database " << common.db << ": " << counts->articles << " articles, " << counts->entities
              << " entities, " << counts->edges << " relations, " << counts->evidence << " pieces of evidence\n";
  }
  return fatal ? 2 : failed ? 1 : 0;
}

int RunExtract(const CommonOptions& common, const std::vector<std::string>& paths, const std::string& format) {
  (void)format;  // only "json" for now; CLI11 checks it
  if (Status s = CheckDate(common.date); !s.ok()) return Fail(s);
  auto extractor = MakeExtractor(common);
  if (!extractor.ok()) return Fail(extractor.status());
  size_t failed = 0;
  auto on_error = [&](const Status& s) {
    ++failed;
    std::cerr << "kg: " << s.message() << "\n";
  };
  auto on_article = [&](Article article) {
    std::cout << ExtractionToJson((*extractor)->Extract(article)) << "\n";
  };
  for (const auto& path : paths) {
    Status s = ReadArticles(path, MakeReadOptions(common), on_article, on_error);
    if (!s.ok()) on_error(s);
  }
  std::cout.flush();
  return failed ? 1 : 0;
}

int RunExport(const CommonOptions& common, const std::string& format, const std::string& output,
              const std::string& around, int depth) {
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  auto graph = LoadGraph(**store);
  if (!graph.ok()) return Fail(graph.status());
  GraphSnapshot* view = &*graph;
  GraphSnapshot sub;
  if (!around.empty()) {
    auto center = ResolveOne(*graph, around, common.db);
    if (!center) return 2;
    sub = Neighborhood(*graph, *center, depth);
    view = &sub;
  }
  auto fmt = ParseExportFormat(format);
  if (!fmt) return Fail(Status::InvalidArgument("unknown export format " + format));
  Status s = ExportGraph(*view, *fmt, output);
  if (!s.ok()) return Fail(s);
  if (output != "-") {
    std::cerr << "wrote " << output << " (" << view->entities.size() << " entities, " << view->edges.size()
              << " relations)\n";
  }
  return 0;
}

int RunPath(const CommonOptions& common, const std::string& from, const std::string& to, int max_hops) {
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  auto graph = LoadGraph(**store);
  if (!graph.ok()) return Fail(graph.status());
  auto a = ResolveOne(*graph, from, common.db);
  auto b = ResolveOne(*graph, to, common.db);
  if (!a || !b) return 2;
  const auto& E = graph->entities;
  PathOptions options;
  options.max_hops = max_hops;
  auto path = FindShortestPath(*graph, *a, *b, options);
  if (!path) {
    std::cout << "no connection between " << E[*a].name << " and " << E[*b].name << " within " << max_hops
              << " hops\n";
    return 1;
  }
  std::cout << E[*a].name << " -> " << E[*b].name << ": " << path->hops.size()
            << (path->hops.size() == 1 ? " hop\n" : " hops\n");
  int n = 0;
  for (const PathHop& hop : path->hops) {
    const GraphEdge& edge = graph->edges[hop.edge];
    const Entity& src = E[graph->edge_source[hop.edge]];
    const Entity& dst = E[graph->edge_target[hop.edge]];
    std::cout << "  " << ++n << ". " << src.name << " --" << edge.record.type;
    if (!edge.record.role.empty()) std::cout << " (" << edge.record.role << ")";
    std::cout << "--> " << dst.name << "   [" << edge.record.evidence_count
              << (edge.record.evidence_count == 1 ? " sentence]\n" : " sentences]\n");
    if (!edge.evidence.empty()) {
      const Evidence& ev = edge.evidence.front();
      std::cout << "     " << Quote(ev.sentence) << "\n     (" << ev.article_id << ", chars " << ev.sentence_start
                << "-" << ev.sentence_end << ", " << ModalityName(ev.modality) << ")\n";
    }
  }
  return 0;
}

int RunShow(const CommonOptions& common, const std::string& name) {
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  LoadOptions load;
  load.with_evidence = false;
  auto graph = LoadGraph(**store, load);
  if (!graph.ok()) return Fail(graph.status());
  auto idx = ResolveOne(*graph, name, common.db);
  if (!idx) return 2;
  const Entity& e = graph->entities[*idx];
  std::cout << e.name << "  (" << EntityTypeName(e.type) << ", " << e.key << ")\n";
  if (!e.country.empty()) std::cout << "  country: " << e.country << "\n";
  if (!e.aliases.empty()) {
    std::cout << "  aliases:";
    for (size_t i = 0; i < e.aliases.size(); ++i) std::cout << (i ? ", " : " ") << e.aliases[i];
    std::cout << "\n";
  }
  for (const auto& role : e.roles) std::cout << "  role: " << role << "\n";
  std::cout << "  relations:\n";
  size_t shown = 0;
  for (size_t k = 0; k < graph->edges.size(); ++k) {
    bool out = graph->edge_source[k] == *idx, in = graph->edge_target[k] == *idx;
    if (!out && !in) continue;
    const EdgeRecord& r = graph->edges[k].record;
    const Entity& other = graph->entities[out ? graph->edge_target[k] : graph->edge_source[k]];
    std::cout << "    " << (out ? "" : "<- ") << r.type << (r.role.empty() ? "" : " (" + r.role + ")")
              << (out ? " -> " : " ") << other.name << "  [" << r.evidence_count << " evidence]\n";
    ++shown;
  }
  if (shown == 0) std::cout << "    (none)\n";
  return 0;
}

int RunStats(const CommonOptions& common) {
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return Fail(counts.status());
  std::map<std::string, size_t> by_type, by_relation;
  Status s = (*store)->ForEachEntity([&](const Entity& e) {
    ++by_type[std::string(EntityTypeName(e.type))];
    return true;
  });
  if (!s.ok()) return Fail(s);
  s = (*store)->ForEachEdge([&](const EdgeRecord& r) {
    ++by_relation[r.type];
    return true;
  });
  if (!s.ok()) return Fail(s);
  std::cout << "database: " << common.db << "\n"
            << "articles: " << counts->articles << "\n"
            << "entities: " << counts->entities << "\n";
  for (const auto& [type, n] : by_type) std::cout << "  " << type << ": " << n << "\n";
  std::cout << "relations: " << counts->edges << "\n";
  for (const auto& [type, n] : by_relation) std::cout << "  " << type << ": " << n << "\n";
  std::cout << "evidence: " << counts->evidence << "\n";
  return 0;
}

}  // namespace kg::cli
