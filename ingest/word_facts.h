// What the lexicon says about a token's word (internal to ingest/), asked
// once per distinct word and thread and then read from the Word: extraction
// asks for the lemmas of nearly every token, often several times, and for
// the longest phrase each word may start.
//
//   const std::string& lemma = VerbLemmaOf(lexicon, *token.word);  // "said" -> "say"
#pragma once

#include <string>

#include "ingest/lexicon.h"
#include "ingest/text.h"

namespace kg {

namespace word_facts_internal {
size_t ComputeMaxPhraseTokens(const Lexicon& lexicon, const Word& word);
const TokenText& ComputeVerbLemma(const Lexicon& lexicon, const Word& word);
const TokenText& ComputeNounLemma(const Lexicon& lexicon, const Word& word);
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

}  // namespace kg
