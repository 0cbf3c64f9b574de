// One article as the extractor sees it (internal to ingest/): sentences of
// tokens, the actor mentions found in them, person titles, and the article's
// entity table. FindMentions fills it; FindRelations reads it.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "ingest/lexicon.h"
#include "ingest/rules.h"
#include "ingest/text.h"

namespace kg {

// A span of tokens that names (or stands for) an actor.
struct Mention {
  // kPairFirst/kPairSecond: "the two leaders", "both parties" stands for
  // the last two actors of its kind; "the two"/"both" is the first, the noun
  // the second, and together they read as a coordination ("X and Y").
  enum class Kind { kName, kDemonym, kPronoun, kPairFirst, kPairSecond };
  uint32_t first = 0, last = 0;  // token indexes, half-open
  int entity = -1;               // index into Analysis::entities
  Kind kind = Kind::kName;
};

// A person title ("President", "Defense Minister", "spokesperson").
struct TitleSpan {
  uint32_t first = 0, last = 0;
  std::string title;
};

struct SentenceAnalysis {
  Sentence sentence;
  std::vector<Mention> mentions;  // ordered by position
  std::vector<TitleSpan> titles;  // ordered by position
  std::vector<int> mention_at;    // token -> index of the mention covering it, or -1
  std::vector<int> title_at;      // token -> index of the title covering it, or -1
  std::string time;               // time the sentence refers to, or ""
};

// "the prime minister said", resolved through the table of offices to a
// person the article names: that person holds the office (a role).
struct KnownOfficeMention {
  size_t sentence = 0;
  uint32_t first = 0;  // first token of the description's mention
  std::string title, body;  // body: ISO alpha-3 code or organisation key
};

struct Analysis {
  const Article* article = nullptr;
  std::vector<SentenceAnalysis> sentences;
  std::vector<Entity> entities;
  std::unordered_map<std::string, int> entity_by_key;
  // ISO code of the country the article is about or written from, when one
  // clearly leads among its actors' countries ("" otherwise).
  std::string home_country;
  std::vector<KnownOfficeMention> known_offices;
  // Capitals that only ever act as their governments in the article
  // ("Beijing criticised Tokyo"): city key -> country key. Relations already
  // name the country; the city is no entity of its own, only an alias.
  std::unordered_map<std::string, std::string> capitals_as_governments;

  // Adds (or finds) the entity with `key`, recording `surface` as an alias.
  int AddEntity(const std::string& key, const std::string& name, EntityType type,
                const std::string& country, const std::string& surface);
  const Token& token(size_t s, uint32_t i) const { return sentences[s].sentence.tokens[i]; }
};

// Text of tokens [first, last) joined by single spaces (no space before "'s").
std::string JoinTokens(const std::vector<Token>& tokens, uint32_t first, uint32_t last);

void FindMentions(const Lexicon& lexicon, const Rules& rules, Analysis* analysis);
// May add entities: a capital acting as a government brings in its country.
void FindRelations(const Lexicon& lexicon, const Rules& rules, Analysis* analysis,
                   std::vector<Relation>* relations);
// The time a sentence refers to, anchored on the article date ("" if none).
std::string SentenceTime(const std::vector<Token>& tokens, const std::string& article_date);

}  // namespace kg
