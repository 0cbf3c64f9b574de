// Tests of the extraction JSON writer (ingest/json_writer.h): it must write
// byte for byte what nlohmann::ordered_json::dump(-1, ' ', false, replace)
// wrote before it, for strings of any bytes (control characters, quotes,
// invalid and truncated UTF-8, encoded surrogates) and for doubles.

#include "ingest/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

namespace kg {
namespace {

std::string Reference(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string Written(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

TEST(JsonWriterTest, StringsAsNlohmannWritesThem) {
  const std::string cases[] = {
      "",
      "plain ASCII",
      "quote \" and backslash \\ and slash /",
      std::string("nul \0 inside", 12),
      "\b\t\n\f\r\x01\x1f\x7f",
      "caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80",  // é, ’, an emoji: kept as UTF-8
      "\xED\xA0\x80",                               // an encoded high surrogate
      "\xED\xBF\xBF x",                             // an encoded low surrogate
      "\xED\xA0\xBD\xED\xB8\x80",                   // a surrogate pair in CESU-8
      "\xC0\xAF",                                   // overlong '/'
      "\xE0\x80\xAF",                               // overlong, three bytes
      "\xF4\x90\x80\x80",                           // past U+10FFFF
      "\x80 lone continuation",
      "\xFF\xFE",
      "truncated \xE2\x80",
      "truncated at the end \xF0\x9F\x98",
      "\xE2\x41 a sequence broken by ASCII",
      "\xC3\"",                                     // broken by a quote
      "\xC3\n",                                     // broken by a control character
      "\xE2\x80\xE2\x80\x99",                       // broken by a valid sequence
  };
  for (const std::string& s : cases) {
    EXPECT_EQ(Written(s), Reference(s)) << testing::PrintToString(s);
  }
}

TEST(JsonWriterTest, RandomBytesAsNlohmannWritesThem) {
  std::mt19937 random(42);
  // Bytes weighted towards the interesting ones: ASCII, controls, lead and
  // continuation bytes.
  const unsigned char alphabet[] = {'a', ' ', '"', '\\', 0x00, 0x0A, 0x1F, 0x7F, 0x80, 0x9F, 0xA0, 0xBF,
                                    0xC2, 0xC0, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  std::uniform_int_distribution<size_t> pick(0, sizeof alphabet - 1), length(0, 12);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (size_t k = length(random); k > 0; --k) s += static_cast<char>(alphabet[pick(random)]);
    ASSERT_EQ(Written(s), Reference(s)) << testing::PrintToString(s);
  }
}

TEST(JsonWriterTest, DoublesAsNlohmannWritesThem) {
  const double cases[] = {0.0, 1.0, 0.8, 0.56, 0.8 * 0.7, 0.7 * 0.85, 0.55, 1e-5, 123456789.0, 1e17, 0.1 + 0.2,
                          -2.5, std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                          std::round(0.595 * 1000) / 1000};
  for (double d : cases) {
    std::string out;
    AppendJsonDouble(&out, d);
    EXPECT_EQ(out, Reference(d)) << d;
  }
  std::string out;
  AppendJsonDouble(&out, std::numeric_limits<double>::quiet_NaN());
  AppendJsonDouble(&out, std::numeric_limits<double>::infinity());
  EXPECT_EQ(out, "nullnull");
}

TEST(JsonWriterTest, NestedValuesAsNlohmannWritesThem) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("id");
  w.String("a\tb");
  w.Key("empty");
  w.Strings({});
  w.Key("list");
  w.Strings({"x", "y"});
  w.Key("objects");
  w.BeginArray();
  w.BeginObject();
  w.Key("n");
  w.Uint(4294967295u);
  w.Key("ok");
  w.Bool(true);
  w.EndObject();
  w.BeginObject();
  w.EndObject();
  w.EndArray();
  w.Key("x");
  w.Double(0.5);
  w.EndObject();
  nlohmann::ordered_json j;
  j["id"] = "a\tb";
  j["empty"] = nlohmann::ordered_json::array();
  j["list"] = {"x", "y"};
  j["objects"] = {{{"n", 4294967295u}, {"ok", true}}, nlohmann::ordered_json::object()};
  j["x"] = 0.5;
  EXPECT_EQ(out, Reference(j));
}

}  // namespace
}  // namespace kg
