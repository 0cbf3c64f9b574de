// The extraction pipeline for one article: sentences -> mentions ->
// relations -> an Extraction with code-point offsets.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "ingest/analysis.h"
#include "ingest/ingest.h"
#include "ingest/word_set.h"

namespace kg {
namespace {

const WordMap<unsigned> kMonths = {
    {"january", 1}, {"february", 2}, {"march", 3},     {"april", 4},    {"may", 5},
    {"june", 6},    {"july", 7},     {"august", 8},    {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}};
const WordMap<unsigned> kWeekdays = {
    {"sunday", 0}, {"monday", 1}, {"tuesday", 2}, {"wednesday", 3},
    {"thursday", 4}, {"friday", 5}, {"saturday", 6}};

std::optional<std::chrono::year_month_day> ParseDate(const std::string& iso) {
  if (iso.size() < 10) return std::nullopt;
  try {
    int y = std::stoi(iso.substr(0, 4));
    unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
    unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
  } catch (...) {
    return std::nullopt;
  }
}

std::string FormatDay(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}
std::string FormatMonth(int year, unsigned month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", year, month);
  return buf;
}

bool IsYear(const Token& t) {
  return t.kind == Token::Kind::kNumber && t.norm.size() == 4 && (t.norm[0] == '1' || t.norm[0] == '2');
}

// Bytes -> code points, for offsets users index with Unicode strings.
// Only the offsets asked for (Add) are converted, in one pass over the
// text up to the last of them, instead of a table for every byte.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text) : text_(text) {}
  void Add(uint32_t byte) { bytes_.push_back(byte); }
  void Convert() {
    std::sort(bytes_.begin(), bytes_.end());
    bytes_.erase(std::unique(bytes_.begin(), bytes_.end()), bytes_.end());
    code_points_.resize(bytes_.size());
    uint32_t cp = 0;
    size_t i = 0;
    for (size_t k = 0; k < bytes_.size(); ++k) {
      const size_t until = std::min<size_t>(bytes_[k], text_.size());
      for (; i < until; ++i) {
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++cp;
      }
      code_points_[k] = cp;
    }
  }
  uint32_t operator()(uint32_t byte) const {
    return code_points_[std::lower_bound(bytes_.begin(), bytes_.end(), byte) - bytes_.begin()];
  }

 private:
  std::string_view text_;
  std::vector<uint32_t> bytes_, code_points_;
};

class PatternExtractor : public Extractor {
 public:
  PatternExtractor(std::unique_ptr<Lexicon> lexicon, Rules rules)
      : lexicon_(std::move(lexicon)), rules_(std::move(rules)) {}

  // Long texts are read in blocks of paragraphs so that memory stays
  // bounded whatever the article's size; coreference does not cross blocks.
  Extraction Extract(const Article& article) const override {
    Extraction x;
    std::unordered_map<std::string, size_t> entity_at;
    for (auto [begin, end] : Blocks(article.text)) {
      if (begin == 0 && end == article.text.size()) {  // one block, nearly always: no copy
        ExtractBlock(article, 0, &x, &entity_at);
        continue;
      }
      Article block = article;
      block.text = article.text.substr(begin, end - begin);
      ExtractBlock(block, static_cast<uint32_t>(begin), &x, &entity_at);
    }
    OffsetMap cp(article.text);
    for (const Relation& r : x.relations) {
      for (uint32_t byte : {r.evidence.sentence_start, r.evidence.sentence_end, r.evidence.trigger_start,
                            r.evidence.trigger_end}) {
        cp.Add(byte);
      }
    }
    cp.Convert();
    for (Relation& r : x.relations) {
      Evidence& ev = r.evidence;
      ev.sentence = article.text.substr(ev.sentence_start, ev.sentence_end - ev.sentence_start);
      ev.sentence_start = cp(ev.sentence_start);
      ev.sentence_end = cp(ev.sentence_end);
      ev.trigger_start = cp(ev.trigger_start);
      ev.trigger_end = cp(ev.trigger_end);
    }
    x.article = article;
    return x;
  }

 private:
  static constexpr size_t kBlockBytes = 256 << 10;

  // [begin, end) byte ranges of at most about kBlockBytes, cut after a line
  // break, or failing that after a sentence's full stop.
  static std::vector<std::pair<size_t, size_t>> Blocks(std::string_view text) {
    std::vector<std::pair<size_t, size_t>> blocks;
    size_t begin = 0;
    while (text.size() - begin > kBlockBytes) {
      size_t cut = text.rfind('\n', begin + kBlockBytes);
      if (cut == std::string_view::npos || cut <= begin) cut = text.rfind(". ", begin + kBlockBytes);
      if (cut == std::string_view::npos || cut <= begin) cut = begin + kBlockBytes - 1;
      while (cut + 1 < text.size() && (static_cast<unsigned char>(text[cut + 1]) & 0xC0) == 0x80) ++cut;
      blocks.emplace_back(begin, cut + 1);
      begin = cut + 1;
    }
    blocks.emplace_back(begin, text.size());
    return blocks;
  }

