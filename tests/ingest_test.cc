// Tests of ingest/: reading articles (and rejecting bad input with a clear
// message), tokenising, sentence splitting and extraction.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ingest/ingest.h"
#include "ingest/lexicon.h"
#include "ingest/text.h"
#include "ingest/word_facts.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("kg-ingest-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& content) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

struct ReadOutcome {
  std::vector<Article> articles;
  std::vector<std::string> errors;
  Status status;
};

ReadOutcome Read(const std::string& path) {
  ReadOutcome out;
  out.status = ReadArticles(
      path, {}, [&](Article a) { out.articles.push_back(std::move(a)); },
      [&](const Status& s) { out.errors.push_back(s.message()); });
  return out;
}

TEST(ReaderTest, TextFileHeadlineAndId) {
  TempDir dir;
  std::string path = dir.Write("politics/some-story.txt", "Headline here\n\nBody text. More text.\n");
  ReadOutcome r = Read(path);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "politics/some-story");
  EXPECT_EQ(r.articles[0].title, "Headline here");
  EXPECT_EQ(r.articles[0].text, "Headline here\n\nBody text. More text.\n");
  EXPECT_TRUE(r.errors.empty());
}

TEST(ReaderTest, DirectoryIsReadInSortedOrderAndSkipsOtherFiles) {
  TempDir dir;
  dir.Write("b.txt", "B\n\nbody\n");
  dir.Write("a.txt", "A\n\nbody\n");
  dir.Write("notes.md", "not an article");
  ReadOutcome r = Read(dir.path().string());
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].title, "A");
  EXPECT_EQ(r.articles[1].title, "B");
}

TEST(ReaderTest, JsonLinesWithMalformedLineReportsFileAndLineAndKeepsTheRest) {
  TempDir dir;
  std::string path = dir.Write("feed.jsonl",
                               "{\"id\":\"a1\",\"title\":\"T1\",\"date\":\"2024-06-19\",\"text\":\"First.\"}\n"
                               "{\"id\":\"a2\",\"text\": broken\n"
                               "\n"
                               "{\"text\":\"Third, no id.\"}\n"
                               "{\"id\":\"a4\"}\n");
  ReadOutcome r = Read(path);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "a1");
  EXPECT_EQ(r.articles[0].date, "2024-06-19");
  EXPECT_EQ(r.articles[1].id, "feed:4");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].find(path + ":2: malformed JSON"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[1].find(path + ":5: missing string field \"text\""), std::string::npos) << r.errors[1];
}

struct BadInputCase {
  std::string name;
  std::string content;
  std::string expected_message;
};

TEST(ReaderTest, BadInputGetsOneClearErrorNamingTheFile) {
  const std::vector<BadInputCase> cases = {
      {"binary.txt", std::string("\x7f" "ELF\0\0\0\x01", 8), "binary data"},
      {"latin1.txt", "Caf\xe9 society\n", "invalid UTF-8 at byte 3"},
      {"empty.txt", "", "empty article"},
      {"blank.txt", " \n\n\t\n", "empty article"},
      {"empty.jsonl", "", "empty file"},
  };
  TempDir dir;
  for (const auto& c : cases) {
    std::string path = dir.Write(c.name, c.content);
    ReadOutcome r = Read(path);
    EXPECT_TRUE(r.articles.empty()) << c.name;
    ASSERT_EQ(r.errors.size(), 1u) << c.name;
    EXPECT_NE(r.errors[0].find(path), std::string::npos) << r.errors[0];
    EXPECT_NE(r.errors[0].find(c.expected_message), std::string::npos) << r.errors[0];
  }
}

TEST(ReaderTest, OversizedArticleIsRejected) {
  TempDir dir;
  std::string path = dir.Write("big.txt", "Headline\n\n" + std::string(2 << 20, 'a'));
  ReadOptions options;
  options.max_article_bytes = 1 << 20;
  std::vector<std::string> errors;
  Status s = ReadArticles(path, options, [](Article) { FAIL() << "must not be read"; },
                          [&](const Status& e) { errors.push_back(e.message()); });
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("over the limit"), std::string::npos) << errors[0];
}

TEST(ReaderTest, MissingPathIsAnError) {
  ReadOutcome r = Read("/nonexistent/kg/article.txt");
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("/nonexistent/kg/article.txt: no such file"), std::string::npos);
}

std::vector<std::string> TokenTexts(const std::string& text) {
  std::vector<Token> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.norm);
  return out;
}

TEST(TokenizerTest, Cases) {
  struct Case {
    std::string text;
    std::vector<std::string> tokens;
  };
  const std::vector<Case> cases = {
      {"Russia\u2019s President", {"Russia", "'s", "President"}},
      {"the U.S. said", {"the", "U.S.", "said"}},
      {"Kim Jong-un met", {"Kim", "Jong-un", "met"}},
      {"over 11,000 containers.", {"over", "11,000", "containers", "."}},
      {"O'Brien's view", {"O'Brien", "'s", "view"}},
      {"\u201cWe value it,\u201d he said", {"\u201c", "We", "value", "it", ",", "\u201d", "he", "said"}},
  };
  for (const auto& c : cases) EXPECT_EQ(TokenTexts(c.text), c.tokens) << c.text;
}

TEST(TokenizerTest, TokensOfTheSameTextShareOneWord) {
  const std::string text = "Britain\u2019s talks and Britain's talks";
  std::vector<Token> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].word, tokens[4].word);  // "Britain"
  EXPECT_EQ(tokens[2].word, tokens[6].word);  // "talks"
  EXPECT_EQ(tokens[1].norm, "'s");            // the curly apostrophe folded
  EXPECT_EQ(tokens[5].norm, "'s");
  EXPECT_EQ(tokens[0].lower, "britain");
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_FALSE(tokens[2].capitalized);
}

// The answers kept with each word are the lexicon's, and a lexicon that
// changes (AddFile) is asked again.
TEST(WordFactsTest, AnswersAsTheLexiconDoes) {
  auto loaded = Lexicon::LoadBuiltin();
  ASSERT_TRUE(loaded.ok());
  std::unique_ptr<Lexicon> lexicon = loaded.take();
  const std::string text = "Officials said the Zorblax Quintet planned talks in North Korea.";
  std::vector<Token> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  for (int round = 0; round < 2; ++round) {  // computed, then kept
    for (const Token& t : tokens) {
      EXPECT_EQ(VerbLemmaOf(*lexicon, *t.word), lexicon->VerbLemma(t.lower)) << t.norm;
      EXPECT_EQ(NounLemmaOf(*lexicon, *t.word), lexicon->NounLemma(t.lower)) << t.norm;
      EXPECT_EQ(MaxPhraseTokensOf(*lexicon, *t.word), lexicon->MaxPhraseTokens(t.norm)) << t.norm;
    }
  }
  EXPECT_EQ(VerbLemmaOf(*lexicon, *tokens[1].word), "say");
  EXPECT_EQ(NounLemmaOf(*lexicon, *tokens[0].word), "official");
  EXPECT_EQ(MaxPhraseTokensOf(*lexicon, *tokens[3].word), 0u);  // "Zorblax"
  const std::string path = (std::filesystem::temp_directory_path() / "kg_word_facts_test.tsv").string();
  std::ofstream(path) << "Zorblax Quintet\tOrganization\tZorblax Quintet\n";
  ASSERT_TRUE(lexicon->AddFile(path).ok());
  std::filesystem::remove(path);
  EXPECT_EQ(MaxPhraseTokensOf(*lexicon, *tokens[3].word), 2u);
}

// What the rules say about a word is kept for those rules only: rules that
// change (Add), a copy and other rules are asked again.
TEST(WordFactsTest, RuleFactsAreThoseOfTheRulesAsked) {
  auto loaded = Lexicon::LoadBuiltin();
  ASSERT_TRUE(loaded.ok());
  std::unique_ptr<Lexicon> lexicon = loaded.take();
  auto builtin = Rules::Builtin();
  ASSERT_TRUE(builtin.ok());
  Rules rules = builtin.take();
  const std::string text = "Officials said the minister zorbles Lima.";
  std::vector<Token> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  const Word& said = *tokens[1].word;
  const Word& zorbles = *tokens[4].word;
  auto trigger = [&](const Rules& r, const Word& w) { return (RuleFactsOf(*lexicon, r, w).rule_bits & kVerbTriggerBit) != 0; };
  EXPECT_FALSE(trigger(rules, zorbles));
  EXPECT_FALSE(trigger(rules, zorbles));  // kept
  const Modality* say = &rules.attribution.find("say")->second;
  EXPECT_EQ(RuleFactsOf(*lexicon, rules, said).attribution, say);
  ASSERT_TRUE(rules.Add("verb\tvisits\tzorble\t-\n", "test").ok());
  EXPECT_TRUE(trigger(rules, zorbles));
  const Rules copy = rules;
  EXPECT_TRUE(trigger(copy, zorbles));
  EXPECT_EQ(RuleFactsOf(*lexicon, copy, said).attribution, &copy.attribution.find("say")->second);
  auto other = Rules::Builtin();
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(trigger(*other, zorbles));
  EXPECT_TRUE(trigger(rules, zorbles));
}

TEST(TokenizerTest, ExPrefixStandsApartFromAName) {
  EXPECT_EQ(TokenTexts("Ex-Downing Street chief and ex-wife"),
            (std::vector<std::string>{"Ex", "-", "Downing", "Street", "chief", "and", "ex-wife"}));
}

TEST(TokenizerTest, PluralPossessiveIsNoClosingQuote) {
  const std::string text = "the Democrats' spokesman and 'the Democrats' here";
  std::vector<Token> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  ASSERT_EQ(tokens.size(), 10u);
  EXPECT_EQ(tokens[2].kind, Token::Kind::kPossessive);  // the Democrats' spokesman
  EXPECT_EQ(tokens[5].kind, Token::Kind::kQuote);       // 'the
  EXPECT_EQ(tokens[8].kind, Token::Kind::kQuote);       // Democrats' closes the quote
}

