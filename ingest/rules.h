// The relation patterns and extraction cues of ingest/data/patterns.tsv
// (internal to ingest/). The built-in file is embedded in the binary; users
// add their own with --patterns. See the file's header for the format.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "ingest/word_set.h"

namespace kg {

struct RelationPattern {
  enum class Form { kVerb, kNoun };
  std::string type;                 // "visits"
  Form form = Form::kVerb;
  std::string lemma;                // head lemma, e.g. "visit"
  std::string particle;             // second word of a phrasal trigger ("hold talks")
  std::vector<std::string> preps;   // prepositions that introduce the target
  bool direct_object = false;       // "-" in the preps column
  bool subject_agent = false;
  bool possessor_target = false;
  bool receiver = false;
  bool concession = false;
  std::string type_for_person;      // "person-as=meets": the type when the target is a person
  bool needs_amount = false;        // "needs-amount": only with a sum of money ("gave £5m to")
  bool copula_agent = false;        // "copula-agent": the agent is the subject of a copula before
                                    // the noun ("Ann Hale is a keen advocate of ...")
  bool event_object = false;        // "event-object": the target hosts the event that is the object
                                    // ("attended the Nato summit")
  bool from_agent = false;          // "from-agent": the actor after the preposition acts on the
                                    // clause's subject ("came under fire from X")
  std::string word_before;           // "after=under": only right after this word ("under fire
                                    // from X"; "the fire from the hills" is shooting)
  bool past_form_only = false;      // "past-form": only as its -ed form ("funded by X"; not
                                    // "fund manager", "finance ministers")
  bool maker_object = false;        // "maker-object": the target must name the maker of the object
                                    // ("ordered 12 Airbus jets"; not "ordered Peru to pay")
  bool object_to_act = false;       // "object-to-act": only with the target right after the trigger
                                    // and then "to" and a verb ("called for Peru to pay"; not "called
                                    // for reform", "called for Peru to be given aid")
  std::string type_for_possessor;   // "possessor-as=supports": the type when the target owns what
                                    // follows ("agreed with the IMF's assessment")
  bool between_organizations = false;  // "organizations": only when both sides are organisations
                                       // ("Quorvik bought Tarlin"; not "shoppers bought Peruvian goods")

  bool operator==(const RelationPattern&) const = default;
};

// A definite description that stands for an actor named earlier: "the
// organisation", "the party", "the country".
struct Anaphor {
  enum class Scope {
    kAny,    // the nearest earlier actor of the type ("the organisation")
    kNamed,  // one whose name holds the word ("the commission")
    kHome,        // the article's own country ("the government" in a British paper)
    kHomeOrLast,  // that, else the country named last ("the country")
    kHomeBare,    // the article's own country, written without "the"
                  // ("ministers said", "government plans")
  };
  EntityType type = EntityType::kOrganization;
  Scope scope = Scope::kAny;
};

// "Tony Blair was Prime Minister of GBR from 1997-05-02 to 2007-06-27"
// (ingest/data/offices.tsv): resolves "the prime minister" to the holder
// an article names.
struct KnownOffice {
  std::string person;    // canonical name, as the lexicon gives it
  std::string title;     // as titles.tsv gives it ("Prime Minister")
  std::string body;      // ISO alpha-3 code ("GBR") or an organisation key ("org:un")
  std::string from, to;  // YYYY-MM-DD; `to` empty while in office

  // Whether the office was held on `date` (YYYY-MM-DD); any date when empty.
  bool HeldOn(const std::string& date) const {
    return date.empty() || (from <= date && (to.empty() || date <= to));
  }
};

struct Rules {
  // Differs between rule contents: Add gives the rules a new one, so that
  // what is kept about a word under one content (ingest/word_facts.h, which
  // may point into these rules) is never read under another. A copy gets a
  // new one too; a move keeps it, and the words it points to. (Change the
  // rules through Add only.)
  struct Id {
    uint64_t value = NewId();
    Id() = default;
    Id(const Id&) : value(NewId()) {}
    Id& operator=(const Id&) {
      value = NewId();
      return *this;
    }
    Id(Id&&) = default;
    Id& operator=(Id&&) = default;
  };
  Id id;
  static uint64_t NewId();

  // Patterns by head lemma (lower case).
  std::unordered_multimap<std::string, RelationPattern> verbs, nouns;
  std::vector<std::string> skip_line_prefixes;  // lower case
  WordMap<Modality> cues;         // word -> modality
  WordMap<Modality> attribution;  // lemma -> reported/claimed
  OwnedWordSet negations, recipient_verbs, concessions, light_verbs;
  OwnedWordSet facility_words, region_words;  // as written
  // "the Harbour Gazette newspaper", "the Quorvik hunt": lower-case nouns
  // after an unknown name that make it an organisation (lower case).
  OwnedWordSet organization_nouns;
  OwnedWordSet non_actors;  // acronyms that name no actor ("HIV", "GDP")
  WordMap<Anaphor> anaphors;  // lower-case noun -> what it may stand for
  // "both parties", "the two leaders": plural noun -> the type of the two
  // actors it stands for (nullopt: any actor type, "both sides").
  WordMap<std::optional<EntityType>> pair_nouns;
  OwnedWordSet negative_evaluations;
  OwnedWordSet positive_evaluations;  // "integrity", "courageous": a speaker praises
  // "said the executive is shirking its responsibility": verbs (lemmas) of
  // blameworthy conduct; a speaker who says an actor does this criticises it.
  OwnedWordSet blame_verbs;
  // "welcomed the news", "criticised the decision": what an actor did, so
  // a reaction to it targets the article's main actor.
  OwnedWordSet reaction_nouns;
  OwnedWordSet conduct_nouns;   // "praised the work of X": whose conduct is judged
  std::unordered_multimap<std::string, KnownOffice> offices_by_title;
  // The "Leader" and "member" rows whose body is an organisation (party
  // ties), by the person's canonical key ("person:michael howard").
  // "member" rows are kept here only.
  std::unordered_multimap<std::string, KnownOffice> party_ties_by_person;

  // The rules embedded in the binary (ingest/data/patterns.tsv and offices.tsv).
  static Result<Rules> Builtin();
  // Adds the rules of `text`; `name` is used in error messages.
  Status Add(std::string_view text, const std::string& name);
  Status AddFile(const std::string& path);

  bool SkipLine(std::string_view line) const;
};

}  // namespace kg
