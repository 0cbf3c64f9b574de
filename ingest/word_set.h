// Sets of words for the extraction rules (internal to ingest/). Extraction
// asks, for nearly every token, whether it is a preposition, a determiner,
// a pronoun, a speech verb ...; nearly always it is not. WordShapes answers
// most of those questions with one bit test on the word's first byte and
// length; WordSet puts that test in front of a hash set, and is a drop-in
// for the std::unordered_set<std::string_view> constants it replaces;
// OwnedWordSet does the same for the word sets of the rules.
//
//   const WordSet kPrepositions = {"in", "to", "of"};
//   if (kPrepositions.count(token.lower)) ...
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace kg {

// A hash for words, quicker than std::hash's for a few bytes: eight bytes
// at a time (the last eight overlapping), each step a multiply-xorshift
// mix; words shorter than eight bytes in one or two loads.
struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    const char* p = s.data();
    const size_t n = s.size();
    auto load8 = [](const char* q) { uint64_t v; std::memcpy(&v, q, 8); return v; };
    auto load4 = [](const char* q) { uint32_t v; std::memcpy(&v, q, 4); return uint64_t{v}; };
    uint64_t h = n * 0x9E3779B97F4A7C15ull;
    if (n >= 8) {
      for (size_t i = 0; i + 8 < n; i += 8) {
        h = (h ^ load8(p + i)) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
      }
      h ^= load8(p + n - 8);
    } else if (n >= 4) {
      h ^= load4(p) << 32 | load4(p + n - 4);
    } else if (n > 0) {
      h ^= uint64_t{static_cast<unsigned char>(p[0])} << 16 |
           uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 | static_cast<unsigned char>(p[n - 1]);
    }
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 29);
  }
};

// The (first byte, length) and (last byte, length) pairs of the words of a
// set: a word whose pairs are not among them is not in the set.
class WordShapes {
 public:
  void Add(std::string_view w) {
    if (w.empty()) return;
    first_[static_cast<uint8_t>(w.front())] |= LengthBit(w);
    last_[static_cast<uint8_t>(w.back())] |= LengthBit(w);
  }
  bool MayContain(std::string_view w) const {
    return w.empty() || (first_[static_cast<uint8_t>(w.front())] & last_[static_cast<uint8_t>(w.back())] & LengthBit(w));
  }

 private:
  static uint64_t LengthBit(std::string_view w) { return uint64_t{1} << std::min<size_t>(w.size(), 63); }
  // byte -> bit n: a word of length n (63: or more) starts / ends with it
  std::array<uint64_t, 256> first_{}, last_{};
};

class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words) {
    for (std::string_view w : words) shapes_.Add(w);
  }
  size_t count(std::string_view w) const { return shapes_.MayContain(w) ? words_.count(w) : 0; }

 private:
  WordShapes shapes_;
  std::unordered_set<std::string_view, WordHash> words_;
};

// A set of words read at run time (the rules of patterns.tsv): it owns its
// words, grows with insert, and has the same filter in front.
class OwnedWordSet {
 public:
  void insert(std::string word) {
    shapes_.Add(word);
    words_.insert(std::move(word));
  }
  size_t count(std::string_view w) const { return shapes_.MayContain(w) ? words_.count(w) : 0; }
  size_t size() const { return words_.size(); }

 private:
  WordShapes shapes_;
  std::unordered_set<std::string, WordHash, std::equal_to<>> words_;
};

// A map from words to what the rules say about them (read at run time, as
// OwnedWordSet), looked up by any text; the same filter turns down most
// words before hashing.
template <typename V>
class WordMap {
  using Map = std::unordered_map<std::string, V, WordHash, std::equal_to<>>;

 public:
  using const_iterator = typename Map::const_iterator;

  WordMap() = default;
  WordMap(std::initializer_list<std::pair<std::string_view, V>> entries) {
    for (const auto& [word, value] : entries) (*this)[std::string(word)] = value;
  }

  V& operator[](std::string word) {
    shapes_.Add(word);
    return words_[std::move(word)];
  }
  const_iterator find(std::string_view w) const { return shapes_.MayContain(w) ? words_.find(w) : words_.end(); }
  size_t count(std::string_view w) const { return find(w) != words_.end(); }
  const_iterator begin() const { return words_.begin(); }
  const_iterator end() const { return words_.end(); }
  size_t size() const { return words_.size(); }

 private:
  WordShapes shapes_;
  Map words_;
};

}  // namespace kg
