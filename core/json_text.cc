#include "core/json_text.h"

#include <array>
#include <cstdint>

namespace kg {
namespace {

constexpr uint8_t kAccept = 0, kReject = 1;

// Bjoern Hoehrmann's UTF-8 decoder (the one nlohmann::json uses): accepts
// exactly the well-formed sequences of Unicode's Table 3-7, so surrogates
// (ED A0..BF), overlong forms and code points past U+10FFFF are rejected at
// the byte where they stop being well-formed.
constexpr std::array<uint8_t, 400> kUtf8d = {{
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 00..1F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 20..3F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 40..5F
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 60..7F
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,  // 80..9F
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,  // A0..BF
    8, 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,  // C0..DF
    0xA, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x4, 0x3, 0x3,                  // E0..EF
    0xB, 0x6, 0x6, 0x6, 0x5, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8,                  // F0..FF
    0x0, 0x1, 0x2, 0x3, 0x5, 0x8, 0x7, 0x1, 0x1, 0x1, 0x4, 0x6, 0x1, 0x1, 0x1, 0x1,                  // s0..s0
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1,  // s1..s2
    1, 2, 1, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1,  // s3..s4
    1, 2, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1,  // s5..s6
    1, 3, 1, 1, 1, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // s7..s8
}};

inline uint8_t Decode(uint8_t* state, uint32_t* codepoint, uint8_t byte) {
  const uint8_t type = kUtf8d[byte];
  *codepoint = *state != kAccept ? (byte & 0x3Fu) | (*codepoint << 6) : (0xFFu >> type) & byte;
  *state = kUtf8d[256u + *state * 16u + type];
  return *state;
}

// Bytes that go out as they are when no multi-byte sequence is open.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

void AppendEscaped(std::string& out, uint32_t codepoint) {
  switch (codepoint) {
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char escape[6] = {'\\', 'u', '0', '0', kHex[codepoint >> 4], kHex[codepoint & 0xF]};
      out.append(escape, sizeof escape);
    }
  }
}

}  // namespace

void AppendJsonString(std::string* out_ptr, std::string_view s) {
  std::string& out = *out_ptr;
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  uint8_t state = kAccept;
  uint32_t codepoint = 0;
  // Where the output stood after the last complete code point, and whether
  // bytes of an incomplete one were copied since (nlohmann's bookkeeping:
  // an invalid sequence is cut back to there and replaced by one U+FFFD; the
  // byte that broke a started sequence is read again on its own).
  size_t after_last_accept = out.size();
  bool pending = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto byte = static_cast<uint8_t>(s[i]);
    if (state == kAccept && kPlain[byte]) {  // the common case: a run of plain ASCII
      size_t end = i + 1;
      while (end < s.size() && kPlain[static_cast<uint8_t>(s[end])]) ++end;
      out.append(s.data() + i, end - i);
      i = end - 1;
      after_last_accept = out.size();
      continue;
    }
    switch (Decode(&state, &codepoint, byte)) {
      case kAccept:
        if (codepoint <= 0x1F || codepoint == '"' || codepoint == '\\') {
          AppendEscaped(out, codepoint);
        } else {
          out += s[i];
        }
        after_last_accept = out.size();
        pending = false;
        break;
      case kReject:
        if (pending) --i;
        out.resize(after_last_accept);
        out += kReplacement;
        after_last_accept = out.size();
        pending = false;
        state = kAccept;
        break;
      default:  // inside a multi-byte sequence
        out += s[i];
        pending = true;
        break;
    }
  }
  if (state != kAccept) {  // the string ends inside a sequence
    out.resize(after_last_accept);
    out += kReplacement;
  }
  out += '"';
}

bool IsValidUtf8(std::string_view text) {
  uint8_t state = kAccept;
  uint32_t codepoint = 0;
  for (char c : text) {
    if (state == kAccept && static_cast<uint8_t>(c) < 0x80) continue;
    if (Decode(&state, &codepoint, static_cast<uint8_t>(c)) == kReject) return false;
  }
  return state == kAccept;
}

}  // namespace kg
