// What the lexicon and the relation rules say about a token's word
// (internal to ingest/), asked once per distinct word and thread and then
// read from the Word: extraction asks for the lemmas of nearly every token,
// often several times, whether a word is common vocabulary, a given name, a
// title, a speech verb or a trigger, and for the longest phrase each word
// may start. A memoised lookup hashes the text each time; reading the Word
// costs a load and a test.
//
//   const std::string& lemma = VerbLemmaOf(lexicon, *token.word);  // "said" -> "say"
//   if (IsCommonWordOf(lexicon, *token.word)) ...
#pragma once

#include <string>
#include <string_view>

#include "ingest/lexicon.h"
#include "ingest/rules.h"
#include "ingest/text.h"

namespace kg {

// The answers about a word alone that a Word keeps (bits of Word::facts_known).
enum WordFact : uint32_t {
  kCommonWordFact = 1 << 0,
  kGivenNameFact = 1 << 1,
  kHeadWordFact = 1 << 2,  // organization_word and facility_word
  kNameFact = 1 << 3,
  kDemonymFact = 1 << 4,
  kTitleFact = 1 << 5,
};

// What the relation rules say about a word (bits of Word::rule_bits).
enum RuleBit : uint32_t {
  kVerbTriggerBit = 1 << 0,         // its verb lemma heads patterns (Rules::verbs)
  kNounTriggerBit = 1 << 1,         // its noun lemma heads patterns (Rules::nouns)
  kAttributionLemmaBit = 1 << 2,    // its verb lemma is a speech verb (Rules::attribution)
  kPositiveEvaluationBit = 1 << 3,  // Rules::positive_evaluations has the word
  kNegativeEvaluationBit = 1 << 4,  // Rules::negative_evaluations has the word
  kBlameVerbBit = 1 << 5,           // its verb lemma is in Rules::blame_verbs
};

namespace word_facts_internal {
const Word& ComputeRuleFacts(const Lexicon& lexicon, const Rules& rules, const Word& word);
size_t ComputeMaxPhraseTokens(const Lexicon& lexicon, const Word& word);
const TokenText& ComputeVerbLemma(const Lexicon& lexicon, const Word& word);
const TokenText& ComputeNounLemma(const Lexicon& lexicon, const Word& word);
// Asks the lexicon for `fact` and records the answer in `word`.
const Word& ComputeFact(const Lexicon& lexicon, const Word& word, WordFact fact);

// `word`, when its answer for `fact` is known for this lexicon.
inline const Word& Known(const Lexicon& lexicon, const Word& word, WordFact fact) {
  if ((word.facts_known & fact) && word.facts_generation == lexicon.generation()) return word;
  return ComputeFact(lexicon, word, fact);
}
}  // namespace word_facts_internal

// Lexicon::MaxPhraseTokens(word.norm).
inline size_t MaxPhraseTokensOf(const Lexicon& lexicon, const Word& word) {
  if (word.max_phrase_tokens >= 0 && word.facts_generation == lexicon.generation()) {
    return static_cast<size_t>(word.max_phrase_tokens);
  }
  return word_facts_internal::ComputeMaxPhraseTokens(lexicon, word);
}
// Lexicon::VerbLemma(word.lower), Lexicon::NounLemma(word.lower).
inline const TokenText& VerbLemmaOf(const Lexicon& lexicon, const Word& word) {
  if (word.verb_lemma_known && word.facts_generation == lexicon.generation()) return word.verb_lemma;
  return word_facts_internal::ComputeVerbLemma(lexicon, word);
}
inline const TokenText& NounLemmaOf(const Lexicon& lexicon, const Word& word) {
  if (word.noun_lemma_known && word.facts_generation == lexicon.generation()) return word.noun_lemma;
  return word_facts_internal::ComputeNounLemma(lexicon, word);
}

// Lexicon::IsCommonWord(word.lower), IsGivenName(word.norm).
inline bool IsCommonWordOf(const Lexicon& lexicon, const Word& word) {
  return word_facts_internal::Known(lexicon, word, kCommonWordFact).common_word;
}
inline bool IsGivenNameOf(const Lexicon& lexicon, const Word& word) {
  return word_facts_internal::Known(lexicon, word, kGivenNameFact).given_name;
}
// Lexicon::IsOrganizationWord(word.lower), IsFacilityWord(word.lower)
// (head words are matched in lower case: the same answers for word.norm).
inline bool IsOrganizationWordOf(const Lexicon& lexicon, const Word& word) {
  return word_facts_internal::Known(lexicon, word, kHeadWordFact).organization_word;
}
inline bool IsFacilityWordOf(const Lexicon& lexicon, const Word& word) {
  return word_facts_internal::Known(lexicon, word, kHeadWordFact).facility_word;
}
// Lexicon::FindName(word.norm), FindDemonym(word.norm), FindTitle(word.norm):
// the phrase of this one word.
inline const LexiconEntry* NameOf(const Lexicon& lexicon, const Word& word) {
  return word_facts_internal::Known(lexicon, word, kNameFact).name;
}
inline const LexiconEntry* DemonymOf(const Lexicon& lexicon, const Word& word) {
  return word_facts_internal::Known(lexicon, word, kDemonymFact).demonym;
}
inline std::string_view TitleOf(const Lexicon& lexicon, const Word& word) {
  return word_facts_internal::Known(lexicon, word, kTitleFact).title;
}

// The Word, with rule_bits, attribution, cue and anaphor valid for `rules`
// (and the lemmas of `lexicon`). attribution and cue: the modality the word
// lends as a speech verb or a cue, found by the word as written, else by its
// verb lemma (Rules::attribution, Rules::cues); nullptr when it lends none.
inline const Word& RuleFactsOf(const Lexicon& lexicon, const Rules& rules, const Word& word) {
  if (word.rules_id == rules.id.value && word.facts_generation == lexicon.generation()) return word;
  return word_facts_internal::ComputeRuleFacts(lexicon, rules, word);
}

// Lexicon::MayStartPhrase(first.norm + " " + second.norm): the answer is
// kept per pair of words (by Word::id), so that each distinct pair is
// joined, folded and searched for once per thread.
bool MayStartPhraseOf(const Lexicon& lexicon, const Word& first, const Word& second);

}  // namespace kg