TEST(SentenceSplitTest, AbbreviationsQuotesAndSkippedLines) {
  std::string text =
      "Mr. Smith went to Washington. He met Dr. Jones there.\n"
      "Read more: Another story entirely.\n"
      "\"It was fine.\" The talks ended.";
  auto skip = [](std::string_view line) { return line.rfind("Read more", 0) == 0; };
  std::vector<Sentence> sentences = SplitSentences(text, skip);
  std::vector<std::string> got;
  for (const auto& s : sentences) got.push_back(text.substr(s.begin, s.end - s.begin));
  std::vector<std::string> want = {"Mr. Smith went to Washington.", "He met Dr. Jones there.",
                                   "\"It was fine.\"", "The talks ended."};
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace kg

namespace kg {
namespace {

// Extraction, one sentence at a time: each case names a relation that must
// be found (source key, type, target key, modality) or, with type "", a
// sentence that must yield no relation at all. The sentences are written
// for these tests in the style of wire copy.
struct RelationCase {
  std::string sentence;
  std::string source, type, target, modality;
};

class ExtractionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = Extractor::Create({});
    ASSERT_TRUE(created.ok()) << created.status().message();
    extractor_ = created.take().release();
  }
  static void TearDownTestSuite() { delete extractor_; }

  static Extraction ExtractText(const std::string& text, const std::string& date = "2024-03-14") {
    Article a;
    a.id = "test/article";
    a.title = "Headline";
    a.date = date;
    a.text = "Headline\n" + text + "\n";
    return extractor_->Extract(a);
  }

  static inline Extractor* extractor_ = nullptr;
};

TEST_F(ExtractionTest, RelationsFromSentences) {
  const std::vector<RelationCase> cases = {
      {"Chinese President Xi Jinping will visit France next month, the foreign ministry said.",
       "person:xi jinping", "visits", "country:FRA", "expected"},
      {"Chinese President Xi Jinping will visit France next month.", "person:xi jinping", "role", "country:CHN", ""},
      {"Israel launched air strikes on Gaza on Tuesday.", "country:ISR", "attacks", "region:gaza strip", "asserted"},
      {"Japan's ban on arms sales to Iran was renewed.", "country:JPN", "sanctions", "country:IRN", "asserted"},
      {"Anna Ruiz, who will hold talks in Lima on Friday, spoke.", "person:anna ruiz", "visits", "city:lima",
       "expected"},
      {"US Undersecretary of State Anna Ruiz spoke.", "person:anna ruiz", "role", "country:USA", ""},
      {"Anna Ruiz has criticised the US-led coalition.", "person:anna ruiz", "criticizes", "country:USA", ""},
      {"Anna Ruiz, who recently quit the Labour Party, spoke.", "person:anna ruiz", "role", "org:labour party", ""},
      {"Peru's prime minister, Anna Ruiz, spoke.", "person:anna ruiz", "role", "country:PER", ""},
      {"Labour MPs Pierre Dubois and Anna Ruiz voted.", "person:anna ruiz", "role", "org:labour party", ""},
      {"Labour MPs have criticised Anna Ruiz.", "org:labour party", "criticizes", "person:anna ruiz", ""},
      {"Oxfam welcomed the decision by the European Union.", "org:oxfam", "supports", "org:eu", "asserted"},
      {"Labour peer Lord Ruiz said it was possible.", "person:lord ruiz", "role", "org:labour party", ""},
      {"Labour named Anna Ruiz as the party's treasurer.", "person:anna ruiz", "role", "org:labour party", ""},
      {"Air Quorvik, set up by former pilot and tea grower Anna Ruiz, plans to grow.", "person:anna ruiz", "role",
       "org:air quorvik", ""},
      {"Shipping magnate Anna Ruiz has set up Tarlin Airlines.", "person:anna ruiz", "role", "org:tarlin airlines",
       ""},
      {"The Harbour Trust was founded by Anna Ruiz in 1990.", "person:anna ruiz", "role", "org:harbour trust", ""},
      {"It is hard, said analyst Anna Ruiz at Quorvik Bank.", "person:anna ruiz", "role", "org:quorvik bank", ""},
      {"Quorvik Watch campaigns on trade. Sir Anna Ruiz, chairman of the organisation, spoke.",
       "person:anna ruiz", "role", "org:quorvik watch", ""},
      {"Anna Ruiz is chairman of", "", "", "", ""},
      {"Anna Ruiz, BBC Lima reporter, said travel had increased.", "person:anna ruiz", "role", "org:bbc", ""},
      {"Lima mayor Anna Ruiz said so.", "person:anna ruiz", "role", "city:lima", ""},
      {"Anna Ruiz, the mayor of Lima, spoke.", "person:anna ruiz", "role", "city:lima", ""},
      {"Britain's courts backed the UK government. Lord Tarlow - a senior law lord - said the rules were wrong.",
       "person:lord tarlow",
       "role", "org:house of lords", ""},
      {"Anna Ruiz challenged Pierre Dubois to publish the report.", "person:anna ruiz", "criticizes",
       "person:pierre dubois", ""},
      {"Anna Ruiz faces a legal challenge to her plans from Pierre Dubois.", "", "", "", ""},
      {"The United Nations' food aid coordinator, Anna Ruiz, spoke.", "person:anna ruiz",
       "role", "org:un", ""},
      {"Anna Ruiz moved abroad to set up Tarlin Airlines Peru.", "", "", "", ""},
      {"A book says Anna Ruiz broke a pledge to Pierre Dubois.", "", "", "", ""},
      // A story about several countries has no home country: the one the sentence names.
      {"Chile, Bolivia and Ecuador were hit. Peru may lose $1bn, according to tourism minister Anna Ruiz.",
       "person:anna ruiz", "role", "country:PER", ""},
      // A town's name after a given name is a surname.
      {"Chile and Peru were hit, said Ann Lincoln, an analyst at Quorvik Bank.", "person:ann lincoln", "role",
       "org:quorvik bank", ""},
      // A name no list knows, whose first word is an ordinary noun, before an office in apposition.
      {"Chile and Peru were hit, said Gravel Quorvik, deputy head of Tarlin Bank's disasters unit.",
       "person:gravel quorvik", "role", "org:tarlin bank", ""},
      {"He played it on the Gravel Quorvik, Prince of Tarlin.", "", "", "", ""},
      {"Chile and Peru gained, said Ian Reid, a strategist at Quorvik Bank.", "person:ian reid", "role",
       "org:quorvik bank", ""},
      {"It will work, according to media and PR strategist Anna Ruiz.", "", "", "", ""},
      // "President" with no body: the head of the story's state, named close by.
      {"Peru is growing and Peru is fine. President Anna Ruiz's government is still trying to reach a deal.",
       "person:anna ruiz", "role", "country:PER", ""},
      {"Peru is growing and Peru is fine. Titan paid the campaign of President Anna Ruiz in Chile.", "", "", "", ""},
      {"Peru is growing and Peru is fine. Quorvik Relations President Anna Ruiz said so.", "", "", "", ""},
      {"Quorvik Petroleum has agreed to merge with Tarlin Petroleum.", "org:quorvik petroleum", "cooperates",
       "org:tarlin petroleum", ""},
      {"Quorvik University began a collaboration with Tarlin Institute.", "org:quorvik university", "cooperates",
       "org:tarlin institute", ""},
      {"Ian Reid is known for his work with Anna Ruiz.", "person:ian reid", "cooperates", "person:anna ruiz", ""},
      // After a possessive a pattern's word is a noun: "his side" takes no sides.
      {"Peru and Chile. Ian Reid admitted his side could not cope with Chile's strong display.", "", "", "", ""},
      // Calling for an actor to act criticises it; not calling for reform, nor for help to an actor.
      {"Chile has called for Peru to pay its debts.", "country:CHL", "criticizes", "country:PER", ""},
      {"Chile called for Peru to be given more time.", "", "", "", ""},
      {"Chile called for reform of the IMF.", "", "", "", ""},
      {"Its call for Peru to leave the union failed.", "", "", "", ""},
      // A firm by its first word when no dictionary knows the word.
      {"Quorvik Martin Corp makes planes in Peru. Later, Quorvik announced a new agreement with Tarlin "
       "Aeronautics.",
       "org:quorvik martin corp", "cooperates", "org:tarlin aeronautics", "reported"},
      // "Speaker Anna Ruiz": the Speaker of the story's country's lower house.
      {"Britain is divided and Britain is sad. The matter goes to Speaker Anna Ruiz, said Deputy Speaker Ian Reid.",
       "person:anna ruiz",
       "role", "org:house of commons", ""},
      // "for Boeing to sell": the infinitive's own subject; the reporting paper is no buyer.
      {"Chile's President Anna Ruiz signed a deal for Boeing to sell ten planes to Air Peru, the Harbour Gazette "
       "newspaper reported.",
       "org:boeing", "supplies", "org:air peru", "reported"},
      {"Air Tarlin has ordered 12 Airbus jets worth $900m.", "org:airbus", "supplies", "org:air tarlin",
       ""},
      {"Chile ordered Peru to pay.", "", "", "", ""},
      {"Air Tarlin bought ten jets from Boeing.", "org:boeing", "supplies", "org:air tarlin", ""},
      // (A takeover between two firms; no supply from Brazil.)
      {"Quorvik Bank bought Brazilian brewer Tarlin.", "org:quorvik bank", "cooperates", "org:tarlin", ""},
      {"Quorvik Motors formed a joint venture with Tarlin Aeronautics.", "org:quorvik motors", "cooperates",
       "org:tarlin aeronautics", ""},
      {"Anna Ruiz left the Harbour Trust in 1997 to set up Tarlin Airlines.", "person:anna ruiz", "role",
       "org:tarlin airlines", ""},
      {"Peru's Minister for Ports, Roads and Railways Anna Ruiz spoke.", "person:anna ruiz", "role", "country:PER",
       ""},
      {"The chairman of the Harbour Board, Anna Ruiz QC, warned of a risk.", "person:anna ruiz", "role",
       "org:harbour board", ""},
      {"Anna Ruiz, for the Liberal Democrats, said no.", "person:anna ruiz", "role", "org:liberal democrats", ""},
      {"Oxfam dubbed Peru's proposals an abuse of power.", "org:oxfam", "criticizes", "country:PER", ""},
      {"Oxfam questioned the decision. \"It is wrong,\" said director Anna Ruiz.", "person:anna ruiz", "role",
       "org:oxfam", ""},
      {"The United States accused Russia of violating the treaty.", "country:USA", "criticizes", "country:RUS",
       "asserted"},
      {"Turkey and Syria agreed to cooperate on border security.", "country:SYR", "cooperates", "country:TUR", ""},
      {"India and Pakistan signed a ceasefire agreement on Saturday.", "country:IND", "cooperates", "country:PAK", ""},
      {"Japan and the Philippines signed a reciprocal access agreement.", "country:JPN", "cooperates", "country:PHL",
       ""},
      {"An alliance of Peru, India and Japan will act.", "country:PER", "cooperates", "country:JPN", ""},
      {"Anna Ruiz is meeting British officials this week.", "person:anna ruiz", "meets", "country:GBR", "asserted"},
      {"Iran hit back at France on Tuesday.", "country:IRN", "criticizes", "country:FRA", "asserted"},
      {"Poland called for tougher sanctions against Belarus.", "country:POL", "sanctions", "country:BLR", "requested"},
      {"Iran vowed to retaliate against Israel.", "country:IRN", "threatens", "country:ISR", ""},
      {"Russia launched hundreds of drones at Ukrainian cities.", "country:RUS", "attacks", "country:UKR", "asserted"},
      {"Anna Ruiz discussed the crisis with Pierre Dubois.", "person:anna ruiz", "meets", "person:pierre dubois",
       "asserted"},
      {"The ministry said Anna Ruiz would travel to Peru.", "person:anna ruiz", "visits", "country:PER", "expected"},
      {"Ann Hale said Chile would not send troops to Peru.", "country:CHL", "supplies", "country:PER", "expected"},
      {"North Korea fired a missile towards Japan.", "country:PRK", "attacks", "country:JPN", "asserted"},
      {"Israel struck targets in Lebanon overnight.", "country:ISR", "attacks", "country:LBN", "asserted"},
      {"Canada imposed tariffs on Chinese goods.", "country:CAN", "sanctions", "country:CHN", "asserted"},
      {"Saudi Arabia and Iran restored diplomatic ties.", "country:SAU", "cooperates", "country:IRN", "asserted"},
      {"Peru lifted the ban despite US objections.", "country:USA", "criticizes", "country:PER", ""},
      {"Anna Ruiz is due in Peru next week.", "person:anna ruiz", "visits", "country:PER", "expected"},
      {"Anna Ruiz will visit Chile, as well as Peru.", "person:anna ruiz", "visits", "country:PER", "expected"},
      {"Ukraine's foreign minister Dmytro Kuleba met his Chinese counterpart Wang Yi in Beijing.",
       "person:dmytro kuleba", "meets", "person:wang yi", "asserted"},
      {"Germany will send 10 tanks to Ukraine, Chancellor Olaf Scholz announced.", "country:DEU", "supplies",
       "country:UKR", "expected"},
      {"Iran has threatened Israel with a crushing response.", "country:IRN", "threatens", "country:ISR", ""},
      {"Egypt's President Abdel Fattah al-Sisi hosted Qatar's emir, Sheikh Tamim bin Hamad Al Thani, in Cairo.",
       "person:abdel fattah al sisi", "meets", "person:tamim bin hamad al thani", ""},
      {"Officials said Japan could supply Vietnam with patrol boats.", "country:JPN", "supplies", "country:VNM",
       "hypothetical"},
      {"Moscow denied sending weapons to Syria.", "country:RUS", "supplies", "country:SYR", "denied"},
      {"The European Union imposed new sanctions on Belarus.", "org:eu", "sanctions", "country:BLR", "asserted"},
      {"Brazil's support for Venezuela was criticised.", "country:BRA", "supports", "country:VEN", ""},
      {"Canada condemned Russia's invasion of Ukraine.", "country:RUS", "attacks", "country:UKR", ""},
      {"Canada condemned Russia's invasion of Ukraine.", "country:CAN", "criticizes", "country:RUS", ""},
      {"Sanctions on Iran, which were backed by France, remain.", "country:FRA", "supports", "country:IRN", ""},
      {"The analyst said Spain will not send troops to Mali.", "country:ESP", "supplies", "country:MLI", "expected"},
      {"Prime Minister Tony Blair spoke on Monday. Later the prime minister criticised the Conservatives.",
       "person:tony blair", "criticizes", "org:conservative party", ""},
      {"The Russian leader praised Germany. Russian President Vladimir Putin was in Berlin.",
       "person:vladimir putin", "praises", "country:DEU", ""},
      {"BNP leader Nick Griffin rejected the claim.", "person:nick griffin", "role", "org:bnp", ""},
      {"Mr Straw and his Spanish counterpart Miguel Moratinos agreed to set up a forum.", "person:jack straw",
       "cooperates", "person:miguel moratinos", ""},
      {"Russian forces attacked Kharkiv overnight.", "country:RUS", "attacks", "city:kharkiv", ""},
      {"Talks between Armenia and Azerbaijan resumed in Geneva.", "country:ARM", "meets", "country:AZE", ""},
      {"Norway pledged $2bn to Ukraine.", "country:NOR", "supplies", "country:UKR", ""},
      {"Washington threatened to impose sanctions on Turkey.", "country:USA", "sanctions", "country:TUR",
       "hypothetical"},
      {"Maria Lopez, from the campaign group Mothers 4 Peace, said the plan was weak.", "person:maria lopez", "role",
       "org:mothers 4 peace", ""},
      {"Spain's director general for Europe, Jose Maria Pons, attended.", "person:jose maria pons", "role",
       "country:ESP", ""},
      // Descriptions that stand for an actor named before them.
      {"A spokeswoman for Greenpeace spoke on Monday. She said the organisation agreed with Oxfam's analysis.",
       "org:greenpeace", "supports", "org:oxfam", ""},
      {"Chile held elections on Sunday. The country's president Ana Reyes thanked voters.", "person:ana reyes",
       "role", "country:CHL", ""},
      // "the two countries", "both groups": the last two actors of the kind,
      // not the clause's own subject.
      {"France and Germany held a summit. The two countries signed a defence pact on Monday.", "country:FRA",
       "cooperates", "country:DEU", ""},
      {"Oxfam and Greenpeace spoke on Monday. Amnesty warned both groups against complacency.", "org:amnesty international",
       "warns", "org:oxfam", ""},
      {"Oxfam and Greenpeace spoke on Monday. Amnesty warned both groups against complacency.", "org:amnesty international",
       "warns", "org:greenpeace", ""},
      // Leading or belonging to a body.
      {"Ms Ruiz praised Chile during her years at the helm of the OECD.", "person:ruiz", "role", "org:oecd", ""},
      {"Oxfam, which includes economist Pierre Dubois, met on Monday.", "person:pierre dubois", "role", "org:oxfam",
       ""},
      // An unknown name before an office and its holder is the holder's body;
      // a person's possessive names whom they serve.
      {"Harbourside Trust director Pierre Dubois spoke on Monday.", "person:pierre dubois", "role",
       "org:harbourside trust", ""},
      {"Anna Ruiz went to court. Her lawyer Pierre Dubois spoke.", "person:pierre dubois", "role",
       "person:anna ruiz", ""},
      {"Pierre Dubois of Oxfam said aid was late.", "person:pierre dubois", "role", "org:oxfam", ""},
      {"Egypt congratulated Ghana on its election.", "country:EGY", "praises", "country:GHA", ""},
      {"Chile sent Peru its warmest congratulations.", "country:CHL", "praises", "country:PER", ""},
      {"Anna Ruiz, the Liberal Democrats' foreign affairs spokeswoman, spoke.", "person:anna ruiz", "role",
       "org:liberal democrats", ""},
      {"Pierre Dubois, an adviser on energy to President Joe Biden, spoke.", "person:pierre dubois", "role",
       "person:joe biden", ""},
      {"Pierre Dubois, the director for planning at Oxfam, spoke.", "person:pierre dubois", "role", "org:oxfam", ""},
      {"The defection to Oxfam of Pierre Dubois surprised nobody.", "person:pierre dubois", "role", "org:oxfam", ""},
      {"Pierre Dubois said he had been in Mali and Chad.", "person:pierre dubois", "visits", "country:TCD", ""},
      {"The new rules were condemned by Oxfam. Anna Ruiz said the rules would stay. Ms Ruiz spoke.", "org:oxfam",
       "criticizes", "person:anna ruiz", ""},
      {"Senator Anna Ruiz froze fuel duty. Ms Ruiz spoke on Monday. Oxfam said the freeze sends the wrong message.",
       "org:oxfam", "criticizes", "person:anna ruiz", ""},
      {"Oxfam gave £500,000 to Greenpeace.", "org:oxfam", "supplies", "org:greenpeace", ""},
      {"Pierre Dubois, whose company Oxfam won contracts, gave £5m to Greenpeace.", "person:pierre dubois",
       "supplies", "org:greenpeace", ""},
      {"Pierre Dubois, whose company Oxfam won contracts, gave £5m to Greenpeace.", "person:pierre dubois", "role",
       "org:oxfam", ""},
      {"Labour's Anna Ruiz spoke on Monday.", "person:anna ruiz", "role", "org:labour party", ""},
      {"Senator Anna Ruiz is at a summit in Brussels.", "person:anna ruiz", "visits", "city:brussels", ""},
      {"Pierre Dubois spoke. Both Anna Ruiz and Tom Hale have welcomed his return.", "person:anna ruiz",
       "supports", "person:pierre dubois", ""},
      {"Senator Anna Ruiz said she believed Pierre Dubois to be a man of real integrity.", "person:anna ruiz",
       "praises", "person:pierre dubois", "reported"},
      {"Pierre Dubois, Harbourside Trust said the plan was late.", "person:pierre dubois", "role",
       "org:harbourside trust", ""},
      {"The Liberal Democrats' largest donor was Oxfam.", "org:oxfam", "supplies", "org:liberal democrats", ""},
      {"Senator Anna Ruiz froze fuel duty. Ms Ruiz spoke on Monday. Oxfam said: \"It is very disappointing.\"",
       "org:oxfam", "criticizes", "person:anna ruiz", ""},
      // Blameworthy conduct told by a speaker.
      {"Greenpeace and Oxfam say the Scottish Executive is shirking its responsibility.", "org:oxfam", "criticizes",
       "org:scottish executive", ""},
      // A reaction to what the article's main actor did.
      {"Senator Anna Ruiz announced a freeze on fuel duty. Ms Ruiz said prices were high. Oxfam welcomed the news.",
       "org:oxfam", "supports", "person:anna ruiz", ""},
      // The owner of what a passive acts on.
      {"Spain's plan was criticised by Portugal.", "country:PRT", "criticizes", "country:ESP", ""},
      // A spokesman named after "a spokesman for X" speaks for X.
      {"A spokesman for Oxfam said aid was arriving. \"We need more,\" spokesman Pierre Dubois said.",
       "person:pierre dubois", "role", "org:oxfam", ""},
      // Harsh judgements by a speaker, also of "the government" of the
      // article's own country.
      {"Senator Anna Ruiz said Spain's plans were \"irresponsible\".", "person:anna ruiz", "criticizes",
       "country:ESP", "reported"},
      {"Chancellor Gordon Brown and Home Secretary Charles Clarke spoke. Oxfam said the government's response was "
       "\"inadequate\".",
       "org:oxfam", "criticizes", "country:GBR", "reported"},
      // No relation: the link line belongs to another story; a lone surname is no actor.
      {"Read more: France warns Italy over migrants", "", "", "", ""},
      {"Cheering crowds welcomed the news on Monday.", "", "", "", ""},
      // Negation or a quantifier after the target; passive reports; arranged meetings.
      {"Peru warned Chile not to interfere.", "country:PER", "warns", "country:CHL", "asserted"},
      {"Ann Hale has visited Chile several times.", "person:ann hale", "visits", "country:CHL", "asserted"},
      {"Ann Hale is said to have met Ian Reid.", "person:ann hale", "meets", "person:ian reid", "reported"},
      {"Peru was reported to be supplying arms to Chile.", "country:PER", "supplies", "country:CHL", "reported"},
      {"Ann Hale is trying to arrange a meeting with Ian Reid.", "person:ann hale", "meets", "person:ian reid",
       "hypothetical"},
      {"Peru hopes to sign a deal with Chile.", "country:PER", "cooperates", "country:CHL", "expected"},
      // Exports, investment, funding, pressure; an aside's participle.
      {"Peruvian exports to China grew 34%.", "country:PER", "supplies", "country:CHN", "asserted"},
      {"Peru has invested $1bn in Chile.", "country:PER", "supplies", "country:CHL", "asserted"},
      {"Peru is under pressure from Chile to cut tariffs.", "country:CHL", "criticizes", "country:PER", ""},
      {"The Harbour Trust, financed by Peru, has accused Chile of lying.", "country:PER", "supplies",
       "org:harbour trust", "asserted"},
      {"The Harbour Trust, financed by Peru, has accused Chile of lying.", "org:harbour trust", "criticizes",
       "country:CHL", "asserted"},
      {"An embargo on arms exports to Chile remains.", "", "", "", ""},
      {"Ann Hale's feud with Ian Reid deepened.", "person:ann hale", "criticizes", "person:ian reid", "asserted"},
      {"Peru is locked in a row with Chile over fishing.", "country:PER", "criticizes", "country:CHL", "asserted"},
      {"Peru expressed concern over Chile's plans.", "country:PER", "criticizes", "country:CHL", "asserted"},
      {"Peru has objected to Chile's plans.", "country:PER", "criticizes", "country:CHL", "asserted"},
      // Who meets someone in a city of another country visits it.
      {"Chile's President Ian Reid spoke. On Monday in Lima, President Reid met Ann Hale.", "person:ian reid",
       "visits", "city:lima", "asserted"},
  };
  for (const auto& c : cases) {
    Extraction x = ExtractText(c.sentence);
    if (c.type.empty()) {
      EXPECT_TRUE(x.relations.empty()) << c.sentence << " -> " << ExtractionToJson(x);
      continue;
    }
    bool found = false;
    for (const Relation& r : x.relations) {
      bool ends = (r.source == c.source && r.target == c.target) ||
                  (IsSymmetricRelation(c.type) && r.source == c.target && r.target == c.source);
      if (ends && r.type == c.type &&
          (c.modality.empty() || ModalityName(r.evidence.modality) == c.modality)) {
        found = true;
      }
    }
    EXPECT_TRUE(found) << c.sentence << "\n  wanted " << c.source << " " << c.type << " " << c.target << " "
                       << c.modality << "\n  got " << ExtractionToJson(x);
  }
}

TEST_F(ExtractionTest, JudgementsNeedAJudgedActorAndAreNotDenied) {
  // Defending a plan, judging no actor, or doing something to a "shambles"
  // criticises nobody.
  for (const char* sentence : {"Anna Ruiz said Spain's plans were not racist.",
                               "Anna Ruiz said the weather was appalling.",
                               "Anna Ruiz said Spain would sort out the \"shambles\" of the railways.",
                               "Anna Ruiz told Oxfam the decision was wrong."}) {
    Extraction x = ExtractText(sentence);
    for (const Relation& r : x.relations) EXPECT_NE(r.type, "criticizes") << sentence << " -> " << ExtractionToJson(x);
  }
}

TEST_F(ExtractionTest, HeIsNotAWomanTheArticleCallsMs) {
  Extraction x = ExtractText("Ms Anna Ruiz met Pierre Dubois on Monday. He later praised Chile.");
  bool dubois = false;
  for (const Relation& r : x.relations) {
    EXPECT_FALSE(r.source == "person:anna ruiz" && r.type == "praises") << ExtractionToJson(x);
    dubois = dubois || (r.source == "person:pierre dubois" && r.type == "praises");
  }
  EXPECT_TRUE(dubois) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APassiveWithoutItsAgentGivesNoAgent) {
  Extraction x = ExtractText("Pierre Dubois was told he would be sent to Guantanamo Bay.");
  for (const Relation& r : x.relations) EXPECT_NE(r.type, "supplies") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, NobodyVisitsTheirOwnCountry) {
  Extraction x = ExtractText("Chancellor Gordon Brown has toured Britain since May.");
  for (const Relation& r : x.relations) EXPECT_NE(r.type, "visits") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, GivingWithoutASumSuppliesNothing) {
  Extraction x = ExtractText("Oxfam gave evidence to Greenpeace.");
  EXPECT_TRUE(x.relations.empty()) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, PartyQualifiedDescriptionAfterTheLeadIsItsSubject) {
  Extraction x = ExtractText("Pierre Dubois has denied a split. The Labour leader said the party was united.");
  bool role = false;
  for (const Relation& r : x.relations) {
    role = role || (r.source == "person:pierre dubois" && r.type == "role" && r.target == "org:labour party");
  }
  EXPECT_TRUE(role) << ExtractionToJson(x);
  // Past an opening phrase that names no one; not past one that does.
  Extraction opened = ExtractText(
      "Taxes must fall, said Pierre Dubois. In a radio interview the Labour leader said so.");
  auto has_role = [](const Extraction& e) {
    for (const Relation& r : e.relations) {
      if (r.source == "person:pierre dubois" && r.type == "role" && r.target == "org:labour party") return true;
    }
    return false;
  };
  EXPECT_TRUE(has_role(opened)) << ExtractionToJson(opened);
  Extraction named = ExtractText(
      "Taxes must fall, said Pierre Dubois. In Ann Hale's view the Labour leader was wrong.");
  EXPECT_FALSE(has_role(named)) << ExtractionToJson(named);
}

TEST_F(ExtractionTest, MonthBeforeANameIsNoPartOfIt) {
  Extraction x = ExtractText("Last November Pierre Dubois was jailed.");
  ASSERT_EQ(x.entities.size(), 1u) << ExtractionToJson(x);
  EXPECT_EQ(x.entities[0].name, "Pierre Dubois");
}

TEST_F(ExtractionTest, NegationAttributionTimeAndEvidence) {
  Extraction x = ExtractText("On Wednesday the European Union has not imposed sanctions on China, EU officials said.");
  ASSERT_EQ(x.relations.size(), 1u) << ExtractionToJson(x);
  const Relation& r = x.relations[0];
  EXPECT_EQ(r.type, "sanctions");
  EXPECT_TRUE(r.evidence.negated);
  EXPECT_EQ(r.evidence.time, "2024-03-13");  // the Wednesday before the article's date
  EXPECT_EQ(r.evidence.sentence.substr(0, 13), "On Wednesday ");
  EXPECT_EQ(r.evidence.sentence_start, 9u);  // after the headline line
  EXPECT_EQ(r.evidence.article_id, "test/article");
}

TEST_F(ExtractionTest, SurnamesAndPronounsResolveToPeopleNamedBefore) {
  Extraction x = ExtractText(
      "Canadian Prime Minister Mark Carney arrived in Tokyo on Monday. Carney met Japanese officials. "
      "He later praised Japan for its support.");
  int carney = 0;
  for (const Entity& e : x.entities) {
    if (e.type == EntityType::kPerson) {
      EXPECT_EQ(e.key, "person:mark carney");
      ++carney;
    }
  }
  EXPECT_EQ(carney, 1);
  bool praised = false, visited = false;
  for (const Relation& r : x.relations) {
    praised = praised || (r.source == "person:mark carney" && r.type == "praises" && r.target == "country:JPN");
    visited = visited || (r.source == "person:mark carney" && r.type == "visits" && r.target == "city:tokyo");
  }
  EXPECT_TRUE(praised) << ExtractionToJson(x);
  EXPECT_TRUE(visited) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APronounOutsideQuotesIsNotSomeoneQuoted) {
  // The speaker is Anna Ruiz; Pierre Dubois is only named inside her quote,
  // which runs over two sentences of the paragraph.
  Extraction x = ExtractText(
      "Anna Ruiz spoke in Madrid. \"The fact is that Pierre Dubois won. He is there for four years,\" "
      "he said. He also criticised Chile.");
  bool ruiz = false;
  for (const Relation& r : x.relations) {
    EXPECT_FALSE(r.source == "person:pierre dubois" && r.type == "criticizes") << ExtractionToJson(x);
    ruiz = ruiz || (r.source == "person:anna ruiz" && r.type == "criticizes" && r.target == "country:CHL");
  }
  EXPECT_TRUE(ruiz) << ExtractionToJson(x);
}

// ingest/data/offices.tsv: "the prime minister" is the holder on the
// article's date whom the article names; the role is recorded.
TEST_F(ExtractionTest, AnUnnamedOfficeIsItsHolderOnTheArticleDate) {
  const std::string text = "Rishi Sunak and Keir Starmer spoke in Leeds. The economy is strong, the prime minister said.";
  auto prime_minister = [](const Extraction& x) {
    std::string holder;
    for (const Relation& r : x.relations) {
      if (r.type == "role" && r.role == "Prime Minister" && r.target == "country:GBR") holder = r.source;
    }
    return holder;
  };
  Extraction in_2024 = ExtractText(text, "2024-03-14");
  EXPECT_EQ(prime_minister(in_2024), "person:rishi sunak") << ExtractionToJson(in_2024);
  Extraction in_2025 = ExtractText(text, "2025-03-14");
  EXPECT_EQ(prime_minister(in_2025), "person:keir starmer") << ExtractionToJson(in_2025);
  // Without a date both held it: no guess.
  Extraction undated = ExtractText(text, "");
  EXPECT_EQ(prime_minister(undated), "") << ExtractionToJson(undated);
  // Nor for some other body's president.
  Extraction other = ExtractText("Donald Trump spoke. The president of the club resigned.", "2025-03-14");
  for (const Relation& r : other.relations) EXPECT_NE(r.type, "role") << ExtractionToJson(other);
}

TEST_F(ExtractionTest, SomeoneNamedWithAnotherOfficeIsNotTheUnnamedOne) {
  // Undated: Brown was prime minister too, but here he is the chancellor.
  Extraction x = ExtractText("Chancellor Gordon Brown met Tony Blair. The prime minister later praised Chile.", "");
  bool blair = false;
  for (const Relation& r : x.relations) {
    EXPECT_FALSE(r.source == "person:gordon brown" && r.type == "praises") << ExtractionToJson(x);
    blair = blair || (r.source == "person:tony blair" && r.type == "praises" && r.target == "country:CHL");
  }
  EXPECT_TRUE(blair) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnInfinitivesOwnSubjectSupplies) {
  Extraction x = ExtractText(
      "Chile's President Anna Ruiz signed a deal for Boeing to sell ten planes to Air Peru, the Harbour Gazette "
      "newspaper reported.");
  for (const Relation& r : x.relations) {
    EXPECT_FALSE(r.type == "supplies" && r.source == "person:anna ruiz") << ExtractionToJson(x);
    EXPECT_FALSE(r.type == "supplies" && r.target == "org:harbour gazette") << ExtractionToJson(x);
  }
}

// ingest/data/offices.tsv: a party leader named beside the party belongs
// to it; the office is "Leader" only on a date in the term.
TEST_F(ExtractionTest, AKnownPartyLeaderNamedWithThePartyBelongsToIt) {
  auto party_role = [](const Extraction& x) {
    std::string role;
    for (const Relation& r : x.relations) {
      if (r.type == "role" && r.source == "person:michael howard" && r.target == "org:conservative party") role = r.role;
    }
    return role;
  };
  const std::string text = "Tory plans for the NHS are fair, Michael Howard told reporters.";
  Extraction in_2004 = ExtractText(text, "2004-05-01");
  EXPECT_EQ(party_role(in_2004), "Leader") << ExtractionToJson(in_2004);
  Extraction undated = ExtractText(text, "");
  EXPECT_EQ(party_role(undated), "member") << ExtractionToJson(undated);
  // Not before his party had him; not when the party goes unnamed.
  Extraction in_1980 = ExtractText(text, "1980-05-01");
  EXPECT_EQ(party_role(in_1980), "") << ExtractionToJson(in_1980);
  Extraction no_party = ExtractText("Michael Howard spoke in Leeds on Monday.", "2004-05-01");
  EXPECT_EQ(party_role(no_party), "") << ExtractionToJson(no_party);
  // A member the table knows, while a member.
  auto labour = [](const Extraction& x) {
    for (const Relation& r : x.relations) {
      if (r.type == "role" && r.source == "person:clare short" && r.target == "org:labour party") return r.role;
    }
    return std::string();
  };
  Extraction member = ExtractText("Labour's plans are fair, Clare Short told reporters.", "2004-05-01");
  EXPECT_EQ(labour(member), "member") << ExtractionToJson(member);
  Extraction left = ExtractText("Labour's plans are fair, Clare Short told reporters.", "2010-05-01");
  EXPECT_EQ(labour(left), "") << ExtractionToJson(left);
}

TEST_F(ExtractionTest, BackAfterAVerbIsAParticleNotSupport) {
  Extraction x = ExtractText("Chile hit back at Peru and will seize back the initiative from Bolivia.");
  for (const Relation& r : x.relations) EXPECT_NE(r.type, "supports") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APostAfterAnotherBodysSentenceNeedsThatBody) {
  // "its founder": the body "its" stands for, not the one opening the sentence before.
  Extraction x = ExtractText("Oxfam sued Greenpeace. It blamed the ambitions of its founder Anna Ruiz.");
  for (const Relation& r : x.relations) EXPECT_NE(r.type, "role") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APronounLooksPastAnOpeningClauseForTheSubject) {
  Extraction x = ExtractText(
      "Speaking after Pierre Dubois had left, Anna Ruiz said the talks went well. But she criticised Chile.");
  bool ruiz = false;
  for (const Relation& r : x.relations) {
    EXPECT_FALSE(r.source == "person:pierre dubois" && r.type == "criticizes") << ExtractionToJson(x);
    ruiz = ruiz || (r.source == "person:anna ruiz" && r.type == "criticizes" && r.target == "country:CHL");
  }
  EXPECT_TRUE(ruiz) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, EachRelationIsFoundOnceInASentence) {
  Extraction x = ExtractText("Amnesty condemned Russia.");
  ASSERT_EQ(x.relations.size(), 1u) << ExtractionToJson(x);
  // Two patterns ("agree", "work with"), one relation.
  Extraction y = ExtractText("Germany and France agreed to work together on defence.");
  ASSERT_EQ(y.relations.size(), 1u) << ExtractionToJson(y);
}

TEST_F(ExtractionTest, ACapitalActingAsItsGovernmentIsItsCountry) {
  // Named only as actors: aliases of their countries, no cities.
  Extraction acting = ExtractText("Moscow warned Kyiv on Monday. Kyiv was criticised by Beijing.");
  for (const Entity& e : acting.entities) EXPECT_NE(e.type, EntityType::kCity) << ExtractionToJson(acting);
  bool warned = false;
  for (const Relation& r : acting.relations) {
    EXPECT_NE(r.type, "located_in") << ExtractionToJson(acting);
    warned = warned || (r.source == "country:RUS" && r.type == "warns" && r.target == "country:UKR");
  }
  EXPECT_TRUE(warned) << ExtractionToJson(acting);
  // Named as a place too: the city stays.
  Extraction place = ExtractText("Moscow warned Kyiv on Monday. Talks were held in Moscow.");
  bool city = false;
  for (const Entity& e : place.entities) city = city || e.key == "city:moscow";
  EXPECT_TRUE(city) << ExtractionToJson(place);
}

TEST_F(ExtractionTest, ACapitalThatSpeaksIsItsGovernment) {
  Extraction x = ExtractText("Canberra has said it backs the new pact. Canberra has said Japan supports Fiji.");
  // Whoever a relation is attributed to is one of the entities.
  for (const Relation& r : x.relations) {
    if (r.evidence.attributed_to.empty()) continue;
    bool known = false;
    for (const Entity& e : x.entities) known = known || e.key == r.evidence.attributed_to;
    EXPECT_TRUE(known) << r.evidence.attributed_to << "\n" << ExtractionToJson(x);
  }
  bool alias = false;
  for (const Entity& e : x.entities) {
    EXPECT_NE(e.type, EntityType::kCity) << ExtractionToJson(x);
    if (e.key == "country:AUS") {
      for (const std::string& a : e.aliases) alias = alias || a == "Canberra";
    }
  }
  EXPECT_TRUE(alias) << ExtractionToJson(x);
  // Without any relation: a capital that owns a stance or opens a clause.
  Extraction stance = ExtractText(
      "Ann Hale said many of Canberra's objections were unfounded. Canberra is said to fear a deal.");
  for (const Entity& e : stance.entities) EXPECT_NE(e.type, EntityType::kCity) << ExtractionToJson(stance);
  // A city that is no capital stays a city, and so does a capital inside a
  // longer name ("the Vienna State Opera").
  for (const char* text : {"Chicago said the deal was off.", "He sang at the Vienna State Opera."}) {
    Extraction city = ExtractText(text);
    bool found = false;
    for (const Entity& e : city.entities) found = found || e.type == EntityType::kCity;
    EXPECT_TRUE(found) << ExtractionToJson(city);
  }
}

TEST_F(ExtractionTest, AJudgementOfWhatTheMainActorDidCriticisesIt) {
  Extraction x = ExtractText(
      "Pierre Dubois has set out new plans. Pierre Dubois defended them. "
      "Anna Ruiz said the plans were a \"gross abuse of office\".");
  bool found = false;
  for (const Relation& r : x.relations) {
    found = found || (r.source == "person:anna ruiz" && r.type == "criticizes" && r.target == "person:pierre dubois");
  }
  EXPECT_TRUE(found) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AJudgementIsReportedWhateverTheTenseInsideTheQuote) {
  Extraction x = ExtractText("Anna Ruiz said: \"Peru will con enough people to win.\"");
  bool found = false;
  for (const Relation& r : x.relations) {
    if (r.source == "person:anna ruiz" && r.type == "criticizes" && r.target == "country:PER") {
      found = true;
      EXPECT_EQ(r.evidence.modality, Modality::kReported) << ExtractionToJson(x);
    }
  }
  EXPECT_TRUE(found) << ExtractionToJson(x);
}

// Whether `x` holds the relation source -type-> target (entity keys).
static bool HasRelation(const Extraction& x, const std::string& source, const std::string& type,
                        const std::string& target) {
  for (const Relation& r : x.relations) {
    if (r.source == source && r.type == type && r.target == target) return true;
  }
  return false;
}

TEST_F(ExtractionTest, AttendingAnActorsMeetingMeetsIt) {
  Extraction x = ExtractText("Peru will attend the Nato summit in May.");
  EXPECT_TRUE(HasRelation(x, "country:PER", "meets", "org:nato")) << ExtractionToJson(x);
  // Attending without a host, or a place, meets nobody.
  Extraction y = ExtractText("Ann Hale, Ian Reid and Li Wei are expected to attend. Ann Hale attended Oxford University.");
  for (const Relation& r : y.relations) EXPECT_NE(r.type, "meets") << ExtractionToJson(y);
}

TEST_F(ExtractionTest, AWarningAboutAnActorWarnsIt) {
  Extraction x = ExtractText("The IMF warned on Monday that Peru's debts were too high.");
  EXPECT_TRUE(HasRelation(x, "org:imf", "warns", "country:PER")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, BecomingAnActorsTradingPartnerCooperatesWithIt) {
  Extraction x = ExtractText("Chile has become Peru's largest trading partner.");
  EXPECT_TRUE(HasRelation(x, "country:CHL", "cooperates", "country:PER")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnUndatedDescriptionIsTheHolderOfTheArticlesEra) {
  // Both held the office; with no date, the one whose term the other
  // people named share (the table has Brown as chancellor under Blair).
  Extraction undated = ExtractText(
      "The UK economy grew. Gordon Brown met Tony Blair in London. The prime minister said the UK was strong.", "");
  EXPECT_TRUE(HasRelation(undated, "person:tony blair", "role", "country:GBR")) << ExtractionToJson(undated);
  EXPECT_FALSE(HasRelation(undated, "person:gordon brown", "role", "country:GBR")) << ExtractionToJson(undated);
  // A date decides instead.
  Extraction dated = ExtractText(
      "The UK economy grew. Tony Blair met Gordon Brown in London. The prime minister said the UK was strong.",
      "2008-05-01");
  EXPECT_TRUE(HasRelation(dated, "person:gordon brown", "role", "country:GBR")) << ExtractionToJson(dated);
}

TEST_F(ExtractionTest, DescriptionsAndFirmsAroundNames) {
  // A description before a given name is no part of the name; a firm named
  // after where it is based is the firm; an industry word heads a firm.
  Extraction x = ExtractText(
      "New Yorker Ann Hale met Lisbon-based Zentrix. Shares in Harland Petroleum fell.");
  bool hale = false, zentrix = false, harland = false;
  for (const Entity& e : x.entities) {
    hale = hale || (e.name == "Ann Hale" && e.type == EntityType::kPerson);
    zentrix = zentrix || (e.name == "Zentrix" && e.type == EntityType::kOrganization);
    harland = harland || (e.name == "Harland Petroleum" && e.type == EntityType::kOrganization);
  }
  EXPECT_TRUE(hale && zentrix && harland) << ExtractionToJson(x);
  // "Re" heads a reinsurer's name, even after a known city.
  Extraction re = ExtractText("A spokeswoman for Lisbon Re said claims would be low.");
  bool reinsurer = false;
  for (const Entity& e : re.entities) {
    reinsurer = reinsurer || (e.name == "Lisbon Re" && e.type == EntityType::kOrganization);
    EXPECT_NE(e.name, "Lisbon") << ExtractionToJson(re);
  }
  EXPECT_TRUE(reinsurer) << ExtractionToJson(re);
  // A known surname followed by another name is someone else ("Putin" is
  // in the lexicon; "Putin Alvarez" is not Vladimir Putin).
  Extraction y = ExtractText("Putin Alvarez, Peru's envoy to the UN, said accession would help.");
  for (const Entity& e : y.entities) EXPECT_NE(e.key, "person:vladimir putin") << ExtractionToJson(y);
}

TEST_F(ExtractionTest, RolesAcrossDescriptions) {
  Extraction x = ExtractText(
      "The Herald's foreign affairs correspondent, Ann Hale, said it was over. "
      "Ian Reid, director of the pressure group Harbour Watch, disagreed. "
      "Outgoing UN security council president Luis Ortega spoke. "
      "Britain is in talks. Shadow trade secretary Li Wei said Britain must act.",
      /*date=*/"");  // (undated: no era tells whose shadow office it is)
  bool hale = false, reid = false, ortega = false, wei = false;
  for (const Relation& r : x.relations) {
    if (r.type != "role") continue;
    hale = hale || (r.source == "person:ann hale" && r.target.find("herald") != std::string::npos);
    reid = reid || (r.source == "person:ian reid" && r.target.find("harbour watch") != std::string::npos);
    ortega = ortega || (r.source == "person:luis ortega" && r.target.find("security council") != std::string::npos);
    wei = wei || (r.source == "person:li wei" && r.target == "country:GBR");
  }
  EXPECT_TRUE(hale) << ExtractionToJson(x);
  EXPECT_TRUE(reid) << ExtractionToJson(x);
  EXPECT_TRUE(ortega) << ExtractionToJson(x);
  EXPECT_TRUE(wei) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ImportingFromAnActorIsBeingSuppliedByIt) {
  Extraction x = ExtractText("Peru agreed to import Chilean copper. Bolivia imports gas from Brazil.");
  EXPECT_TRUE(HasRelation(x, "country:CHL", "supplies", "country:PER")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:BRA", "supplies", "country:BOL")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ACountrysUnknownNameIsOneOfItsBodies) {
  Extraction x = ExtractText(
      "Peru's Zentragas signed a deal. Chile's Atacama province was hit. A South American bank opened.");
  bool firm = false;
  for (const Entity& e : x.entities) {
    firm = firm || (e.name == "Zentragas" && e.type == EntityType::kOrganization && e.country == "PER");
    EXPECT_NE(e.name, "Atacama") << ExtractionToJson(x);  // a place, not a body
    EXPECT_NE(e.key, "country:USA") << ExtractionToJson(x);  // "South American" is no US
  }
  EXPECT_TRUE(firm) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, CallingWhatAnActorOwnsHarshCriticisesTheActor) {
  Extraction x = ExtractText("Ann Hale has called Peru's new tariff on Chilean wine \"unjustified\".");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "country:PER")) << ExtractionToJson(x);
  // The judge is the verb's subject, even when someone else speaks later.
  Extraction y = ExtractText("The Andean Council called this \"indefensible\" but Peru said the tariff was fair.");
  for (const Relation& r : y.relations) EXPECT_NE(r.source, "country:PER") << ExtractionToJson(y);
  // A condition judges nothing.
  Extraction z = ExtractText("Ann Hale says Peru could drop the tariff if it has a damaging effect.");
  for (const Relation& r : z.relations) EXPECT_NE(r.type, "criticizes") << ExtractionToJson(z);
}

TEST_F(ExtractionTest, PronounsOfAnOpeningClauseLookAheadToTheSubject) {
  Extraction x = ExtractText(
      "Ian Reid won the vote. Within hours of his talks with Mr Ortega, Sir Ann Hale said he would resign.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "meets", "person:ortega")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ian reid", "meets", "person:ortega")) << ExtractionToJson(x);
  // "his holiday in Peru": the pronoun's person visits.
  Extraction y = ExtractText("Ian Reid spoke on Monday. He had just returned from his holiday in Peru.");
  EXPECT_TRUE(HasRelation(y, "person:ian reid", "visits", "country:PER")) << ExtractionToJson(y);
}

TEST_F(ExtractionTest, BeingASupporterOrCriticOfAnActor) {
  Extraction x = ExtractText(
      "Ann Hale has long been a loyal backer of Peruvian membership. Ian Reid is a fierce critic of Chile.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "supports", "country:PER")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "criticizes", "country:CHL")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, SubordinateClausesTitledNamesOfBodiesAndStruckDeals) {
  // "before he is due to meet": "he" is a subject, not a preposition's object.
  Extraction x = ExtractText("Ian Reid spoke. His visit comes days before he is due to meet Ann Hale.");
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "meets", "person:ann hale")) << ExtractionToJson(x);
  // "Ambassador Ann Hale of Peru": the body after the titled name.
  Extraction y = ExtractText("Ambassador Ann Hale of Peru warned against haste.");
  EXPECT_TRUE(HasRelation(y, "person:ann hale", "role", "country:PER")) << ExtractionToJson(y);
  // Striking a deal is no attack.
  Extraction z = ExtractText("Harland Motors has struck a deal to supply Zentrix Steel with vans.");
  for (const Relation& r : z.relations) {
    EXPECT_NE(r.type, "attacks") << ExtractionToJson(z);
    EXPECT_NE(r.type, "criticizes") << ExtractionToJson(z);
  }
}