  // Extracts `block` (a slice of the article starting at byte `offset`) and
  // merges its entities and relations into `x`, with byte offsets.
  void ExtractBlock(const Article& block, uint32_t offset, Extraction* x,
                    std::unordered_map<std::string, size_t>* entity_at) const {
    ForgetWordsIfMany();  // no tokens of an earlier block are alive
    // The sentence analyses of the thread's previous block, emptied: the
    // memory of their lists is reused (allocated anew for every sentence
    // and freed again, they were a fifth of all allocations).
    thread_local std::vector<SentenceAnalysis> recycled;
    Analysis analysis;
    analysis.article = &block;
    std::vector<Sentence> sentences =
        SplitSentences(block.text, [this](std::string_view line) { return rules_.SkipLine(line); });
    analysis.sentences.swap(recycled);
    analysis.sentences.resize(sentences.size());
    for (size_t i = 0; i < sentences.size(); ++i) {
      SentenceAnalysis& sa = analysis.sentences[i];
      sa.time = SentenceTime(sentences[i].tokens, block.date);
      sa.sentence = std::move(sentences[i]);
    }
    FindMentions(*lexicon_, rules_, &analysis);
    if (debug_) DumpAnalysis(analysis);
    std::vector<Relation> relations;
    FindRelations(*lexicon_, rules_, &analysis, &relations);
    for (Relation& r : relations) {
      Evidence& ev = r.evidence;
      ev.sentence_start += offset;
      ev.sentence_end += offset;
      ev.trigger_start += offset;
      ev.trigger_end += offset;
      if (ev.time.empty()) ev.time = block.date;
      if (r.type == "role") AddRole(&analysis, r);
      x->relations.push_back(std::move(r));
    }
    // A capital that only acted as its government is an alias of its country.
    for (const auto& [city, country] : analysis.capitals_as_governments) {
      Entity& c = analysis.entities[analysis.entity_by_key.at(country)];
      const std::string& name = analysis.entities[analysis.entity_by_key.at(city)].name;
      if (name != c.name && std::find(c.aliases.begin(), c.aliases.end(), name) == c.aliases.end()) {
        c.aliases.push_back(name);
      }
    }
    for (Entity& e : analysis.entities) {
      if (analysis.capitals_as_governments.count(e.key)) continue;
      auto [it, added] = entity_at->emplace(e.key, x->entities.size());
      if (added) {
        x->entities.push_back(std::move(e));
        continue;
      }
      Entity& kept = x->entities[it->second];
      for (auto& alias : e.aliases) {
        if (alias != kept.name && std::find(kept.aliases.begin(), kept.aliases.end(), alias) == kept.aliases.end()) {
          kept.aliases.push_back(alias);
        }
      }
      for (auto& role : e.roles) {
        if (std::find(kept.roles.begin(), kept.roles.end(), role) == kept.roles.end()) kept.roles.push_back(role);
      }
      if (kept.country.empty()) kept.country = e.country;
    }
    for (SentenceAnalysis& sa : analysis.sentences) {  // empty, as new, for the next block
      sa.sentence.tokens.clear();
      sa.mentions.clear();
      sa.titles.clear();
      sa.mention_at.clear();
      sa.title_at.clear();
      sa.time.clear();
    }
    recycled.swap(analysis.sentences);
  }

  static void AddRole(Analysis* analysis, const Relation& r) {
    auto person = analysis->entity_by_key.find(r.source);
    auto org = analysis->entity_by_key.find(r.target);
    if (person == analysis->entity_by_key.end()) return;
    std::string role = r.role;
    Entity& holder = analysis->entities[person->second];
    if (org != analysis->entity_by_key.end()) {
      const Entity& office = analysis->entities[org->second];
      role += ", " + office.name;
      // An office holder belongs to the country whose office it is (or
      // whose national body it is), as political event data codes actors.
      if (holder.country.empty()) holder.country = office.country;
    }
    auto& roles = holder.roles;
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  }

