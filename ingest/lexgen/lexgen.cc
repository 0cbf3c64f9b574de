// kg_lexgen: compiles kg's built-in lexicon once, at build time.
//
// Reads Debian's iso-codes (countries), WordNet 3.0 (lemmas, exception lists,
// vocabulary, demonym pertainyms, cities, US states, organisations) and the
// project's ingest/data/*.tsv files, resolves every surface form to one actor,
// and writes the binary layout of blob.h plus a C++ source that embeds it, so
// that the run-time lexicon costs no parsing at start-up.
//
//   kg_lexgen --iso iso_3166-1.json --wordnet /usr/share/wordnet
//             --data ingest/data --blob lexicon.bin --source lexicon_data.cc
//             [--dump surfaces.tsv]
//
// Any malformed input stops the build with "file:line: what is wrong".
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model.h"
#include "ingest/lexgen/blob.h"
#include "ingest/lexgen/fold.h"

namespace {

namespace fs = std::filesystem;
using kg::EntityType;
using kg::lexfold::FoldForLookup;
using kg::lexfold::NormalizeName;

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "kg_lexgen: " << message << "\n";
  std::exit(1);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die(path.string() + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.push_back(
        s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  return kg::lexfold::IsUpper(kg::lexfold::DecodeUtf8(s, i));
}

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string Underscores(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

size_t TokenCount(std::string_view folded) {
  return folded.empty() ? 0
                        : static_cast<size_t>(
                              std::count(folded.begin(), folded.end(), ' ')) +
                              1;
}

// ---------------------------------------------------------------------------
// TSV data files: '#' comments, blank lines ignored, fields tab-separated.

struct TsvLine {
  std::string where;  // "file:line"
  std::vector<std::string> fields;
};

std::vector<TsvLine> ReadTsv(const fs::path& path, size_t min_fields,
                             size_t max_fields) {
  std::string text = ReadFile(path);
  std::vector<TsvLine> lines;
  int number = 0;
  for (std::string_view raw : Split(text, '\n')) {
    ++number;
    std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    TsvLine out;
    out.where = path.filename().string() + ":" + std::to_string(number);
    for (std::string_view field : Split(line, '\t'))
      out.fields.emplace_back(Trim(field));
    while (!out.fields.empty() && out.fields.back().empty())
      out.fields.pop_back();
    if (out.fields.size() < min_fields || out.fields.size() > max_fields) {
      Die(out.where + ": expected " + std::to_string(min_fields) +
          (max_fields != min_fields ? "-" + std::to_string(max_fields) : "") +
          " tab-separated fields, found " + std::to_string(out.fields.size()));
    }
    for (const std::string& f : out.fields) {
      if (f.empty()) Die(out.where + ": empty field");
      if (f.size() > 255) Die(out.where + ": field longer than 255 bytes");
    }
    lines.push_back(std::move(out));
  }
  return lines;
}

bool IsAlpha3(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) {
           return c >= 'A' && c <= 'Z';
         });
}

// ---------------------------------------------------------------------------
// Diacritics to ASCII, so "Erdoğan" also answers to "Erdogan".

std::string AsciiFold(std::string_view s) {
  static const std::unordered_map<uint32_t, const char*> kMap = [] {
    std::unordered_map<uint32_t, const char*> m;
    const char* latin1 =  // U+00C0..U+00FF
        "A\0A\0A\0A\0A\0A\0AE\0C\0E\0E\0E\0E\0I\0I\0I\0I\0D\0N\0O\0O\0O\0O\0O\0"
        "\0O\0U\0U\0U\0U\0Y\0Th\0ss\0"
        "a\0a\0a\0a\0a\0a\0ae\0c\0e\0e\0e\0e\0i\0i\0i\0i\0d\0n\0o\0o\0o\0o\0o\0"
        "\0o\0u\0u\0u\0u\0y\0th\0y\0";
    const char* p = latin1;
    for (uint32_t cp = 0xC0; cp <= 0xFF; ++cp) {
      if (*p) m[cp] = p;
      p += std::strlen(p) + 1;
    }
    // Latin Extended-A, U+0100..U+017F, in pairs.
    const char* ext =
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnN"
        "nNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
    for (uint32_t i = 0; ext[i]; ++i) {
      static std::vector<std::string> storage(256);
      storage[i] = std::string(1, ext[i]);
      m[0x100 + i] = storage[i].c_str();
    }
    m[0x152] = "OE";
    m[0x153] = "oe";
    m[0x132] = "IJ";
    m[0x133] = "ij";
    m[0x218] = "S";  // Romanian comma-below letters
    m[0x219] = "s";
    m[0x21A] = "T";
    m[0x21B] = "t";
    return m;
  }();
  std::string out;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = kg::lexfold::DecodeUtf8(s, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
      continue;
    }
    auto it = kMap.find(cp);
    if (it != kMap.end()) {
      out += it->second;
    } else {
      kg::lexfold::AppendUtf8(out, cp);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// WordNet 3.0 database files (format: wndb(5)).

struct Pointer {
  std::string symbol;  // "@", "@i", "#p", "\\", ...
  char pos;            // 'n', 'v', 'a', 'r'
  uint32_t target;     // byte offset of the target synset in data.<pos>
  int source_word;     // 1-based word in this synset, 0 = the whole synset
};

struct Synset {
  uint32_t offset = 0;
  int lexfile = 0;
  std::vector<std::string> words;  // as written, underscores kept
  std::vector<Pointer> pointers;
  std::string gloss;
};

struct IndexEntry {
  std::vector<uint32_t>
      offsets;  // synsets in sense order (most frequent first)
};

class WordNet {
 public:
  explicit WordNet(const fs::path& dir) : dir_(dir) {
    LoadData("noun", &noun);
    LoadData("verb", &verb);
    LoadData("adj", &adj);
    LoadData("adv", &adv);
    LoadIndex("noun", &noun_index);
    LoadCounts();
  }

  std::unordered_map<uint32_t, Synset> noun, verb, adj, adv;
  std::unordered_map<std::string, IndexEntry>
      noun_index;  // "new_york" -> senses
  std::unordered_set<std::string>
      lower_words;  // single words with a lower-case sense
  std::unordered_set<std::string> verb_lemmas,
      noun_lemmas;  // lower-case single words
  // Tagged-corpus frequency of a lower-case word's senses that are not places
  // or people (cntlist.rev): > 0 means the word is in real common use.
  std::unordered_map<std::string, int> common_use;

  const Synset* Noun(uint32_t offset) const {
    auto it = noun.find(offset);
    return it == noun.end() ? nullptr : &it->second;
  }

  // Sense rank of `synset` among the senses of `lemma` (0 = first), or 99.
  int SenseRank(std::string_view lemma, uint32_t synset) const {
    auto it = noun_index.find(kg::lexfold::AsciiLower(lemma));
    if (it == noun_index.end()) return 99;
    const auto& offs = it->second.offsets;
    auto pos = std::find(offs.begin(), offs.end(), synset);
    return pos == offs.end() ? 99 : static_cast<int>(pos - offs.begin());
  }

  // Rank of the first sense of `lemma` in lexicographer file `lexfile`, or 99.
  int FirstRankInLexfile(std::string_view lemma, int lexfile) const {
    auto it = noun_index.find(kg::lexfold::AsciiLower(lemma));
    if (it == noun_index.end()) return 99;
    const auto& offs = it->second.offsets;
    for (size_t i = 0; i < offs.size(); ++i) {
      const Synset* s = Noun(offs[i]);
      if (s && s->lexfile == lexfile) return static_cast<int>(i);
    }
    return 99;
  }

  const fs::path& dir() const { return dir_; }

 private:
  void LoadData(const std::string& pos,
                std::unordered_map<uint32_t, Synset>* out) {
    const fs::path path = dir_ / ("data." + pos);
    std::string text = ReadFile(path);
    std::unordered_set<std::string>* lemmas = pos == "verb"   ? &verb_lemmas
                                              : pos == "noun" ? &noun_lemmas
                                                              : nullptr;
    int number = 0;
    for (std::string_view line : Split(text, '\n')) {
      ++number;
      if (line.empty() || line.front() == ' ') continue;  // licence header
      size_t bar = line.find(" | ");
      std::string_view head = line.substr(0, bar);
      std::vector<std::string_view> t;
      for (std::string_view tok : Split(head, ' ')) {
        if (!tok.empty()) t.push_back(tok);
      }
      auto bad = [&](const char* what) {
        Die(path.string() + ":" + std::to_string(number) + ": " + what);
      };
      if (t.size() < 6) bad("short synset line");
      Synset s;
      s.offset = static_cast<uint32_t>(std::stoul(std::string(t[0])));
      s.lexfile = std::stoi(std::string(t[1]));
      size_t words = std::stoul(std::string(t[3]), nullptr, 16);
      size_t i = 4;
      if (t.size() < i + 2 * words + 1) bad("truncated word list");
      for (size_t w = 0; w < words; ++w, i += 2) {
        std::string word(t[i]);
        if (size_t paren = word.find('(');
            paren != std::string::npos && word.back() == ')') {
          word.resize(paren);  // adjective markers "(a)", "(p)", "(ip)"
        }
        s.words.push_back(word);
        if (word.find('_') == std::string::npos &&
            kg::lexfold::AsciiLower(word) == word) {
          lower_words.insert(word);
          if (lemmas) lemmas->insert(word);
        }
      }
      size_t pointers = std::stoul(std::string(t[i++]));
      if (t.size() < i + 4 * pointers) bad("truncated pointer list");
      for (size_t p = 0; p < pointers; ++p, i += 4) {
        Pointer ptr;
        ptr.symbol = std::string(t[i]);
        ptr.target = static_cast<uint32_t>(std::stoul(std::string(t[i + 1])));
        ptr.pos = t[i + 2][0] == 's' ? 'a' : t[i + 2][0];
        ptr.source_word = static_cast<int>(
            std::stoul(std::string(t[i + 3]), nullptr, 16) >> 8);
        s.pointers.push_back(std::move(ptr));
      }
      if (bar != std::string_view::npos)
        s.gloss = std::string(Trim(line.substr(bar + 3)));
      const uint32_t offset = s.offset;
      out->emplace(offset, std::move(s));
    }
    if (out->empty()) Die(path.string() + ": no synsets");
  }

  void LoadIndex(const std::string& pos,
                 std::unordered_map<std::string, IndexEntry>* out) {
    const fs::path path = dir_ / ("index." + pos);
    std::string text = ReadFile(path);
    for (std::string_view line : Split(text, '\n')) {
      if (line.empty() || line.front() == ' ') continue;
      std::vector<std::string_view> t;
      for (std::string_view tok : Split(line, ' ')) {
        if (!tok.empty()) t.push_back(tok);
      }
      if (t.size() < 6) continue;
      size_t synsets = std::stoul(std::string(t[2]));
      size_t pointer_kinds = std::stoul(std::string(t[3]));
      size_t first = 4 + pointer_kinds + 2;
      IndexEntry entry;
      for (size_t k = 0; k < synsets && first + k < t.size(); ++k) {
        entry.offsets.push_back(
            static_cast<uint32_t>(std::stoul(std::string(t[first + k]))));
      }
      out->emplace(std::string(t[0]), std::move(entry));
    }
  }

  void LoadCounts() {
    const fs::path path = dir_ / "cntlist.rev";
    if (!fs::exists(path)) return;
    std::string text = ReadFile(path);
    for (std::string_view line : Split(text, '\n')) {
      // "reading%1:04:00:: 1 21": lemma%pos:lexfile:lexid:head:headid sense
      // count
      size_t pct = line.find('%');
      if (pct == std::string_view::npos) continue;
      std::string_view lemma = line.substr(0, pct);
      if (lemma.find('_') != std::string_view::npos) continue;
      std::vector<std::string_view> t = Split(line, ' ');
      if (t.size() < 3) continue;
      std::vector<std::string_view> key = Split(t[0].substr(pct + 1), ':');
      if (key.size() < 2) continue;
      const int ss_type = key[0].empty() ? 0 : key[0][0] - '0';
      const int lexfile = std::atoi(std::string(key[1]).c_str());
      if (ss_type == 1 && (lexfile == 15 || lexfile == 18))
        continue;  // places, people
      common_use[std::string(lemma)] += std::atoi(std::string(t[2]).c_str());
    }
  }

  fs::path dir_;
};

// Well-known synsets of WordNet 3.0 (byte offsets in data.noun).
constexpr uint32_t kCity = 8524735, kNationalCapital = 8691669, kPort = 8633957,
                   kStateCapital = 8695539, kTown = 8665504,
                   kProvincialCapital = 8695198, kCapital = 8518505,
                   kAmericanState = 8655464, kProvince = 8654360,
                   kWorldOrganization = 8294696,
                   kTerroristOrganization = 8392137;
constexpr int kLexLocation = 15, kLexPerson = 18, kLexGroup = 14;

// ---------------------------------------------------------------------------
// The lexicon under construction.

struct Entity {
  std::string key;
  std::string name;
  EntityType type;
  std::string country;
  bool keep = false;  // kept even when no surface resolves to it (countries)
  // For a place whose key got its country appended because another place
  // shares the name: the key without it, used if that other place is dropped.
  std::string plain_key;
  bool national_capital = false;
};

struct Candidate {
  uint32_t entity;
  int priority;  // lower wins
  std::string surface;
  std::string origin;  // for the dump
};

// Priorities: explicit project data beats derived knowledge.
constexpr int kPriorityData = 0, kPriorityCountry = 1, kPriorityCity = 10,
              kPriorityRegion = 40, kPriorityOrg = 60, kPrioritySurname = 80;

class Builder {
 public:
  explicit Builder(const std::unordered_set<std::string>* common)
      : common_(common) {}

  uint32_t Intern(Entity e) {
    auto it = by_key_.find(e.key);
    if (it != by_key_.end()) {
      Entity& old = entities_[it->second];
      if (old.country.empty()) old.country = e.country;
      old.keep = old.keep || e.keep;
      old.national_capital = old.national_capital || e.national_capital;
      return it->second;
    }
    entities_.push_back(std::move(e));
    by_key_.emplace(entities_.back().key, entities_.size() - 1);
    return static_cast<uint32_t>(entities_.size() - 1);
  }

  std::optional<uint32_t> FindKey(const std::string& key) const {
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    return it->second;
  }

  Entity& entity(uint32_t i) { return entities_[i]; }
  const Entity& entity(uint32_t i) const { return entities_[i]; }
  const std::vector<Entity>& entities() const { return entities_; }

  // Adds `surface` and its spelling variants (ASCII for accented letters,
  // "St" for "Saint", without a leading "The").
  void AddSurface(std::string_view surface, uint32_t entity, int priority,
                  std::string_view origin, bool demonym = false) {
    std::set<std::string> variants{std::string(surface)};
    std::string ascii = AsciiFold(surface);
    variants.insert(ascii);
    const bool strip_the =
        entities_[entity].type !=
        EntityType::kOrganization;  // "The Times" is no "Times"
    for (const std::string& v :
         std::vector<std::string>(variants.begin(), variants.end())) {
      if (v.rfind("Saint ", 0) == 0) variants.insert("St " + v.substr(6));
      if (strip_the && (v.rfind("The ", 0) == 0 || v.rfind("the ", 0) == 0))
        variants.insert(v.substr(4));
    }
    for (const std::string& v : variants) {
      std::string folded = FoldForLookup(v, true);
      if (folded.size() < 2) continue;
      auto& list = (demonym ? demonyms_ : names_)[folded];
      list.push_back(Candidate{entity, priority, v, std::string(origin)});
    }
  }

  bool HasDemonym(std::string_view surface) const {
    return demonyms_.count(FoldForLookup(surface, true)) > 0;
  }

  // The entity that currently wins `surface`, if any, with its priority.
  std::optional<std::pair<uint32_t, int>> Best(std::string_view surface) const {
    auto it = names_.find(FoldForLookup(surface, true));
    if (it == names_.end() || it->second.empty()) return std::nullopt;
    const Candidate* best = &it->second.front();
    for (const Candidate& c : it->second) {
      if (c.priority < best->priority) best = &c;
    }
    return std::make_pair(best->entity, best->priority);
  }

  // The data-file entity of type `type` (and `country`, when given) that one
  // of `surfaces` already names: WordNet knowledge about it merges into it.
  std::optional<uint32_t> DataEntityFor(
      const std::vector<std::string>& surfaces, EntityType type,
      const std::string& country) const {
    for (const std::string& s : surfaces) {
      auto it = names_.find(FoldForLookup(s, true));
      if (it == names_.end()) continue;
      for (const Candidate& c : it->second) {
        const Entity& e = entities_[c.entity];
        if (c.priority == kPriorityData && e.type == type &&
            (country.empty() || e.country.empty() || e.country == country)) {
          return c.entity;
        }
      }
    }
    return std::nullopt;
  }

  bool IsCommonPhrase(std::string_view surface) const {
    std::string folded = FoldForLookup(surface, true);
    for (std::string_view tok : Split(folded, ' ')) {
      if (!common_->count(std::string(tok))) return false;
    }
    return true;
  }

  // Exact case for acronyms: no lower-case letter, at least two letters or
  // digits and at least one letter ("US", "U.S.", "G7", "NATO").
  static bool IsAcronym(std::string_view surface) {
    int alnum = 0, letters = 0;
    for (char c : surface) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++letters;
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ++alnum;
      if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return letters >= 1 && alnum >= 2;
  }

  struct Resolved {
    std::string key;      // folded lower-case surface
    std::string surface;  // case-kept fold
    uint32_t entity;
    uint32_t flags;
    std::string origin;
    std::string original;
  };

  std::vector<Resolved> Resolve(bool demonym) const {
    std::vector<Resolved> out;
    for (const auto& [folded, all] : demonym ? demonyms_ : names_) {
      // The winner takes the surface. Only if it answers to capitals alone
      // ("SANA", the agency) does the runner-up keep the other spellings
      // ("Sana", the city).
      std::vector<Candidate> list(all);
      std::stable_sort(list.begin(), list.end(),
                       [](const Candidate& a, const Candidate& b) {
                         return a.priority < b.priority;
                       });
      const size_t before = out.size();
      ResolveEntity(folded, list, list.front().entity, demonym, &out);
      const bool exact_only = std::all_of(
          out.begin() + static_cast<long>(before), out.end(),
          [](const Resolved& r) { return r.flags == kg::lexblob::kExactCase; });
      if (exact_only) {
        for (const Candidate& c : list) {
          if (c.entity != list.front().entity && !IsAcronym(c.surface)) {
            ResolveEntity(folded, list, c.entity, demonym, &out);
            break;
          }
        }
      }
    }
    std::sort(out.begin(), out.end(), [](const Resolved& a, const Resolved& b) {
      return std::tie(a.key, a.flags, a.surface) <
             std::tie(b.key, b.flags, b.surface);
    });
    return out;
  }

 private:
  // The records that `entity` keeps for one folded surface.
  void ResolveEntity(const std::string& folded,
                     const std::vector<Candidate>& list, uint32_t entity,
                     bool demonym, std::vector<Resolved>* out) const {
    {
      std::vector<Resolved> records;
      bool insensitive = false;
      for (const Candidate& c : list) {
        if (c.entity != entity) continue;
        uint32_t flags = 0;
        if (IsAcronym(c.surface)) {
          flags = kg::lexblob::kExactCase;
        } else if (StartsUpperAnywhere(c.surface) &&
                   IsCommonPhrase(c.surface)) {
          flags = kg::lexblob::kNeedsCapitals;
        }
        // Demonyms check their initial capital at run time; only acronyms
        // ("US", "UK") need more.
        if (demonym && flags != kg::lexblob::kExactCase) flags = 0;
        if (flags == 0) insensitive = true;
        records.push_back(Resolved{folded, FoldForLookup(c.surface, false),
                                   c.entity, flags, c.origin, c.surface});
      }
      if (insensitive) {
        for (const Resolved& r : records) {
          if (r.flags == 0) {
            out->push_back(r);
            break;
          }
        }
        return;
      }
      // Keep the case-insensitive-but-capitalised form if there is one,
      // otherwise each distinct exact spelling.
      for (const Resolved& r : records) {
        if (r.flags == kg::lexblob::kNeedsCapitals) {
          out->push_back(r);
          return;
        }
      }
      std::set<std::string> seen;
      for (const Resolved& r : records) {
        if (seen.insert(r.surface).second) out->push_back(r);
      }
    }
  }

  static bool StartsUpperAnywhere(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      if (kg::lexfold::IsUpper(kg::lexfold::DecodeUtf8(s, i))) return true;
    }
    return false;
  }

  const std::unordered_set<std::string>* common_;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, uint32_t> by_key_;
  std::map<std::string, std::vector<Candidate>> names_;
  std::map<std::string, std::vector<Candidate>> demonyms_;
};

std::string KeyFor(EntityType type, std::string_view name) {
  static const char* kPrefix[] = {
      "person:", "country:", "city:", "region:", "org:", "facility:"};
  return kPrefix[static_cast<int>(type)] + NormalizeName(name);
}

// ---------------------------------------------------------------------------
// The compiler proper.

class LexGen {
 public:
  LexGen(const fs::path& iso, const fs::path& wordnet, const fs::path& data)
      : iso_(iso), data_(data), wn_(wordnet), builder_(&common_) {}

  void Run() {
    LoadWordLists();
    LoadCountries();
    for (const char* file : {"regions.tsv", "organizations.tsv", "persons.tsv",
                             "cities.tsv", "facilities.tsv"}) {
      LoadEntityFile(file);
    }
    MapCountrySynsets();
    LoadWordNetPlaces();
    LoadWordNetOrganizations();
    LoadDemonyms();
    AddSurnames();
  }

  void Write(const fs::path& blob_path, const fs::path& source_path,
             const fs::path& dump_path);

 private:
  // Vocabulary, function words, lemma exceptions, given names, titles, head
  // words.
  void LoadWordLists() {
    common_ = wn_.lower_words;
    for (const TsvLine& l : ReadTsv(data_ / "function_words.tsv", 1, 1)) {
      common_.insert(kg::lexfold::AsciiLower(l.fields[0]));
    }
    LoadExceptions("verb.exc", &verb_exc_);
    LoadExceptions("noun.exc", &noun_exc_);
    std::map<std::string, std::string> adj_exc;
    LoadExceptions("adj.exc", &adj_exc);
    for (const TsvLine& l : ReadTsv(data_ / "lemmas_extra.tsv", 3, 3)) {
      if (l.fields[0] == "verb") {
        verb_exc_[l.fields[1]] = l.fields[2];
      } else if (l.fields[0] == "noun") {
        noun_exc_[l.fields[1]] = l.fields[2];
      } else {
        Die(l.where + ": part of speech must be verb or noun");
      }
    }
    for (const auto* table : {&verb_exc_, &noun_exc_, &adj_exc}) {
      for (const auto& [form, lemma] : *table) common_.insert(form);
    }
    for (const TsvLine& l : ReadTsv(data_ / "given_names.tsv", 1, 1)) {
      given_names_.insert(FoldForLookup(l.fields[0], true));
    }
    for (const TsvLine& l : ReadTsv(data_ / "titles.tsv", 1, 2)) {
      const std::string& canonical =
          l.fields.size() > 1 ? l.fields[1] : l.fields[0];
      titles_[NormalizeName(l.fields[0])] = canonical;
      titles_.emplace(NormalizeName(canonical), canonical);
    }
    for (const TsvLine& l : ReadTsv(data_ / "org_words.tsv", 2, 2)) {
      uint32_t kind = l.fields[1] == "Organization"
                          ? kg::lexblob::kOrganizationWord
                      : l.fields[1] == "Facility" ? kg::lexblob::kFacilityWord
                                                  : 0u;
      if (!kind) Die(l.where + ": kind must be Organization or Facility");
      head_words_[kg::lexfold::AsciiLower(l.fields[0])] = kind;
    }
  }

  void LoadExceptions(const std::string& file,
                      std::map<std::string, std::string>* out) {
    std::string text = ReadFile(wn_.dir() / file);
    for (std::string_view line : Split(text, '\n')) {
      std::vector<std::string_view> t = Split(Trim(line), ' ');
      if (t.size() < 2 || t[0].find('_') != std::string_view::npos) continue;
      out->emplace(std::string(t[0]), Underscores(t[1]));  // first lemma wins
    }
  }

  // iso-codes countries plus project names and abbreviations.
  void LoadCountries() {
    std::map<std::string, std::string> familiar;
    for (const TsvLine& l : ReadTsv(data_ / "country_names.tsv", 2, 2)) {
      if (!IsAlpha3(l.fields[0]))
        Die(l.where + ": not an ISO alpha-3 code: " + l.fields[0]);
      familiar[l.fields[0]] = l.fields[1];
    }
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(ReadFile(iso_));
    } catch (const std::exception& e) {
      Die(iso_.string() + ": " + e.what());
    }
    const auto& list = doc.at("3166-1");
    for (const auto& c : list) {
      const std::string a3 = c.at("alpha_3").get<std::string>();
      const std::string iso_name = c.at("name").get<std::string>();
      std::vector<std::string> names{iso_name};
      for (const char* field : {"official_name", "common_name"}) {
        if (c.contains(field)) names.push_back(c.at(field).get<std::string>());
      }
      std::string canonical = c.contains("common_name")
                                  ? c.at("common_name").get<std::string>()
                                  : iso_name;
      if (auto it = familiar.find(a3); it != familiar.end()) {
        canonical = it->second;
        names.push_back(canonical);
        familiar.erase(it);
      }
      const uint32_t e = builder_.Intern(Entity{
          "country:" + a3, canonical, EntityType::kCountry, a3, true, ""});
      for (const std::string& n : names) {
        for (const std::string& v : CountryNameVariants(n)) {
          builder_.AddSurface(v, e, kPriorityCountry, "iso");
        }
      }
    }
    if (!familiar.empty())
      Die("country_names.tsv: unknown country " + familiar.begin()->first);
    for (const TsvLine& l : ReadTsv(data_ / "countries_extra.tsv", 2, 2)) {
      auto e = builder_.FindKey("country:" + l.fields[1]);
      if (!IsAlpha3(l.fields[1]) || !e)
        Die(l.where + ": unknown country code " + l.fields[1]);
      builder_.AddSurface(l.fields[0], *e, kPriorityCountry, "countries_extra");
    }
  }

  // "Korea, Republic of" -> "Republic of Korea"; "Falkland Islands
  // (Malvinas)" -> "Falkland Islands", "Malvinas".
  static std::vector<std::string> CountryNameVariants(const std::string& name) {
    std::vector<std::string> out{name};
    std::string base = name;
    if (size_t open = name.find(" (");
        open != std::string::npos && name.back() == ')') {
      std::string inner = name.substr(open + 2, name.size() - open - 3);
      base = name.substr(0, open);
      out.push_back(base);
      if (inner.find("part") == std::string::npos && StartsUpper(inner))
        out.push_back(inner);
    }
    if (size_t comma = base.find(", "); comma != std::string::npos) {
      std::string head = base.substr(0, comma), tail = base.substr(comma + 2);
      auto ends_with = [&](std::string_view suffix) {
        return tail.size() >= suffix.size() &&
               tail.compare(tail.size() - suffix.size(), suffix.size(),
                            suffix) == 0;
      };
      if (ends_with(" of") || ends_with(" of the") ||
          tail.find(' ') == std::string::npos) {
        out.push_back(tail + " " + head);
      }
    }
    return out;
  }

  // persons/organizations/regions/cities/facilities: surface, type, canonical[,
  // alpha-3].
  void LoadEntityFile(const std::string& file) {
    for (const TsvLine& l : ReadTsv(data_ / file, 3, 4)) {
      auto type = kg::ParseEntityType(l.fields[1]);
      if (!type) Die(l.where + ": unknown entity type " + l.fields[1]);
      std::string country = l.fields.size() > 3 ? l.fields[3] : "";
      if (!country.empty() &&
          (!IsAlpha3(country) || !builder_.FindKey("country:" + country))) {
        Die(l.where + ": unknown country code " + country);
      }
      uint32_t e;
      if (*type == EntityType::kCountry) {
        auto c = builder_.FindKey("country:" + country);
        if (!c) Die(l.where + ": a Country line needs its alpha-3 code");
        e = *c;
      } else {
        e = builder_.Intern(Entity{KeyFor(*type, l.fields[2]), l.fields[2],
                                   *type, country, false, ""});
        if (builder_.entity(e).name != l.fields[2]) {
          Die(l.where + ": canonical name \"" + l.fields[2] +
              "\" collides with \"" + builder_.entity(e).name + "\"");
        }
        builder_.AddSurface(l.fields[2], e, kPriorityData, file);
      }
      builder_.AddSurface(l.fields[0], e, kPriorityData, file);
      if (*type == EntityType::kPerson) person_names_[e].push_back(l.fields[0]);
    }
  }

  // WordNet synsets that are countries: a location whose lemma is a country
  // surface, unless WordNet places it inside another country (the US state
  // Georgia). Among several matching lemmas the longest decides ("Congo" vs
  // "Democratic Republic of the Congo").
  void MapCountrySynsets() {
    for (const auto& [offset, s] : wn_.noun) {
      if (s.lexfile != kLexLocation) continue;
      std::optional<uint32_t> best;
      size_t best_tokens = 0;
      for (const std::string& w : s.words) {
        auto hit = builder_.Best(Underscores(w));
        if (!hit || hit->second > kPriorityCountry) continue;
        if (builder_.entity(hit->first).type != EntityType::kCountry) continue;
        size_t tokens = TokenCount(FoldForLookup(Underscores(w), true));
        if (!best || tokens > best_tokens) {
          best = hit->first;
          best_tokens = tokens;
        }
      }
      if (best) country_synset_[offset] = *best;
    }
    std::vector<uint32_t> inside_other;
    for (const auto& [offset, country] : country_synset_) {
      const Synset* s = wn_.Noun(offset);
      for (const Pointer& p : s->pointers) {
        if (p.symbol != "#p") continue;
        auto holder = CountryOf(p.target, 0);
        if (holder && *holder != country) inside_other.push_back(offset);
      }
    }
    for (uint32_t o : inside_other) country_synset_.erase(o);
  }

  // The country a place belongs to, following part holonyms.
  std::optional<uint32_t> CountryOf(uint32_t offset, int depth) const {
    if (auto it = country_synset_.find(offset); it != country_synset_.end())
      return it->second;
    if (depth > 4) return std::nullopt;
    const Synset* s = wn_.Noun(offset);
    if (!s) return std::nullopt;
    for (const Pointer& p : s->pointers) {
      if (p.symbol == "#p" && p.pos == 'n') {
        if (auto c = CountryOf(p.target, depth + 1)) return c;
      }
    }
    return std::nullopt;
  }

  // A country named in a gloss ("a port city in Japan on Osaka Bay").
  std::optional<uint32_t> CountryInGloss(const std::string& gloss) const {
    std::vector<std::string> words;
    std::string cur;
    for (char c : gloss) {
      if (IsAsciiAlpha(c) || c == '\'' || c == '-' ||
          static_cast<unsigned char>(c) >= 0x80) {
        cur += c;
      } else {
        if (!cur.empty()) words.push_back(cur);
        cur.clear();
        if (c == ';' || c == '"') break;  // examples follow
      }
    }
    if (!cur.empty()) words.push_back(cur);
    for (size_t i = 0; i < words.size(); ++i) {
      if (!StartsUpper(words[i])) continue;
      for (size_t n = std::min<size_t>(6, words.size() - i); n >= 1; --n) {
        std::string phrase = words[i];
        for (size_t k = 1; k < n; ++k) phrase += " " + words[i + k];
        if (american_states_.count(phrase)) break;
        auto hit = builder_.Best(phrase);
        if (!hit) continue;
        if (hit->second == kPriorityCountry) return hit->first;
        // A region of the project data that belongs to a country ("England").
        const Entity& e = builder_.entity(hit->first);
        if (hit->second == kPriorityData && e.type == EntityType::kRegion &&
            !e.country.empty()) {
          return builder_.FindKey("country:" + e.country);
        }
      }
    }
    return std::nullopt;
  }

  bool HasInstanceOf(const Synset& s,
                     std::initializer_list<uint32_t> classes) const {
    for (const Pointer& p : s.pointers) {
      if (p.symbol == "@i" && std::find(classes.begin(), classes.end(),
                                        p.target) != classes.end()) {
        return true;
      }
    }
    return false;
  }

  // Whether a one-word place or organisation surface is safe: not a word in
  // real common use ("Reading", "Nice", "Split"), and not a person's name
  // that WordNet ranks before the place ("Lincoln", "Jackson"), except for
  // national capitals that are no given name ("Washington", "Wellington").
  bool SafeSingleWord(const std::string& word, const Synset& s,
                      bool national_capital) const {
    if (word.find('_') != std::string::npos) return true;
    const std::string lower = kg::lexfold::AsciiLower(word);
    for (const std::string& form :
         {lower, lower.size() > 3 && lower.back() == 's'
                     ? lower.substr(0, lower.size() - 1)
                     : ""}) {
      // The word itself, or the singular of a plural ("Tigers").
      if (!form.empty() && wn_.lower_words.count(form)) {
        auto it = wn_.common_use.find(form);
        if (it != wn_.common_use.end() && it->second > 0) return false;
      }
    }
    if (IsFunctionWord(lower)) return false;
    // "Gary Lineker" is no one from Gary, Indiana: a city that is also a given
    // name must be a national capital ("Sofia").
    if (given_names_.count(lower) && !national_capital &&
        !HasInstanceOf(s, {kAmericanState, kProvince})) {
      return false;
    }
    // US states keep their names ("Delaware"); where a country or the
    // capital shares one ("Georgia", "Washington"), it wins anyway.
    if (HasInstanceOf(s, {kAmericanState})) return true;
    const int person = wn_.FirstRankInLexfile(word, kLexPerson);
    if (person == 99) return true;
    if (wn_.SenseRank(word, s.offset) < person) return true;
    return national_capital && !given_names_.count(lower);
  }

  // A function word or inflected form ("upon", "sought"): common, but no
  // WordNet lemma.
  bool IsFunctionWord(const std::string& lower) const {
    return common_.count(lower) && !wn_.lower_words.count(lower);
  }

  // Cities (with their country) and US states / provinces from WordNet.
  void LoadWordNetPlaces() {
    for (const auto& [offset, s] : wn_.noun) {
      if (HasInstanceOf(s, {kAmericanState})) {
        for (const std::string& w : s.words)
          american_states_.insert(Underscores(w));
      }
    }
    struct Place {
      const Synset* synset;
      EntityType type;
      uint32_t country;
      bool capital;
    };
    std::vector<Place> places;
    for (const auto& [offset, s] : wn_.noun) {
      if (s.lexfile != kLexLocation || country_synset_.count(offset)) continue;
      EntityType type;
      if (HasInstanceOf(s, {kCity, kNationalCapital, kPort, kStateCapital,
                            kTown, kProvincialCapital, kCapital})) {
        type = EntityType::kCity;
      } else if (HasInstanceOf(s, {kAmericanState, kProvince})) {
        type = EntityType::kRegion;
      } else {
        continue;
      }
      auto country = CountryOf(offset, 0);
      if (!country) country = CountryInGloss(s.gloss);
      if (!country) continue;
      places.push_back(
          Place{&s, type, *country, HasInstanceOf(s, {kNationalCapital})});
    }
    // Deterministic order: capitals first, then by offset.
    std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
      return std::tie(b.capital, a.synset->offset) <
             std::tie(a.capital, b.synset->offset);
    });
    for (const Place& p : places) {
      const Synset& s = *p.synset;
      const std::string a3 = builder_.entity(p.country)
                                 .country;  // a copy: Intern grows the entities
      std::vector<std::string> surfaces;
      for (size_t i = 0; i < s.words.size(); ++i) {
        const std::string& w = s.words[i];
        std::string surface = Underscores(w);
        if (!StartsUpper(surface)) continue;  // "capital_of_Japan"
        // Postal codes ("GA", "WA"), abbreviations ("Calif.") and nicknames
        // made of common words ("Windy City", "Empire State") are left out.
        if (Builder::IsAcronym(surface) && surface.size() <= 2) continue;
        if (surface.back() == '.') continue;
        if (i > 0 && builder_.IsCommonPhrase(surface)) continue;
        if (!SafeSingleWord(w, s, p.capital)) continue;
        // A town or ancient city whose name is also a word ("Flagstaff",
        // "Sodom") is more often the word.
        if (p.type == EntityType::kCity && w.find('_') == std::string::npos &&
            !p.capital && common_.count(kg::lexfold::AsciiLower(w)) &&
            (s.gloss.find("ancient") != std::string::npos ||
             !HasInstanceOf(s, {kCity, kPort, kStateCapital, kProvincialCapital,
                                kCapital}))) {
          continue;
        }
        surfaces.push_back(surface);
      }
      if (surfaces.empty()) continue;
      std::optional<uint32_t> e = builder_.DataEntityFor(surfaces, p.type, a3);
      if (!e) {
        std::string canonical;
        for (const std::string& w : surfaces) {
          if (w.find("capital") == std::string::npos &&
              !Builder::IsAcronym(w)) {
            canonical = w;
            break;
          }
        }
        if (canonical.empty()) continue;
        // Birmingham (GBR) and Birmingham (USA) need distinct keys.
        const std::string plain = KeyFor(p.type, canonical);
        std::string key = plain;
        if (auto old = builder_.FindKey(key);
            old && builder_.entity(*old).country != a3) {
          key += " " + kg::lexfold::AsciiLower(a3);
        }
        e = builder_.Intern(Entity{key, canonical, p.type, a3, false,
                                   key == plain ? "" : plain});
      }
      // The data files' cities (Kyiv) learn it from WordNet's synset too.
      if (p.capital) builder_.entity(*e).national_capital = true;
      // Among places sharing a name: national capitals first, towns and
      // ancient cities last; an American namesake yields to the original
      // ("Birmingham", "Cambridge", "St Petersburg") unless it is a state
      // capital; otherwise WordNet's sense order decides.
      int preference =
          p.type == EntityType::kCity ? kPriorityCity : kPriorityRegion;
      if (p.capital) preference -= 3;
      if (p.type == EntityType::kCity &&
          !HasInstanceOf(s, {kCity, kPort, kNationalCapital, kStateCapital,
                             kProvincialCapital, kCapital})) {
        preference += 4;  // a town only
      }
      if (a3 == "USA" && !HasInstanceOf(s, {kStateCapital})) preference += 3;
      if (s.gloss.find("ancient") != std::string::npos) preference += 6;
      for (const std::string& surface : surfaces) {
        const int rank =
            std::min(wn_.SenseRank(UnderscoreLower(surface), s.offset), 5);
        builder_.AddSurface(surface, *e, preference + rank, "wordnet");
      }
    }
  }

  static std::string UnderscoreLower(std::string_view s) {
    std::string out = kg::lexfold::AsciiLower(s);
    std::replace(out.begin(), out.end(), ' ', '_');
    return out;
  }

  // International organisations and terrorist groups from WordNet; an
  // all-capitals synonym (NATO, UN, OPEC) becomes the canonical name.
  void LoadWordNetOrganizations() {
    std::unordered_map<uint32_t, std::vector<uint32_t>> hyponyms;
    for (const auto& [offset, s] : wn_.noun) {
      for (const Pointer& p : s.pointers) {
        if ((p.symbol == "@" || p.symbol == "@i") && p.pos == 'n')
          hyponyms[p.target].push_back(offset);
      }
    }
    std::vector<std::pair<uint32_t, bool>> orgs;  // synset, world organisation
    std::vector<uint32_t> stack{kWorldOrganization};
    std::set<uint32_t> seen;
    while (!stack.empty()) {
      uint32_t o = stack.back();
      stack.pop_back();
      if (!seen.insert(o).second) continue;
      for (uint32_t h : hyponyms[o]) {
        stack.push_back(h);
        const Synset* s = wn_.Noun(h);
        if (s && s->lexfile == kLexGroup && StartsUpper(s->words[0]))
          orgs.emplace_back(h, true);
      }
    }
    for (uint32_t h : hyponyms[kTerroristOrganization]) {
      const Synset* s = wn_.Noun(h);
      if (s && HasInstanceOf(*s, {kTerroristOrganization}))
        orgs.emplace_back(h, false);
    }
    std::sort(orgs.begin(), orgs.end());
    orgs.erase(std::unique(orgs.begin(), orgs.end()), orgs.end());
    for (const auto& [offset, world] : orgs) {
      const Synset& s = *wn_.Noun(offset);
      std::vector<std::string> surfaces;
      std::string acronym;
      for (const std::string& w : s.words) {
        std::string surface = Underscores(w);
        if (!StartsUpper(surface)) continue;
        bool acro = Builder::IsAcronym(surface);
        if (acro && surface.size() < 3 && !world)
          continue;  // "BR": too ambiguous
        if (!acro && !SafeSingleWord(w, s, false)) continue;
        if (acro && acronym.empty() && surface.find('.') == std::string::npos)
          acronym = surface;
        surfaces.push_back(surface);
      }
      if (surfaces.empty()) continue;
      // Merge into a data-file organisation only by the synset's main name:
      // a stray synonym ("People's Liberation Army" for the INLA) must not.
      std::optional<uint32_t> e = builder_.DataEntityFor(
          {Underscores(s.words[0])}, EntityType::kOrganization, "");
      if (!e) {
        std::string canonical =
            acronym.empty() ? Underscores(s.words[0]) : acronym;
        e = builder_.Intern(Entity{KeyFor(EntityType::kOrganization, canonical),
                                   canonical, EntityType::kOrganization, "",
                                   false, ""});
      }
      for (const std::string& surface : surfaces) {
        int rank =
            std::min(wn_.SenseRank(UnderscoreLower(surface), offset), 20);
        builder_.AddSurface(surface, *e, kPriorityOrg + rank, "wordnet");
      }
    }
  }

  // A person also answers to the distinctive surname of the canonical name
  // ("Putin", "Blair"): unless it is a common word, a given name or a
  // demonym, two persons of the lexicon share it, or WordNet knows several
  // famous people by it ("Kennedy", "Adams"). East Asian names put the
  // family name first; those stay explicit in persons.tsv.
  void AddSurnames() {
    static const std::set<std::string> kSurnameFirst = {
        "CHN", "PRK", "KOR", "TWN", "HKG", "VNM", "MNG", "MAC", "MMR"};
    static const std::set<std::string> kSuffixes = {
        "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "V", "XIV", "XVI"};
    std::map<std::string, std::vector<uint32_t>> by_surname;
    std::set<std::string> no_alias;
    for (const auto& [e, surfaces] : person_names_) {
      const Entity& p = builder_.entity(e);
      std::set<std::string> names{p.name, AsciiFold(p.name)};
      for (const std::string& surface : surfaces) {
        if (AsciiFold(surface) == AsciiFold(p.name))
          names.insert(surface);  // "Erdoğan"
      }
      for (const std::string& name : names) {
        std::vector<std::string_view> tokens = Split(name, ' ');
        if (tokens.size() < 2) continue;
        // Given names, for IsGivenName: first token of Western-order names.
        std::string first = FoldForLookup(tokens.front(), true);
        if (!kSurnameFirst.count(p.country) && first.size() > 1 &&
            first.find(' ') == std::string::npos &&
            !titles_.count(NormalizeName(first)) &&
            (name == p.name || name == AsciiFold(p.name))) {
          person_given_names_.insert(first);
        }
        if (kSurnameFirst.count(p.country)) continue;
        std::string last(tokens.back());
        bool suffixed = false;
        if (kSuffixes.count(last) &&
            tokens.size() > 2) {  // "Robert F. Kennedy Jr." counts as a Kennedy
          last = std::string(tokens[tokens.size() - 2]);
          suffixed = true;
        }
        if (last.size() < 3 || !StartsUpper(last)) continue;
        auto& list = by_surname[last];
        if (std::find(list.begin(), list.end(), e) == list.end())
          list.push_back(e);
        if (suffixed) no_alias.insert(last);
        std::string lower = FoldForLookup(last, true),
                    ascii = FoldForLookup(AsciiFold(last), true);
        if (last.size() < 4 || common_.count(lower) || common_.count(ascii) ||
            given_names_.count(lower) || given_names_.count(ascii) ||
            builder_.HasDemonym(last) || builder_.HasDemonym(AsciiFold(last))) {
          no_alias.insert(last);
          continue;
        }
        if (CountPersonSenses(ascii) >= 2) no_alias.insert(last);
        if (lower.size() > 4 &&
            lower.back() == 's') {  // "Balls": plural of a word in use
          auto it = wn_.common_use.find(lower.substr(0, lower.size() - 1));
          if (it != wn_.common_use.end() && it->second > 0)
            no_alias.insert(last);
        }
      }
    }
    for (const auto& [surname, list] : by_surname) {
      if (list.size() == 1 && !no_alias.count(surname) &&
          !builder_.Best(surname)) {
        builder_.AddSurface(surname, list.front(), kPrioritySurname, "surname");
      }
    }
  }

  int CountPersonSenses(const std::string& lower) const {
    auto it = wn_.noun_index.find(lower);
    if (it == wn_.noun_index.end()) return 0;
    int n = 0;
    for (uint32_t o : it->second.offsets) {
      const Synset* s = wn_.Noun(o);
      if (s && s->lexfile == kLexPerson) ++n;
    }
    return n;
  }

  // Demonyms: project data first, then WordNet adjective pertainyms that
  // point at a country ("Russian" \ Russia), plus plural nouns ("Russians").
  void LoadDemonyms() {
    for (const TsvLine& l : ReadTsv(data_ / "demonyms.tsv", 2, 2)) {
      const std::string& target = l.fields[1];
      if (target == "-") {  // WordNet's pertainym is no demonym ("Caucasian")
        suppressed_demonyms_.insert(l.fields[0]);
        continue;
      }
      std::optional<uint32_t> e = target.find(':') != std::string::npos
                                      ? builder_.FindKey(target)
                                      : builder_.FindKey("country:" + target);
      if (!e)
        Die(l.where + ": unknown target " + target +
            " (alpha-3 code or entity key)");
      AddDemonym(l.fields[0], *e, kPriorityData, "demonyms.tsv");
    }
    for (const auto& [offset, s] : wn_.adj) {
      for (const Pointer& p : s.pointers) {
        if (p.symbol != "\\" || p.pos != 'n') continue;
        std::optional<uint32_t> e;
        if (auto it = country_synset_.find(p.target);
            it != country_synset_.end()) {
          e = it->second;
        } else if (const Synset* target = wn_.Noun(p.target);
                   target && target->lexfile == kLexLocation) {
          std::vector<std::string> lemmas;
          for (const std::string& w : target->words)
            lemmas.push_back(Underscores(w));
          e = builder_.DataEntityFor(lemmas, EntityType::kRegion, "");
        }
        if (!e) continue;
        for (size_t i = 0; i < s.words.size(); ++i) {
          if (p.source_word != 0 && static_cast<size_t>(p.source_word) != i + 1)
            continue;
          std::string word = Underscores(s.words[i]);
          if (!StartsUpper(word) || suppressed_demonyms_.count(word)) continue;
          AddDemonym(word, *e, kPriorityCity, "wordnet");
        }
      }
    }
  }

  void AddDemonym(const std::string& word, uint32_t e, int priority,
                  const char* origin) {
    builder_.AddSurface(word, e, priority, origin, /*demonym=*/true);
    auto ends = [&](std::string_view suffix) {
      return word.size() > suffix.size() &&
             word.compare(word.size() - suffix.size(), suffix.size(), suffix) ==
                 0;
    };
    if (ends("an") || ends("i"))
      builder_.AddSurface(word + "s", e, priority + 1, origin, true);
  }

  fs::path iso_, data_;
  WordNet wn_;
  std::unordered_set<std::string> common_;
  Builder builder_;
  std::map<std::string, std::string> verb_exc_, noun_exc_;
  std::set<std::string> given_names_, person_given_names_;
  std::map<std::string, std::string> titles_;
  std::map<std::string, uint32_t> head_words_;
  std::map<uint32_t, std::vector<std::string>>
      person_names_;  // person -> surfaces
  std::unordered_map<uint32_t, uint32_t>
      country_synset_;  // WordNet synset -> country entity
  std::unordered_set<std::string> american_states_;
  std::set<std::string> suppressed_demonyms_;
};

