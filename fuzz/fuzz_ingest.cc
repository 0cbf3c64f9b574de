// libFuzzer target: arbitrary bytes through the article readers and the
// extractor, as `kg ingest` would meet them. Each input is written to a
// .txt and a .jsonl file (the readers' public API takes paths) and every
// article read is extracted and rendered as JSON. Besides crashes and
// sanitizer reports, it aborts when an extraction breaks what graph/ relies
// on (storage/FORMAT.md, graph/merge.cc):
//   - entity keys are non-empty and free of the bytes \0 and \x1f;
//   - every relation's ends and speaker are entities of the extraction;
//   - evidence offsets are ordered and within the article text.
//
//   fuzz/run.sh 600          # build with clang and fuzz for ten minutes
#include <unicode/utf8.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "ingest/ingest.h"

namespace {

[[noreturn]] void Broken(const std::string& what, const kg::Article& article) {
  std::fprintf(stderr, "fuzz_ingest: %s (article '%s', %zu bytes)\n", what.c_str(),
               article.id.c_str(), article.text.size());
  std::abort();
}

uint32_t CodePoints(std::string_view s) {
  uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

bool BadKey(std::string_view key) {
  return key.empty() || key.find('\0') != std::string_view::npos ||
         key.find('\x1f') != std::string_view::npos;
}

void CheckExtraction(const kg::Extraction& x) {
  const kg::Article& a = x.article;
  std::set<std::string> keys;
  for (const kg::Entity& e : x.entities) {
    if (BadKey(e.key)) Broken("bad entity key '" + e.key + "'", a);
    keys.insert(e.key);
  }
  const uint32_t length = CodePoints(a.text);
  for (const kg::Relation& r : x.relations) {
    for (const std::string* end : {&r.source, &r.target}) {
      if (keys.count(*end) == 0) Broken("relation end '" + *end + "' is no entity", a);
    }
    if (BadKey(r.type)) Broken("bad relation type '" + r.type + "'", a);
    const kg::Evidence& ev = r.evidence;
    if (!ev.attributed_to.empty() && keys.count(ev.attributed_to) == 0) {
      Broken("speaker '" + ev.attributed_to + "' is no entity", a);
    }
    if (ev.sentence_start > ev.sentence_end || ev.sentence_end > length ||
        ev.trigger_start > ev.trigger_end || ev.trigger_end > length) {
      Broken("evidence offsets out of order or range: sentence " + std::to_string(ev.sentence_start) +
                 "-" + std::to_string(ev.sentence_end) + ", trigger " +
                 std::to_string(ev.trigger_start) + "-" + std::to_string(ev.trigger_end) +
                 ", text " + std::to_string(length) + " code points",
             a);
    }
  }
}

struct Fixture {
  std::unique_ptr<kg::Extractor> extractor;
  std::string txt, jsonl;

  Fixture() {
    auto created = kg::Extractor::Create({});
    if (!created.ok()) {
      std::fprintf(stderr, "fuzz_ingest: %s\n", created.status().message().c_str());
      std::abort();
    }
    extractor = created.take();
    // The files' parent directory gives .txt articles their id.
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("kg-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    txt = (dir / "input.txt").string();
    jsonl = (dir / "input.jsonl").string();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture* fixture = new Fixture();
  kg::ReadOptions options;
  options.default_date = "2024-06-19";
  for (const std::string* path : {&fixture->txt, &fixture->jsonl}) {
    {
      std::ofstream out(*path, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    kg::Status s = kg::ReadArticles(
        *path, options,
        [&](kg::Article article) {
          kg::Extraction x = fixture->extractor->Extract(article);
          CheckExtraction(x);
          std::string json = kg::ExtractionToJson(x);
          if (json.empty()) Broken("empty JSON", x.article);
        },
        [](const kg::Status& error) {
          if (error.message().empty()) std::abort();  // errors must say something
        });
    s.IgnoreError();
  }
  return 0;
}
