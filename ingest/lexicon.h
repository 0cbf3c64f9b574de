// Lexical knowledge for extraction (internal to ingest/): names of actors,
// demonyms, lemmas, common vocabulary, given names, titles and organisation
// words. The built-in part is compiled at build time by ingest/lexgen from
// Debian's iso-codes and WordNet and from ingest/data/*.tsv, and embedded in
// the binary, so loading costs no parsing of source data at run time.
//
// Lookups take text as it appears (tokens joined by single spaces, curly
// apostrophes folded to '). Matching ignores case, except that entries that
// are all capitals (acronyms such as "US", "UN") match only in capitals, so
// the pronoun "us" is not the United States, and names made of common words
// ("Turkey", "Labour", "White House") match only with their capitals. Dots
// and hyphens do not matter ("U.S." = "US", "Guinea-Bissau" = "Guinea Bissau").
//
//   Result<std::unique_ptr<Lexicon>> lex = Lexicon::LoadBuiltin();
//   if (!lex.ok()) return lex.status();
//   const LexiconEntry* e = (*lex)->FindName("North Korea");  // country:PRK
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/status.h"

namespace kg {

struct LexiconEntry {
  std::string key;      // canonical key: "country:RUS", "org:nato", "city:pyongyang"
  std::string name;     // canonical name: "Russia", "NATO", "Pyongyang"
  EntityType type;
  std::string country;  // ISO 3166-1 alpha-3 it is or belongs to, or ""
  bool national_capital = false;  // a city that is its country's capital
};

// Canonical key for an entity that no lexicon knows: type prefix + the
// normalised name ("person:jens stoltenberg").
std::string CanonicalKey(EntityType type, std::string_view name);

// Offices only a government has, by their canonical title ("Immigration
// Minister", "Home Secretary", "Chancellor"); presidents and general
// secretaries also head companies and unions.
bool IsGovernmentOffice(std::string_view title);

// Sizes of a loaded lexicon, for diagnostics and tests.
struct LexiconStats {
  size_t entries[6] = {};  // actors, indexed by EntityType
  size_t names = 0;        // surface forms that FindName knows
  size_t demonyms = 0;
  size_t vocabulary = 0;
  size_t given_names = 0;
  size_t titles = 0;
  size_t head_words = 0;  // organisation and facility head words
  size_t verb_exceptions = 0;
  size_t noun_exceptions = 0;
  size_t user_entries = 0;  // actors added by AddFile
};

// A loaded lexicon is immutable apart from AddFile: const lookups may run
// from any number of threads at once; AddFile must not run concurrently
// with anything else.
class Lexicon {
 public:
  // The built-in lexicon embedded in the binary.
  static Result<std::unique_ptr<Lexicon>> LoadBuiltin();
  ~Lexicon();

  // Adds a user lexicon: TSV lines "surface<TAB>type<TAB>canonical name[<TAB>alpha-3]",
  // '#' comments. Errors name file and line.
  Status AddFile(const std::string& path);

  // The actor named by `phrase` ("North Korea", "DPRK", "Pyongyang",
  // "RAND Corporation"), or nullptr. A leading "the" is ignored.
  const LexiconEntry* FindName(std::string_view phrase) const;
  // The actor with canonical key `key` ("country:RUS"), or nullptr.
  const LexiconEntry* FindByKey(std::string_view key) const;
  // Longest name in tokens; callers try phrases up to this length.
  // (MaxPhraseTokens, VerbLemma and NounLemma compute their answer at each
  // call; extraction asks through word_facts.h, which keeps it per word.)
  size_t max_name_tokens() const;
  // The most tokens a name, demonym or title that starts with `first_word`
  // spans; 0 when none does, so callers can skip hopeless lookups.
  size_t MaxPhraseTokens(std::string_view first_word) const;
  // False when no name, demonym or title is, or starts with, `phrase` (as
  // FindName, FindDemonym and FindTitle fold it), so that neither `phrase`
  // nor any longer phrase starting with it can be found: callers stop
  // lengthening there. True does not mean that anything will be found.
  bool MayStartPhrase(std::string_view phrase) const;
  // The same without the memo, for callers that keep the answers themselves.
  bool MayStartPhraseUnmemoised(std::string_view phrase) const;

  // The country (or other actor) a demonym adjective stands for:
  // "Russian" -> Russia, "North Korean" -> North Korea; nullptr if none.
  const LexiconEntry* FindDemonym(std::string_view phrase) const;

  // Base forms from WordNet's exception lists and regular suffix rules:
  // "sought" -> "seek", "supplied" -> "supply", "warnings" -> "warning".
  std::string VerbLemma(std::string_view lowercase_word) const;
  std::string NounLemma(std::string_view lowercase_word) const;

  // True when the lower-cased word is ordinary English vocabulary (WordNet
  // lemma or a function word), so a capitalised "Despite" at the start of a
  // sentence is not taken for a name.
  bool IsCommonWord(std::string_view lowercase_word) const;
  // True for a common given name ("John", "Vladimir", "Jens").
  bool IsGivenName(std::string_view word) const;
  // Person titles that precede or describe a name ("President", "Defense
  // Minister", "Secretary-General", "spokesperson", "analyst"); returns the
  // canonical title text, or "" when `phrase` is not a title.
  std::string_view FindTitle(std::string_view phrase) const;
  // Head words that make a capitalised sequence an organisation
  // ("Corporation", "Agency", "Council", "Ministry", "Party").
  bool IsOrganizationWord(std::string_view word) const;
  // Head words that make a capitalised sequence a facility ("Airport",
  // "Embassy", "Plant", "Stadium").
  bool IsFacilityWord(std::string_view word) const;

  LexiconStats stats() const;

  // Changes whenever the content changes (AddFile), and differs between
  // lexicons: caches of the answers above are valid for one generation.
  uint64_t generation() const { return generation_; }

 private:
  struct Rep;
  Lexicon();
  uint32_t HeadWordKind(std::string_view word) const;
  std::unique_ptr<Rep> rep_;
  uint64_t generation_;  // rep_->generation, here so that generation() is inline
};

}  // namespace kg
