// Text folding shared by the lexicon compiler (ingest/lexgen) and the run-time
// lexicon (ingest/lexicon.cc). Keys are computed by lexgen when the lexicon is
// built and again by Lexicon at lookup time, so both sides must fold text with
// exactly these functions; that is why they live in one header.
//
//   NormalizeName("U.S. Secretary-General")  == "u s secretary general"
//   FoldForLookup("Guinea-Bissau", true)      == "guinea bissau"
//   FoldForLookup("U.S.", false)              == "US"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kg::lexfold {

// Decodes one UTF-8 sequence at s[i] (advancing i). Malformed bytes decode
// as themselves so that folding never loses input.
inline uint32_t DecodeUtf8(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) -> int {
    return i + k < s.size() &&
                   (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80
               ? static_cast<unsigned char>(s[i + k]) & 0x3F
               : -1;
  };
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if ((b0 & 0xE0) == 0xC0 && cont(1) >= 0) {
    uint32_t cp = ((b0 & 0x1Fu) << 6) | static_cast<uint32_t>(cont(1));
    i += 2;
    return cp;
  }
  if ((b0 & 0xF0) == 0xE0 && cont(1) >= 0 && cont(2) >= 0) {
    uint32_t cp = ((b0 & 0x0Fu) << 12) | (static_cast<uint32_t>(cont(1)) << 6) |
                  static_cast<uint32_t>(cont(2));
    i += 3;
    return cp;
  }
  if ((b0 & 0xF8) == 0xF0 && cont(1) >= 0 && cont(2) >= 0 && cont(3) >= 0) {
    uint32_t cp =
        ((b0 & 0x07u) << 18) | (static_cast<uint32_t>(cont(1)) << 12) |
        (static_cast<uint32_t>(cont(2)) << 6) | static_cast<uint32_t>(cont(3));
    i += 4;
    return cp;
  }
  ++i;
  return 0xDC00 |
         b0;  // lone byte: a private marker that re-encodes as the byte
}

inline void AppendUtf8(std::string& out, uint32_t cp) {
  if ((cp & 0xFF00) == 0xDC00) {
    out += static_cast<char>(cp & 0xFF);
    return;
  }
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Lower case for ASCII, Latin-1 and Latin Extended-A: the letters of the
// European names a news lexicon holds. Other scripts pass through.
inline uint32_t ToLowerBeyondAscii(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp == 0x130) return 'i';
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
    return cp | 1;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
    return (cp & 1) ? cp + 1 : cp;
  if (cp == 0x178) return 0xFF;
  return cp;
}
// (ASCII, nearly every call, apart so that it inlines.)
inline uint32_t ToLower(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  return ToLowerBeyondAscii(cp);
}

inline bool IsUpper(uint32_t cp) { return ToLower(cp) != cp; }

// Typographic variants folded to their ASCII form: curly and modifier
// apostrophes to ', dashes to -, no-break spaces to space.
inline uint32_t FoldTypography(uint32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x02BC:
    case 0x00B4:
    case 0x0060:
    case 0x2032:
      return '\'';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    case 0x00A0:
    case 0x2007:
    case 0x202F:
    case '\t':
    case '\n':
    case '\r':
      return ' ';
    case 0x201C:
    case 0x201D:
    case 0x201E:
      return '"';
    default:
      return cp;
  }
}

inline bool IsAsciiPunct(uint32_t cp) {
  return cp < 0x80 && cp > ' ' &&
         !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 'A' && cp <= 'Z'));
}

// Appends `cp` to `out`, turning runs of spaces into one and dropping leading
// spaces; the caller trims a trailing space.
inline void AppendCollapsed(std::string& out, uint32_t cp) {
  if (cp == ' ') {
    if (!out.empty() && out.back() != ' ') out += ' ';
    return;
  }
  AppendUtf8(out, cp);
}

inline void TrimTrailingSpace(std::string& s) {
  if (!s.empty() && s.back() == ' ') s.pop_back();
}

// The normalised form used in canonical keys: lower case, every punctuation
// mark (apostrophes, dots, hyphens, ...) a space, spaces collapsed.
// Both folds below first try plain ASCII text (nearly every lookup at run
// time) in a local buffer: the same steps as the general loop, without
// decoding or growing a string byte by byte. They return false, having
// written nothing, when the text is not plain ASCII or too long.
template <typename FoldByte>
inline bool FoldAscii(std::string_view s, std::string* out, const FoldByte& fold_byte) {
  char buffer[128];
  if (s.size() > sizeof buffer) return false;
  size_t n = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return false;
    const int folded = fold_byte(c);  // -1: dropped
    if (folded < 0) continue;
    if (folded == ' ') {
      if (n > 0 && buffer[n - 1] != ' ') buffer[n++] = ' ';
      continue;
    }
    buffer[n++] = static_cast<char>(folded);
  }
  if (n > 0 && buffer[n - 1] == ' ') --n;
  out->assign(buffer, n);
  return true;
}

inline std::string NormalizeName(std::string_view s) {
  std::string out;
  if (FoldAscii(s, &out, [](uint32_t c) {
        const uint32_t cp = FoldTypography(c);
        return static_cast<int>(IsAsciiPunct(cp) || cp == ' ' ? ' ' : ToLower(cp));
      })) {
    return out;
  }
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = FoldTypography(DecodeUtf8(s, i));
    if (IsAsciiPunct(cp) || cp == ' ') {
      cp = ' ';
    } else {
      cp = ToLower(cp);
    }
    AppendCollapsed(out, cp);
  }
  TrimTrailingSpace(out);
  return out;
}

// The form lexicon surfaces are indexed and looked up by: typography folded,
// dots dropped ("U.S." and "US" meet), other punctuation except ' and & a
// space ("Guinea-Bissau" and "Guinea Bissau" meet), spaces collapsed; lower
// case when `lower`, else case kept for the exact-case checks.
inline std::string FoldForLookup(std::string_view s, bool lower) {
  std::string out;
  if (FoldAscii(s, &out, [lower](uint32_t c) {
        uint32_t cp = FoldTypography(c);
        if (cp == '.') return -1;
        if (cp != '\'' && cp != '&' && IsAsciiPunct(cp)) cp = ' ';
        if (lower) cp = ToLower(cp);
        return static_cast<int>(cp);
      })) {
    return out;
  }
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = FoldTypography(DecodeUtf8(s, i));
    if (cp == '.') continue;
    if (cp != '\'' && cp != '&' && IsAsciiPunct(cp)) cp = ' ';
    if (lower) cp = ToLower(cp);
    AppendCollapsed(out, cp);
  }
  TrimTrailingSpace(out);
  return out;
}

// ASCII lower case only, for words already known to be plain ASCII.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

}  // namespace kg::lexfold
