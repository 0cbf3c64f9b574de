#include "ingest/word_facts.h"

#include <vector>

namespace kg {
namespace {

// Forgets the answers of another lexicon (another generation).
const Word& Current(const Lexicon& lexicon, const Word& word) {
  const uint64_t generation = lexicon.generation();
  if (word.facts_generation != generation) {
    word.facts_generation = generation;
    word.max_phrase_tokens = -1;
    word.verb_lemma_known = word.noun_lemma_known = false;
    word.facts_known = 0;
    word.rules_id = 0;  // rule facts hold lemmas of this lexicon
  }
  return word;
}

// MayStartPhrase answers of one thread, keyed by the ids of the phrase's two
// words (ids are never reused, so no answer outlives the meaning of its key):
// an open-addressing table that is emptied when full or when the lexicon
// changes, so memory does not grow with the corpus.
class PairMemo {
 public:
  template <typename Compute>
  bool Get(uint64_t generation, uint64_t first, uint64_t second, const Compute& compute) {
    if (generation != generation_ || used_ >= kMaxUsed) Reset(generation);
    uint64_t h = (first * 0x9E3779B97F4A7C15ull) ^ (second * 0xBF58476D1CE4E5B9ull);
    h ^= h >> 29;
    for (size_t i = h;; ++i) {
      Slot& slot = slots_[i & kMask];
      if (slot.first == 0) {  // ids start at 1: an empty slot
        const bool answer = compute();
        slot = {first, second, answer};
        ++used_;
        return answer;
      }
      if (slot.first == first && slot.second == second) return slot.answer;
    }
  }

 private:
  static constexpr size_t kSlots = 1 << 17, kMask = kSlots - 1, kMaxUsed = kSlots / 4 * 3;
  struct Slot {
    uint64_t first = 0, second = 0;
    bool answer = false;
  };
  void Reset(uint64_t generation) {
    slots_.assign(kSlots, Slot{});
    used_ = 0;
    generation_ = generation;
  }
  uint64_t generation_ = 0;
  size_t used_ = 0;
  std::vector<Slot> slots_;
};

}  // namespace

bool MayStartPhraseOf(const Lexicon& lexicon, const Word& first, const Word& second) {
  thread_local PairMemo memo;
  return memo.Get(lexicon.generation(), first.id, second.id, [&] {
    std::string phrase;
    phrase.reserve(first.norm.size() + 1 + second.norm.size());
    phrase += first.norm;
    phrase += ' ';
    phrase += second.norm;
    return lexicon.MayStartPhraseUnmemoised(phrase);
  });
}

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

const Word& ComputeRuleFacts(const Lexicon& lexicon, const Rules& rules, const Word& word) {
  const Word& w = Current(lexicon, word);
  if (w.rules_id == rules.id) return w;
  const TokenText& verb = VerbLemmaOf(lexicon, w);
  const TokenText& noun = NounLemmaOf(lexicon, w);
  auto modality = [&](const WordMap<Modality>& words) -> const Modality* {
    auto it = words.find(w.lower);
    if (it == words.end()) it = words.find(verb);
    return it == words.end() ? nullptr : &it->second;
  };
  uint32_t bits = 0;
  if (rules.verbs.count(verb)) bits |= kVerbTriggerBit;
  if (rules.nouns.count(noun)) bits |= kNounTriggerBit;
  if (rules.attribution.count(verb)) bits |= kAttributionLemmaBit;
  if (rules.positive_evaluations.count(w.lower)) bits |= kPositiveEvaluationBit;
  if (rules.negative_evaluations.count(w.lower)) bits |= kNegativeEvaluationBit;
  if (rules.blame_verbs.count(verb)) bits |= kBlameVerbBit;
  w.rule_bits = bits;
  w.attribution = modality(rules.attribution);
  w.cue = modality(rules.cues);
  auto anaphor = rules.anaphors.find(w.lower);
  w.anaphor = anaphor == rules.anaphors.end() ? nullptr : &anaphor->second;
  w.rules_id = rules.id;
  return w;
}

const Word& ComputeFact(const Lexicon& lexicon, const Word& word, WordFact fact) {
  const Word& w = Current(lexicon, word);
  if (w.facts_known & fact) return w;
  switch (fact) {
    case kCommonWordFact:
      w.common_word = lexicon.IsCommonWord(w.lower);
      break;
    case kGivenNameFact:
      w.given_name = lexicon.IsGivenName(w.norm);
      break;
    case kHeadWordFact:
      w.organization_word = lexicon.IsOrganizationWord(w.lower);
      w.facility_word = lexicon.IsFacilityWord(w.lower);
      break;
    case kNameFact:
      w.name = lexicon.FindName(w.norm);
      break;
    case kDemonymFact:
      w.demonym = lexicon.FindDemonym(w.norm);
      break;
    case kTitleFact:
      w.title = lexicon.FindTitle(w.norm);
      break;
  }
  w.facts_known |= fact;
  return w;
}

}  // namespace word_facts_internal
}  // namespace kg
