// Finding relations between the actors of one sentence: verbal, nominal,
// passive and appositive patterns from patterns.tsv, roles from titles, and
// for each relation its modality, negation, attribution and evidence.
//
// This is shallow, pattern-driven parsing: subjects are the nearest actor to
// the left that is not inside a prepositional phrase or a possessive,
// objects the first actor to the right that the pattern's prepositions allow.

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "ingest/analysis.h"
#include "ingest/word_facts.h"
#include "ingest/word_set.h"

namespace kg {
namespace {

// Auxiliaries and adverbs between a subject and its verb ("has also said").
const WordSet kAuxiliaries = {"has",    "have", "had",  "is",  "was", "are",  "were", "will", "would", "could",
                              "should", "may",  "might", "must", "can", "did", "does", "do",  "also",  "not"};
// Verbs that pass judgement on their object ("branded the plan a farce").
const WordSet kJudgingVerbs = {"brand", "call", "describe", "label", "dub", "deem", "find"};
// What an actor owns that stands for the actor itself: its stances, acts
// and the people acting for it ("Canberra's objections", "Chilean entry",
// "the EC advice").
const WordSet kActorsOwn = {"objections", "opposition", "position",  "stance",       "response",  "reaction",
                            "demands",    "concerns",   "refusal",   "support",      "officials", "envoy",
                            "government", "leaders",    "leadership", "policy",      "approach",  "entry",
                            "membership", "accession",  "bid",       "application",  "aggression", "claims",
                            "programme",  "program",    "involvement", "role",       "actions",   "behaviour",
                            "behavior",   "advice",     "authorities", "customs",    "ministers", "institutions",
                            "regulators"};
// Copulas: "is", "have been", "became".
const WordSet kLinkingVerbs = {"is", "are", "was", "were", "be", "been", "become", "became", "becomes", "remain",
                               "remains", "remained"};
// Nouns a city owns as a place: "Moscow's mayor", "Beijing's streets".
const WordSet kCityNouns = {"mayor", "streets", "street", "residents", "people", "population", "airport",
                            "suburbs", "centre", "center", "outskirts", "metro", "police", "council",
                            "city", "skyline", "river", "districts", "hospitals", "university", "stock"};
const WordSet kPrepositions = {
    "in", "to", "of", "from", "with", "at", "for", "against", "on", "into", "during", "since",
    "over", "between", "among", "towards", "toward", "across", "via", "after", "before", "about",
    "under", "through", "without", "within", "near", "by", "like", "than", "upon", "onto",
    "opposite", "outside", "inside", "beside", "behind"};
// Nouns saying what kind of body a name that follows is ("the pressure
// group Harbour Watch", "Peruvian mining firm Zentragas").
const WordSet kBodyNouns = {"group",    "organisation", "organization", "charity", "union",    "party",
                            "company",  "firm",         "body",         "association", "campaign", "think-tank",
                            "watchdog", "bank",         "agency",       "giant",   "operator", "maker",
                            "producer", "carrier",      "broadcaster",  "airline", "insurer",  "retailer",
                            "utility",  "conglomerate", "analysts", "consultancy", "consultants", "lender",
                            "manufacturer", "publisher", "brokers", "stockbroker", "stockbrokers", "journal",
                            "newspaper", "magazine", "broadsheet", "tabloid", "website", "channel",
                            "brewer", "winemaker", "carmaker", "automaker", "supplier", "chain"};
const WordSet kClauseBreaks = {
    "that", "which", "who", "whom", "whose", "while", "but", "because", "although", "though",
    "whereas", "when", "where", "as", "if", "unless", "so"};
const WordSet kBeForms = {"is", "was", "were", "are", "been",
                                                       "being", "be", "am", "'s"};
const WordSet kDeterminers = {
    "a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our",
    "your", "my", "any", "some", "no", "every", "each", "first", "second", "third", "last",
    "new", "recent", "latest", "current", "previous", "further", "another", "planned",
    "proposed", "historic", "official", "state", "rare", "surprise", "two-day", "three-day"};
const WordSet kCopulas = {"is", "are", "was", "were", "include",
                                                       "includes", "included", "including"};
const WordSet kHonorificTitles = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Baroness", "Baron",
                                                               "Sir", "Dame", "Lord", "Lady"};
const WordSet kRolePreps = {"at", "for", "of", "with", "to", "in"};

// People who speak for a body without being named: "a Home Office
// spokesman", "officials from Peru".
const WordSet kRepresentatives = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen",
                                  "official", "officials", "representative", "representatives", "source",
                                  "sources", "insider", "insiders", "aide", "aides"};

bool IsDash(const Token& t) {
  return t.kind == Token::Kind::kPunct && (t.lower == "-" || t.lower == "\u2013" || t.lower == "\u2014" || t.lower == "--");
}

bool IsClausePunct(const Token& t) {
  return t.kind == Token::Kind::kQuote ||
         (t.kind == Token::Kind::kPunct && (t.lower == ";" || t.lower == ":" || t.lower == "." ||
                                            t.lower == "(" || t.lower == ")" || t.lower == "?" ||
                                            t.lower == "!"));
}

// Words that may stand between a possessive or modifier and its noun:
// "Putin's first visit", "US economic pressure", "unwavering support".
bool IsModifierWord(const Token& t) {
  return t.IsWord() && !t.capitalized && !kPrepositions.count(t.lower) &&
         !kClauseBreaks.count(t.lower) && !kBeForms.count(t.lower) && t.lower != "and" &&
         t.lower != "or";
}

struct Found {
  std::vector<int> mentions;  // indexes into the sentence's mentions
  uint32_t at = 0;            // token where the decisive word is (for receiver)
};

class RelationFinder {
 public:
  RelationFinder(const Lexicon& lexicon, const Rules& rules, Analysis* analysis, std::vector<Relation>* out)
      : lex_(lexicon), rules_(rules), a_(*analysis), out_(*out) {}

