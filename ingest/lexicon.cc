// The run-time side of the lexicon: reads the blob that ingest/lexgen compiled
// at build time (layout in lexgen/blob.h) in place. Loading copies only the
// few thousand actor entries into LexiconEntry values; every other table is a
// sorted array searched by binary search where it lies, so start-up costs
// well under a millisecond.
#include "ingest/lexicon.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <fstream>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/lexgen/blob.h"
#include "ingest/lexgen/fold.h"
#include "ingest/word_set.h"

namespace kg {

namespace {

using lexblob::Header;
using lexblob::NameRecord;
using lexblob::PairRecord;
using lexfold::FoldForLookup;

constexpr std::string_view kKeyPrefix[] = {
    "person:", "country:", "city:", "region:", "org:", "facility:"};

// Tokens of a case-kept fold, for comparing capitalisation word by word.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  return lexfold::IsUpper(lexfold::DecodeUtf8(s, i));
}

// Whether a phrase written as `phrase` (case-kept fold) may stand for a
// surface `surface` (case-kept fold) under `flags`.
bool CaseMatches(std::string_view phrase, std::string_view surface,
                 uint32_t flags) {
  if (flags & lexblob::kExactCase) return phrase == surface;
  if (flags & lexblob::kNeedsCapitals) {
    std::vector<std::string_view> p = Tokens(phrase), s = Tokens(surface);
    if (p.size() != s.size()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
      if (StartsUpper(s[i]) && !StartsUpper(p[i])) return false;
    }
  }
  return true;
}

std::string ToLowerAscii(std::string_view s) { return lexfold::AsciiLower(s); }

// Suffixes here are a few bytes: a loop beats a call to memcmp.
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const char* tail = s.data() + (s.size() - suffix.size());
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (tail[i] != suffix[i]) return false;
  }
  return true;
}

// Byte-wise a < b and a == b, the order the tables are sorted in (as
// std::string_view compares), without a call to memcmp: keys are a few
// bytes, and the binary searches compare many of them.
inline bool KeyLess(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}
inline bool KeyEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Extraction asks the same questions again and again ("does a phrase start
// with `Prime`?", is "Despite" a common word): each thread memoises the answers for
// one lexicon generation in an open-addressing table. The table starts small
// (a one-article run pays little to set it up) and doubles up to kMaxSlots,
// enough for the distinct words of a large corpus; full at that size, it is
// emptied, so memory cannot grow with the corpus. Keys are the text exactly
// as asked.
template <typename V>
class Memo {
 public:
  template <typename Compute>
  const V& Get(uint64_t generation, std::string_view key, const Compute& compute) {
    if (generation != generation_) Reset(generation);
    const uint64_t hash = Hash(key);
    for (size_t i = hash;; ++i) {
      Slot& slot = slots_[i & mask_];
      if (!slot.used) break;
      if (slot.hash == hash && slot.key.size() == key.size() &&
          std::memcmp(slot.key.data(), key.data(), key.size()) == 0) {
        return slot.value;
      }
    }
    // Computed before inserting: `compute` may use other memos, never this one.
    V value = compute();
    if (used_ + 1 > slots_.size() / 4 * 3) {
      if (slots_.size() < kMaxSlots) {
        Grow();
      } else {
        Reset(generation);
      }
    }
    for (size_t i = hash;; ++i) {
      Slot& slot = slots_[i & mask_];
      if (slot.used) continue;
      slot.key.assign(key);
      slot.hash = hash;
      slot.value = std::move(value);
      slot.used = true;
      ++used_;
      return slot.value;
    }
  }

 private:
  static constexpr size_t kMinSlots = 1 << 10, kMaxSlots = 1 << 17;
  struct Slot {
    std::string key;
    uint64_t hash = 0;
    V value{};
    bool used = false;
  };
  // Words are short: eight bytes at a time, then the rest byte by byte,
  // each step a multiply-xorshift mix.
  static uint64_t Hash(std::string_view s) {
    uint64_t h = s.size() * 0x9E3779B97F4A7C15ull;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, sizeof word);
      h = (h ^ word) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    uint64_t tail = 0;
    for (; i < s.size(); ++i) tail = tail << 8 | static_cast<unsigned char>(s[i]);
    h = (h ^ tail) * 0x94D049BB133111EBull;
    return h ^ (h >> 29);
  }
  void Reset(uint64_t generation) {
    slots_.assign(kMinSlots, Slot{});
    mask_ = slots_.size() - 1;
    used_ = 0;
    generation_ = generation;
  }
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (Slot& from : old) {
      if (!from.used) continue;
      for (size_t i = from.hash;; ++i) {
        Slot& to = slots_[i & mask_];
        if (to.used) continue;
        to = std::move(from);
        break;
      }
    }
  }
  uint64_t generation_ = 0;
  size_t used_ = 0;
  size_t mask_ = 0;  // slots_.size() - 1
  std::vector<Slot> slots_;
};

}  // namespace

