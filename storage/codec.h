// storage/codec.h: the value encodings of storage/FORMAT.md, written and read
// by hand. Internal to storage/ (and its tests): include storage/storage.h.
//
// The writers produce exactly the bytes nlohmann_json's
// dump(-1, ' ', false, error_handler_t::replace) gives for the same record
// (object keys in sorted order, doubles printed by nlohmann's own Grisu2
// routine, invalid UTF-8 as U+FFFD), about ten times faster. The readers take
// the shape every kg writer produces (a flat object, plain strings and
// numbers) on a fast path; anything else (escapes beyond the simple ones,
// nested values they do not expect, a wrong type, damage) is handed to
// nlohmann_json, so that what is accepted and how an error reads stay as they
// were. storage_test pins both against nlohmann on generated records.
#pragma once

#include <string>
#include <string_view>

#include "storage/storage.h"

namespace kg::codec {

void Encode(const ArticleRecord& a, std::string* out);
void Encode(const Entity& e, std::string* out);
void Encode(const Mention& m, std::string* out);
void Encode(const EdgeRecord& e, std::string* out);
void Encode(const Evidence& e, std::string* out);
// As if e.article_id were `article_id`.
void Encode(const Evidence& e, std::string_view article_id, std::string* out);

template <typename T>
std::string Encode(const T& record) {
  std::string out;
  Encode(record, &out);
  return out;
}

// Decodes `value` into `*out` (which must be default-constructed). Throws
// what nlohmann_json throws (or std::invalid_argument for an unknown entity
// type or modality) when the value is not a record of that kind.
void Decode(std::string_view value, ArticleRecord* out);
void Decode(std::string_view value, Entity* out);
void Decode(std::string_view value, Mention* out);
void Decode(std::string_view value, EdgeRecord* out);
void Decode(std::string_view value, Evidence* out);

// The nlohmann_json-only versions, which the fast ones must agree with.
std::string EncodeSlow(const ArticleRecord& a);
std::string EncodeSlow(const Entity& e);
std::string EncodeSlow(const Mention& m);
std::string EncodeSlow(const EdgeRecord& e);
std::string EncodeSlow(const Evidence& e);
void DecodeSlow(std::string_view value, ArticleRecord* out);
void DecodeSlow(std::string_view value, Entity* out);
void DecodeSlow(std::string_view value, Mention* out);
void DecodeSlow(std::string_view value, EdgeRecord* out);
void DecodeSlow(std::string_view value, Evidence* out);

// Appends a double as nlohmann_json prints it ("0.5", "1.0", "null" when not
// finite).
void AppendJsonDouble(double value, std::string* out);

}  // namespace kg::codec
