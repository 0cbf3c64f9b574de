#include "ingest/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>

#include "ingest/word_set.h"

namespace kg {
namespace {

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


bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }
bool IsQuote(UChar32 c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x00AB || c == 0x00BB;
}
// ICU's answers, without a call for ASCII.
bool IsAsciiAlpha(UChar32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
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

void FinishToken(std::string_view text, Token* t) {
  const std::string_view raw = text.substr(t->begin, t->end - t->begin);
  if (raw.find('\xE2') == std::string_view::npos) {
    t->norm.assign(raw.data(), raw.size());  // no curly apostrophe: no copy to fold it into
  } else {
    t->norm = FoldApostrophes(raw);
  }
  t->lower.assign(t->norm);
  int letters = 0, upper = 0;
  for (char& ch : t->lower) {
    if (ch >= 'A' && ch <= 'Z') {
      ch = static_cast<char>(ch - 'A' + 'a');
      ++upper;
      ++letters;
    } else if (ch >= 'a' && ch <= 'z') {
      ++letters;
    }
  }
  if (t->kind == Token::Kind::kWord) {
    uint32_t next;
    UChar32 first = DecodeAt(text, t->begin, t->end, &next);
    // ICU's answer without the calls for ASCII: no ASCII letter is title case.
    t->capitalized = first < 0x80 ? first >= 'A' && first <= 'Z' : u_isupper(first) || u_istitle(first);
    t->all_caps = letters >= 2 && upper == letters;
  }
}

}  // namespace

void Tokenize(std::string_view text, uint32_t begin, uint32_t end, std::vector<Token>* out) {
  out->reserve(out->size() + (end - begin) / 4);  // news text: a token per ~5.5 bytes
  uint32_t i = begin;
  while (i < end) {
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
        const auto b = static_cast<unsigned char>(text[j]);
        if (IsAsciiAlpha(b) || (b >= '0' && b <= '9')) {  // the common case, as IsWordChar below
          digits_only = digits_only && b <= '9';
          ++j;
          continue;
        }
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
    Token& token = out->emplace_back();
    token.begin = t.begin;
    token.end = t.end;
    token.kind = t.kind;
    FinishToken(text, &token);
    i = t.end > i ? t.end : next;
  }
}

std::vector<size_t> SentenceEnds(const std::vector<Token>& tokens) {
  // Words after which a full stop does not end a sentence.
  static const WordSet kAbbreviations = {
      "mr",  "mrs", "ms",  "dr",  "prof", "gen", "lt",   "col", "sgt", "capt", "gov", "sen",
      "rep", "st",  "jr",  "sr",  "inc",  "ltd", "corp", "co",  "no",  "vs",   "etc", "jan",
      "feb", "mar", "apr", "aug", "sept", "sep", "oct",  "nov", "dec", "rev",  "maj", "adm"};
  std::vector<size_t> ends;
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
  return ends;
}

}  // namespace kg
