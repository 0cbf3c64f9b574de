#include "ingest/word_facts.h"

namespace kg {
namespace {

// Forgets the answers of another lexicon (another generation).
const Word& Current(const Lexicon& lexicon, const Word& word) {
  const uint64_t generation = lexicon.generation();
  if (word.facts_generation != generation) {
    word.facts_generation = generation;
    word.max_phrase_tokens = -1;
    word.verb_lemma_known = word.noun_lemma_known = false;
  }
  return word;
}

}  // namespace

namespace word_facts_internal {

size_t ComputeMaxPhraseTokens(const Lexicon& lexicon, const Word& word) {
  const Word& w = Current(lexicon, word);
  if (w.max_phrase_tokens < 0) w.max_phrase_tokens = static_cast<int32_t>(lexicon.MaxPhraseTokens(w.norm));
  return static_cast<size_t>(w.max_phrase_tokens);
}

const TokenText& ComputeVerbLemma(const Lexicon& lexicon, const Word& word) {
  const Word& w = Current(lexicon, word);
  if (!w.verb_lemma_known) {
    w.verb_lemma = lexicon.VerbLemma(w.lower);
    w.verb_lemma_known = true;
  }
  return w.verb_lemma;
}

const TokenText& ComputeNounLemma(const Lexicon& lexicon, const Word& word) {
  const Word& w = Current(lexicon, word);
  if (!w.noun_lemma_known) {
    w.noun_lemma = lexicon.NounLemma(w.lower);
    w.noun_lemma_known = true;
  }
  return w.noun_lemma;
}

}  // namespace word_facts_internal
}  // namespace kg