TEST_F(ExtractionTest, WelcomingADecisionByTwoActorsAndBeingInAPlace) {
  Extraction x = ExtractText("Chile has welcomed the decision by Peru and Bolivia to open a rail link.");
  EXPECT_TRUE(HasRelation(x, "country:CHL", "supports", "country:PER")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:CHL", "supports", "country:BOL")) << ExtractionToJson(x);
  Extraction y = ExtractText("On Monday Ann Hale was in Peru for talks.");
  EXPECT_TRUE(HasRelation(y, "person:ann hale", "visits", "country:PER")) << ExtractionToJson(y);
}

TEST_F(ExtractionTest, RefusalsAndWhatATitledPersonOwns) {
  // "could not support": denied, not hypothetical.
  Extraction x = ExtractText("Ann Hale said Chile could not support the Andean Council.");
  bool denied = false;
  for (const Relation& r : x.relations) {
    if (r.source == "country:CHL" && r.type == "supports") denied = r.evidence.modality == Modality::kDenied;
  }
  EXPECT_TRUE(denied) << ExtractionToJson(x);
  // "Mr Green's Harbour Fund": Green, and no body named after him.
  Extraction y = ExtractText("Ian Green spoke. Chile backed Mr Green's Harbour Fund.");
  for (const Entity& e : y.entities) EXPECT_EQ(e.name.find("Green's"), std::string::npos) << ExtractionToJson(y);
}

TEST_F(ExtractionTest, BrandingAPlanAndBlamingWhatAnActorNames) {
  // The verb's subject judges what the article's main actor did.
  Extraction x = ExtractText(
      "Ian Reid unveiled a new housing scheme. Ian Reid defended it. "
      "Ann Hale has branded the scheme \"a farce\".");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "person:ian reid")) << ExtractionToJson(x);
  // "the Peru war had undermined him": a war, not Peru, undermined him.
  Extraction y = ExtractText("Ann Hale said Ian Reid felt the Peru war had undermined him.");
  for (const Relation& r : y.relations) EXPECT_NE(r.target, "country:PER") << ExtractionToJson(y);
}

