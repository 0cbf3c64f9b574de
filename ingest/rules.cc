#include <algorithm>
#include "ingest/rules.h"

#include <atomic>
#include <fstream>
#include <sstream>

#include "ingest/lexicon.h"         // CanonicalKey
#include "ingest/patterns_data.h"  // generated: kPatternsTsv

namespace kg {
namespace {

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> fields;
  size_t pos = 0;
  while (pos <= line.size()) {
    size_t tab = line.find('\t', pos);
    if (tab == std::string_view::npos) tab = line.size();
    std::string f(line.substr(pos, tab - pos));
    while (!f.empty() && (f.back() == ' ' || f.back() == '\r')) f.pop_back();
    fields.push_back(std::move(f));
    pos = tab + 1;
  }
  return fields;
}

std::vector<std::string> SplitCommas(std::string_view s) {
  std::vector<std::string> out;
  std::stringstream ss{std::string(s)};
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status ParsePattern(const std::vector<std::string>& f, const std::string& where, RelationPattern* p) {
  if (f.size() < 4) return Status::InvalidArgument(where + ": a pattern needs FORM, TYPE, LEMMA and TARGET-PREPS");
  p->form = f[0] == "verb" ? RelationPattern::Form::kVerb : RelationPattern::Form::kNoun;
  p->type = f[1];
  std::string lemma = Lower(f[2]);
  size_t space = lemma.find(' ');
  p->lemma = lemma.substr(0, space);
  if (space != std::string::npos) p->particle = lemma.substr(space + 1);
  for (const auto& prep : SplitCommas(f[3])) {
    if (prep == "-") {
      p->direct_object = true;
    } else {
      p->preps.push_back(prep);
    }
  }
  if (f.size() > 4) {
    for (const auto& flag : SplitCommas(f[4])) {
      if (flag == "subject-agent") {
        p->subject_agent = true;
      } else if (flag == "possessor-target") {
        p->possessor_target = true;
      } else if (flag == "receiver") {
        p->receiver = true;
      } else if (flag == "concession") {
        p->concession = true;
      } else if (flag.rfind("person-as=", 0) == 0) {
        p->type_for_person = flag.substr(10);
      } else if (flag == "needs-amount") {
        p->needs_amount = true;
      } else if (flag == "copula-agent") {
        p->copula_agent = true;
      } else if (flag == "event-object") {
        p->event_object = true;
      } else if (flag == "from-agent") {
        p->from_agent = true;
      } else if (flag.rfind("after=", 0) == 0) {
        p->word_before = flag.substr(6);
      } else if (flag == "past-form") {
        p->past_form_only = true;
      } else if (flag == "maker-object") {
        p->maker_object = true;
      } else if (flag == "organizations") {
        p->between_organizations = true;
      } else if (flag == "object-to-act") {
        p->object_to_act = true;
      } else if (flag.rfind("possessor-as=", 0) == 0) {
        p->type_for_possessor = flag.substr(13);
      } else {
        return Status::InvalidArgument(where + ": unknown pattern flag \"" + flag + "\"");
      }
    }
  }
  if (p->lemma.empty()) return Status::InvalidArgument(where + ": empty lemma");
  return Status::Ok();
}

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

Result<Rules> Rules::Builtin() {
  Rules rules;
  Status s = rules.Add(kPatternsTsv, "ingest/data/patterns.tsv (built in)");
  if (!s.ok()) return s;
  s = rules.Add(kOfficesTsv, "ingest/data/offices.tsv (built in)");
  if (!s.ok()) return s;
  return rules;
}

Status Rules::AddFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open pattern file");
  std::stringstream ss;
  ss << in.rdbuf();
  return Add(ss.str(), path);
}

uint64_t Rules::NewId() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

Status Rules::Add(std::string_view text, const std::string& name) {
  id.value = NewId();
  size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = name + ":" + std::to_string(line_no);
    std::vector<std::string> f = SplitTabs(line);
    const std::string& kind = f[0];
    auto rest = [&f]() { return std::vector<std::string>(f.begin() + 1, f.end()); };
    if (kind == "verb" || kind == "noun") {
      RelationPattern p;
      KG_RETURN_IF_ERROR(ParsePattern(f, where, &p));
      auto& patterns = kind == "verb" ? verbs : nouns;
      // A pattern given twice (a user file repeating a built-in one) would
      // find every relation twice.
      auto [same_begin, same_end] = patterns.equal_range(p.lemma);
      if (std::none_of(same_begin, same_end, [&](const auto& entry) { return entry.second == p; })) {
        patterns.emplace(p.lemma, p);
      }
    } else if (kind == "skip-line") {
      if (f.size() < 2) return Status::InvalidArgument(where + ": skip-line needs a prefix");
      skip_line_prefixes.push_back(Lower(f[1]));
    } else if (kind == "cue" || kind == "attribution") {
      if (f.size() < 3) return Status::InvalidArgument(where + ": " + kind + " needs a modality and words");
      auto modality = ParseModality(f[1]);
      if (!modality) return Status::InvalidArgument(where + ": unknown modality \"" + f[1] + "\"");
      for (size_t i = 2; i < f.size(); ++i) (kind == "cue" ? cues : attribution)[Lower(f[i])] = *modality;
    } else if (kind == "negation") {
      for (auto& w : rest()) negations.insert(Lower(w));
    } else if (kind == "recipient-verb") {
      for (auto& w : rest()) recipient_verbs.insert(Lower(w));
    } else if (kind == "light-verb") {
      for (auto& w : rest()) light_verbs.insert(Lower(w));
    } else if (kind == "concession") {
      for (auto& w : rest()) concessions.insert(Lower(w));
    } else if (kind == "facility-word") {
      for (auto& w : rest()) facility_words.insert(w);
    } else if (kind == "organization-noun") {
      for (auto& w : rest()) organization_nouns.insert(Lower(w));
    } else if (kind == "non-actor") {
      for (auto& w : rest()) non_actors.insert(w);
    } else if (kind == "region-word") {
      for (auto& w : rest()) region_words.insert(w);
    } else if (kind == "anaphor") {
      if (f.size() < 4) return Status::InvalidArgument(where + ": anaphor needs a type, any|named and words");
      auto type = ParseEntityType(f[1]);
      if (!type) return Status::InvalidArgument(where + ": unknown entity type \"" + f[1] + "\"");
      Anaphor::Scope scope;
      if (f[2] == "any") {
        scope = Anaphor::Scope::kAny;
      } else if (f[2] == "named") {
        scope = Anaphor::Scope::kNamed;
      } else if (f[2] == "home" && *type == EntityType::kCountry) {
        scope = Anaphor::Scope::kHome;
      } else if (f[2] == "home-or-last" && *type == EntityType::kCountry) {
        scope = Anaphor::Scope::kHomeOrLast;
      } else if (f[2] == "home-bare" && *type == EntityType::kCountry) {
        scope = Anaphor::Scope::kHomeBare;
      } else {
        return Status::InvalidArgument(where + ": anaphor's third column must be any, named or (for Country) home, "
                                       "home-or-last or home-bare, not \"" + f[2] + "\"");
      }
      for (size_t i = 3; i < f.size(); ++i) anaphors[Lower(f[i])] = Anaphor{*type, scope};
    } else if (kind == "pair-noun") {
      if (f.size() < 3) return Status::InvalidArgument(where + ": pair-noun needs a type (or any) and words");
      std::optional<EntityType> type;
      if (f[1] != "any") {
        type = ParseEntityType(f[1]);
        if (!type) return Status::InvalidArgument(where + ": unknown entity type \"" + f[1] + "\"");
      }
      for (size_t i = 2; i < f.size(); ++i) pair_nouns[Lower(f[i])] = type;
    } else if (kind == "blame-verb") {
      for (auto& w : rest()) blame_verbs.insert(Lower(w));
    } else if (kind == "reaction-noun") {
      for (auto& w : rest()) reaction_nouns.insert(Lower(w));
    } else if (kind == "conduct-noun") {
      for (auto& w : rest()) conduct_nouns.insert(Lower(w));
    } else if (kind == "positive-evaluation") {
      for (auto& w : rest()) positive_evaluations.insert(Lower(w));
    } else if (kind == "negative-evaluation") {
      for (auto& w : rest()) negative_evaluations.insert(Lower(w));
    } else if (kind == "office") {
      if (f.size() < 5 || f.size() > 6) {
        return Status::InvalidArgument(where + ": office needs a person, a title, a body, a start date (may be "
                                       "empty for a membership) and (unless still in office) an end date");
      }
      KnownOffice o{f[1], f[2], f[3], f[4], f.size() == 6 ? f[5] : ""};
      if ((o.from.empty() && o.title != "member") || (!o.from.empty() && !IsIsoDate(o.from)) ||
          (!o.to.empty() && !IsIsoDate(o.to))) {
        return Status::InvalidArgument(where + ": office dates must be YYYY-MM-DD");
      }
      if ((o.title == "Leader" || o.title == "member") && o.body.rfind("org:", 0) == 0) {
        party_ties_by_person.emplace(CanonicalKey(EntityType::kPerson, o.person), o);
      }
      // (A membership is no office a description names, nor does it date an era.)
      if (o.title != "member") offices_by_title.emplace(o.title, std::move(o));
    } else {
      return Status::InvalidArgument(where + ": unknown directive \"" + kind + "\"");
    }
  }
  return Status::Ok();
}

bool Rules::SkipLine(std::string_view line) const {
  size_t b = line.find_first_not_of(" \t");
  if (b == std::string_view::npos) return false;
  line.remove_prefix(b);
  for (const auto& prefix : skip_line_prefixes) {
    if (line.size() < prefix.size()) continue;
    bool same = true;
    for (size_t i = 0; i < prefix.size() && same; ++i) {
      char c = line[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = c == prefix[i];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace kg
