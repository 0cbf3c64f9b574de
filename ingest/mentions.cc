// Finding actor mentions: lexicon names, demonyms, titles, unknown
// capitalised names typed by context, surnames and pronouns resolved to
// people named earlier in the article.

#include <algorithm>
#include <array>
#include <unordered_set>

#include "ingest/analysis.h"
#include "ingest/word_facts.h"
#include "ingest/word_set.h"

namespace kg {
namespace {

// Words that may stand before a name inside a noun phrase ("the Harbour
// Gazette newspaper", "its Quorvik unit").
const WordSet kNameDeterminers = {"the", "its", "their", "his", "her", "this", "that", "our", "whose"};
const WordSet kDaysAndMonths = {
    "monday",  "tuesday",  "wednesday", "thursday", "friday",   "saturday", "sunday",
    "january", "february", "march",     "april",    "may",      "june",     "july",
    "august",  "september", "october",  "november", "december"};
const WordSet kMonths = {"january", "february", "march",   "april",    "june",    "july",
                         "august",  "september", "october", "november", "december"};
const WordSet kPersonPronouns = {"he", "she", "him", "his", "her"};
const WordSet kCompassWords = {"west", "east", "north", "south"};
// Lower-case particles inside personal names.
const WordSet kNameParticles = {"bin", "ibn", "van", "von", "der", "den",
                                                             "da", "di", "du", "la", "le", "ter"};
// Words that may join capitalised words inside an organisation's name.
const WordSet kNameConnectors = {"of", "for", "on", "and", "de"};
// Words that end a lower-case name run ("Chilean copper in exchange").
const WordSet kFunctionWords = {
    "in", "of", "for", "to", "with", "on", "at", "by", "from", "and", "or", "the", "a", "an",
    "that", "which", "who", "is", "was", "has", "had", "have", "said", "says", "will", "would"};
// Determiners and quantifiers that open a sentence before a capitalised noun.
const WordSet kQuantifiers = {"the", "a", "an", "this", "that", "these", "those",
                                                      "many", "some", "both", "each", "every", "most",
                                                      "more", "other", "such", "several", "all", "any",
                                                      "no", "our", "their", "its", "his", "her"};

// Lower-case nouns after a name that make it a place or a group of people
// ("Pakistan's Sindh province", "Britain's Jewish community").
const WordSet kPlaceNouns = {"province", "state",  "island", "islands", "region",    "city",
                             "town",     "port",   "district", "county", "area",     "valley",
                             "coast",    "peninsula", "community", "communities", "people", "capital"};

// Honorifics: the name that follows is a person's, but they are not offices.
// Words after which a name is a person's ("wrote Ann Hale, in Peru").
// (With the prepositions a person follows too: "won by Ann Hale, in Peru".)
const WordSet kBeforeAPersonsName = {"said", "says", "wrote", "writes", "added", "adds", "told", "explained", "according",
                              "by", "to", "with", "from", "and", "or", "as", "of", "for", "at"};
// Titles of courtesy before a surname alone ("Ms King").
const WordSet kCourtesyTitles = {"mr", "mrs", "ms", "miss", "dr"};
const WordSet kHonorifics = {"mr", "mrs", "ms", "miss", "dr", "sir", "baroness", "baron",
                                                          "dame", "lord", "lady"};

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool StartsSentence(const std::vector<Token>& tokens, uint32_t i) {
  if (i == 0) return true;
  const Token& prev = tokens[i - 1];
  return prev.kind == Token::Kind::kQuote || prev.lower == ":" || prev.lower == "(" ||
         prev.lower == "-" || prev.lower == "\u2013" || prev.lower == "\u2014";
}

bool IsNameToken(const Token& t) { return t.IsWord() && t.capitalized; }
// "al-Jibouri", "el-Sisi": a surname with its article.
bool IsArabicParticleWord(const Token& t) {
  return t.IsWord() && t.norm.size() > 3 && (t.lower.rfind("al-", 0) == 0 || t.lower.rfind("el-", 0) == 0);
}

// What a token span may be, found by the longest lexicon match at a position.
struct LexMatch {
  enum class Kind { kNone, kName, kTitle, kDemonym } kind = Kind::kNone;
  uint32_t length = 0;
  const LexiconEntry* entry = nullptr;
  std::string_view title;  // the lexicon's canonical title (it lives as long as the lexicon)
};

// A known country, city or region ("the Netherlands").
bool NamesAPlace(const LexMatch& match) {
  if (match.kind != LexMatch::Kind::kName || match.entry == nullptr) return false;
  const EntityType type = match.entry->type;
  return type == EntityType::kCountry || type == EntityType::kCity || type == EntityType::kRegion;
}

class MentionFinder {
 public:
  MentionFinder(const Lexicon& lexicon, const Rules& rules, Analysis* analysis)
      : lexicon_(lexicon), rules_(rules), a_(*analysis) {}

  void Run() {
    for (size_t s = 0; s < a_.sentences.size(); ++s) ScanSentence(s);
    MergeAcronyms();
    ResolveSingleNames();
    IndexAll();
    ResolveDescriptions();
    IndexAll();
    ResolveAnaphors();
    IndexAll();  // pronouns look back in order
    ResolvePronouns();
    ResolveItAfterSpeech();
    IndexAll();
    ResolvePairs();
    IndexAll();
    DropUnmentionedEntities();
    HomeCountryCode();  // for offices named without their country
  }

 private:
  // A capitalised single word whose identity depends on the rest of the
  // article (a surname, "Kim", "Mr Blair").
  struct Pending {
    size_t sentence;
    uint32_t first, last;
    bool titled;  // preceded by a title or honorific: surely a person
    const LexiconEntry* known = nullptr;  // the lexicon's person of that name
    bool honorific = false;               // "Mr", "Lady": a person whatever the word
  };

  static bool IsBareSurname(const LexMatch& m) {
    return m.kind == LexMatch::Kind::kName && m.length == 1 && m.entry->type == EntityType::kPerson;
  }

  // (The test for the many words that start no name, title or demonym is
  // here, where it inlines into the callers.)
  LexMatch Match(const std::vector<Token>& tokens, uint32_t i) const {
    if (MaxPhraseTokensOf(lexicon_, *tokens[i].word) == 0) return {};  // (a prvalue: no LexMatch is moved)
    return MatchPhrases(tokens, i);
  }

  LexMatch MatchPhrases(const std::vector<Token>& tokens, uint32_t i) const {
    const Token& t = tokens[i];
    size_t longest = MaxPhraseTokensOf(lexicon_, *t.word);
    uint32_t max_len = static_cast<uint32_t>(std::min<size_t>(longest, tokens.size() - i));
    // The phrase of k + 1 tokens is phrase_text_[0, phrase_end[k]), joined
    // only when asked for: most lookups are of one word or two, whose
    // answers their Words keep.
    std::array<size_t, 12> phrase_end;
    uint32_t joined = 0;
    auto phrases = [&](uint32_t k) {
      for (; joined <= k; ++joined) {
        if (joined > 0) phrase_text_ += ' ';
        phrase_text_ += tokens[i + joined].norm;
        phrase_end[joined] = phrase_text_.size();
      }
      return std::string_view(phrase_text_.data(), phrase_end[k]);
    };
    max_len = std::min<uint32_t>(max_len, phrase_end.size());
    phrase_text_.clear();
    uint32_t n = 0;
    for (uint32_t k = 0; k < max_len; ++k) {
      const Token& tk = tokens[i + k];
      bool joinable = tk.IsWord() || tk.kind == Token::Kind::kNumber ||
                      (k > 0 && (tk.lower == "&" || tk.lower == "-"));
      if (!joinable) break;
      // Neither it nor a longer phrase can match: stop. (Two words, the most
      // asked, by their Words; longer phrases by their text.)
      if (k == 1 && !MayStartPhraseOf(lexicon_, *t.word, *tk.word)) break;
      if (k > 1 && !lexicon_.MayStartPhrase(phrases(k))) break;
      n = k + 1;
    }
    for (uint32_t len = n; len >= 1; --len) {
      if (!tokens[i + len - 1].IsWord() && tokens[i + len - 1].kind != Token::Kind::kNumber) continue;
      const std::string_view phrase = len >= 2 ? phrases(len - 1) : std::string_view();
      // Names start at a capital, or are multi-word ("national security
      // council"), but never at an article: "the US" is the mention "US".
      // (The phrase of one word: the answers its Word keeps.)
      if (t.capitalized || (len >= 2 && t.lower != "the" && t.lower != "a")) {
        if (const LexiconEntry* e = len == 1 ? NameOf(lexicon_, *t.word) : lexicon_.FindName(phrase)) {
          // "West Bromwich", "East Ham": a compass word the lexicon knows as
          // a region ("the West") starts a longer name it does not know.
          if (len == 1 && e->type == EntityType::kRegion && kCompassWords.count(t.lower) && i + 1 < tokens.size() &&
              IsNameToken(tokens[i + 1]) && !tokens[i + 1].all_caps && Match(tokens, i + 1).kind == LexMatch::Kind::kNone &&
              (i + 2 >= tokens.size() || !IsNameToken(tokens[i + 2])) && (i == 0 || !kCompassWords.count(tokens[i - 1].lower))) {
            continue;
          }
          // "President Xi Jinping": the title, then the full name, rather
          // than the lexicon's short form "President Xi".
          if (e->type == EntityType::kPerson && len >= 2) {
            std::string_view title = TitleOf(lexicon_, *t.word);
            if (!title.empty() && i + len < tokens.size() && IsNameToken(tokens[i + len])) {
              return {LexMatch::Kind::kTitle, 1, nullptr, title};
            }
          }
          return {LexMatch::Kind::kName, len, e, {}};
        }
      }
      std::string_view title = len == 1 ? TitleOf(lexicon_, *t.word) : lexicon_.FindTitle(phrase);
      // "the first major Andean state", "a private company": ranks that are
      // also ordinary adjectives are titles only when capitalised.
      static const WordSet kAdjectivalRanks = {"major", "general", "private", "count", "marshal"};
      if (!title.empty() && len == 1 && !t.capitalized && kAdjectivalRanks.count(t.lower)) title = {};
      if (!title.empty()) return {LexMatch::Kind::kTitle, len, nullptr, title};
      if (t.capitalized) {
        if (const LexiconEntry* e = len == 1 ? DemonymOf(lexicon_, *t.word) : lexicon_.FindDemonym(phrase)) {
          return {LexMatch::Kind::kDemonym, len, e, {}};
        }
      }
    }
    return {};
  }

  void AddMention(size_t s, uint32_t first, uint32_t last, int entity, Mention::Kind kind) {
    std::vector<Mention>& mentions = a_.sentences[s].mentions;
    if (mentions.capacity() == 0) mentions.reserve(4);  // a sentence has a few: one allocation, not three
    mentions.push_back({first, last, entity, kind});
  }

  int AddFromEntry(const LexiconEntry& e, const std::string& surface) {
    return a_.AddEntity(e.key, e.name, e.type, e.country, surface);
  }

  bool TitleEndsAt(size_t s, uint32_t i) const {
    const auto& titles = a_.sentences[s].titles;
    return !titles.empty() && titles.back().last == i;
  }

  void ScanSentence(size_t s) {
    const std::vector<Token>& tokens = a_.sentences[s].sentence.tokens;
    uint32_t i = 0;
    const uint32_t n = static_cast<uint32_t>(tokens.size());
    while (i < n) {
      const Token& t = tokens[i];
      if (!t.IsWord()) {
        ++i;
        continue;
      }
      LexMatch m = Match(tokens, i);
      if (m.kind == LexMatch::Kind::kNone) {
        if (uint32_t end = ScanAirline(s, i); end > i) {
          i = end;
          continue;
        }
      }
      if (IsBareSurname(m) && i + 1 < n && IsNameToken(tokens[i + 1]) &&
          Match(tokens, i + 1).kind == LexMatch::Kind::kNone && !IsOrganizationWordOf(lexicon_, *tokens[i + 1].word) &&
          !rules_.facility_words.count(tokens[i + 1].norm) && !rules_.region_words.count(tokens[i + 1].norm)) {
        // "Putin Alvarez": a name of its own that starts with a known surname.
        i = ScanCapitalisedRun(s, i);
        continue;
      }
      // "MP for Bolton West": a place with its compass word, not a surname.
      if (IsBareSurname(m) && i + 1 < tokens.size() && IsNameToken(tokens[i + 1]) &&
          kCompassWords.count(tokens[i + 1].lower) && !TitleEndsAt(s, i) &&
          !(i + 2 < tokens.size() && tokens[i + 2].capitalized) && SeatCueAround(tokens, i, i + 2)) {
        i = ScanCapitalisedRun(s, i);
        continue;
      }
      if (IsBareSurname(m)) {
        // "Bennett" may be the article's Bruce Bennett, not the lexicon's.
        pending_.push_back({s, i, i + 1, TitleEndsAt(s, i), m.entry});
        ++i;
        continue;
      }
      // "South American", "Latin American": a continent's adjective, not the US's.
      if (m.kind == LexMatch::Kind::kDemonym && m.length == 1 && i > 0 && m.entry->key == "country:USA" &&
          (tokens[i - 1].lower == "south" || tokens[i - 1].lower == "latin" || tokens[i - 1].lower == "central" ||
           tokens[i - 1].lower == "north")) {
        ++i;
        continue;
      }
      if (m.kind == LexMatch::Kind::kName || m.kind == LexMatch::Kind::kDemonym) {
        if (uint32_t end = ScanCompoundName(s, i, m); end > i) {
          i = end;
          continue;
        }
        bool demonym = m.kind == LexMatch::Kind::kDemonym;
        std::string surface = demonym ? m.entry->name : JoinTokens(tokens, i, i + m.length);
        AddMention(s, i, i + m.length, AddFromEntry(*m.entry, surface),
                   demonym ? Mention::Kind::kDemonym : Mention::Kind::kName);
        i += m.length;
        if (m.entry->type == EntityType::kCountry) i = ScanNationalBody(s, i - m.length, i, *m.entry);
        continue;
      }
      // "Labour MPs have criticised": a plural title heads a group of
      // people (the party acts), unless their names follow ("Labour MPs
      // Ann Hale and Ian Reid").
      if (m.kind == LexMatch::Kind::kTitle && m.title.back() != 's' && tokens[i + m.length - 1].lower.back() == 's' &&
          !(i + m.length < tokens.size() && IsNameToken(tokens[i + m.length]))) {
        ++i;
        continue;
      }
      // "Ms King", "Mr Bishop": a one-word title right after a courtesy
      // title, with no name after it, is a surname.
      if (m.kind == LexMatch::Kind::kTitle && m.length == 1 && i > 0 && t.capitalized &&
          kCourtesyTitles.count(tokens[i - 1].lower) && !(i + 1 < tokens.size() && IsNameToken(tokens[i + 1]))) {
        i = ScanCapitalisedRun(s, i);
        continue;
      }
      if (m.kind == LexMatch::Kind::kTitle) {
        auto& titles = a_.sentences[s].titles;
        bool honorific = kHonorifics.count(tokens[i].lower) > 0;
        if (!titles.empty() && titles.back().last == i && !honorific &&
            !kHonorifics.count(tokens[titles.back().first].lower)) {
          // "Chief" + "Minister": one compound title.
          titles.back().last = i + m.length;
          titles.back().title += ' ';
          titles.back().title += m.title;
        } else {
          titles.push_back({i, i + m.length, std::string(m.title)});
        }
        i += m.length;
        continue;
      }
      if (kPersonPronouns.count(t.lower)) {
        pronouns_.push_back({s, i});
        ++i;
        continue;
      }
      if (!t.capitalized) {
        ++i;
        continue;
      }
      i = ScanCapitalisedRun(s, i);
    }
  }

