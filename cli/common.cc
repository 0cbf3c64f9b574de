#include "cli/common.h"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <iostream>

namespace kg::cli {

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

Progress::Progress() : enabled_(isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

void Progress::Tick(size_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r%zu articles, %.0f/s ", done, secs > 0 ? done / secs : 0.0);
}

void Progress::Done() {
  if (enabled_) std::fprintf(stderr, "\r\033[K");
}

Result<std::unique_ptr<Store>> OpenForReading(const CommonOptions& common) {
  return Store::Open(common.db, Store::Mode::kReadOnly);
}

std::optional<uint32_t> ResolveOne(const GraphSnapshot& graph, const std::string& name, const std::string& db) {
  // A canonical key ("person:vladimir putin") names one entity whatever its
  // aliases share; the ambiguity message below lists keys for that reason.
  if (auto by_key = graph.index_of_key.find(name); by_key != graph.index_of_key.end()) return by_key->second;
  std::vector<uint32_t> found = ResolveName(graph, name);
  if (found.empty()) {
    std::cerr << "kg: no actor named \"" << name << "\" in " << db << " (kg stats shows what it holds)\n";
    return std::nullopt;
  }
  if (found.size() > 1) {
    std::cerr << "kg: \"" << name << "\" is ambiguous in " << db << "; name one by its key:\n";
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

}  // namespace kg::cli