std::string CanonicalKey(EntityType type, std::string_view name) {
  std::string key(kKeyPrefix[static_cast<size_t>(type)]);
  key += lexfold::NormalizeName(name);
  return key;
}

// A user lexicon entry's surface, checked like a built-in NameRecord.
struct UserName {
  std::string surface;  // case-kept fold
  uint32_t flags;
  const LexiconEntry* entry;
};

// Every Lexicon content (built-in, then each AddFile) gets a new generation,
// so that per-thread memos never answer for another lexicon.
std::atomic<uint64_t> next_generation{1};

struct Lexicon::Rep {
  uint64_t generation = next_generation++;
  std::string_view blob;
  const Header* header = nullptr;
  const char* pool = nullptr;
  std::vector<LexiconEntry> entries;      // the built-in actors, by index
  std::deque<LexiconEntry> user_entries;  // stable addresses for AddFile
  std::unordered_map<std::string, std::vector<UserName>>
      user_names;  // folded -> names
  size_t max_name_tokens = 0;
  // First folded word of every name, demonym and title -> most words any of
  // them spans, so that the tokens no phrase starts with cost one lookup.
  // (A WordMap: looked up by a view, and its filter turns down most words
  // before hashing.)
  WordMap<size_t> phrase_starts;
  std::unordered_map<std::string_view, const LexiconEntry*> by_key;  // built-in and user entries

  // First words of the names, demonyms and titles (as their keys fold them),
  // so that FindIn and FindTitle turn down most phrases without folding them.
  OwnedWordSet name_starts, demonym_starts, title_starts;  // (filtered: most words start no name)

  void NotePhrase(std::string_view folded) {
    size_t words = 1 + static_cast<size_t>(std::count(folded.begin(), folded.end(), ' '));
    size_t& most = phrase_starts[std::string(folded.substr(0, folded.find(' ')))];
    most = std::max(most, words);
  }
  void IndexPhraseStarts() {
    for (lexblob::Table t : {lexblob::kNames, lexblob::kDemonyms}) {
      const NameRecord* r = Table<NameRecord>(t);
      auto& starts = t == lexblob::kNames ? name_starts : demonym_starts;
      for (size_t i = 0; i < Count(t); ++i) {
        NotePhrase(Str(r[i].key));
        starts.insert(std::string(FirstWord(Str(r[i].key))));
      }
    }
    const PairRecord* titles = Table<PairRecord>(lexblob::kTitles);
    for (size_t i = 0; i < Count(lexblob::kTitles); ++i) {
      NotePhrase(Str(titles[i].key));
      title_starts.insert(std::string(FirstWord(Str(titles[i].key))));
    }
  }
  static std::string_view FirstWord(std::string_view key) { return key.substr(0, key.find(' ')); }