  // "Air Quorvik", "Air New Harbour": an airline, named by "Air" and the
  // place or name after it (which is no actor of its own here). Not "Air
  // Force", "Air Marshal", a known name ("Air France") or a title.
  uint32_t ScanAirline(size_t s, uint32_t i) {
    const std::vector<Token>& tokens = a_.sentences[s].sentence.tokens;
    const uint32_t n = static_cast<uint32_t>(tokens.size());
    if (tokens[i].norm != "Air" || i + 1 >= n || !IsNameToken(tokens[i + 1]) || tokens[i + 1].all_caps) return i;
    static const WordSet kNotAirlines = {"force", "forces", "marshal", "commodore", "vice", "chief", "ministry",
                                         "command", "staff", "traffic", "quality", "show", "miles"};
    uint32_t end = i + 1;
    while (end < n && end < i + 4 && IsNameToken(tokens[end]) && !tokens[end].all_caps &&
           !kNotAirlines.count(tokens[end].lower) && Match(tokens, end).kind != LexMatch::Kind::kTitle &&
           !IsOrganizationWordOf(lexicon_, *tokens[end].word) && !kDaysAndMonths.count(tokens[end].lower)) {
      ++end;
    }
    // "Air Force One", "Air Traffic Control": a longer name, unless a title follows.
    if (end == i + 1 ||
        (end < n && IsNameToken(tokens[end]) && Match(tokens, end).kind != LexMatch::Kind::kTitle)) {
      return i;
    }
    // "Air Quorvik" named for a country is that country's flag carrier.
    std::string country;
    if (LexMatch place = Match(tokens, i + 1);
        place.kind == LexMatch::Kind::kName && i + 1 + place.length == end && place.entry->type == EntityType::kCountry) {
      country = place.entry->country;
    }
    std::string name = JoinTokens(tokens, i, end);
    int e = a_.AddEntity(CanonicalKey(EntityType::kOrganization, name), name, EntityType::kOrganization, country, name);
    AddMention(s, i, end, e, Mention::Kind::kName);
    return end;
  }

  // A place or demonym that opens a longer name: "British Council", "Cardiff
  // University", "Bank of England" is found by the lexicon, these are not.
  // Returns the index after the compound, or `i` when there is none.
  uint32_t ScanCompoundName(size_t s, uint32_t i, const LexMatch& m) {
    if (m.entry->type == EntityType::kPerson) return i;
    const std::vector<Token>& tokens = a_.sentences[s].sentence.tokens;
    const uint32_t n = static_cast<uint32_t>(tokens.size());
    if (m.entry->type == EntityType::kOrganization) {
      // "Barclays Capital", "Sony Pictures", "Mitsubishi Motors": a known
      // firm's arm, named by the firm and a word such arms are named with.
      static const WordSet kArms = {"capital", "securities", "group", "pictures", "motors", "markets",
                                    "holdings", "wholesale", "retail", "consumer", "entertainment",
                                    "energy", "airlines", "global", "financial", "investments", "asset",
                                    "electronics", "networks", "music", "records", "studios", "universal",
                                    "mobile", "telecom", "steel", "chemicals", "pharmaceuticals", "petroleum"};
      uint32_t end = i + m.length;
      if (end >= n || !IsNameToken(tokens[end]) || !kArms.count(tokens[end].lower)) return i;
      ++end;
      // ("Citigroup Global Markets": one more capitalised word no lexicon knows.)
      if (end < n && IsNameToken(tokens[end]) && !tokens[end].all_caps && Match(tokens, end).kind == LexMatch::Kind::kNone &&
          !IsGivenNameOf(lexicon_, *tokens[end].word) && !kDaysAndMonths.count(tokens[end].lower)) {
        ++end;
      }
      std::string name = JoinTokens(tokens, i, end);
      int e = a_.AddEntity(CanonicalKey(EntityType::kOrganization, name), name, EntityType::kOrganization,
                           m.entry->country, name);
      AddMention(s, i, end, e, Mention::Kind::kName);
      return end;
    }
    // The capitalised run after the place, joined by "of"/"for" ("European
    // Court of Auditors"); it names an organisation or facility when one of
    // its words is a head word.
    uint32_t j = i + m.length, end = j;
    bool org = false, facility = false;
    for (uint32_t k = j; k < n && k < j + 6; ++k) {
      const Token& t = tokens[k];
      if (!IsNameToken(t)) {
        if ((t.lower == "of" || t.lower == "for") && k > j && k + 1 < n && IsNameToken(tokens[k + 1])) continue;
        // "Welsh Arts and Crafts Centre"; but "British Airways
        // and Spain", "British Bankers Association and ..." are two names.
        if (t.lower == "and" && k > j && k + 1 < n && IsNameToken(tokens[k + 1]) &&
            !IsOrganizationWordOf(lexicon_, *tokens[k - 1].word) && !IsFacilityWordOf(lexicon_, *tokens[k - 1].word) &&
            Match(tokens, k + 1).kind == LexMatch::Kind::kNone) {
          continue;
        }
        break;
      }
      LexMatch inner = Match(tokens, k);
      if (inner.kind == LexMatch::Kind::kTitle) break;  // "British Prime Minister"
      org = org || IsOrganizationWordOf(lexicon_, *t.word);
      facility = facility || IsFacilityWordOf(lexicon_, *t.word) || rules_.facility_words.count(t.norm);
      end = k + 1;
    }
    // "Leeds Central", "Hull North": a city's district or constituency.
    bool district = false;
    if (!(org || facility) && m.entry->type == EntityType::kCity && end > j) {
      static const WordSet kCompass = {"north", "south", "east", "west", "central", "north-west", "north-east",
                                       "south-west", "south-east"};
      district = true;
      for (uint32_t k = j; k < end; ++k) district = district && kCompass.count(tokens[k].lower);
    }
    if (end == j || !(org || facility || district)) return i;
    uint32_t head = end;
    if (facility && IsInstitutionCentre(tokens, i, head)) org = true;  // "Peruvian Policy Centre"
    EntityType type = org ? EntityType::kOrganization : facility ? EntityType::kFacility : EntityType::kRegion;
    std::string name = JoinTokens(tokens, i, head);
    int e = a_.AddEntity(CanonicalKey(type, name), name, type, m.entry->country, name);
    AddMention(s, i, head, e, Mention::Kind::kName);
    return head;
  }

  // A country's body named in lower case after it: "the US national
  // security council", "Russia's foreign ministry". Returns the index after
  // it (or `end` when there is none). Words that mean the state itself
  // ("government", "authorities") or a whole sector ("media") leave the
  // country as the actor.
  uint32_t ScanNationalBody(size_t s, uint32_t first, uint32_t end, const LexiconEntry& country) {
    static const WordSet kTheStateItself = {
        "government", "administration", "authorities", "officials", "state", "regime", "military",
        "forces", "army", "people", "leadership", "side", "delegation", "media", "press",
        "television", "newspapers", "outlets", "firms", "companies", "banks"};
    // Heads that name a public body; "American oil company" is no actor.
    static const WordSet kBodyHeads = {
        "council", "ministry", "agency", "department", "parliament", "assembly", "committee",
        "commission", "court", "office", "service", "senate", "congress", "cabinet", "embassy",
        "navy", "coastguard", "bank", "treasury", "delegation"};
    const std::vector<Token>& tokens = a_.sentences[s].sentence.tokens;
    uint32_t j = end;
    if (j < tokens.size() && tokens[j].kind == Token::Kind::kPossessive) ++j;
    uint32_t start = j;
    while (j < tokens.size() && j - start < 4 && tokens[j].IsWord() && !tokens[j].capitalized &&
           !kFunctionWords.count(tokens[j].lower)) {
      ++j;
    }
    // The longest lower-case run ending in a body's head word.
    uint32_t head = j;
    while (head > start && !kBodyHeads.count(tokens[head - 1].lower)) --head;
    if (head == start || kTheStateItself.count(tokens[head - 1].lower)) return end;
    // "Britain's first cabinet minister": an office, not the cabinet.
    if (tokens[head - 1].lower == "cabinet" && head < tokens.size() &&
        (tokens[head].lower == "minister" || tokens[head].lower == "ministers" || tokens[head].lower == "member")) {
      return end;
    }
    // "state news agency RIA": the name that follows is the organisation.
    if (head < tokens.size() && tokens[head].capitalized) return end;
    std::string phrase = JoinTokens(tokens, start, head);
    const LexiconEntry* known = lexicon_.FindName(TitleCase(phrase));
    int e;
    if (known && known->type == EntityType::kOrganization && known->country == country.country) {
      e = AddFromEntry(*known, JoinTokens(tokens, first, head));
    } else {
      std::string name = JoinTokens(tokens, first, head);
      e = a_.AddEntity(CanonicalKey(EntityType::kOrganization, name), name, EntityType::kOrganization,
                       country.country, name);
    }
    AddMention(s, start, head, e, Mention::Kind::kName);
    return head;
  }

