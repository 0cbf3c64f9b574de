// kg ingest and kg extract. Articles are read on the calling thread,
// extracted on a pool of threads and merged (or printed) in input order on
// one more (cli/pipeline.h), so a run on N threads stores exactly what a
// run on one does. `kg ingest --extracted` merges `kg extract --format full`
// output instead, which is how extraction scales past one machine.

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>

#include "cli/common.h"
#include "cli/pipeline.h"
#include "graph/adjacency.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;

// Jobs in flight per thread: enough to keep every worker busy while the
// writer catches up, few enough that memory does not grow with the input.
constexpr size_t kWindowPerThread = 8;

// Articles are written in batches of about this many bytes of records, each
// batch as sorted table files ingested at once (Store::SetWriteBuffer):
// several times cheaper than one write per article through RocksDB's
// memtable, and a killed ingest still loses only whole articles. Bounds the
// memory the batch takes too.
// KG_WRITE_BUFFER_BYTES overrides it (0: one write per article, as before
// the buffer; tests compare the two).
constexpr size_t kWriteBufferBytes = size_t{128} << 20;

size_t WriteBufferBytes() {
  const char* env = std::getenv("KG_WRITE_BUFFER_BYTES");
  if (env == nullptr || *env == '\0') return kWriteBufferBytes;
  return static_cast<size_t>(std::strtoull(env, nullptr, 10));
}

// A new database is built by BulkGraphWriter (graph/graph.h), which keeps
// the graph in memory and writes records as sorted table files, on a thread
// of its own, each time it holds this many bytes of them, and at the end.
// Each write lands on an LSM level of its own (no compaction); the 1M-
// relation graph (about 650 MB of records) takes six, and memory stays at
// two sets of records, reused, plus the graph. KG_BULK_BUFFER_BYTES
// overrides it; KG_BULK=0 (or KG_WRITE_BUFFER_BYTES=0) uses GraphWriter
// instead, as on a database that holds articles already.
constexpr size_t kBulkBufferBytes = size_t{128} << 20;

size_t BulkBufferBytes() {
  const char* env = std::getenv("KG_BULK_BUFFER_BYTES");
  if (env == nullptr || *env == '\0') return kBulkBufferBytes;
  return static_cast<size_t>(std::strtoull(env, nullptr, 10));
}

// Whether to build `store` with BulkGraphWriter: it holds no article (so no
// entity or edge either), and neither switch turns it off.
Result<bool> UseBulkWriter(const Store& store) {
  const char* bulk = std::getenv("KG_BULK");
  if (bulk != nullptr && std::string_view(bulk) == "0") return false;
  if (WriteBufferBytes() == 0) return false;
  bool empty = true;
  KG_RETURN_IF_ERROR(store.ForEachArticle([&](const ArticleRecord&) { return empty = false; }));
  return empty;
}

// Size of the files below `paths` with one of `extensions`, for the ETA; 0
// when unknown (standard input).
uint64_t InputBytes(const std::vector<std::string>& paths, const std::vector<std::string>& extensions) {
  uint64_t total = 0;
  auto wanted = [&](const fs::path& p) {
    return std::find(extensions.begin(), extensions.end(), p.extension().string()) != extensions.end();
  };
  for (const std::string& path : paths) {
    if (path == "-") return 0;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
           !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && wanted(it->path())) total += it->file_size(ec);
      }
    } else {
      uintmax_t size = fs::file_size(path, ec);
      if (!ec) total += size;
    }
  }
  return total;
}

// One line of `kg extract --format full` output and where it was read.
struct ExtractedLine {
  std::string text, where;
};

// Calls `on_line` for every non-blank line of the extraction JSONL at
// `path`: a file, a directory (every .jsonl below, sorted) or "-" (stdin).
// Lines are read one at a time, so memory does not grow with the input.
Status ReadExtractedLines(const std::string& path, const std::function<bool(ExtractedLine)>& on_line) {
  auto read = [&](std::istream& in, const std::string& name) -> Status {
    std::string line;
    for (size_t number = 1; std::getline(in, line); ++number) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const size_t size = line.size();
      if (!on_line({std::move(line), name + ":" + std::to_string(number)})) break;
      // Room for a line like this one, so that getline does not grow the
      // string a few bytes at a time (lines run to megabytes).
      line = std::string();
      line.reserve(size + size / 4);
    }
    return in.bad() ? Status::IOError(name + ": read error") : Status::Ok();
  };
  if (path == "-") return read(std::cin, "<stdin>");
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".jsonl") files.push_back(it->path());
    }
    if (ec) return Status::IOError(path + ": cannot list directory: " + ec.message());
    std::sort(files.begin(), files.end());
  } else if (fs::exists(path, ec)) {
    files.push_back(path);
  } else {
    return Status::NotFound(path + ": no such file or directory");
  }
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Status::IOError(file.string() + ": cannot open for reading (permission denied?)");
    KG_RETURN_IF_ERROR(read(in, file.string()));
  }
  return Status::Ok();
}