  void Run() {
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      s_ = s;
      sa_ = &a_.sentences[s];
      toks_ = &sa_->sentence.tokens;
      const size_t relations_before = out_.size();
      FindSpeaker();
      for (uint32_t i = 0; i < toks_->size(); ++i) TryTrigger(i);
      FindEvaluations();
      FindRoles();
      FindKnownOffices();
      FindMemberships();
      FindCopulaMemberships();
      FindHelms();
      FindFounders();
      FindOfficesInRelativeClauses();
      FindSpeakingForABody();
      FindDefections();
      FindBeenIn();
      FindPlaceOpener();
      FindOppositionVoice(relations_before);
      FindPlanOwners();
    }
    // After every sentence: only for people the text gave no role in the party.
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      s_ = s;
      sa_ = &a_.sentences[s];
      toks_ = &sa_->sentence.tokens;
      FindKnownLeaders();
    }
    FindLocatedIn();
    ResolveReactions();
    MergeCapitalsActingAsGovernments();
    DropRepeatsWithinASentence();
  }

 private:
  const Token& tok(uint32_t i) const { return (*toks_)[i]; }
  // Lemmas of token i of the sentence, looked up once per distinct word
  // (word_facts.h): several tests ask about the same words.
  const TokenText& VerbLemmaAt(uint32_t i) const { return VerbLemmaOf(lex_, *tok(i).word); }
  const TokenText& NounLemmaAt(uint32_t i) const { return NounLemmaOf(lex_, *tok(i).word); }
  // What the rules say about token i's word, asked once per distinct word
  // (word_facts.h): the passes below ask about nearly every token.
  const Word& RulesOn(uint32_t i) const { return RuleFactsOf(lex_, rules_, *tok(i).word); }
  bool RuleBitAt(uint32_t i, RuleBit bit) const { return (RulesOn(i).rule_bits & bit) != 0; }
  // The modality a speech verb (rules_.attribution) or a cue word
  // (rules_.cues) at token i lends, found by the word as written or by its
  // verb lemma; nullptr when it is neither.
  const Modality* AttributionAt(uint32_t i) const { return RulesOn(i).attribution; }
  const Modality* CueAt(uint32_t i) const { return RulesOn(i).cue; }
  uint32_t size() const { return static_cast<uint32_t>(toks_->size()); }
  const Mention& mention(int m) const { return sa_->mentions[m]; }
  const Entity& entity_of(int m) const { return a_.entities[mention(m).entity]; }

  // ---- mention geometry -------------------------------------------------

  int MentionEndingAt(uint32_t end) const {  // mention whose last token is end-1
    if (end == 0) return -1;
    int m = sa_->mention_at[end - 1];
    return m >= 0 && mention(m).last == end ? m : -1;
  }
  int MentionStartingAt(uint32_t i) const {
    if (i >= size()) return -1;
    int m = sa_->mention_at[i];
    return m >= 0 && mention(m).first == i ? m : -1;
  }
  // Inside a prepositional phrase, also as a later member of a coordination
  // ("in England and Wales").
  bool InPrepPhrase(int m) const {
    // "before he is due to meet": a subject pronoun after a subordinator.
    if (mention(m).kind == Mention::Kind::kPronoun &&
        (tok(mention(m).first).lower == "he" || tok(mention(m).first).lower == "she")) {
      return false;
    }
    uint32_t j = mention(m).first;
    while (j > 0 && (tok(j - 1).lower == "the" || tok(j - 1).lower == "a")) --j;
    if (j == 0) return false;
    if (kPrepositions.count(tok(j - 1).lower)) {
      // "after the court backed ...": a subordinator, and the clause's
      // subject right after it.
      static const WordSet kSubordinators = {"after", "before", "since", "until"};
      const uint32_t e = mention(m).last;
      return !(kSubordinators.count(tok(j - 1).lower) && e < size() && IsVerbLike(e) &&
               tok(e).lower.ends_with("ed"));
    }
    if (tok(j - 1).lower == "and" || tok(j - 1).lower == "or" || tok(j - 1).lower == ",") {
      int prev = MentionEndingAt(j - 1);
      // ("The chairman of the Harbour Trust, Ann Hale, said": a person
      // after a body and a comma is apposed to the office, not listed.)
      if (prev >= 0 && tok(j - 1).lower == "," && entity_of(m).type == EntityType::kPerson &&
          entity_of(prev).type != EntityType::kPerson) {
        return false;
      }
      return prev >= 0 && prev != m && InPrepPhrase(prev);
    }
    return false;
  }
  bool IsPossessor(int m) const {
    uint32_t e = mention(m).last;
    if (mention(m).kind == Mention::Kind::kPronoun) {
      // "his counterpart", "her visit"; but "praised her for".
      const TokenText& w = tok(mention(m).first).lower;
      return w == "his" || (w == "her" && e < size() && IsModifierWord(tok(e)) && !IsVerbLike(e));
    }
    return e < size() && tok(e).kind == Token::Kind::kPossessive;
  }
  // A person's name used as the title of a show: "the Ian Reid programme".
  bool NamesAShow(int m) const {
    static const WordSet kShows = {"programme", "program", "show", "series", "column", "podcast"};
    const uint32_t e = mention(m).last;
    return e < size() && kShows.count(tok(e).lower);
  }
  // A mention that only modifies what follows: "US national security council",
  // "Russian flags".
  bool IsModifier(int m) const {
    uint32_t e = mention(m).last;
    if (e >= size() || mention(m).kind == Mention::Kind::kPairFirst) return false;
    if (MentionStartingAt(e) >= 0 || sa_->title_at[e] >= 0) return true;  // "US national ...", "Russian President"
    return mention(m).kind == Mention::Kind::kDemonym;
  }

  // Start of the qualifiers before a name at token j: "his Spanish
  // counterpart [Wang Yi]", "Labour MP [Oona King]".
  uint32_t SkipQualifiersBack(uint32_t j) const {
    if (j == 0 || sa_->title_at[j - 1] < 0) return j;
    j = sa_->titles[sa_->title_at[j - 1]].first;
    for (int steps = 0; j > 0 && steps < 3; ++steps) {
      const Token& prev = tok(j - 1);
      int m = MentionEndingAt(j);
      if (m >= 0 && mention(m).kind != Mention::Kind::kPronoun) {
        j = mention(m).first;
      } else if (prev.lower == "his" || prev.lower == "her" || prev.lower == "their" || prev.lower == "its" ||
                 prev.kind == Token::Kind::kPossessive) {
        --j;
      } else {
        break;
      }
    }
    return j;
  }

  // A name used as a noun's modifier: "the Lisbon agenda", "Labour voters".
  bool ModifiesNoun(int m) const {
    static const WordSet kAdverbs = {
        "last", "this", "next", "yesterday", "today", "tomorrow", "again", "too", "earlier", "later",
        "recently", "now", "instead", "directly", "personally", "twice", "once", "first", "alone",
        "together", "both", "also", "over", "early", "soon", "regularly", "often", "overnight",
        "tonight", "late", "anew", "afresh", "back", "abroad", "home", "there", "here", "outright",
        // Negation and quantifiers modify no name: "warned Chile not to",
        // "visited Peru several times".
        "not", "never", "several", "many", "few", "all", "only", "just", "even", "still", "already",
        "yet", "then", "repeatedly", "ever", "either", "neither", "much", "most"};
    if (mention(m).kind != Mention::Kind::kName && mention(m).kind != Mention::Kind::kDemonym) return false;
    uint32_t j = mention(m).last;
    if (j >= size()) return false;
    const Token& next = tok(j);
    return IsModifierWord(next) && !IsVerbLike(j) && !kAdverbs.count(next.lower) && !kDeterminers.count(next.lower) &&
           !(next.lower.size() > 2 && next.lower.compare(next.lower.size() - 2, 2, "ly") == 0);
  }

  // "his [Chinese] counterpart Wang Yi": the token where the named head
  // starts, or -1 ("attacked his policies": the pronoun is the target).
  int PronounHeadFollows(int m) const {
    uint32_t j = mention(m).last;
    int q = MentionStartingAt(j);
    if (q >= 0 && mention(q).kind == Mention::Kind::kDemonym) j = mention(q).last;
    if (j >= size() || sa_->title_at[j] < 0) return -1;
    j = sa_->titles[sa_->title_at[j]].last;
    return MentionStartingAt(j) >= 0 ? static_cast<int>(j) : -1;
  }

  // "Russian forces", "Israel's military", "US officials": the state acts.
  // "a US woman", "a Labour voter": the actor only describes someone.
  bool QualifiesAPerson(int m) const {
    static const WordSet kPeople = {"woman", "women", "man", "men", "voter", "voters", "student", "students",
                                    "citizen", "citizens", "resident", "residents", "worker", "workers",
                                    "businessman", "businesswoman", "family", "families", "couple", "teenager",
                                    "customer", "customers", "consumer", "consumers", "tourist", "tourists",
                                    "soldier", "soldiers", "journalist", "journalists", "investor", "investors"};
    const uint32_t j = mention(m).last;
    return j < size() && kPeople.count(tok(j).lower) > 0;
  }

  bool StandsForState(int m) const {
    static const WordSet kStateBodies = {
        "government", "forces", "troops", "military", "army", "navy", "officials", "authorities",
        "leaders", "diplomats", "administration", "regime", "warplanes", "jets", "police", "ministers",
        "negotiators", "envoys", "counterparts", "soldiers", "warships", "aircraft", "tanks", "artillery",
        "drones", "gunboats", "commandos"};
    EntityType type = entity_of(m).type;
    uint32_t j = mention(m).last;
    // "Ann Hale's government has backed ...": the leader's government.
    if (type == EntityType::kPerson && j + 1 < size() && tok(j).kind == Token::Kind::kPossessive) {
      return tok(j + 1).lower == "government" || tok(j + 1).lower == "administration";
    }
    if (type != EntityType::kCountry && type != EntityType::kOrganization) return false;
    if (j < size() && tok(j).kind == Token::Kind::kPossessive) ++j;
    return j < size() && kStateBodies.count(tok(j).lower);
  }

  // A word that reads as a verb of interest here: a trigger, a speech verb
  // or a regular past tense.
  bool IsVerbLike(uint32_t j) const {
    const Token& t = tok(j);
    if (!t.IsWord() || t.capitalized) return false;
    // (rules_.verbs or rules_.attribution has its verb lemma)
    return (RulesOn(j).rule_bits & (kVerbTriggerBit | kAttributionLemmaBit)) ||
           (t.lower.size() > 4 && t.lower.compare(t.lower.size() - 2, 2, "ed") == 0);
  }

  // A qualifying mention followed (through "'s" and a title) by the actor it
  // qualifies.
  // Returns the token where that actor starts, or -1.
  int HeadFollows(int m) const {
    if (mention(m).kind == Mention::Kind::kPronoun || mention(m).kind == Mention::Kind::kPairFirst) return -1;
    uint32_t j = mention(m).last;
    if (j < size() && tok(j).kind == Token::Kind::kPossessive) ++j;
    if (j < size() && sa_->title_at[j] >= 0) {
      j = sa_->titles[sa_->title_at[j]].last;
      if (j < size() && tok(j).lower == ",") ++j;  // "Qatar's emir, Sheikh Tamim"
    }
    if (j == mention(m).last && entity_of(m).type != EntityType::kPerson) {
      // "Democrat Ann Hale": a party or country right before a person.
      int next = MentionStartingAt(j);
      if (next >= 0 && entity_of(next).type == EntityType::kPerson) return static_cast<int>(j);
      // "Peruvian mining firm Zentragas": a country's body named after
      // what it is.
      if (entity_of(m).type != EntityType::kCountry) return -1;
      uint32_t k = j;
      while (k < size() && k - j < 3 && sa_->mention_at[k] < 0 && IsModifierWord(tok(k))) ++k;
      if (k == j || k >= size() || !kBodyNouns.count(tok(k - 1).lower)) return -1;
      int firm = MentionStartingAt(k);
      return firm >= 0 && entity_of(firm).type == EntityType::kOrganization ? static_cast<int>(k) : -1;
    }
    return j > mention(m).last && MentionStartingAt(j) >= 0 ? static_cast<int>(j) : -1;
  }

  // The mention m together with actors coordinated after it ("North Korea,
  // Iran, and China").
  std::vector<int> ListFrom(int m) const {
    std::vector<int> list = {m};
    uint32_t j = mention(m).last;
    if (mention(m).kind == Mention::Kind::kPairFirst) {  // "both parties"
      int second = MentionStartingAt(j);
      if (second >= 0) list.push_back(second);
      return list;
    }
    j = PastPlacesCountry(m);
    while (j < size()) {
      uint32_t k = j;
      bool joined = false;
      bool conjunction = false;
      while (k < size()) {
        if (tok(k).lower == "," || tok(k).lower == "and" || tok(k).lower == "or") {
          conjunction = conjunction || tok(k).lower != ",";
          ++k;
        } else if (k + 2 < size() && tok(k).lower == "as" && tok(k + 1).lower == "well" && tok(k + 2).lower == "as") {
          conjunction = true;  // "Chile, as well as Peru"
          k += 3;
        } else {
          break;
        }
        joined = true;
      }
      if (k < size() && tok(k).lower == "the") ++k;
      // "and Mr Brown"; but ", Chancellor Scholz announced" is a new clause.
      if (conjunction && k < size() && sa_->title_at[k] >= 0) k = sa_->titles[sa_->title_at[k]].last;
      int next = MentionStartingAt(k);
      if (next >= 0) {
        if (int head = HeadFollows(next); head >= 0) next = MentionStartingAt(static_cast<uint32_t>(head));
      }
      if (!joined || next < 0 || IsPossessor(next)) break;
      // "to Air China, the Harbour radio station reported": a new clause's
      // speaker, not one more of the list.
      if (!conjunction) {
        uint32_t after = mention(next).last;
        while (after < size() && after < mention(next).last + 3 && tok(after).IsWord() && !tok(after).capitalized &&
               !IsAttributionWord(after)) {
          ++after;
        }
        if (after < size() && IsAttributionWord(after)) break;
      }
      list.push_back(next);
      j = PastPlacesCountry(next);
    }
    return list;
  }
  // The end of mention m, or for "Lima in Peru, ..." the end of the place's
  // country, where a list goes on.
  uint32_t PastPlacesCountry(int m) const {
    uint32_t j = mention(m).last;
    const EntityType type = entity_of(m).type;
    if ((type != EntityType::kCity && type != EntityType::kRegion) || j + 1 >= size() || tok(j).lower != "in") return j;
    int where = MentionStartingAt(j + 1);
    if (where >= 0 && entity_of(where).type == EntityType::kCountry && mention(where).last < size() &&
        tok(mention(where).last).lower == ",") {
      return mention(where).last;
    }
    return j;
  }
  // The mention m together with actors coordinated before it ("The US and
  // South Korea").
  std::vector<int> ListEndingWith(int m) const {
    std::vector<int> list = {m};
    uint32_t j = mention(m).first;
    if (mention(m).kind == Mention::Kind::kPairSecond) {  // "the two leaders"
      int first = MentionEndingAt(j);
      if (first >= 0) list.insert(list.begin(), first);
      return list;
    }
    while (j > 0) {
      j = SkipQualifiersBack(j);
      const bool definite = j > 0 && tok(j - 1).lower == "the";  // "Japan and the Philippines"
      if (definite) --j;
      uint32_t k = j;
      bool joined = false, conjunction = false;
      while (k > 0 && (tok(k - 1).lower == "," || tok(k - 1).lower == "and")) {
        joined = true;
        conjunction = conjunction || tok(k - 1).lower == "and";
        --k;
      }
      if (definite && !conjunction) break;  // "Oxfam, the charity, ...": an apposition
      int prev = MentionEndingAt(k);
      if (!joined || prev < 0 || IsPossessor(prev) || InPrepPhrase(prev)) break;
      list.insert(list.begin(), prev);
      j = mention(prev).first;
    }
    return list;
  }

  // ---- subjects, objects, agents ----------------------------------------

  bool IsAttributionWord(uint32_t j) const {
    const Token& t = tok(j);
    if (!t.IsWord()) return false;
    return AttributionAt(j) != nullptr;
  }
  // "Ann Hale is said to have met", "Peru was reported to be": a passive
  // report, whose subject is the subject of what follows, not a speaker.
  bool IsPassiveReport(uint32_t j) const {
    if (j == 0 || j + 1 >= size() || tok(j + 1).lower != "to") return false;
    uint32_t k = j - 1;
    if (k > 0 && (tok(k).lower == "also" || tok(k).lower == "widely")) --k;
    return kBeForms.count(tok(k).lower) > 0;
  }

  // "A Quorvik Union spokesman [said]", "a spokeswoman for Peru
  // [condemned]", "officials from Brazil [praised]": the body (or country)
  // that a representative the article does not name speaks and acts for,
  // when that noun phrase ends right before token `end` (auxiliaries and
  // "also" aside); -1 otherwise.
  int RepresentedBodyEndingAt(uint32_t end) const {
    static const WordSet kBetween = {"has", "have", "had", "is", "are", "was", "were", "also", "would", "will",
                                     "could", "may", "might", "later", "then", "yesterday", "today"};
    uint32_t k = end;
    while (k > 0 && k + 3 > end && kBetween.count(tok(k - 1).lower)) --k;
    if (k < 2) return -1;
    if (int body = MentionEndingAt(k); body >= 0) {
      uint32_t p = mention(body).first;
      if (p > 0 && tok(p - 1).lower == "the") --p;
      const bool linked = p >= 2 && (tok(p - 1).lower == "for" || tok(p - 1).lower == "of" ||
                                     tok(p - 1).lower == "from" || tok(p - 1).lower == "at");
      if (!linked || !kRepresentatives.count(tok(p - 2).lower) || !IsAffiliation(body)) return -1;
      return RepresentativeUnnamed(p - 2) ? body : -1;
    }
    if (!kRepresentatives.count(tok(k - 1).lower) || !RepresentativeUnnamed(k - 1)) return -1;
    int body = MentionEndingAt(k - 1);  // "a Quorvik Union spokesman"
    return body >= 0 && IsAffiliation(body) && !IsPossessor(body) ? body : -1;
  }
  // "said a spokesman for the Home Office": the same, starting at token i.
  int RepresentedBodyStartingAt(uint32_t i) const {
    if (i < size() && (tok(i).lower == "a" || tok(i).lower == "an" || tok(i).lower == "the")) ++i;
    if (i + 2 >= size() || !kRepresentatives.count(tok(i).lower)) return -1;
    const TokenText& link = tok(i + 1).lower;
    if (link != "for" && link != "of" && link != "from" && link != "at") return -1;
    uint32_t at = i + 2;
    if (at < size() && tok(at).lower == "the") ++at;
    int body = MentionStartingAt(at);
    return body >= 0 && IsAffiliation(body) && !IsPossessor(body) && !IsModifier(body) ? body : -1;
  }
  // The representative word at j names no one: no name follows it.
  bool RepresentativeUnnamed(uint32_t j) const {
    return j + 1 >= size() || MentionStartingAt(j + 1) < 0 || entity_of(MentionStartingAt(j + 1)).type != EntityType::kPerson;
  }

  // Nearest actor left of token i that can be the subject of a verb at i.
  std::vector<int> SubjectOf(uint32_t i) const {
    if (int body = RepresentedBodyEndingAt(i); body >= 0) return {body};
    // "Quorvik accepted a bid from Tarlin on Monday, rejecting one from
    // Harbour": a participle after a comma has the main clause's subject.
    if (i >= 2 && tok(i - 1).lower == "," && tok(i).IsWord() && !tok(i).capitalized && tok(i).lower.ends_with("ing") &&
        VerbLemmaAt(i) != tok(i).lower) {
      return ClauseSubject(i - 1);
    }
    // "who started the Quorvik brand and sold it to Tarlin": a second verb
    // joined by "and" shares the first one's subject, not its object.
    if (i >= 3 && tok(i - 1).lower == "and" && tok(i).IsWord() && !tok(i).capitalized) {
      for (uint32_t j = i - 1; j-- > 0 && i - j <= 12;) {
        if (IsClausePunct(tok(j)) || tok(j).lower == "," || tok(j).lower == "and") break;
        if (sa_->mention_at[j] < 0 && IsVerbLike(j) && !(j > 0 && tok(j - 1).lower == "to")) return SubjectOf(j);
      }
    }
    for (uint32_t j = i; j-- > 0 && i - j <= 30;) {
      int m = sa_->mention_at[j];
      if (m >= 0) {
        // "a deal for Airbus to sell planes": the infinitive's own subject.
        if (mention(m).first > 0 && tok(mention(m).first - 1).lower == "for" && mention(m).last + 1 == i &&
            tok(mention(m).last).lower == "to") {
          return {m};
        }
        if (!InPrepPhrase(m) && !IsPossessor(m) && !IsModifier(m) && !QualifiesAPerson(m)) return ListEndingWith(m);
        if (!InPrepPhrase(m) && StandsForState(m)) return {m};
        j = mention(m).first;
        continue;
      }
      const Token& t = tok(j);
      if (t.lower == ")") {  // "The World Trade Organisation (WTO) is to ..."
        while (j > 0 && tok(j).lower != "(") --j;
        continue;
      }
      if (t.lower == "," && j + 1 <= i && !IsRelativePronoun(j + 1)) {
        uint32_t open = SkipRelativeClauseBack(j);
        if (open != j) {
          j = open + 1;  // the loop steps onto the opening comma next
          continue;
        }
      }
      if (IsClausePunct(t) || t.lower == "that") return {};
      // "to see if they provide": an unresolved subject pronoun is the subject.
      if (t.lower == "they" || t.lower == "it" || t.lower == "we" || t.lower == "i" || t.lower == "you") return {};
      if (IsAttributionWord(j) && j + 1 < i && !IsPassiveReport(j)) return {};  // "X said [Y visited]"
      if (t.lower == "which" || t.lower == "who") return Antecedent(j);
    }
    return {};
  }

  // What "which"/"who" at token j refers to: the actor right before it, or
  // the actor modifying the noun right before it ("UN sanctions, which").
  std::vector<int> Antecedent(uint32_t j) const {
    if (j > 0 && tok(j - 1).lower == ",") --j;
    int m = MentionEndingAt(j);
    if (m >= 0) return {m};
    if (j > 0 && IsModifierWord(tok(j - 1))) {
      m = MentionEndingAt(j - 1);
      if (m >= 0) return {m};
    }
    return {};
  }

  // First actor of the clause that holds token i (the clause's subject).
  std::vector<int> ClauseSubject(uint32_t i) const {
    uint32_t start = i;
    while (start > 0 && !IsClausePunct(tok(start - 1)) && tok(start - 1).lower != "that") --start;
    for (uint32_t j = start; j < i; ++j) {
      if (tok(j).lower == "," && j + 1 < i && IsRelativePronoun(j + 1)) {
        // ", which combines the Paris ... exchanges,": not the subject.
        while (j + 1 < i && tok(j + 1).lower != ",") ++j;
        continue;
      }
      int m = MentionStartingAt(j);
      if (m < 0) continue;
      if (!InPrepPhrase(m) && !IsPossessor(m) && !IsModifier(m)) return ListFrom(m);
      j = mention(m).last - 1;
    }
    return {};
  }

  // ", financed by Ann Hale,", ", backed by Peru,": a participle and its
  // agent, an aside about what comes before.
  bool IsParticipleAside(uint32_t j) const {
    if (j + 1 >= size() || !tok(j).IsWord() || tok(j).capitalized) return false;
    const TokenText& w = tok(j).lower;
    return (w.ends_with("ed") || w.ends_with("en")) && VerbLemmaAt(j) != w && tok(j + 1).lower == "by";
  }

  bool IsRelativePronoun(uint32_t j) const {
    return tok(j).lower == "which" || tok(j).lower == "who" || tok(j).lower == "whose";
  }

  // Scanning left from a comma at j: the comma that opens the relative
  // clause ", which ... ," ending here, or j itself.
  uint32_t SkipRelativeClauseBack(uint32_t j) const {
    for (uint32_t k = j; k-- > 0 && j - k <= 25;) {
      if (tok(k).lower == "," && k + 1 < size() && (IsRelativePronoun(k + 1) || IsParticipleAside(k + 1))) return k;
      if (IsClausePunct(tok(k))) break;
    }
    return j;
  }

  // Target after a trigger ending at token `from`: a direct object when the
  // pattern allows one, else an actor introduced by one of its prepositions.
  std::vector<int> ObjectOf(uint32_t from, const RelationPattern& p, bool noun) const {
    std::string prep;
    int skipped_words = 0;  // content words passed since the trigger or preposition
    for (uint32_t j = from, steps = 0; j < size() && steps < 10; ++steps) {
      const Token& t = tok(j);
      int m = MentionStartingAt(j);
      if (m >= 0) {
        // "met Philippine President Marcos", "met Russia's Putin": the
        // person, not the country that qualifies them.
        if (int head = HeadFollows(m); head >= 0) {
          j = static_cast<uint32_t>(head);
          continue;
        }
        // "a stake in Peruvian winemaker Quorvik": the firm the demonym
        // and its trade describe, not the country.
        if (mention(m).kind == Mention::Kind::kDemonym) {
          uint32_t k = mention(m).last;
          while (k < size() && k < mention(m).last + 2 && sa_->mention_at[k] < 0 && IsModifierWord(tok(k)) &&
                 !kBodyNouns.count(tok(k).lower)) {
            ++k;
          }
          if (k + 1 < size() && kBodyNouns.count(tok(k).lower) &&
              MentionStartingAt(k + 1) >= 0 && entity_of(MentionStartingAt(k + 1)).type == EntityType::kOrganization) {
            j = k + 1;
            continue;
          }
        }
        // "meeting the Lisbon agenda" is no meeting with Portugal; but
        // "rejected Lib Dem proposals" does criticise the Lib Dems.
        bool attitude = p.type == "criticizes" || p.type == "supports" || p.type == "praises" ||
                        // "attacked the Harbour Party plans": words against the party's plans.
                        (p.type == "attacks" && mention(m).last < size() &&
                         rules_.reaction_nouns.count(tok(mention(m).last).lower));
        // "met British officials": the officials act for Britain.
        // ("called on Chilean farmers": the farmers, not Chile.)
        const bool describes_others = mention(m).kind == Mention::Kind::kDemonym && mention(m).last < size() &&
                                      !rules_.reaction_nouns.count(tok(mention(m).last).lower) &&
                                      !kActorsOwn.count(tok(mention(m).last).lower) &&
                                      !rules_.nouns.count(NounLemmaAt(mention(m).last)) &&  // "the American invasion"
                                      sa_->title_at[mention(m).last] < 0;  // "the American president"
        // "attacked Chilean positions", "shelled Ukrainian towns": what an
        // attack hits there is the country's.
        static const WordSet kHeldByAState = {"positions", "targets", "towns", "cities", "villages", "territory",
                                              "soil", "bases", "base", "ships", "boats", "vessels", "warships",
                                              "troops", "forces", "soldiers", "airspace", "waters", "border",
                                              "outposts", "posts", "infrastructure", "ports", "airfields"};
        const bool attacked_holding = p.type == "attacks" && mention(m).last < size() &&
                                      kHeldByAState.count(tok(mention(m).last).lower) &&
                                      entity_of(m).type == EntityType::kCountry;
        if (prep.empty() && !noun && (!attitude || describes_others) && ModifiesNoun(m) && !StandsForState(m) &&
            !attacked_holding) {
          j = mention(m).last;
          ++skipped_words;
          continue;
        }
        if (mention(m).kind == Mention::Kind::kPronoun && IsPossessor(m) && PronounHeadFollows(m) >= 0) {
          j = static_cast<uint32_t>(PronounHeadFollows(m));  // "met his counterpart Wang Yi"
          continue;
        }
      }
      if (m >= 0) {
        // A direct object comes right after the verb: in "denounce the
        // suggestion Britain's ..." Britain is not what is denounced.
        bool ok = prep.empty() ? p.direct_object && !noun && skipped_words <= 1
                               : std::find(p.preps.begin(), p.preps.end(), prep) != p.preps.end();
        // "hit out at the farm policies of the EU": whose policies.
        if (!ok && !noun && IsAttitude(p.type) && prep == "of") {
          uint32_t of = mention(m).first;
          if (of > 0 && sa_->title_at[of - 1] >= 0) of = sa_->titles[sa_->title_at[of - 1]].first;  // "of Ms Hale"
          while (of > 0 && tok(of - 1).lower == "the") --of;
          ok = of >= 2 && tok(of - 1).lower == "of" &&
               (rules_.reaction_nouns.count(tok(of - 2).lower) || rules_.conduct_nouns.count(tok(of - 2).lower));
        }
        if (ok) return ListFrom(m);
        if (noun) return {};  // a noun's target follows it closely
        // "the decision by India and Pakistan": past the whole list, none
        // of which is a direct object.
        prep.clear();
        j = mention(ListFrom(m).back()).last;
        continue;
      }
      // "warned on Thursday that India's deficit was too large": the
      // actor opening what is said, for patterns that allow "that".
      if (t.lower == "that" && !noun && std::find(p.preps.begin(), p.preps.end(), "that") != p.preps.end()) {
        uint32_t k = j + 1;
        if (k < size() && tok(k).lower == "the") ++k;
        int opening = MentionStartingAt(k);
        if (opening < 0 || mention(opening).kind == Mention::Kind::kPronoun) return {};
        return ListFrom(opening);
      }
      if (IsClausePunct(t) || t.lower == "," || kClauseBreaks.count(t.lower)) return {};
      // "criticised X and warned Y": a second verb ends the object search.
      if ((t.lower == "and" || t.lower == "or") && j + 1 < size() && IsVerbLike(j + 1)) return {};
      // "a ban on arms exports to China": the goods traded name no actor;
      // the country they go to is the target of the ban.
      static const WordSet kTradeNouns = {"exports", "sales", "shipments", "deliveries", "supplies", "imports"};
      // Also "a ban on imports from China".
      if (noun && prep == "on" && (t.lower == "to" || (t.lower == "from" && tok(j - 1).lower == "imports")) && j > 0 &&
          kTradeNouns.count(tok(j - 1).lower)) {
        ++j;
        continue;
      }
      // "shelled the city of Kharkiv": the place named after its kind is the object.
      static const WordSet kPlaceKinds = {"city", "town", "capital", "village", "port", "region", "province",
                                          "island", "enclave", "territory"};
      if (t.lower == "of" && prep.empty() && !noun && j > from && kPlaceKinds.count(tok(j - 1).lower)) {
        skipped_words = 0;
        ++j;
        continue;
      }
      if (kPrepositions.count(t.lower)) {
        if (noun && !prep.empty()) return {};
        prep = t.lower;
        skipped_words = 0;
      } else if (noun && !IsModifierWord(t) && !(prep.size() && t.capitalized && t.IsWord() && ++skipped_words <= 1)) {
        return {};  // (one unknown name may qualify the target: "tribute to Democrat Ann Hale")
      } else if (t.IsWord() && !kDeterminers.count(t.lower)) {
        ++skipped_words;
      }
      ++j;
    }
    return {};
  }

  static bool IsAttitude(const std::string& type) {
    return type == "supports" || type == "criticizes" || type == "praises";
  }

  // A reaction noun as the direct object right after token `from` ("the
  // new regulations"), with no actor before it; `government` tells whether
  // the government's ("controversial government plans").
  bool ReactionNounAfter(uint32_t from, bool* government) const {
    *government = false;
    for (uint32_t j = from; j < size() && j < from + 4; ++j) {
      const Token& t = tok(j);
      if (sa_->mention_at[j] >= 0 || !t.IsWord()) return false;
      if (rules_.reaction_nouns.count(t.lower)) return true;
      if (!IsModifierWord(t) || IsVerbLike(j)) return false;
      *government = *government || t.lower == "government";
    }
    return false;
  }

  // The actor after "to", "on", "against" or "from" in the clause of the
  // act that starts at `from` ("cut aid to Chile"); none past the clause.
  std::vector<int> TargetOfThreatenedAct(uint32_t from) const {
    for (uint32_t j = from; j + 1 < size() && j < from + 10; ++j) {
      if (IsClausePunct(tok(j)) || tok(j).lower == "," || tok(j).lower == "if" || tok(j).lower == "unless") break;
      const TokenText& w = tok(j).lower;
      if (w != "to" && w != "on" && w != "against" && w != "from") continue;
      uint32_t at = j + 1;
      if (at < size() && tok(at).lower == "the") ++at;
      int m = MentionStartingAt(at);
      if (m < 0 || IsModifier(m) || IsPossessor(m)) continue;
      const EntityType type = entity_of(m).type;
      if (type == EntityType::kPerson || type == EntityType::kCountry || type == EntityType::kOrganization) {
        return ListFrom(m);
      }
    }
    return {};
  }

  // "giving", "scrapping": a verb's -ing form at token i.
  bool GerundAt(uint32_t i) const {
    if (i >= size() || sa_->mention_at[i] >= 0 || !tok(i).IsWord() || tok(i).capitalized) return false;
    // (Nouns in -ing that name no act.)
    static const WordSet kThings = {"morning", "evening", "meeting", "building", "wedding", "clothing",
                                    "ceiling", "painting", "setting", "during", "something", "nothing",
                                    "everything", "anything", "including", "following", "according"};
    const std::string_view word = tok(i).lower;
    return word.size() > 5 && word.ends_with("ing") && !kThings.count(word) && VerbLemmaAt(i) != word;
  }

  // Whether a plan, policy or decision is named in [from, to).
  bool ReactionNounBetween(uint32_t from, uint32_t to) const {
    for (uint32_t j = from; j < to && j < size(); ++j) {
      if (rules_.reaction_nouns.count(tok(j).lower)) return true;
    }
    return false;
  }

  // "threatened to [retaliate]": a form of "threaten" just before token i.
  bool ThreatVerbBefore(uint32_t i) const {
    for (uint32_t j = i; j-- > 0 && i - j <= 3;) {
      if (tok(j).IsWord() && VerbLemmaAt(j) == "threaten") return true;
    }
    return false;
  }

  // "cannot support", "could not back": "can"/"could" with a negation right
  // before token i.
  bool CannotBefore(uint32_t i) const {
    if (i >= 1 && tok(i - 1).lower == "cannot") return true;
    return i >= 2 && (tok(i - 1).lower == "not" || tok(i - 1).lower == "n't") &&
           (tok(i - 2).lower == "could" || tok(i - 2).lower == "can" || tok(i - 2).lower == "ca");
  }

  // "if it has a damaging effect": token i is in a condition.
  bool ConditionBefore(uint32_t i) const {
    for (uint32_t j = i; j-- > 0 && i - j <= 8;) {
      if (IsClausePunct(tok(j)) || tok(j).lower == ",") return false;
      if (tok(j).lower == "if" || tok(j).lower == "unless") return true;
    }
    return false;
  }

  // "would not say whether the minister approved": the clause before token
  // i asks a question rather than telling what happened.
  bool OpenQuestionBefore(uint32_t i) const {
    for (uint32_t j = i; j-- > 0 && i - j <= 10;) {
      if (IsClausePunct(tok(j))) return false;
      if (tok(j).lower == "whether" || tok(j).lower == "if") return true;
    }
    return false;
  }

  // "the decision by the EU", "the move of Russia": the actor right after
  // the reaction noun that follows `from`; nothing when there is none.
  std::vector<int> ActorOfReactionNoun(uint32_t from) const {
    for (uint32_t j = from; j < size() && j < from + 4; ++j) {
      if (!rules_.reaction_nouns.count(tok(j).lower)) continue;
      uint32_t k = j + 1;
      if (k >= size() || (tok(k).lower != "by" && tok(k).lower != "of" && tok(k).lower != "from")) return {};
      ++k;
      if (k < size() && tok(k).lower == "the") ++k;
      int m = MentionStartingAt(k);
      if (m < 0 || IsPossessor(m) || IsModifier(m)) return {};  // "by Spain's highest court", "by EU ministers"
      return ListFrom(m);
    }
    return {};
  }

  // "The new rules have been criticised by X": a reaction noun heading the
  // subject of the passive verb at i.
  bool ReactionNounBefore(uint32_t i, bool* government) const {
    *government = false;
    for (uint32_t j = i; j-- > 0 && i - j <= 6;) {
      const Token& t = tok(j);
      if (sa_->mention_at[j] >= 0 || !t.IsWord()) return false;
      if (rules_.reaction_nouns.count(t.lower)) {
        for (uint32_t k = j; k-- > 0 && j - k <= 3 && IsModifierWord(tok(k));) {
          *government = *government || tok(k).lower == "government";
        }
        return true;
      }
      if (!kBeForms.count(t.lower) && t.lower != "have" && t.lower != "has" && t.lower != "had" &&
          t.lower != "also" && t.lower != "not" && t.lower != "widely") {
        return false;
      }
    }
    return false;
  }

  // Whose plans the article is about: "Ann Hale's new proposals", "the
  // measures outlined by the minister", "the Harbour Board unveiled the
  // rules", "the council defended the move". Reactions to a plan, policy
  // or decision go to its owner (ResolveReactions).
  void FindPlanOwners() {
    static const WordSet kPlanVerbs = {"announce", "unveil", "propose", "introduce", "launch", "outline",
                                       "publish", "defend", "table", "implement", "extend", "confirm",
                                       "draw", "set", "bring", "push", "plan"};
    auto vote = [&](int m) {
      if (m < 0 || m >= static_cast<int>(sa_->mentions.size()) || mention(m).entity < 0) return;
      const Entity& e = entity_of(m);
      if (e.type != EntityType::kPerson && e.type != EntityType::kCountry && e.type != EntityType::kOrganization) {
        return;
      }
      ++plan_owner_cues_[e.key];
      plan_owner_order_.emplace(e.key, static_cast<int>(plan_owner_order_.size()));
    };
    // Plans and what an actor decides; not news, deals or offers, which
    // others make too.
    static const WordSet kPlanNouns = {"plan",  "plans",    "proposal", "proposals", "measure", "measures",
                                       "policy", "policies", "scheme",   "reform",    "reforms", "legislation",
                                       "bill",  "rules",    "regulations", "initiative", "changes", "budget",
                                       "freeze", "move",    "decision"};
    for (uint32_t j = 0; j < size(); ++j) {
      if (!kPlanNouns.count(tok(j).lower) || sa_->mention_at[j] >= 0 || sa_->title_at[j] >= 0) continue;
      if (j + 1 < size() && sa_->title_at[j + 1] >= 0) continue;  // "a senior policy adviser"
      // "they also plan to": a verb.
      if (j + 1 < size() && tok(j + 1).lower == "to" && j > 0 && sa_->mention_at[j - 1] < 0 &&
          !kDeterminers.count(tok(j - 1).lower) && tok(j - 1).kind != Token::Kind::kPossessive) {
        continue;
      }
      if (int owner = PossessorBefore(j); owner >= 0) {  // "Ann Hale's new proposals"
        vote(owner);
        continue;
      }
      if (int owner = ModifierBefore(j); owner >= 0) {  // "Tarlin Trust plans", "Peruvian proposals"
        vote(owner);
        continue;
      }
      // "the measures (outlined) by the minister", "proposals from Peru"
      uint32_t k = j + 1;
      if (k < size() && tok(k).lower.ends_with("ed")) ++k;
      if (k + 1 < size() && (tok(k).lower == "by" || tok(k).lower == "from")) {
        uint32_t at = k + 1;
        if (tok(at).lower == "the") ++at;
        if (int m = MentionStartingAt(at); m >= 0 && !IsModifier(m) && !IsPossessor(m)) {
          vote(m);
          continue;
        }
      }
      // "The Harbour Board has unveiled the new rules": the subject of a
      // verb that makes, announces or defends the plan.
      for (uint32_t v = j; v-- > 0 && j - v <= 5;) {
        if (IsClausePunct(tok(v)) || sa_->mention_at[v] >= 0) break;
        if (!tok(v).IsWord() || !kPlanVerbs.count(VerbLemmaAt(v))) continue;
        std::vector<int> subject = SubjectOf(v);
        if (subject.size() == 1) vote(subject.front());
        break;
      }
    }
  }

  // The actor with the most plan-owner cues (the first seen on ties), other
  // than the reacting one and those it holds an office in or is held by.
  template <typename Linked>
  std::string PlanOwnerFor(const std::string& reacting, const Linked& linked) const {
    std::string best;
    for (const auto& [key, n] : plan_owner_cues_) {
      if (key == reacting || linked(key, reacting)) continue;
      if (best.empty() || n > plan_owner_cues_.at(best) ||
          (n == plan_owner_cues_.at(best) && plan_owner_order_.at(key) < plan_owner_order_.at(best))) {
        best = key;
      }
    }
    return best;
  }

  // Reactions to what the article's main actor did: "the government's" to
  // its own country; otherwise the actor (person, country or body) the
  // article names most, the earliest on ties, that is neither the reacting
  // actor nor one holding an office in it or held by it.
  void ResolveReactions() {
    if (reactions_.empty()) return;
    // Named as an actor: not inside a prepositional phrase ("jobs in
    // Bangladesh") nor as a modifier ("Labour voters").
    std::unordered_map<std::string, int> named;
    std::unordered_map<std::string, int> first_at;
    int order = 0;
    ForEachMention([&](size_t k, const Mention& m) {
      if (m.entity < 0 || InPrepPhrase(static_cast<int>(k)) || IsModifier(static_cast<int>(k))) return;
      const Entity& e = a_.entities[m.entity];
      if (e.type != EntityType::kPerson && e.type != EntityType::kCountry && e.type != EntityType::kOrganization) {
        return;
      }
      ++named[e.key];
      first_at.emplace(e.key, order++);
    });
    auto linked = [&](const std::string& x, const std::string& y) {
      for (const Relation& r : out_) {
        if (r.type == "role" && ((r.source == x && r.target == y) || (r.source == y && r.target == x))) return true;
      }
      return false;
    };
    for (Reaction& reaction : reactions_) {
      Relation& r = reaction.relation;
      // "would not say whether the minister approved the scheme": whom the
      // plans are from is guesswork, and so is the reaction; not worth both.
      if (reaction.open_question) continue;
      auto agent = a_.entity_by_key.find(r.source);
      if (agent == a_.entity_by_key.end()) continue;
      EntityType agent_type = a_.entities[agent->second].type;
      if (agent_type != EntityType::kPerson && agent_type != EntityType::kCountry &&
          agent_type != EntityType::kOrganization) {
        continue;
      }
      std::string target;
      if (reaction.government) {
        if (a_.home_country.empty()) continue;
        target = "country:" + a_.home_country;
        if (!AddKnownEntity(target)) continue;
      } else if (std::string owner = PlanOwnerFor(r.source, linked); !owner.empty()) {
        target = owner;
      } else {
        for (const auto& [key, n] : named) {
          if (n < 2 || key == r.source || linked(key, r.source)) continue;
          if (target.empty() || n > named[target] || (n == named[target] && first_at[key] < first_at[target])) {
            target = key;
          }
        }
      }
      if (target.empty() || target == r.source) continue;
      r.target = target;
      out_.push_back(std::move(r));
    }
  }

  // The possessor opening the noun phrase right before the verb group at i
  // ("[Russia's] new plan has been ..."), or nothing.
  std::vector<int> PossessorOfSubject(uint32_t i) const {
    for (uint32_t j = i; j-- > 0 && i - j <= 6;) {
      int m = sa_->mention_at[j];
      if (m >= 0) return IsPossessor(m) ? std::vector<int>{m} : std::vector<int>{};
      const Token& t = tok(j);
      if (t.kind != Token::Kind::kQuote && !IsModifierWord(t) && !kBeForms.count(t.lower)) return {};
    }
    return {};
  }

  // "X's [first] visit": the possessor.
  // Also "[his] holiday in Peru": a possessive pronoun resolved to a person.
  int PossessorBefore(uint32_t i) const {
    uint32_t j = i;
    for (int skipped = 0; j > 0 && skipped < 3; ++skipped) {
      if (int pronoun = PossessivePronounEndingAt(j); pronoun >= 0) return pronoun;
      if (!IsModifierWord(tok(j - 1)) || IsVerbLike(j - 1)) break;
      --j;
    }
    if (int pronoun = PossessivePronounEndingAt(j); pronoun >= 0) return pronoun;
    if (j == 0 || tok(j - 1).kind != Token::Kind::kPossessive) return -1;
    return MentionEndingAt(j - 1);
  }
  int PossessivePronounEndingAt(uint32_t j) const {
    if (j == 0 || (tok(j - 1).lower != "his" && tok(j - 1).lower != "her")) return -1;
    int m = MentionEndingAt(j);
    return m >= 0 && mention(m).kind == Mention::Kind::kPronoun ? m : -1;
  }
  // "US [economic] warnings", "Russian assistance": the modifying actor.
  int ModifierBefore(uint32_t i) const {
    uint32_t j = i;
    for (int skipped = 0; j > 0 && skipped < 2 && IsModifierWord(tok(j - 1)) && !IsVerbLike(j - 1); ++skipped) {
      if (kDeterminers.count(tok(j - 1).lower)) return -1;  // "sent Peru its congratulations"
      --j;
    }
    return MentionEndingAt(j);
  }
  // "... by Russia" after a trigger (passive or nominal agent).
  std::vector<int> ByAgent(uint32_t from) const {
    for (uint32_t j = from; j < size() && j < from + 6; ++j) {
      if (tok(j).lower == "by") {
        uint32_t k = j + 1;
        if (k < size() && tok(k).lower == "the") ++k;
        // "by tycoon Ann Hale": past a description.
        for (int skipped = 0; skipped < 2 && k + 1 < size() && sa_->mention_at[k] < 0 && IsModifierWord(tok(k)) &&
                              !kDeterminers.count(tok(k).lower) && tok(k).lower != "either" &&
                              sa_->mention_at[k + 1] >= 0 && mention(sa_->mention_at[k + 1]).kind == Mention::Kind::kName &&
                              !IsVerbLike(k);
             ++skipped) {
          ++k;
        }
        int m = MentionStartingAt(k);
        return m >= 0 ? ListFrom(m) : std::vector<int>{};
      }
      if (IsClausePunct(tok(j)) || tok(j).lower == ",") break;
    }
    return {};
  }
  bool IsPassive(uint32_t i, uint32_t end) const {
    if (i > 0 && tok(i - 1).lower == "," && IsParticipleAside(i)) return true;  // "X, backed by Y,"
    bool be = false;
    for (uint32_t j = i; j-- > 0 && i - j <= 3;) be = be || kBeForms.count(tok(j).lower);
    if (!be) return false;
    for (uint32_t j = end; j < size() && j <= end + 1; ++j) {
      if (tok(j).lower == "by") return true;
    }
    // "he would be sent to Cuba": a passive whose agent is not
    // named; its subject is what is acted on, never the agent.
    return IsParticipleAfterBe(i);
  }
  bool IsParticipleAfterBe(uint32_t i) const {
    const TokenText& w = tok(i).lower;
    if (w.ends_with("ing") || w.ends_with("s") || VerbLemmaAt(i) == w) return false;  // "is visiting", "is to visit"
    if (i > 0 && tok(i - 1).lower == "being") return true;  // "arms being exported to Peru"
    uint32_t j = i;
    while (j > 0 && (tok(j - 1).lower == "not" || tok(j - 1).lower == "also" || tok(j - 1).lower == "being" ||
                     tok(j - 1).lower.ends_with("ly"))) {
      --j;
    }
    return j > 0 && kBeForms.count(tok(j - 1).lower) && tok(j - 1).lower != "'s";
  }

  // ---- triggers -----------------------------------------------------------

  // Whether the word at i reads as a noun here: after a determiner,
  // possessive, adjective-like word or a demonym.
  bool NounContext(uint32_t i) const {
    if (i == 0) return false;
    if (LightVerbBefore(i) >= 0) return true;  // "launched air strikes"
    const Token& prev = tok(i - 1);
    if (prev.kind == Token::Kind::kPossessive || kDeterminers.count(prev.lower)) return true;
    if (prev.lower != "to" && kPrepositions.count(prev.lower)) return true;  // "under fire from"
    int m = MentionEndingAt(i);
    if (m >= 0) return mention(m).kind == Mention::Kind::kDemonym;
    if (!prev.IsWord() || prev.capitalized) return false;
    static const char* kAdjectiveEndings[] = {"al", "ful", "ous", "ive", "ic", "ing", "long", "ary", "ent"};
    for (const char* suffix : kAdjectiveEndings) {
      std::string_view s(suffix);
      if (prev.lower.size() > s.size() + 2 && prev.lower.compare(prev.lower.size() - s.size(), s.size(), s) == 0) {
        return true;
      }
    }
    return false;
  }

  void TryTrigger(uint32_t i) {
    const Token& t = tok(i);
    if (!t.IsWord() || sa_->mention_at[i] >= 0 || sa_->title_at[i] >= 0) return;
    if (t.capitalized && i > 0) return;  // inside names ("Security Council"), not verbs
    // "seize back the initiative", "hit back at critics": a particle, not "back" (support).
    static const WordSet kTakesBack = {"seize", "hit", "fight", "win", "take", "come", "go", "bring", "pay",
                                       "cut", "scale", "roll", "step", "pull", "hold", "strike", "claw",
                                       "give", "get", "turn", "send", "look", "put", "call", "fall", "set",
                                       "push", "play", "bounce", "buy", "sell", "swing", "write"};
    if (t.lower == "back" && i > 0 && kTakesBack.count(VerbLemmaAt(i - 1))) return;
    const std::string& verb = VerbLemmaAt(i);
    const std::string& noun = NounLemmaAt(i);
    // (Most words head no pattern: the word's rule bits say so without a lookup.)
    auto verbs = RuleBitAt(i, kVerbTriggerBit) ? rules_.verbs.equal_range(verb)
                                               : std::pair(rules_.verbs.end(), rules_.verbs.end());
    auto nouns = RuleBitAt(i, kNounTriggerBit) ? rules_.nouns.equal_range(noun)
                                               : std::pair(rules_.nouns.end(), rules_.nouns.end());
    bool has_verb = verbs.first != verbs.second, has_noun = nouns.first != nouns.second;
    if (!has_verb && !has_noun) return;
    bool as_noun = has_noun && (!has_verb || NounContext(i));
    if (as_noun) {
      for (auto it = nouns.first; it != nouns.second; ++it) ApplyNoun(i, it->second);
    } else {
      for (auto it = verbs.first; it != verbs.second; ++it) ApplyVerb(i, it->second);
    }
  }

  void ApplyVerb(uint32_t i, const RelationPattern& p) {
    if (!TriggerFits(i, p)) return;
    // "broke a pledge to Ian Reid", "its call for Peru to leave": a
    // noun, whatever its lemma.
    static const WordSet kNounOpeners = {"a", "an", "the", "its", "his", "her", "their", "our", "my", "your"};
    if (i > 0 && kNounOpeners.count(tok(i - 1).lower)) return;
    uint32_t end = i + 1;
    if (!p.particle.empty()) {
      if (end >= size() || (NounLemmaAt(end) != p.particle && tok(end).lower != p.particle)) return;
      ++end;
    }
    if (p.needs_amount && !AmountInClause(end)) return;
    if (p.type == "supplies" && SupplyStopped(i)) return;
    // "will deliver a Budget to MPs", "delivered a speech to":
    // words, not goods.
    if (p.type == "supplies" && p.lemma == "deliver") {
      static const WordSet kSpoken = {"budget", "speech", "statement", "address", "verdict", "message", "lecture",
                                      "report", "ruling", "judgment", "judgement", "warning", "ultimatum", "sermon",
                                      "letter", "petition", "keynote", "blow", "promise", "pledge", "result", "results"};
      for (uint32_t j = end; j < size() && j < end + 4; ++j) {
        if (kSpoken.count(tok(j).lower)) return;
      }
    }
    // "struck a deal", "strike the right balance": no blow.
    if (p.type == "attacks" && p.lemma == "strike") {
      static const WordSet kStruckThings = {"deal",  "agreement", "accord", "pact",  "bargain", "balance",
                                            "note",  "tone",      "chord",  "compromise", "deals", "agreements"};
      for (uint32_t j = end; j < size() && j < end + 4; ++j) {
        if (kStruckThings.count(tok(j).lower)) return;
      }
    }
    if (p.receiver) {
      // "Peru will import Chilean copper", "imports gas from Russia":
      // the subject receives from the source named after the verb.
      // ("a ban on imports from China": a noun.)
      if (i > 0 && ((kPrepositions.count(tok(i - 1).lower) && tok(i - 1).lower != "to") ||
                    kDeterminers.count(tok(i - 1).lower) ||
                    tok(i - 1).kind == Token::Kind::kPossessive)) {
        return;
      }
      std::vector<int> sources = ObjectOf(end, p, /*noun=*/false);
      if (sources.empty()) {
        uint32_t j = end;
        while (j < size() && kDeterminers.count(tok(j).lower)) ++j;
        int m = MentionStartingAt(j);
        // ("bought Chilean brewer Quorvik", "buy the Peruvian firm": a
        // takeover, not a supply from the country.)
        static const WordSet kFirmNouns = {"firm",    "company",  "group",   "brewer", "bank",  "carrier", "maker",
                                           "rival",   "operator", "producer", "giant", "chain", "airline", "insurer",
                                           "retailer", "business", "firms",   "companies"};
        if (m >= 0 && mention(m).kind == Mention::Kind::kDemonym && ModifiesNoun(m) &&
            !kFirmNouns.count(tok(mention(m).last).lower)) {
          sources = {m};
        }
      }
      // "ordered 12 Airbus jets": a firm named before the thing ordered.
      if (p.maker_object) {
        std::erase_if(sources, [&](int m) {
          const uint32_t after = mention(m).last;
          return entity_of(m).type != EntityType::kOrganization || after >= size() || !tok(after).IsWord() ||
                 kPrepositions.count(tok(after).lower) || tok(after).lower == "and" || tok(after).lower == "or";
        });
      }
      if (!sources.empty() && !IsPassive(i, end)) Emit(p.type, sources, SubjectOf(i), i, end, 0.6);
      return;
    }
    if (p.event_object) {
      // "attended the Nato summit": with whoever holds it; nothing else.
      std::vector<int> host = EventHostAfter(end);
      if (!host.empty()) Emit(p.type, SubjectOf(i), host, i, end, 0.6);
      return;
    }
    std::vector<int> agents, targets;
    bool passive = IsPassive(i, end);
    const bool aside = i > 0 && tok(i - 1).lower == "," && IsParticipleAside(i);
    if (aside) {
      // "The Harbour Trust, financed by Ann Hale,": what the aside follows
      // ("plans, backed by Peru," name no actor).
      agents = ByAgent(end);
      uint32_t before = i - 1;  // the comma
      if (before > 0 && tok(before - 1).lower == ")") {  // "The Harbour Trust (HT), financed by"
        while (before > 0 && tok(before - 1).lower != "(") --before;
        if (before > 0) --before;
      }
      if (int m = MentionEndingAt(before); m >= 0) targets = {m};
      if (targets.empty()) return;
    } else if (passive) {
      agents = ByAgent(end);
      targets = SubjectOf(i);
      // "Their demands have been backed by X", "Russia's plan was
      // criticised by X": the owner of what is acted on.
      if (targets.empty()) targets = PossessorOfSubject(i);
    } else {
      agents = SubjectOf(i);
      targets = ObjectOf(end, p, /*noun=*/false);
    }
    if (p.object_to_act) {
      // "called for Peru to pay": the actor asked to act, right after the
      // trigger ("called for Commons leader Ann Hale to": past the title
      // and its body).
      uint32_t at = end < size() && tok(end).lower == "the" ? end + 1 : end;
      while (!targets.empty() && at < mention(targets[0]).first &&
             (tok(at).capitalized || sa_->title_at[at] >= 0)) {
        ++at;
      }
      if (passive || targets.size() != 1 || mention(targets[0]).first != at) return;
      const uint32_t after = mention(targets[0]).last;
      if (after + 1 >= size() || tok(after).lower != "to" || tok(after + 1).lower == "be") return;
    }
    // "threatened to cut aid to Chile", "threatens to impose sanctions on
    // Peru": whom the threatened act is aimed at.
    if (targets.empty() && !passive && p.type == "threatens" && end < size() && tok(end).lower == "to") {
      targets = TargetOfThreatenedAct(end + 1);
    }
    bool government = false;
    bool reaction = passive ? ReactionNounBefore(i, &government) : ReactionNounAfter(end, &government);
    // "opposes giving wardens the power", "condemned scrapping the
    // scheme": an act named by its verb, whoever plans it.
    if (!passive && !reaction && p.type == "criticizes" && GerundAt(end)) reaction = true;
    // "welcomed the decision by the EU", "condemned the move by Russia":
    // the reaction names whose act it was.
    if (targets.empty() && !passive && reaction && IsAttitude(p.type)) targets = ActorOfReactionNoun(end);
    // "Ann Hale attacked the plans": words, not arms.
    const bool verbal_attack = p.type == "attacks" && agents.size() == 1 &&
                               (entity_of(agents.front()).type == EntityType::kPerson ||
                                entity_of(agents.front()).type == EntityType::kOrganization);
    if (targets.empty() && p.direct_object && agents.size() == 1 && (IsAttitude(p.type) || verbal_attack) &&
        reaction && !IsCityThatActsForNoOne(entity_of(agents.front()))) {
      // "The union welcomed the news": the news of the article's main actor,
      // known once the whole article is read.
      Relation r;
      r.source = AgentKey(agents.front());
      r.type = verbal_attack ? "criticizes" : p.type;
      FillEvidence(&r.evidence, i, end, 0.5);
      bool negated = false;
      r.evidence.modality = ModalityAt(i, &negated);
      r.evidence.negated = negated;
      if (negated && (r.evidence.modality == Modality::kAsserted || r.evidence.modality == Modality::kReported)) {
        r.evidence.modality = Modality::kDenied;
      }
      if (speaker_ >= 0 && entity_of(speaker_).key != r.source) r.evidence.attributed_to = entity_of(speaker_).key;
      reactions_.push_back({std::move(r), government, OpenQuestionBefore(i)});
      return;
    }
    // "ministers attacked Harbour Party plans": plans are attacked with words.
    if (p.type == "attacks" && !targets.empty() && mention(targets.back()).last < size() &&
        rules_.reaction_nouns.count(tok(mention(targets.back()).last).lower)) {
      return Emit("criticizes", agents, targets, i, end, 0.8);
    }
    EmitPattern(p, agents, targets, i, end, 0.8);
  }

  // Emits with the pattern's type, or its person-as type for person targets.
  void EmitPattern(const RelationPattern& p, const std::vector<int>& agents, const std::vector<int>& targets,
                   uint32_t first, uint32_t last, double confidence) {
    if (p.between_organizations) {
      // "Quorvik agreed to buy Tarlin": a deal between bodies, both named.
      auto organizations = [&](const std::vector<int>& ms) {
        std::vector<int> kept;
        for (int m : ms) {
          if (entity_of(m).type == EntityType::kOrganization) kept.push_back(m);
        }
        return kept;
      };
      std::vector<int> buyers = organizations(agents), bought = organizations(targets);
      if (buyers.empty() || bought.empty()) return;
      return Emit(p.type, buyers, bought, first, last, confidence);
    }
    if (!p.type_for_possessor.empty() && !targets.empty() && IsPossessor(targets.back())) {
      return Emit(p.type_for_possessor, agents, targets, first, last, confidence);
    }
    if (p.type_for_person.empty()) return Emit(p.type, agents, targets, first, last, confidence);
    std::vector<int> people, others;
    for (int t : targets) (entity_of(t).type == EntityType::kPerson ? people : others).push_back(t);
    if (!people.empty()) Emit(p.type_for_person, agents, people, first, last, confidence);
    if (!others.empty() || targets.empty()) Emit(p.type, agents, others, first, last, confidence);
  }

  // "an embargo on arms exports to China", "suspend gas exports to
  // Chile": supplies stopped are none.
  bool SupplyStopped(uint32_t i) const {
    static const WordSet kStopped = {"ban", "embargo", "halt", "suspend", "suspended", "suspension", "stop", "curb"};
    for (uint32_t j = i; j-- > 0 && i - j <= 4;) {
      if (kStopped.count(tok(j).lower)) return true;
    }
    return false;
  }

  // The pattern's own conditions on the trigger word at i: the word right
  // before it ("after=under") and its form ("past-form").
  bool TriggerFits(uint32_t i, const RelationPattern& p) const {
    if (!p.word_before.empty() && (i == 0 || tok(i - 1).lower != p.word_before)) return false;
    return !p.past_form_only || tok(i).lower.ends_with("ed");
  }

  void ApplyNoun(uint32_t i, const RelationPattern& p) {
    if (!TriggerFits(i, p)) return;
    uint32_t end = i + 1;
    if (p.type == "supplies" && SupplyStopped(i)) return;
    int possessor = PossessorBefore(i);
    if (p.possessor_target) {
      if (possessor < 0) return;
      std::vector<int> agents = CopulaList(end);
      // "Chile became Peru's largest trading partner": the subject of the
      // copula before the possessor.
      if (agents.empty() && CopulaBefore(mention(possessor).first)) agents = ClauseSubject(mention(possessor).first);
      Emit(p.type, agents, {possessor}, i, end, 0.7);
      return;
    }
    if (p.from_agent) {
      // "Ann Hale came under fire from Ian Reid", "faced criticism from
      // Peru": the actor after "from" acts on the clause's subject.
      std::vector<int> agents = ObjectOf(end, p, /*noun=*/true);
      std::vector<int> targets = ClauseSubject(i);
      if (!agents.empty() && !targets.empty()) Emit(p.type, agents, targets, i, end, 0.6);
      return;
    }
    if (p.copula_agent) {
      // "Ann Hale is a keen advocate of", "have long been loyal
      // backers of Peruvian membership": the copula's subject.
      uint32_t j = i;
      for (int skipped = 0; j > 0 && skipped < 4 && sa_->mention_at[j - 1] < 0 && IsModifierWord(tok(j - 1)) &&
                            !kLinkingVerbs.count(tok(j - 1).lower);
           ++skipped) {
        --j;
      }
      if (j == 0 || !kLinkingVerbs.count(tok(j - 1).lower)) return;
      std::vector<int> targets = ObjectOf(end, p, /*noun=*/true);
      if (!targets.empty()) Emit(p.type, ClauseSubject(j - 1), targets, i, end, 0.6);
      return;
    }
    double confidence = 0.7;
    std::vector<int> agents;
    int modifier = possessor >= 0 ? possessor : ModifierBefore(i);
    if (modifier >= 0) {
      agents = {modifier};
    } else {
      agents = ByAgent(end);
      if (agents.empty()) {
        // "Israel launched air strikes on Gaza", "the EU imposed sanctions".
        int light = LightVerbBefore(i);
        if (light >= 0) agents = SubjectOf(static_cast<uint32_t>(light));
      }
      if (agents.empty() && p.subject_agent && InActivityPhrase(i)) {
        agents = ClauseSubject(i);
        confidence = 0.6;
      }
    }
    if (end < size() && tok(end).lower == "between") agents.clear();  // "talks between X and Y"
    // "the visit by Ann Hale to Chile": the agent first, then the target.
    uint32_t target_from = end;
    if (end + 1 < size() && tok(end).lower == "by" && !agents.empty() && agents == ByAgent(end)) {
      target_from = mention(agents.back()).last;
    }
    std::vector<int> targets = ObjectOf(target_from, p, /*noun=*/true);
    // "an alliance of the US, India and Japan": between its members.
    if (end < size() && tok(end).lower == "of" && targets.size() >= 2 && IsSymmetricRelation(p.type)) agents.clear();
    if (targets.empty()) targets = IndirectObject(i);  // "sent Mr Macron his congratulations"
    if (targets.empty() && p.receiver) {
      targets = ReceiverOf(modifier >= 0 ? mention(modifier).first : i);
      confidence = 0.55;
    }
    if (targets.empty() && p.concession) {
      targets = ConcessionTarget(modifier >= 0 ? mention(modifier).first : i);
      confidence = 0.55;
    }
    EmitPattern(p, agents, targets, i, end, confidence);
  }

  // The noun at i heads a phrase about what the subject is doing: "arrived
  // for a summit with", "during a visit to", "after talks with".
  bool InActivityPhrase(uint32_t i) const {
    static const WordSet kActivityPreps = {"for", "during", "after", "before",
                                                                        "at", "on", "in", "ahead"};
    for (uint32_t j = i; j-- > 0 && i - j <= 4;) {
      const Token& t = tok(j);
      if (kActivityPreps.count(t.lower)) return true;
      if (!IsModifierWord(t) || IsVerbLike(j)) return false;
    }
    return false;
  }

  // A light verb whose object is the noun at i ("launched air strikes",
  // "imposed new sanctions", "signed an agreement"); -1 if none.
  int LightVerbBefore(uint32_t i) const {
    for (uint32_t j = i; j-- > 0 && i - j <= 7;) {
      const Token& t = tok(j);
      if (t.IsWord() && rules_.light_verbs.count(VerbLemmaAt(j))) return static_cast<int>(j);
      if (t.kind == Token::Kind::kQuote) continue;  // his "warmest congratulations"
      // "launched hundreds of drones", "a wave of strikes": a quantity.
      static const WordSet kQuantities = {"hundreds", "dozens", "thousands", "scores", "barrage", "wave",
                                          "salvo", "volley", "series", "number", "swarm"};
      if (t.lower == "of" && j > 0 && kQuantities.count(tok(j - 1).lower)) continue;
      // "called for sanctions against X": the caller would impose them.
      static const WordSet kAdvocating = {"call", "press", "push", "lobby", "argue"};
      if (t.lower == "for" && j > 0 && kAdvocating.count(VerbLemmaAt(j - 1))) return static_cast<int>(j - 1);
      // "sent Mr Macron his ...": an indirect object, at most one actor.
      if (int m = sa_->mention_at[j]; m >= 0 && i - j <= 6) {
        j = mention(m).first;
        if (j > 0 && sa_->title_at[j - 1] >= 0) j = sa_->titles[sa_->title_at[j - 1]].first;
        continue;
      }
      if (!IsModifierWord(t) || i - j > 4) return -1;
    }
    return -1;
  }

  // "Russia's supporters are North Korea, Iran and China": the list after
  // the copula.
  // "the Andean meeting", "a Nato summit", "this year's Davos forum": the
  // actor that qualifies the event noun after token `from`.
  std::vector<int> EventHostAfter(uint32_t from) const {
    static const WordSet kMeetings = {"meeting", "meetings", "summit", "talks", "conference", "forum",
                                    "session", "gathering", "congress", "assembly", "negotiations"};
    uint32_t j = from;
    while (j < size() && (kDeterminers.count(tok(j).lower) || tok(j).lower == "year" ||
                          tok(j).kind == Token::Kind::kPossessive)) {
      ++j;
    }
    int m = MentionStartingAt(j);
    if (m < 0 || mention(m).kind == Mention::Kind::kPronoun) return {};
    for (uint32_t k = mention(m).last; k < size() && k < mention(m).last + 3; ++k) {
      if (kMeetings.count(tok(k).lower)) return {m};
      if (!IsModifierWord(tok(k)) || tok(k).capitalized) return {};
    }
    return {};
  }

  // A copula right before token i ("is", "became", "to become").
  bool CopulaBefore(uint32_t i) const { return i > 0 && kLinkingVerbs.count(tok(i - 1).lower); }

  std::vector<int> CopulaList(uint32_t from) const {
    for (uint32_t j = from; j < size() && j < from + 8; ++j) {
      if (!kCopulas.count(tok(j).lower)) continue;
      uint32_t k = j + 1;
      if (k < size() && tok(k).lower == "the") ++k;
      int m = MentionStartingAt(k);
      return m >= 0 ? ListFrom(m) : std::vector<int>{};
    }
    return {};
  }

  // "sent Mr Macron his warmest congratulations", "gave Ukraine its support":
  // the actor between the light verb and its object noun at i.
  std::vector<int> IndirectObject(uint32_t i) const {
    int light = LightVerbBefore(i);
    if (light < 0) return {};
    uint32_t k = static_cast<uint32_t>(light) + 1;
    if (k < size() && tok(k).lower == "the") ++k;
    if (k < size() && sa_->title_at[k] >= 0) k = sa_->titles[sa_->title_at[k]].last;  // "sent Mr Macron"
    int m = MentionStartingAt(k);
    if (m < 0 || mention(m).last >= i || IsPossessor(m) || mention(m).kind == Mention::Kind::kPronoun) return {};
    return {m};
  }

  // A sum of money after token `from` in its clause: "£500,000", "$2bn",
  // "5 million euros".
  bool AmountInClause(uint32_t from) const {
    for (uint32_t j = from; j < size() && j < from + 12; ++j) {
      const Token& t = tok(j);
      if (IsClausePunct(t)) return false;
      if (t.lower == "£" || t.lower == "$" || t.lower == "€" || t.lower == "euros" || t.lower == "dollars" ||
          t.lower == "pounds" || t.lower.rfind("£", 0) == 0 || t.lower.rfind("$", 0) == 0) {
        return true;
      }
    }
    return false;
  }

  // "Kim has sought Russian assistance": the subject of the receiving verb.
  std::vector<int> ReceiverOf(uint32_t i) const {
    for (uint32_t j = i; j-- > 0 && i - j <= 4;) {
      const Token& t = tok(j);
      if (t.IsWord() && rules_.recipient_verbs.count(VerbLemmaAt(j))) return SubjectOf(j);
      if (!IsModifierWord(t)) break;
    }
    return {};
  }

  // "Putin arrived, despite US warnings": the main clause's subject.
  std::vector<int> ConcessionTarget(uint32_t i) const {
    for (uint32_t j = i; j-- > 0 && i - j <= 4;) {
      if (!rules_.concessions.count(tok(j).lower)) continue;
      for (uint32_t k = 0; k < j; ++k) {
        int m = MentionStartingAt(k);
        if (m >= 0 && !InPrepPhrase(m) && !IsPossessor(m) && !IsModifier(m)) return {m};
      }
      // Concession first: "Despite X, Pyongyang has ...": the subject after the comma.
      for (uint32_t k = i; k < size(); ++k) {
        if (tok(k).lower != ",") continue;
        int m = MentionStartingAt(k + 1);
        if (m >= 0 && !IsPossessor(m) && !IsModifier(m)) return {m};
      }
      return {};
    }
    return {};
  }

  // ---- evaluations ------------------------------------------------------------

  // "Ann Hale said the government's plans were 'inadequate'", "he found
  // the party's policies 'abhorrent'", "the government is being naive, a
  // senior UN official says": a speaker who judges an actor (or what it does)
  // harshly criticises it.
  void FindEvaluations() {
    FindBlame();
    FindCallsToGo();
    for (uint32_t w = 0; w < size(); ++w) {
      bool praise = RuleBitAt(w, kPositiveEvaluationBit);  // rules_.positive_evaluations
      if (sa_->mention_at[w] >= 0 || (!praise && !RuleBitAt(w, kNegativeEvaluationBit))) continue;
      // "went on the offensive": a noun; but "the wrong message" judges.
      if (w > 0 && tok(w - 1).lower == "the" && (w + 1 >= size() || !IsModifierWord(tok(w + 1)))) continue;
      if (ConditionBefore(w)) continue;  // "dropped if it has a damaging effect": no judgement made
      uint32_t judged_at = 0;
      // "Ann Hale called Peru's tariff 'unjustified'": whoever owns what
      // the judging verb's object names.
      // (Criticism only: praise named this way is often sarcasm.)
      if (int verb = praise ? -1 : JudgingVerbOpening(w); verb >= 0) {
        int owner = OwnerOfObjectAfter(static_cast<uint32_t>(verb) + 1, w);
        std::vector<int> judges = SubjectOf(static_cast<uint32_t>(verb));
        if (owner >= 0 && !judges.empty() && mention(owner).entity != mention(judges.front()).entity) {
          bool negated = false;
          ModalityAt(w, &negated);
          if (!negated) EmitJudgement("criticizes", {judges.front()}, {owner}, w);
          continue;
        }
        // "Ann Hale branded the harbour levy 'a farce'": a judgement of
        // what the article's main actor did, by the verb's subject.
        if (owner < 0 && !judges.empty() && ReactionNounBetween(static_cast<uint32_t>(verb) + 1, w)) {
          QueueReactionToJudgedPlan(w, judges.front());
          continue;
        }
        // "The committee called this 'indefensible', but the government
        // said ...": the judge is the verb's subject, not the speaker.
        if (owner < 0 && !judges.empty() && speaker_ >= 0 && mention(judges.front()).entity != mention(speaker_).entity) {
          continue;
        }
      }
      int target = EvaluatedActor(w, &judged_at);
      if (target < 0) {
        // "said the freeze sends the wrong message": a judgement of what the
        // article's main actor did.
        if (speaker_ >= 0 && !praise) QueueReactionToJudgedPlan(w);
        continue;
      }
      // "Hale branded the way Mr Reid's office was run 'disgraceful'":
      // the subject of the judging verb; otherwise the sentence's speaker.
      int critic = speaker_;
      int judging_verb = JudgingVerbBefore(judged_at);
      if (judging_verb >= 0) {
        std::vector<int> subject = SubjectOf(static_cast<uint32_t>(judging_verb));
        critic = subject.empty() ? -1 : subject.front();
      }
      if (critic < 0 || mention(target).entity == mention(critic).entity) continue;
      bool negated = false;
      ModalityAt(w, &negated);
      if (negated) continue;  // "the plans are not racist" defends them
      EmitJudgement(praise ? "praises" : "criticizes", {critic}, {target}, w);
    }
  }

  // "Ann Hale said Ian Reid should resign", "urged Ian Reid to quit",
  // "called for Ian Reid's resignation": whoever asks someone to go
  // criticises them.
  void FindCallsToGo() {
    static const WordSet kGoing = {"resign", "quit", "apologise", "apologize", "step", "stand"};
    static const WordSet kLeaving = {"resignation", "sacking", "dismissal", "removal", "apology"};
    static const WordSet kAsking = {"urge", "call", "press", "tell", "ask", "demand", "challenge", "want"};
    for (uint32_t w = 1; w < size(); ++w) {
      if (!tok(w).IsWord() || sa_->mention_at[w] >= 0) continue;
      std::vector<int> critics, going;
      bool asked_outright = true;  // "urged X to resign" is the act itself; "said X should" a view
      if (kGoing.count(VerbLemmaAt(w))) {
        const TokenText& lemma = VerbLemmaAt(w);
        if ((lemma == "step" || lemma == "stand") && (w + 1 >= size() || tok(w + 1).lower != "down")) continue;
        const TokenText& before = tok(w - 1).lower;
        if (before == "should" || before == "must") {
          // "... Ian Reid should resign", said as someone's view.
          if (speaker_ < 0 || mention(speaker_).first > w + 12) continue;
          going = SubjectOf(w - 1);
          critics = {speaker_};
          asked_outright = false;
        } else if (before == "to" && w >= 3) {
          // "urged Ian Reid to resign", "called on him to quit"
          int asked = MentionEndingAt(w - 1);
          if (asked < 0) continue;
          uint32_t v = mention(asked).first;
          if (v > 0 && tok(v - 1).lower == "on") --v;  // "called on"
          if (v == 0 || !kAsking.count(VerbLemmaAt(v - 1))) continue;
          going = {asked};
          critics = SubjectOf(v - 1);
        }
      } else if (kLeaving.count(tok(w).lower)) {
        // "called for Ian Reid's resignation", "demanded an apology from Peru"
        int owner = PossessorBefore(w);
        if (owner < 0 && w + 2 < size() && (tok(w + 1).lower == "of" || tok(w + 1).lower == "from")) {
          owner = MentionStartingAt(tok(w + 2).lower == "the" ? w + 2 + 1 : w + 2);
        }
        if (owner < 0) continue;
        for (uint32_t v = w; v-- > 0 && w - v <= 6;) {
          if (sa_->mention_at[v] >= 0 && mention(sa_->mention_at[v]).entity != mention(owner).entity) break;
          if (tok(v).IsWord() && kAsking.count(VerbLemmaAt(v))) {
            critics = SubjectOf(v);
            break;
          }
        }
        going = {owner};
      }
      if (critics.empty() || going.empty()) continue;
      if (mention(critics.front()).entity == mention(going.front()).entity) continue;
      const EntityType type = entity_of(going.front()).type;
      if (type != EntityType::kPerson && type != EntityType::kCountry && type != EntityType::kOrganization) continue;
      bool negated = false;
      ModalityAt(w, &negated);
      if (negated) continue;  // "should not resign"
      if (asked_outright) {
        Emit("criticizes", critics, going, w, w + 1, 0.6, Modality::kAsserted);
      } else {
        EmitJudgement("criticizes", critics, going, w);
      }
    }
  }

  // "The SNP and the Tories say ... the executive is shirking its
  // responsibility": the speaker criticises whoever does the blameworthy act.
  void FindBlame() {
    if (speaker_ < 0) return;
    for (uint32_t w = 0; w < size(); ++w) {
      if (sa_->mention_at[w] >= 0 || !tok(w).IsWord() || tok(w).capitalized) continue;
      if (!RuleBitAt(w, kBlameVerbBit)) continue;  // rules_.blame_verbs has its verb lemma
      if (w > 0 && (kDeterminers.count(tok(w - 1).lower) || tok(w - 1).kind == Token::Kind::kPossessive)) continue;
      std::vector<int> doers = SubjectOf(w);
      if (doers.empty()) {
        QueueReactionToJudgedPlan(w);  // "said the new proposals lacked compulsion"
        continue;
      }
      std::vector<int> critics = {speaker_};
      if (int s = speaker_; mention(s).kind != Mention::Kind::kPronoun) {
        critics = ListEndingWith(s);  // "the SNP and the Tories say"
        if (critics.size() == 1) critics = ListFrom(s);
      }
      for (int doer : doers) {
        // "the Iraq war had undermined him", "the Kyoto Protocol": what
        // the actor names does it, not the actor.
        const EntityType doer_type = entity_of(doer).type;
        // ("the EC advice misleads", "EU customs rules": the actor's own act.)
        const bool names_a_thing = ModifiesNoun(doer) && mention(doer).last < size() &&
                                   !kAuxiliaries.count(tok(mention(doer).last).lower) &&
                                   !kActorsOwn.count(tok(mention(doer).last).lower) &&
                                   !rules_.reaction_nouns.count(tok(mention(doer).last).lower);
        if (IsModifier(doer) || names_a_thing ||
            (doer_type != EntityType::kPerson && doer_type != EntityType::kCountry &&
             doer_type != EntityType::kOrganization)) {
          continue;
        }
        bool critic_is_doer = false;
        for (int c : critics) critic_is_doer = critic_is_doer || mention(c).entity == mention(doer).entity;
        if (critic_is_doer || mention(doer).first < AttributionEnd()) continue;
        bool negated = false;
        ModalityAt(w, &negated);
        if (negated) continue;  // "has not failed"
        EmitJudgement("criticizes", critics, {doer}, w);
      }
    }
  }

  // The speaker's criticism of a plan, policy or decision named before the
  // judging word at w in its clause: a reaction to the article's main actor.
  void QueueReactionToJudgedPlan(uint32_t w) { QueueReactionToJudgedPlan(w, speaker_); }
  void QueueReactionToJudgedPlan(uint32_t w, int critic) {
    bool negated = false;
    ModalityAt(w, &negated);
    if (negated || critic < 0) return;
    if (IsCityThatActsForNoOne(entity_of(critic))) return;
    // The speaker criticises what the main actor did, known once the whole
    // article is read; saying it is the act (see EmitJudgement).
    auto queue = [&](double confidence, bool government) {
      Relation r;
      r.source = AgentKey(critic);
      r.type = "criticizes";
      FillEvidence(&r.evidence, w, w + 1, confidence);
      r.evidence.modality = Modality::kReported;
      reactions_.push_back({std::move(r), government});
    };
    uint32_t skipped = 0;  // tokens of an aside between dashes
    for (uint32_t j = w; j-- > 0 && w - j - skipped <= 8;) {
      const Token& t = tok(j);
      // "government proposals - which include two hours a week - are
      // unrealistic": the aside between dashes is no part of the clause.
      if (IsDash(t)) {
        uint32_t open = j;
        while (open > 0 && j - open < 25 && !IsDash(tok(open - 1)) && !IsClausePunct(tok(open - 1))) --open;
        if (open == 0 || !IsDash(tok(open - 1))) return;
        skipped += j - open + 2;
        j = open - 1;
        continue;
      }
      // "'It is very disappointing,' said X": what is judged is the matter
      // of the article, i.e. what its main actor did.
      if ((t.lower == "it" || t.lower == "this") && j + 1 < w && kBeForms.count(tok(j + 1).lower)) {
        return queue(0.35, /*government=*/false);
      }
      if (t.kind == Token::Kind::kQuote) continue;  // the plans were a "gross abuse"
      if (sa_->mention_at[j] >= 0 || IsClausePunct(t) || t.lower == "that" || IsAttributionWord(j)) return;
      if (!rules_.reaction_nouns.count(t.lower)) continue;
      bool government = false;
      uint32_t k = j;
      while (k > 0 && j - k < 3 && IsModifierWord(tok(k - 1)) && !kDeterminers.count(tok(k - 1).lower)) {
        government = government || tok(k - 1).lower == "government";
        --k;
      }
      // "the freeze", "these proposals"; not "our plans" (the speaker's own).
      const std::string& det = k > 0 ? tok(k - 1).lower : "";
      if (!government && det != "the" && det != "this" && det != "these" && det != "that" && det != "those") return;
      return queue(0.4, government);
    }
  }

  // The token after the first speech verb of the sentence (0 if none): what
  // is said starts there.
  uint32_t AttributionEnd() const {
    for (const auto& [at, modality] : attribution_at_) return at + 1;
    return 0;
  }

  // The actor judged by the word at w: the nearest actor before it in its
  // clause that is linked to it by a copula or judging verb ("the plans
  // were 'inadequate'", "found BNP's policies 'abhorrent'") or owns the
  // judged thing ("the government's 'failure'"). Skips scare quotes and the
  // addressee of a speech verb ("told the BBC"). `at` receives its token.
  int EvaluatedActor(uint32_t w, uint32_t* at) const {
    static const WordSet kLinks = {
        "is", "are", "was", "were", "be", "been", "being", "'s", "seem", "seems", "seemed", "look", "looks",
        "looked", "sound", "sounds", "find", "finds", "found", "call", "calls", "called", "brand", "brands",
        "branded", "describe", "describes", "described", "label", "labels", "labelled", "labeled", "deem",
        "deemed", "consider", "considered", "as", "dub", "dubbed", "remain", "remains", "become", "became"};
    bool linked = false;
    int words_between = 0;  // since w, quotes aside
    bool plain_phrase = true;  // only adjectives and nouns since w
    for (uint32_t j = w; j-- > 0 && w - j <= 12;) {
      const Token& t = tok(j);
      if (t.kind == Token::Kind::kQuote) continue;
      // "the chancellor - no doubt the prime minister will agree - is a
      // bully": past an aside, who is judged is too far to tell.
      if (IsDash(t)) return -1;
      int m = sa_->mention_at[j];
      if (m >= 0) {
        uint32_t first = mention(m).first;
        uint32_t before = first;
        if (before > 0 && tok(before - 1).lower == "the") --before;
        bool addressee = before > 0 && tok(before - 1).IsWord() && VerbLemmaAt(before - 1) == "tell";
        // (Not the place of an event: "the Iraq war could be illegal".)
        static const WordSet kEvents = {"war", "wars", "invasion", "conflict", "crisis", "tsunami", "election",
                                        "elections", "earthquake", "disaster", "campaign", "occupation"};
        const bool event_place = ModifiesNoun(m) && mention(m).last < size() && kEvents.count(tok(mention(m).last).lower);
        bool owner = (IsPossessor(m) || (ModifiesNoun(m) && !event_place)) && plain_phrase && words_between <= 2;
        if (m != speaker_ && !addressee && !InPrepPhrase(m) && !IsModifier(m) && !event_place && (linked || owner)) {
          *at = first;
          return m;
        }
        j = first;
        plain_phrase = false;
        continue;
      }
      if (IsClausePunct(t) || t.lower == "that" || t.lower == "but" || IsAttributionWord(j)) return -1;
      if (kLinks.count(t.lower)) linked = true;
      if (t.kind != Token::Kind::kPossessive) ++words_between;
      if (t.kind != Token::Kind::kPossessive &&
          (!IsModifierWord(t) || IsVerbLike(j) || kDeterminers.count(t.lower) || kLinks.count(t.lower))) {
        plain_phrase = false;
      }
    }
    return -1;
  }

  // A judging verb ("called", "branded") whose object runs up to the
  // judging word at w in its clause; -1 if none.
  int JudgingVerbOpening(uint32_t w) const {
    for (uint32_t j = w; j-- > 0 && w - j <= 14;) {
      const Token& t = tok(j);
      if (t.kind == Token::Kind::kQuote) continue;
      if (IsClausePunct(t) || t.lower == "," || t.lower == "that" || IsAttributionWord(j)) return -1;
      if (t.IsWord() && sa_->mention_at[j] < 0 && kJudgingVerbs.count(VerbLemmaAt(j))) return static_cast<int>(j);
    }
    return -1;
  }
  // "[Peru's new tariff] on Chilean wine": the possessor or head actor of
  // the noun phrase opening at `from` (before token `end`), not one inside
  // a prepositional phrase; -1 if none.
  // "called Peru's tariff", "called the Harbour Party plans": the owner; "called
  // Ann Hale 'naive'": the person; "branded the way Mr Reid's office
  // operated": the first actor of the object that is no prepositional
  // phrase's.
  int OwnerOfObjectAfter(uint32_t from, uint32_t end) const {
    for (uint32_t j = from; j < end; ++j) {
      if (IsClausePunct(tok(j)) || tok(j).lower == ",") return -1;
      int m = MentionStartingAt(j);
      if (m < 0) continue;
      // ("called him 'a disgrace'": an object pronoun names the judged.)
      const bool object_pronoun = mention(m).kind == Mention::Kind::kPronoun &&
                                  (tok(j).lower == "him" || (tok(j).lower == "her" && j + 1 < end &&
                                                             !tok(j + 1).IsWord()));
      if ((mention(m).kind == Mention::Kind::kPronoun && !object_pronoun) || InPrepPhrase(m)) return -1;
      return m;
    }
    return -1;
  }

  // A verb that passes judgement ("branded", "called", "described") before
  // the judged actor at token i in its clause; -1 if none.
  int JudgingVerbBefore(uint32_t i) const {
    for (uint32_t j = i; j-- > 0 && i - j <= 6;) {
      const Token& t = tok(j);
      if (IsClausePunct(t) || t.lower == "," || t.lower == "that" || sa_->mention_at[j] >= 0) return -1;
      if (t.IsWord() && kJudgingVerbs.count(VerbLemmaAt(j))) return static_cast<int>(j);
    }
    return -1;
  }

  // ---- modality and attribution ---------------------------------------------

  bool IsNationalCapital(const Entity& e) const {
    if (e.type != EntityType::kCity) return false;
    const LexiconEntry* entry = lex_.FindByKey(e.key);
    return entry && entry->national_capital;
  }
  // "Glasgow accused", "Liverpool signed": a city other than a capital
  // acts as its council or its club, no actor kg knows, so it is no agent.
  bool IsCityThatActsForNoOne(const Entity& e) const { return e.type == EntityType::kCity && !IsNationalCapital(e); }

  bool CitySpeaksAt(int m, uint32_t verb) const {
    if (tok(verb).capitalized) return false;  // "the Vienna State Opera"
    uint32_t end = mention(m).last;
    while (end < verb && kAuxiliaries.count(tok(end).lower)) ++end;
    if (end != verb) return false;
    const uint32_t first = mention(m).first;
    if (first == 0) return true;
    const Token& before = tok(first - 1);
    return !before.capitalized && before.lower != "," && before.lower != "of" && !kPrepositions.count(before.lower);
  }

  void FindSpeaker() {
    speaker_ = -1;
    attribution_at_.clear();
    for (uint32_t j = 0; j < size(); ++j) {
      const Token& t = tok(j);
      if (!t.IsWord() || sa_->mention_at[j] >= 0) continue;
      const Modality* said = AttributionAt(j);
      if (!said) continue;
      // "reports of his splits", "the claims": nouns, not speech verbs.
      if (j > 0 && (kDeterminers.count(tok(j - 1).lower) || kPrepositions.count(tok(j - 1).lower) ||
                    tok(j - 1).kind == Token::Kind::kPossessive)) {
        continue;
      }
      attribution_at_.emplace_back(j, *said);
      if (speaker_ >= 0 || IsPassiveReport(j)) continue;
      // "X said", "said X", "according to X".
      int m = -1;
      for (uint32_t k = j; k-- > 0 && j - k <= 3 && m < 0;) {
        int c = sa_->mention_at[k];
        if (c >= 0 && !InPrepPhrase(c) && !IsPossessor(c) && !IsModifier(c)) m = c;
      }
      // "Liam Fox, Tory co-chairman, said": the person, not the party.
      if (int appositive = PersonBeforeAppositive(j); appositive >= 0) m = appositive;
      // "A Harbour Board spokesman said": the board.
      if (int body = RepresentedBodyEndingAt(j); body >= 0) m = body;
      uint32_t after = j + 1;
      if (after < size() && tok(after).lower == "to") ++after;  // according to
      // "said Mr Brown" names the speaker; "told the BBC" the listener, and
      // "said his client" the speaker's client.
      if (m < 0 && VerbLemmaAt(j) != "tell") {
        m = MentionStartingAt(after);
        if (m >= 0 && IsPossessor(m)) m = -1;
        if (m < 0) m = RepresentedBodyStartingAt(after);  // "said a spokesman for X"
      }
      if (m >= 0 && mention(m).kind != Mention::Kind::kDemonym) speaker_ = m;
      // "Washington has said", "Tokyo says": a city named right before
      // the speech verb, as the clause's subject, is its government.
      if (speaker_ >= 0 && IsNationalCapital(entity_of(speaker_)) && CitySpeaksAt(speaker_, j)) {
        AgentKey(speaker_);
      }
    }
  }

  // "PERSON, a description, <speech verb at j>": the person.
  int PersonBeforeAppositive(uint32_t j) const {
    if (j < 2 || tok(j - 1).lower != ",") return -1;
    for (uint32_t k = j - 1; k-- > 0 && j - k <= 12;) {
      if (tok(k).lower == ",") {
        int m = MentionEndingAt(k);
        return m >= 0 && entity_of(m).type == EntityType::kPerson ? m : -1;
      }
      if (IsClausePunct(tok(k))) return -1;
    }
    return -1;
  }

  Modality ModalityAt(uint32_t i, bool* negated) const {
    *negated = false;
    // Speech verbs colour what they introduce ("claim that X ...", "accusing
    // Y of X") and, for plain reporting, what precedes them ("X ..., she
    // said"); the speech act itself ("the EU accused Iran") is asserted.
    Modality attributed = Modality::kAsserted;
    for (const auto& [at, modality] : attribution_at_) {
      bool governs = at < i || (at > i && modality == Modality::kReported);
      if (governs && attributed != Modality::kClaimed) attributed = modality;
    }
    bool passed_actor = false;
    for (uint32_t j = i; j-- > 0 && i - j <= 12;) {
      const Token& t = tok(j);
      if (t.lower == ";" || t.kind == Token::Kind::kQuote) break;
      // "Although both denied X, Putin praised Y": the cue is another clause's.
      if (t.lower == "," && passed_actor) break;
      passed_actor = passed_actor || sa_->mention_at[j] >= 0;
      if (!t.IsWord()) continue;
      if (i - j <= 3 && rules_.negations.count(t.lower)) *negated = true;
      if (t.capitalized && j > 0) continue;  // "May" the month, not the modal
      if (t.lower == "for" && j > 0 && (VerbLemmaAt(j - 1) == "call" || VerbLemmaAt(j - 1) == "press")) {
        return Modality::kRequested;  // "called for sanctions"
      }
      if (const Modality* cue = CueAt(j)) {
        // "said Biden would travel": reported future, not a hypothesis.
        if (*cue == Modality::kHypothetical && t.lower == "would") {
          for (const auto& [at, modality] : attribution_at_) {
            if (at < j) return Modality::kExpected;
          }
        }
        return *cue;
      }
    }
    return attributed;
  }

  // Calls visit(k, mention) for every mention of the article in order, with
  // the sentence cursor (s_, sa_, toks_) on the mention's sentence; for the
  // passes that need the whole article read first.
  template <typename Visit>
  void ForEachMention(const Visit& visit) {
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      s_ = s;
      sa_ = &a_.sentences[s];
      toks_ = &sa_->sentence.tokens;
      for (size_t k = 0; k < sa_->mentions.size(); ++k) visit(k, sa_->mentions[k]);
    }
  }

  // "Moscow warned Kyiv", "Beijing's decision": a city named only as an
  // actor, never as a place ("in Beijing", "the Beijing Olympics"), stands
  // for its country throughout the article.
  // A national capital acts without a relation too: "Washington's
  // objections", "Canberra is said to fear".
  void MergeCapitalsActingAsGovernments() {
    std::unordered_map<int, bool> acting;  // city entity -> no mention is a place
    std::unordered_set<int> speaking;      // city entities with a clear sign of acting
    ForEachMention([&](size_t k, const Mention& m) {
      if (m.entity < 0 || m.kind == Mention::Kind::kPronoun) return;
      const Entity& e = a_.entities[m.entity];
      if (e.type != EntityType::kCity || (!cities_acting_.count(m.entity) && !IsNationalCapital(e))) return;
      // "Moscow's mayor", "Beijing's streets": the city itself.
      if (IsPossessor(static_cast<int>(k)) && mention(static_cast<int>(k)).last + 1 < size() &&
          kCityNouns.count(tok(mention(static_cast<int>(k)).last + 1).lower)) {
        acting[m.entity] = false;
        return;
      }
      // "welcomed by Beijing" acts too; "in Beijing" is the place.
      uint32_t before = m.first;
      while (before > 0 && tok(before - 1).lower == "the") --before;
      bool by_agent = before > 0 && tok(before - 1).lower == "by";
      // "of Canberra's objections": the owner of a stance acts wherever it is.
      const bool stance = StanceOwner(static_cast<int>(k));
      // "the Baghdad Blogger": part of a name.
      const bool in_name = m.last < size() && tok(m.last).IsWord() && tok(m.last).capitalized;
      bool acts = stance || ((by_agent || !InPrepPhrase(static_cast<int>(k))) && !IsModifier(static_cast<int>(k)) &&
                             !in_name);
      auto [it, added] = acting.emplace(m.entity, acts);
      if (!added) it->second = it->second && acts;
      if (acts && ActsAsGovernment(static_cast<int>(k))) speaking.insert(m.entity);
    });
    for (const auto& [city, acts] : acting) {
      // A capital no relation used needs a clear sign: subject of a verb
      // or owner of an act ("Canberra's objections").
      if (!acts || (!cities_acting_.count(city) && !speaking.count(city))) continue;
      const std::string country = "country:" + a_.entities[city].country;
      if (!AddKnownEntity(country)) continue;
      a_.capitals_as_governments[a_.entities[city].key] = country;
    }
    if (a_.capitals_as_governments.empty()) return;
    auto country_of = [&](const std::string& key) {
      auto it = a_.capitals_as_governments.find(key);
      return it == a_.capitals_as_governments.end() ? key : it->second;
    };
    for (Relation& r : out_) {
      r.source = country_of(r.source);
      r.target = country_of(r.target);
      if (!r.evidence.attributed_to.empty()) r.evidence.attributed_to = country_of(r.evidence.attributed_to);
    }
    std::erase_if(out_, [](const Relation& r) { return r.source == r.target; });  // "Beijing located in China"
  }

  // "Canberra is said to fear", "Beijing tries", "Canberra's
  // objections": the mention at k opens a clause as its subject or owns a
  // noun that is no part of a city.
  bool StanceOwner(int k) const {
    const Mention& m = mention(k);
    if (m.last + 1 >= size() || tok(m.last).kind != Token::Kind::kPossessive) return false;
    const TokenText& owned = tok(m.last + 1).lower;
    return kActorsOwn.count(owned) > 0 || rules_.reaction_nouns.count(owned) > 0;
  }
  bool ActsAsGovernment(int k) const {
    const Mention& m = mention(k);
    if (m.first > 0 && (tok(m.first - 1).lower == "," || tok(m.first - 1).capitalized)) return false;
    if (m.last >= size()) return false;
    const Token& next = tok(m.last);
    if (next.kind == Token::Kind::kPossessive) return StanceOwner(k);
    // (A plural verb belongs to a list ending with the city: "Leeds and
    // west London are".)
    if (next.lower == "are" || next.lower == "were" || next.lower == "have" || next.lower == "do") return false;
    return kAuxiliaries.count(next.lower) > 0 || next.lower == "tries" || next.lower == "wants" ||
           next.lower == "fears";
  }

  // "Germany and France agreed to work together": two patterns, one
  // relation; a sentence backs each relation once (the first trigger found).
  void DropRepeatsWithinASentence() {
    std::unordered_set<std::string> seen;
    std::erase_if(out_, [&](const Relation& r) {
      std::string key = r.source + '\t' + r.type + '\t' + r.target + '\t' + r.role + '\t' +
                        std::to_string(r.evidence.sentence_start);
      return !seen.insert(std::move(key)).second;
    });
  }

  // ---- output -----------------------------------------------------------------

  // A speaker's judgement ("the Tories will con people", he said): saying
  // it is the act, reported whatever the tense or mood inside the words.
  void EmitJudgement(const std::string& type, const std::vector<int>& judges, const std::vector<int>& judged,
                     uint32_t word) {
    Emit(type, judges, judged, word, word + 1, 0.5, Modality::kReported);
  }

  // The entity a mention stands for as an agent: a capital city acting as a
  // government stands for its country ("Pyongyang has defended ...").
  // The country joins the article's entities if it was not named.
  std::string AgentKey(int m) {
    const Entity& e = entity_of(m);
    if (e.type != EntityType::kCity || e.country.empty() || IsCityThatActsForNoOne(e)) return e.key;
    std::string country = "country:" + e.country;
    if (!AddKnownEntity(country)) return e.key;
    cities_acting_.insert(mention(m).entity);
    return country;
  }

  // `said_as`: the modality when the words' own cues do not count (a
  // judgement is reported whatever its tense).
  void Emit(const std::string& type, const std::vector<int>& agents, const std::vector<int>& targets,
            uint32_t trigger_first, uint32_t trigger_last, double confidence,
            std::optional<Modality> said_as = std::nullopt) {
    if (agents.empty() && IsSymmetricRelation(type) && targets.size() >= 2 && trigger_last < size() &&
        (tok(trigger_last).lower == "between" || tok(trigger_last).lower == "of")) {
      // "talks between Japan and China", "an alliance of the US, India and
      // Japan": between the members.
      Emit(type, {targets[0]}, {targets.begin() + 1, targets.end()}, trigger_first, trigger_last, confidence, said_as);
      return;
    }
    if (agents.empty()) return;
    if (targets.empty() && IsSymmetricRelation(type) && agents.size() >= 2) {
      // "Japan and the Philippines signed an agreement": between themselves.
      Emit(type, {agents[0]}, {agents.begin() + 1, agents.end()}, trigger_first, trigger_last, confidence, said_as);
      return;
    }
    if (targets.empty()) return;
    bool negated = false;
    Modality modality = ModalityAt(trigger_first, &negated);
    if (said_as) modality = *said_as;
    // "refused to impose sanctions", "did not visit": the text denies it.
    if (negated && (modality == Modality::kAsserted || modality == Modality::kReported)) modality = Modality::kDenied;
    // "cannot support", "could not back": a refusal, not a hypothesis.
    if (negated && modality == Modality::kHypothetical && CannotBefore(trigger_first)) modality = Modality::kDenied;
    // "called on Russia to withdraw": a demand.
    if (trigger_first + 1 < size() && VerbLemmaAt(trigger_first) == "call" && tok(trigger_first + 1).lower == "on" &&
        (modality == Modality::kAsserted || modality == Modality::kReported)) {
      modality = Modality::kRequested;
    }
    // "threatened to retaliate against X": the threat itself was made.
    if (type == "threatens" && modality == Modality::kHypothetical && !negated && ThreatVerbBefore(trigger_first)) {
      modality = attribution_at_.empty() ? Modality::kAsserted : Modality::kReported;
    }
    if (modality == Modality::kHypothetical) confidence *= 0.7;
    if (modality == Modality::kClaimed) confidence *= 0.85;
    for (int ag : agents) {
      if (IsCityThatActsForNoOne(entity_of(ag))) continue;
      for (int tg : targets) {
        Relation r;
        r.source = AgentKey(ag);
        // Capitals stand for governments as targets too, except where the
        // place itself is meant ("visited Pyongyang", "attacked Kharkiv").
        r.target = type == "visits" || type == "attacks" ? entity_of(tg).key : AgentKey(tg);
        if (r.source == r.target) continue;
        // "he has toured the country": nobody visits their own country; and
        // bodies hold meetings in places rather than visit them.
        if (type == "visits" && (entity_of(ag).type == EntityType::kOrganization ||
                                 (entity_of(tg).type == EntityType::kCountry && !entity_of(ag).country.empty() &&
                                  entity_of(tg).country == entity_of(ag).country))) {
          continue;
        }
        r.type = type;
        // People and parties "attack" each other with words; armed attacks
        // are by states and groups on places.
        if (type == "attacks" && IsVerbalAttack(entity_of(ag).type, entity_of(tg).type)) r.type = "criticizes";
        FillEvidence(&r.evidence, trigger_first, trigger_last, confidence);
        r.evidence.modality = modality;
        r.evidence.negated = negated;
        if (speaker_ >= 0 && entity_of(speaker_).key != r.source) r.evidence.attributed_to = entity_of(speaker_).key;
        out_.push_back(std::move(r));
      }
    }
    if (type == "meets" && !negated) EmitMeetingVisits(agents, trigger_first, trigger_last, confidence, said_as);
  }

  // "met Ann Hale in Lima", "In Quito, X discussed it with Y": the city
  // or country a meeting at tokens [first, last) is held in, or -1.
  int MeetingPlace(uint32_t first, uint32_t last) const {
    auto place_at = [&](uint32_t j) {
      if (j < size() && tok(j).lower == "the") ++j;
      const int m = MentionStartingAt(j);
      if (m < 0 || mention(m).kind != Mention::Kind::kName || IsModifier(m) || IsPossessor(m)) return -1;
      const EntityType type = entity_of(m).type;
      return type == EntityType::kCity || type == EntityType::kCountry ? m : -1;
    };
    for (uint32_t j = last; j + 1 < size() && j < last + 12; ++j) {
      const Token& t = tok(j);
      if (IsClausePunct(t) || t.lower == "that" || t.lower == "which" || t.lower == "who") break;
      if (t.lower == "in" || t.lower == "at") {
        if (int m = place_at(j + 1); m >= 0) return m;
      }
    }
    // "In Quito, ...", "On Monday in Quito, ...": the place the sentence
    // opens with, before the trigger.
    for (uint32_t j = 0; j + 1 < first && j < 4; ++j) {
      if (tok(j).lower != "in") continue;
      const int m = place_at(j + 1);
      if (m >= 0 && mention(m).last < first && tok(mention(m).last).lower == ",") return m;
    }
    return -1;
  }

  // Who meets someone in a city or country not their own visits it.
  void EmitMeetingVisits(const std::vector<int>& agents, uint32_t first, uint32_t last, double confidence,
                         std::optional<Modality> said_as) {
    const int place = MeetingPlace(first, last);
    if (place < 0) return;
    const std::string& where = entity_of(place).country;
    std::vector<int> visitors;
    for (int ag : agents) {
      const Entity& e = entity_of(ag);
      if (e.type != EntityType::kPerson || where.empty()) continue;
      // (A country the person holds office in counts before the lexicon's.)
      std::string home = e.country;
      for (const Relation& r : out_) {
        if (home.empty() && r.type == "role" && r.source == e.key && r.target.rfind("country:", 0) == 0) {
          home = r.target.substr(8);
        }
      }
      if (!home.empty() && home != where) visitors.push_back(ag);
    }
    if (!visitors.empty()) Emit("visits", visitors, {place}, first, last, confidence * 0.8, said_as);
  }

  static bool IsVerbalAttack(EntityType agent, EntityType target) {
    return agent == EntityType::kPerson || target == EntityType::kPerson ||
           (agent == EntityType::kOrganization && target == EntityType::kOrganization);
  }

  void FillEvidence(Evidence* ev, uint32_t trigger_first, uint32_t trigger_last, double confidence) const {
    ev->article_id = a_.article->id;
    ev->sentence_start = sa_->sentence.begin;
    ev->sentence_end = sa_->sentence.end;
    ev->trigger_start = tok(trigger_first).begin;
    ev->trigger_end = tok(trigger_last - 1).end;
    ev->time = sa_->time;
    ev->confidence = confidence;
  }

  // The lexicon's entity with `key` joins the article's entities if it is
  // not there yet (an office's country, a chamber); false if unknown.
  bool AddKnownEntity(const std::string& key) {
    if (a_.entity_by_key.count(key)) return true;
    const LexiconEntry* e = lex_.FindByKey(key);
    if (!e) return false;
    a_.AddEntity(e->key, e->name, e->type, e->country, "");
    return true;
  }

  void EmitRole(int person, int org, const std::string& title, uint32_t first, uint32_t last) {
    EmitRoleTo(person, AgentKey(org), title, first, last, 0.8);
  }
  // The person at mention `person` holds `title` in (or for) the actor with
  // key `target`; false when it is no office or the person themself.
  bool EmitRoleTo(int person, const std::string& target, const std::string& title, uint32_t first, uint32_t last,
                  double confidence) {
    if (kHonorificTitles.count(title) || entity_of(person).key == target) return false;
    Relation r;
    r.source = entity_of(person).key;
    r.target = target;
    r.type = "role";
    r.role = title;
    FillEvidence(&r.evidence, first, last, confidence);
    out_.push_back(std::move(r));
    return true;
  }

  // Not cities: "Halifax chief economist" works for a bank, not for Canada.
  bool IsAffiliation(int m) const {
    EntityType type = entity_of(m).type;
    return type == EntityType::kCountry || type == EntityType::kOrganization || type == EntityType::kRegion;
  }

  // "the prime minister said", resolved through the table of offices: the
  // person holds the office, in the country or body the table gives.
  void FindKnownOffices() {
    for (const KnownOfficeMention& k : a_.known_offices) {
      if (k.sentence != s_) continue;
      int person = MentionStartingAt(k.first);
      if (person < 0) continue;
      const std::string body = k.body.rfind("org:", 0) == 0 ? k.body : "country:" + k.body;
      if (!AddKnownEntity(body)) continue;
      EmitRoleTo(person, body, k.title, mention(person).first, mention(person).last, 0.6);
    }
  }

  // A party's leader or member whom the table of offices knows, named in a
  // sentence that names the party too ("Tory schools policy is fair,
  // Michael Howard told reporters"), belongs to it: the story need not say
  // so. Run after every sentence, for people the text gave no role in the
  // party. The office is "Leader" only on a date in the term; undated, or
  // after it, the known fact is membership (in a 2005 story Gordon Brown is
  // Labour's, not its leader).
  void FindKnownLeaders() {
    const std::string& date = a_.article ? a_.article->date : std::string();
    for (size_t k = 0; k < sa_->mentions.size(); ++k) {
      const Mention& m = sa_->mentions[k];
      if (m.kind != Mention::Kind::kName || m.entity < 0 || entity_of(k).type != EntityType::kPerson) continue;
      const std::string& person = entity_of(k).key;
      auto [begin, end] = rules_.party_ties_by_person.equal_range(person);
      for (auto it = begin; it != end; ++it) {
        const KnownOffice& o = it->second;
        // (Members: only while one; leaders: from their election on.)
        if ((!date.empty() && date < o.from) || (o.title == "member" && !o.HeldOn(date))) continue;
        auto party = a_.entity_by_key.find(o.body);
        if (party == a_.entity_by_key.end()) continue;
        const bool named_here = std::any_of(sa_->mentions.begin(), sa_->mentions.end(), [&](const Mention& other) {
          return other.entity == party->second && other.kind != Mention::Kind::kPronoun;
        });
        const bool has_role = std::any_of(out_.begin(), out_.end(), [&](const Relation& r) {
          return r.type == "role" && r.source == person && r.target == o.body;
        });
        if (!named_here || has_role) continue;
        const bool leads = o.title == "Leader" && !date.empty() && o.HeldOn(date);
        EmitRoleTo(static_cast<int>(k), o.body, leads ? o.title : "member", m.first, m.last, 0.5);
      }
    }
  }

  // "Russia's President Vladimir Putin", "NATO Secretary-General Jens
  // Stoltenberg", "Bruce Bennett, a senior analyst at RAND Corporation".
  void FindRoles() {
    // The body of the last office named, and where its holder's name ends.
    struct {
      int org = -1;
      uint32_t holder_end = 0;
    } listed_office;
    for (const TitleSpan& t : sa_->titles) {
      if (kHonorificTitles.count(t.title)) continue;
      EmitConstituencyRole(t);
      uint32_t after = t.last;
      // "Commissioner Sir John Stevens": past the honorific.
      if (after < size() && sa_->title_at[after] >= 0 &&
          kHonorificTitles.count(sa_->titles[sa_->title_at[after]].title)) {
        after = sa_->titles[sa_->title_at[after]].last;
      }
      int person = MentionStartingAt(after);
      // ("warned the prime minister she was wrong": a pronoun after the title
      // is another clause's subject, not the holder's name.)
      // ("As agriculture minister he": the office held, said first.)
      if (person >= 0 && mention(person).kind == Mention::Kind::kPronoun) {
        bool as_office = false;
        for (uint32_t j = t.first; j-- > 0 && t.first - j <= 3;) as_office = as_office || tok(j).lower == "as";
        if (!as_office) person = -1;
      }
      if (person < 0 && EmitTitleOfBodyComma(t)) continue;
      if (person < 0) person = PersonAfterTitlePhrase(t.last, IsGovernmentOffice(t.title));
      if (person < 0) person = PersonAfterTitleComma(t);
      if (person < 0) person = PersonNamedAs(t);
      // "The Tory leader said": a description that stands for a person, with
      // the body right before the title.
      if (int d = MentionStartingAt(t.first);
          person < 0 && d >= 0 && mention(d).last == t.last && MentionEndingAt(t.first) >= 0 &&
          entity_of(MentionEndingAt(t.first)).type == EntityType::kOrganization) {
        person = d;
      }
      // "the prime minister said": a national office, of the person's country.
      if (int d = MentionStartingAt(t.first > 0 && tok(t.first - 1).lower == "the" ? t.first - 1 : t.first);
          person < 0 && d >= 0 && mention(d).last == t.last && entity_of(d).type == EntityType::kPerson) {
        // "Sri Lanka's president has launched": the owner's office.
        // "Amnesty International's chief has said": the body's.
        if (int owner = AffiliationBefore(t.first);
            owner >= 0 && (entity_of(owner).type == EntityType::kCountry ||
                           entity_of(owner).type == EntityType::kOrganization)) {
          EmitRole(d, owner, t.title, t.first, t.last);
          continue;
        }
        EmitNationalRole(d, t, /*before_name=*/false);
        continue;
      }
      if (person >= 0 && entity_of(person).type == EntityType::kPerson) {
        // "Labour MPs Ann Hale and Ian Reid": a plural title, each of them.
        const TokenText& written = tok(t.last - 1).lower;
        const bool plural = written.size() > 2 && written.back() == 's' && t.title.back() != 's';
        std::vector<int> people = plural ? ListFrom(person) : std::vector<int>{person};
        // "X managers A and B, and Y managers C": the list ends where
        // another title begins.
        for (size_t k = 1; k < people.size(); ++k) {
          const uint32_t f = mention(people[k]).first;
          if (f > 0 && sa_->title_at[f - 1] >= 0) {
            people.resize(k);
            break;
          }
        }
        int org = AffiliationBefore(t.first);
        if (org >= 0 && IsSeatBefore(t, org)) org = -1;
        if (org < 0 && !plural) org = AffiliationOfAfterName(person, t.title);
        // "Ian Reid as chief executive of the Harbour Trust": a holder named
        // before the office has the body after it.
        if (org < 0 && mention(person).last <= t.first) org = BodyAfterTitle(t);
        // "Harbour Trust chairman Ann Hale, director Ian Reid and treasurer
        // Jo Barr": a list of offices after the first one's body shares it.
        if (org < 0 && listed_office.org >= 0 && OnlyListJoinersBetween(listed_office.holder_end, t.first) &&
            !IsGovernmentOffice(t.title)) {
          org = listed_office.org;
        }
        if (org >= 0 && !plural) listed_office = {org, mention(person).last};
        for (int each : people) {
          if (entity_of(each).type != EntityType::kPerson) continue;
          if (org >= 0) {
            EmitRole(each, org, t.title, t.first, t.last);
          } else {
            EmitRoleWithoutBody(each, t);
          }
        }
        continue;
      }
      // "Ian Reid MP": a member's letters right after the name.
      if (int named = MentionEndingAt(t.first); named >= 0 && t.last == t.first + 1 &&
                                                 entity_of(named).type == EntityType::kPerson &&
                                                 mention(named).kind == Mention::Kind::kName) {
        if (EmitLegislatureRole(named, t)) continue;
      }
      // "her election as treasurer of the Harbour Trust": the
      // possessor holds the office of the body after it.
      if (int holder = PossessorOfPostAs(t.first); holder >= 0) {
        if (int org = AffiliationAfter(t.last); org >= 0) {
          EmitRole(holder, org, t.title, t.first, t.last);
          continue;
        }
      }
      // "Ann Hale resigned as a Labour MP", "to succeed Mr Reid as
      // Labour leader": a party's office taken up or left.
      if (int party = -1, holder = HolderOfPartyPostAs(t, &party); holder >= 0) {
        EmitRole(holder, party, t.title, t.first, t.last);
        continue;
      }
      // "Ann Hale is the UK's ambassador to Peru", "he was appointed
      // chairman of the Harbour Trust": the copula's subject holds it.
      if (int holder = CopulaSubjectOfTitle(t); holder >= 0) {
        int org = AffiliationBefore(t.first);  // "the UK's ambassador to Peru": the UK's
        if (org < 0) org = BodyAfterTitle(t);
        if (org >= 0) {
          EmitRole(holder, org, t.title, t.first, t.last);
        } else {
          EmitRoleWithoutBody(holder, t);
        }
        continue;
      }
      // Appositive: "PERSON, [a senior] TITLE (at|for|of) ORG".
      int appos = AppositivePerson(t.first);
      if (appos < 0) {
        // "A spokesman for the World Bank said": nobody named yet; a
        // later "spokesman Ian Reid" speaks for it.
        int org = AffiliationAfter(t.last);
        if (org < 0) org = AffiliationBefore(t.first);
        if (org >= 0) unnamed_office_[t.title] = {AgentKey(org), s_};
        continue;
      }
      int org = BodyAfterTitle(t);
      // "EA's vice president of sales in Europe": the owner, not the region.
      // "Ann Hale, the Tory spokesman for the Home Office": the party's
      // spokesman on that department.
      if (int owner = AffiliationBefore(t.first);
          owner >= 0 && (org < 0 || entity_of(org).type == EntityType::kRegion || IsPossessor(owner) ||
                         (IsParty(owner) && t.title.rfind("Spokes", 0) == 0 && !IsParty(org)))) {
        org = owner;
      }
      if (org >= 0 && IsSeatBefore(t, org)) org = -1;
      if (org >= 0) {
        EmitRole(appos, org, t.title, t.first, t.last);
      } else if (IsCapitalisedStateOffice(t) && NoVerbBetween(mention(appos).last, t.first)) {
        // "Ann Hale, Chief Secretary to the Treasury,": written as a state's
        // office, it is one, of the person's or the story's country.
        EmitNationalRole(appos, t, /*before_name=*/true);
      } else if (EmitItsRole(appos, t)) {
        // "Ian Reid, its new chairman,": the body "its" stands for.
      } else if (NoVerbBetween(mention(appos).last, t.first) &&
                 !(t.title == "MP" && t.last < size() && tok(t.last).lower == "for") && EmitLegislatureRole(appos, t)) {
        // "Ian Reid, the Harbour Central MP,", "Lord Tarlow - a senior law
        // lord -": the member's chamber. (An "MP for Harbour" has the seat
        // already, EmitConstituencyRole's.)
      } else {
        EmitNationalRole(appos, t, /*before_name=*/false);
      }
    }
  }

  // Who holds title t, written "as [a] PARTY TITLE": the person replaced
  // or succeeded ("to succeed Mr Reid as Labour leader"), else the clause's
  // subject ("Ann Hale resigned as Tory leader"). -1 if none or the body
  // before the title is no party; else *party_out is the party's mention.
  int HolderOfPartyPostAs(const TitleSpan& t, int* party_out) const {
    const int party = AffiliationBefore(t.first);
    if (party < 0 || !IsParty(party)) return -1;
    *party_out = party;
    uint32_t as = mention(party).first;
    if (as > 0 && (tok(as - 1).lower == "a" || tok(as - 1).lower == "an" || tok(as - 1).lower == "the")) --as;
    if (as == 0 || tok(as - 1).lower != "as") return -1;
    --as;
    if (int replaced = MentionEndingAt(as); replaced >= 0 && entity_of(replaced).type == EntityType::kPerson) {
      const uint32_t verb = SkipQualifiersBack(mention(replaced).first);
      if (verb > 0 && (VerbLemmaAt(verb - 1) == "succeed" || VerbLemmaAt(verb - 1) == "replace")) return replaced;
    }
    std::vector<int> subject = SubjectOf(as);
    if (subject.size() != 1 || entity_of(subject[0]).type != EntityType::kPerson) return -1;
    return subject[0];
  }

  // A title with no body in reach: the body recalled from earlier, the one
  // before it in the sentence, a legislature, the party, "its", the
  // article's firm, or else the nation's.
  void EmitRoleWithoutBody(int person, const TitleSpan& t) {
    if (!EmitRecalledRole(person, t) && !EmitRoleInPrecedingBody(person, t) && !EmitLegislatureRole(person, t) &&
        !EmitPartyLeaderRole(person, t) && !EmitItsRole(person, t) && !EmitLeadingFirmRole(person, t)) {
      EmitNationalRole(person, t, /*before_name=*/true);
    }
  }

  // The person a copula makes the holder of title t: "Ann Hale is the UK's
  // ambassador", "he was appointed chairman", "Ian Reid, 53, is to become
  // its first director". -1 if none. (Not "is meeting the chairman": only
  // a determiner, a possessor and up to three modifiers that are no verbs
  // may stand between.)
  int CopulaSubjectOfTitle(const TitleSpan& t) const {
    static const WordSet kMadeHolder = {"appointed", "named", "elected", "made"};
    static const WordSet kAuxiliaries = {"to",  "is",  "was",      "will", "has",  "had",   "have",
                                         "been", "be", "set",      "due",  "now",    "also", "later", "then",
                                         "soon", "expected"};  // not "would": "if ..., he would be king"
    static const WordSet kNegations = {"not", "never", "no", "longer", "n't"};
    static const WordSet kOrdinals = {"first", "second", "third", "last"};  // "its first director"
    uint32_t j = t.first;
    // "was made president and managing director": past the first office.
    if (j >= 2 && tok(j - 1).lower == "and" && sa_->title_at[j - 2] >= 0) j = sa_->titles[sa_->title_at[j - 2]].first;
    for (int skipped = 0; j > 0 && skipped < 3 && sa_->mention_at[j - 1] < 0 && IsModifierWord(tok(j - 1)) &&
                          !IsVerbLike(j - 1) && !kLinkingVerbs.count(tok(j - 1).lower) &&
                          (!kDeterminers.count(tok(j - 1).lower) || kOrdinals.count(tok(j - 1).lower)) &&
                          !tok(j - 1).lower.ends_with("ing");
         ++skipped) {
      if (kNegations.count(tok(j - 1).lower)) return -1;
      --j;
    }
    if (j > 0 && tok(j - 1).kind == Token::Kind::kPossessive && MentionEndingAt(j - 1) >= 0) {
      j = mention(MentionEndingAt(j - 1)).first;
    }
    if (j > 0 && (tok(j - 1).lower == "the" || tok(j - 1).lower == "a" || tok(j - 1).lower == "an")) --j;
    if (j > 0 && kMadeHolder.count(tok(j - 1).lower)) --j;
    if (j == 0 || !kLinkingVerbs.count(tok(j - 1).lower)) return -1;
    uint32_t k = j - 1;
    while (k > 0 && kAuxiliaries.count(tok(k - 1).lower)) --k;
    // "Ian Reid, 53,": past the age.
    if (k >= 3 && tok(k - 1).lower == "," && tok(k - 2).kind == Token::Kind::kNumber && tok(k - 3).lower == ",") k -= 3;
    for (uint32_t between = k; between < j; ++between) {
      if (kNegations.count(tok(between).lower)) return -1;  // "he is not home secretary"
    }
    int m = MentionEndingAt(k);
    if (m < 0 || entity_of(m).type != EntityType::kPerson || InPrepPhrase(m) || IsPossessor(m)) return -1;
    if (mention(m).kind == Mention::Kind::kPronoun && !PronounReadsPlainly(m)) return -1;
    return m;
  }

  // A pronoun subject whose person is clear enough to hand an office: not
  // in quoted speech ("they feel ... as long as he is the prime minister"),
  // not in a condition ("if he became king"), and with at most one other
  // person named before it in the sentence.
  bool PronounReadsPlainly(int m) const {
    const uint32_t at = mention(m).first;
    if (at > 0 && (tok(at - 1).lower == "if" || tok(at - 1).lower == "whether" || tok(at - 1).lower == "unless" ||
                   tok(at - 1).lower == "that")) {
      return false;
    }
    std::unordered_set<int> people;
    for (uint32_t j = 0; j < at; ++j) {
      if (tok(j).kind == Token::Kind::kQuote) return false;
      if (int other = sa_->mention_at[j]; other >= 0 && entity_of(other).type == EntityType::kPerson) {
        people.insert(mention(other).entity);
      }
    }
    people.insert(mention(m).entity);
    return people.size() <= 1;
  }

  // Tokens [from, to) are one or more list joiners: ",", "and", ", and".
  bool OnlyListJoinersBetween(uint32_t from, uint32_t to) const {
    if (from >= to || to > size()) return false;
    for (uint32_t j = from; j < to; ++j) {
      if (tok(j).lower != "," && tok(j).lower != "and") return false;
    }
    return true;
  }

  // "his appointment as [the] chairman": the person (or pronoun) owning a
  // noun of holding a post, before "as" and the title at `first`; or -1.
  int PossessorOfPostAs(uint32_t first) const {
    static const WordSet kPostNouns = {"appointment", "election", "nomination", "role", "job",
                                       "time",        "tenure",   "stint",      "work", "selection"};
    uint32_t j = first;
    if (j > 0 && (tok(j - 1).lower == "the" || tok(j - 1).lower == "a")) --j;
    if (j < 3 || tok(j - 1).lower != "as" || !kPostNouns.count(tok(j - 2).lower)) return -1;
    int owner = MentionEndingAt(j - 2);
    if (owner < 0 && tok(j - 3).kind == Token::Kind::kPossessive) owner = MentionEndingAt(j - 3);
    return owner >= 0 && entity_of(owner).type == EntityType::kPerson ? owner : -1;
  }

  // "Australia's prime minister, Ann Hale, won": a title owned by a body,
  // then the person in commas (or ending the sentence).
  int PersonAfterTitleComma(const TitleSpan& t) const {
    if (t.last + 1 >= size() || tok(t.last).lower != "," || t.first == 0) return -1;
    uint32_t j = t.first;  // past "foreign affairs" in "the Herald's foreign affairs correspondent"
    for (int skipped = 0; j > 1 && skipped < 3 && IsModifierWord(tok(j - 1)) && sa_->mention_at[j - 1] < 0; ++skipped) {
      --j;
    }
    // ("Microsoft chief, Bill Gates,": a body right before the office.)
    // (A body's, or a country's named by its demonym, "the Peruvian
    // president, Ann Hale,"; and the holder closed by a comma.)
    // ("Its director general, Ann Hale,": the body "its" stands for.)
    // ("The Lord Chancellor, Lord Tarlow,": a state's office after "the".)
    const bool state_office = tok(j - 1).lower == "the" && IsCapitalisedStateOffice(t);
    if (tok(j - 1).kind != Token::Kind::kPossessive && tok(j - 1).lower != "its" && !state_office) {
      int body = MentionEndingAt(j);
      if (body < 0 || (entity_of(body).type != EntityType::kOrganization &&
                       !(entity_of(body).type == EntityType::kCountry && mention(body).kind == Mention::Kind::kDemonym))) {
        return -1;
      }
      int person = PersonInCommasAt(t.last + 1);
      if (person < 0 || mention(person).last >= size()) return -1;
      const Token& after = tok(mention(person).last);
      return after.lower == "," || IsClausePunct(after) ? person : -1;
    }
    return PersonInCommasAt(t.last + 1);
  }
  // The person mention starting at token i and followed by a comma, the end
  // of the clause or a word ("..., Ann Hale, said", "..., Ann Hale QC
  // warned"), but not by a name or a possessive; or -1.
  int PersonInCommasAt(uint32_t i) const {
    // ("..., Lord Tarlow, said": past a peer's or an honorific style.)
    if (i < size() && MentionStartingAt(i) < 0 && sa_->title_at[i] >= 0 &&
        kHonorificTitles.count(sa_->titles[sa_->title_at[i]].title)) {
      i = sa_->titles[sa_->title_at[i]].last;
    }
    int m = MentionStartingAt(i);
    if (m < 0 || entity_of(m).type != EntityType::kPerson) return -1;
    uint32_t end = mention(m).last;
    if (end < size() && tok(end).lower != "," && !IsClausePunct(tok(end)) && !tok(end).IsWord()) return -1;
    return m;
  }
  // "appointed Mr Reid as his elections chief", "named Ann Hale as the
  // party's treasurer": the person before "as".
  int PersonNamedAs(const TitleSpan& t) const {
    uint32_t j = t.first;
    for (int skipped = 0; j > 0 && skipped < 4; ++skipped) {
      const Token& before = tok(j - 1);
      if (before.lower == "as") break;
      bool possessive = before.kind == Token::Kind::kPossessive || sa_->mention_at[j - 1] >= 0;
      if (!possessive && !IsModifierWord(before) && !kDeterminers.count(before.lower)) return -1;
      --j;
    }
    if (j < 2 || tok(j - 1).lower != "as") return -1;
    int m = MentionEndingAt(j - 1);
    if (m < 0 || entity_of(m).type != EntityType::kPerson || mention(m).kind == Mention::Kind::kPronoun) return -1;
    // Only after a verb of appointing: "as" also compares ("as popular as").
    static const WordSet kAppointing = {"appoint", "name", "nominate", "choose", "elect", "install", "hire", "make"};
    uint32_t v = mention(m).first;
    if (v > 0 && sa_->title_at[v - 1] >= 0) v = sa_->titles[sa_->title_at[v - 1]].first;  // "Mr Reid"
    if (v > 0 && kAppointing.count(VerbLemmaAt(v - 1))) return m;
    // "doubts about Ann Hale as finance minister": a named person
    // right before "as" holds the office too, unless what follows says
    // it is only wished for or compared ("as prime minister material",
    // "as leader in waiting").
    if (mention(m).kind != Mention::Kind::kName || t.last >= size()) return -1;
    static const WordSet kNotHeld = {"material", "in", "would", "could", "might", "hopeful", "candidate"};
    if (kNotHeld.count(tok(t.last).lower)) return -1;
    return m;
  }

  // "The chairman of the Harbour Board, Ann Hale QC, warned": the office of
  // the body after "of", then its holder in commas.
  bool EmitTitleOfBodyComma(const TitleSpan& t) {
    uint32_t j = t.last;
    if (j + 3 >= size() || tok(j).lower != "of") return false;
    ++j;
    if (tok(j).lower == "the") ++j;
    int body = MentionStartingAt(j);
    // ("The head of the Peruvian state-owned Quorvik company, Ann Hale,":
    // past a demonym and modifiers to the body, and its kind after it.)
    if (body >= 0 && mention(body).kind == Mention::Kind::kDemonym) {
      j = mention(body).last;
      body = -1;
    }
    for (int skipped = 0; body < 0 && j < size() && skipped < 2 && sa_->mention_at[j] < 0 && IsModifierWord(tok(j));
         ++skipped) {
      ++j;
    }
    if (body < 0 && j < size()) body = MentionStartingAt(j);
    // ("The Bishop of Harbury, the Rt Rev Ann Hale,": a see or a city's
    // office is of the place.)
    static const WordSet kOfficesOfAPlace = {"Bishop", "Archbishop", "Mayor", "Lord Mayor", "Dean"};
    if (body < 0 || (entity_of(body).type != EntityType::kOrganization &&
                     !(entity_of(body).type == EntityType::kCity && kOfficesOfAPlace.count(t.title)))) {
      return false;
    }
    uint32_t after = mention(body).last;
    if (after < size() && kBodyNouns.count(tok(after).lower) && entity_of(body).type == EntityType::kOrganization) {
      ++after;
    }
    if (after + 1 >= size() || tok(after).lower != ",") return false;
    uint32_t named = after + 1;
    if (named + 1 < size() && tok(named).lower == "the" && sa_->title_at[named + 1] >= 0) {
      named = sa_->titles[sa_->title_at[named + 1]].last;  // past "the Rt Rev"
    }
    int person = PersonInCommasAt(named);
    if (person < 0) return false;
    EmitRoleTo(person, entity_of(body).key, t.title, t.first, after, 0.8);  // the city itself, not its state
    return true;
  }
  // "director general for trade, Ann Hale": the person after a short
  // phrase completing the title and a comma.
  // Also without the comma: "deputy minister for women Jacqui Smith".
  // Also a capitalised portfolio: "Minister for Ports, Roads and Railways
  // Ann Hale".
  int PersonAfterTitlePhrase(uint32_t j, bool government_office) const {
    if (j >= size() || !kRolePreps.count(tok(j).lower)) return -1;
    for (uint32_t k = j + 1; k < size() && k <= j + 9; ++k) {
      bool comma = tok(k).lower == ",";
      int m = MentionStartingAt(comma ? k + 1 : k);
      // "Railways Ann Hale" after "Roads and": the last name.
      if (m >= 0 && entity_of(m).type == EntityType::kPerson && government_office) {
        uint32_t e = mention(m).last;
        if (e < size() && (tok(e).lower == "and" || tok(e).lower == ",") && e + 1 < size() && tok(e + 1).capitalized) {
          k = e - 1;
          continue;
        }
      }
      // ("chief executive of Quorvik said he": a pronoun past the verb is
      // no holder named after the phrase; "As minister for trade, he" is.)
      if (m >= 0 && mention(m).kind == Mention::Kind::kPronoun && !comma) return -1;
      if (m >= 0 && entity_of(m).type == EntityType::kPerson) return m;
      if (m >= 0 && !comma) {  // "for Europe": part of the title phrase
        k = mention(m).last - 1;
        continue;
      }
      // A comma not followed by the person ends the phrase, except inside a
      // portfolio's list of capitalised words.
      if (comma && !(government_office && k + 1 < size() && tok(k + 1).capitalized)) return -1;
      bool portfolio_word = government_office && tok(k).IsWord() && (tok(k).capitalized || tok(k).lower == "and");
      if (!comma && !IsModifierWord(tok(k)) && !portfolio_word) return -1;
    }
    return -1;
  }

  // "Ann Hale is a member of the Harbour Trust", "He was once chairman of
  // the bench and a member of the Harbour Council": the copula's subject is
  // the body's member.
  void FindCopulaMemberships() {
    static const WordSet kAdverbs = {"also", "now", "still", "already", "long", "has", "have", "had", "been"};
    for (uint32_t k = 2; k + 2 < size(); ++k) {
      if (tok(k).lower != "member" || tok(k + 1).lower != "of") continue;
      int org = MentionStartingAt(tok(k + 2).lower == "the" ? k + 3 : k + 2);
      if (org < 0 || entity_of(org).type != EntityType::kOrganization) continue;
      uint32_t j = k;
      for (int skipped = 0; j > 0 && skipped < 3 && sa_->mention_at[j - 1] < 0 && IsModifierWord(tok(j - 1)) &&
                            tok(j - 1).lower != "a" && tok(j - 1).lower != "an" && !IsVerbLike(j - 1);
           ++skipped) {
        --j;
      }
      if (j == 0 || (tok(j - 1).lower != "a" && tok(j - 1).lower != "an")) continue;
      --j;
      // Past a first office joined by "and": "chairman of the bench and".
      if (j > 0 && tok(j - 1).lower == "and") {
        uint32_t b = j - 1;
        while (b > 0 && j - b < 8 && !kLinkingVerbs.count(tok(b - 1).lower) && sa_->mention_at[b - 1] < 0 &&
               tok(b - 1).IsWord() && !tok(b - 1).capitalized && !IsVerbLike(b - 1)) {
          --b;
        }
        if (b == 0 || !kLinkingVerbs.count(tok(b - 1).lower)) continue;
        j = b;
      }
      if (j == 0 || !kLinkingVerbs.count(tok(j - 1).lower)) continue;
      uint32_t v = j - 1;
      while (v > 0 && kAdverbs.count(tok(v - 1).lower)) --v;
      const int person = MentionEndingAt(v);
      if (person < 0 || entity_of(person).type != EntityType::kPerson || InPrepPhrase(person) || IsPossessor(person)) {
        continue;
      }
      if (mention(person).kind == Mention::Kind::kPronoun && !PronounReadsPlainly(person)) continue;
      EmitRoleTo(person, AgentKey(org), "member", j - 1, mention(org).last, 0.6);
    }
  }

  // "Ann Hale, from the campaign group Parents 4 Play, said": a person
  // introduced by the organisation they come from.
  void FindMemberships() {
    for (size_t k = 0; k < sa_->mentions.size(); ++k) {
      int person = static_cast<int>(k);
      if (mention(person).kind != Mention::Kind::kName || entity_of(person).type != EntityType::kPerson) continue;
      // "Tory Ann Hale", "Labour's Ian Reid", "Labour's Mr Reid": a
      // body's label right before the name (and its honorific).
      // (With the honorific only after a possessive: "told the BBC Mr
      // Reid was ..." names the listener.)
      uint32_t named_from = mention(person).first;
      if (named_from > 1 && sa_->title_at[named_from - 1] >= 0) {
        const TitleSpan& honorific = sa_->titles[sa_->title_at[named_from - 1]];
        if (kHonorificTitles.count(honorific.title) && honorific.last == named_from && honorific.first > 0 &&
            tok(honorific.first - 1).kind == Token::Kind::kPossessive) {
          named_from = honorific.first;
        }
        // ("Tory Lord Tarlow": a party's label before a peer's style.)
        static const WordSet kPeerStyles = {"Lord", "Lady", "Baroness", "Baron"};
        if (kPeerStyles.count(honorific.title) && honorific.last == named_from && honorific.first > 0) {
          if (int party = MentionEndingAt(honorific.first); party >= 0 && IsParty(party)) named_from = honorific.first;
        }
      }
      if (int body = MentionEndingAt(named_from - (named_from > 0 &&
                                                   tok(named_from - 1).kind == Token::Kind::kPossessive ? 1 : 0));
          body >= 0 && body != person && mention(body).kind == Mention::Kind::kName &&
          entity_of(body).type == EntityType::kOrganization &&
          sa_->title_at[mention(person).first] < 0 &&  // (not "a Harbour Office minister", a description)
          !NamesAShow(person)) {                        // (nor "Harbour TV's Ian Reid programme")
        EmitRole(person, body, "member", mention(body).first, mention(person).last);
        // "Tories Ann Hale and Sir Ian Reid": the second of two named
        // after the label too.
        if (uint32_t a = mention(person).last; a + 1 < size() && tok(a).lower == "and") {
          uint32_t b = a + 1;
          if (sa_->title_at[b] >= 0 && kHonorificTitles.count(sa_->titles[sa_->title_at[b]].title)) {
            b = sa_->titles[sa_->title_at[b]].last;
          }
          if (int second = MentionStartingAt(b); second >= 0 && entity_of(second).type == EntityType::kPerson &&
                                                 mention(second).kind == Mention::Kind::kName &&
                                                 (mention(second).last >= size() ||
                                                  tok(mention(second).last).kind != Token::Kind::kPossessive)) {
            EmitRole(second, body, "member", mention(body).first, mention(second).last);
          }
        }
      }
      uint32_t j = mention(person).last;
      // "Ian Reid, whose company Acme Foods won": his company.
      if (j + 3 < size() && tok(j).lower == "," && tok(j + 1).lower == "whose" &&
          rules_.anaphors.count(tok(j + 2).lower) && MentionStartingAt(j + 3) >= 0 &&
          entity_of(MentionStartingAt(j + 3)).type == EntityType::kOrganization) {
        EmitRole(person, MentionStartingAt(j + 3), "member", j + 1, j + 3);
        continue;
      }
      // "Ann Hale, Leeds Tenants Association said": the body in apposition.
      if (j + 2 < size() && tok(j).lower == ",") {
        int org = MentionStartingAt(j + 1);
        if (org >= 0 && entity_of(org).type == EntityType::kOrganization && mention(org).last < size() &&
            (IsAttributionWord(mention(org).last) || tok(mention(org).last).lower == ",")) {
          EmitRole(person, org, "member", j, mention(org).last);
          continue;
        }
      }
      // "Ann Hale, a senior member of the Harbour Trust,": its member.
      if (j + 4 < size() && tok(j).lower == "," && (tok(j + 1).lower == "a" || tok(j + 1).lower == "an")) {
        uint32_t k = j + 2;
        for (int skipped = 0; k < size() && skipped < 3 && sa_->mention_at[k] < 0 && IsModifierWord(tok(k)) &&
                              tok(k).lower != "member";
             ++skipped) {
          ++k;
        }
        if (k + 2 < size() && tok(k).lower == "member" && tok(k + 1).lower == "of") {
          k += 2;
          if (tok(k).lower == "the") ++k;
          int org = MentionStartingAt(k);
          if (org >= 0 && entity_of(org).type == EntityType::kOrganization) {
            EmitRoleTo(person, entity_of(org).key, "member", j + 1, mention(org).last, 0.6);
            continue;
          }
        }
      }
      // "Ann Hale, from X", "Ian Reid of X", "Ann Hale, for the Greens, said".
      // Also "said Ian Reid at X": a speaker named with where they work.
      const bool comma = j < size() && tok(j).lower == ",";
      if (comma) ++j;
      const uint32_t named = mention(person).first;
      const bool speaker_at = !comma && j + 1 < size() && tok(j).lower == "at" && named > 0 &&
                              (IsAttributionWord(named - 1) || tok(named - 1).lower == "to");
      if (j + 1 >= size() ||
          (tok(j).lower != "from" && tok(j).lower != "of" && !(comma && tok(j).lower == "for") && !speaker_at)) {
        continue;
      }
      ++j;
      // (Past "IT" in "of IT firm Quorvik Data": letters naming the trade.)
      auto trade_letters = [&](uint32_t k) {
        return tok(k).all_caps && k + 1 < size() && kBodyNouns.count(tok(k + 1).lower);
      };
      for (int skipped = 0; j < size() && skipped < 4 && sa_->mention_at[j] < 0 && (IsModifierWord(tok(j)) || trade_letters(j));
           ++skipped) {
        ++j;
      }
      int org = MentionStartingAt(j);
      while (org >= 0 && MentionStartingAt(mention(org).last) >= 0) org = MentionStartingAt(mention(org).last);
      if (org < 0 || entity_of(org).type != EntityType::kOrganization) continue;
      EmitRoleTo(person, entity_of(org).key, "member", mention(person).last, mention(org).last, 0.6);
    }
  }

  // "Amnesty questioned the decision. '...,' said director Ann Hale": a
  // post only a body has, held by someone named right after a sentence
  // that opens with an organisation, is that organisation's.
  bool EmitRoleInPrecedingBody(int person, const TitleSpan& t) {
    static const WordSet kBodyPosts = {
        "Director",   "Director-General", "Executive Director", "Managing Director", "Deputy Director",
        "Spokesman",  "Spokeswoman",      "Spokesperson",       "Chairman",          "Chairwoman",
        "Chair",      "Chairperson",      "Vice Chairman",      "Chief Executive",   "General Secretary",
        "Founder",    "Co-founder"};
    if (s_ == 0 || !kBodyPosts.count(t.title)) return false;
    if (t.last < size() && kRolePreps.count(tok(t.last).lower)) return false;  // "chairman of X": X's
    if (AffiliationAfter(mention(person).last) >= 0) return false;  // "director Ann Hale of Oxfam"
    // "its founder", "Committee chairman": some other body's.
    static const WordSet kOtherBody = {"its",   "his",   "her",     "their",  "committee", "board",
                                       "panel", "group", "council", "inquiry", "club",     "trust"};
    if (t.first > 0 && kOtherBody.count(tok(t.first - 1).lower)) return false;
    // Only when the sentence names no other actor before the title, outside
    // a quotation it opens with ("'... the UK ...,' said director Ann Hale").
    uint32_t quoted_until = 0;
    if (size() > 0 && tok(0).kind == Token::Kind::kQuote) {
      for (uint32_t j = t.first; j-- > 1;) {
        if (tok(j).kind == Token::Kind::kQuote) {
          quoted_until = j;
          break;
        }
      }
    }
    for (const Mention& m : sa_->mentions) {
      if (m.first < t.first && m.first >= quoted_until && m.kind != Mention::Kind::kPronoun) return false;
    }
    const SentenceAnalysis& previous = a_.sentences[s_ - 1];
    if (previous.mentions.empty()) return false;
    const Mention& opener = previous.mentions.front();
    const std::vector<Token>& tokens = previous.sentence.tokens;
    uint32_t start = tokens.size() > 0 && tokens[0].lower == "the" ? 1 : 0;
    if (opener.first > start || opener.entity < 0) return false;
    const Entity& body = a_.entities[opener.entity];
    if (body.type != EntityType::kOrganization) return false;
    return EmitRoleTo(person, body.key, t.title, t.first, t.last, 0.5);
  }

  // "MSP Ann Hale", "Ian Reid MP": a member of a legislature, named by
  // the title alone, sits in it; a national chamber only in an article
  // set in its country.
  bool EmitLegislatureRole(int person, const TitleSpan& t) {
    static const std::pair<std::string_view, std::string_view> kChambers[] = {
        {"MP", "org:house of commons"},   {"MSP", "org:scottish parliament"}, {"MEP", "org:european parliament"},
        {"Peer", "org:house of lords"},   {"Life Peer", "org:house of lords"}, {"Law Lord", "org:house of lords"},
        {"Senator", "org:us senate"},     {"Congressman", "org:us congress"},  {"Congresswoman", "org:us congress"}};
    // "MP for Harbourside": the seat is the role (EmitConstituencyRole's).
    if (t.title == "MP" && t.last + 1 < size() && tok(t.last).lower == "for" && tok(t.last + 1).capitalized) {
      return false;
    }
    for (const auto& [title, key] : kChambers) {
      if (t.title != title) continue;
      // "the MP for Harbourside": a constituency, not a person.
      if (const uint32_t f = mention(person).first; f > 0 && (tok(f - 1).lower == "for" || tok(f - 1).lower == "the")) {
        return false;
      }
      const LexiconEntry* chamber = lex_.FindByKey(std::string(key));
      if (!chamber) return false;
      const std::string& home = entity_of(person).country.empty() ? a_.home_country : entity_of(person).country;
      if (!chamber->country.empty() && chamber->country != home) return false;
      AddKnownEntity(chamber->key);
      return EmitRoleTo(person, chamber->key, t.title, t.first, t.last, 0.6);
    }
    return false;
  }

  // "Ann Hale, Labour MP for Harbourside and Quorvik,": a member who sits
  // for a constituency represents it, beside any party role the title
  // gives. The constituency is a region of the chamber's country; only for
  // a chamber of the article's country.
  void EmitConstituencyRole(const TitleSpan& t) {
    if (t.title != "MP" || t.last + 1 >= size() || tok(t.last).lower != "for") return;
    const uint32_t first = t.last + 1;
    uint32_t end = first;
    // "Hornsey and Wood Green", "Kensington and Chelsea": capitalised words
    // and the "and" between them.
    while (end < size() && (tok(end).capitalized || (tok(end).lower == "and" && end > first && end + 1 < size() &&
                                                     tok(end + 1).capitalized))) {
      ++end;
    }
    if (end == first) return;
    const int named_place = MentionStartingAt(first);
    if (named_place >= 0 && entity_of(named_place).type == EntityType::kCountry) return;  // "MP for Wales"
    int person = AppositivePerson(t.first);
    // "the newly elected MP for Harbourside, Ian Reid,"
    if (person < 0 && end + 1 < size() && tok(end).lower == ",") person = MentionStartingAt(end + 1);
    // "Ian Reid has been MP for Harbourside since 1983"
    if (person < 0) person = CopulaSubjectOfTitle(t);
    if (person < 0 || mention(person).kind != Mention::Kind::kName ||
        entity_of(person).type != EntityType::kPerson) {
      return;
    }
    const LexiconEntry* chamber = lex_.FindByKey("org:house of commons");
    if (!chamber) return;
    const std::string& home = entity_of(person).country.empty() ? a_.home_country : entity_of(person).country;
    if (!chamber->country.empty() && chamber->country != home) return;
    const std::string name = JoinTokens(*toks_, first, end);
    std::string key;
    if (named_place >= 0 && mention(named_place).last == end &&
        (entity_of(named_place).type == EntityType::kCity || entity_of(named_place).type == EntityType::kRegion)) {
      key = entity_of(named_place).key;  // a town the lexicon knows
    } else {
      key = CanonicalKey(EntityType::kRegion, name);
      a_.AddEntity(key, name, EntityType::kRegion, chamber->country, name);
    }
    EmitRoleTo(person, key, "MP for " + name, t.first, end, 0.6);
  }

  // "spokesman Ian Reid" after "a spokesman for the World Bank" a few
  // sentences before: the office is that body's.
  bool EmitRecalledRole(int person, const TitleSpan& t) {
    auto it = unnamed_office_.find(t.title);
    if (it == unnamed_office_.end() || s_ - it->second.sentence > 4) return false;
    // "Former NatWest chief executive Mr Wanless": some other body's.
    uint32_t j = t.first;
    while (j > 0 && IsModifierWord(tok(j - 1))) --j;
    if (j > 0 && tok(j - 1).capitalized && tok(j - 1).IsWord() && !StartsSentenceAt(j - 1)) return false;
    return EmitRoleTo(person, it->second.key, t.title, t.first, t.last, 0.6);
  }

  bool StartsSentenceAt(uint32_t j) const {
    while (j > 0 && tok(j - 1).kind == Token::Kind::kQuote) --j;
    return j == 0;
  }

  // "X has defected to Labour", "the defection to Labour of Ian Reid":
  // the person now belongs to the party.
  void FindDefections() {
    for (uint32_t j = 0; j + 2 < size(); ++j) {
      const TokenText& w = tok(j).lower;
      const TokenText& lemma = VerbLemmaAt(j);
      // "who quit UKIP", "left the party", "resigned from the board",
      // "defected from Labour": a member of what they left.
      bool leaving = (lemma == "quit" || lemma == "leave") ||
                     ((lemma == "resign" || lemma == "defect") && tok(j + 1).lower == "from");
      if (leaving) {
        uint32_t k = j + 1 + (tok(j + 1).lower == "from" ? 1 : 0);
        if (k < size() && tok(k).lower == "the") ++k;
        int body = MentionStartingAt(k);
        if (body < 0 || entity_of(body).type != EntityType::kOrganization) continue;
        for (int person : SubjectOf(j)) {
          if (entity_of(person).type == EntityType::kPerson) EmitRole(person, body, "member", j, k);
        }
        continue;
      }
      bool verb = lemma == "defect", noun = w == "defection";
      if ((!verb && !noun) || tok(j + 1).lower != "to") continue;
      uint32_t k = j + 2;
      if (k < size() && tok(k).lower == "the") ++k;
      int party = MentionStartingAt(k);
      if (party < 0 || entity_of(party).type != EntityType::kOrganization) continue;
      std::vector<int> people;
      if (verb) {
        people = SubjectOf(j);
      } else if (uint32_t of = mention(party).last; of + 1 < size() && tok(of).lower == "of") {
        if (int m = MentionStartingAt(of + 1); m >= 0) people = {m};
      }
      for (int person : people) {
        if (entity_of(person).type == EntityType::kPerson) EmitRole(person, party, "member", j, j + 2);
      }
    }
  }

  // "Shadow education secretary Ann Hale said the scheme would cost
  // more": the opposition speaks against the government. A shadow
  // minister who speaks and names nobody they act on (no relation of theirs
  // in the sentence) criticises the government of the article's country.
  void FindOppositionVoice(size_t relations_before) {
    if (speaker_ < 0 || a_.home_country.empty() || attribution_at_.empty()) return;
    const Entity& speaker = entity_of(speaker_);
    if (speaker.type != EntityType::kPerson || !opposition_voices_.count(speaker.key)) return;
    if (!speaker.country.empty() && speaker.country != a_.home_country) return;
    for (size_t k = relations_before; k < out_.size(); ++k) {
      if (out_[k].source == speaker.key && out_[k].type != "role") return;
    }
    // Only words about the government, or a harsh judgement: shadow
    // ministers also announce their own plans ("a Conservative government
    // would ...").
    bool about_government = false;
    for (uint32_t j = 0; j < size() && !about_government; ++j) {
      const TokenText& w = tok(j).lower;
      if (w == "government" || w == "ministers" || w == "minister" || w == "chancellor") {
        about_government = j == 0 || (tok(j - 1).lower != "a" && tok(j - 1).lower != "our" && tok(j - 1).lower != "in" &&
                                      tok(j - 1).lower != "shadow" && !tok(j - 1).capitalized);
      } else if (sa_->mention_at[j] < 0 && (RuleBitAt(j, kNegativeEvaluationBit) || RuleBitAt(j, kBlameVerbBit))) {
        about_government = true;
      }
    }
    if (!about_government) return;
    const uint32_t said = attribution_at_.front().first;
    bool negated = false;
    ModalityAt(said, &negated);
    if (negated) return;
    const std::string government = "country:" + a_.home_country;
    std::string source = speaker.key;  // AddKnownEntity may move the entities
    if (!AddKnownEntity(government)) return;
    Relation r;
    r.source = std::move(source);
    r.target = government;
    r.type = "criticizes";
    FillEvidence(&r.evidence, said, said + 1, 0.4);
    r.evidence.modality = Modality::kReported;
    out_.push_back(std::move(r));
  }

  // "has been to Moscow", "had been in Afghanistan": a person's visit.
  // Also "is due in Asia": an expected visit.
  void FindBeenIn() {
    for (uint32_t j = 0; j + 2 < size(); ++j) {
      const bool due = tok(j).lower == "due" && j > 0 && kBeForms.count(tok(j - 1).lower);
      // "Mr Straw was in India visiting ...", "is in Moscow for talks".
      // (And "will be in Moscow next week".)
      const bool was = tok(j).lower == "was" || tok(j).lower == "is" || tok(j).lower == "were" ||
                       tok(j).lower == "are" ||
                       (tok(j).lower == "be" && j > 0 && (tok(j - 1).lower == "will" || tok(j - 1).lower == "would"));
      if ((tok(j).lower != "been" && !due && !was) || (tok(j + 1).lower != "in" && tok(j + 1).lower != "to")) continue;
      if (was && tok(j + 1).lower != "in") continue;
      int place = MentionStartingAt(j + 2);
      if (place < 0) continue;
      EntityType type = entity_of(place).type;
      if (type != EntityType::kCountry && type != EntityType::kCity && type != EntityType::kRegion) continue;
      std::vector<int> visitors = SubjectOf(j);
      if (visitors.size() != 1 || entity_of(visitors[0]).type != EntityType::kPerson) continue;
      // The trigger of "is due in" starts after "due", a cue of expectation.
      Emit("visits", visitors, ListFrom(place), due ? j + 1 : j, j + 2, 0.6);
    }
  }

  // "In Beijing on Monday, Mr Reid met ...": a sentence that opens with a
  // place abroad for the person who then acts visits it.
  void FindPlaceOpener() {
    if (size() < 4 || (tok(0).lower != "in" && tok(0).lower != "at")) return;
    int place = MentionStartingAt(1);
    if (place < 0) return;
    const Entity& where = entity_of(place);
    if (where.type != EntityType::kCity && where.type != EntityType::kCountry) return;
    const std::string& place_country = where.country;
    if (place_country.empty()) return;
    uint32_t comma = mention(place).last;
    while (comma < size() && comma < 12 && tok(comma).lower != ",") ++comma;
    if (comma >= size() || tok(comma).lower != ",") return;
    int person = MentionStartingAt(comma + 1);
    // "..., Peru's trade minister, hit out": the owner's description.
    if (person >= 0 && IsPossessor(person) && mention(person).last + 1 < size()) {
      person = MentionStartingAt(mention(person).last + 1);
    }
    if (person < 0 || entity_of(person).type != EntityType::kPerson) return;
    std::string home = entity_of(person).country;
    // (Someone known here only as "Peru's trade minister" is Peru's.)
    if (int owner = AffiliationBefore(mention(person).first);
        home.empty() && owner >= 0 && entity_of(owner).type == EntityType::kCountry) {
      home = entity_of(owner).country;
    }
    if (home.empty() || home == place_country) return;
    Emit("visits", {person}, {place}, 0, 1, 0.5);
  }

  // "Ann Hale founded Quorvik Air", "Quorvik Air, set up by former pilot
  // Ann Hale,", "the trust was founded by Ian Reid": the founder holds an
  // office in the body they founded.
  void FindFounders() {
    for (uint32_t j = 0; j + 1 < size(); ++j) {
      const TokenText& w = tok(j).lower;
      uint32_t end = 0;  // one past the verb
      if (w == "founded" || w == "co-founded") {
        end = j + 1;
      } else if ((w == "set" || w == "sets" || w == "setting") && tok(j + 1).lower == "up") {
        end = j + 2;
      }
      if (end == 0) continue;
      int founder = -1, body = -1;
      if (end < size() && tok(end).lower == "by") {
        // The agent, past a description ("by former pilot and tea grower X").
        uint32_t k = end + 1;
        while (k < size() && k <= end + 7 && sa_->mention_at[k] < 0 && tok(k).IsWord() && !tok(k).capitalized &&
               !IsVerbLike(k)) {
          ++k;
        }
        founder = MentionStartingAt(k);
        if (j > 0 && tok(j - 1).lower == ",") {
          body = MentionEndingAt(j - 1);
        } else if (j > 0 && kBeForms.count(tok(j - 1).lower)) {
          std::vector<int> subject = SubjectOf(j - 1);
          if (subject.size() == 1) body = subject[0];
        }
      } else {
        uint32_t k = end < size() && tok(end).lower == "the" ? end + 1 : end;
        body = MentionStartingAt(k);
        // "set up Quorvik USA": an arm the name only begins.
        if (body >= 0 && mention(body).last < size() && tok(mention(body).last).capitalized) body = -1;
        // "He left Harbour Air to set up Tarlin Airlines": the clause's subject.
        std::vector<int> subject = j > 0 && tok(j - 1).lower == "to" ? ClauseSubject(j) : SubjectOf(j);
        if (subject.size() == 1) founder = subject[0];
      }
      if (founder < 0 || body < 0 || entity_of(founder).type != EntityType::kPerson ||
          entity_of(body).type != EntityType::kOrganization) {
        continue;
      }
      EmitRole(founder, body, "Founder", j, end);
    }
  }

  // "his time at the helm of the G8", "the panel, which includes
  // economist Ann Hale": leading or belonging to a body.
  void FindHelms() {
    for (uint32_t j = 0; j + 3 < size(); ++j) {
      if (tok(j).lower == "helm" && j >= 2 && tok(j - 1).lower == "the" && tok(j - 2).lower == "at" &&
          tok(j + 1).lower == "of") {
        uint32_t k = j + 2;
        if (k < size() && tok(k).lower == "the") ++k;
        int org = MentionStartingAt(k);
        if (org < 0 || !IsAffiliation(org)) continue;
        // "his time at the helm": the possessor; else the clause's subject.
        std::vector<int> leader;
        for (uint32_t b = j - 2; b-- > 0 && j - 2 - b <= 3 && leader.empty();) {
          int m = sa_->mention_at[b];
          if (m >= 0 && IsPossessor(m)) leader = {m};
          if (m >= 0 || !IsModifierWord(tok(b))) break;
        }
        if (leader.empty()) leader = ClauseSubject(j - 2);
        if (leader.size() != 1 || entity_of(leader[0]).type != EntityType::kPerson) continue;
        EmitRole(leader[0], org, "Leader", j - 2, j + 2);
      }
      // "X, which includes Y", "X includes Y": Y belongs to X.
      if (tok(j).lower == "includes" || tok(j).lower == "included") {
        std::vector<int> body;
        if (j >= 2 && tok(j - 1).lower == "which") {
          uint32_t before = j - 1;
          if (tok(before - 1).lower == "," || tok(before - 1).lower == "-") --before;  // "the commission - which"
          int m = MentionEndingAt(before);
          if (m >= 0) body = {m};
        } else {
          body = SubjectOf(j);
        }
        if (body.size() != 1 || entity_of(body[0]).type != EntityType::kOrganization) continue;
        uint32_t k = j + 1;
        while (k < size() && k <= j + 3 && sa_->mention_at[k] < 0 && IsModifierWord(tok(k))) ++k;
        int member = MentionStartingAt(k);
        if (member < 0) continue;
        for (int m : ListFrom(member)) {
          if (entity_of(m).type == EntityType::kPerson) EmitRole(m, body[0], "member", j, j + 1);
        }
      }
    }
  }

  // "Ann Hale, who is now Harmony's deputy leader", "Ian Reid, who
  // chaired the Harbour Inquiry": an office named in a relative clause.
  void FindOfficesInRelativeClauses() {
    static const std::unordered_map<std::string_view, std::string_view> kHeadingVerbs = {
        {"chair", "Chairman"}, {"head", "Head"}, {"lead", "Leader"}, {"run", "Head"}, {"found", "Founder"}};
    for (uint32_t j = 1; j + 2 < size(); ++j) {
      if (tok(j).lower != "who") continue;
      std::vector<int> person = Antecedent(j);
      if (person.size() != 1 || entity_of(person[0]).type != EntityType::kPerson) continue;
      uint32_t k = j + 1;
      static const WordSet kSkipped = {"is", "was", "has", "had", "been", "now", "also", "currently", "then", "later", "the"};
      while (k < size() && k <= j + 4 && kSkipped.count(tok(k).lower)) ++k;
      if (k >= size()) continue;
      // "who is now Harmony's deputy leader"
      if (int body = MentionStartingAt(k); body >= 0 && IsPossessor(body) && IsAffiliation(body)) {
        uint32_t at = mention(body).last + 1;
        if (at < size() && sa_->title_at[at] >= 0) {
          const TitleSpan& t = sa_->titles[sa_->title_at[at]];
          if (t.first == at && !kHonorificTitles.count(t.title)) EmitRole(person[0], body, t.title, t.first, t.last);
        }
        continue;
      }
      // "who chaired the Harbour Inquiry", "who is heading the trust"
      auto verb = kHeadingVerbs.find(std::string_view(VerbLemmaAt(k)));
      if (verb == kHeadingVerbs.end() || tok(k).capitalized) continue;
      uint32_t at = k + 1;
      if (at < size() && tok(at).lower == "the") ++at;
      int body = MentionStartingAt(at);
      if (body < 0 || !IsAffiliation(body) || IsPossessor(body) || IsModifier(body)) continue;
      // Not "who chairs the Commons trade committee": a body within it.
      if (uint32_t after = mention(body).last; after < size() && tok(after).IsWord() && !tok(after).capitalized &&
                                                 !kPrepositions.count(tok(after).lower) &&
                                                 !kClauseBreaks.count(tok(after).lower) && tok(after).lower != "and") {
        continue;
      }
      EmitRole(person[0], body, std::string(verb->second), k, k + 1);
    }
  }

  // "For the Harbour Party, Ann Hale said ...": she speaks for the party.
  void FindSpeakingForABody() {
    if (size() <= 5 || tok(0).lower != "for") return;
    uint32_t at = tok(1).lower == "the" ? 2 : 1;
    int body = MentionStartingAt(at);
    if (body < 0 || entity_of(body).type != EntityType::kOrganization || mention(body).last >= size() ||
        tok(mention(body).last).lower != ",") {
      return;
    }
    int person = MentionStartingAt(mention(body).last + 1);
    if (person >= 0 && entity_of(person).type == EntityType::kPerson) EmitRole(person, body, "member", 0, mention(body).last);
  }

  // "Chancellor Gordon Brown" names no country, but a national office held
  // by someone the lexicon places in a country is an office of that country.
  void EmitNationalRole(int person, const TitleSpan& t, bool before_name) {
    static constexpr std::string_view kNationalOffices[] = {
        "President", "Minister", "Secretary", "Chancellor", "King",           "Queen",
        "Premier",   "Emir",     "Ambassador", "Attorney General", "Solicitor General", "Auditor General"};
    if (t.title == "Secretary-General") return;
    // "Harbour Mayor Ann Hale", "the Mayor of Lima": the city's office.
    if (t.title.find("Mayor") != std::string::npos) {
      if (int city = CityOfCivicTitle(t); city >= 0) EmitRoleTo(person, entity_of(city).key, t.title, t.first, t.last, 0.7);
      return;
    }
    // "Speaker Ann Hale": the Speaker of the story's country's lower house.
    if (before_name && (t.title == "Speaker" || t.title == "Deputy Speaker")) {
      static const std::unordered_map<std::string, std::string> kLowerHouses = {
          {"GBR", "org:house of commons"}, {"USA", "org:house of representatives"}};
      const std::string& country = entity_of(person).country.empty() ? a_.home_country : entity_of(person).country;
      if (auto house = kLowerHouses.find(country); house != kLowerHouses.end() && AddKnownEntity(house->second)) {
        EmitRoleTo(person, house->second, t.title, t.first, t.last, 0.6);
      }
      return;
    }
    if ((t.first > 0 && tok(t.first - 1).lower == "shadow") || t.title.rfind("Shadow", 0) == 0) {
      return EmitShadowRole(person, t);  // the opposition's, not the state's
    }
    // "New York attorney general Ann Hale", "Tarlin state governor": a
    // city's, region's or state's office, not the nation's.
    if (t.first > 0 && (tok(t.first - 1).lower == "state" ||
                        (MentionEndingAt(t.first) >= 0 &&
                         (entity_of(MentionEndingAt(t.first)).type == EntityType::kCity ||
                          entity_of(MentionEndingAt(t.first)).type == EntityType::kRegion)))) {
      return;
    }
    // "First Minister Ann Hale" in a British story: the head of the one
    // devolved government the article names, not the UK's.
    if (t.title == "First Minister" || t.title == "Deputy First Minister") {
      static constexpr std::string_view kDevolved[] = {"Scotland", "Wales", "Northern Ireland"};
      const std::string& country = entity_of(person).country.empty() ? a_.home_country : entity_of(person).country;
      if (country != "GBR") return;
      std::string nation;
      for (std::string_view name : kDevolved) {
        const std::string key = CanonicalKey(EntityType::kRegion, std::string(name));
        if (!a_.entity_by_key.count(key)) continue;
        if (!nation.empty()) return;
        nation = key;
      }
      if (!nation.empty()) EmitRoleTo(person, nation, t.title, t.first, t.last, 0.6);
      return;
    }
    bool national = false;
    for (std::string_view office : kNationalOffices) national = national || t.title.find(office) != std::string::npos;
    // "transport minister Ann Hale": the person's country if known, else
    // the article's own.
    std::string country = entity_of(person).country;
    // ("President Ann Hale" with no body named: the head of the article's state.)
    // (Not "Harbour Relations President Ann Hale", nor one far from where
    // the story names its country: "... President Ann Hale" of a place the
    // story names once.)
    auto home_named_close = [&] {
      const std::string here = OnlyCountryInSentence(s_);
      return here == a_.home_country || (here.empty() && s_ > 0 && OnlyCountryInSentence(s_ - 1) == a_.home_country);
    };
    const bool head_of_state = t.title == "President" && t.last == t.first + 1 && tok(t.first).capitalized &&
                               (t.first == 0 || !tok(t.first - 1).capitalized) && !a_.home_country.empty();
    if (country.empty() && before_name && (IsGovernmentOffice(t.title) || (head_of_state && home_named_close()))) {
      country = a_.home_country;
    }
    // A story about several countries has no home country; "Peru may lose
    // ..., according to tourism minister Ann Hale": the one country the
    // sentence names.
    if (country.empty() && before_name && IsGovernmentOffice(t.title)) country = OnlyCountryInSentence(s_);
    if (!national || country.empty()) return;
    if (!AddKnownEntity("country:" + country)) return;
    EmitRoleTo(person, "country:" + country, t.title, t.first, t.last, 0.7);
  }

  // The city named right before title t ("London mayor", "Lima's mayor")
  // or after it ("mayor of Lima"); -1 if none.
  int CityOfCivicTitle(const TitleSpan& t) const {
    uint32_t before = t.first;
    if (before > 0 && tok(before - 1).kind == Token::Kind::kPossessive) --before;
    if (int m = MentionEndingAt(before); m >= 0 && entity_of(m).type == EntityType::kCity) return m;
    uint32_t after = t.last;
    if (after + 1 < size() && tok(after).lower == "of") {
      ++after;
      if (tok(after).lower == "the") ++after;
      if (int m = MentionStartingAt(after); m >= 0 && entity_of(m).type == EntityType::kCity) return m;
    }
    return -1;
  }

  // The code of the one country sentence `s` names; "" if none or several.
  std::string OnlyCountryInSentence(size_t s) const {
    std::string country;
    for (const Mention& m : a_.sentences[s].mentions) {
      if (m.kind == Mention::Kind::kPronoun || m.entity < 0) continue;
      const Entity& e = a_.entities[m.entity];
      if (e.type != EntityType::kCountry || e.country.empty()) continue;
      if (!country.empty() && country != e.country) return "";
      country = e.country;
    }
    return country;
  }

  // A political party: an organisation named as one ("Labour Party",
  // "Liberal Democrats").
  bool IsParty(int m) const {
    const Entity& e = entity_of(m);
    return e.type == EntityType::kOrganization &&
           (e.name.find("Party") != std::string::npos || e.name == "Liberal Democrats");
  }
  // The key of the one party named before token `first` in this sentence
  // or the two before; "" if none or several (then `several` is set:
  // "Labour's poster of the shadow chancellor" in a Tory story is unclear).
  std::string PartyNamedShortlyBefore(uint32_t first, bool* several = nullptr, size_t sentences_back = 2) const {
    std::string party;
    for (size_t back = s_ + 1; back-- > 0 && s_ - back <= sentences_back;) {
      for (const Mention& m : a_.sentences[back].mentions) {
        if ((back == s_ && m.first >= first) || m.kind == Mention::Kind::kPronoun) continue;
        const Entity& e = a_.entities[m.entity];
        // (By "Party" in the name only: counting "Liberal Democrats" here as
        // IsParty does cost gold-second recall, 0.586 -> 0.569, as a Lib Dem
        // mention nearby then makes a shadow office ambiguous.)
        if (e.type != EntityType::kOrganization || e.name.find("Party") == std::string::npos) continue;
        if (!party.empty() && party != e.key) {
          if (several) *several = true;
          return "";
        }
        party = e.key;
      }
    }
    return party;
  }

  // "Peru is led by its president Ann Hale", "action against the
  // firm and its founder Ian Reid": the nearest body or country before, in
  // the sentence, else the one the sentence before names.
  bool EmitItsRole(int person, const TitleSpan& t) {
    // ("its then chief executive", "its highly successful boss".)
    uint32_t j = t.first;
    for (int skipped = 0; j > 0 && skipped < 2 && sa_->mention_at[j - 1] < 0 && IsModifierWord(tok(j - 1)) &&
                          tok(j - 1).lower != "its" && !IsVerbLike(j - 1);
         ++skipped) {
      --j;
    }
    if (j == 0 || tok(j - 1).lower != "its") return false;
    auto is_body = [&](const Mention& m) {
      if (m.kind == Mention::Kind::kPronoun || m.entity < 0) return false;
      const EntityType type = a_.entities[m.entity].type;
      return type == EntityType::kOrganization || type == EntityType::kCountry;
    };
    int owner = -1;
    for (const Mention& m : sa_->mentions) {
      if (m.last <= t.first && is_body(m) && m.kind != Mention::Kind::kDemonym) owner = m.entity;
    }
    if (owner < 0 && s_ > 0) {
      for (const Mention& m : a_.sentences[s_ - 1].mentions) {
        if (!is_body(m)) continue;
        if (owner >= 0 && owner != m.entity) return false;
        owner = m.entity;
      }
    }
    return owner >= 0 && EmitRoleTo(person, a_.entities[owner].key, t.title, t.first, t.last, 0.5);
  }

  // "Chief executive Ann Hale said": in a story about one firm, a firm's
  // post with no body named is that firm's. The firm leads the article's
  // organisations (named three times or more, twice as often as any
  // other), is no national body, and was named before.
  bool EmitLeadingFirmRole(int person, const TitleSpan& t) {
    static const WordSet kFirmPosts = {"Chief Executive", "Chief Executive Officer", "Chairman", "Chairwoman",
                                       "Chief Financial Officer", "Chief Operating Officer", "Managing Director",
                                       "Finance Director"};
    if (!kFirmPosts.count(t.title)) return false;
    if (t.last < size() && kRolePreps.count(tok(t.last).lower)) return false;  // "chairman of X"
    if (AffiliationAfter(mention(person).last) >= 0) return false;
    // "its chairman", "former NatWest chief executive": some other body's.
    uint32_t j = t.first;
    while (j > 0 && IsModifierWord(tok(j - 1)) && tok(j - 1).lower != "its" && tok(j - 1).lower != "their") --j;
    if (j > 0 && ((tok(j - 1).capitalized && tok(j - 1).IsWord() && !StartsSentenceAt(j - 1)) ||
                  tok(j - 1).lower == "its" || tok(j - 1).lower == "their")) {
      return false;
    }
    const int firm = LeadingFirm();
    if (firm < 0) return false;
    // The organisation named last before the title must be the firm
    // ("... Harbour Net ... chief executive Ann Hale" is Harbour Net's).
    int last_named = -1;
    for (size_t s = 0; s <= s_ && last_named < 0; ++s) {
      const auto& mentions = a_.sentences[s_ - s].mentions;
      for (size_t k = mentions.size(); k-- > 0 && last_named < 0;) {
        const Mention& m = mentions[k];
        if (s == 0 && m.first >= t.first) continue;
        if (m.entity >= 0 && a_.entities[m.entity].type == EntityType::kOrganization) last_named = m.entity;
      }
    }
    return last_named == firm && EmitRoleTo(person, a_.entities[firm].key, t.title, t.first, t.last, 0.4);
  }

  // The organisation the article is about, by LeadingFirmRole's test; -1 if none.
  int LeadingFirm() {
    if (leading_firm_ != -2) return leading_firm_;
    std::unordered_map<int, int> named;
    for (const SentenceAnalysis& sa : a_.sentences) {
      for (const Mention& m : sa.mentions) {
        if (m.entity >= 0 && m.kind == Mention::Kind::kName &&
            a_.entities[m.entity].type == EntityType::kOrganization) {
          ++named[m.entity];
        }
      }
    }
    int best = -1, first = 0, second = 0;
    for (const auto& [entity, n] : named) {
      if (n > first || (n == first && entity < best)) {
        second = first;
        first = n;
        best = entity;
      } else if (n > second) {
        second = n;
      }
    }
    leading_firm_ = best >= 0 && first >= 3 && first >= 2 * second && a_.entities[best].country.empty() ? best : -1;
    return leading_firm_;
  }

  // "Party leader Ann Hale said": the leader of the party named shortly before.
  bool EmitPartyLeaderRole(int person, const TitleSpan& t) {
    if (t.title != "Party Leader") return false;
    const std::string party = PartyNamedShortlyBefore(t.first);
    return !party.empty() && EmitRoleTo(person, party, "Leader", t.first, t.last, 0.5);
  }

  // "The Conservatives have called for ... Ann Hale, shadow secretary
  // for the family": a shadow office is held in the opposition party named
  // shortly before (in this sentence or the two before), when only one is.
  void EmitShadowRole(int person, const TitleSpan& t) {
    opposition_voices_.insert(entity_of(person).key);
    auto emit = [&](const std::string& party, double confidence) {
      if (!AddKnownEntity(party)) return false;
      EmitRoleTo(person, party, t.title, t.first, t.last, confidence);
      return true;
    };
    // The person's own party, if the table of offices knows it.
    if (const std::string own = OwnParty(entity_of(person).key); !own.empty() && emit(own, 0.6)) return;
    // The one party named shortly before.
    bool several = false;
    if (const std::string party = PartyNamedShortlyBefore(t.first, &several); !several && !party.empty()) {
      emit(party, 0.5);
      return;
    }
    // The party in opposition at the article's time, if the table knows.
    if (const std::string opposition = OppositionParty(a_.home_country, entity_of(person).key);
        !opposition.empty() && emit(opposition, 0.5)) {
      return;
    }
    if (several) return;
    // No party named nearby: the one party the article named before, if
    // only one; else a shadow office of the article's own country's
    // parliament ("Shadow Foreign Secretary Ann Hale" in a British story).
    bool any_other = false;
    if (std::string earlier = PartyNamedShortlyBefore(t.first, &any_other, s_); !earlier.empty()) {
      EmitRoleTo(person, earlier, t.title, t.first, t.last, 0.4);
      return;
    }
    if (a_.home_country.empty() || !IsGovernmentOffice(t.title)) return;
    if (!AddKnownEntity("country:" + a_.home_country)) return;
    EmitRoleTo(person, "country:" + a_.home_country, t.title, t.first, t.last, 0.4);
  }

  // The one party the table of offices ties `person` (a canonical key) to,
  // as leader or member; "" if none or several.
  std::string OwnParty(const std::string& person) const {
    std::string party;
    auto [tie, end] = rules_.party_ties_by_person.equal_range(person);
    for (; tie != end; ++tie) {
      if (!party.empty() && party != tie->second.body) return "";
      party = tie->second.body;
    }
    return party;
  }

  // The party whose leader led the opposition in the article's country at
  // its date. Undated, in the terms of the offices the article's other
  // people held (a story naming Tony Blair, prime minister 1997-2007, has
  // Conservative shadow ministers); with no home country, the country of
  // those offices. `person` (a canonical key) is the shadow minister, whose
  // own later offices say nothing. "" when unknown or not one party.
  std::string OppositionParty(std::string country, const std::string& person) const {
    static constexpr std::string_view kLeaderOfTheOpposition = "Leader of the Opposition";
    const std::string& date = a_.article ? a_.article->date : std::string();
    std::vector<const KnownOffice*> era;  // undated: offices the article's people held
    if (date.empty()) {
      for (const auto& [title, o] : rules_.offices_by_title) {
        if (title == kLeaderOfTheOpposition || (!country.empty() && o.body != country)) continue;
        const std::string key = CanonicalKey(EntityType::kPerson, o.person);
        if (key == person || !a_.entity_by_key.count(key)) continue;
        if (country.empty() && o.body.size() != 3) continue;  // a country's office, not a body's
        era.push_back(&o);
      }
      if (era.empty()) return "";
    }
    auto overlaps = [](const KnownOffice& a, const KnownOffice& b) {
      return (b.to.empty() || a.from < b.to) && (a.to.empty() || b.from < a.to);
    };
    std::string party;
    auto [begin, end] = rules_.offices_by_title.equal_range(std::string(kLeaderOfTheOpposition));
    for (auto it = begin; it != end; ++it) {
      const KnownOffice& leader = it->second;
      if (!country.empty() && leader.body != country) continue;
      const bool in_time = date.empty() ? std::any_of(era.begin(), era.end(),
                                                      [&](const KnownOffice* o) {
                                                        return o->body == leader.body && overlaps(leader, *o);
                                                      })
                                        : leader.HeldOn(date);
      if (!in_time) continue;
      auto [tie, ties_end] = rules_.party_ties_by_person.equal_range(CanonicalKey(EntityType::kPerson, leader.person));
      for (; tie != ties_end; ++tie) {
        if (tie->second.title != "Leader" || !overlaps(tie->second, leader)) continue;
        if (!party.empty() && party != tie->second.body) return "";
        party = tie->second.body;
      }
    }
    return party;
  }

  // The organisation or country qualifying a title: "NATO Secretary-General",
  // "Russia's President", "EU foreign policy chief"; for "Britain's Europe
  // Director" the possessor, not the region of the portfolio.
  int AffiliationBefore(uint32_t first) const {
    uint32_t j = first;
    // (Not into a name: "UN security council president".)
    for (int skipped = 0; j > 0 && skipped < 3 && sa_->mention_at[j - 1] < 0 && IsModifierWord(tok(j - 1)) &&
                          !IsVerbLike(j - 1);
         ++skipped) {
      --j;
    }
    bool possessed = false;
    if (j > 0 && tok(j - 1).kind == Token::Kind::kPossessive) {
      --j;
      possessed = true;
    }
    int m = MentionEndingAt(j);
    // "His lawyer Ann Hale", "Putin's spokesman": the person served.
    if (m >= 0 && entity_of(m).type == EntityType::kPerson && (possessed || IsPossessor(m))) return m;
    // "BBC Delhi reporter", "Quorvik Bank Tokyo analyst": the body before
    // its office's city.
    if (m >= 0 && entity_of(m).type == EntityType::kCity && !possessed) {
      if (int body = MentionEndingAt(mention(m).first);
          body >= 0 && entity_of(body).type == EntityType::kOrganization) {
        return body;
      }
    }
    if (m < 0 || !IsAffiliation(m)) return -1;
    // ("Quorvik Bank's Peru head of sales": the owner before the country too.)
    if ((entity_of(m).type == EntityType::kRegion || entity_of(m).type == EntityType::kCountry) &&
        mention(m).first > 0 &&
        tok(mention(m).first - 1).kind == Token::Kind::kPossessive) {
      int owner = MentionEndingAt(mention(m).first - 1);
      if (owner >= 0 && IsAffiliation(owner)) return owner;
    }
    return m;
  }
  // "Ambassador Ann Hale of Iceland", "President Ian Reid of the Harbour
  // Board": the body after the titled name.
  // "analyst Ann Hale at Quorvik Bank" too, for a post that is no state
  // office ("Foreign Minister Ian Reid at the UN" speaks there).
  int AffiliationOfAfterName(int person, const std::string& title) const {
    uint32_t j = mention(person).last;
    if (j + 1 >= size()) return -1;
    const bool at = tok(j).lower == "at" && !IsGovernmentOffice(title) && title.find("President") == std::string::npos &&
                    title.find("Ambassador") == std::string::npos && title.find("Leader") == std::string::npos;
    if (tok(j).lower != "of" && !at) return -1;
    ++j;
    if (tok(j).lower == "the") ++j;
    int m = MentionStartingAt(j);
    if (m < 0 || !IsAffiliation(m) || IsModifier(m) || IsPossessor(m)) return -1;
    return m;
  }
  // "analyst at RAND Corporation"; also past a phrase completing the title
  // ("adviser on energy to President Macron", "director for
  // planning at Leeds City Council"), where "to" may name the
  // person served.
  // The body after title t; not an MP's seat ("Labour MP for West
  // Harbour": the place is the constituency, EmitConstituencyRole's).
  int BodyAfterTitle(const TitleSpan& t) const {
    if (IsMemberForASeat(t) && t.last < size() && tok(t.last).lower == "for") return -1;
    int body = AffiliationAfter(t.last);
    // "president and managing director of Quorvik": the body after the second
    // office is the first's too (not a profession's: "a lawyer and
    // treasurer of the Harbour League").
    static const WordSet kProfessions = {"lawyer",  "barrister", "solicitor", "analyst",    "economist",
                                         "journalist", "writer", "author",    "consultant", "academic",
                                         "professor",  "doctor", "historian", "strategist", "commentator",
                                         "broadcaster", "businessman", "businesswoman", "campaigner"};
    if (body < 0 && t.last + 1 < size() && tok(t.last).lower == "and" && !kProfessions.count(tok(t.last - 1).lower)) {
      if (int next = sa_->title_at[t.last + 1]; next >= 0 && sa_->titles[next].first == t.last + 1) {
        body = AffiliationAfter(sa_->titles[next].last);
      }
    }
    return body;
  }
  // A government office written with capitals, right after the comma of
  // an apposition ("Ann Hale, Home Secretary,"; not "a former minister").
  bool IsCapitalisedStateOffice(const TitleSpan& t) const {
    return IsGovernmentOffice(t.title) && tok(t.first).capitalized && t.first > 0 &&
           (tok(t.first - 1).lower == "," || tok(t.first - 1).lower == "the");
  }
  bool NoVerbBetween(uint32_t from, uint32_t to) const {
    for (uint32_t j = from; j < to; ++j) {
      if (IsVerbLike(j) || IsAttributionWord(j)) return false;
    }
    return true;
  }
  static bool IsMemberForASeat(const TitleSpan& t) { return t.title == "MP" || t.title == "MEP"; }
  // "East Midlands MEP Ann Hale": the place before a member's title is the
  // seat, not the body.
  bool IsSeatBefore(const TitleSpan& t, int org) const {
    const EntityType type = entity_of(org).type;
    return IsMemberForASeat(t) && (type == EntityType::kRegion || type == EntityType::kCity);
  }
  int AffiliationAfter(uint32_t last) const {
    // "vice-president, health, at Quorvik": past a portfolio between commas.
    if (last + 3 < size() && tok(last).lower == ",") {
      uint32_t j = last + 1;
      while (j < size() && j <= last + 3 && IsModifierWord(tok(j)) && !kPrepositions.count(tok(j).lower)) ++j;
      if (j > last + 1 && j + 1 < size() && tok(j).lower == "," && kRolePreps.count(tok(j + 1).lower)) last = j + 1;
    }
    for (uint32_t j = last, hops = 0; j < size() && j <= last + 7 && hops < 3; ++hops) {
      if (!kPrepositions.count(tok(j).lower)) return -1;
      bool affiliating = kRolePreps.count(tok(j).lower) > 0;  // "adviser on energy": a topic, not a body
      uint32_t k = j + 1;
      if (k < size() && tok(k).lower == "the") ++k;
      if (k < size() && sa_->title_at[k] >= 0 && tok(j).lower == "to") k = sa_->titles[sa_->title_at[k]].last;
      int m = MentionStartingAt(k);
      // "chairman of the organisation": a description that takes in "the".
      if (m < 0 && j + 1 < size() && tok(j + 1).lower == "the") m = MentionStartingAt(j + 1);
      // "head of research for Latin American bond markets at Quorvik": a
      // demonym describing the portfolio names no body.
      if (m >= 0 && mention(m).kind == Mention::Kind::kDemonym && ModifiesNoun(m)) {
        k = mention(m).last;
        m = -1;
      }
      // "the US national security council": the head is the last of the chain
      // (a body after its place; not a place after a body, "Harbour Watch
      // Peru").
      while (m >= 0 && MentionStartingAt(mention(m).last) >= 0 &&
             entity_of(MentionStartingAt(mention(m).last)).type == EntityType::kOrganization) {
        m = MentionStartingAt(mention(m).last);
      }
      // "head of Trade Policy at Quorvik Aid": a portfolio, then the body.
      // (Not "director of the Harbour Institute at Tarlin University": a
      // body's own name.)
      if (m >= 0 && tok(j).lower == "of" && mention(m).last + 1 < size() && tok(mention(m).last).lower == "at" &&
          !IsOrganizationWordOf(lex_, *tok(mention(m).last - 1).word) && !IsOrganizationWordOf(lex_, *tok(mention(m).first).word)) {
        if (int body = MentionStartingAt(mention(m).last + 1); body >= 0 && IsAffiliation(body)) return body;
      }
      if (m >= 0 && affiliating && IsAffiliation(m)) return m;
      if (m >= 0 && tok(j).lower == "to" && entity_of(m).type == EntityType::kPerson) return m;
      if (m >= 0) return -1;  // "spokesman for Europe, Ann Hale": not a body
      // Skip the phrase to the next preposition: lower-case words only, and
      // "and" between two ("professor of economics and law at ...").
      // (Never past another office: "chairman of the bench and a member of
      // the Harbour Council" is no chairman of the council.)
      j = k;
      auto office_follows = [&](uint32_t a) {
        if (a < size() && (tok(a).lower == "a" || tok(a).lower == "an" || tok(a).lower == "the")) ++a;
        return a < size() && (sa_->title_at[a] >= 0 || tok(a).lower == "member");
      };
      while (j < size() && j <= last + 7 && !kPrepositions.count(tok(j).lower) &&
             (IsModifierWord(tok(j)) ||
              (tok(j).lower == "and" && j > k && j + 1 < size() && IsModifierWord(tok(j + 1)))) &&
             !(tok(j).lower == "and" && office_follows(j + 1))) {
        ++j;
      }
      // "director of the pressure group Harbour Watch": the phrase describes the body.
      if (int d = j < size() ? MentionStartingAt(j) : -1;
          d >= 0 && affiliating && j > k && kBodyNouns.count(tok(j - 1).lower) && IsAffiliation(d)) {
        return d;
      }
      // "head of the state-owned Quorvik company": a body its kind follows.
      if (int d = j < size() ? MentionStartingAt(j) : -1;
          d >= 0 && affiliating && mention(d).last < size() && kBodyNouns.count(tok(mention(d).last).lower) &&
          entity_of(d).type == EntityType::kOrganization && IsAffiliation(d)) {
        return d;
      }
    }
    return -1;
  }
  int AppositivePerson(uint32_t title_first) const {
    uint32_t j = title_first;
    // Skip "a senior", "the Russian", "NATO's" back to the comma; also "a
    // lawyer and" before a second title.
    while (j > 0 && title_first - j <= 8 && tok(j - 1).lower != "," && !IsDash(tok(j - 1))) {
      const Token& t = tok(j - 1);
      const bool titles_joined = t.lower == "and" && j == title_first && j >= 2 && IsModifierWord(tok(j - 2));
      if (!(IsModifierWord(t) || t.kind == Token::Kind::kPossessive || sa_->mention_at[j - 1] >= 0 || titles_joined)) {
        return -1;
      }
      --j;
    }
    // ("Ann Hale - a senior analyst -": dashes too.)
    if (j == 0 || (tok(j - 1).lower != "," && !IsDash(tok(j - 1)))) return -1;
    // "Ann Hale, 58, a senior analyst": past the age.
    if (j >= 3 && tok(j - 2).kind == Token::Kind::kNumber && tok(j - 3).lower == ",") j -= 2;
    int m = MentionEndingAt(j - 1);
    return m >= 0 && entity_of(m).type == EntityType::kPerson ? m : -1;
  }

  // A city and its country, both named in the article.
  void FindLocatedIn() {
    std::unordered_set<std::string> done;
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      s_ = s;
      sa_ = &a_.sentences[s];
      toks_ = &sa_->sentence.tokens;
      for (const Mention& m : sa_->mentions) {
        const Entity& e = a_.entities[m.entity];
        if (e.type != EntityType::kCity || e.country.empty() || m.kind != Mention::Kind::kName) continue;
        std::string country = "country:" + e.country;
        if (!a_.entity_by_key.count(country) || !done.insert(e.key).second) continue;
        Relation r;
        r.source = e.key;
        r.target = country;
        r.type = "located_in";
        FillEvidence(&r.evidence, m.first, m.last, 0.9);
        out_.push_back(std::move(r));
      }
    }
  }

  const Lexicon& lex_;
  const Rules& rules_;
  Analysis& a_;
  std::vector<Relation>& out_;
  size_t s_ = 0;
  const SentenceAnalysis* sa_ = nullptr;
  const std::vector<Token>* toks_ = nullptr;
  int speaker_ = -1;
  // Offices named with their body but no holder ("a spokesman for X"):
  // title -> the body's key and the sentence it was named in.
  struct UnnamedOffice {
    std::string key;
    size_t sentence = 0;
  };
  std::unordered_map<std::string, UnnamedOffice> unnamed_office_;
  // Reactions waiting for the article's main actor (ResolveReactions).
  struct Reaction {
    Relation relation;
    bool government = false;
    bool open_question = false;  // "whether the minister approved the scheme"
  };
  std::vector<Reaction> reactions_;
  // Who the article says owns its plans, policies and decisions
  // (FindPlanOwners): entity key -> cues, and the order first seen.
  std::unordered_map<std::string, int> plan_owner_cues_;
  std::unordered_map<std::string, int> plan_owner_order_;
  std::unordered_set<int> cities_acting_;  // city entities AgentKey read as their country
  std::unordered_set<std::string> opposition_voices_;
  int leading_firm_ = -2;  // LeadingFirm(), once computed  // people holding a shadow office
  // Speech verbs of the sentence: token and the modality they lend.
  std::vector<std::pair<uint32_t, Modality>> attribution_at_;
};

}  // namespace

void FindRelations(const Lexicon& lexicon, const Rules& rules, Analysis* analysis,
                   std::vector<Relation>* relations) {
  RelationFinder(lexicon, rules, analysis, relations).Run();
}

}  // namespace kg