  static std::string TitleCase(std::string text) {
    bool word_start = true;
    for (char& c : text) {
      if (word_start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      word_start = c == ' ' || c == '-';
    }
    return text;
  }

  // An unknown capitalised name starting at token i; returns the index after it.
  uint32_t ScanCapitalisedRun(size_t s, uint32_t i) {
    const std::vector<Token>& tokens = a_.sentences[s].sentence.tokens;
    const uint32_t n = static_cast<uint32_t>(tokens.size());
    uint32_t first = i;
    // A capitalised ordinary word opening a sentence is not a name.
    while (first < n && IsNameToken(tokens[first]) && StartsSentence(tokens, first) &&
           IsCommonWordOf(lexicon_, *tokens[first].word) && !IsGivenNameOf(lexicon_, *tokens[first].word) &&
           // "Learning Network executive director ...": the name's own first word.
           // "Capital Economics said": an organisation word ending a two-word name.
           // ("Harbour Council Chief Executive Ann Hale": or before an office.)
           !(first + 1 < n && IsNameToken(tokens[first + 1]) && IsOrganizationWordOf(lexicon_, *tokens[first + 1].word) &&
             ((tokens[first].lower.size() > 5 && tokens[first].lower.ends_with("ing")) ||
              (!kQuantifiers.count(tokens[first].lower) &&
               (first + 2 >= n || Match(tokens, first + 2).kind == LexMatch::Kind::kTitle ||
                (!IsNameToken(tokens[first + 2]) && !kNameConnectors.count(tokens[first + 2].lower)))))) &&
           // "Gravel Quorvik, a strategist at ...": a name before an
           // apposition, when its second word is no ordinary word.
           !(first + 2 < n && IsNameToken(tokens[first + 1]) && !IsCommonWordOf(lexicon_, *tokens[first + 1].word) &&
             !kDaysAndMonths.count(tokens[first + 1].lower) && OfficeInAppositionAt(tokens, first + 2)) &&
           // "Commission for Harbour Safety chairman ...": a body's head word
           // joined to the rest of its name.
           !(IsOrganizationWordOf(lexicon_, *tokens[first].word) && first + 2 < n &&
             (tokens[first + 1].lower == "for" || tokens[first + 1].lower == "of") &&
             (IsNameToken(tokens[first + 2]) || tokens[first + 2].lower == "the"))) {
      ++first;
      if (first >= n || !IsNameToken(tokens[first])) return first;
      if (Match(tokens, first).kind != LexMatch::Kind::kNone) return first;
    }
    // "Former Harbourside chief Ian Reid": a word of time in office is no
    // part of the name that follows.
    static const WordSet kTimeInOffice = {"former", "then", "acting", "outgoing", "incoming", "interim", "ex"};
    if (first + 1 < n && kTimeInOffice.count(tokens[first].lower) && IsNameToken(tokens[first + 1])) return first + 1;
    // "last November Ian Reid": the month is no part of the name.
    // (Not weekdays: "Sunday Telegraph"; not "May": "Theresa May".)
    if (first + 1 < n && kMonths.count(tokens[first].lower) && IsNameToken(tokens[first + 1])) return first + 1;
    // "Madrid-based Ferrovial": a firm, named after where it is based.
    bool based = false;
    if (first + 1 < n && tokens[first].lower.ends_with("-based") && IsNameToken(tokens[first + 1])) {
      ++first;
      if (Match(tokens, first).kind != LexMatch::Kind::kNone) return first;
      based = true;
    }
    uint32_t last = first;
    uint32_t connectors = 0;
    bool place_after_head = false;  // "University of Leeds", "Palace of Westminster"
    bool joined_with_the = false;   // "Society for the Protection of Birds"
    bool joined_with_ampersand = false;  // "Quorvik & Tarlin"
    int and_count = 0;
    // "the campaign group Parents 4 Play": what precedes says organisation.
    const bool described_as_org =
        based || OrganizationDescribedBefore(tokens, first) || IntroducesPersonOrigin(s, first);
    while (last < n) {
      const Token& t = tokens[last];
      if (described_as_org && last > first && t.kind == Token::Kind::kNumber) {
        ++last;  // "Parents 4 Play", "Agenda 21"
        continue;
      }
      if (IsNameToken(t)) {
        if (last > first) {
          LexMatch inner = Match(tokens, last);
          // ("Commission on Rural Justice": a title word ending a body's
          // name, with no name after it, is a word of the name.)
          bool title_in_org_name =
              inner.kind == LexMatch::Kind::kTitle &&
              (described_as_org || (connectors > 0 && IsOrganizationWordOf(lexicon_, *tokens[first].word) &&
                                    inner.length == 1 && (last + 1 >= n || !IsNameToken(tokens[last + 1]))));
          // "the Indian National Congress": a known one-word body ending a longer name.
          bool body_ends_name = inner.kind == LexMatch::Kind::kName && inner.length == 1 && last - first >= 2 &&
                                inner.entry->type == EntityType::kOrganization &&
                                IsOrganizationWordOf(lexicon_, *tokens[last].word);
          // "University of Leeds", "Duchy of York": a known place after
          // a body's head word and "of" is part of the body's name.
          if (inner.kind == LexMatch::Kind::kName && tokens[last - 1].lower == "of" && last - first == 2 &&
              inner.entry &&
              // ("Palace of Westminster": a facility of any named place or body.)
              ((IsOrganizationWordOf(lexicon_, *tokens[first].word) &&
                (inner.entry->type == EntityType::kCity || inner.entry->type == EntityType::kRegion)) ||
               (rules_.facility_words.count(tokens[first].norm) && inner.entry->type != EntityType::kPerson)) &&
              last + inner.length <= n) {
            last += inner.length;
            ++connectors;
            place_after_head = true;
            continue;
          }
          // "Reserve Bank of India", "Export Authority of Quorvia": a
          // country after a longer body's head word and "of" ends its name.
          if (inner.kind == LexMatch::Kind::kName && inner.entry && inner.entry->type == EntityType::kCountry &&
              tokens[last - 1].lower == "of" && last - first >= 3 &&
              IsOrganizationWordOf(lexicon_, *tokens[last - 2].word) && last + inner.length <= n &&
              !(last + inner.length < n && IsNameToken(tokens[last + inner.length]))) {
            last += inner.length;
            ++connectors;
            place_after_head = true;
            break;
          }
          // "Institute for the Study of Labour", "... of Rural Wales": after
          // "for the", known names are words of the body's name.
          // (After "and" only a body: "... Red Cross and Red Crescent".)
          bool inside_long_name = joined_with_the && inner.kind == LexMatch::Kind::kName && inner.entry &&
                                  inner.entry->type != EntityType::kPerson && last + inner.length <= n &&
                                  (tokens[last - 1].lower != "and" || inner.entry->type == EntityType::kOrganization);
          if (inside_long_name) {
            last += inner.length;
            continue;
          }
          // "Tony Roche", "Michael Dell": a firm's one-word name after a
          // given name is a surname.
          const bool firm_as_surname = inner.kind == LexMatch::Kind::kName && inner.length == 1 && inner.entry &&
                                       inner.entry->type == EntityType::kOrganization && last == first + 1 &&
                                       !tokens[last].all_caps && IsGivenNameOf(lexicon_, *tokens[first].word) &&
                                       !described_as_org;
          // "Ann Lincoln", "Ian Preston": a town's one-word name after an
          // uncommon given name, with no name after, is a surname.
          const bool town_as_surname = inner.kind == LexMatch::Kind::kName && inner.length == 1 && inner.entry &&
                                       inner.entry->type == EntityType::kCity && last == first + 1 &&
                                       !tokens[last].all_caps && IsGivenNameOf(lexicon_, *tokens[first].word) &&
                                       !IsCommonWordOf(lexicon_, *tokens[first].word) && !described_as_org &&
                                       !(last + 1 < n && IsNameToken(tokens[last + 1]));
          // "Oona Tarlow King", "Ann Bishop": a one-word title after a given
          // name, with no name after, is a surname.
          const bool title_as_surname = inner.kind == LexMatch::Kind::kTitle && inner.length == 1 &&
                                        last == first + 1 && !tokens[last].all_caps &&
                                        (IsGivenNameOf(lexicon_, *tokens[first].word) ||
                                         !IsCommonWordOf(lexicon_, *tokens[first].word)) &&
                                        !described_as_org && !(last + 1 < n && IsNameToken(tokens[last + 1]));
          // "Federation of European Harbours": a demonym after a body's
          // head word and "of", with more of the name after it.
          const bool demonym_in_body_name = inner.kind == LexMatch::Kind::kDemonym && inner.length == 1 &&
                                            tokens[last - 1].lower == "of" && last - first == 2 &&
                                            IsOrganizationWordOf(lexicon_, *tokens[first].word) && last + 1 < n &&
                                            IsNameToken(tokens[last + 1]);
          // "Bolton West", "Harbury North": a compass word ending a place's name.
          const bool compass_ends_name = kCompassWords.count(tokens[last].lower) && last > first &&
                                         !(last + 1 < n && tokens[last + 1].capitalized);
          if (inner.kind != LexMatch::Kind::kNone && !IsBareSurname(inner) && !title_in_org_name && !body_ends_name &&
              !compass_ends_name &&
              !firm_as_surname && !town_as_surname && !demonym_in_body_name && !title_as_surname) {
            break;
          }
        }
        ++last;
        continue;
      }
      if (based) break;  // "Madrid-based Ferrovial and ...": the firm's name is its capitalised words
      // "Bank of England", "People's": joiners need a capitalised word after.
      // Particles inside personal names: "al-Jibouri", "bin Hamad", "van Gogh".
      if (last > first && IsArabicParticleWord(t)) {
        ++last;
        continue;
      }
      if (kNameParticles.count(t.lower) && last > first && last + 1 < n && IsNameToken(tokens[last + 1])) {
        ++last;
        continue;
      }
      // ("Mr Reid's Harbour Fund": a titled person owns what follows.)
      // ("Harbour Board on Wednesday": no name goes on into a date.)
      // ("Quorvik Bank's Ian Reid": a possessive before a given name and
      // surname ends the name; the person is another.)
      bool joiner = !kDaysAndMonths.count(tokens[last + 1 < n ? last + 1 : last].lower) &&
                    (kNameConnectors.count(t.lower) ||
                     (t.kind == Token::Kind::kPossessive && !(first > 0 && TitleEndsAt(s, first)) &&
                      !(last + 2 < n && IsNameToken(tokens[last + 1]) && IsGivenNameOf(lexicon_, *tokens[last + 1].word) &&
                        IsNameToken(tokens[last + 2])))) &&
                    last > first && last + 1 < n && IsNameToken(tokens[last + 1]);
      // "the Audit Commission and National Farmers Union": two
      // bodies, not one, when a body's head word comes right before "and".
      // (Not when that word follows "of"/"for", or is the name's first and a
      // body's head word ends the name: it is then a field, "Office of
      // Management and Budget", "Entertainment and Leisure Software
      // Association".)
      if (joiner && t.lower == "and" && IsOrganizationWordOf(lexicon_, *tokens[last - 1].word) &&
          !(last - 1 > first && (tokens[last - 2].lower == "of" || tokens[last - 2].lower == "for")) &&
          !(last - 1 == first && BodyHeadEndsNameAfter(tokens, last + 1))) {
        joiner = false;
      }
      // "the University of the Harbour and Isles and Quorvik": a second
      // "and" lists another body.
      if (joiner && t.lower == "and" && joined_with_the && and_count++ > 0) joiner = false;
      // "Society for the Protection of Birds": "for the"/"of the" goes on
      // only right after a body's head word.
      if (!joiner && (t.lower == "for" || t.lower == "of") && last > first && last + 2 < n &&
          tokens[last + 1].lower == "the" && IsNameToken(tokens[last + 2]) &&
          !kDaysAndMonths.count(tokens[last + 2].lower) && IsOrganizationWordOf(lexicon_, *tokens[last - 1].word) &&
          !NamesAPlace(Match(tokens, last + 2))) {  // not "Service for the Netherlands"

        ++connectors;
        last += 2;
        joined_with_the = true;
        continue;
      }
      // "Quorvik & Tarlin": an ampersand joins the names in a firm's name.
      if (!joiner && t.lower == "&" && last > first && last + 1 < n && IsNameToken(tokens[last + 1])) {
        joiner = true;
        joined_with_ampersand = true;
      }
      if (joiner) {
        ++connectors;
        ++last;
        continue;
      }
      break;
    }
    // Drop a trailing joiner that did not lead anywhere.
    while (last > first && !IsNameToken(tokens[last - 1]) && !IsArabicParticleWord(tokens[last - 1]) &&
           !(described_as_org && tokens[last - 1].kind == Token::Kind::kNumber)) {
      --last;
    }
    if (last <= first) return std::max(first, i + 1);
    // "Ann Hale QC", "Ian Reid OBE": letters after a person's
    // name are no part of it.
    const uint32_t run_end = last;
    if (connectors == 0 && !described_as_org && last - first >= 3 && tokens[last - 1].all_caps &&
        tokens[last - 1].lower.size() <= 3 && !tokens[first].all_caps &&
        (IsGivenNameOf(lexicon_, *tokens[first].word) || (first > 0 && TitleEndsAt(s, first)))) {
      --last;
    }
    // "Railways Ann Hale" (after "Ports, Roads and"): ordinary words
    // before a known given name are no part of the name.
    if (connectors == 0 && !described_as_org && last - first >= 3 && IsCommonWordOf(lexicon_, *tokens[first].word) &&
        !IsGivenNameOf(lexicon_, *tokens[first].word) && IsGivenNameOf(lexicon_, *tokens[first + 1].word) &&
        !IsOrganizationWordOf(lexicon_, *tokens[last - 1].word)) {
      ++first;
    }
    // "New Yorker Ann Hale": a description before a given name and surname.
    // (The run's first word may have been dropped above as a sentence opener.)
    if (connectors == 0 && !described_as_org && last - i >= 3 && last - first >= 2 &&
        IsCommonWordOf(lexicon_, *tokens[i].word) && !IsGivenNameOf(lexicon_, *tokens[i].word) &&
        !IsGivenNameOf(lexicon_, *tokens[first].word) && !IsOrganizationWordOf(lexicon_, *tokens[last - 1].word) &&
        !rules_.facility_words.count(tokens[last - 1].norm) && !rules_.region_words.count(tokens[last - 1].norm)) {
      for (uint32_t k = first + 1; k + 2 <= last && last - k <= 3; ++k) {
        if (IsNameToken(tokens[k]) && IsGivenNameOf(lexicon_, *tokens[k].word)) {
          first = k;
          break;
        }
      }
    }

    std::vector<uint32_t>& words = run_words_;
    words.clear();
    for (uint32_t k = first; k < last; ++k) {
      if (IsNameToken(tokens[k])) words.push_back(k);
    }
    const Token& head = tokens[last - 1];
    EntityType type = EntityType::kPerson;  // read only when typed
    bool typed = true;
    bool titled = first > 0 && TitleEndsAt(s, first);
    bool honorific = titled && kHonorifics.count(tokens[first - 1].lower);
    std::string office_after;
    if (words.size() == 2 && last - first == 2 && kCompassWords.count(tokens[first].lower) &&
        (last >= n || !tokens[last].capitalized)) {
      type = EntityType::kRegion;  // "from West Harbour", "the South East": a place
    } else if (words.size() >= 2 && last - first == words.size() && kCompassWords.count(head.lower) &&
               !IsGivenNameOf(lexicon_, *tokens[first].word) && !titled &&
               (last >= n || !tokens[last].capitalized) && SeatCueAround(tokens, first, last)) {
      type = EntityType::kRegion;  // "MP for Harbury East", "Tarlow North West": a seat or district
    } else if ((described_as_org && !titled) || joined_with_the || joined_with_ampersand ||
               // "the Daily Harbour": a newspaper's name.
               (words.size() >= 2 && last - first == words.size() && tokens[first].lower == "daily" && !titled)) {
      // ("University of the Highlands and Islands")
      type = EntityType::kOrganization;
    } else if (rules_.facility_words.count(head.norm) ||
               (place_after_head && rules_.facility_words.count(tokens[first].norm))) {
      // ("Harbour Policy Centre" is a body.)
      type = IsInstitutionCentre(tokens, first, last) ? EntityType::kOrganization : EntityType::kFacility;
    } else if (rules_.region_words.count(head.norm)) {
      type = EntityType::kRegion;
    } else if (connectors > 0 && PersonOfBody(tokens, first, last)) {
      return ScanCapitalisedRunPlain(s, first);  // "Ann Hale of Harland Capital": the person, then the body
    } else if (IsOrganizationWordOf(lexicon_, *head.word) ||
               ((connectors > 0 || HasTitleCaseJoiner(tokens, words)) && AnyOrganizationWord(tokens, words)) ||
               (last + 1 < n && tokens[last].lower == "news" && tokens[last + 1].lower == "agency")) {
      type = EntityType::kOrganization;
    } else if (!titled &&
               (OfficeAndHolderFollow(tokens, last, &office_after) ||
                // "Quorvik's principal analyst Ann Hale": the body's office.
                // (Not a name the article gave someone or something already:
                // "Kenteris' lawyer", "Nortel's head" after Nortel Networks.)
                (last + 1 < n && tokens[last].kind == Token::Kind::kPossessive &&
                 OfficeAndHolderFollow(tokens, last + 1, &office_after) && IsOfficeInABody(office_after) &&
                 !IsGovernmentOffice(office_after) &&
                 !(words.size() == 1 && (FindPersonByNamePart(std::string(head.norm), true) != -1 ||
                                         FindPersonByNamePart(std::string(head.norm), false) != -1 ||
                                         OrganizationByFirstWord(head.norm, /*any_rest=*/true) >= 0)))) &&
               !kDaysAndMonths.count(tokens[first].lower) &&
               !rules_.non_actors.count(head.norm) &&
               (words.size() >= 2 || head.all_caps || !IsCommonWordOf(lexicon_, *head.word) ||
                // "said Harmony general secretary Ian Reid": an ordinary word
                // mid-sentence too, before an office only a body has.
                (first == i && !StartsSentence(tokens, first) &&
                 (office_after == "General Secretary" || office_after == "Director-General" ||
                  office_after == "Chairman" || office_after == "Chief Executive"))) &&
               tokens[first].lower.rfind("ex-", 0) != 0) {
      type = EntityType::kOrganization;  // "Harbourside Trust director Ian Reid"
    } else if (IsPeerageName(tokens, first, last)) {
      // "Lord Tarlow of Harbury": a life peer is known by the place too.
      std::string name = std::string(tokens[first - 1].norm) + " " + JoinTokens(tokens, first, last);
      int e = a_.AddEntity(CanonicalKey(EntityType::kPerson, name), name, EntityType::kPerson, "",
                           JoinTokens(tokens, first, last));
      AddMention(s, first, last, e, Mention::Kind::kName);
      return run_end;
    } else if (connectors > 0) {
      // Joined words without an organisation head: keep the first part only.
      return ScanCapitalisedRunPlain(s, first);
    } else if (titled || honorific) {
      type = EntityType::kPerson;
    } else if (words.size() >= 2 && words.size() <= 3 && first >= 2 &&
               (tokens[first - 1].lower == "of" || tokens[first - 1].lower == "at") && TitleEndsAt(s, first - 1) &&
               IsOfficeInABody(a_.sentences[s].titles.back().title) && !IsGivenNameOf(lexicon_, *tokens[first].word)) {
      type = EntityType::kOrganization;  // "managing director of Quorvik Tarlin": the body, not a person
    } else if (words.size() >= 2 && last - first == words.size() && !IsGivenNameOf(lexicon_, *tokens[first].word) &&
               PlaceInCommaFollows(tokens, last) && first > 0 && tokens[first - 1].IsWord() &&
               !tokens[first - 1].capitalized && !kBeforeAPersonsName.count(tokens[first - 1].lower)) {
      type = EntityType::kRegion;  // "contest Harbury Green, in London": a district of the place
    } else if (words.size() >= 2 && words.size() <= 4 && LooksLikePersonName(tokens, words)) {
      type = EntityType::kPerson;
    } else if (words.size() == 2 &&
               (!StartsSentence(tokens, first) || (!IsCommonWordOf(lexicon_, *tokens[words[1]].word) &&
                                                   !kDaysAndMonths.count(tokens[words[1]].lower))) &&
               !(first > 0 && tokens[first - 1].Is("the")) && OfficeInAppositionAt(tokens, last) &&
               !tokens[words[0]].all_caps && !tokens[words[1]].all_caps) {
      // "said Gravel Quorvik, deputy head of ...": a name no list knows.
      // (At a sentence's start only with a surname no dictionary has, so
      // "Meanwhile Labour, the ..." stays out.)
      type = EntityType::kPerson;
    } else {
      typed = false;
    }
    // An unknown acronym in running text names an organisation ("BNP",
    // "RAC"), unless a title makes it a person's name.
    if (words.size() == 1 && !typed && head.all_caps && head.norm.size() <= 6 && !IsCommonWordOf(lexicon_, *head.word) &&
        !rules_.non_actors.count(head.norm)) {
      type = EntityType::kOrganization;
      typed = true;
    }
    // "general secretary of Harmony": an unknown word after an office and
    // "of" is the office's body.
    // (A capitalised ordinary word too, "of Harmony", unless the office has
    // a portfolio: "Secretary of State", "Minister of Defence".)
    if (words.size() == 1 && !typed && first >= 2 &&
        (tokens[first - 1].lower == "of" || tokens[first - 1].lower == "at") && TitleEndsAt(s, first - 1) &&
        IsOfficeInABody(a_.sentences[s].titles.back().title) && !rules_.non_actors.count(head.norm) &&
        !head.lower.ends_with("-based") &&
        (!IsCommonWordOf(lexicon_, *head.word) || !HasPortfolio(a_.sentences[s].titles.back().title))) {
      type = EntityType::kOrganization;
      typed = true;
    }
    // "the Harbour Gazette newspaper", "the Quorvik hunt": an unknown name
    // before a lower-case organisation noun names an organisation.
    // (Not after "a" or an adjective: "a Harbourist party" describes.)
    if (!titled && last < n && tokens[last].IsWord() && !tokens[last].capitalized &&
        rules_.organization_nouns.count(tokens[last].lower) &&
        !(first > 0 && (tokens[first - 1].lower == "a" || tokens[first - 1].lower == "an")) &&
        !(first > 1 && tokens[first - 1].IsWord() && !tokens[first - 1].capitalized &&
          !kNameDeterminers.count(tokens[first - 1].lower) &&
          // ("the state-owned Quorvik company": who owns it, not what kind.)
          !tokens[first - 1].lower.ends_with("-owned") && !tokens[first - 1].lower.ends_with("-run") &&
          !tokens[first - 1].lower.ends_with("-controlled")) &&  // nor "the main Harbourist party"
        (!typed || (type == EntityType::kPerson && !IsGivenNameOf(lexicon_, *tokens[first].word))) &&
        (words.size() >= 2 || !IsCommonWordOf(lexicon_, *head.word)) && head.lower.find('-') == std::string::npos) {
      const bool joined = tokens[last].lower == "hunt" || tokens[last].lower == "club";
      std::string name = JoinTokens(tokens, first, last);
      if (joined) name += " " + TitleCase(std::string(tokens[last].lower));
      int e = a_.AddEntity(CanonicalKey(EntityType::kOrganization, name), name, EntityType::kOrganization,
                           ModifierCountry(s, first), JoinTokens(tokens, first, joined ? last + 1 : last));
      AddMention(s, first, joined ? last + 1 : last, e, Mention::Kind::kName);
      return joined ? last + 1 : run_end;
    }
    // "Quorvik prison", "Tarlin air base": an unknown name before a
    // lower-case facility word names the facility.
    if (words.size() == 1 && !typed && !titled && last < n && tokens[last].IsWord() && !tokens[last].capitalized &&
        head.lower.find('-') == std::string::npos &&  // not "army-run prison"
        !IsCommonWordOf(lexicon_, *head.word) && rules_.facility_words.count(TitleCase(std::string(tokens[last].lower)))) {
      std::string name = JoinTokens(tokens, first, last) + " " + TitleCase(std::string(tokens[last].lower));
      int e = a_.AddEntity(CanonicalKey(EntityType::kFacility, name), name, EntityType::kFacility,
                           ModifierCountry(s, first), JoinTokens(tokens, first, last + 1));
      AddMention(s, first, last + 1, e, Mention::Kind::kName);
      return last + 1;
    }
    if (words.size() == 1 && (!typed || type == EntityType::kPerson)) {
      if (!kDaysAndMonths.count(head.lower) &&
          (titled || !IsCommonWordOf(lexicon_, *head.word) || OrganizationByFirstWord(head.norm) >= 0)) {
        pending_.push_back({s, first, last, titled, nullptr, honorific});
      }
      return run_end;
    }
    if (!typed) return run_end;
    // "the Rail and Maritime Transport union": the lower-case head too.
    if (type == EntityType::kOrganization && last < n && tokens[last].lower == "union" && connectors > 0) ++last;
    std::string name = JoinTokens(tokens, first, last);
    // "Q&T's head of tax" after "Quorvik & Tarlin": the firm's initials.
    if (joined_with_ampersand && last - first == 3 && tokens[first].norm.size() == 1 &&
        tokens[first + 2].norm.size() == 1 && tokens[first + 1].begin == tokens[first].end &&
        tokens[first + 2].begin == tokens[first + 1].end) {
      name = std::string(tokens[first].norm) + "&" + std::string(tokens[first + 2].norm);
      if (int org = OrganizationWithInitials(tokens[first].norm[0], tokens[first + 2].norm[0]); org >= 0) {
        a_.AddEntity(a_.entities[org].key, "", EntityType::kOrganization, "", name);
        AddMention(s, first, last, org, Mention::Kind::kName);
        return run_end;
      }
    }
    // "building group James Hardie ... James Hardie chairwoman": a name the
    // article gave a firm names the firm again, unless a title says person.
    if (type == EntityType::kPerson && !titled) {
      if (int org = OrganizationNamed(name); org >= 0) {
        AddMention(s, first, last, org, Mention::Kind::kName);
        return run_end;
      }
    }
    int e = a_.AddEntity(CanonicalKey(type, name), name, type, ModifierCountry(s, first), name);
    AddMention(s, first, last, e, Mention::Kind::kName);
    return run_end;  // past letters after the name
  }

  // Offices held in a body ("general secretary of Harmony"), not titles of
  // rank or place ("Duke of Cornwall", "Bishop of Durham").
  static bool IsOfficeInABody(const std::string& title) {
    static const WordSet kRanks = {"duke", "duchess", "earl", "prince", "princess", "king", "queen", "bishop",
                                   "archbishop", "lord", "lady", "baroness", "baron", "mayor", "countess", "marquess"};
    std::string first = AsciiLower(title.substr(0, title.find(' ')));
    return !kRanks.count(first);
  }

  static bool HasPortfolio(const std::string& title) {
    return title.find("General") == std::string::npos &&
           (title.find("Minister") != std::string::npos || title.find("Secretary") != std::string::npos ||
            title.find("Commissioner") != std::string::npos || title == "Head" || title == "Chief");
  }

  // A lower-case office and a capitalised name after token `at`:
  // "[Harbourside] general secretary Ian Reid" — what precedes is the
  // holder's body. The office found goes to `*office` when given.
  bool OfficeAndHolderFollow(const std::vector<Token>& tokens, uint32_t at, std::string* office = nullptr) const {
    std::string phrase;
    for (uint32_t k = at; k < tokens.size() && k < at + 3; ++k) {
      const Token& t = tokens[k];
      if (!t.IsWord() || t.capitalized) return false;
      phrase += (phrase.empty() ? "" : " ") + t.norm;
      // (One word: the answer its Word keeps.)
      // ("general secretary": "general" alone is a title too, so a
      // lower-case word after it goes on into a longer one.)
      std::string title(k == at ? TitleOf(lexicon_, *t.word) : lexicon_.FindTitle(phrase));
      // ("principal analyst": an office after a modifier.)
      if (title.empty() && k > at) title = TitleOf(lexicon_, *t.word);
      if (!title.empty() && k + 1 < tokens.size() && IsNameToken(tokens[k + 1])) {
        if (office) *office = title;
        return !kHonorifics.count(tokens[k + 1].lower);
      }
    }
    return false;
  }

  // "Lord Tarlow of Harbury", "Baroness Hale of Quorvik": a peer's style,
  // one surname, "of" and a place of one or two words (tokens [first, last)).
  static bool IsPeerageName(const std::vector<Token>& tokens, uint32_t first, uint32_t last) {
    static const WordSet kPeerages = {"lord", "baroness", "baron", "lady"};
    if (first == 0 || !kPeerages.count(tokens[first - 1].lower) || last < first + 3 || last > first + 4) return false;
    if (tokens[first + 1].lower != "of") return false;
    for (uint32_t k = first + 2; k < last; ++k) {
      if (!IsNameToken(tokens[k]) || tokens[k].all_caps) return false;
    }
    return true;
  }

  // "Ann Hale of Harland Capital": a person's name (two or three words, the
  // first a given name or no ordinary word, none an organisation word)
  // before "of".
  bool PersonOfBody(const std::vector<Token>& tokens, uint32_t first, uint32_t last) const {
    uint32_t of = first;
    while (of < last && IsNameToken(tokens[of])) ++of;
    if (of >= last || tokens[of].lower != "of" || of - first < 2 || of - first > 3) return false;
    if (!IsGivenNameOf(lexicon_, *tokens[first].word) && IsCommonWordOf(lexicon_, *tokens[first].word)) return false;
    for (uint32_t k = first; k < of; ++k) {
      if (IsOrganizationWordOf(lexicon_, *tokens[k].word) || tokens[k].all_caps) return false;
    }
    return true;
  }

  // "Department for International Development": the head word comes first.
  // "League Against Cruel Sports": a joining word written in title case
  // inside a name (not first or last).
  static bool HasTitleCaseJoiner(const std::vector<Token>& tokens, const std::vector<uint32_t>& words) {
    static const WordSet kJoiners = {"against", "for", "of", "on", "in", "and", "to", "with"};
    for (size_t k = 1; k + 1 < words.size(); ++k) {
      if (kJoiners.count(tokens[words[k]].lower)) return true;
    }
    return false;
  }

  bool AnyOrganizationWord(const std::vector<Token>& tokens, const std::vector<uint32_t>& words) const {
    for (uint32_t k : words) {
      if (IsOrganizationWordOf(lexicon_, *tokens[k].word)) return true;
    }
    return false;
  }

  // "the campaign group X", "the charity X", "newspaper X": a lower-case
  // noun right before the name (after an article or adjectives) that says
  // it names an organisation.
  // "Harbour Policy Centre", "Quorvik Research Center": a centre named
  // for what it studies or defends is a body, not a building.
  // (The name is tokens [first, last).)
  static bool IsInstitutionCentre(const std::vector<Token>& tokens, uint32_t first, uint32_t last) {
    static const WordSet kStudied = {"policy", "research", "rights", "studies", "security", "coordination",
                                     "complaint", "information", "reform", "justice", "development", "strategic",
                                     "affairs", "longevity", "oceanography", "aerospace", "monitoring"};
    if (last < first + 2) return false;
    const TokenText& head = tokens[last - 1].lower;
    if (head != "centre" && head != "center") return false;
    for (uint32_t k = first; k < last; ++k) {
      if (kStudied.count(tokens[k].lower)) return true;
    }
    return false;
  }

  static bool OrganizationDescribedBefore(const std::vector<Token>& tokens, uint32_t first) {
    static const WordSet kOrgNouns = {
        "group", "charity", "organisation", "organization", "campaign", "firm", "company", "party",
        "union", "association", "newspaper", "magazine", "broadcaster", "watchdog", "network",
        "movement", "coalition", "alliance", "lobby", "agency", "bank", "insurer", "retailer", "airline",
        "carrier", "manufacturer", "maker", "club", "tank", "body", "publisher", "daily", "tabloid",
        // trades that only firms practise ("brewer Tarlin", "winemaker Quorvik")
        "brewer", "winemaker", "carmaker", "automaker", "distiller", "lender", "supplier", "operator",
        "conglomerate", "giant", "chain", "supermarket", "consultancy", "exporter", "importer", "refiner"};
    return first > 0 && tokens[first - 1].IsWord() && !tokens[first - 1].capitalized &&
           kOrgNouns.count(tokens[first - 1].lower);
  }

  // "Ann Hale, from Parents Need Play,": where a person comes from,
  // when it is no place the lexicon knows, is their organisation.
  bool IntroducesPersonOrigin(size_t s, uint32_t first) const {
    const std::vector<Token>& tokens = a_.sentences[s].sentence.tokens;
    if (first < 3 || tokens[first - 1].lower != "from" || tokens[first - 2].lower != ",") return false;
    const auto& mentions = a_.sentences[s].mentions;
    return !mentions.empty() && mentions.back().last == first - 2 &&
           a_.entities[mentions.back().entity].type == EntityType::kPerson;
  }

  // The capitalised words from `first` up to the first joiner, as a run.
  uint32_t ScanCapitalisedRunPlain(size_t s, uint32_t first) {
    const std::vector<Token>& tokens = a_.sentences[s].sentence.tokens;
    uint32_t last = first;
    while (last < tokens.size() && IsNameToken(tokens[last])) ++last;
    const uint32_t run_end = last;
    // "Ann Hale QC", "Ian Reid OBE": letters after the name.
    while (last > first + 2 && tokens[last - 1].all_caps && tokens[last - 1].lower.size() <= 3) --last;
    // "... Roads and Railways Ann Hale": ordinary words before
    // a known given name are no part of the name.
    uint32_t start = first;
    while (last - start > 2 && IsCommonWordOf(lexicon_, *tokens[start].word) && !IsGivenNameOf(lexicon_, *tokens[start].word)) {
      ++start;
    }
    if (start != first && !IsGivenNameOf(lexicon_, *tokens[start].word)) start = first;
    std::vector<uint32_t>& words = plain_run_words_;
    words.clear();
    for (uint32_t k = start; k < last; ++k) words.push_back(k);
    if (words.size() >= 2 && words.size() <= 4 && LooksLikePersonName(tokens, words)) {
      std::string name = JoinTokens(tokens, start, last);
      int e = a_.AddEntity(CanonicalKey(EntityType::kPerson, name), name, EntityType::kPerson, "", name);
      AddMention(s, start, last, e, Mention::Kind::kName);
    }
    return run_end;
  }

  // ", deputy head of", ", an analyst at": an office in apposition starts
  // at token `comma`.
  bool OfficeInAppositionAt(const std::vector<Token>& tokens, uint32_t comma) const {
    const uint32_t n = static_cast<uint32_t>(tokens.size());
    if (comma >= n || !tokens[comma].Is(",")) return false;
    uint32_t k = comma + 1;
    const bool article = k < n && (tokens[k].Is("a") || tokens[k].Is("an") || tokens[k].Is("the"));
    if (article) ++k;
    // (Not ", Prince of Persia": a capitalised title with no article may
    // be a name of its own.)
    if (!article && k < n && tokens[k].capitalized) return false;
    // ("an insurance analyst": a lower-case word or two before the office.)
    for (uint32_t skipped = 0; k < n && skipped <= 2; ++k, ++skipped) {
      if (!tokens[k].IsWord()) return false;
      if (Match(tokens, k).kind == LexMatch::Kind::kTitle) return true;
      if (tokens[k].capitalized) return false;
    }
    return false;
  }

  // What marks a name ending in a compass word as a place, not a person
  // ("Kanye West"): a preposition before it ("MP for Harbury East"), a
  // seat's word after it ("the Harbury North MP"), or a known place as its
  // first word ("Bolton West").
  bool SeatCueAround(const std::vector<Token>& tokens, uint32_t first, uint32_t last) const {
    static const WordSet kBefore = {"for", "in", "of", "at", "from"};
    static const WordSet kAfter = {"mp", "mps", "constituency", "seat", "ward", "msp", "am"};
    if (first > 0 && kBefore.count(tokens[first - 1].lower)) return true;
    if (last < tokens.size() && kAfter.count(tokens[last].lower)) return true;
    const LexMatch m = Match(tokens, first);
    return m.kind == LexMatch::Kind::kName && m.length == 1 && m.entry &&
           (m.entry->type == EntityType::kCity || m.entry->type == EntityType::kRegion);
  }

  // ", in London", ", in Peru": a known place in a comma phrase right after `k`.
  bool PlaceInCommaFollows(const std::vector<Token>& tokens, uint32_t k) const {
    if (k + 2 >= tokens.size() || tokens[k].lower != "," || tokens[k + 1].lower != "in") return false;
    const LexMatch m = Match(tokens, k + 2);
    return m.kind == LexMatch::Kind::kName && m.entry &&
           (m.entry->type == EntityType::kCity || m.entry->type == EntityType::kRegion ||
            m.entry->type == EntityType::kCountry);
  }

  // True when the capitalised words from `k` on end in a body's head word
  // ("Leisure Software Publishers Association").
  bool BodyHeadEndsNameAfter(const std::vector<Token>& tokens, uint32_t k) const {
    uint32_t end = k;
    while (end < tokens.size() && IsNameToken(tokens[end])) ++end;
    return end > k + 1 && IsOrganizationWordOf(lexicon_, *tokens[end - 1].word);
  }

  // Two to four capitalised words: a person when the first is a known given
  // name, or is no ordinary word ("Jacqui Smith", "Jens Stoltenberg"), and
  // none is an acronym.
  bool LooksLikePersonName(const std::vector<Token>& tokens, const std::vector<uint32_t>& words) const {
    for (uint32_t k : words) {
      if (tokens[k].all_caps) return false;
    }
    return IsGivenNameOf(lexicon_, *tokens[words[0]].word) || !IsCommonWordOf(lexicon_, *tokens[words[0]].word);
  }

  // The country of a demonym or country right before a name ("US national
  // security council"), for the entity's country field.
  std::string ModifierCountry(size_t s, uint32_t first) const {
    const auto& mentions = a_.sentences[s].mentions;
    if (mentions.empty() || mentions.back().last != first) return "";
    const Entity& e = a_.entities[mentions.back().entity];
    return e.type == EntityType::kCountry ? e.country : "";
  }

  // Single capitalised words: the surname (or, for names like "Kim Jong-un",
  // the family name written first) of exactly one person named in the
  // article; otherwise a person of their own only when a title says so.
  void ResolveSingleNames() {
    for (const Pending& p : pending_) {
      const std::vector<Token>& tokens = a_.sentences[p.sentence].sentence.tokens;
      const TokenText& word = tokens[p.first].norm;
      int match = FindPersonByNamePart(word, /*last_part=*/true);
      if (match == -2) continue;  // ambiguous: never merge two people
      if (match < 0) match = FindPersonByNamePart(word, /*last_part=*/false);
      if (match == -2) continue;
      // "Prince Edmund", "Lord Justice Marlow": a royal or a judge is known by
      // the style with the name, whatever the word.
      const std::string styled = p.titled ? StyledName(tokens, p.first) : std::string();
      if (match < 0 && !styled.empty()) {
        match = a_.AddEntity(CanonicalKey(EntityType::kPerson, styled), styled, EntityType::kPerson, "", word);
      } else if (match >= 0) {
        a_.AddEntity(a_.entities[match].key, "", EntityType::kPerson, "", word);
      } else if (p.known) {
        match = a_.AddEntity(p.known->key, p.known->name, p.known->type, p.known->country, word);
      } else if (p.titled && (p.honorific || !IsCommonWordOf(lexicon_, *tokens[p.first].word))) {
        // "Mr Kemp" is a person; "General Electric" is not General Electric's.
        // A peer is known by the title: "Lord Marlowe", "Baroness Fenwick".
        std::string name = word;
        if (p.first > 0) {
          const TokenText& before = tokens[p.first - 1].lower;
          // (Not "baron": "Sacha Baron Cohen" is a surname.)
          if (before == "lord" || before == "baroness" || before == "lady") name = tokens[p.first - 1].norm + " " + word;
        }
        match = a_.AddEntity(CanonicalKey(EntityType::kPerson, name), name, EntityType::kPerson, "", word);
      } else if (std::string country = CountryPossessorBefore(p.sentence, p.first);
                 !country.empty() && !p.titled && !IsCommonWordOf(lexicon_, *tokens[p.first].word) &&
                 !IsGivenNameOf(lexicon_, *tokens[p.first].word) && !(p.last < tokens.size() && kPlaceNouns.count(tokens[p.last].lower))) {
        // "Peru's Zentragas": an unknown name owned by a country, that no
        // person of the article answers to, is one of its bodies or firms.
        match = a_.AddEntity(CanonicalKey(EntityType::kOrganization, word), word, EntityType::kOrganization, country,
                             word);
      } else if (int org = OrganizationByFirstWord(word, !IsCommonWordOf(lexicon_, *tokens[p.first].word) &&
                                                             !IsGivenNameOf(lexicon_, *tokens[p.first].word));
                 org >= 0 && !p.titled) {
        // "Tarlin Energy ... Tarlin expects": the firm by its own first word
        // (any firm's, when no dictionary knows the word: "Quorvik Martin ...
        // Quorvik said").
        match = org;
        a_.AddEntity(a_.entities[org].key, "", EntityType::kOrganization, "", word);
      } else if (int named = OrganizationNamed(word); named >= 0 && !p.titled) {
        // "Australian airline Quorvik ... Quorvik said": the firm a
        // description named earlier, by its name alone.
        match = named;
      } else {
        continue;
      }
      AddMention(p.sentence, p.first, p.last, match, Mention::Kind::kName);
    }
  }

  // The one organisation of the article named "A... & B..." by the
  // initials a and b; -1 if none or several.
  int OrganizationWithInitials(char a, char b) const {
    int found = -1;
    for (size_t e = 0; e < a_.entities.size(); ++e) {
      const Entity& ent = a_.entities[e];
      const size_t amp = ent.name.find(" & ");
      if (ent.type != EntityType::kOrganization || amp == std::string::npos || ent.name[0] != a ||
          amp + 3 >= ent.name.size() || ent.name[amp + 3] != b) {
        continue;
      }
      if (found >= 0) return -1;
      found = static_cast<int>(e);
    }
    return found;
  }

  // The organisation of the article whose whole name is `word`; -1 if none.
  int OrganizationNamed(std::string_view word) const {
    for (size_t e = 0; e < a_.entities.size(); ++e) {
      const Entity& ent = a_.entities[e];
      if (ent.type == EntityType::kOrganization && ent.name == word) return static_cast<int>(e);
    }
    return -1;
  }

  // The one organisation of the article named by `word` and head words only
  // ("Tarlin Energy", "Quorvik Oil Group"), or, with `any_rest`, by `word`
  // and any other words ("Quorvik Martin"); -1 if none or several.
  int OrganizationByFirstWord(std::string_view word, bool any_rest = false) const {
    int found = -1;
    for (size_t e = 0; e < a_.entities.size(); ++e) {
      const Entity& ent = a_.entities[e];
      if (ent.type != EntityType::kOrganization || ent.name.size() <= word.size() + 1 ||
          ent.name.compare(0, word.size(), word) != 0 || ent.name[word.size()] != ' ') {
        continue;
      }
      bool heads_only = true;
      std::string_view rest(ent.name);
      rest.remove_prefix(word.size() + 1);
      while (!rest.empty() && heads_only) {
        size_t space = rest.find(' ');
        std::string_view part = rest.substr(0, space);
        heads_only = lexicon_.IsOrganizationWord(AsciiLower(std::string(part)));
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
      if (!heads_only && !any_rest) continue;
      if (found >= 0) return -1;
      found = static_cast<int>(e);
    }
    return found;
  }

  // The style and name of a royal or a judge named by one word at token
  // i ("Prince Edmund", "Lord Justice Marlow", "Mr Justice Penrose"); "" for
  // anyone else.
  static std::string StyledName(const std::vector<Token>& tokens, uint32_t i) {
    static const WordSet kRoyal = {"prince", "princess", "king", "queen", "duke", "duchess", "emperor", "empress"};
    if (i == 0) return "";
    const Token& style = tokens[i - 1];
    if (kRoyal.count(style.lower)) return std::string(style.norm) + " " + std::string(tokens[i].norm);
    if (style.lower == "justice" && i >= 2 &&
        (tokens[i - 2].lower == "lord" || tokens[i - 2].lower == "lady" || tokens[i - 2].lower == "mr" ||
         tokens[i - 2].lower == "mrs")) {
      return std::string(tokens[i - 2].norm) + " Justice " + std::string(tokens[i].norm);
    }
    return "";
  }

  // The ISO code of the country named with "'s" right before token i
  // ("Peru's Zentragas"), or "".
  std::string CountryPossessorBefore(size_t s, uint32_t i) const {
    const std::vector<Token>& tokens = a_.sentences[s].sentence.tokens;
    if (i < 2 || tokens[i - 1].kind != Token::Kind::kPossessive) return "";
    for (const Mention& m : a_.sentences[s].mentions) {
      if (m.last != i - 1 || m.entity < 0 || m.kind != Mention::Kind::kName) continue;
      const Entity& e = a_.entities[m.entity];
      return e.type == EntityType::kCountry ? e.country : "";
    }
    return "";
  }

  // Index of the one multi-word person whose last (or first) name part is
  // `word`; -1 if none, -2 if several.
  int FindPersonByNamePart(const std::string& word, bool last_part) const {
    int found = -1;
    for (size_t e = 0; e < a_.entities.size(); ++e) {
      const Entity& ent = a_.entities[e];
      if (ent.type != EntityType::kPerson) continue;
      // "Lord Tarlow of Harbury" is "Lord Tarlow" for short.
      std::string_view name = ent.name;
      if (size_t of = name.find(" of "); of != std::string_view::npos) name = name.substr(0, of);
      size_t space = last_part ? name.rfind(' ') : name.find(' ');
      if (space == std::string::npos) continue;
      std::string_view part = last_part ? name.substr(space + 1) : name.substr(0, space);
      if (part != word) continue;
      if (found >= 0 && found != static_cast<int>(e)) return -2;
      found = static_cast<int>(e);
    }
    return found;
  }

  // "the prime minister", "his chancellor", "the Russian leader": the one
  // person the article names with that title ("Prime Minister Tony Blair",
  // "Tony Blair, the prime minister"), filtered by the country when one
  // qualifies the title.
  void ResolveDescriptions() {
    std::unordered_map<std::string, std::vector<int>> holders;
    std::vector<int> titled;  // everyone holding any title
    auto hold = [&](const std::string& title, int person) {
      auto& v = holders[title];
      if (std::find(v.begin(), v.end(), person) == v.end()) v.push_back(person);
      if (kHonorifics.count(AsciiLower(title))) return;  // "Mr Reid" holds no office
      if (std::find(titled.begin(), titled.end(), person) == titled.end()) titled.push_back(person);
    };
    // Also by the body qualifying the title: "Tory leader Ann Hale" is
    // the Tory leader; "Commons leader Peter Hain" is not.
    std::unordered_map<std::string, std::vector<int>> holders_by_body;
    for (const SentenceAnalysis& sa : a_.sentences) {
      for (const TitleSpan& t : sa.titles) {
        int after = t.last < sa.mention_at.size() ? sa.mention_at[t.last] : -1;
        if (after >= 0 && IsPersonMention(sa.mentions[after])) {
          hold(t.title, sa.mentions[after].entity);
          int body = t.first > 0 ? sa.mention_at[t.first - 1] : -1;
          if (body >= 0 && sa.mentions[body].last == t.first) {
            auto& v = holders_by_body[t.title + "|" + std::to_string(sa.mentions[body].entity)];
            if (std::find(v.begin(), v.end(), sa.mentions[after].entity) == v.end()) {
              v.push_back(sa.mentions[after].entity);
            }
          }
        }
        int before = AppositiveHolder(sa, t);
        if (before >= 0) hold(t.title, before);
      }
    }
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      SentenceAnalysis& sa = a_.sentences[s];
      const std::vector<Token>& tokens = sa.sentence.tokens;
      for (const TitleSpan& t : sa.titles) {
        if (t.last < tokens.size() && sa.mention_at[t.last] >= 0) continue;  // "the prime minister Tony Blair"
        if (sa.mention_at[t.first] >= 0) continue;
        // What opens the description: "the", "his", or a qualifying actor.
        uint32_t start = t.first;
        std::string country;
        bool body_qualified = false;  // "the Tory leader": the party stays a mention of its own
        uint32_t det_at = start;
        // "Peru's trade minister": the country's own, a determiner itself.
        bool owned_by_country = false;
        if (start >= 2 && tokens[start - 1].kind == Token::Kind::kPossessive && sa.mention_at[start - 2] >= 0) {
          const Mention& q = sa.mentions[sa.mention_at[start - 2]];
          const Entity& qe = a_.entities[q.entity];
          if (q.kind == Mention::Kind::kName && q.last == start - 1 && qe.type == EntityType::kCountry &&
              !qe.country.empty()) {
            country = qe.country;
            owned_by_country = true;
          }
        }
        // "Amnesty International's chief has said": a named body's own.
        int owning_body = -1;
        if (!owned_by_country && start >= 2 && tokens[start - 1].kind == Token::Kind::kPossessive &&
            sa.mention_at[start - 2] >= 0) {
          const Mention& q = sa.mentions[sa.mention_at[start - 2]];
          if (q.kind == Mention::Kind::kName && q.last == start - 1 &&
              a_.entities[q.entity].type == EntityType::kOrganization) {
            owning_body = q.entity;
          }
        }
        if (!owned_by_country && owning_body < 0 && start > 0 && sa.mention_at[start - 1] >= 0) {
          const Mention& q = sa.mentions[sa.mention_at[start - 1]];
          const Entity& qe = a_.entities[q.entity];
          if (q.kind == Mention::Kind::kDemonym && qe.type == EntityType::kCountry) {
            country = qe.country;
            start = q.first;
            det_at = start;
          } else if (q.kind == Mention::Kind::kName && q.last == start && qe.type == EntityType::kOrganization) {
            body_qualified = true;
            det_at = q.first;
            if (tokens[q.first].lower == "the") ++det_at;  // "The Tory" as one mention
            // "The Welsh Conservative leader": past the nation before the party.
            if (det_at > 1 && sa.mention_at[det_at - 1] >= 0) {
              const Mention& nation = sa.mentions[sa.mention_at[det_at - 1]];
              const EntityType type = a_.entities[nation.entity].type;
              if (nation.last == det_at && nation.first < det_at &&
                  (type == EntityType::kRegion || type == EntityType::kCountry)) {
                det_at = nation.first;
              }
            }
          }
        }
        if (owned_by_country && AppositiveHolder(sa, t) >= 0) continue;  // "Ann Hale, Peru's trade minister,"
        const bool owned = owned_by_country || owning_body >= 0;
        if (!owned && det_at == 0) continue;
        const std::string_view det = owned ? std::string_view("'s") : std::string_view(tokens[det_at - 1].lower);
        // (An indefinite "a Harbour Office minister" only as the lead's speaker.)
        const bool indefinite = det == "a" || det == "an";
        if (!owned && !indefinite && det != "the" && det != "his" && det != "her" && det != "their") continue;
        auto of_country = [&](std::vector<int> people) {
          if (!country.empty()) {
            // (A person named with "Peru's trade minister" elsewhere may
            // have no country of their own yet.)
            std::erase_if(people, [&](int e) {
              return a_.entities[e].country != country && !(owned_by_country && a_.entities[e].country.empty());
            });
          }
          return people;
        };
        std::vector<int> candidates =
            indefinite ? std::vector<int>()
            : owning_body >= 0 ? holders_by_body[t.title + "|" + std::to_string(owning_body)]
            : body_qualified
                ? holders_by_body[t.title + "|" + std::to_string(sa.mentions[sa.mention_at[t.first - 1]].entity)]
                : of_country(holders[t.title]);
        // "the Russian leader": whoever leads Russia under any title.
        if (candidates.empty() && t.title == "Leader" && !country.empty()) candidates = of_country(titled);
        // "Ann Hale has denied ... The Tory leader said": opening the
        // sentence right after the lead, which opens with a person who has
        // no title in the article, the description is that person.
        // (Not "The head of the Harbour Trust, Ian Reid, said": another
        // body's office, its holder named right after.)
        const bool qualified_after = t.last < tokens.size() && (tokens[t.last].lower == "of" ||
                                                                tokens[t.last].lower == "at" ||
                                                                tokens[t.last].lower == "for");
        // ("In a radio interview the Harbour Party leader said": past
        // an opening phrase that names no one.)
        auto after_opening_phrase = [&] {
          static const WordSet kOpeners = {"in", "at", "on", "during", "after", "speaking", "writing"};
          if (det_at < 3 || !kOpeners.count(tokens[0].lower)) return false;
          for (const Mention& m : sa.mentions) {
            if (m.first < det_at - 1 && m.kind != Mention::Kind::kPronoun) return false;
          }
          return true;
        };
        if (candidates.empty() && !qualified_after && (body_qualified || det == "the") && s == 2 &&
            (det_at == 1 || (det_at >= 2 && tokens[det_at - 2].kind == Token::Kind::kQuote) ||
             after_opening_phrase())) {  // right after the lead
          for (const Mention& m : a_.sentences[s - 1].mentions) {
            if (!IsPersonMention(m)) continue;
            if (std::find(titled.begin(), titled.end(), m.entity) == titled.end()) candidates = {m.entity};
            break;
          }
        }
        const KnownOffice* known = nullptr;
        // "the president of the golf club": some other body's office.
        if (!indefinite && owning_body < 0 && !body_qualified && !qualified_after &&
            (candidates.empty() || country.empty())) {
          known = KnownHolder(t.title, country, holders);
          int holder = known ? a_.entity_by_key.at(CanonicalKey(EntityType::kPerson, known->person)) : -1;
          if (candidates.empty()) {
            if (known) candidates = {holder};
          } else if (known && candidates.size() == 1 && holder == candidates[0]) {
            // The article and the table agree: the office is recorded too.
          } else if (known && candidates.size() == 1) {
            // "Italian Prime Minister X" named, then "the prime minister"
            // in a British story: Britain's, when the table knows who.
            const std::string home = DescriptionHome();
            if (!home.empty() && known->body == home && a_.entities[candidates[0]].country != home) {
              candidates = {holder};
            } else {
              known = nullptr;
            }
          } else {
            known = nullptr;
          }
        }
        // "..., a Harbour Office minister has said. Ann Hale said ...": the
        // lead's nameless speaker is the person the next sentence opens
        // with, unless the article gives that person another office.
        if (candidates.empty() && !qualified_after && s == 1 && IsClosingSpeaker(sa, det_at, t.last)) {
          const int next = FirstPersonOpening(s + 1);
          const auto& same = holders[t.title];
          if (next >= 0 && (std::find(titled.begin(), titled.end(), next) == titled.end() ||
                            std::find(same.begin(), same.end(), next) != same.end())) {
            candidates = {next};
            // "the trade secretary": a government's office, of the article's country.
            const std::string home = DescriptionHome();
            if (!owned && !body_qualified && IsGovernmentOffice(t.title) && !home.empty()) {
              a_.known_offices.push_back({s, start, t.title, home});
            }
          }
        }
        if (candidates.size() != 1) continue;
        sa.mentions.push_back({start, t.last, candidates[0], Mention::Kind::kName});
        if (known) a_.known_offices.push_back({s, start, known->title, known->body});
      }
    }
  }

  // Whether the description from `det_at` (its determiner or owner) to
  // `last` is a sentence's speaker: "..., a Harbour Office minister has
  // said.", "The Harbour Trust's chief has warned that ...".
  bool IsClosingSpeaker(const SentenceAnalysis& sa, uint32_t det_at, uint32_t last) const {
    const std::vector<Token>& tokens = sa.sentence.tokens;
    // The determiner is tokens[det_at - 1]; an owner's name opens at its mention.
    uint32_t open = det_at > 0 ? det_at - 1 : 0;
    if (open > 0 && sa.mention_at[open - 1] >= 0 && tokens[open].kind == Token::Kind::kPossessive) {
      open = sa.mentions[sa.mention_at[open - 1]].first;
      if (open > 0 && tokens[open - 1].lower == "the") --open;
    }
    if (open > 0 && tokens[open - 1].lower != "," && tokens[open - 1].kind != Token::Kind::kQuote) return false;
    uint32_t i = last;
    if (i < tokens.size() && (tokens[i].lower == "has" || tokens[i].lower == "have" || tokens[i].lower == "had")) ++i;
    if (i >= tokens.size() || !tokens[i].IsWord()) return false;
    // Speech verbs, and the verbs of a lead that report speech ("has warned").
    static const WordSet kLeadSpeechVerbs = {"warn", "argue", "urge", "admit", "reveal", "predict", "suggest"};
    return RuleFactsOf(lexicon_, rules_, *tokens[i].word).attribution != nullptr ||
           kLeadSpeechVerbs.count(VerbLemmaOf(lexicon_, *tokens[i].word)) > 0;
  }

  // The person sentence `s` opens with ("Ann Hale said", "Speaking in
  // Leeds, Ann Hale said"), or -1 when a pronoun or nobody comes first.
  int FirstPersonOpening(size_t s) const {
    if (s >= a_.sentences.size()) return -1;
    const SentenceAnalysis& sa = a_.sentences[s];
    const std::vector<Token>& tokens = sa.sentence.tokens;
    for (uint32_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].lower == "he" || tokens[i].lower == "she" || tokens[i].lower == "they") return -1;
      const int m = sa.mention_at[i];
      if (m < 0) continue;
      if (IsPersonMention(sa.mentions[m]) && sa.mentions[m].kind == Mention::Kind::kName) {
        // (Not "Ann Hale's spokesman said".)
        const uint32_t end = sa.mentions[m].last;
        if (end < tokens.size() && tokens[end].kind == Token::Kind::kPossessive) return -1;
        return sa.mentions[m].entity;
      }
      i = sa.mentions[m].last - 1;
    }
    return -1;
  }