  // False only when no key of table `t` can start like `phrase` would once
  // folded (FoldForLookup for names and demonyms, NormalizeName for titles).
  // Works on plain ASCII phrases; for others it cannot tell and says true.
  bool MayStart(lexblob::Table t, std::string_view phrase) const {
    const bool titles = t == lexblob::kTitles;
    char word[32];
    size_t n = 0;
    for (char ch : phrase) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0x80) return true;
      if (c == '.' && !titles) continue;  // dropped: "U.S." is "US"
      const bool kept = !titles && (c == '\'' || c == '&' || c == '`');
      const bool separator = !kept && (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                                       lexfold::IsAsciiPunct(c));
      if (separator) {
        if (n > 0) break;
        continue;
      }
      if (n == sizeof word) return true;
      word[n++] = c == '`' ? '\'' : static_cast<char>(lexfold::ToLower(c));
    }
    if (n == 0) return true;
    const std::string_view first(word, n);
    if (titles) return title_starts.count(first) > 0;
    if (t == lexblob::kDemonyms) return demonym_starts.count(first) > 0;
    return name_starts.count(first) > 0;
  }

  template <typename Record>
  const Record* Table(lexblob::Table t) const {
    return reinterpret_cast<const Record*>(blob.data() +
                                           header->table_offset[t]);
  }
  size_t Count(lexblob::Table t) const { return header->table_count[t]; }
  std::string_view Str(uint32_t offset) const {
    return lexblob::PoolString(pool, offset);
  }

  // Keys are sorted byte-wise, so the keys that start with the same two
  // bytes are neighbours: prefix_start[t][p] is the index of the first key
  // of table t whose prefix code is p or more. A lookup then searches only
  // its neighbours (a handful) instead of the whole table (up to 74,000
  // keys). Built when the lexicon loads: one pass over each table.
  static constexpr size_t kPrefixCodes = 1 << 16;
  static uint32_t PrefixCode(std::string_view key) {
    const auto byte = [&](size_t i) { return i < key.size() ? static_cast<unsigned char>(key[i]) : 0u; };
    return byte(0) << 8 | byte(1);
  }
  std::vector<uint32_t> prefix_start[lexblob::kTableCount];

  template <typename Record>
  void IndexPrefixes(lexblob::Table t) {
    const Record* records = Table<Record>(t);
    std::vector<uint32_t>& start = prefix_start[t];
    start.resize(kPrefixCodes + 1);
    uint32_t next_code = 0;
    for (uint32_t i = 0; i < Count(t); ++i) {
      const uint32_t code = PrefixCode(Str(records[i].key));
      while (next_code <= code) start[next_code++] = i;
    }
    while (next_code <= kPrefixCodes) start[next_code++] = static_cast<uint32_t>(Count(t));
  }
  void IndexPrefixes() {
    IndexPrefixes<NameRecord>(lexblob::kNames);
    IndexPrefixes<NameRecord>(lexblob::kDemonyms);
    for (uint32_t t = lexblob::kVerbExceptions; t < lexblob::kTableCount; ++t) {
      IndexPrefixes<PairRecord>(static_cast<lexblob::Table>(t));
    }
  }

  // The records of table `t` whose key equals `key`.
  template <typename Record>
  std::pair<const Record*, const Record*> Range(lexblob::Table t,
                                                std::string_view key) const {
    const Record* table = Table<Record>(t);
    const uint32_t code = PrefixCode(key);
    const Record* begin = table + prefix_start[t][code];
    const Record* end = table + prefix_start[t][code + 1];
    auto lo = std::lower_bound(
        begin, end, key,
        [this](const Record& r, std::string_view k) { return KeyLess(Str(r.key), k); });
    auto hi = lo;
    while (hi != end && KeyEqual(Str(hi->key), key)) ++hi;
    return {lo, hi};
  }

  // Whether some key of table `t` starts with `prefix` (sorted keys: the
  // first key not less than it is the one to look at).
  template <typename Record>
  bool HasKeyStartingWith(lexblob::Table t, std::string_view prefix) const {
    const Record* table = Table<Record>(t);
    const Record* begin = table;
    const Record* end = table + Count(t);
    if (prefix.size() >= 2) {  // then every such key has prefix's first two bytes
      const uint32_t code = PrefixCode(prefix);
      begin = table + prefix_start[t][code];
      end = table + prefix_start[t][code + 1];
    }
    auto it = std::lower_bound(
        begin, end, prefix,
        [this](const Record& r, std::string_view k) { return KeyLess(Str(r.key), k); });
    return it != end && KeyEqual(Str(it->key).substr(0, prefix.size()), prefix);
  }

  // Folding keeps prefixes: the fold of a phrase starts with the fold of any
  // phrase it starts with (folds go character by character, and only the
  // trailing space they trim could differ). So a phrase whose fold starts no
  // key starts no phrase that is a key.
  //
  // A key that starts with a fold of two words or more ("prime min") starts
  // with its whole first word ("prime"): the sets of first words turn down
  // most phrases before the tables are searched.
  bool MayStartPhrase(std::string_view phrase) const {
    if (!user_names.empty()) return true;  // not indexed by prefix
    auto may_start = [](const std::string& folded, const OwnedWordSet& starts) {
      const size_t space = folded.find(' ');
      return space == std::string::npos || starts.count(std::string_view(folded).substr(0, space)) > 0;
    };
    const std::string folded = FoldForLookup(phrase, true);
    if ((may_start(folded, name_starts) && HasKeyStartingWith<NameRecord>(lexblob::kNames, folded)) ||
        (may_start(folded, demonym_starts) && HasKeyStartingWith<NameRecord>(lexblob::kDemonyms, folded))) {
      return true;
    }
    for (std::string_view article : {"the ", "The "}) {  // as FindName strips it
      if (phrase.substr(0, article.size()) == article) {
        const std::string rest = FoldForLookup(phrase.substr(article.size()), true);
        if (may_start(rest, name_starts) && HasKeyStartingWith<NameRecord>(lexblob::kNames, rest)) return true;
      }
    }
    const std::string normalized = lexfold::NormalizeName(phrase);
    return may_start(normalized, title_starts) && HasKeyStartingWith<PairRecord>(lexblob::kTitles, normalized);
  }

  bool Contains(lexblob::Table t, std::string_view key) const {
    auto [lo, hi] = Range<PairRecord>(t, key);
    return lo != hi;
  }

  const PairRecord* FindPair(lexblob::Table t, std::string_view key) const {
    auto [lo, hi] = Range<PairRecord>(t, key);
    return lo != hi ? lo : nullptr;
  }

  const LexiconEntry* FindIn(lexblob::Table t, std::string_view phrase) const {
    if (!MayStart(t, phrase)) return nullptr;
    const std::string folded = FoldForLookup(phrase, true);
    std::string
        cased;  // folded keeping case, computed only when a candidate needs it
    auto case_matches = [&](std::string_view surface, uint32_t flags) {
      if (flags == 0) return true;
      if (cased.empty()) cased = FoldForLookup(phrase, false);
      return CaseMatches(cased, surface, flags);
    };
    if (t == lexblob::kNames && !user_names.empty()) {
      auto it = user_names.find(folded);
      if (it != user_names.end()) {
        for (const UserName& n : it->second) {
          if (case_matches(n.surface, n.flags)) return n.entry;
        }
      }
    }
    auto [lo, hi] = Range<NameRecord>(t, folded);
    for (const NameRecord* r = lo; r != hi; ++r) {
      if (case_matches(Str(r->surface), r->flags)) return &entries[r->entry];
    }
    return nullptr;
  }

  // Morphology: the first base form a rule yields that WordNet knows.
  bool IsVerb(const std::string& w) const {
    return Contains(lexblob::kVerbLemmas, w);
  }
  bool IsNoun(const std::string& w) const {
    return Contains(lexblob::kNounLemmas, w);
  }

  std::optional<std::string> KnownVerbLemma(const std::string& w) const {
    if (const PairRecord* r = FindPair(lexblob::kVerbExceptions, w))
      return std::string(Str(r->value));
    if (IsVerb(w)) return w;
    std::optional<std::string> found;
    AnyVerbCandidate(w, [&](const std::string& c) { return IsVerb(c) && (found = c, true); });
    return found;
  }

  std::optional<std::string> KnownNounLemma(const std::string& w) const {
    if (const PairRecord* r = FindPair(lexblob::kNounExceptions, w))
      return std::string(Str(r->value));
    std::optional<std::string> found;
    if (AnyNounCandidate(w, [&](const std::string& c) { return IsNoun(c) && (found = c, true); })) return found;
    if (IsNoun(w)) return w;
    return std::nullopt;
  }

  // WordNet's morphy rules for verbs, plus -ied and doubled consonants, in
  // order of preference ("rated" -> "rate" before "rat"): calls `stop` with
  // each candidate base form until it returns true; returns whether one did.
  // (Built one at a time in one buffer: most words need one or two.)
  template <typename Stop>
  static bool AnyVerbCandidate(std::string_view w, const Stop& stop) {
    std::string c;
    auto strip = [&](std::string_view suffix, std::string_view add) {
      if (w.size() > suffix.size() + 1 && EndsWith(w, suffix)) {
        c.assign(w.substr(0, w.size() - suffix.size()));
        c += add;
        return stop(c);
      }
      return false;
    };
    auto undouble = [&](std::string_view suffix) {
      if (w.size() > suffix.size() + 2 && EndsWith(w, suffix)) {
        c.assign(w.substr(0, w.size() - suffix.size()));
        if (c[c.size() - 1] == c[c.size() - 2] && !IsVowel(c.back())) {
          c.pop_back();
          return stop(c);
        }
      }
      return false;
    };
    return strip("ies", "y") || strip("ied", "y") || strip("es", "e") || strip("es", "") ||
           (!EndsWith(w, "ss") && strip("s", "")) || strip("ed", "e") || strip("ed", "") ||
           undouble("ed") || strip("ing", "e") || strip("ing", "") || undouble("ing");
  }

  // The same for nouns.
  template <typename Stop>
  static bool AnyNounCandidate(std::string_view w, const Stop& stop) {
    std::string c;
    auto strip = [&](std::string_view suffix, std::string_view add) {
      if (w.size() > suffix.size() && EndsWith(w, suffix)) {
        c.assign(w.substr(0, w.size() - suffix.size()));
        c += add;
        return stop(c);
      }
      return false;
    };
    return strip("ses", "s") || strip("xes", "x") || strip("zes", "z") || strip("ches", "ch") ||
           strip("shes", "sh") || strip("ies", "y") || strip("men", "man") ||
           (!EndsWith(w, "ss") && !EndsWith(w, "us") && !EndsWith(w, "is") && strip("s", ""));
  }

  // For words WordNet does not know ("tweeted"): the plain suffix rules.
  static std::string GuessVerbLemma(const std::string& w) {
    auto stem_of = [&](std::string_view suffix) {
      return w.substr(0, w.size() - suffix.size());
    };
    if (w.size() > 4 && (EndsWith(w, "ies") || EndsWith(w, "ied")))
      return stem_of("ies") + "y";
    for (std::string_view suffix : {"ing", "ed"}) {
      if (w.size() > suffix.size() + 2 && EndsWith(w, suffix)) {
        std::string stem = stem_of(suffix);
        const char last = stem.back();
        if (stem[stem.size() - 2] == last && !IsVowel(last) && last != 'l' &&
            last != 's' && last != 'z' && last != 'f') {
          stem.pop_back();  // "planned" -> "plan"
        } else if (EndsWith(stem, "at") || EndsWith(stem, "iz") ||
                   EndsWith(stem, "is") || EndsWith(stem, "v") ||
                   EndsWith(stem, "uc") || EndsWith(stem, "ur") ||
                   EndsWith(stem, "dg") ||
                   (stem.size() >= 2 && !IsVowel(stem[stem.size() - 2]) &&
                    stem.back() == 'c')) {
          stem += 'e';  // "created" -> "create", "criticised" -> "criticise"
        }
        return stem;
      }
    }
    if (w.size() > 3 && EndsWith(w, "es") &&
        (EndsWith(w, "ches") || EndsWith(w, "shes") || EndsWith(w, "sses") ||
         EndsWith(w, "xes"))) {
      return stem_of("es");
    }
    if (w.size() > 3 && EndsWith(w, "s") && !EndsWith(w, "ss"))
      return stem_of("s");
    return w;
  }

  static std::string GuessNounLemma(const std::string& w) {
    if (w.size() > 4 && EndsWith(w, "ies"))
      return w.substr(0, w.size() - 3) + "y";
    if (w.size() > 4 && (EndsWith(w, "ches") || EndsWith(w, "shes") ||
                         EndsWith(w, "sses") || EndsWith(w, "xes"))) {
      return w.substr(0, w.size() - 2);
    }
    if (w.size() > 3 && EndsWith(w, "s") && !EndsWith(w, "ss") &&
        !EndsWith(w, "us") && !EndsWith(w, "is")) {
      return w.substr(0, w.size() - 1);
    }
    return w;
  }
};

