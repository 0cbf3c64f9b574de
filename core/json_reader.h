// A reader of JSON text in the plain shape kg writes itself (storage
// records, extraction lines): a cursor whose every method returns false on
// anything else, so that the caller hands the text to nlohmann_json instead.
// What it accepts it reads as nlohmann_json would ("-0" is the integer 0,
// \u escapes decode, invalid UTF-8 is refused).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_text.h"  // IsValidUtf8

namespace kg {

// A cursor over one value. Every method returns false when the text is not
// in the plain shape kg writes; the caller then lets nlohmann_json read it.
class JsonReader {
 public:
  explicit JsonReader(std::string_view text)
      : p_(text.data()), end_(text.data() + text.size()) {}

  void Space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool Consume(char c) {
    Space();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool AtEnd() {
    Space();
    return p_ == end_;
  }

  // An object whose members `member(key)` reads, one by one.
  template <typename F>
  bool Object(F&& member) {
    if (!Consume('{')) return false;
    if (Consume('}')) return true;
    for (;;) {
      std::string_view key;
      if (!Key(&key) || !Consume(':')) return false;
      Space();
      if (!member(key)) return false;
      if (Consume(',')) continue;
      return Consume('}');
    }
  }

  bool String(std::string* out) {
    if (!Consume('"')) return false;
    out->clear();
    const char* run = p_;
    bool high = false;
    while (p_ < end_) {
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out->append(run, p_);
        ++p_;
        return !high || IsValidUtf8(*out);
      }
      if (c < 0x20) return false;
      if (c >= 0x80) high = true;
      if (c != '\\') {
        ++p_;
        continue;
      }
      out->append(run, p_);
      if (++p_ == end_) return false;
      switch (*p_) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          // Edge keys hold \x1f, which JSON writes as \u001f.
          uint32_t code;
          if (!Hex4(&code)) return false;
          if (code >= 0xDC00 && code <= 0xDFFF) return false;
          if (code >= 0xD800 && code <= 0xDBFF) {
            uint32_t low;
            if (end_ - p_ < 3 || p_[1] != '\\' || p_[2] != 'u') return false;
            p_ += 2;
            if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(code, out);
          break;
        }
        default: return false;
      }
      run = ++p_;
    }
    return false;
  }

  // The four hex digits after \u; leaves p_ on the last of them.
  bool Hex4(uint32_t* code) {
    if (end_ - p_ < 5) return false;
    *code = 0;
    for (int i = 1; i <= 4; ++i) {
      char c = p_[i];
      uint32_t digit;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      *code = (*code << 4) | digit;
    }
    p_ += 4;
    return true;
  }

  static void AppendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      *out += static_cast<char>(code);
    } else if (code < 0x800) {
      *out += static_cast<char>(0xC0 | (code >> 6));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      *out += static_cast<char>(0xE0 | (code >> 12));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (code >> 18));
      *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  bool Strings(std::vector<std::string>* out) {
    out->clear();
    if (!Consume('[')) return false;
    if (Consume(']')) return true;
    for (;;) {
      if (!String(&out->emplace_back())) return false;
      if (Consume(',')) continue;
      return Consume(']');
    }
  }

  template <typename F>
  bool Array(F&& item) {
    if (!Consume('[')) return false;
    if (Consume(']')) return true;
    for (;;) {
      if (!item()) return false;
      if (Consume(',')) continue;
      return Consume(']');
    }
  }

  bool Uint(uint32_t* out) {
    Space();
    const char* start = p_;
    uint64_t value = 0;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
      value = value * 10 + static_cast<uint64_t>(*p_ - '0');
      if (value > std::numeric_limits<uint32_t>::max()) return false;
      ++p_;
    }
    size_t digits = static_cast<size_t>(p_ - start);
    if (digits == 0 || (digits > 1 && *start == '0')) return false;
    if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    *out = static_cast<uint32_t>(value);
    return true;
  }

  bool Double(double* out) {
    Space();
    const char* start = p_;
    const char* q = p_;
    if (q < end_ && *q == '-') ++q;
    const char* int_start = q;
    while (q < end_ && *q >= '0' && *q <= '9') ++q;
    if (q == int_start || (q - int_start > 1 && *int_start == '0')) return false;
    if (q < end_ && *q == '.') {
      const char* frac = ++q;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
      if (q == frac) return false;
    }
    if (q < end_ && (*q == 'e' || *q == 'E')) {
      ++q;
      if (q < end_ && (*q == '+' || *q == '-')) ++q;
      const char* exp = q;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
      if (q == exp) return false;
    }
    auto [end, ec] = std::from_chars(start, q, *out);
    if (ec != std::errc() || end != q) return false;
    // nlohmann_json reads "-0" as the integer 0.
    if (*out == 0 && std::string_view(start, q - start).find_first_of(".eE") == std::string_view::npos) *out = 0.0;
    p_ = q;
    return true;
  }

  bool Bool(bool* out) {
    Space();
    if (end_ - p_ >= 4 && std::string_view(p_, 4) == "true") {
      *out = true;
      p_ += 4;
      return true;
    }
    if (end_ - p_ >= 5 && std::string_view(p_, 5) == "false") {
      *out = false;
      p_ += 5;
      return true;
    }
    return false;
  }

 private:
  // A member name without escapes (all of kg's are plain ASCII).
  bool Key(std::string_view* out) {
    if (!Consume('"')) return false;
    const char* start = p_;
    while (p_ < end_ && *p_ != '"') {
      if (*p_ == '\\' || static_cast<unsigned char>(*p_) < 0x20) return false;
      ++p_;
    }
    if (p_ == end_) return false;
    *out = std::string_view(start, static_cast<size_t>(p_ - start));
    ++p_;
    return true;
  }

  const char* p_;
  const char* end_;
};

}  // namespace kg