  // The one person the article names who held `title` (of `country`, when
  // given) on the article's date, by the table of offices; "the Russian
  // leader" is whoever headed Russia. Someone the article names with
  // another office of theirs is not a candidate ("Chancellor Gordon Brown"
  // is not "the prime minister" of the same article). Null unless exactly
  // one fits.
  const KnownOffice* KnownHolder(const std::string& title, const std::string& country,
                                 const std::unordered_map<std::string, std::vector<int>>& holders) const {
    static constexpr std::string_view kHeadTitles[] = {"Leader",  "President",      "Prime Minister",
                                                       "Premier", "Supreme Leader", "Chancellor"};
    std::vector<std::string_view> titles = {title};
    if (title == "Leader" && !country.empty()) titles.assign(std::begin(kHeadTitles), std::end(kHeadTitles));
    const std::string& date = a_.article ? a_.article->date : std::string();
    auto holds_other_office = [&](const std::string& person, int entity) {
      for (const auto& [other, people] : holders) {
        if (other == title || std::find(people.begin(), people.end(), entity) == people.end()) continue;
        auto [begin, end] = rules_.offices_by_title.equal_range(other);
        for (auto it = begin; it != end; ++it) {
          if (it->second.person == person) return true;
        }
      }
      return false;
    };
    std::vector<const KnownOffice*> fitting;
    for (std::string_view each : titles) {
      auto [begin, end] = rules_.offices_by_title.equal_range(std::string(each));
      for (auto it = begin; it != end; ++it) {
        const KnownOffice& o = it->second;
        if ((!country.empty() && o.body != country) || !o.HeldOn(date)) continue;
        auto e = a_.entity_by_key.find(CanonicalKey(EntityType::kPerson, o.person));
        if (e == a_.entity_by_key.end() || holds_other_office(o.person, e->second)) continue;
        fitting.push_back(&o);
      }
    }
    auto one_person = [](const std::vector<const KnownOffice*>& v) {
      for (const KnownOffice* o : v) {
        if (o->person != v[0]->person) return false;
      }
      return !v.empty();
    };
    if (one_person(fitting)) return fitting[0];
    // Several fit (no date, or two heads named): "the prime minister" of a
    // British story is Britain's.
    if (!fitting.empty() && country.empty()) {
      const std::string home = DescriptionHome();
      std::erase_if(fitting, [&](const KnownOffice* o) { return o->body != home; });
    }
    if (one_person(fitting) || !date.empty()) return one_person(fitting) ? fitting[0] : nullptr;
    return OfTheArticlesEra(fitting);
  }