Lexicon::Lexicon() : rep_(std::make_unique<Rep>()), generation_(rep_->generation) {}
Lexicon::~Lexicon() = default;

Result<std::unique_ptr<Lexicon>> Lexicon::LoadBuiltin() {
  const std::string_view blob = BuiltinLexiconBlob();
  if (blob.size() < sizeof(Header))
    return Status::Corruption("built-in lexicon: blob too small");
  const auto* header = reinterpret_cast<const Header*>(blob.data());
  if (header->magic != lexblob::kMagic ||
      header->version != lexblob::kVersion) {
    return Status::Corruption("built-in lexicon: unknown format version " +
                              std::to_string(header->version) +
                              " (rebuild kg_lexicon)");
  }
  auto within = [&](uint64_t offset, uint64_t bytes) {
    return offset + bytes <= blob.size();
  };
  bool ok = within(header->pool_offset, header->pool_size) &&
            within(header->entries_offset, uint64_t{header->entry_count} *
                                               sizeof(lexblob::EntryRecord));
  const size_t record_size[] = {sizeof(NameRecord), sizeof(NameRecord),
                                sizeof(PairRecord), sizeof(PairRecord),
                                sizeof(PairRecord), sizeof(PairRecord),
                                sizeof(PairRecord), sizeof(PairRecord),
                                sizeof(PairRecord), sizeof(PairRecord)};
  for (uint32_t t = 0; t < lexblob::kTableCount; ++t) {
    ok = ok && within(header->table_offset[t],
                      uint64_t{header->table_count[t]} * record_size[t]);
  }
  if (!ok)
    return Status::Corruption("built-in lexicon: table outside the blob");

  std::unique_ptr<Lexicon> lexicon(new Lexicon());
  Rep& rep = *lexicon->rep_;
  rep.blob = blob;
  rep.header = header;
  rep.pool = blob.data() + header->pool_offset;
  rep.max_name_tokens = header->max_name_tokens;
  const auto* records = reinterpret_cast<const lexblob::EntryRecord*>(
      blob.data() + header->entries_offset);
  rep.entries.reserve(header->entry_count);
  for (uint32_t i = 0; i < header->entry_count; ++i) {
    const lexblob::EntryRecord& r = records[i];
    rep.entries.push_back(LexiconEntry{
        std::string(rep.Str(r.key)), std::string(rep.Str(r.name)),
        static_cast<EntityType>(r.type),
        std::string(r.country, strnlen(r.country, sizeof(r.country))),
        (r.flags & lexblob::kEntryNationalCapital) != 0});
  }
  rep.IndexPhraseStarts();
  rep.IndexPrefixes();
  for (const LexiconEntry& e : rep.entries) rep.by_key.emplace(e.key, &e);
  return lexicon;
}

