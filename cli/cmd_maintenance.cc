// kg remove, kg check, and kg export --format json (the canonical dump).

#include <fstream>
#include <iostream>

#include "cli/common.h"

namespace kg::cli {

int RunRemove(const CommonOptions& common, const std::vector<std::string>& ids) {
  auto store = Store::Open(common.db, Store::Mode::kReadWrite);
  if (!store.ok()) return Fail(store.status());
  GraphWriter writer(**store);
  int code = 0;
  for (const std::string& id : ids) {
    auto removed = writer.RemoveArticle(id);
    if (!removed.ok()) {
      std::cerr << "kg: " << removed.status().message() << "\n";
      // A missing article is the user's mistake; a database error stops.
      if (!removed.status().IsNotFound()) return 2;
      code = 1;
      continue;
    }
    std::cout << "removed " << id << ": " << removed->evidence_removed << " pieces of evidence, "
              << removed->relations_removed << " relations and " << removed->entities_removed
              << " entities left with none\n";
  }
  return code;
}

int RunCheck(const CommonOptions& common) {
  // Read-only, so that it can run while an ingest does.
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  auto problems = CheckGraph(**store);
  if (!problems.ok()) return Fail(problems.status());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return Fail(counts.status());
  constexpr size_t kShown = 50;
  for (size_t i = 0; i < problems->size() && i < kShown; ++i) {
    std::cout << "problem: " << (*problems)[i] << "\n";
  }
  if (problems->size() > kShown) {
    std::cout << "... and " << problems->size() - kShown << " more problems\n";
  }
  std::cout << common.db << ": " << counts->articles << " articles, " << counts->entities << " entities, "
            << counts->edges << " relations, " << counts->evidence << " pieces of evidence: ";
  if (problems->empty()) {
    std::cout << "ok\n";
    return 0;
  }
  std::cout << problems->size() << (problems->size() == 1 ? " problem\n" : " problems\n");
  return 1;
}

int RunExportJson(const CommonOptions& common, const std::string& output, const std::string& around) {
  if (!around.empty()) {
    return Fail(Status::InvalidArgument("--format json writes the whole graph; --around does not apply to it"));
  }
  auto store = OpenForReading(common);
  if (!store.ok()) return Fail(store.status());
  if (output == "-") {
    Status s = WriteCanonicalDump(**store, std::cout);
    std::cout.flush();
    if (!s.ok() || !std::cout) {
      return Fail(s.ok() ? Status::IOError("cannot write to standard output") : s);
    }
    return 0;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!out) return Fail(Status::IOError(output + ": cannot open for writing"));
  Status s = WriteCanonicalDump(**store, out);
  out.close();
  if (!s.ok()) return Fail(Status::IOError(output + ": " + s.message()));
  if (!out) return Fail(Status::IOError(output + ": cannot write (disk full?)"));
  std::cerr << "wrote " << output << "\n";
  return 0;
}

}  // namespace kg::cli