  // Without a date, of several holders the article names ("the prime
  // minister" in a story naming Tony Blair and Gordon Brown): the one whose
  // term overlaps the terms of the most other office holders it names
  // (Brown was chancellor while Blair was prime minister). Null on a tie.
  const KnownOffice* OfTheArticlesEra(const std::vector<const KnownOffice*>& fitting) const {
    std::vector<const KnownOffice*> named_offices;
    for (const auto& [title, o] : rules_.offices_by_title) {
      if (a_.entity_by_key.count(CanonicalKey(EntityType::kPerson, o.person))) named_offices.push_back(&o);
    }
    auto overlap = [](const KnownOffice& a, const KnownOffice& b) {
      return (b.to.empty() || a.from < b.to) && (a.to.empty() || b.from < a.to);
    };
    const KnownOffice* best = nullptr;
    int best_score = 0, runner_up = 0;
    for (const KnownOffice* candidate : fitting) {
      std::unordered_set<std::string> contemporaries;
      for (const KnownOffice* other : named_offices) {
        if (other->person != candidate->person && overlap(*candidate, *other)) contemporaries.insert(other->person);
      }
      const int score = static_cast<int>(contemporaries.size());
      if (best && candidate->person == best->person) {
        best_score = std::max(best_score, score);
      } else if (score > best_score) {
        runner_up = best_score;
        best_score = score;
        best = candidate;
      } else {
        runner_up = std::max(runner_up, score);
      }
    }
    return best && best_score > runner_up ? best : nullptr;
  }