TEST_F(ExtractionTest, AFirmsManagersAndTheirLists) {
  Extraction x = ExtractText(
      "Harland Zentrix managers Ann Hale and Ian Reid, and Quorvia managers Mark Dunn and Luis Ortega face charges.");
  bool firm = false;
  for (const Entity& e : x.entities) firm = firm || (e.name == "Harland Zentrix" && e.type == EntityType::kOrganization);
  EXPECT_TRUE(firm) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:harland zentrix")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:mark dunn", "role", "org:quorvia")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:mark dunn", "role", "org:harland zentrix")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnUnresolvedSubjectPronounIsTheSubject) {
  Extraction x = ExtractText(
      "President Ann Hale has ordered the contracts to be examined to see if they provide benefits to Peru.");
  for (const Relation& r : x.relations) EXPECT_NE(r.type, "supplies") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, SuingCriticisesAndACountryDescribingSomeoneIsNoActor) {
  Extraction x = ExtractText("Zentrix Holdings has sued Peru for $2bn.");
  EXPECT_TRUE(HasRelation(x, "org:zentrix holdings", "criticizes", "country:PER")) << ExtractionToJson(x);
  Extraction y = ExtractText("A Chilean woman is suing Zentrix Holdings over a faulty printer.");
  for (const Relation& r : y.relations) EXPECT_NE(r.source, "country:CHL") << ExtractionToJson(y);
}

