// kg ingest and kg extract.

#include <algorithm>
#include <iostream>
#include <map>

#include "cli/common.h"
#include "export/export.h"

namespace kg::cli {

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

}  // namespace kg::cli
