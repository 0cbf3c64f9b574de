// Tokens and sentences (internal to ingest/). Offsets are bytes into the
// article text; ExtractionToJson converts them to code points for users.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

struct LexiconEntry;
enum class Modality;
struct Anaphor;

// A token's text: a std::string whose comparison with a string literal
// checks the length first and compiles to a few instructions. Extraction
// compares tokens with literal words everywhere (tok(j).lower == "the");
// std::string's own operator calls an out-of-line compare for each.
class TokenText : public std::string {
 public:
  using std::string::string;
  using std::string::operator=;

  template <size_t N>
  friend bool operator==(const TokenText& text, const char (&literal)[N]) {
    return text.size() == N - 1 && std::char_traits<char>::compare(text.data(), literal, N - 1) == 0;
  }
};

// A distinct word form (token text) of the articles one thread extracts,
// interned by Tokenize: each occurrence of "said" points at the same Word.
// Extraction asks the same questions about every occurrence of a word (its
// lemmas, whether a name may start with it); the answers are kept here, so
// each distinct word asks the lexicon once (ingest/word_facts.h).
struct Word {
  TokenText norm;    // the text with curly apostrophes folded to '
  TokenText lower;   // norm, ASCII letters lower-cased
  bool capitalized = false;  // starts with an upper-case letter
  bool all_caps = false;     // two or more letters, all upper case

  // Never reused by the thread, even once its words are forgotten: a key
  // for answers about phrases of several words (ingest/word_facts.h).
  uint64_t id = 0;
  // The text as written, the word table's key: norm, or (with a curly
  // apostrophe) a copy the table keeps.
  std::string_view raw;

  // Lexicon answers, valid for lexicon generation `facts_generation`; see
  // ingest/word_facts.h. Only the owning thread touches them.
  mutable uint64_t facts_generation = 0;
  mutable int32_t max_phrase_tokens = -1;  // -1: not asked yet
  mutable bool verb_lemma_known = false, noun_lemma_known = false;
  mutable TokenText verb_lemma, noun_lemma;
  // The answers about the word alone; `facts_known` has a bit per answer
  // already asked (WordFact in word_facts.h).
  mutable uint32_t facts_known = 0;
  mutable bool common_word = false, given_name = false, organization_word = false, facility_word = false;
  mutable const LexiconEntry* name = nullptr;     // Lexicon::FindName(norm)
  mutable const LexiconEntry* demonym = nullptr;  // Lexicon::FindDemonym(norm)
  mutable std::string_view title;                 // Lexicon::FindTitle(norm)
  // What the relation rules say about the word, for rules `rules_id`
  // (RuleFactsOf in word_facts.h).
  mutable uint64_t rules_id = 0;
  mutable uint32_t rule_bits = 0;  // RuleBit
  mutable const Modality* attribution = nullptr;  // its speech-verb modality, or nullptr
  mutable const Modality* cue = nullptr;          // its cue-word modality, or nullptr
  mutable const Anaphor* anaphor = nullptr;       // Rules::anaphors of the word, or nullptr
};

// Words live in a table of the thread that tokenised them; tokens point
// into it. ForgetWordsIfMany empties the table when it has grown large: a
// caller that keeps no tokens across articles (the extractor) calls it
// between articles, so memory does not grow with the corpus.
void ForgetWordsIfMany();

// One token of a sentence. It owns no text: norm and lower are its word's
// (references, so that extraction reads t.lower as it did when tokens held
// two strings each), valid until the thread's words are forgotten.
struct Token {
  enum class Kind { kWord, kNumber, kPunct, kPossessive, kQuote };
  explicit Token(const Word& w) : word(&w), norm(w.norm), lower(w.lower) {}
  uint32_t begin = 0, end = 0;  // bytes into the article text
  const Word* word;
  const TokenText& norm;   // = word->norm
  const TokenText& lower;  // = word->lower
  Kind kind = Kind::kPunct;
  bool capitalized = false;  // a word that starts with an upper-case letter
  bool all_caps = false;     // a word of two or more letters, all upper case

  bool IsWord() const { return kind == Kind::kWord; }
  bool Is(std::string_view lowercase_text) const { return lower == lowercase_text; }
  template <size_t N>
  bool Is(const char (&lowercase_literal)[N]) const { return lower == lowercase_literal; }
};

struct Sentence {
  uint32_t begin = 0, end = 0;  // bytes into the article text
  std::vector<Token> tokens;
};

// Splits `text` into lines, skips lines for which `skip_line` is true (links
// to other stories), and splits the rest into sentences of tokens.
template <typename SkipLine>
std::vector<Sentence> SplitSentences(std::string_view text, const SkipLine& skip_line);

// Tokenises text[begin, end) and appends the tokens to `out`.
void Tokenize(std::string_view text, uint32_t begin, uint32_t end, std::vector<Token>* out);

// Sentence boundaries inside one line of tokens: indexes one past each
// sentence's last token, into `ends` (emptied first; a buffer to reuse).
void SentenceEnds(const std::vector<Token>& tokens, std::vector<size_t>* ends);

template <typename SkipLine>
std::vector<Sentence> SplitSentences(std::string_view text, const SkipLine& skip_line) {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<size_t> ends;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!skip_line(line)) {
      tokens.clear();
      Tokenize(text, static_cast<uint32_t>(pos), static_cast<uint32_t>(nl), &tokens);
      size_t first = 0;
      SentenceEnds(tokens, &ends);
      for (size_t end : ends) {
        if (end <= first) continue;
        Sentence s;
        s.begin = tokens[first].begin;
        s.end = tokens[end - 1].end;
        if (first == 0 && end == tokens.size()) {
          s.tokens.swap(tokens);  // the line is one sentence: no token moves
        } else {
          s.tokens = std::vector<Token>(tokens.begin() + first, tokens.begin() + end);
        }
        sentences.push_back(std::move(s));
        first = end;
      }
    }
    pos = nl + 1;
  }
  return sentences;
}

}  // namespace kg
