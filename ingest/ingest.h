// ingest/: text in, entities and relations out. Two steps:
//
//   1. ReadArticles turns a path (.txt file, .jsonl file, directory of them,
//      or "-" for standard input) into Articles. Bad input (binary, invalid
//      UTF-8, malformed JSON line) is reported through `on_error` with the
//      file and line, and reading goes on with the next article.
//   2. Extractor::Extract finds the actors an article mentions and the
//      relations between them, each with the sentence that backs it. It uses
//      lexicons (iso-codes, WordNet, ingest/data/*.tsv, --lexicon files) and
//      the relation patterns in ingest/data/patterns.tsv. It keeps no state
//      between calls, so one Extractor may serve many threads.
//
//   auto extractor = kg::Extractor::Create({});
//   kg::ReadArticles("samples/", {}, [&](kg::Article a) {
//     kg::Extraction x = (*extractor)->Extract(a);
//     std::cout << kg::ExtractionToJson(x) << "\n";
//   }, [](const kg::Status& s) { std::cerr << s.message() << "\n"; });
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace kg {

struct ReadOptions {
  std::string default_date;  // used when an article carries no date (--date)
  size_t max_article_bytes = 64u << 20;  // larger articles are rejected
};

// Article ids: a .txt file's id is "<parent dir name>/<file stem>", so the
// same file gets the same id however it is reached; a JSONL line's id is its
// "id" field, else "<file stem>:<line>"; stdin text is "stdin".
// Returns a non-OK Status only when `path` itself cannot be read.
Status ReadArticles(const std::string& path, const ReadOptions& options,
                    const std::function<void(Article)>& on_article,
                    const std::function<void(const Status&)>& on_error);

struct ExtractorOptions {
  std::vector<std::string> lexicon_files;  // extra user lexicons (TSV)
  std::vector<std::string> pattern_files;  // extra relation patterns
};

class Extractor {
 public:
  // Errors name the lexicon or pattern file and line that is wrong.
  static Result<std::unique_ptr<Extractor>> Create(const ExtractorOptions& options);
  virtual ~Extractor() = default;
  virtual Extraction Extract(const Article& article) const = 0;
};

// One line of JSON in the evaluation format of ../shared/eval/README.md, plus
// the article id and each relation's evidence.
std::string ExtractionToJson(const Extraction& extraction);

// The interchange form (ingest/extraction_json.cc): the evaluation format
// plus the article's text, url, source and origin, confidences unrounded.
// What `kg extract --format full` writes, so that extraction can run on other
// machines and `kg ingest --extracted` merge the result: the graph is the one
// a direct ingest of the articles would build.
std::string ExtractionToFullJson(const Extraction& extraction);
// Reads one line of either form back. Fields the evaluation format leaves
// out (text, url, ...) stay empty. Errors (InvalidArgument) say which field
// is wrong; the caller adds the file and line.
Result<Extraction> ExtractionFromJson(std::string_view line);

}  // namespace kg