Status Lexicon::AddFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot open user lexicon");
  std::string line;
  int number = 0;
  struct Parsed {
    std::string surface;
    LexiconEntry entry;
  };
  std::vector<Parsed> parsed;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    auto error = [&](const std::string& what) {
      return Status::InvalidArgument(path + ":" + std::to_string(number) +
                                     ": " + what);
    };
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      std::string field = line.substr(
          start, tab == std::string::npos ? std::string::npos : tab - start);
      const size_t b = field.find_first_not_of(' '),
                   e = field.find_last_not_of(' ');
      fields.push_back(b == std::string::npos ? ""
                                              : field.substr(b, e - b + 1));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    while (!fields.empty() && fields.back().empty()) fields.pop_back();
    if (fields.size() < 3 || fields.size() > 4) {
      return error(
          "expected \"surface<TAB>type<TAB>canonical name[<TAB>alpha-3]\", "
          "found " +
          std::to_string(fields.size()) + " field(s)");
    }
    if (fields[0].empty() || fields[2].empty())
      return error("empty surface or canonical name");
    std::optional<EntityType> type = ParseEntityType(fields[1]);
    if (!type) {
      return error("unknown entity type \"" + fields[1] +
                   "\" (expected Person, Country, City, Region, Organization "
                   "or Facility)");
    }
    std::string country = fields.size() > 3 ? fields[3] : "";
    if (!country.empty() &&
        (country.size() != 3 ||
         !std::all_of(country.begin(), country.end(),
                      [](char c) { return c >= 'A' && c <= 'Z'; }))) {
      return error("country \"" + country +
                   "\" is not an ISO 3166-1 alpha-3 code");
    }
    if (*type == EntityType::kCountry && country.empty())
      return error("a Country needs its alpha-3 code");
    LexiconEntry entry{*type == EntityType::kCountry
                           ? "country:" + country
                           : CanonicalKey(*type, fields[2]),
                       fields[2], *type, country};
    parsed.push_back(Parsed{fields[0], std::move(entry)});
  }
  if (in.bad()) return Status::IOError(path + ": read error");

  // All lines are valid: add them. One entry per key, so several surfaces of
  // one actor share it. The lexicon changes, so answers memoised for its
  // previous content no longer hold.
  rep_->generation = next_generation++;
  generation_ = rep_->generation;
  std::unordered_map<std::string, const LexiconEntry*> by_key;
  for (Parsed& p : parsed) {
    const LexiconEntry*& entry = by_key[p.entry.key];
    if (!entry) {
      rep_->user_entries.push_back(p.entry);
      entry = &rep_->user_entries.back();
      rep_->by_key[entry->key] = entry;
    }
    for (const std::string& surface : {p.surface, p.entry.name}) {
      const std::string cased = FoldForLookup(surface, false);
      uint32_t flags = 0;
      const bool has_lower =
          std::any_of(cased.begin(), cased.end(),
                      [](char c) { return c >= 'a' && c <= 'z'; });
      const bool has_alpha =
          std::any_of(cased.begin(), cased.end(),
                      [](char c) { return c >= 'A' && c <= 'Z'; });
      if (!has_lower && has_alpha && cased.size() >= 2)
        flags = lexblob::kExactCase;
      std::vector<UserName>& names =
          rep_->user_names[FoldForLookup(surface, true)];
      // A later line overrides an earlier one for the same surface.
      names.erase(std::remove_if(names.begin(), names.end(),
                                 [&](const UserName& n) {
                                   return n.surface == cased &&
                                          n.flags == flags;
                                 }),
                  names.end());
      names.insert(names.begin(), UserName{cased, flags, entry});
      rep_->NotePhrase(FoldForLookup(surface, true));
      rep_->name_starts.insert(std::string(Rep::FirstWord(FoldForLookup(surface, true))));
      rep_->max_name_tokens =
          std::max(rep_->max_name_tokens, Tokens(cased).size());
    }
  }
  return Status::Ok();
}