TEST_F(ExtractionTest, AThreatMadeIsAsserted) {
  Extraction x = ExtractText("Peru threatened to retaliate against Chilean interests.");
  bool asserted = false;
  for (const Relation& r : x.relations) {
    if (r.source == "country:PER" && r.type == "threatens" && r.target == "country:CHL") {
      asserted = r.evidence.modality == Modality::kAsserted;
    }
  }
  EXPECT_TRUE(asserted) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, DemandsProtestsAndPlacesNamedAfterTheirKind) {
  Extraction x = ExtractText(
      "Ann Hale called on Chile to withdraw its troops. Peru protested to Bolivia over the incident. "
      "Chilean forces shelled the city of Lima. Oxfam called on British farmers to stay.");
  bool requested = false;
  for (const Relation& r : x.relations) {
    if (r.source == "person:ann hale" && r.type == "criticizes" && r.target == "country:CHL") {
      requested = r.evidence.modality == Modality::kRequested;
    }
    EXPECT_NE(r.target, "country:GBR") << ExtractionToJson(x);  // the firms, not Britain
  }
  EXPECT_TRUE(requested) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:PER", "criticizes", "country:BOL")) << ExtractionToJson(x);
  bool shelled = false;
  for (const Relation& r : x.relations) shelled = shelled || (r.source == "country:CHL" && r.type == "attacks");
  EXPECT_TRUE(shelled) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, HarshWordsAboutAnEventAreNotAboutItsPlace) {
  Extraction x = ExtractText("Ann Hale warned Ian Reid that the Peru war could be illegal.");
  for (const Relation& r : x.relations) EXPECT_NE(r.target, "country:PER") << ExtractionToJson(x);
  // But an actor's own plans are its own.
  Extraction y = ExtractText("Ann Hale said the Labour plans were \"uncosted\".");
  EXPECT_TRUE(HasRelation(y, "person:ann hale", "criticizes", "org:labour party")) << ExtractionToJson(y);
}

TEST_F(ExtractionTest, ABanOnImportsAndAFutureStay) {
  Extraction x = ExtractText("Peru imposed a ban on imports from Chile. Ann Hale will be in Lima next week.");
  EXPECT_TRUE(HasRelation(x, "country:PER", "sanctions", "country:CHL")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "country:CHL", "supplies", "country:PER")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "visits", "city:lima")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AShortBodyNameAndNamesBeforeADate) {
  // "the Andean Commission ... the Commission": one body.
  Extraction x = ExtractText(
      "The Andean Commission met in Lima. Commission president Ann Hale spoke. "
      "Figures were released by Peru's Harbour Board on Wednesday.");
  int commissions = 0;
  for (const Entity& e : x.entities) {
    commissions += e.name.find("Commission") != std::string::npos;
    EXPECT_EQ(e.name.find("Wednesday"), std::string::npos) << ExtractionToJson(x);
  }
  EXPECT_EQ(commissions, 1) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnUnknownNameBeforeAFacilityWord) {
  Extraction x = ExtractText("The men are held in Quorvik prison, near Lima. Others were sent to an army-run prison.");
  bool prison = false;
  for (const Entity& e : x.entities) {
    prison = prison || (e.name == "Quorvik Prison" && e.type == EntityType::kFacility);
    EXPECT_EQ(e.name.find("army-run"), std::string::npos) << ExtractionToJson(x);
  }
  EXPECT_TRUE(prison) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ACountrysOfficeNamedBeforeItsHolderAndAPlaceAbroad) {
  // "Peru's trade minister" before "Ann Hale, Peru's trade minister,": the
  // same person; opening with a place abroad for her, she visits it.
  Extraction x = ExtractText(
      "In Santiago on Monday, Peru's trade minister, hit out at the farm policies of Chile. "
      "Ann Hale, Peru's trade minister, said more talks were needed.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "country:CHL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "visits", "city:santiago")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "country:PER")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnAdjectiveIsNoRank) {
  // "major" is a rank only as "Major"; "Andean" is no person here.
  Extraction x = ExtractText("Peru would be the first major Andean state in the bloc.");
  for (const Entity& e : x.entities) EXPECT_NE(e.type, EntityType::kPerson) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, BodiesNamedByTheirOfficesAndMembers) {
  Extraction x = ExtractText(
      "Ann Hale, of the League Against Harbour Tolls, spoke on Monday. "
      "Jo Barr, a long-standing member of the Quorvik hunt, agreed. "
      "Ian Reid, of the Harbour Gazette newspaper, was there. "
      "He said Harmony general secretary Tom Lane was right. "
      "The resignations of Tarlin Trust chairman Ed Moss, director Kim Hart and reporter Sam Dale followed.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:league against harbour tolls")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "org:quorvik hunt")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:harbour gazette")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:tom lane", "role", "org:harmony")) << ExtractionToJson(x);
  for (const char* person : {"person:ed moss", "person:kim hart", "person:sam dale"}) {
    EXPECT_TRUE(HasRelation(x, person, "role", "org:tarlin trust")) << person << ExtractionToJson(x);
  }
}

TEST_F(ExtractionTest, AReactionGoesToWhoeverOwnsThePlan) {
  // Ian Reid is named most, but the plans are the Harbour Board's: it
  // unveiled them, and they are "the board's" and "Harbour Board plans".
  // Ann Hale's "senior policy adviser" names no plan.
  Extraction x = ExtractText(
      "The Harbour Board unveiled new rules on Monday. "
      "Ian Reid, a Quorvik fisherman, was in Tarlin. Ian Reid said he was fishing. Ian Reid agreed. "
      "Ann Hale, a senior policy adviser, said Harbour Board plans would help. "
      "Jo Barr said the rules were \"discriminatory\".");
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "criticizes", "org:harbour board")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:jo barr", "criticizes", "person:ian reid")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AReactionToAnActOrToPlansAcrossAnAside) {
  // "opposes giving ..." criticises whoever plans the act; an aside between
  // dashes does not hide what "unrealistic" judges.
  Extraction x = ExtractText(
      "The British government unveiled new rules in London. "
      "The Tarlin Trust said it strongly opposes giving wardens the power to fine. "
      "The Quorvik Union says government proposals - which include two patrols a week by 2008 - are unrealistic.");
  EXPECT_TRUE(HasRelation(x, "org:tarlin trust", "criticizes", "country:GBR")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "org:quorvik union", "criticizes", "country:GBR")) << ExtractionToJson(x);
  // A noun ending in -ing is no act.
  Extraction y = ExtractText("The British government unveiled new rules. The Tarlin Trust opposes morning patrols.");
  EXPECT_FALSE(HasRelation(y, "org:tarlin trust", "criticizes", "country:GBR")) << ExtractionToJson(y);
}

TEST_F(ExtractionTest, OfficesNamedInARelativeClauseOrAfterTheirBody) {
  Extraction x = ExtractText(
      "The chairman of the Tarlin Council, Ann Hale, warned there was a risk. "
      "The head of the Quorvik Trust, Ian Reid, said so. "
      "Jo Barr, who is now the Harbour Party's deputy leader, left. "
      "Kim Hart, who chaired the Tarlin Commission, spoke. "
      "Ed Moss, who chairs the Tarlin Council trade committee, agreed.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:tarlin council")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:quorvik trust")) << ExtractionToJson(x);
  // "The head of ..." right after the lead is not the lead's person.
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "role", "org:quorvik trust")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "org:harbour party")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:kim hart", "role", "org:tarlin commission")) << ExtractionToJson(x);
  // A committee within the council is not the council.
  EXPECT_FALSE(HasRelation(x, "person:ed moss", "role", "org:tarlin council")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APronounFollowsTheEarlierPronounsPersonOrLooksAhead) {
  // "he" of the sentence before, not the owner it names; and "when he
  // was ..., Mr Tarlow ..." is Mr Tarlow.
  Extraction x = ExtractText(
      "Anna Ruiz spoke in Lima. On Thursday he is due to name the seat, amid talk of Pierre Dubois's seat. "
      "He criticised Chile. The plans were old and, when he was visiting Quito on Monday, Mr Tarlow praised Peru.");
  EXPECT_TRUE(HasRelation(x, "person:anna ruiz", "criticizes", "country:CHL")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:pierre dubois", "criticizes", "country:CHL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:tarlow", "visits", "city:quito")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ANamelessSpokesmanSpeaksAndActsForTheBody) {
  Extraction x = ExtractText(
      "The Harbour Board unveiled new rules. A spokesman for the Tarlin Trust called on Ian Reid to quit. "
      "A spokeswoman for Peru condemned Chile. A Quorvik Union spokesman said the rules were disgraceful. "
      "Officials from Brazil praised Argentina. \"The rules are unfair,\" said a spokesman for the Quorvik Society. "
      "A Tarlin Trust spokesman, Tom Lane, criticised Bolivia.");
  EXPECT_TRUE(HasRelation(x, "org:tarlin trust", "criticizes", "person:ian reid")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:PER", "criticizes", "country:CHL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "org:quorvik union", "criticizes", "org:harbour board")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:BRA", "praises", "country:ARG")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "org:quorvik society", "criticizes", "org:harbour board")) << ExtractionToJson(x);
  // A named spokesman is the one who acts.
  EXPECT_TRUE(HasRelation(x, "person:tom lane", "criticizes", "country:BOL")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "org:tarlin trust", "criticizes", "country:BOL")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, CriticismFromAnActorTargetsTheSubjectAndMoreVerbsOfCriticism) {
  Extraction x = ExtractText(
      "Ann Hale came under fire from Ian Reid. Jo Barr faced criticism from Peru over the plans. "
      "Kim Hart lambasted Ed Moss. Sam Dale rounded on Bolivia. "
      "Ecuador joined forces with Brazil. Jo Barr ridiculed the Harbour Party plans.");
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "criticizes", "person:ann hale")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:PER", "criticizes", "person:jo barr")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:kim hart", "criticizes", "person:ed moss")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:sam dale", "criticizes", "country:BOL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:ECU", "cooperates", "country:BRA")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "criticizes", "org:harbour party")) << ExtractionToJson(x);
  // Fire from guns is no criticism without "under".
  Extraction y = ExtractText("Ann Hale said the fire from Peru was heavy.");
  EXPECT_FALSE(HasRelation(y, "country:PER", "criticizes", "person:ann hale")) << ExtractionToJson(y);
}