// An extraction as the pipeline's workers hand it to the merging thread:
// when a new database is built, with what BulkGraphWriter::Prepare computed
// from it, which takes the records' encoding off that (busiest) thread.
struct Parsed {
  Result<Extraction> x;
  PreparedArticle prepared;
};

// Reading standard input a line at a time is several times faster without
// the synchronisation with C stdio that nothing here needs.
void UnsyncStandardStreams() { std::ios::sync_with_stdio(false); }

}  // namespace

int RunIngest(const CommonOptions& common, const IngestRequest& request) {
  UnsyncStandardStreams();
  std::unique_ptr<Extractor> extractor;
  if (!request.extracted) {
    if (Status s = CheckDate(common.date); !s.ok()) return Fail(s);
    auto made = MakeExtractor(common);
    if (!made.ok()) return Fail(made.status());
    extractor = made.take();
  }
  auto store = Store::Open(common.db, Store::Mode::kReadWrite);
  if (!store.ok()) return Fail(store.status());
  if (Status s = (*store)->SetWriteBuffer(WriteBufferBytes()); !s.ok()) return Fail(s);
  GraphWriter writer(**store);
  auto use_bulk = UseBulkWriter(**store);
  if (!use_bulk.ok()) return Fail(use_bulk.status());
  std::unique_ptr<BulkGraphWriter> bulk;
  if (*use_bulk) bulk = std::make_unique<BulkGraphWriter>(**store, BulkBufferBytes());

  // Counters are written by the writer thread; `failed` and stderr also by
  // the reading thread.
  size_t added = 0, unchanged = 0, replaced = 0;
  std::atomic<size_t> failed{0};
  std::atomic<bool> fatal{false};
  std::mutex stderr_mu;
  auto complain = [&](const std::string& message) {
    std::lock_guard lock(stderr_mu);
    std::cerr << "kg: " << message << "\n";
  };
  MergeStats total;
  uint64_t bytes_done = 0;
  IngestProgress progress(InputBytes(request.paths, request.extracted ? std::vector<std::string>{".jsonl"}
                                                                      : std::vector<std::string>{".txt", ".jsonl"}));

  auto merge = [&](Parsed& parsed) {
    Result<Extraction>& x = parsed.x;
    if (fatal) return;
    if (!x.ok()) {
      ++failed;
      complain(x.status().message());
      return;
    }
    auto merged = bulk ? bulk->MergeArticle(*x, parsed.prepared) : writer.MergeArticle(*x);
    if (!merged.ok()) {
      // A database error stops the run: what is stored stays consistent.
      const Article& a = x->article;
      complain((a.origin.empty() ? a.id : a.origin) + ": not stored: " + merged.status().message());
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
    bytes_done += x->article.text.size();
    std::lock_guard lock(stderr_mu);
    progress.Tick(added + unchanged + replaced + failed, bytes_done);
  };

  const unsigned threads = ResolveThreads(request.threads);
  auto on_error = [&](const Status& s) {
    ++failed;
    complain(s.message());
  };
  if (request.extracted) {
    OrderedPipeline<ExtractedLine, Parsed> pipeline(
        threads, kWindowPerThread * threads,
        [&](ExtractedLine& line) -> Parsed {
          auto x = ExtractionFromJson(line.text);
          if (!x.ok()) return {Status::InvalidArgument(line.where + ": " + x.status().message()), {}};
          if (x->article.origin.empty()) x->article.origin = line.where;
          PreparedArticle prepared = bulk ? BulkGraphWriter::Prepare(*x) : PreparedArticle();
          return {std::move(x), std::move(prepared)};
        },
        merge);
    for (const auto& path : request.paths) {
      Status s = ReadExtractedLines(path, [&](ExtractedLine line) {
        pipeline.Submit(std::move(line));
        return !fatal;
      });
      if (!s.ok()) on_error(s);
      if (fatal) break;
    }
    pipeline.Finish();
  } else {
    OrderedPipeline<Article, Parsed> pipeline(
        threads, kWindowPerThread * threads,
        [&](Article& article) -> Parsed {
          Extraction x = extractor->Extract(article);
          PreparedArticle prepared = bulk ? BulkGraphWriter::Prepare(x) : PreparedArticle();
          return {std::move(x), std::move(prepared)};
        },
        merge);
    for (const auto& path : request.paths) {
      Status s = ReadArticles(path, MakeReadOptions(common), [&](Article article) {
        if (!fatal) pipeline.Submit(std::move(article));
      }, on_error);
      if (!s.ok()) on_error(s);
      if (fatal) break;
    }
    pipeline.Finish();
  }
  progress.Done();
  // The adjacency snapshot's contents are gathered from the bulk writer's
  // graph while its last records are written (see below).
  GatheredAdjacency adjacency;
  auto gather = [&] {
    if (!fatal) adjacency = GatherAdjacency(common.db, *bulk);
  };
  if (Status s = bulk ? bulk->Finish(gather) : (*store)->Flush(); !s.ok()) {
    // The articles merged since the last flush are not stored; the rest are.
    complain(s.message());
    fatal = true;
  }
  std::cout << "articles: " << added << " new, " << replaced << " updated, " << unchanged << " unchanged, "
            << failed << " failed\n"
            << "entities: " << total.entities_added << " added, " << total.entities_merged << " merged\n"
            << "relations: " << total.relations_added << " added, " << total.relations_merged << " merged\n";
  // A bulk load knows what it wrote; scanning it back takes seconds.
  std::optional<StoreCounts> known = bulk && !fatal ? bulk->Counts() : std::nullopt;
  auto counts = known ? Result<StoreCounts>(*known) : (*store)->Counts();
  if (counts.ok()) {
    std::cout << "database " << common.db << ": " << counts->articles << " articles, " << counts->entities
              << " entities, " << counts->edges << " relations, " << counts->evidence << " pieces of evidence\n";
  }
  // Closing the writer leaves everything in table files (Store's writer
  // flushes its memtables when it closes), so readers have no write-ahead
  // log to replay.
  store->reset();
  const bool changed = added + replaced > 0;
  // The adjacency snapshot kg path searches (graph/adjacency.h), rebuilt once
  // the writer is closed, so that it describes the database as stored.
  if (!fatal && (changed || !AdjacencyIsFresh(common.db))) {
    if (Status s = bulk ? WriteAdjacency(common.db, adjacency) : RefreshAdjacency(common.db); !s.ok()) {
      complain("adjacency snapshot not updated (kg path will load the graph instead): " + s.message());
    }
  }
  return fatal ? 2 : failed ? 1 : 0;
}

int RunExtract(const CommonOptions& common, const IngestRequest& request) {
  UnsyncStandardStreams();
  if (Status s = CheckDate(common.date); !s.ok()) return Fail(s);
  auto extractor = MakeExtractor(common);
  if (!extractor.ok()) return Fail(extractor.status());
  const bool full = request.format == "full";
  size_t failed = 0;
  auto on_error = [&](const Status& s) {
    ++failed;
    std::cerr << "kg: " << s.message() << "\n";
  };
  const unsigned threads = ResolveThreads(request.threads);
  OrderedPipeline<Article, std::string> pipeline(
      threads, kWindowPerThread * threads,
      [&](Article& article) {
        Extraction x = (*extractor)->Extract(article);
        return full ? ExtractionToFullJson(x) : ExtractionToJson(x);
      },
      [](std::string& line) {
        line += '\n';
        std::cout << line;
      });
  for (const auto& path : request.paths) {
    // Errors are counted on this thread only: the printing thread never fails.
    Status s = ReadArticles(path, MakeReadOptions(common), [&](Article a) { pipeline.Submit(std::move(a)); },
                            on_error);
    if (!s.ok()) on_error(s);
  }
  pipeline.Finish();
  std::cout.flush();
  return failed ? 1 : 0;
}

}  // namespace kg::cli