  // "the organisation", "the party", "the country": the nearest actor
  // before it (in its sentence or the three before) of the type the
  // patterns' `anaphor` rows give; for words marked `named`, one whose name
  // holds the word ("the commission" -> "Commission for Harbour Safety").
  void ResolveAnaphors() {
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      SentenceAnalysis& sa = a_.sentences[s];
      const std::vector<Token>& tokens = sa.sentence.tokens;
      for (uint32_t i = 0; i < tokens.size(); ++i) {
        // "ministers said", "controversial government plans": the article's
        // own country, unless something says whose ("Russian ministers",
        // "France's government", "the government" is handled below).
        // (Rules::anaphors as the Word keeps it: asked for every token.)
        if (const Anaphor* bare = RuleFactsOf(lexicon_, rules_, *tokens[i].word).anaphor;
            bare != nullptr && bare->scope == Anaphor::Scope::kHomeBare &&
            sa.mention_at[i] < 0 && sa.title_at[i] < 0 && !tokens[i].capitalized &&
            (i == 0 || (sa.mention_at[i - 1] < 0 && tokens[i - 1].kind != Token::Kind::kPossessive &&
                        tokens[i - 1].lower != "the" && tokens[i - 1].lower != "his" && tokens[i - 1].lower != "her" &&
                        tokens[i - 1].lower != "its" && tokens[i - 1].lower != "their" && !tokens[i - 1].capitalized)) &&
            // ("ministers of France" are no government of ours; "accused
            // ministers of lying" are.)
            !(i + 1 < tokens.size() && tokens[i + 1].lower == "of" && !AccusedBefore(tokens, i)) &&
            // As a modifier only of what a government does ("government
            // plans"), not "government permission to fly".
            (i + 1 >= tokens.size() || !tokens[i + 1].IsWord() || tokens[i + 1].capitalized ||
             rules_.reaction_nouns.count(tokens[i + 1].lower) || tokens[i].lower != "government" ||
             VerbLemmaOf(lexicon_, *tokens[i + 1].word) != tokens[i + 1].lower || IsAuxiliary(tokens[i + 1].lower))) {
          int home = HomeCountry();
          if (home >= 0) AddMention(s, i, i + 1, home, Mention::Kind::kName);
          continue;
        }
        if (i + 1 >= tokens.size()) break;
        // "Committee chairman Ann Hale said": a body's word opening the
        // sentence before an office is that body, named shortly before.
        if (i == 0 && tokens[0].capitalized && sa.mention_at[0] < 0 && sa.title_at[0] < 0 && sa.title_at[1] >= 0) {
          const Anaphor* bare = RuleFactsOf(lexicon_, rules_, *tokens[0].word).anaphor;
          if (bare != nullptr && bare->scope == Anaphor::Scope::kNamed) {
            int antecedent = NearestEntityBefore(s, 0, *bare, tokens[0].lower, 3);
            if (antecedent >= 0) AddMention(s, 0, 1, antecedent, Mention::Kind::kName);
            continue;
          }
        }
        if (tokens[i].lower != "the" || sa.mention_at[i + 1] >= 0 || sa.title_at[i + 1] >= 0) continue;
        const Anaphor* anaphor = RuleFactsOf(lexicon_, rules_, *tokens[i + 1].word).anaphor;
        if (anaphor == nullptr) continue;
        // "the group of seven", "the campaign group Parents 4 Play": no anaphor.
        if (i + 2 < tokens.size()) {
          const Token& next = tokens[i + 2];
          if ((next.lower == "of" && !AccusedBefore(tokens, i)) || sa.mention_at[i + 2] >= 0 ||
              (next.capitalized && next.IsWord())) {
            continue;
          }
        }
        // "the country": the article's own country when it has a clear
        // one, else the country named last (in this sentence or the one before).
        Anaphor::Scope scope = anaphor->scope;
        bool home = scope != Anaphor::Scope::kAny && scope != Anaphor::Scope::kNamed;
        int antecedent = home ? HomeCountry() : -1;
        if (antecedent < 0 && !(home && scope != Anaphor::Scope::kHomeOrLast)) {
          // ("the agency" a paragraph after "the Harbour Support Agency": a
          // body whose name holds the word reaches further back than "the
          // group".)
          const size_t sentences_back = home ? 1 : scope == Anaphor::Scope::kNamed ? 8 : 3;
          antecedent = NearestEntityBefore(s, i, *anaphor, tokens[i + 1].lower, sentences_back);
        }
        if (antecedent >= 0) AddMention(s, i, i + 2, antecedent, Mention::Kind::kName);
      }
    }
  }