// ---------------------------------------------------------------------------
// Output.

class BlobWriter {
 public:
  BlobWriter() { pool_.push_back('\0'); }  // offset 0: the empty string

  uint32_t String(std::string_view s) {
    if (s.size() > 255)
      Die("string longer than 255 bytes: " + std::string(s.substr(0, 60)));
    auto it = offsets_.find(std::string(s));
    if (it != offsets_.end()) return it->second;
    const auto offset = static_cast<uint32_t>(pool_.size());
    pool_.push_back(static_cast<char>(s.size()));
    pool_.append(s);
    offsets_.emplace(std::string(s), offset);
    return offset;
  }

  const std::string& pool() const { return pool_; }

 private:
  std::string pool_;
  std::unordered_map<std::string, uint32_t> offsets_;
};

template <typename T>
void AppendRecords(std::string& out, const std::vector<T>& records) {
  out.append(reinterpret_cast<const char*>(records.data()),
             records.size() * sizeof(T));
}

void LexGen::Write(const fs::path& blob_path, const fs::path& source_path,
                   const fs::path& dump_path) {
  using namespace kg::lexblob;
  std::vector<Builder::Resolved> names = builder_.Resolve(false);
  std::vector<Builder::Resolved> demonyms = builder_.Resolve(true);

  // Keep entities that something resolves to, and all countries.
  const auto& entities = builder_.entities();
  std::vector<int64_t> remap(entities.size(), -1);
  std::vector<uint32_t> kept;
  auto keep = [&](uint32_t e) {
    if (remap[e] < 0) {
      remap[e] = static_cast<int64_t>(kept.size());
      kept.push_back(e);
    }
  };
  for (uint32_t e = 0; e < entities.size(); ++e) {
    if (entities[e].keep) keep(e);
  }
  for (const auto& r : names) keep(r.entity);
  for (const auto& r : demonyms) keep(r.entity);

  std::map<uint32_t, std::string> public_key;
  std::set<std::string> kept_keys;
  for (uint32_t e : kept) kept_keys.insert(entities[e].key);

  BlobWriter w;
  std::vector<EntryRecord> entry_records;
  std::map<EntityType, int> per_type;
  for (uint32_t e : kept) {
    const Entity& ent = entities[e];
    EntryRecord rec{};
    const bool plain =
        !ent.plain_key.empty() && !kept_keys.count(ent.plain_key);
    public_key[e] = plain ? ent.plain_key : ent.key;
    rec.key = w.String(public_key[e]);
    rec.name = w.String(ent.name);
    rec.type = static_cast<uint32_t>(ent.type);
    std::memcpy(rec.country, ent.country.data(),
                std::min<size_t>(3, ent.country.size()));
    rec.flags = ent.national_capital ? uint32_t{kEntryNationalCapital} : 0u;
    entry_records.push_back(rec);
    ++per_type[ent.type];
  }

  std::vector<std::vector<char>> tables(kTableCount);
  uint32_t max_tokens = 0;
  auto name_records = [&](const std::vector<Builder::Resolved>& list,
                          bool count_tokens) {
    std::vector<NameRecord> out;
    for (const auto& r : list) {
      out.push_back(NameRecord{w.String(r.key), w.String(r.surface),
                               static_cast<uint32_t>(remap[r.entity]),
                               r.flags});
      if (count_tokens)
        max_tokens = std::max<uint32_t>(
            max_tokens, static_cast<uint32_t>(TokenCount(r.key)));
    }
    return out;
  };
  std::vector<NameRecord> name_table = name_records(names, true);
  std::vector<NameRecord> demonym_table = name_records(demonyms, false);

  auto pairs = [&](const auto& map_like) {
    std::vector<std::pair<std::string, uint32_t>> sorted;
    for (const auto& [k, v] : map_like) {
      if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
        sorted.emplace_back(k, w.String(v));
      } else {
        sorted.emplace_back(k, static_cast<uint32_t>(v));
      }
    }
    std::sort(sorted.begin(), sorted.end());
    std::vector<PairRecord> out;
    for (const auto& [k, v] : sorted) out.push_back(PairRecord{w.String(k), v});
    return out;
  };
  auto set_of = [&](const auto& container) {
    std::vector<std::string> sorted(container.begin(), container.end());
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::vector<PairRecord> out;
    for (const auto& k : sorted) {
      if (k.size() <= 255) out.push_back(PairRecord{w.String(k), 0});
    }
    return out;
  };
  std::set<std::string> given(given_names_.begin(), given_names_.end());
  given.insert(person_given_names_.begin(), person_given_names_.end());
  std::vector<PairRecord> verb_exc = pairs(verb_exc_),
                          noun_exc = pairs(noun_exc_);
  std::vector<PairRecord> verb_lemmas = set_of(wn_.verb_lemmas),
                          noun_lemmas = set_of(wn_.noun_lemmas);
  std::vector<PairRecord> vocabulary = set_of(common_),
                          given_table = set_of(given);
  std::vector<PairRecord> title_table = pairs(titles_),
                          head_table = pairs(head_words_);

  // Assemble: header, pool (padded to 4), entries, tables.
  Header h{};
  h.magic = kMagic;
  h.version = kVersion;
  h.entry_count = static_cast<uint32_t>(entry_records.size());
  h.max_name_tokens = max_tokens;
  std::string body;
  auto align = [&] {
    while ((sizeof(Header) + body.size()) % 8) body.push_back('\0');
  };
  h.pool_offset = sizeof(Header);
  h.pool_size = static_cast<uint32_t>(w.pool().size());
  body = w.pool();  // note: w must not grow after this point
  align();
  h.entries_offset = static_cast<uint32_t>(sizeof(Header) + body.size());
  AppendRecords(body, entry_records);
  auto put = [&](Table t, const auto& records) {
    align();
    h.table_offset[t] = static_cast<uint32_t>(sizeof(Header) + body.size());
    h.table_count[t] = static_cast<uint32_t>(records.size());
    AppendRecords(body, records);
  };
  put(kNames, name_table);
  put(kDemonyms, demonym_table);
  put(kVerbExceptions, verb_exc);
  put(kNounExceptions, noun_exc);
  put(kVerbLemmas, verb_lemmas);
  put(kNounLemmas, noun_lemmas);
  put(kVocabulary, vocabulary);
  put(kGivenNames, given_table);
  put(kTitles, title_table);
  put(kHeadWords, head_table);
  std::string blob(reinterpret_cast<const char*>(&h), sizeof(h));
  blob += body;

  {
    std::ofstream out(blob_path, std::ios::binary | std::ios::trunc);
    out.write(blob.data(), static_cast<std::streamsize>(blob.size()));
    if (!out) Die(blob_path.string() + ": cannot write");
  }
  uint64_t hash = 1469598103934665603ull;  // FNV-1a: the source changes
                                           // whenever the blob does
  for (unsigned char c : blob) hash = (hash ^ c) * 1099511628211ull;
  std::string incbin = fs::absolute(blob_path).string();
  std::string escaped;
  for (char c : incbin) {
    if (c == '\\' || c == '"') escaped += '\\';
    escaped += c;
  }
  {
    std::ofstream out(source_path, std::ios::trunc);
    out << "// Generated by kg_lexgen from iso-codes, WordNet and "
           "ingest/data/*.tsv; do not edit.\n"
        << "// Blob: " << blob.size() << " bytes, FNV-1a " << std::hex << hash
        << std::dec << ".\n"
        << "#include <cstddef>\n#include <string_view>\n\n"
        << "asm(R\"kgasm(\n"
        << "  .pushsection .rodata.kg_lexicon_blob,\"a\",@progbits\n"
        << "  .balign 16\n"
        << "kg_lexicon_blob_begin:\n"
        << "  .incbin \"" << escaped << "\"\n"
        << "  .byte 0\n"
        << "  .popsection\n"
        << ")kgasm\");\n\n"
        << "extern \"C\" const char kg_lexicon_blob_begin[] "
           "__attribute__((visibility(\"hidden\")));\n\n"
        << "namespace kg {\n"
        << "std::string_view BuiltinLexiconBlob() {\n"
        << "  return std::string_view(kg_lexicon_blob_begin, " << blob.size()
        << ");\n"
        << "}\n"
        << "}  // namespace kg\n";
    if (!out) Die(source_path.string() + ": cannot write");
  }

  if (!dump_path.empty()) {
    std::ofstream out(dump_path, std::ios::trunc);
    out << "# kind\tsurface\tflags\tkey\tname\ttype\tcountry\torigin\n";
    auto dump = [&](const char* kind,
                    const std::vector<Builder::Resolved>& list) {
      for (const auto& r : list) {
        const Entity& e = entities[r.entity];
        out << kind << '\t' << r.original << '\t' << r.flags << '\t'
            << public_key[r.entity] << '\t' << e.name << '\t'
            << kg::EntityTypeName(e.type) << '\t' << e.country << '\t'
            << r.origin << '\n';
      }
    };
    dump("name", names);
    dump("demonym", demonyms);
  }

  std::cout << "kg_lexgen: " << blob.size() / 1024 << " KiB; entities";
  for (const auto& [type, count] : per_type)
    std::cout << " " << kg::EntityTypeName(type) << "=" << count;
  std::cout << "; names=" << name_table.size()
            << " demonyms=" << demonym_table.size()
            << " vocabulary=" << vocabulary.size()
            << " given_names=" << given_table.size()
            << " titles=" << title_table.size()
            << " head_words=" << head_table.size()
            << " verb_exc=" << verb_exc.size()
            << " noun_exc=" << noun_exc.size()
            << " max_name_tokens=" << max_tokens << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  for (const char* required :
       {"--iso", "--wordnet", "--data", "--blob", "--source"}) {
    if (!args.count(required)) {
      std::cerr << "usage: kg_lexgen --iso FILE --wordnet DIR --data DIR "
                   "--blob OUT --source OUT.cc [--dump OUT.tsv]\n";
      return 2;
    }
  }
  LexGen gen(args["--iso"], args["--wordnet"], args["--data"]);
  gen.Run();
  gen.Write(args["--blob"], args["--source"],
            args.count("--dump") ? args["--dump"] : "");
  return 0;
}
