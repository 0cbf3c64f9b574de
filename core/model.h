// The vocabulary every kg module shares: what an article, an entity, a
// relation and the evidence behind a relation are. These are plain values;
// ingest/ produces them, graph/ merges them, storage/ persists them and
// export/ renders them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

enum class EntityType { kPerson, kCountry, kCity, kRegion, kOrganization, kFacility };

// "Person", "Country", ... as in the evaluation format and schema.org.
std::string_view EntityTypeName(EntityType type);
std::optional<EntityType> ParseEntityType(std::string_view name);

// How the text presents a relation (see ../shared/eval/README.md).
enum class Modality { kAsserted, kReported, kClaimed, kExpected, kHypothetical, kRequested, kDenied };
std::string_view ModalityName(Modality modality);
std::optional<Modality> ParseModality(std::string_view name);

// Relation types are strings so that users can extend the pattern file; the
// built-in ones are listed here. Symmetric types are stored with the smaller
// key as source.
inline constexpr std::string_view kRelationTypes[] = {
    "visits",     "meets",     "supplies", "warns",   "threatens",
    "supports",   "praises",   "criticizes", "sanctions", "attacks",
    "cooperates", "role",      "located_in"};
bool IsSymmetricRelation(std::string_view type);

// One news article as read from a file, JSONL line or standard input.
struct Article {
  std::string id;      // stable identity: re-ingesting the same id replaces
  std::string title;   // headline (first line of a .txt file)
  std::string date;    // ISO 8601 date "YYYY-MM-DD" or empty
  std::string url;
  std::string source;  // publisher, e.g. "BBC"
  std::string text;    // body; evidence offsets index into this
  std::string origin;  // where it was read from, "path" or "path:line"
};

// A sentence that backs a relation, and how it presents the relation.
// Offsets are Unicode code points into Article::text, half-open.
struct Evidence {
  std::string article_id;
  std::string sentence;
  uint32_t sentence_start = 0;
  uint32_t sentence_end = 0;
  uint32_t trigger_start = 0;  // the words that triggered the relation
  uint32_t trigger_end = 0;
  Modality modality = Modality::kAsserted;
  bool negated = false;
  std::string attributed_to;  // entity key of whoever says so, or empty
  std::string time;           // ISO date (or "YYYY-MM", "YYYY") or empty
  double confidence = 0.5;    // in (0, 1]
};

// An actor. `key` is canonical across articles: "country:RUS",
// "person:vladimir putin", "org:nato", "city:pyongyang".
struct Entity {
  std::string key;
  std::string name;
  EntityType type = EntityType::kOrganization;
  std::string country;  // ISO 3166-1 alpha-3 of the country it is/belongs to
  std::vector<std::string> aliases;  // other surface forms, excluding name
  std::vector<std::string> roles;    // offices as text, "President of Russia"
};

// source --type--> target, both entity keys, with one piece of evidence.
struct Relation {
  std::string source;
  std::string type;
  std::string target;
  std::string role;  // the office, for type "role"
  Evidence evidence;
};

// Everything extraction found in one article.
struct Extraction {
  Article article;  // text included, so that graph/ can hash it
  std::vector<Entity> entities;
  std::vector<Relation> relations;
};

}  // namespace kg