  // "The Harbour Trust said it agreed", "Peru says it will": "it" right
  // after a body or country and its speech verb is that body or country.
  void ResolveItAfterSpeech() {
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      SentenceAnalysis& sa = a_.sentences[s];
      const std::vector<Token>& tokens = sa.sentence.tokens;
      for (uint32_t i = 2; i < tokens.size(); ++i) {
        // A speech verb of the rules (rules_.attribution), but not "told
        // it", where "it" is the listener.
        if (tokens[i].lower != "it" || !tokens[i - 1].IsWord() ||
            RuleFactsOf(lexicon_, rules_, *tokens[i - 1].word).attribution == nullptr ||
            VerbLemmaOf(lexicon_, *tokens[i - 1].word) == "tell") {
          continue;
        }
        // Not "said it was unfair to ...": "it" standing for what follows.
        if (i + 2 < tokens.size() && (tokens[i + 1].lower == "was" || tokens[i + 1].lower == "is") &&
            !tokens[i + 2].lower.ends_with("ing") && !tokens[i + 2].lower.ends_with("ed")) {
          continue;
        }
        // The speaker ends right before the verb ("has said" too).
        uint32_t end = i - 1;
        if (end > 0 && (tokens[end - 1].lower == "has" || tokens[end - 1].lower == "had")) --end;
        const int m = end > 0 ? sa.mention_at[end - 1] : -1;
        if (m < 0 || sa.mentions[m].last != end || sa.mentions[m].entity < 0) continue;
        const EntityType type = a_.entities[sa.mentions[m].entity].type;
        if (type != EntityType::kOrganization && type != EntityType::kCountry) continue;
        if (sa.mention_at[i] >= 0) continue;
        AddMention(s, i, i + 1, sa.mentions[m].entity, Mention::Kind::kPronoun);
      }
    }
  }

  // "accused [the] ministers of ...": token i follows a verb of accusing.
  bool AccusedBefore(const std::vector<Token>& tokens, uint32_t i) const {
    return i > 0 && tokens[i - 1].IsWord() && VerbLemmaOf(lexicon_, *tokens[i - 1].word) == "accuse";
  }

  static bool IsAuxiliary(const std::string& w) {
    return w == "has" || w == "had" || w == "have" || w == "is" || w == "was" || w == "will" || w == "would" ||
           w == "should" || w == "must" || w == "could" || w == "can" || w == "may" || w == "says" || w == "said";
  }

  // The country the article is about or written from: the one its actors
  // belong to most often (countries, their cities, office holders and
  // bodies), when it clearly leads; -1 otherwise. Added to the article's
  // entities if only its people or bodies were named.
  int HomeCountry() {
    const std::string& code = HomeCountryCode();
    if (code.empty()) return -1;
    const LexiconEntry* c = lexicon_.FindByKey("country:" + code);
    return c ? a_.AddEntity(c->key, c->name, c->type, c->country, "") : -1;
  }

  // The ISO code behind HomeCountry(), computed once ("" if none).
  const std::string& HomeCountryCode() {
    if (home_country_known_) return a_.home_country;
    home_country_known_ = true;
    a_.home_country = LeadingCountry();
    return a_.home_country;
  }

  // Whose offices an unqualified "the prime minister" names: the leading
  // country's, else that of the first person the article names (its lead
  // is usually about them).
  std::string DescriptionHome() const {
    std::string home = LeadingCountry();
    if (!home.empty()) return home;
    for (const SentenceAnalysis& sa : a_.sentences) {
      for (const Mention& m : sa.mentions) {
        if (IsPersonMention(m)) return a_.entities[m.entity].country;
      }
    }
    return "";
  }

  // The country most of the article's actors belong to, when it leads
  // clearly (at least two mentions and twice the next); "" otherwise.
  std::string LeadingCountry() const {
    std::unordered_map<std::string, int> votes;
    for (const SentenceAnalysis& sa : a_.sentences) {
      for (const Mention& m : sa.mentions) {
        if (m.entity < 0 || m.kind == Mention::Kind::kPronoun) continue;
        const std::string& country = a_.entities[m.entity].country;
        if (!country.empty()) ++votes[country];
      }
    }
    std::string best;
    int first = 0, second = 0;
    for (const auto& [country, n] : votes) {
      if (n > first || (n == first && country < best)) {
        second = first;
        first = n;
        best = country;
      } else if (n > second) {
        second = n;
      }
    }
    return first >= 2 && first >= 2 * second ? best : std::string();
  }

  int NearestEntityBefore(size_t s, uint32_t i, const Anaphor& anaphor, const std::string& word,
                          size_t sentences_back) const {
    auto fits = [&](const Mention& m) {
      if (m.entity < 0 || m.kind == Mention::Kind::kPronoun) return false;
      const Entity& e = a_.entities[m.entity];
      if (e.type != anaphor.type) return false;
      if (anaphor.scope != Anaphor::Scope::kNamed) return true;
      // (By any of its names: "UKIP", also written "UK Independence Party".)
      auto holds_word = [&](const std::string& written) {
        const std::string name = AsciiLower(written);
        const size_t at = name.find(word);
        return at != std::string::npos && (at == 0 || name[at - 1] == ' ') &&
               (at + word.size() == name.size() || name[at + word.size()] == ' ');
      };
      return holds_word(e.name) || std::any_of(e.aliases.begin(), e.aliases.end(), holds_word);
    };
    for (size_t back = s + 1; back-- > 0 && s - back <= sentences_back;) {
      const auto& mentions = a_.sentences[back].mentions;
      for (size_t k = mentions.size(); k-- > 0;) {
        if (back == s && mentions[k].first >= i) continue;
        if (fits(mentions[k])) return mentions[k].entity;
      }
    }
    return -1;
  }

  // "Tony Blair, the prime minister": the person before the comma.
  int AppositiveHolder(const SentenceAnalysis& sa, const TitleSpan& t) const {
    const std::vector<Token>& tokens = sa.sentence.tokens;
    uint32_t j = t.first;
    for (int steps = 0; j > 0 && steps < 3 && tokens[j - 1].lower != ","; ++steps) {
      const Token& prev = tokens[j - 1];
      if (!(prev.lower == "the" || prev.lower == "a" || sa.mention_at[j - 1] >= 0 ||
            prev.kind == Token::Kind::kPossessive)) {
        return -1;
      }
      --j;
    }
    if (j < 2 || tokens[j - 1].lower != ",") return -1;
    int m = sa.mention_at[j - 2];
    return m >= 0 && sa.mentions[m].last == j - 1 && IsPersonMention(sa.mentions[m]) ? sa.mentions[m].entity : -1;
  }

  // "the British National Party (BNP)": the acronym is that party wherever
  // the article uses it, also before it is defined (in the headline).
  void MergeAcronyms() {
    std::unordered_map<int, int> into;  // acronym entity -> full entity
    for (SentenceAnalysis& sa : a_.sentences) {
      const std::vector<Token>& tokens = sa.sentence.tokens;
      for (size_t k = 0; k + 1 < sa.mentions.size(); ++k) {
        const Mention& full = sa.mentions[k];
        const Mention& acronym = sa.mentions[k + 1];
        bool defined = acronym.first == full.last + 1 && acronym.last == acronym.first + 1 &&
                       tokens[full.last].lower == "(" && acronym.last < tokens.size() &&
                       tokens[acronym.last].lower == ")" && tokens[acronym.first].all_caps &&
                       full.last - full.first >= 2 && full.entity != acronym.entity;
        if (!defined) continue;
        Entity& f = a_.entities[full.entity];
        const Entity& a = a_.entities[acronym.entity];
        if (a.type != f.type || a.key != CanonicalKey(a.type, a.name)) continue;  // the lexicon knows it
        into[acronym.entity] = full.entity;
        if (std::find(f.aliases.begin(), f.aliases.end(), a.name) == f.aliases.end()) f.aliases.push_back(a.name);
      }
    }
    // "the National Audit Office ... the NAO": an undefined acronym that
    // spells the initials of exactly one organisation named in the article.
    for (size_t a = 0; a < a_.entities.size(); ++a) {
      const Entity& acronym = a_.entities[a];
      if (into.count(static_cast<int>(a)) || acronym.type != EntityType::kOrganization ||
          acronym.key != CanonicalKey(acronym.type, acronym.name) || acronym.name.size() < 2 ||
          !std::all_of(acronym.name.begin(), acronym.name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        continue;
      }
      int match = -1;
      for (size_t f = 0; f < a_.entities.size(); ++f) {
        if (f == a || a_.entities[f].type != EntityType::kOrganization || Initials(a_.entities[f].name) != acronym.name) continue;
        match = match == -1 ? static_cast<int>(f) : -2;
      }
      if (match < 0) continue;
      into[static_cast<int>(a)] = match;
      a_.entities[match].aliases.push_back(acronym.name);
    }
    // "the Andean Commission ... the Commission": an unknown one-word body
    // that ends the name of exactly one other body of the article.
    for (size_t a = 0; a < a_.entities.size(); ++a) {
      const Entity& short_name = a_.entities[a];
      if (into.count(static_cast<int>(a)) || short_name.type != EntityType::kOrganization ||
          short_name.key != CanonicalKey(short_name.type, short_name.name) ||
          short_name.name.find(' ') != std::string::npos ||
          std::all_of(short_name.name.begin(), short_name.name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        continue;  // (acronyms are matched by their initials above; "TV" is no "Finnish TV")
      }
      int match = -1;
      for (size_t f = 0; f < a_.entities.size(); ++f) {
        const std::string& full = a_.entities[f].name;
        if (f == a || a_.entities[f].type != EntityType::kOrganization || full.size() <= short_name.name.size() + 1 ||
            !full.ends_with(" " + short_name.name)) {
          continue;
        }
        match = match == -1 ? static_cast<int>(f) : -2;
      }
      if (match < 0) continue;
      into[static_cast<int>(a)] = match;
      a_.entities[match].aliases.push_back(short_name.name);
    }
    for (SentenceAnalysis& sa : a_.sentences) {
      for (Mention& m : sa.mentions) {
        auto it = into.find(m.entity);
        if (it != into.end()) m.entity = it->second;
      }
    }
  }

  // "National Audit Office" -> "NAO" (small words skipped).
  static std::string Initials(std::string_view name) {
    std::string out;
    size_t word_begin = 0;
    for (size_t k = 0; k <= name.size(); ++k) {
      if (k < name.size() && name[k] != ' ' && name[k] != '-') continue;
      std::string_view w = name.substr(word_begin, k - word_begin);
      if (!w.empty() && w != "of" && w != "for" && w != "and" && w != "the" && w != "on") {
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(w[0]))));
      }
      word_begin = k + 1;
    }
    return out;
  }

  // Entities whose mentions all moved elsewhere (merged acronyms) go.
  void DropUnmentionedEntities() {
    std::vector<int> used(a_.entities.size(), 0);
    for (const SentenceAnalysis& sa : a_.sentences) {
      for (const Mention& m : sa.mentions) used[m.entity] = 1;
    }
    if (std::find(used.begin(), used.end(), 0) == used.end()) return;
    std::vector<int> new_index(a_.entities.size(), -1);
    std::vector<Entity> kept;
    a_.entity_by_key.clear();
    for (size_t e = 0; e < a_.entities.size(); ++e) {
      if (!used[e]) continue;
      new_index[e] = static_cast<int>(kept.size());
      a_.entity_by_key[a_.entities[e].key] = new_index[e];
      kept.push_back(std::move(a_.entities[e]));
    }
    a_.entities = std::move(kept);
    for (SentenceAnalysis& sa : a_.sentences) {
      for (Mention& m : sa.mentions) m.entity = new_index[m.entity];
    }
  }

  // "he", "his", "she": within a sentence, the person named last before it;
  // across sentences, the person a previous sentence opens with (news
  // sentences usually open with their subject), looking back at most three.
  // For each token, whether it is inside a double-quoted passage. A quote
  // may run over several sentences of a paragraph; a new paragraph closes
  // whatever the last one left open (news prose reopens each quoted
  // paragraph with its own mark).
  // (One flag array for the article, `quoted[s][i]` as for nested vectors.)
  class Quoted {
   public:
    const uint8_t* operator[](size_t s) const { return flags_.data() + start_[s]; }

   private:
    friend class MentionFinder;
    std::vector<uint8_t> flags_;
    std::vector<size_t> start_;  // by sentence: where its tokens' flags start
  };
  Quoted QuotedTokens() const {
    Quoted quoted;
    size_t tokens = 0;
    quoted.start_.reserve(a_.sentences.size());
    for (const SentenceAnalysis& sa : a_.sentences) {
      quoted.start_.push_back(tokens);
      tokens += sa.sentence.tokens.size();
    }
    quoted.flags_.assign(tokens, 0);
    std::string_view text = a_.article ? std::string_view(a_.article->text) : std::string_view();
    bool open = false;
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      const Sentence& sentence = a_.sentences[s].sentence;
      if (s > 0 && sentence.begin <= text.size() &&
          text.substr(a_.sentences[s - 1].sentence.end,
                      sentence.begin - std::min(sentence.begin, a_.sentences[s - 1].sentence.end))
                  .find('\n') != std::string_view::npos) {
        open = false;
      }
      uint8_t* flags = quoted.flags_.data() + quoted.start_[s];
      for (size_t i = 0; i < sentence.tokens.size(); ++i) {
        const Token& t = sentence.tokens[i];
        if (t.kind == Token::Kind::kQuote) {
          if (t.norm == "\"") {
            open = !open;
          } else if (t.norm == "\u201c") {
            open = true;
          } else if (t.norm == "\u201d") {
            open = false;
          }
          continue;
        }
        flags[i] = open;
      }
    }
    return quoted;
  }

  // Where a sentence's main clause starts: after the comma closing an
  // opening adverbial clause ("Speaking after Ms Hale's speech, ...",
  // "When Ms Hale left, ..."); 0 when it opens with its subject.
  static uint32_t MainClauseStart(const std::vector<Token>& tokens) {
    static const WordSet kOpeners = {"after", "before", "when", "while", "as", "following", "despite", "although",
                                     "though", "if", "since", "during", "unlike", "once", "until", "asked",
                                     "within", "in", "at", "on", "amid", "without", "throughout", "ahead",
                                     "because", "with", "prior", "under", "like", "besides", "by"};
    if (tokens.empty() || !tokens[0].IsWord()) return 0;
    const TokenText& first = tokens[0].lower;
    bool participle = first.size() > 5 && first.compare(first.size() - 3, 3, "ing") == 0;
    if (!participle && !kOpeners.count(first)) return 0;
    for (uint32_t i = 1; i < tokens.size(); ++i) {
      if (tokens[i].lower == ",") return i + 1;
    }
    return 0;
  }

  // Whether the pronoun at i is an object in the clause whose subject is
  // `entity`'s last mention before it, with no clause boundary between
  // ("Ian Reid called him", not "Ian Reid said the party backed him").
  static bool ObjectOfOwnSubject(const std::vector<Mention>& here, const std::vector<Token>& tokens, uint32_t i,
                                 int entity) {
    static const WordSet kClauseOpeners = {"that", "who", "which", "whom", "and", "but", "or", "said", "says",
                                           "told", "tells", "when", "after", "before", "because", "if",
                                           "as", "while", "since", "until", "whether", "to", "for", "of"};
    const Mention* subject = nullptr;
    for (const Mention& m : here) {
      if (m.first < i && m.entity == entity && m.kind != Mention::Kind::kPronoun) subject = &m;
    }
    if (!subject || subject->last > i || i - subject->last > 8) return false;
    if (subject->last < tokens.size() && tokens[subject->last].kind == Token::Kind::kPossessive) return false;
    for (uint32_t k = subject->last; k < i; ++k) {
      const Token& t = tokens[k];
      // (Commas of an aside pass: "Ian Reid, on Saturday, called him".)
      if ((!t.IsWord() && !t.Is(",")) || kClauseOpeners.count(t.lower)) return false;
    }
    return true;
  }

  void ResolvePronouns() {
    // A pronoun outside quotation marks looks only at people named outside
    // them: in '"He was chosen," he said' the speaker is not the man quoted.
    if (pronouns_.empty()) return;
    const Quoted quoted = QuotedTokens();
    // Gender only where the article says it: "Mr Reid", "Ms Hale".
    std::unordered_map<int, char> gender;
    for (const SentenceAnalysis& sa : a_.sentences) {
      for (const TitleSpan& t : sa.titles) {
        if (t.last >= sa.mention_at.size() || sa.mention_at[t.last] < 0) continue;
        const Mention& m = sa.mentions[sa.mention_at[t.last]];
        if (!IsPersonMention(m) || m.first != t.last) continue;
        std::string h = AsciiLower(t.title);
        if (h == "mr" || h == "sir" || h == "lord" || h == "baron") gender.emplace(m.entity, 'M');
        if (h == "mrs" || h == "ms" || h == "miss" || h == "lady" || h == "baroness" || h == "dame") {
          gender.emplace(m.entity, 'F');
        }
      }
    }
    for (const auto& [s, i] : pronouns_) {
      const TokenText& pronoun = a_.sentences[s].sentence.tokens[i].lower;
      const char wanted = pronoun == "she" || pronoun == "her" ? 'F' : 'M';
      const bool narrator = !quoted[s][i];
      int clause_subject = -1;  // who "him" cannot be (set below)
      auto fits = [&](int entity) {
        if (entity == clause_subject) return false;
        auto g = gender.find(entity);
        return g == gender.end() || g->second == wanted;
      };
      auto visible = [&](size_t sentence, const Mention& m) { return !narrator || !quoted[sentence][m.first]; };
      // In the same sentence: its first person that is not a possessor
      // ("he admired Mr Blair's leadership, he criticised" is not Blair),
      // else the nearest possessor ("Putin's visit highlighted his").
      int person = -1, possessor = -1;
      const auto& here = a_.sentences[s].mentions;
      const auto& tokens = a_.sentences[s].sentence.tokens;
      // (In the main clause, people of an opening adverbial one come last:
      // "After talks with Mr Reid, Ms Hale said she ...".)
      const uint32_t main_here = MainClauseStart(tokens);
      for (int pass = main_here > 0 && i >= main_here ? 0 : 1; pass < 2 && person < 0 && possessor < 0; ++pass) {
        for (const Mention& m : here) {
          if (m.first >= i || !IsPersonMention(m) || !fits(m.entity) || !visible(s, m)) continue;
          if (pass == 0 && m.first < main_here) continue;
          bool is_possessor = m.last < tokens.size() && tokens[m.last].kind == Token::Kind::kPossessive;
          if (is_possessor) {
            // (Not an owner in an opening clause: "While praising Mr Reid's
            // leadership, he ...".)
            if (main_here > 0 && i >= main_here && m.first < main_here) continue;
            possessor = m.entity;
          } else if (person < 0) {
            person = m.entity;
          }
        }
      }
      if (person < 0) person = possessor;
      // "Both Ann Hale and Ian Reid have welcomed his return": a
      // singular pronoun after two coordinated people is neither of them.
      {
        const Mention* first_person = nullptr;
        for (const Mention& m : here) {
          if (m.first >= i || !IsPersonMention(m)) continue;
          if (!first_person) {
            first_person = &m;
            continue;
          }
          bool joined = false;
          for (uint32_t k = first_person->last; k < m.first; ++k) joined = joined || tokens[k].lower == "and";
          if (joined && m.first - first_person->last <= 5) {
            person = -1;
            possessor = -1;
          }
          break;
        }
      }
      // "him", "her" as an object: not the clause's subject but the person
      // named last before it ("Blair looks forward to working with him").
      const TokenText& word = tokens[i].lower;
      if (word == "him" || (word == "her" && i + 1 < tokens.size() && !tokens[i + 1].IsWord())) {
        int last = -1;
        for (const Mention& m : here) {
          if (m.first < i && IsPersonMention(m) && fits(m.entity) && visible(s, m)) last = m.entity;
        }
        if (last >= 0 && last != person) person = last;
        // "Ian Reid on Saturday called him 'a disgrace'": never the subject
        // of its own clause; someone named before.
        if (person >= 0 && ObjectOfOwnSubject(here, tokens, i, person)) {
          clause_subject = person;
          person = -1;
        }
      }
      // "Within hours of his talks with Mr Reid, Sir Ian resigned": a pronoun
      // in an opening adverbial clause looks ahead to the main clause's subject.
      if (person < 0) {
        const uint32_t main_clause = MainClauseStart(tokens);
        for (const Mention& m : here) {
          // (Past a title or article: "Sir Ian", "the minister".)
          if (i >= main_clause || m.first < main_clause || m.first > main_clause + 2) continue;
          if (IsPersonMention(m) && fits(m.entity) && visible(s, m)) person = m.entity;
          break;
        }
      }
      // "..., when he was introducing the bill, Mr Reid suggested": a
      // pronoun in a clause that opens with a subordinator looks ahead to
      // the person opening the clause after it.
      if (person < 0) person = CataphoricPerson(s, i, fits);
      for (size_t back = s; back-- > 0 && person < 0 && s - back <= 3;) {
        // The subject of the main clause, past an opening adverbial one
        // ("After Ms Hale spoke, Mr Reid said ..."), else the first.
        const std::vector<Token>& back_tokens = a_.sentences[back].sentence.tokens;
        const uint32_t main_clause = MainClauseStart(back_tokens);
        int first_person = -1;
        // "On Thursday he is due to ... Ian Reid's seat. He was joined
        // ...": a subject pronoun resolved there counts as its person.
        back_mentions_.clear();
        for (const Mention& m : a_.sentences[back].mentions) {
          const bool subject_pronoun = m.kind == Mention::Kind::kPronoun && m.entity >= 0 &&
                                       (back_tokens[m.first].lower == "he" || back_tokens[m.first].lower == "she");
          if (IsPersonMention(m) || subject_pronoun) back_mentions_.push_back(&m);
        }
        std::sort(back_mentions_.begin(), back_mentions_.end(),
                  [](const Mention* x, const Mention* y) { return x->first < y->first; });
        for (const Mention* named : back_mentions_) {
          const Mention& m = *named;
          if (!fits(m.entity) || !visible(back, m)) continue;
          if (first_person < 0) first_person = m.entity;
          // "Mr Reid's budget was ..., the Tory leader said": an owner is
          // not the subject.
          if (m.last < back_tokens.size() && back_tokens[m.last].kind == Token::Kind::kPossessive) continue;
          if (m.first >= main_clause) {
            person = m.entity;
            break;
          }
        }
        if (person < 0) person = first_person;
      }
      if (person >= 0) AddMention(s, i, i + 1, person, Mention::Kind::kPronoun);
    }
  }

  template <typename Fits>
  int CataphoricPerson(size_t s, uint32_t i, const Fits& fits) const {
    static const WordSet kSubordinators = {"when", "while", "as", "after", "before", "although", "though",
                                           "because", "since", "if", "once", "whilst"};
    const SentenceAnalysis& sa = a_.sentences[s];
    const std::vector<Token>& tokens = sa.sentence.tokens;
    if (i == 0 || !kSubordinators.count(tokens[i - 1].lower)) return -1;
    for (uint32_t j = i + 1; j + 1 < tokens.size() && j <= i + 15; ++j) {
      if (tokens[j].kind == Token::Kind::kQuote || tokens[j].lower == "." || tokens[j].lower == ";") return -1;
      if (tokens[j].lower != ",") continue;
      for (uint32_t k = j + 1; k < tokens.size() && k <= j + 3; ++k) {
        const int m = sa.mention_at[k];
        if (m < 0) continue;
        const Mention& named = sa.mentions[m];
        return named.first == k && IsPersonMention(named) && fits(named.entity) ? named.entity : -1;
      }
      return -1;
    }
    return -1;
  }

  // "both parties", "the two leaders": of the actors of the noun's type
  // named in its sentence or the three before, the two the article has named
  // most (the latest on ties); actors of its own sentence only when
  // coordinated ("X and Y ... both").
  void ResolvePairs() {
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      SentenceAnalysis& sa = a_.sentences[s];
      const std::vector<Token>& tokens = sa.sentence.tokens;
      for (uint32_t i = 0; i + 1 < tokens.size(); ++i) {
        uint32_t noun = 0;
        if (tokens[i].lower == "both") {
          noun = i + 1;
        } else if (tokens[i].lower == "the" && tokens[i + 1].lower == "two" && i + 2 < tokens.size()) {
          noun = i + 2;
        } else {
          continue;
        }
        auto it = rules_.pair_nouns.find(tokens[noun].lower);
        if (it == rules_.pair_nouns.end() || sa.mention_at[noun] >= 0 || sa.mention_at[i] >= 0) continue;
        std::optional<EntityType> type = it->second;
        // Actors of the pair's own sentence count only as "X and Y" ("France
        // and Germany said both countries ..."); in "The Greens warned both
        // parties" the subject is not one of them.
        std::optional<size_t> and_pair_at;  // index of Y in sa.mentions
        for (size_t k = 1; k < sa.mentions.size() && sa.mentions[k].last <= i; ++k) {
          const Mention& x = sa.mentions[k - 1];
          if (sa.mentions[k].first == x.last + 1 && tokens[x.last].lower == "and") and_pair_at = k;
        }
        std::vector<int> pair;  // candidates, most recent first
        for (size_t back = s + 1; back-- > 0 && s - back <= 3;) {
          const auto& mentions = a_.sentences[back].mentions;
          for (size_t k = mentions.size(); k-- > 0;) {
            const Mention& m = mentions[k];
            bool here_ok = and_pair_at && (k == *and_pair_at || k + 1 == *and_pair_at);
            if ((back == s && (m.first >= i || !here_ok)) || m.entity < 0 || m.kind == Mention::Kind::kPairFirst ||
                m.kind == Mention::Kind::kPairSecond) {
              continue;
            }
            EntityType t = a_.entities[m.entity].type;
            bool actor = t == EntityType::kPerson || t == EntityType::kCountry || t == EntityType::kOrganization;
            if (!actor || (type && t != *type)) continue;
            if (!type) type = t;  // "both sides": of the kind named last
            if (std::find(pair.begin(), pair.end(), m.entity) == pair.end()) pair.push_back(m.entity);
          }
        }
        if (pair.size() < 2) continue;
        // Of more than two candidates, the two the article has named most so
        // far (ties: the later): in a story about Russia and North Korea,
        // "both nations" after a mention of Ukraine are still those two.
        if (pair.size() > 2) {
          // A country is also named through its people, cities and bodies.
          std::unordered_map<std::string, int> country_entity;
          for (int e : pair) {
            if (a_.entities[e].type == EntityType::kCountry) country_entity[a_.entities[e].country] = e;
          }
          std::unordered_map<int, int> named;
          for (size_t t = 0; t <= s; ++t) {
            for (const Mention& m : a_.sentences[t].mentions) {
              if (m.entity < 0 || (t == s && m.first >= i)) continue;
              auto c = country_entity.find(a_.entities[m.entity].country);
              if (c != country_entity.end()) {
                ++named[c->second];
              } else {
                ++named[m.entity];
              }
            }
          }
          std::stable_sort(pair.begin(), pair.end(), [&](int x, int y) { return named[x] > named[y]; });
          pair.resize(2);
        }
        AddMention(s, i, noun, pair[1], Mention::Kind::kPairFirst);
        AddMention(s, noun, noun + 1, pair[0], Mention::Kind::kPairSecond);
      }
    }
  }

  bool IsPersonMention(const Mention& m) const {
    return m.kind != Mention::Kind::kPronoun && m.entity >= 0 &&
           a_.entities[m.entity].type == EntityType::kPerson;
  }

  // Sorts each sentence's mentions and maps tokens to mentions and titles.
  // After the first time, the resolution steps only add mentions (or change
  // their entities), and titles no longer change: a sentence that gained no
  // mention keeps its index. (Unless it has more than 16 mentions: sorting
  // those again, std::sort may reorder mentions that start together.)
  void IndexAll() {
    indexed_mentions_.resize(a_.sentences.size(), kNotIndexed);
    for (size_t s = 0; s < a_.sentences.size(); ++s) {
      SentenceAnalysis* sa = &a_.sentences[s];
      const size_t n = sa->mentions.size();
      if (indexed_mentions_[s] == n && n <= 16) continue;
      std::sort(sa->mentions.begin(), sa->mentions.end(),
                [](const Mention& x, const Mention& y) { return x.first < y.first; });
      sa->mention_at.assign(sa->sentence.tokens.size(), -1);
      for (size_t m = 0; m < n; ++m) {
        for (uint32_t k = sa->mentions[m].first; k < sa->mentions[m].last; ++k) sa->mention_at[k] = static_cast<int>(m);
      }
      if (indexed_mentions_[s] == kNotIndexed) {
        sa->title_at.assign(sa->sentence.tokens.size(), -1);
        for (size_t t = 0; t < sa->titles.size(); ++t) {
          for (uint32_t k = sa->titles[t].first; k < sa->titles[t].last; ++k) sa->title_at[k] = static_cast<int>(t);
        }
      }
      indexed_mentions_[s] = n;
    }
  }

  const Lexicon& lexicon_;
  const Rules& rules_;
  Analysis& a_;
  std::vector<Pending> pending_;
  std::vector<const Mention*> back_mentions_;  // ResolvePronouns: people of an earlier sentence
  bool home_country_known_ = false;  // HomeCountryCode() has run
  std::vector<std::pair<size_t, uint32_t>> pronouns_;
  mutable std::string phrase_text_;  // Match's phrases, kept to reuse its buffer
  // The name tokens of ScanCapitalisedRun and ScanCapitalisedRunPlain, kept
  // to reuse their buffers.
  std::vector<uint32_t> run_words_, plain_run_words_;
  // By sentence: how many mentions it had when IndexAll last indexed it.
  static constexpr size_t kNotIndexed = ~size_t{0};
  std::vector<size_t> indexed_mentions_;
};

}  // namespace

