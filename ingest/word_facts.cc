#include "ingest/word_facts.h"

#include <algorithm>
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
// an open-addressing table of one word per pair (the two ids and the answer
// packed, so that it stays small enough for the processor's caches), grown
// up to kMaxSlots and then emptied when full, or when the lexicon changes,
// so memory does not grow with the corpus.
class PairMemo {
 public:
  template <typename Compute>
  bool Get(uint64_t generation, uint64_t first, uint64_t second, const Compute& compute) {
    if (first > kMaxId || second > kMaxId) return compute();  // (not in a thread's lifetime)
    if (generation != generation_) Reset(generation, kMinSlots);
    const uint64_t key = first << 32 | second;  // never 0: ids start at 1
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    for (size_t i = h;; ++i) {
      uint64_t& slot = slots_[i & mask_];
      if (slot == 0) {
        const bool answer = compute();
        slot = key | (answer ? kAnswer : 0);
        if (++used_ > slots_.size() / 4 * 3) Reset(generation, std::min(slots_.size() * 2, kMaxSlots));
        return answer;
      }
      if ((slot & ~kAnswer) == key) return (slot & kAnswer) != 0;
    }
  }

 private:
  static constexpr uint64_t kMaxId = (uint64_t{1} << 31) - 1, kAnswer = uint64_t{1} << 63;
  static constexpr size_t kMinSlots = 1 << 14, kMaxSlots = 1 << 17;
  // Emptied into `slots` slots, but for the answers it holds when growing.
  void Reset(uint64_t generation, size_t slots) {
    std::vector<uint64_t> old;
    if (generation == generation_ && slots > slots_.size()) old.swap(slots_);
    slots_.assign(slots, 0);
    mask_ = slots - 1;
    used_ = 0;
    generation_ = generation;
    for (uint64_t slot : old) {
      if (slot == 0) continue;
      uint64_t h = (slot & ~kAnswer) * 0x9E3779B97F4A7C15ull;
      h ^= h >> 29;
      size_t i = h;
      while (slots_[i & mask_] != 0) ++i;
      slots_[i & mask_] = slot;
      ++used_;
    }
  }
  uint64_t generation_ = 0;
  size_t used_ = 0, mask_ = 0;
  std::vector<uint64_t> slots_;
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
  if (w.rules_id == rules.id.value) return w;
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
  w.rules_id = rules.id.value;
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