  // KG_DEBUG=1: what the extractor saw, sentence by sentence, on stderr.
  static void DumpAnalysis(const Analysis& a) {
    for (const SentenceAnalysis& sa : a.sentences) {
      std::fprintf(stderr, "S: %s\n", a.article->text.substr(sa.sentence.begin, sa.sentence.end - sa.sentence.begin).c_str());
      for (const Mention& m : sa.mentions) {
        std::fprintf(stderr, "   M %s -> %s\n", JoinTokens(sa.sentence.tokens, m.first, m.last).c_str(),
                     m.entity >= 0 ? a.entities[m.entity].key.c_str() : "?");
      }
      for (const TitleSpan& t : sa.titles) {
        std::fprintf(stderr, "   T %s = %s\n", JoinTokens(sa.sentence.tokens, t.first, t.last).c_str(), t.title.c_str());
      }
    }
  }

  std::unique_ptr<Lexicon> lexicon_;
  Rules rules_;
  bool debug_ = std::getenv("KG_DEBUG") != nullptr;
};

}  // namespace

std::string SentenceTime(const std::vector<Token>& tokens, const std::string& article_date) {
  auto anchor = ParseDate(article_date);
  // Weekdays point forward in sentences about the future ("will travel on
  // Wednesday"), back otherwise ("met on Wednesday"); asked only when a
  // weekday is named.
  auto future = [&tokens] {
    return std::any_of(tokens.begin(), tokens.end(), [](const Token& t) {
      return t.Is("will") || t.Is("expected") || t.Is("scheduled") || t.Is("due");
    });
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (anchor && i + 1 < tokens.size() && (t.Is("last") || t.Is("next") || t.Is("this"))) {
      // "last month", "next year", "this week".
      int step = t.Is("last") ? -1 : t.Is("next") ? 1 : 0;
      const std::string_view unit = tokens[i + 1].lower;
      if (unit == "month") {
        auto ym = std::chrono::year_month{anchor->year(), anchor->month()} + std::chrono::months{step};
        return FormatMonth(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
      }
      if (unit == "year") return std::to_string(static_cast<int>(anchor->year()) + step);
      if (unit == "week") {
        return FormatDay(std::chrono::year_month_day{std::chrono::sys_days{*anchor} + std::chrono::days{7 * step}});
      }
    }
    // Month and weekday names count only capitalised: most tokens skip both lookups.
    auto month = t.capitalized ? kMonths.find(t.lower) : kMonths.end();
    if (month != kMonths.end()) {
      // "February 2022", "in February", "last September".
      if (i + 1 < tokens.size() && IsYear(tokens[i + 1])) {
        return FormatMonth(std::stoi(tokens[i + 1].norm), month->second);
      }
      if (anchor) {
        int year = static_cast<int>(anchor->year());
        unsigned now = static_cast<unsigned>(anchor->month());
        bool last = i > 0 && tokens[i - 1].Is("last");
        bool next = i > 0 && tokens[i - 1].Is("next");
        if ((last && month->second >= now) || (!next && !last && month->second > now + 1)) --year;
        if (next && month->second <= now) ++year;
        return FormatMonth(year, month->second);
      }
      continue;
    }
    auto weekday = t.capitalized && anchor ? kWeekdays.find(t.lower) : kWeekdays.end();
    if (weekday != kWeekdays.end()) {
      // The nearest such weekday before (or, for the future, after) the
      // article date, the date itself included.
      std::chrono::sys_days day{*anchor};
      unsigned today = std::chrono::weekday{day}.c_encoding();
      if (future()) {
        unsigned ahead = (weekday->second + 7 - today) % 7;
        return FormatDay(std::chrono::year_month_day{day + std::chrono::days{ahead}});
      }
      unsigned back = (today + 7 - weekday->second) % 7;
      return FormatDay(std::chrono::year_month_day{day - std::chrono::days{back}});
    }
    if (anchor && (t.Is("yesterday") || t.Is("today"))) {
      std::chrono::sys_days day{*anchor};
      if (t.Is("yesterday")) day -= std::chrono::days{1};
      return FormatDay(std::chrono::year_month_day{day});
    }
    if (IsYear(t) && i > 0 && (tokens[i - 1].Is("in") || tokens[i - 1].Is("since"))) {
      return t.norm;
    }
  }
  return "";
}

Result<std::unique_ptr<Extractor>> Extractor::Create(const ExtractorOptions& options) {
  auto lexicon = Lexicon::LoadBuiltin();
  if (!lexicon.ok()) return lexicon.status();
  for (const auto& file : options.lexicon_files) KG_RETURN_IF_ERROR((*lexicon)->AddFile(file));
  auto rules = Rules::Builtin();
  if (!rules.ok()) return rules.status();
  for (const auto& file : options.pattern_files) KG_RETURN_IF_ERROR(rules->AddFile(file));
  return std::unique_ptr<Extractor>(new PatternExtractor(lexicon.take(), rules.take()));
}

}  // namespace kg
