// JSON string text shared by ingest/, storage/ and export/: the bytes
// nlohmann_json's dump() writes for a string, invalid UTF-8 replaced by
// U+FFFD as its error_handler_t::replace does, written without building a
// json value (that cost most of the JSON these modules write).
#pragma once

#include <string>
#include <string_view>

namespace kg {

// Appends `text` as a quoted JSON string.
void AppendJsonString(std::string* out, std::string_view text);

// True when `text` is well-formed UTF-8 (Unicode's Table 3-7: no overlong
// forms, no surrogates, nothing past U+10FFFF), i.e. what AppendJsonString
// copies unchanged.
bool IsValidUtf8(std::string_view text);

}  // namespace kg
