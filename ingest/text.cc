#include "ingest/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstring>
#include <deque>

#include "ingest/word_set.h"

namespace kg {
namespace {

// ICU's U8_NEXT sets its temporaries on every path; g++ 12 at -O3 cannot
// tell once this is inlined into the tokenizer.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
inline UChar32 DecodeAt(std::string_view text, uint32_t i, uint32_t end, uint32_t* next) {
  if (static_cast<unsigned char>(text[i]) < 0x80) {  // most news text is ASCII
    *next = i + 1;
    return static_cast<unsigned char>(text[i]);
  }
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(text.data(), j, static_cast<int32_t>(end), c);
  *next = static_cast<uint32_t>(j);
  return c;
}
#pragma GCC diagnostic pop


bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }
bool IsQuote(UChar32 c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x00AB || c == 0x00BB;
}
// ICU's answers, without a call for ASCII.
bool IsAsciiAlpha(UChar32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// ASCII letters and digits, by byte: kAsciiDigit, kAsciiLetter or 0.
constexpr uint8_t kAsciiDigit = 1, kAsciiLetter = 2;
constexpr std::array<uint8_t, 256> kAsciiAlnum = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) table[c] = kAsciiLetter;
    if (c >= '0' && c <= '9') table[c] = kAsciiDigit;
  }
  return table;
}();
bool IsDigit(UChar32 c) { return c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(c); }
bool IsAlpha(UChar32 c) { return c < 0x80 ? IsAsciiAlpha(c) : u_isalpha(c); }
bool IsUpper(UChar32 c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c); }
bool IsSpace(UChar32 c) { return c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : u_isUWhiteSpace(c); }
bool IsWordChar(UChar32 c) {
  if (c >= 0 && c < 0x80) return IsAsciiAlpha(c) || (c >= '0' && c <= '9');
  return c > 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK);
}

// Whether text[at, end) starts with a word that makes the name before a
// hyphen the agent of what follows ("US-led coalition", "Qatar-brokered
// deal"), followed by no further word character.
bool IsAgencySuffix(std::string_view text, uint32_t at, uint32_t end) {
  // Not "-backed" or "-funded": "Iranian-backed militias" act for
  // themselves, and Iran would wrongly become the agent of their acts.
  static constexpr std::string_view kSuffixes[] = {"led", "brokered"};
  for (std::string_view suffix : kSuffixes) {
    if (end - at < suffix.size() || text.substr(at, suffix.size()) != suffix) continue;
    uint32_t next;
    if (at + suffix.size() == end || !IsWordChar(DecodeAt(text, at + static_cast<uint32_t>(suffix.size()), end, &next))) {
      return true;
    }
  }
  return false;
}

// Whether an opening single quote is still open among the tokens so far
// (then "'" after "Democrats" closes it rather than marking a possessive).
// Single-quoted phrases are short; a stray "'" far back (or one nested
// right inside a double quote, '"'We ...') opens nothing here.
bool OpenSingleQuote(std::string_view text, const std::vector<Token>& tokens) {
  int open = 0;
  size_t from = tokens.size() > 30 ? tokens.size() - 30 : 0;
  for (size_t k = from; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.kind != Token::Kind::kQuote) continue;
    if (k > 0 && tokens[k - 1].kind == Token::Kind::kQuote && tokens[k - 1].end == t.begin) continue;
    uint32_t next;
    if (IsApostrophe(DecodeAt(text, t.begin, t.end, &next))) open ^= 1;
  }
  return open != 0;
}

// Whether a word character starts at i (after the space that ends a token).
inline bool IsWordAfterSpace(std::string_view text, uint32_t i, uint32_t end) {
  uint32_t next;
  return i < end && IsWordChar(DecodeAt(text, i, end, &next));
}

