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

// Lexicon::MaxPhraseTokens(word.norm).
size_t MaxPhraseTokensOf(const Lexicon& lexicon, const Word& word);
// Lexicon::VerbLemma(word.lower), Lexicon::NounLemma(word.lower).
const std::string& VerbLemmaOf(const Lexicon& lexicon, const Word& word);
const std::string& NounLemmaOf(const Lexicon& lexicon, const Word& word);

}  // namespace kg