const LexiconEntry* Lexicon::FindByKey(std::string_view key) const {
  auto it = rep_->by_key.find(key);
  return it == rep_->by_key.end() ? nullptr : it->second;
}

// Not memoised here: extraction keeps the answer with each distinct word
// (word_facts.h), as it does the lemmas.
size_t Lexicon::MaxPhraseTokens(std::string_view first_word) const {
  std::string folded = FoldForLookup(first_word, true);
  auto it = rep_->phrase_starts.find(std::string_view(folded).substr(0, folded.find(' ')));
  return it == rep_->phrase_starts.end() ? size_t{0} : it->second;
}

// Mention finding asks for every phrase of one to a few words at every word
// that some name, demonym or title starts like; the answers (folding, then a
// binary search of a table of a hundred thousand keys) are memoised.
bool Lexicon::MayStartPhrase(std::string_view phrase) const {
  thread_local Memo<bool> memo;
  return memo.Get(rep_->generation, phrase, [&] { return rep_->MayStartPhrase(phrase); });
}

bool Lexicon::MayStartPhraseUnmemoised(std::string_view phrase) const { return rep_->MayStartPhrase(phrase); }

const LexiconEntry* Lexicon::FindName(std::string_view phrase) const {
  thread_local Memo<const LexiconEntry*> memo;
  return memo.Get(rep_->generation, phrase, [&]() -> const LexiconEntry* {
    if (const LexiconEntry* e = rep_->FindIn(lexblob::kNames, phrase)) return e;
    // "the Netherlands", "The Hague" stripped of the article, if the caller
    // kept it.
    for (std::string_view article : {"the ", "The "}) {
      if (phrase.substr(0, article.size()) == article)
        return rep_->FindIn(lexblob::kNames, phrase.substr(article.size()));
    }
    return nullptr;
  });
}