std::string FoldApostrophes(std::string_view s) {
  if (s.find('\xE2') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
        static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x99 || static_cast<unsigned char>(s[i + 2]) == 0x98)) {
      out.push_back('\'');
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Whether a[0, n) == b[0, n): words are short, and two overlapping loads
// compare one of up to 16 bytes without a call to memcmp.
bool SameBytes(const char* a, const char* b, size_t n) {
  auto load8 = [](const char* q) { uint64_t v; std::memcpy(&v, q, 8); return v; };
  auto load4 = [](const char* q) { uint32_t v; std::memcpy(&v, q, 4); return v; };
  if (n >= 8 && n <= 16) return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
  if (n >= 4 && n < 8) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  if (n < 4) {
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  return std::memcmp(a, b, n) == 0;
}

// The words of one thread: an open-addressing index over a deque (words
// never move, tokens point at them). The index is keyed by the text as
// written (Word::raw), so that a lookup folds nothing: "Britain’s" and
// "Britain's" are two Words with the same norm. A slot is 16 bytes, part of
// the hash, the length and the word, so that the index of a large corpus's
// words stays small for the processor's caches (every token looks it up).
class WordTable {
 public:
  // The word with text `raw` (as in the article), added on first sight.
  const Word& Intern(std::string_view raw) {
    const uint64_t hash = WordHash{}(raw);
    const auto tag = static_cast<uint32_t>(hash >> 32);
    size_t i = hash & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.word == nullptr) break;
      if (slot.tag == tag && slot.size == raw.size() && SameBytes(slot.word->raw.data(), raw.data(), raw.size())) {
        return *slot.word;
      }
    }
    Word& w = words_.emplace_back();
    w.id = next_id_++;
    if (raw.find('\xE2') == std::string_view::npos) {
      FillWord(raw, &w);
      w.raw = w.norm;
    } else {  // maybe a curly apostrophe: the key is the text as written
      FillWord(FoldApostrophes(raw), &w);
      w.raw = raw_keys_.emplace_back(raw);
    }
    slots_[i] = {tag, static_cast<uint32_t>(raw.size()), &w};
    if (words_.size() > slots_.size() / 4 * 3) Grow();
    return w;
  }

  void ForgetIfMany() {
    if (words_.size() <= kMaxWords) return;
    words_.clear();
    raw_keys_.clear();
    slots_.assign(kMinSlots, Slot{});
    mask_ = kMinSlots - 1;
  }

 private:
  static constexpr size_t kMinSlots = 1 << 12, kMaxWords = 1 << 17;
  struct Slot {
    uint32_t tag = 0;   // the hash's high half
    uint32_t size = 0;  // of the key, word->raw
    const Word* word = nullptr;
  };

  static void FillWord(std::string_view norm, Word* w) {
    w->norm.assign(norm.data(), norm.size());
    w->lower.assign(norm.data(), norm.size());
    int letters = 0, upper = 0;
    for (char& ch : w->lower) {
      if (ch >= 'A' && ch <= 'Z') {
        ch = static_cast<char>(ch - 'A' + 'a');
        ++upper;
        ++letters;
      } else if (ch >= 'a' && ch <= 'z') {
        ++letters;
      }
    }
    if (!norm.empty()) {
      uint32_t next;
      UChar32 first = DecodeAt(norm, 0, static_cast<uint32_t>(norm.size()), &next);
      // ICU's answer without the calls for ASCII: no ASCII letter is title case.
      w->capitalized = first < 0x80 ? first >= 'A' && first <= 'Z' : u_isupper(first) || u_istitle(first);
    }
    w->all_caps = letters >= 2 && upper == letters;
  }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.word == nullptr) continue;
      size_t i = WordHash{}(s.word->raw) & mask_;
      while (slots_[i].word != nullptr) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::deque<Word> words_;
  uint64_t next_id_ = 1;  // not reset when words are forgotten (Word::id)
  std::deque<std::string> raw_keys_;  // keys that differ from their word's norm
  std::vector<Slot> slots_ = std::vector<Slot>(kMinSlots);
  size_t mask_ = kMinSlots - 1;
};

WordTable& ThreadWords() {
  thread_local WordTable table;
  return table;
}

}  // namespace

void ForgetWordsIfMany() { ThreadWords().ForgetIfMany(); }

