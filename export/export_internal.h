// Pieces shared by the export writers (graphviz.cc, jsonld.cc) and the
// dispatcher (export.cc). Not part of the public API: include export/export.h.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "export/export.h"
#include "graph/graph.h"

namespace kg::export_internal {

// An output destination: a file opened for binary writing, or standard
// output for "-". Close() reports write errors (full disk, ...) that only
// show at flush time; the destructor closes silently if Close() was skipped.
class OutputFile {
 public:
  static Result<OutputFile> Open(const std::string& path);
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&&) = delete;
  ~OutputFile();

  FILE* get() const { return file_; }
  Status Close();

 private:
  OutputFile(std::string path, FILE* file)
      : path_(std::move(path)), file_(file) {}
  std::string path_;
  FILE* file_ = nullptr;
};

// "<path>: cannot write: <strerror(errnum)>", the one wording for I/O errors.
Status WriteError(const std::string& path, int errnum);

// Exports only read a snapshot, but they rely on its edge_source/edge_target
// being in step with `edges` (GraphSnapshot::Reindex). A snapshot that is not
// gives InvalidArgument naming `path` instead of a wrong picture.
Status CheckIndexed(const GraphSnapshot& graph, const std::string& path);

// Deterministic output order, independent of how the snapshot was built:
// entities by key, edges by (source, type, target).
std::vector<uint32_t> EntitiesByKey(const GraphSnapshot& graph);
std::vector<uint32_t> EdgesByKey(const GraphSnapshot& graph);

// Text safe for XML and CSV consumers: invalid UTF-8 becomes U+FFFD, control
// characters (newlines and tabs included) become spaces. Each replaced
// character is one code point, so evidence offsets still index the text.
std::string CleanText(std::string_view text);

// The articles of options.articles worth exporting with `graph`: cited by
// its evidence or mentioning one of its entities; sorted by id, no repeats.
std::vector<const ArticleRecord*> ArticlesToExport(
    const GraphSnapshot& graph, const ExportOptions& options);

// A JSON-LD document written node by node: Begin, the entities in key
// order, the articles by id, the relations in key order, End. What
// WriteJsonLd and the streaming export of a whole store share.
class JsonLdDocument {
 public:
  explicit JsonLdDocument(FILE* file);
  Status Begin();
  void AddEntity(const Entity& entity);
  // `exported` tells which of its entities the document holds.
  void AddArticle(const ArticleRecord& article,
                  const std::function<bool(const std::string&)>& exported);
  void AddRelation(const EdgeRecord& record, const std::vector<Evidence>& evidence);
  void End();

 private:
  static constexpr size_t kFlushBytes = 1 << 16;
  void StartNode();
  void Flush();
  FILE* file_;
  std::string buffer_;
  bool first_ = true;
};

// A GraphML document written node by node: the nodes n0, n1, ... in key
// order, then the edges e0, e1, ... in key order, each naming its ends by
// their node numbers.
class GraphMlDocument {
 public:
  explicit GraphMlDocument(FILE* file);
  void Begin();
  void AddNode(uint64_t number, const Entity& entity);
  void AddEdge(uint64_t number, uint64_t source, uint64_t target, const EdgeRecord& record,
               const std::vector<Evidence>& evidence);
  void End();

 private:
  static constexpr size_t kFlushBytes = 1 << 16;
  void Data(const char* key, std::string_view text);
  void MaybeFlush();
  FILE* file_;
  std::string buffer_;
};

// The writers; `graph` has passed CheckIndexed.
Status WriteGraphviz(const GraphSnapshot& graph, ExportFormat format,
                     const std::string& path, const ExportOptions& options);
Status WriteJsonLd(const GraphSnapshot& graph, const std::string& path,
                   const ExportOptions& options);
Status WriteGraphMl(const GraphSnapshot& graph, const std::string& path);
Status WriteCsv(const GraphSnapshot& graph, const std::string& dir,
                const ExportOptions& options);

}  // namespace kg::export_internal
