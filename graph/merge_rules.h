// graph/merge_rules.h: the rules GraphWriter (merge.cc) and BulkGraphWriter
// (bulk.cc) both follow, in one place so that the two cannot drift apart.
// Internal to graph/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "storage/storage.h"

namespace kg::merge_rules {

// FNV-1a 64 of title "\n" text, as 16 hex digits: tells a re-ingested
// article from a changed one. Not cryptographic; it need not be.
inline std::string ContentHash(const Article& article) {
  uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 0x100000001b3ull;
    }
  };
  mix(article.title);
  mix("\n");
  mix(article.text);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

// Where an article came from, for error messages.
inline std::string Where(const Article& article) {
  return article.origin.empty() ? "article '" + article.id + "'" : article.origin;
}

inline bool HasSeparatorByte(std::string_view s) {
  return s.find('\x1f') != std::string_view::npos || s.find('\0') != std::string_view::npos;
}

// The byte rules of storage/FORMAT.md: keys are joined with these bytes.
inline Status Validate(const Extraction& x) {
  const std::string where = Where(x.article);
  if (x.article.id.empty()) {
    return Status::InvalidArgument(where + ": article has no id");
  }
  if (x.article.id.find('\0') != std::string::npos) {
    return Status::InvalidArgument(where + ": article id contains a NUL byte");
  }
  for (const Entity& e : x.entities) {
    if (e.key.empty() || HasSeparatorByte(e.key)) {
      return Status::InvalidArgument(where + ": invalid entity key '" + e.key + "'");
    }
  }
  for (const Relation& r : x.relations) {
    for (const std::string* part : {&r.source, &r.type, &r.target}) {
      if (part->empty() || HasSeparatorByte(*part)) {
        return Status::InvalidArgument(where + ": invalid relation part '" + *part + "' in " + r.source + " " +
                                       r.type + " " + r.target);
      }
    }
    if (HasSeparatorByte(r.evidence.attributed_to)) {
      return Status::InvalidArgument(where + ": invalid speaker key '" + r.evidence.attributed_to + "'");
    }
  }
  return Status::Ok();
}

// What a relation naming an entity that is neither listed nor stored gets.
inline Status UnknownEndpoint(const Article& article, const Relation& r, const std::string& key) {
  return Status::InvalidArgument(Where(article) + ": relation " + r.source + " " + r.type + " " + r.target +
                                 " names unknown entity '" + key + "'");
}

inline bool AnswersTo(const Entity& entity, const std::string& normalized) {
  if (NormalizeAlias(entity.name) == normalized) return true;
  for (const std::string& alias : entity.aliases) {
    if (NormalizeAlias(alias) == normalized) return true;
  }
  return false;
}

// Adds `alias` unless the entity already answers to it (by NormalizeAlias),
// so that "Kim Jong-un" and "Kim Jong Un" do not pile up.
inline void AddAlias(Entity& entity, const std::string& alias) {
  std::string normalized = NormalizeAlias(alias);
  if (normalized.empty() || AnswersTo(entity, normalized)) return;
  entity.aliases.push_back(alias);
}

inline void AddUnique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) {
    list.push_back(item);
  }
}

// What a mention adds to its entity.
inline void AddContribution(Entity& entity, const Mention& mention) {
  for (const std::string& name : mention.names) AddAlias(entity, name);
  for (const std::string& role : mention.roles) AddUnique(entity.roles, role);
}

// What an article's listing of an entity adds to its mention.
inline void AddToMention(Mention& mention, const Entity& incoming) {
  AddUnique(mention.names, incoming.name);
  for (const std::string& alias : incoming.aliases) AddUnique(mention.names, alias);
  for (const std::string& role : incoming.roles) AddUnique(mention.roles, role);
  if (mention.country.empty()) mention.country = incoming.country;
}

inline bool IsOneWordPerson(const Entity& e) {
  return e.type == EntityType::kPerson && !e.name.empty() && e.name.find(' ') == std::string::npos;
}

// Folds one piece of evidence into an edge's aggregate figures (an
// EdgeRecord, or anything with its four aggregate fields). Undated evidence
// counts as seen on its article's date.
template <typename Record>
void AddToRecord(Record& record, const Evidence& evidence, const std::string& article_date) {
  ++record.evidence_count;
  double c = std::clamp(evidence.confidence, 0.0, 1.0);
  record.confidence = 1 - (1 - record.confidence) * (1 - c);
  const std::string& seen = evidence.time.empty() ? article_date : evidence.time;
  if (seen.empty()) return;
  if (record.first_seen.empty() || seen < record.first_seen) {
    record.first_seen = seen;
  }
  if (record.last_seen.empty() || seen > record.last_seen) {
    record.last_seen = seen;
  }
}

}  // namespace kg::merge_rules
