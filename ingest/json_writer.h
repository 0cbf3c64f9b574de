// A small streaming JSON writer for extraction output (internal to ingest/).
// It writes exactly what nlohmann::ordered_json::dump(-1, ' ', false,
// error_handler_t::replace) writes for the same values in the same order, so
// output does not change with the writer: no spaces, non-ASCII UTF-8 as is,
// control characters as \b \t \n \f \r or \u00XX, each invalid UTF-8
// sequence replaced by U+FFFD (as nlohmann's decoder delimits them), doubles
// in nlohmann's shortest round-trip form ("0.8", "1.0", "1e-05").
//
// It builds no document tree: values go straight into the caller's string.
// Keys and values must alternate inside objects; the writer inserts commas.
//
//   std::string out;
//   JsonWriter w(&out);
//   w.BeginObject();
//   w.Key("article"); w.String(id);
//   w.Key("confidence"); w.Double(0.8);
//   w.EndObject();  // out == {"article":"...","confidence":0.8}
#pragma once

#include "core/json_text.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

// Appends a number as nlohmann::json dumps a double (NaN and infinities as null).
void AppendJsonDouble(std::string* out, double value);

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(*out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key) {
    Separate();
    // Keys are nearly always plain ASCII words ("article", "confidence"):
    // they need no escaping, so skip the UTF-8 decoder.
    bool plain = true;
    for (const char c : key) plain = plain && c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    if (plain) {
      out_ += '"';
      out_ += key;
      out_ += "\":";
    } else {
      AppendJsonString(&out_, key);
      out_ += ':';
    }
    need_comma_ = false;
  }
  void String(std::string_view value) {
    Separate();
    AppendJsonString(&out_, value);
    need_comma_ = true;
  }
  void Uint(uint64_t value);
  void Double(double value) {
    Separate();
    AppendJsonDouble(&out_, value);
    need_comma_ = true;
  }
  void Bool(bool value) {
    Separate();
    out_ += value ? "true" : "false";
    need_comma_ = true;
  }
  void Strings(const std::vector<std::string>& values) {
    BeginArray();
    for (const std::string& v : values) String(v);
    EndArray();
  }

 private:
  void Separate() {
    if (need_comma_) out_ += ',';
  }
  void Open(char c) {
    Separate();
    out_ += c;
    need_comma_ = false;
  }
  void Close(char c) {
    out_ += c;
    need_comma_ = true;
  }

  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace kg
