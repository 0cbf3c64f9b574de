// The compiled lexicon: the binary layout that ingest/lexgen writes at build
// time and ingest/lexicon.cc reads in place at run time (embedded in the
// binary, never parsed). Both sides include this header; a layout change
// bumps kVersion so a stale blob is refused instead of misread.
//
// Layout (all integers native-endian uint32, records 4-byte aligned):
//   Header
//   string pool: strings as <uint8 length><bytes>, referenced by offset
//   entries:     EntryRecord[entry_count], the actors names resolve to
//   tables:      one sorted record array per Table, searched by binary search
//                on the key string (byte order, as std::string_view compares)
#pragma once

#include <cstdint>
#include <string_view>

namespace kg::lexblob {

inline constexpr uint32_t kMagic = 0x584C474B;  // "KGLX"
inline constexpr uint32_t kVersion = 1;

enum Table : uint32_t {
  kNames,           // NameRecord: FoldForLookup(surface, lower) -> entry
  kDemonyms,        // NameRecord: FoldForLookup(demonym, lower) -> entry
  kVerbExceptions,  // PairRecord: inflected form -> lemma string
  kNounExceptions,  // PairRecord: inflected form -> lemma string
  kVerbLemmas,      // PairRecord set: lower-case WordNet verb lemmas
  kNounLemmas,      // PairRecord set: lower-case WordNet noun lemmas
  kVocabulary,      // PairRecord set: common words (WordNet + function words)
  kGivenNames,      // PairRecord set: lower-case given names
  kTitles,          // PairRecord: NormalizeName(title) -> canonical title
  kHeadWords,       // PairRecord: lower-case head word -> HeadWordKind
  kTableCount
};

enum HeadWordKind : uint32_t { kOrganizationWord = 1, kFacilityWord = 2 };

// NameRecord::flags
enum NameFlags : uint32_t {
  kExactCase = 1,      // acronym ("US", "U.S."): case-kept folds must be equal
  kNeedsCapitals = 2,  // words that are also common words ("Turkey", "Labour"):
                       // every capitalised word of the surface must be
                       // capitalised in the phrase
};

struct Header {
  uint32_t magic;
  uint32_t version;
  uint32_t pool_offset;
  uint32_t pool_size;
  uint32_t entries_offset;
  uint32_t entry_count;
  uint32_t max_name_tokens;
  uint32_t table_offset[kTableCount];
  uint32_t table_count[kTableCount];
};

struct EntryRecord {
  uint32_t key;     // pool offset: "country:RUS"
  uint32_t name;    // pool offset: "Russia"
  uint32_t type;    // kg::EntityType
  char country[4];  // ISO alpha-3, NUL-padded; "" when none
  uint32_t flags;   // EntryFlags
};

enum EntryFlags : uint32_t {
  kEntryNationalCapital = 1,  // a country's capital ("Pyongyang", "Kyiv")
};

struct NameRecord {
  uint32_t key;      // pool offset of the folded (lower-case) surface
  uint32_t surface;  // pool offset of FoldForLookup(surface, false)
  uint32_t entry;    // index into the entries
  uint32_t flags;    // NameFlags
};

struct PairRecord {
  uint32_t key;    // pool offset
  uint32_t value;  // pool offset or small integer, per Table
};

// The string at `offset` in a pool.
inline std::string_view PoolString(const char* pool, uint32_t offset) {
  const auto len = static_cast<unsigned char>(pool[offset]);
  return std::string_view(pool + offset + 1, len);
}

}  // namespace kg::lexblob

// Defined in the generated lexicon_data.cc: the embedded blob.
namespace kg {
std::string_view BuiltinLexiconBlob();
}