TEST_F(ExtractionTest, AskingSomeoneToGoOrCallingThemNamesCriticisesThem) {
  Extraction x = ExtractText(
      "Ann Hale said Ian Reid should resign. Jo Barr urged Tom Lane to quit. "
      "Kim Hart called for Ed Moss's resignation. Peru demanded an apology from Chile. "
      "Sam Dale branded Bolivia a liar. Lee Cole said Ecuador should not apologise.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "person:ian reid")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "criticizes", "person:tom lane")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:kim hart", "criticizes", "person:ed moss")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:PER", "criticizes", "country:CHL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:sam dale", "criticizes", "country:BOL")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:lee cole", "criticizes", "country:ECU")) << ExtractionToJson(x);
  // Past an aside between dashes, who is judged is not guessed.
  Extraction y = ExtractText("Ann Hale said the chancellor - no doubt Ian Reid will agree - is a bully.");
  EXPECT_FALSE(HasRelation(y, "person:ann hale", "criticizes", "person:ian reid")) << ExtractionToJson(y);
}

TEST_F(ExtractionTest, AnAttackOnACountrysPositionsAttacksTheCountry) {
  Extraction x = ExtractText(
      "Peruvian troops attacked Chilean positions. Bolivian forces shelled Ecuadorian towns. "
      "Brazilian warships fired on Uruguayan vessels. Ann Hale criticised Argentine farmers.");
  EXPECT_TRUE(HasRelation(x, "country:PER", "attacks", "country:CHL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:BOL", "attacks", "country:ECU")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:BRA", "attacks", "country:URY")) << ExtractionToJson(x);
  // Criticism of a country's farmers is no criticism of the country.
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "criticizes", "country:ARG")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AThreatenedActNamesItsTargetAndAnAttendedSummitItsPlace) {
  Extraction x = ExtractText(
      "Peru threatened to cut aid to Chile. Ann Hale attended a summit in Quito. "
      "Bolivia threatened to leave the talks, Ecuador said.");
  EXPECT_TRUE(HasRelation(x, "country:PER", "threatens", "country:CHL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "visits", "city:quito")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "country:BOL", "threatens", "country:ECU")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AVisitByThenToALeadersGovernmentAndSlappedSanctions) {
  Extraction x = ExtractText(
      "The visit by Ann Hale to Chile was the first in a decade. "
      "Ian Reid's government has backed Bolivia's bid to join the bloc. "
      "Ecuador slapped sanctions on Peruvian officials.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "visits", "country:CHL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "supports", "country:BOL")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:ECU", "sanctions", "country:PER")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, KnownFirmsTheirArmsAndSurnamesThatAreFirmNames) {
  Extraction x = ExtractText(
      "Ann Hale, an analyst at Barclays Capital, said Boeing and Siemens would gain. "
      "Tony Roche, a Toyota dealer, agreed. Mr Roche said Microsoft was right.");
  bool arm = false, boeing = false, roche = false;
  for (const Entity& e : x.entities) {
    arm = arm || (e.name == "Barclays Capital" && e.type == EntityType::kOrganization);
    boeing = boeing || (e.name == "Boeing" && e.type == EntityType::kOrganization);
    roche = roche || (e.name == "Tony Roche" && e.type == EntityType::kPerson);
    EXPECT_NE(e.name, "Capital") << ExtractionToJson(x);
    // A firm says nothing about the country of the article.
    if (e.name == "Microsoft") EXPECT_TRUE(e.country.empty()) << ExtractionToJson(x);
  }
  EXPECT_TRUE(arm) << ExtractionToJson(x);
  EXPECT_TRUE(boeing) << ExtractionToJson(x);
  EXPECT_TRUE(roche) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, NobodyVisitsWhereTheyMeetAtHome) {
  Extraction x = ExtractText("Peru's President Ann Hale spoke. In Lima, President Hale met Ian Reid.");
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "visits", "city:lima")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "meets", "person:ian reid")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ACentreNamedForWhatItStudiesIsABody) {
  Extraction x = ExtractText(
      "Ann Hale, director at the Peruvian Policy Centre, said so. Ian Reid of the Harbour Research Centre agreed. "
      "They met at the Harbour Conference Centre.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:peruvian policy centre")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:harbour research centre")) << ExtractionToJson(x);
  bool venue = false;
  for (const Entity& e : x.entities) venue = venue || (e.name == "Harbour Conference Centre" && e.type == EntityType::kFacility);
  EXPECT_TRUE(venue) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ABodyOpeningASentenceKeepsItsFirstWord) {
  Extraction x = ExtractText(
      "The rules were published. Harbour Council Chief Executive Ann Hale called them dangerous. "
      "Commission for Harbour Safety chairman Ian Reid agreed.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:harbour council")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:commission for harbour safety")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, SpeakingForABodyOrNamedAfterACommaHoldsAnOffice) {
  Extraction x = ExtractText(
      "For the Harbour Party, Ann Hale said the rules were wrong. "
      "Schools were criticised by Tarlin Trust chief, Ian Reid, on Monday. "
      "The Quorvik Union chairman, Jo Barr, the treasurer, Tom Lane, and others met.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:harbour party")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:tarlin trust")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "org:quorvik union")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ABodysWordOpeningASentenceBeforeAnOfficeIsThatBody) {
  Extraction x = ExtractText("The Harbour Select Committee met in London. Committee chairman Ann Hale said so.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:harbour select committee")) << ExtractionToJson(x);
  Extraction party = ExtractText("The Harbour Party unveiled plans. Party leader Ian Reid said they were fair.");
  EXPECT_TRUE(HasRelation(party, "person:ian reid", "role", "org:harbour party")) << ExtractionToJson(party);
  Extraction its = ExtractText("Peru is led by its president Ann Hale. Action against Quorvik Foods and "
                               "its founder Jo Barr began.");
  EXPECT_TRUE(HasRelation(its, "person:ann hale", "role", "country:PER")) << ExtractionToJson(its);
  EXPECT_TRUE(HasRelation(its, "person:jo barr", "role", "org:quorvik foods")) << ExtractionToJson(its);
}

TEST_F(ExtractionTest, AttackingAnActorsPlansCriticisesIt) {
  Extraction x = ExtractText("Ann Hale attacked the Harbour Party plans. Peruvian ministers attacked Chilean plans.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "org:harbour party")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:PER", "criticizes", "country:CHL")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "country:PER", "attacks", "country:CHL")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, BodiesNamedWithForTheKeepTheirWholeName) {
  // "for the"/"of the" after a body's head word, with known names inside;
  // not a place after "for the", and a second "and" starts another body.
  Extraction x = ExtractText(
      "Ann Hale, of the Society for the Protection of Harbour Seals (SPHS), spoke. "
      "Ian Reid, of the Institute for the Study of Labour, agreed. "
      "The Office for the Coordination of Ports paid. "
      "Staff of the University of the Isles and Quorvik and the Tarlin Trust wrote. "
      "The Quorvik Service for the Netherlands closed.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:society for the protection of harbour seals"))
      << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:institute for the study of labour")) << ExtractionToJson(x);
  bool office = false, university = false;
  for (const Entity& e : x.entities) {
    office = office || e.name == "Office for the Coordination of Ports";
    university = university || e.name == "University of the Isles and Quorvik";
    EXPECT_NE(e.name, "SPHS") << "an acronym of the named body is its alias" << ExtractionToJson(x);
    EXPECT_EQ(e.name.find("Netherlands", 1), std::string::npos) << ExtractionToJson(x);
  }
  EXPECT_TRUE(office) << ExtractionToJson(x);
  EXPECT_TRUE(university) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, LawOfficersAndAuditorsHoldStateOfficesButAStatesOwnIsNotTheNations) {
  Extraction x = ExtractText(
      "The British government met in London. Auditor General Sir Ann Hale said the scheme would help. "
      "Solicitor General Jo Barr agreed. The Quorvik Trust, sued by Tarlin attorney general Ian Reid, was in London.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "country:GBR")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "country:GBR")) << ExtractionToJson(x);
  Extraction state = ExtractText(
      "The US economy grew in Washington. New York attorney general Ian Reid sued the firm in the US.");
  EXPECT_FALSE(HasRelation(state, "person:ian reid", "role", "country:USA")) << ExtractionToJson(state);
}

TEST_F(ExtractionTest, AShadowOfficeIsHeldInTheOnePartyNamedBefore) {
  Extraction x = ExtractText(
      "The Conservatives have warned the British government in London. The plan was published on Monday. "
      "It would cost money. Many people agreed. Shadow attorney general Ann Hale said it was scandalous.",
      /*date=*/"");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:conservative party")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "role", "country:PER")) << ExtractionToJson(x);
}

// Whose shadow office: the holder's own party if known; else the party
// whose leader led the opposition at the article's date, or, undated, in
// the terms of offices the article's other people held.
TEST_F(ExtractionTest, AShadowOfficeIsHeldInTheOppositionOfTheArticlesTime) {
  const std::string text =
      "Labour and the Conservatives clashed over British schools. The plan was published on Monday. "
      "Shadow education secretary Ann Hale said it was wrong.";
  Extraction dated_2005 = ExtractText(text, "2005-03-01");
  EXPECT_TRUE(HasRelation(dated_2005, "person:ann hale", "role", "org:conservative party"))
      << ExtractionToJson(dated_2005);
  Extraction dated_2024 = ExtractText(text, "2024-03-14");
  EXPECT_TRUE(HasRelation(dated_2024, "person:ann hale", "role", "org:labour party")) << ExtractionToJson(dated_2024);
  Extraction undated = ExtractText("Prime Minister Tony Blair spoke in London. " + text, "");
  EXPECT_TRUE(HasRelation(undated, "person:ann hale", "role", "org:conservative party")) << ExtractionToJson(undated);
  // The table knows Gordon Brown's party: his shadow office is Labour's.
  Extraction own = ExtractText("Prime Minister John Major spoke in London. Labour and the Conservatives clashed. "
                               "Shadow chancellor Gordon Brown said it was wrong.", "");
  EXPECT_TRUE(HasRelation(own, "person:gordon brown", "role", "org:labour party")) << ExtractionToJson(own);
}

TEST_F(ExtractionTest, APostAtABodyButAStateOfficeOnlySpeaksThere) {
  Extraction x = ExtractText(
      "It is hard, said analyst Ann Hale at Quorvik Bank. "
      "Foreign Minister Ian Reid at the Quorvik Institute said it was hard.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:quorvik bank")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ian reid", "role", "org:quorvik institute")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AFirmByItsFirstWordAndItsChiefWithNoBodyNamed) {
  // "Tarlin" is Tarlin Energy; in a story about one firm, its chief
  // executive is that firm's, but not after another firm was named.
  Extraction x = ExtractText(
      "Shares in Tarlin Energy, a gas firm, rose. Tarlin expects more sales. "
      "Tarlin said so. Chief executive Ann Hale said sales grew. "
      "Harbour Bank backed the plan. Chief executive Ian Reid said so.");
  for (const Entity& e : x.entities) EXPECT_NE(e.name, "Tarlin") << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:tarlin energy")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ian reid", "role", "org:tarlin energy")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AirlinesNamedByAir) {
  // "Air" and a name is an airline; one named for a country is its flag
  // carrier. Not "Air Force" or "Air Marshal".
  Extraction x = ExtractText(
      "Air Tarlin bought planes. Air Chile chief executive Ann Hale said so. "
      "The Quorvik Air Force sent Air Marshal Ian Reid to Lima.");
  bool tarlin = false, chile = false;
  for (const Entity& e : x.entities) {
    tarlin = tarlin || (e.name == "Air Tarlin" && e.type == EntityType::kOrganization);
    chile = chile || (e.name == "Air Chile" && e.type == EntityType::kOrganization && e.country == "CHL");
    EXPECT_NE(e.name, "Air Marshal Ian Reid") << ExtractionToJson(x);
    EXPECT_NE(e.name, "Air") << ExtractionToJson(x);
  }
  EXPECT_TRUE(tarlin) << ExtractionToJson(x);
  EXPECT_TRUE(chile) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:air chile")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, MembersOfALegislatureSitInIt) {
  // A national chamber only where the article is set; not "the MP for" a
  // constituency, and not "a Eurosceptic party".
  Extraction x = ExtractText(
      "The British government met in London. Ann Hale MP said so. MSP Jo Barr agreed. "
      "The MP for Harbourside North disagreed. Ian Reid wants to lead a Eurosceptic party.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:house of commons")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "org:scottish parliament")) << ExtractionToJson(x);
  for (const Relation& r : x.relations) {
    EXPECT_EQ(r.source.find("harbourside"), std::string::npos) << ExtractionToJson(x);
  }
  for (const Entity& e : x.entities) EXPECT_NE(e.name, "Eurosceptic") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AMemberForAConstituencyRepresentsIt) {
  // The constituency is a region; the party role stays. Through an age, or
  // with the name after the constituency; not in an article set abroad.
  Extraction x = ExtractText(
      "The British government met in London. Ann Hale, Labour MP for Harbour and Quorvik North, said so. "
      "Ian Reid, 58, Tory MP for Tarlin in Westshire, agreed. "
      "He shares an office with the newly elected MP for Quorvik, Jo Barr, in London.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "region:harbour and quorvik north")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:labour party")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "region:tarlin")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "region:quorvik")) << ExtractionToJson(x);
  bool constituency_named = false, region_typed = false;
  for (const Relation& r : x.relations) {
    constituency_named = constituency_named || r.role == "MP for Harbour and Quorvik North";
  }
  for (const Entity& e : x.entities) {
    region_typed = region_typed || (e.name == "Harbour and Quorvik North" && e.type == EntityType::kRegion &&
                                    e.country == "GBR");
  }
  EXPECT_TRUE(constituency_named) << ExtractionToJson(x);
  EXPECT_TRUE(region_typed) << ExtractionToJson(x);

  Extraction abroad = ExtractText(
      "The Canadian government met in Ottawa. Canada's parliament sat. Ann Hale, MP for Tarlin, said so.");
  EXPECT_FALSE(HasRelation(abroad, "person:ann hale", "role", "region:tarlin")) << ExtractionToJson(abroad);
}

