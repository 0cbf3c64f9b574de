#include "ingest/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace kg {

void AppendJsonDouble(std::string* out, double value) {
  if (!std::isfinite(value)) {
    *out += "null";
    return;
  }
  // nlohmann's own Grisu2 conversion, so that numbers are written exactly as
  // before the writer replaced nlohmann::json here.
  std::array<char, 64> buffer;
  char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out->append(buffer.data(), static_cast<size_t>(end - buffer.data()));
}

void JsonWriter::Uint(uint64_t value) {
  Separate();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out_.append(buffer, static_cast<size_t>(end - buffer));
  need_comma_ = true;
}

}  // namespace kg