void Tokenize(std::string_view text, uint32_t begin, uint32_t end, std::vector<Token>* out) {
  out->reserve(out->size() + (end - begin) / 4);  // news text: a token per ~5.5 bytes
  WordTable& words = ThreadWords();
  uint32_t i = begin;
  while (i < end) {
    if (text[i] == ' ') {  // (most of what separates tokens)
      ++i;
      continue;
    }
    uint32_t next;
    UChar32 c = DecodeAt(text, i, end, &next);
    if (c < 0 || IsSpace(c)) {
      i = next;
      continue;
    }
    struct {
      uint32_t begin, end;
      Token::Kind kind;
    } t{i, i, Token::Kind::kPunct};  // the token's extent, built in place below
    if (IsWordChar(c)) {
      // A word: letters/digits, with inner hyphens, dots of initialisms
      // ("U.S."), and apostrophes other than a possessive ("O'Brien").
      bool digits_only = IsDigit(c);
      uint32_t j = next;
      while (j < end) {
        // The common case, as IsWordChar below: a run of ASCII letters and
        // digits, whose kinds are gathered into `seen`.
        uint8_t seen = 0;
        for (uint8_t kind; j < end && (kind = kAsciiAlnum[static_cast<unsigned char>(text[j])]) != 0; ++j) seen |= kind;
        if (seen & kAsciiLetter) digits_only = false;
        if (j >= end) break;
        const auto b = static_cast<unsigned char>(text[j]);
        // Any other ASCII byte ends the word, but for the joiners below
        // (nearly every word ends at a space or a punctuation mark).
        if (b < 0x80 && b != '-' && b != '.' && b != ',' && b != '\'') break;
        uint32_t k;
        UChar32 d = DecodeAt(text, j, end, &k);
        if (IsWordChar(d)) {
          digits_only = digits_only && IsDigit(d);
          j = k;
          continue;
        }
        uint32_t k2;
        UChar32 after = k < end ? DecodeAt(text, k, end, &k2) : -1;
        if (d == '-' && j - t.begin == 2 && (text[t.begin] == 'e' || text[t.begin] == 'E') && text[t.begin + 1] == 'x' &&
            IsUpper(after)) {
          break;  // "Ex-White House", "ex-Labour": the name stands apart
        }
        if (d == '-' && IsUpper(DecodeAt(text, t.begin, end, &k2)) && IsAgencySuffix(text, k, end)) {
          break;  // "US-led", "Iranian-backed": the actor stands apart
        }
        if ((d == '-' || d == '.' || d == ',') && IsWordChar(after)) {
          // "Jong-un", "U.S", "11,000"; a comma only inside numbers.
          if (d == ',' && !(digits_only && IsDigit(after))) break;
          if (d == '.' && !(digits_only || (k - j == 1 && (j - t.begin) <= 2))) {
            // Inner dots only in numbers ("2.5") and initialisms ("U.S.").
            if (!(IsUpper(after) && (j - t.begin) == 1)) break;
          }
          j = k;
          continue;
        }
        if (IsApostrophe(d) && IsAlpha(after)) {
          // Possessive 's / ’s ends the word; O'Brien, don't stay whole.
          uint32_t k3 = k2;
          UChar32 after2 = k3 < end ? DecodeAt(text, k3, end, &k3) : -1;
          if ((after == 's' || after == 'S') && !IsWordChar(after2)) break;
          j = k;
          continue;
        }
        break;
      }
      // Keep the final dot of an initialism: "U.S." / "U.N.".
      if (j < end && text[j] == '.' && j - t.begin >= 3 && text[j - 2] == '.') ++j;
      t.end = j;
      t.kind = digits_only ? Token::Kind::kNumber : Token::Kind::kWord;
    } else if (IsApostrophe(c) && next < end && (text[next] == 's' || text[next] == 'S') &&
               !out->empty() && out->back().end == i) {
      uint32_t k;
      UChar32 after = next + 1 < end ? DecodeAt(text, next + 1, end, &k) : -1;
      if (!IsWordChar(after)) {
        t.end = next + 1;
        t.kind = Token::Kind::kPossessive;
      } else {
        t.end = next;
        t.kind = Token::Kind::kQuote;
      }
    } else if (IsApostrophe(c) && !out->empty() && out->back().end == i && out->back().kind == Token::Kind::kWord &&
               (text[i - 1] == 's' || text[i - 1] == 'S') && next + 1 < end && text[next] == ' ' &&
               IsWordAfterSpace(text, next + 1, end) && !OpenSingleQuote(text, *out)) {
      // "the Greens' spokesman": a plural's possessive, not a quote.
      t.end = next;
      t.kind = Token::Kind::kPossessive;
    } else if (IsQuote(c) || IsApostrophe(c)) {
      t.end = next;
      t.kind = Token::Kind::kQuote;
    } else {
      t.end = next;
      t.kind = Token::Kind::kPunct;
    }
    const Word& word = words.Intern(text.substr(t.begin, t.end - t.begin));
    Token& token = out->emplace_back(word);
    token.begin = t.begin;
    token.end = t.end;
    token.kind = t.kind;
    if (t.kind == Token::Kind::kWord) {
      token.capitalized = word.capitalized;
      token.all_caps = word.all_caps;
    }
    i = t.end > i ? t.end : next;
  }
}

void SentenceEnds(const std::vector<Token>& tokens, std::vector<size_t>* ends_out) {
  // Words after which a full stop does not end a sentence.
  static const WordSet kAbbreviations = {
      "mr",  "mrs", "ms",  "dr",  "prof", "gen", "lt",   "col", "sgt", "capt", "gov", "sen",
      "rep", "st",  "jr",  "sr",  "inc",  "ltd", "corp", "co",  "no",  "vs",   "etc", "jan",
      "feb", "mar", "apr", "aug", "sept", "sep", "oct",  "nov", "dec", "rev",  "maj", "adm"};
  std::vector<size_t>& ends = *ends_out;
  ends.clear();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != Token::Kind::kPunct || !(t.Is(".") || t.Is("!") || t.Is("?"))) continue;
    size_t end = i + 1;
    // A quote written right after the full stop closes this sentence; one
    // after a space opens the next.
    while (end < tokens.size() && tokens[end].kind == Token::Kind::kQuote &&
           tokens[end].begin == tokens[end - 1].end) {
      ++end;
    }
    if (end >= tokens.size()) break;
    const Token& next = tokens[end];
    bool starts_sentence = next.capitalized || next.kind == Token::Kind::kQuote ||
                           next.kind == Token::Kind::kNumber;
    if (!starts_sentence) continue;
    if (t.Is(".") && i > 0) {
      const Token& prev = tokens[i - 1];
      if (kAbbreviations.count(prev.lower)) continue;
      if (prev.IsWord() && prev.norm.size() == 1 && prev.capitalized) continue;  // "J. Smith"
    }
    ends.push_back(end);
    i = end - 1;
  }
  ends.push_back(tokens.size());
}

}  // namespace kg