TEST_F(ExtractionTest, AShadowMinisterSpeaksAgainstTheGovernment) {
  // About the government or harshly: criticism of the article's country's
  // government; announcing their own plans: none.
  Extraction x = ExtractText(
      "The British government unveiled its harbour plans in London. "
      "Shadow transport secretary Ann Hale said ministers had wasted two years. "
      "Shadow home secretary Ian Reid said a Conservative government would cut taxes.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "country:GBR")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ian reid", "criticizes", "country:GBR")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APostHeldAsAndAPartysHonouredMember) {
  Extraction x = ExtractText(
      "Ann Hale said she would stay. Ms Hale said her election as treasurer of the "
      "Harbour Council changed little. Sources told the Quorvik Gazette Mr Ed Moss was leaving. Labour's Mr Ian Reid said no.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:harbour council")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:labour party")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ed moss", "role", "org:quorvik gazette")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, RoyalsJudgesAndBodiesNamedAfterPlaces) {
  Extraction x = ExtractText(
      "Prince Edmund met Princess Anne in Leeds. Lord Justice Marlow ruled on Monday. "
      "She studied at the University of Leeds. The Duchy of York paid the bill at the Palace of Westminster.");
  for (const char* name : {"Prince Edmund", "Princess Anne", "Lord Justice Marlow", "University of Leeds", "Duchy of York",
                           "Palace of Westminster"}) {
    bool found = false;
    for (const Entity& e : x.entities) found = found || e.name == name;
    EXPECT_TRUE(found) << name << ExtractionToJson(x);
  }
}

TEST_F(ExtractionTest, AccusedMinistersAreTheGovernment) {
  Extraction x = ExtractText(
      "The British government unveiled its harbour plans in London. "
      "Ann Hale accused ministers of wasting money. Ian Reid accused the government of lying.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "country:GBR")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "criticizes", "country:GBR")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ADirectorAfterAQuoteSpeaksForTheBodyBefore) {
  Extraction x = ExtractText(
      "Oxfam questioned the harbour plan. \"We want an inquiry into the role of Peru,\" said director Ann Hale.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:oxfam")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AListGoesOnPastAPlacesCountry) {
  Extraction x = ExtractText("British minister Ann Hale will also visit Lima in Peru, as well as Chile.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "visits", "country:CHL")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ADealBetweenACountrysFirmAndAnother) {
  Extraction x = ExtractText(
      "Peru and Chile have signed a supply pact between Peruvian energy firm Zentragas and "
      "Chile's Andesol.");
  EXPECT_TRUE(HasRelation(x, "org:zentragas", "cooperates", "org:andesol") ||
              HasRelation(x, "org:andesol", "cooperates", "org:zentragas"))
      << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ASubjectAfterASubordinator) {
  // "after" opens a clause here, not a prepositional phrase.
  Extraction x = ExtractText("Ann Hale appealed after the Harbour Court backed the Peru Ministry's powers.");
  EXPECT_TRUE(HasRelation(x, "org:harbour court", "supports", "org:peru ministry")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ABodySaysItActs) {
  // "it" after a body's speech verb is the body; not "it was unfair to".
  Extraction x = ExtractText(
      "Chile set out its plans. The Harbour Trust said it agreed with Chile's plans. "
      "Oxfam said it was unfair to blame Peru.");
  EXPECT_TRUE(HasRelation(x, "org:harbour trust", "supports", "country:CHL")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "org:oxfam", "criticizes", "country:PER")) << ExtractionToJson(x);
}

// A user's pattern file may add offices; a malformed row names its line.
TEST(OfficeRowsTest, UserOfficesResolveAndBadRowsAreNamed) {
  TempDir dir;
  std::string good = dir.Write("offices.tsv", "office\tAnna Ruiz\tPrime Minister\tPER\t2020-01-01\n");
  auto created = Extractor::Create({{}, {good}});
  ASSERT_TRUE(created.ok()) << created.status().message();
  Article a;
  a.id = "test/office";
  a.date = "2024-03-14";
  a.text = "Headline\nAnna Ruiz spoke. Prices will fall, the prime minister said.\n";
  Extraction x = (*created)->Extract(a);
  bool role = false;
  for (const Relation& r : x.relations) {
    role = role || (r.source == "person:anna ruiz" && r.type == "role" && r.target == "country:PER");
  }
  EXPECT_TRUE(role) << ExtractionToJson(x);

  std::string bad = dir.Write("bad.tsv", "# offices\noffice\tAnna Ruiz\tPrime Minister\tPER\t2020-13\n");
  auto failed = Extractor::Create({{}, {bad}});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("bad.tsv:2"), std::string::npos) << failed.status().message();
}

TEST_F(ExtractionTest, TwoPeopleSharingASurnameAreNotMerged) {
  Extraction x = ExtractText(
      "Ed Miliband and David Miliband spoke on Monday. Miliband said the party would win.");
  int people = 0;
  for (const Entity& e : x.entities) people += e.type == EntityType::kPerson;
  EXPECT_EQ(people, 2) << ExtractionToJson(x);
  for (const Entity& e : x.entities) {
    for (const auto& alias : e.aliases) EXPECT_NE(alias, "Miliband") << e.name;
  }
}

// BBC leads name their speaker by office and the next sentence by name.
TEST_F(ExtractionTest, TheLeadsNamelessSpeakerIsWhomTheNextSentenceNames) {
  Extraction office = ExtractText(
      "Harbour tolls should be cut, a Harbour Office minister has said. "
      "Ann Hale said the tolls were too high.");
  EXPECT_TRUE(HasRelation(office, "person:ann hale", "role", "org:harbour office")) << ExtractionToJson(office);
  Extraction owned = ExtractText(
      "Schools are failing, the Quorvik Trust's chief has warned. "
      "Speaking in Leeds, Ian Reid said more teachers were needed.");
  EXPECT_TRUE(HasRelation(owned, "person:ian reid", "role", "org:quorvik trust")) << ExtractionToJson(owned);
  Extraction national = ExtractText(
      "The UK must export more, the trade and industry secretary has said. "
      "Jo Barr said British firms could do better in the UK and abroad.");
  EXPECT_TRUE(HasRelation(national, "person:jo barr", "role", "country:GBR")) << ExtractionToJson(national);
  // Not whoever's spokesman speaks next, nor a pronoun's antecedent.
  Extraction other = ExtractText(
      "Harbour tolls should be cut, a Harbour Office minister has said. "
      "Tom Lane's spokesman said the tolls were too high.");
  EXPECT_FALSE(HasRelation(other, "person:tom lane", "role", "org:harbour office")) << ExtractionToJson(other);
}

// "X is/became [the Body's] TITLE": the copula's subject holds the office.
TEST_F(ExtractionTest, ACopulasSubjectHoldsTheOfficeAfterIt) {
  Extraction x = ExtractText(
      "Ann Hale, 61, is to become Peru's ambassador to Chile. "
      "Ian Reid became chairman of the Harbour Society in 2001. "
      "Jo Barr was appointed chief executive of Quorvik Bank. "
      "Kim Hart quit the board. She was Britain's first cabinet minister from Tarlin.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "country:PER")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:harbour society")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "org:quorvik bank")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:kim hart", "role", "country:GBR")) << ExtractionToJson(x);
  // "cabinet minister" is an office, not the cabinet.
  for (const Entity& e : x.entities) EXPECT_EQ(e.name.find("cabinet"), std::string::npos) << e.name;
}