std::string JoinTokens(const std::vector<Token>& tokens, uint32_t first, uint32_t last) {
  std::string out;
  for (uint32_t k = first; k < last; ++k) {
    if (k > first && tokens[k].kind != Token::Kind::kPossessive) out.push_back(' ');
    out += tokens[k].norm;
  }
  return out;
}

int Analysis::AddEntity(const std::string& key, const std::string& name, EntityType type,
                        const std::string& country, const std::string& surface) {
  auto [it, inserted] = entity_by_key.try_emplace(key, static_cast<int>(entities.size()));
  if (inserted) {
    Entity e;
    e.key = key;
    e.name = name.empty() ? surface : name;
    e.type = type;
    e.country = country;
    entities.push_back(std::move(e));
  }
  Entity& e = entities[it->second];
  if (e.country.empty()) e.country = country;
  std::string_view alias = surface;
  if (alias.rfind("the ", 0) == 0 || alias.rfind("The ", 0) == 0) alias.remove_prefix(4);
  if (!alias.empty() && alias != e.name &&
      std::find(e.aliases.begin(), e.aliases.end(), alias) == e.aliases.end()) {
    e.aliases.emplace_back(alias);
  }
  return it->second;
}

void FindMentions(const Lexicon& lexicon, const Rules& rules, Analysis* analysis) {
  MentionFinder(lexicon, rules, analysis).Run();
}

}  // namespace kg