size_t Lexicon::max_name_tokens() const { return rep_->max_name_tokens; }

const LexiconEntry* Lexicon::FindDemonym(std::string_view phrase) const {
  if (!StartsUpper(phrase)) return nullptr;
  thread_local Memo<const LexiconEntry*> memo;
  return memo.Get(rep_->generation, phrase, [&] { return rep_->FindIn(lexblob::kDemonyms, phrase); });
}

std::string Lexicon::VerbLemma(std::string_view lowercase_word) const {
  const std::string w = ToLowerAscii(lowercase_word);
  if (auto lemma = rep_->KnownVerbLemma(w)) return *lemma;
  return Rep::GuessVerbLemma(w);
}

std::string Lexicon::NounLemma(std::string_view lowercase_word) const {
  const std::string w = ToLowerAscii(lowercase_word);
  if (auto lemma = rep_->KnownNounLemma(w)) return *lemma;
  return Rep::GuessNounLemma(w);
}

bool Lexicon::IsCommonWord(std::string_view lowercase_word) const {
  thread_local Memo<bool> memo;
  return memo.Get(rep_->generation, lowercase_word, [&] {
    const std::string w = ToLowerAscii(lowercase_word);
    if (w.empty()) return false;
    if (rep_->Contains(lexblob::kVocabulary, w)) return true;
    // Inflected forms of common words: "officials", "warned".
    auto known = [&](const std::string& c) { return rep_->Contains(lexblob::kVocabulary, c); };
    return Rep::AnyNounCandidate(w, known) || Rep::AnyVerbCandidate(w, known);
  });
}