TEST_F(ExtractionTest, ACopulaGivesNoOfficeWhenDeniedConditionalOrAnObject) {
  Extraction x = ExtractText(
      "Ann Hale is meeting the chairman of Quorvik Bank. "
      "Ian Reid said Jo Barr would be chairman of the Harbour Society. "
      "Kim Hart spoke to Tom Lane and said that he was chairman of the Tarlin Trust. "
      "Ed Moss is not the chief executive of Quorvik Bank.");
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "role", "org:quorvik bank")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:jo barr", "role", "org:harbour society")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:kim hart", "role", "org:tarlin trust")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:tom lane", "role", "org:tarlin trust")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ed moss", "role", "org:quorvik bank")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AMembersSeatIsNoBodyAndACompassWordStartsAPlace) {
  Extraction x = ExtractText(
      "Britain's parliament voted. But Ann Hale, Labour MP for West Quorvik, said the issue would pass. "
      "Ian Reid, the Tarlin Central MP, agreed.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:labour party")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:house of commons")) << ExtractionToJson(x);
  for (const Entity& e : x.entities) EXPECT_NE(e.name, "West") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ATitleWordEndingABodysNameIsPartOfIt) {
  Extraction x = ExtractText(
      "Prior to her years with Ms Tarlow, Ann Hale ran the Quorvik Trust. "
      "She was later made treasurer of the Commission on Rural Justice.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:commission on rural justice")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:tarlow", "role", "org:commission on rural justice")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AppositiveOfficesPastPortfoliosAndDescriptions) {
  Extraction x = ExtractText(
      "The British government met in London. Ann Hale, Chief Secretary to the Treasury, will retire. "
      "\"Good,\" said Ian Reid, professor of economics and law at the Tarlin School of Public Health. "
      "\"Good,\" said Jo Barr, senior vice-president, health, at Harbour Corp. "
      "\"Good,\" said Kim Hart, managing director of energy analysts Quorvik Group. "
      "\"Good,\" said Tom Lane, managing director of Quorvik Tarlin. "
      "\"Good,\" said Ed Moss, the Harbour Trust's head of Trade Policy. "
      "\"Good,\" said Li Wei, chief executive of Harbour Watch Peru.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "country:GBR")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:tarlin school of public health")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "org:harbour corp")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:kim hart", "role", "org:quorvik group")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:tom lane", "role", "org:quorvik tarlin")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ed moss", "role", "org:harbour trust")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:li wei", "role", "country:PER")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AFirmsPersonAndTwoTitlesJoinedByAnd) {
  Extraction x = ExtractText(
      "\"Obviously,\" said Quorvik Bank's Ian Reid. "
      "Ann Hale, a lawyer and treasurer of the Harbour League, said so. "
      "Jo Barr told Tarlin TV's Kim Hart programme that it was wrong.");
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:quorvik bank")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:harbour league")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:kim hart", "role", "org:tarlin tv")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APartyPostTakenUpOrLeftAs) {
  Extraction x = ExtractText(
      "Ann Hale, a minister, will quit as a Labour MP next year. "
      "Jo Barr is the man most likely to succeed Mr Tarlow as Conservative leader.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:labour party")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:tarlow", "role", "org:conservative party")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:jo barr", "role", "org:conservative party")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AFirstMinisterHeadsTheDevolvedGovernmentNamed) {
  Extraction x = ExtractText(
      "The UK government and Britain's ministers agreed. Scotland's health will improve, "
      "First Minister Ann Hale has insisted.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "region:scotland")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "role", "country:PER")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnUnknownNameOpeningASentenceBeforeAnOffice) {
  Extraction x = ExtractText(
      "Prices rose in Peru. Bright Tarlow, a strategist at Quorvik Securities told a news agency it was so. "
      "On Thursday, the party named a new chairman.");
  EXPECT_TRUE(HasRelation(x, "person:bright tarlow", "role", "org:quorvik securities")) << ExtractionToJson(x);
  for (const Entity& e : x.entities) EXPECT_EQ(e.name.find("Thursday"), std::string::npos) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AFirmADescriptionNamedIsKnownByItsNameAlone) {
  Extraction x = ExtractText(
      "Quorvik sees profits soar\n\n"
      "Peruvian airline Quorvik has posted a record profit. Quorvik shares fell, after it warned on costs. "
      "Sales will dip, Quorvik said. \"Costs rose,\" said chief financial officer Ann Hale. "
      "Mr Reid, who leads the main Harbourist party, was not there.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:quorvik")) << ExtractionToJson(x);
  for (const Entity& e : x.entities) EXPECT_NE(e.name, "Harbourist") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AFirmsNameWithAnAmpersandItsInitialsAndItsOwnName) {
  Extraction x = ExtractText(
      "Accountancy firm Quorvik & Tarlin urged Peru and Chile to act. "
      "\"Taxes were cut,\" said Ann Hale, Q&T's Peru head of sales. "
      "Building group Jo Barr, named after its founder, agreed. Jo Barr chairwoman Kim Hart said so.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:quorvik tarlin")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "role", "country:PER")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:kim hart", "role", "org:jo barr")) << ExtractionToJson(x);
  for (const Entity& e : x.entities) EXPECT_NE(e.key, "person:jo barr") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, TwoOfficesJoinedByAndShareTheBodyAndItsReachesPastModifiers) {
  Extraction x = ExtractText(
      "Quorvik Motors sells cars in Peru and Chile. Mr Tarlow was made president and managing director of "
      "Harland Motors in April. Quorvik Motors will name an employee to run it after Ian Reid, its highly "
      "successful boss, leaves. Ann Hale, a lawyer and treasurer of the Harbour League, agreed.");
  EXPECT_TRUE(HasRelation(x, "person:tarlow", "role", "org:harland motors")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian reid", "role", "org:quorvik motors")) << ExtractionToJson(x);
  int lawyer = 0;
  for (const Relation& r : x.relations) lawyer += r.source == "person:ann hale" && r.role == "Lawyer";
  EXPECT_EQ(lawyer, 0) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ABodysNounReachesBackAParagraph) {
  Extraction x = ExtractText(
      "Peru and Chile met. Mothers had faced a battle with the Harbour Support Agency. "
      "Her forms were lost, she said. \"I chase them,\" she said. \"I wait,\" she said. Ian Reid said so. "
      "The agency's previous director Ann Hale resigned in May.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:harbour support agency")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AJudgementOfSomeonesConduct) {
  Extraction x = ExtractText(
      "Peru and Chile met. Then Ian Tarlow praised the efforts of Ms Hale. "
      "Jo Barr criticised the handling of Kim Hart.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "praises", "person:hale")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "criticizes", "person:kim hart")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, CommonBritishGivenNamesMakeAPerson) {
  Extraction x = ExtractText("Peru and Chile met. \"Worries grow,\" said Quorvik Bank's Eddie Tarlow.");
  EXPECT_TRUE(HasRelation(x, "person:eddie tarlow", "role", "org:quorvik bank")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ABodysOfficeWrittenWithItsBeforeTheCommaedHolder) {
  Extraction x = ExtractText(
      "Peru and Chile met. The Quorvik Trust warned of cuts. Its director general, Ian Tarlow, said: \"No.\"");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:quorvik trust")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ANamedPersonRightBeforeAsHoldsTheOffice) {
  Extraction x = ExtractText(
      "Peru and Chile met. Voters in Peru lack trust in Ian Tarlow as chief executive of the Harbour Trust. "
      "Some see Jo Barr as chief executive material at the Quorvik Trust.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:harbour trust")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:jo barr", "role", "org:quorvik trust")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APeerStyledWithAPlaceIsOnePersonAndKeepsAPartyLabel) {
  Extraction x = ExtractText(
      "The UK government acted. Critics, including Tory Lord Tarlow of Harbury, said it was unfair. "
      "Lord Tarlow said more.");
  EXPECT_TRUE(HasRelation(x, "person:lord tarlow of harbury", "role", "org:conservative party")) << ExtractionToJson(x);
  for (const Entity& e : x.entities) EXPECT_NE(e.key, "person:lord tarlow") << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AStateOfficeAfterTheBeforeACommaedHolder) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. The Lord Chancellor, Lord Quorvik, agreed the act was unfair.");
  EXPECT_TRUE(HasRelation(x, "person:lord quorvik", "role", "country:GBR")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ABishopOfACityBeforeTheCommaedHolder) {
  Extraction x = ExtractText(
      "The UK government acted. Critics, including the Bishop of Winchester, the Rt Rev Ian Tarlow, said it was unfair.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "city:winchester")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AEuroMpSitsInTheEuropeanParliament) {
  Extraction x = ExtractText("The UK government acted. Euro MP Ian Tarlow had a bucket of paint thrown over him.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:european parliament")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ian tarlow", "role", "org:house of commons")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APronounPastTheVerbIsNoHolderOfTheOfficeBefore) {
  Extraction x = ExtractText(
      "The UK government acted. Ian Tarlow, executive partner of Quorvik Hale said he was pleased.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:quorvik hale")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ATakeoverIsADealBetweenTwoOrganizationsOnly) {
  Extraction x = ExtractText(
      "Peru and Chile met. Quorvik Bank has bought 30% of Tarlin Group for $2bn. "
      "Ann Hale bought shares in Harbour Foods. Shoppers in Peru bought Chilean wine.");
  EXPECT_TRUE(HasRelation(x, "org:quorvik bank", "cooperates", "org:tarlin group")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "cooperates", "org:harbour foods")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "country:PER", "cooperates", "country:CHL")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "country:CHL", "cooperates", "country:PER")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ANationAndPartyBeforeLeaderRightAfterTheLeadIsTheLeadsPerson) {
  Extraction x = ExtractText(
      "Ian Tarlow has stood down from a board in Glasgow over a row about fees. "
      "The Welsh Conservative leader insisted the board's work never swayed him.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:conservative party")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnUnknownNameOwningABodysOfficeBeforeAHolderIsABody) {
  Extraction x = ExtractText(
      "Peru and Chile met. \"Demand will grow,\" said Quorvik's principal analyst Ann Hale. "
      "Ian Tarlow was cleared. Tarlow's lawyer Jo Barr said so.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:quorvik")) << ExtractionToJson(x);
  // A name the article gave a person stays theirs.
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "person:ian tarlow")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnObjectPronounIsNeverTheSubjectOfItsOwnClause) {
  Extraction x = ExtractText(
      "Ian Tarlow said he had learned a lot on his tour. Ann Hale, on Saturday, called him \"a disappointment\".");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "person:ian tarlow")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APersonApposedAfterABodyInAnOfPhraseIsTheSubject) {
  Extraction x = ExtractText(
      "Ian Tarlow set out his plans. But the director of the Quorvik Trust, Ann Hale, accused Mr Tarlow of "
      "\"arrogant contempt\" for voters.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "criticizes", "person:ian tarlow")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ADemonymInsideABodysNameAfterOf) {
  Extraction x = ExtractText(
      "Peru and Chile met. \"Why us?\" said Ann Hale, director of the Federation of European Harbours.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:federation of european harbours")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APartysSpokesmanForADepartmentSpeaksForTheParty) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. Ann Hale, the Tory spokesman for the Home "
      "Office, said crime had risen.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:conservative party")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "role", "org:home office")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ACountryAfterALongerBodysHeadWordAndOfEndsItsName) {
  Extraction x = ExtractText(
      "Peru and Chile met. \"Arrivals fell,\" said Ann Hale, chairman of the Export Authority of Peru.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:export authority of peru")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ADemonymDescribingAPortfolioIsNoBody) {
  Extraction x = ExtractText(
      "Peru and Chile met. \"It raises cash,\" says Ann Hale, head of research for Latin American bond markets "
      "for Quorvik Capital.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:quorvik capital")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "role", "region:latin america")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, TradeLettersBeforeABodyNounAfterOf) {
  Extraction x = ExtractText(
      "Peru and Chile met. \"Customers wait,\" says Cara Tarlow of IT firm Quorvik Data, which ran the survey.");
  EXPECT_TRUE(HasRelation(x, "person:cara tarlow", "role", "org:quorvik data")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AnAmericanSenatorSitsInTheSenate) {
  Extraction x = ExtractText(
      "The US budget is due, and the United States must cut its deficit. However, Democratic Senator Ian Tarlow "
      "said the plans were risky.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:us senate")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, DeliveringASpeechOrABudgetSuppliesNothing) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. Ann Hale will deliver a Budget speech to the Harbour "
      "Assembly on 16 March. Peru delivered wheat to Chile.");
  EXPECT_FALSE(HasRelation(x, "person:ann hale", "supplies", "org:harbour assembly")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:PER", "supplies", "country:CHL")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APartyLabelBeforeTwoNamedPeopleCoversBoth) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. The group, including Tories Ann Hale and Sir Ian "
      "Tarlow and Labour's Jo Barr, backed the plan.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:conservative party")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "org:labour party")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:jo barr", "role", "org:conservative party")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APronounRightAfterATitleHoldsItOnlyAfterAs) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. Ian Tarlow said he had warned the prime minister she "
      "was wrong. Ann Hale retired. As agriculture minister she banned beef on the bone.");
  EXPECT_FALSE(HasRelation(x, "person:ian tarlow", "role", "country:GBR")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "country:GBR")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, TradeWordsEndAFirmsNameNotAPersons) {
  Extraction x = ExtractText(
      "Prices rose, said Ann Tarlow, an analyst at Quorvik Research. Ian Hale, chief economist at Harbour Asset "
      "Management, agreed. Jo Barr, director of the Office of Management and Budget, did not.");
  EXPECT_TRUE(HasRelation(x, "person:ann tarlow", "role", "org:quorvik research")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ian hale", "role", "org:harbour asset management")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:jo barr", "role", "org:office of management and budget"))
      << ExtractionToJson(x);
  // With no office to say so, the trade word alone makes the firm.
  Extraction y = ExtractText("Tarlow Research expects prices to rise, and Quorvik Cement agrees.");
  for (const char* key : {"org:tarlow research", "org:quorvik cement"}) {
    EXPECT_NE(y.entities.end(), std::find_if(y.entities.begin(), y.entities.end(),
                                             [&](const Entity& e) { return e.key == key; }))
        << ExtractionToJson(y);
  }
}

TEST_F(ExtractionTest, EconomicsMinisterIsTheEconomyMinister) {
  Extraction x = ExtractText("Indonesian Economics Minister Ann Tarlow said growth would slow.");
  EXPECT_TRUE(HasRelation(x, "person:ann tarlow", "role", "country:IDN")) << ExtractionToJson(x);
  EXPECT_NE(x.relations.end(), std::find_if(x.relations.begin(), x.relations.end(), [](const Relation& r) {
              return r.type == "role" && r.role == "Economy Minister";
            })) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AOneWordTitleAfterAGivenNameIsASurname) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. Ian Tarlow will stand against Labour MP Ann King. "
      "Ms King replied that she would win.");
  EXPECT_TRUE(HasRelation(x, "person:ann king", "role", "org:labour party")) << ExtractionToJson(x);
  EXPECT_EQ(x.entities.end(), std::find_if(x.entities.begin(), x.entities.end(),
                                           [](const Entity& e) { return e.key == "person:ann"; }))
      << ExtractionToJson(x);
}

TEST_F(ExtractionTest, OnlyACapitalCityActsForItsCountry) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. Ann Hale is a Labour MP. The Harbury Tarlow MP, "
      "speaking in Glasgow, accused Ms Hale of lying. Glasgow accused Ms Hale too. Moscow warned Kyiv.");
  EXPECT_FALSE(HasRelation(x, "country:GBR", "criticizes", "person:ann hale")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:RUS", "warns", "country:UKR")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ACompassWordEndsASeatsName) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. Ian Tarlow has been MP for Harbury East since 1983. "
      "Ann Hale, MP for Blair North, spoke.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "region:harbury east")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "person:ian tarlow", "role", "org:house of commons")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "region:blair north")) << ExtractionToJson(x);
  EXPECT_EQ(x.entities.end(), std::find_if(x.entities.begin(), x.entities.end(),
                                           [](const Entity& e) { return e.key == "person:tony blair"; }))
      << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ACopulaMakesItsSubjectABodysMember) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. Ian Tarlow spoke. He was once chairman of the bench and "
      "a member of the Harbour Council. Ann Hale is a senior member of the Quorvik Trust.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:harbour council")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:quorvik trust")) << ExtractionToJson(x);
  for (const Relation& r : x.relations) {
    EXPECT_FALSE(r.type == "role" && r.target == "org:harbour council" && r.role == "Chairman") << ExtractionToJson(x);
  }
}

TEST_F(ExtractionTest, TheLordChancellorIsResolvedByTheOfficeTable) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. The lord chancellor said reform was near. Lord Falconer "
      "told the BBC the Lords would change.",
      "2004-11-20");
  EXPECT_TRUE(HasRelation(x, "person:lord falconer", "role", "country:GBR")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AFirmsTradeBeforeAnUnknownNameMakesItAFirm) {
  Extraction x = ExtractText(
      "Peruvian brewer Tarlin bought shares in winemaker Quorvik last week. Ann Hale, a director of Quorvik, "
      "resigned.");
  EXPECT_TRUE(HasRelation(x, "org:tarlin", "cooperates", "org:quorvik")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:quorvik")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, AParticipleAfterACommaHasTheMainClausesSubject) {
  Extraction x = ExtractText(
      "Last year, Tarlin Holdings bought Quorvik Media, merging it with Harbour Television to form one network.");
  EXPECT_TRUE(HasRelation(x, "org:tarlin holdings", "cooperates", "org:harbour television")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "org:quorvik media", "cooperates", "org:harbour television")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ASecondVerbJoinedByAndSharesTheFirstsSubject) {
  Extraction x = ExtractText(
      "Tarlin Holdings bought the stake from the Hale family, who started the Quorvik Estates brand and sold it to "
      "Harbour Wine Group in 2001.");
  EXPECT_FALSE(HasRelation(x, "org:quorvik estates", "supplies", "org:harbour wine group")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ADemonymAndATradeBeforeAFirmDescribeTheFirm) {
  Extraction x = ExtractText("Tarlin Group bought a minority share in Peruvian winemaker Quorvik.");
  EXPECT_TRUE(HasRelation(x, "org:tarlin group", "cooperates", "org:quorvik")) << ExtractionToJson(x);
  EXPECT_FALSE(HasRelation(x, "org:tarlin group", "cooperates", "country:PER")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, StrikingOrReachingADealWithAnActorIsCooperation) {
  Extraction x = ExtractText(
      "Quorvik Group reached an agreement with Tarlin Holdings. Peru hopes to strike a comparable deal with Chile.");
  EXPECT_TRUE(HasRelation(x, "org:quorvik group", "cooperates", "org:tarlin holdings")) << ExtractionToJson(x);
  EXPECT_TRUE(HasRelation(x, "country:PER", "cooperates", "country:CHL")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, TheHeadOfAStateOwnedCompanyNamedInCommas) {
  Extraction x = ExtractText(
      "The head of the Peruvian state-owned Quorvik company, Ann Hale, said she was happy with the deal.");
  EXPECT_TRUE(HasRelation(x, "person:ann hale", "role", "org:quorvik")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, CallingSomeoneADecentDedicatedServantPraisesThem) {
  Extraction x = ExtractText("Ian Tarlow said Ann Hale was a \"decent and dedicated public servant\".");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "praises", "person:ann hale")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, ADailyBeforeANameMakesANewspaper) {
  Extraction x = ExtractText("Ian Tarlow won a libel case against the Daily Quorvik in 1987.");
  EXPECT_NE(x.entities.end(), std::find_if(x.entities.begin(), x.entities.end(), [](const Entity& e) {
              return e.key == "org:daily quorvik" && e.type == EntityType::kOrganization;
            })) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, UkipIsAPartyWhoseLeaderAPartyLeaderIs) {
  Extraction x = ExtractText(
      "The UK government acted, and Britain's courts agreed. UKIP held its conference in Harbury. The row involved "
      "MEP Jo Barr and party leader Ian Tarlow.");
  EXPECT_TRUE(HasRelation(x, "person:ian tarlow", "role", "org:uk independence party")) << ExtractionToJson(x);
}

TEST_F(ExtractionTest, APlaceInCommasAfterAnUnknownNameMakesItADistrict) {
  Extraction x = ExtractText(
      "Ian Tarlow said he would contest Harbury Green, in London, for his party. The award went to Quorvik West. "
      "The prize was won by Tarlo Quen, in Peru, last year.");
  auto type_of = [&](const std::string& key) {
    for (const Entity& e : x.entities) {
      if (e.key.ends_with(key)) return e.type;
    }
    return EntityType::kFacility;  // absent
  };
  EXPECT_EQ(EntityType::kRegion, type_of(":harbury green")) << ExtractionToJson(x);
  EXPECT_NE(EntityType::kRegion, type_of(":quorvik west")) << ExtractionToJson(x);
  EXPECT_NE(EntityType::kRegion, type_of(":tarlo quen")) << ExtractionToJson(x);
}

}  // namespace
}  // namespace kg