bool Lexicon::IsGivenName(std::string_view word) const {
  if (!StartsUpper(word)) return false;
  thread_local Memo<bool> memo;
  return memo.Get(rep_->generation, word,
                  [&] { return rep_->Contains(lexblob::kGivenNames, FoldForLookup(word, true)); });
}

std::string_view Lexicon::FindTitle(std::string_view phrase) const {
  if (!rep_->MayStart(lexblob::kTitles, phrase)) return {};  // most phrases, cheaper than the memo
  thread_local Memo<std::string_view> memo;  // views into the blob
  return memo.Get(rep_->generation, phrase, [&] {
    const PairRecord* r = rep_->FindPair(lexblob::kTitles, lexfold::NormalizeName(phrase));
    return r ? rep_->Str(r->value) : std::string_view();
  });
}

// What kind of head word `word` is (lexblob::kOrganizationWord,
// kFacilityWord), or ~0u for none; memoised, as mention finding asks about
// most capitalised words.
uint32_t Lexicon::HeadWordKind(std::string_view word) const {
  thread_local Memo<uint32_t> memo;
  return memo.Get(rep_->generation, word, [&] {
    const PairRecord* r = rep_->FindPair(lexblob::kHeadWords, ToLowerAscii(word));
    return r ? static_cast<uint32_t>(r->value) : ~0u;
  });
}

bool Lexicon::IsOrganizationWord(std::string_view word) const {
  return HeadWordKind(word) == lexblob::kOrganizationWord;
}

bool Lexicon::IsFacilityWord(std::string_view word) const { return HeadWordKind(word) == lexblob::kFacilityWord; }

LexiconStats Lexicon::stats() const {
  LexiconStats s;
  for (const LexiconEntry& e : rep_->entries)
    ++s.entries[static_cast<size_t>(e.type)];
  s.names = rep_->Count(lexblob::kNames);
  s.demonyms = rep_->Count(lexblob::kDemonyms);
  s.vocabulary = rep_->Count(lexblob::kVocabulary);
  s.given_names = rep_->Count(lexblob::kGivenNames);
  s.titles = rep_->Count(lexblob::kTitles);
  s.head_words = rep_->Count(lexblob::kHeadWords);
  s.verb_exceptions = rep_->Count(lexblob::kVerbExceptions);
  s.noun_exceptions = rep_->Count(lexblob::kNounExceptions);
  s.user_entries = rep_->user_entries.size();
  return s;
}

bool IsGovernmentOffice(std::string_view title) {
  // A state's law officers and auditor; other "General"s are a rank or
  // an international body's ("Secretary-General", "Director-General").
  for (std::string_view office : {"Attorney General", "Solicitor General", "Auditor General"}) {
    if (title.ends_with(office)) return true;
  }
  if (title.find("General") != std::string_view::npos || title.find("Press") != std::string_view::npos) return false;
  return title.find("Minister") != std::string_view::npos || title.find("Secretary") != std::string_view::npos ||
         title.find("Chancellor") != std::string_view::npos;
}

}  // namespace kg
