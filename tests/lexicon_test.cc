// Pins down the built-in lexicon (compiled at build time from iso-codes,
// WordNet and ingest/data/*.tsv) and the user-lexicon loader.
#include "ingest/lexicon.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "ingest/lexgen/fold.h"

namespace kg {
namespace {

class LexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto start = std::chrono::steady_clock::now();
    Result<std::unique_ptr<Lexicon>> loaded = Lexicon::LoadBuiltin();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    lexicon_ = loaded.take().release();
    std::printf("LoadBuiltin: %.3f ms\n",
                std::chrono::duration<double, std::milli>(elapsed).count());
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    lexicon_ = nullptr;
  }
  static const Lexicon& lex() { return *lexicon_; }

 private:
  static Lexicon* lexicon_;
};

Lexicon* LexiconTest::lexicon_ = nullptr;

TEST_F(LexiconTest, PrintsSizes) {
  const LexiconStats s = lex().stats();
  for (size_t t = 0; t < 6; ++t) {
    std::printf("entries %-12s %zu\n",
                std::string(EntityTypeName(static_cast<EntityType>(t))).c_str(),
                s.entries[t]);
  }
  std::printf(
      "names %zu, demonyms %zu, vocabulary %zu, given names %zu, titles %zu, "
      "head words %zu, "
      "verb exceptions %zu, noun exceptions %zu, max name tokens %zu\n",
      s.names, s.demonyms, s.vocabulary, s.given_names, s.titles, s.head_words,
      s.verb_exceptions, s.noun_exceptions, lex().max_name_tokens());
  EXPECT_EQ(s.entries[static_cast<size_t>(EntityType::kCountry)], 249u);
  EXPECT_GT(s.entries[static_cast<size_t>(EntityType::kCity)], 500u);
  EXPECT_GT(s.entries[static_cast<size_t>(EntityType::kPerson)], 200u);
  EXPECT_GT(s.vocabulary, 50000u);
  EXPECT_GE(lex().max_name_tokens(), 4u);
}

struct NameCase {
  const char* phrase;
  const char* key;  // nullptr: no actor
  EntityType type;
  const char* country;
};

TEST_F(LexiconTest, FindName) {
  const NameCase cases[] = {
      {"Russia", "country:RUS", EntityType::kCountry, "RUS"},
      {"Russian Federation", "country:RUS", EntityType::kCountry, "RUS"},
      {"RUSSIA", "country:RUS", EntityType::kCountry, "RUS"},
      {"North Korea", "country:PRK", EntityType::kCountry, "PRK"},
      {"Democratic People's Republic of Korea", "country:PRK",
       EntityType::kCountry, "PRK"},
      {"Democratic People\u2019s Republic of Korea", "country:PRK",
       EntityType::kCountry, "PRK"},
      {"DPRK", "country:PRK", EntityType::kCountry, "PRK"},
      {"South Korea", "country:KOR", EntityType::kCountry, "KOR"},
      {"Republic of Korea", "country:KOR", EntityType::kCountry, "KOR"},
      {"US", "country:USA", EntityType::kCountry, "USA"},
      {"U.S.", "country:USA", EntityType::kCountry, "USA"},
      {"USA", "country:USA", EntityType::kCountry, "USA"},
      {"United States", "country:USA", EntityType::kCountry, "USA"},
      {"United States of America", "country:USA", EntityType::kCountry, "USA"},
      {"America", "country:USA", EntityType::kCountry, "USA"},
      {"UK", "country:GBR", EntityType::kCountry, "GBR"},
      {"U.K.", "country:GBR", EntityType::kCountry, "GBR"},
      {"Britain", "country:GBR", EntityType::kCountry, "GBR"},
      {"Great Britain", "country:GBR", EntityType::kCountry, "GBR"},
      {"United Kingdom", "country:GBR", EntityType::kCountry, "GBR"},
      {"Iran", "country:IRN", EntityType::kCountry, "IRN"},
      {"Islamic Republic of Iran", "country:IRN", EntityType::kCountry, "IRN"},
      {"Syria", "country:SYR", EntityType::kCountry, "SYR"},
      {"Vietnam", "country:VNM", EntityType::kCountry, "VNM"},
      {"Viet Nam", "country:VNM", EntityType::kCountry, "VNM"},
      {"Taiwan", "country:TWN", EntityType::kCountry, "TWN"},
      {"Laos", "country:LAO", EntityType::kCountry, "LAO"},
      {"Turkey", "country:TUR", EntityType::kCountry, "TUR"},
      {"Türkiye", "country:TUR", EntityType::kCountry, "TUR"},
      {"Turkiye", "country:TUR", EntityType::kCountry, "TUR"},
      {"DR Congo", "country:COD", EntityType::kCountry, "COD"},
      {"Democratic Republic of the Congo", "country:COD", EntityType::kCountry,
       "COD"},
      {"Côte d'Ivoire", "country:CIV", EntityType::kCountry, "CIV"},
      {"Cote d'Ivoire", "country:CIV", EntityType::kCountry, "CIV"},
      {"Ivory Coast", "country:CIV", EntityType::kCountry, "CIV"},
      {"Burma", "country:MMR", EntityType::kCountry, "MMR"},
      {"Holland", "country:NLD", EntityType::kCountry, "NLD"},
      {"the Netherlands", "country:NLD", EntityType::kCountry, "NLD"},
      {"Guinea-Bissau", "country:GNB", EntityType::kCountry, "GNB"},
      {"Guinea Bissau", "country:GNB", EntityType::kCountry, "GNB"},
      {"UAE", "country:ARE", EntityType::kCountry, "ARE"},
      {"Georgia", "country:GEO", EntityType::kCountry, "GEO"},
      // Capitals and big cities, with their countries.
      {"Pyongyang", "city:pyongyang", EntityType::kCity, "PRK"},
      {"Moscow", "city:moscow", EntityType::kCity, "RUS"},
      {"Kyiv", "city:kyiv", EntityType::kCity, "UKR"},
      {"Kiev", "city:kyiv", EntityType::kCity, "UKR"},
      {"London", "city:london", EntityType::kCity, "GBR"},
      {"Washington", "city:washington", EntityType::kCity, "USA"},
      {"Seoul", "city:seoul", EntityType::kCity, "KOR"},
      {"Beijing", "city:beijing", EntityType::kCity, "CHN"},
      {"Peking", "city:beijing", EntityType::kCity, "CHN"},
      {"Tokyo", "city:tokyo", EntityType::kCity, "JPN"},
      {"Paris", "city:paris", EntityType::kCity, "FRA"},
      {"Berlin", "city:berlin", EntityType::kCity, "DEU"},
      {"Tehran", "city:tehran", EntityType::kCity, "IRN"},
      {"Brussels", "city:brussels", EntityType::kCity, "BEL"},
      {"New York", "city:new york", EntityType::kCity, "USA"},
      {"Birmingham", "city:birmingham", EntityType::kCity, "GBR"},
      {"St Petersburg", "city:st petersburg", EntityType::kCity, "RUS"},
      {"St. Petersburg", "city:st petersburg", EntityType::kCity, "RUS"},
      {"The Hague", "city:the hague", EntityType::kCity, "NLD"},
      // Regions.
      {"Middle East", "region:middle east", EntityType::kRegion, ""},
      {"Korean Peninsula", "region:korean peninsula", EntityType::kRegion, ""},
      {"Crimea", "region:crimea", EntityType::kRegion, "UKR"},
      {"Gaza", "region:gaza strip", EntityType::kRegion, "PSE"},
      {"California", "region:california", EntityType::kRegion, "USA"},
      {"Scotland", "region:scotland", EntityType::kRegion, "GBR"},
      // Organisations.
      {"NATO", "org:nato", EntityType::kOrganization, ""},
      {"Nato", "org:nato", EntityType::kOrganization, ""},
      {"North Atlantic Treaty Organization", "org:nato",
       EntityType::kOrganization, ""},
      {"UN", "org:un", EntityType::kOrganization, ""},
      {"United Nations", "org:un", EntityType::kOrganization, ""},
      {"UN Security Council", "org:un security council",
       EntityType::kOrganization, ""},
      {"EU", "org:eu", EntityType::kOrganization, ""},
      {"European Union", "org:eu", EntityType::kOrganization, ""},
      {"Reuters", "org:reuters", EntityType::kOrganization, "GBR"},
      {"AFP", "org:afp", EntityType::kOrganization, "FRA"},
      {"Associated Press", "org:associated press", EntityType::kOrganization,
       "USA"},
      {"KCNA", "org:kcna", EntityType::kOrganization, "PRK"},
      {"Kremlin", "org:kremlin", EntityType::kOrganization, "RUS"},
      {"Downing Street", "org:downing street", EntityType::kOrganization,
       "GBR"},
      {"Hezbollah", "org:hezbollah", EntityType::kOrganization, "LBN"},
      {"Hizballah", "org:hezbollah", EntityType::kOrganization, "LBN"},
      {"Lib Dems", "org:liberal democrats", EntityType::kOrganization, "GBR"},
      {"OPEC", "org:opec", EntityType::kOrganization, ""},
      // Persons, by full name and distinctive surname.
      {"Vladimir Putin", "person:vladimir putin", EntityType::kPerson, "RUS"},
      {"Putin", "person:vladimir putin", EntityType::kPerson, "RUS"},
      {"Volodymyr Zelenskyy", "person:volodymyr zelensky", EntityType::kPerson,
       "UKR"},
      {"Kim Jong Un", "person:kim jong un", EntityType::kPerson, "PRK"},
      {"Kim Jong-un", "person:kim jong un", EntityType::kPerson, "PRK"},
      {"Tony Blair", "person:tony blair", EntityType::kPerson, "GBR"},
      {"Blair", "person:tony blair", EntityType::kPerson, "GBR"},
      {"Recep Tayyip Erdogan", "person:recep tayyip erdogan",
       EntityType::kPerson, "TUR"},
      {"Erdoğan", "person:recep tayyip erdogan", EntityType::kPerson, "TUR"},
      // Not actors: pronouns and words, and wrong case for acronyms.
      {"us", nullptr, EntityType::kCountry, ""},
      {"Us", nullptr, EntityType::kCountry, ""},
      {"who", nullptr, EntityType::kCountry, ""},
      {"turkey", nullptr, EntityType::kCountry, ""},
      {"Reading", nullptr, EntityType::kCountry, ""},
      {"Nice", nullptr, EntityType::kCountry, ""},
      {"IN", nullptr, EntityType::kCountry, ""},
      {"IT", nullptr, EntityType::kCountry, ""},
      {"ME", nullptr, EntityType::kCountry, ""},
      {"Korea", nullptr, EntityType::kCountry, ""},
      {"", nullptr, EntityType::kCountry, ""},
  };
  for (const NameCase& c : cases) {
    SCOPED_TRACE(c.phrase);
    const LexiconEntry* e = lex().FindName(c.phrase);
    if (!c.key) {
      EXPECT_EQ(e, nullptr) << e->key;
      continue;
    }
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->key, c.key);
    EXPECT_EQ(e->type, c.type);
    EXPECT_EQ(e->country, c.country);
  }
}

TEST_F(LexiconTest, CanonicalNames) {
  const struct {
    const char* phrase;
    const char* name;
  } cases[] = {
      {"Korea, Democratic People's Republic of", "North Korea"},
      {"Russian Federation", "Russia"},
      {"Iran, Islamic Republic of", "Iran"},
      {"Taiwan, Province of China", "Taiwan"},
      {"Congo, The Democratic Republic of the", "DR Congo"},
      {"United States", "United States"},
      {"UK", "United Kingdom"},
      {"Nato", "NATO"},
      {"Kiev", "Kyiv"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.phrase);
    const LexiconEntry* e = lex().FindName(c.phrase);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->name, c.name);
  }
}

TEST_F(LexiconTest, FindDemonym) {
  const struct {
    const char* phrase;
    const char* key;
  } cases[] = {
      {"Russian", "country:RUS"},
      {"Russians", "country:RUS"},
      {"North Korean", "country:PRK"},
      {"South Korean", "country:KOR"},
      {"American", "country:USA"},
      {"Americans", "country:USA"},
      {"US", "country:USA"},
      {"British", "country:GBR"},
      {"Ukrainian", "country:UKR"},
      {"Chinese", "country:CHN"},
      {"French", "country:FRA"},
      {"Israeli", "country:ISR"},
      {"Israelis", "country:ISR"},
      {"Emirati", "country:ARE"},
      {"Iraqi", "country:IRQ"},
      {"Dutch", "country:NLD"},
      {"Mauritanian", "country:MRT"},
      {"Scottish", "region:scotland"},
      {"European", "region:europe"},
      {"russian", nullptr},
      {"Us", nullptr},
      {"Caucasian", nullptr},
      {"Despite", nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.phrase);
    const LexiconEntry* e = lex().FindDemonym(c.phrase);
    if (!c.key) {
      EXPECT_EQ(e, nullptr) << e->key;
      continue;
    }
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->key, c.key);
  }
}

TEST_F(LexiconTest, Lemmas) {
  const struct {
    const char* word;
    const char* lemma;
  } verbs[] = {
      {"sought", "seek"},
      {"met", "meet"},
      {"supplied", "supply"},
      {"supplies", "supply"},
      {"visiting", "visit"},
      {"visited", "visit"},
      {"arrived", "arrive"},
      {"invaded", "invade"},
      {"criticised", "criticise"},
      {"criticized", "criticize"},
      {"threatened", "threaten"},
      {"warned", "warn"},
      {"said", "say"},
      {"was", "be"},
      {"rated", "rate"},
      {"planned", "plan"},
      {"stopping", "stop"},
      {"hoping", "hope"},
      {"meets", "meet"},
      {"goes", "go"},
      {"praised", "praise"},
      {"attacked", "attack"},
      {"sanctioned", "sanction"},
      {"tweeted", "tweet"},
      {"visit", "visit"},
      {"need", "need"},
  };
  for (const auto& c : verbs)
    EXPECT_EQ(lex().VerbLemma(c.word), c.lemma) << c.word;
  const struct {
    const char* word;
    const char* lemma;
  } nouns[] = {
      {"warnings", "warning"},   {"criteria", "criterion"},
      {"sanctions", "sanction"}, {"countries", "country"},
      {"missiles", "missile"},   {"men", "man"},
      {"news", "news"},          {"crisis", "crisis"},
      {"talks", "talks"},        {"boxes", "box"},
      {"officials", "official"}, {"children", "child"},
  };
  for (const auto& c : nouns)
    EXPECT_EQ(lex().NounLemma(c.word), c.lemma) << c.word;
}

TEST_F(LexiconTest, CommonWordsAndGivenNames) {
  for (const char* w :
       {"despite", "the", "upon", "although", "in", "officials", "warned",
        "however", "sought", "meanwhile", "president", "us"}) {
    EXPECT_TRUE(lex().IsCommonWord(w)) << w;
  }
  for (const char* w : {"stoltenberg", "putin", "pyongyang", "zelensky", ""}) {
    EXPECT_FALSE(lex().IsCommonWord(w)) << w;
  }
  for (const char* w : {"John", "Vladimir", "Jens", "Mohammed", "Xavier",
                        "Volodymyr", "Keir", "JOHN"}) {
    EXPECT_TRUE(lex().IsGivenName(w)) << w;
  }
  for (const char* w : {"john", "Despite", "Putin", "UN", ""}) {
    EXPECT_FALSE(lex().IsGivenName(w)) << w;
  }
}

TEST_F(LexiconTest, TitlesAndHeadWords) {
  const struct {
    const char* phrase;
    const char* title;
  } titles[] = {
      {"President", "President"},
      {"president", "President"},
      {"Prime Minister", "Prime Minister"},
      {"PM", "Prime Minister"},
      {"defence minister", "Defence Minister"},
      {"Defense Minister", "Defense Minister"},
      {"Foreign Secretary", "Foreign Secretary"},
      {"Secretary-General", "Secretary-General"},
      {"Secretary General", "Secretary-General"},
      {"secretary general", "Secretary-General"},
      {"spokesperson", "Spokesperson"},
      {"analyst", "Analyst"},
      {"Mr", "Mr"},
      {"Mr.", "Mr"},
      {"Vice-President", "Vice President"},
      {"banana", ""},
  };
  for (const auto& c : titles)
    EXPECT_EQ(lex().FindTitle(c.phrase), c.title) << c.phrase;
  for (const char* w : {"Corporation", "Agency", "Council", "Ministry", "Party",
                        "corp", "Ltd"}) {
    EXPECT_TRUE(lex().IsOrganizationWord(w)) << w;
  }
  for (const char* w : {"Airport", "Embassy"}) {
    EXPECT_FALSE(lex().IsOrganizationWord(w)) << w;
    EXPECT_TRUE(lex().IsFacilityWord(w)) << w;
  }
  EXPECT_FALSE(lex().IsOrganizationWord("Putin"));
}

// Mention finding stops lengthening a phrase when MayStartPhrase says no:
// it must say yes for every beginning of anything the lexicon finds.
TEST_F(LexiconTest, MayStartPhraseForEveryBeginningOfAFoundPhrase) {
  const std::string found[] = {"North Korea", "the Netherlands", "The Hague", "U.S.", "United Nations",
                               "Prime Minister", "Secretary-General", "Defense Minister", "North Korean",
                               "RAND Corporation", "Russian", "President Xi"};
  for (const std::string& phrase : found) {
    const bool known = lex().FindName(phrase) || lex().FindDemonym(phrase) || !lex().FindTitle(phrase).empty();
    if (!known) continue;  // the data changed; nothing to check for this one
    for (size_t end = phrase.find(' '); ; end = phrase.find(' ', end + 1)) {
      EXPECT_TRUE(lex().MayStartPhrase(phrase.substr(0, end))) << phrase.substr(0, end);
      if (end == std::string::npos) break;
    }
  }
  EXPECT_FALSE(lex().MayStartPhrase("Zqxv Wkj"));
  EXPECT_FALSE(lex().MayStartPhrase("North Zqxv"));
}

TEST(CanonicalKeyTest, Normalises) {
  EXPECT_EQ(CanonicalKey(EntityType::kPerson, "Jens  Stoltenberg"),
            "person:jens stoltenberg");
  EXPECT_EQ(CanonicalKey(EntityType::kOrganization, "RAND Corporation"),
            "org:rand corporation");
  EXPECT_EQ(CanonicalKey(EntityType::kOrganization, "U.S. Army"),
            "org:u s army");
  EXPECT_EQ(CanonicalKey(EntityType::kPerson, "Jean-No\u00ebl O\u2019Brien"),
            "person:jean no\u00ebl o brien");
  EXPECT_EQ(CanonicalKey(EntityType::kCity, "\u00c9VRY"), "city:\u00e9vry");
}

TEST(FoldTest, Examples) {
  EXPECT_EQ(lexfold::FoldForLookup("  U.S.  Secretary-General ", true), "us secretary general");
  EXPECT_EQ(lexfold::FoldForLookup("AT&T O`Brien\tx", false), "AT&T O'Brien x");
  EXPECT_EQ(lexfold::NormalizeName("U.S.  Secretary-General's"), "u s secretary general s");
  EXPECT_EQ(lexfold::FoldForLookup("...", true), "");
  EXPECT_EQ(lexfold::NormalizeName(""), "");
}

// Plain ASCII text takes a fast path; text with any other character the
// general one. Prefixing "\u00e9" forces the general path and changes the
// result only by that prefix (the strings start with "x", so leading spaces
// collapse alike), so both paths must agree on every ASCII string.
TEST(FoldTest, AsciiFastPathAgreesWithTheGeneralPath) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(1, 127), length(0, 40);
  for (int n = 0; n < 20000; ++n) {
    std::string s = "x";
    for (int k = length(random); k > 0; --k) {
      const int pick = byte(random);
      // Mostly the bytes the folds treat specially.
      static const char kSpecial[] = " .-'`&\t\n\r,AZaz";
      s += pick < 64 ? kSpecial[pick % (sizeof kSpecial - 1)] : static_cast<char>(pick);
    }
    for (bool lower : {false, true}) {
      ASSERT_EQ(lexfold::FoldForLookup("\u00e9" + s, lower), "\u00e9" + lexfold::FoldForLookup(s, lower))
          << testing::PrintToString(s);
    }
    ASSERT_EQ(lexfold::NormalizeName("\u00e9" + s), "\u00e9" + lexfold::NormalizeName(s))
        << testing::PrintToString(s);
  }
}

class UserLexiconTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path =
        (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path) << text;
    paths_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const std::string& p : paths_) std::filesystem::remove(p);
  }
  std::vector<std::string> paths_;
};

TEST_F(UserLexiconTest, AddsAndOverrides) {
  auto loaded = Lexicon::LoadBuiltin();
  ASSERT_TRUE(loaded.ok());
  std::unique_ptr<Lexicon> lex = loaded.take();
  const std::string path =
      Write("kg_lexicon_test_good.tsv",
            "# user lexicon\n"
            "RAND Corporation\tOrganization\tRAND Corporation\tUSA\n"
            "RAND\tOrganization\tRAND Corporation\tUSA\n"
            "Rossiya\tCountry\tRussia\tRUS\n"
            "Reuters\tPerson\tPaul Julius Reuter\tDEU\n"
            "\n");
  // Answers memoised before the file is added (the built-in lexicon has no
  // "Rossiya") must not outlive it: the checks below ask again.
  EXPECT_EQ(lex->FindName("Rossiya"), nullptr);
  EXPECT_FALSE(lex->MayStartPhrase("Rossiya"));
  ASSERT_TRUE(lex->AddFile(path).ok());
  EXPECT_TRUE(lex->MayStartPhrase("Rossiya"));
  const LexiconEntry* rand = lex->FindName("RAND Corporation");
  ASSERT_NE(rand, nullptr);
  EXPECT_EQ(rand->key, "org:rand corporation");
  EXPECT_EQ(rand->country, "USA");
  EXPECT_EQ(lex->FindName("RAND"), rand);
  EXPECT_EQ(lex->FindName("rand"),
            nullptr);  // capitals only, like built-in acronyms
  ASSERT_NE(lex->FindName("Rossiya"), nullptr);
  EXPECT_EQ(lex->FindName("Rossiya")->key, "country:RUS");
  ASSERT_NE(lex->FindName("Reuters"), nullptr);
  EXPECT_EQ(lex->FindName("Reuters")->type,
            EntityType::kPerson);  // user entries win
  EXPECT_EQ(lex->stats().user_entries, 3u);
}

TEST_F(UserLexiconTest, ReportsFileAndLine) {
  auto loaded = Lexicon::LoadBuiltin();
  ASSERT_TRUE(loaded.ok());
  std::unique_ptr<Lexicon> lex = loaded.take();
  const struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"# ok\nACME\tOrganization\tACME Corp\nAcme\tCompany\tACME Corp\n",
       ":3: unknown entity type \"Company\""},
      {"Acme\tOrganization\n", ":1: expected"},
      {"Acme\tOrganization\tACME\tusa\n", ":1: country \"usa\""},
      {"Ruritania\tCountry\tRuritania\n", ":1: a Country needs"},
  };
  for (const auto& c : cases) {
    const std::string path = Write("kg_lexicon_test_bad.tsv", c.text);
    Status s = lex->AddFile(path);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << c.text;
    EXPECT_NE(s.message().find(path + c.message), std::string::npos)
        << s.message();
  }
  EXPECT_EQ(lex->FindName("ACME"), nullptr);  // a bad file adds nothing
  Status missing = lex->AddFile("/nonexistent/kg_lexicon.tsv");
  EXPECT_EQ(missing.code(), Status::Code::kIOError);
  EXPECT_NE(missing.message().find("/nonexistent/kg_lexicon.tsv"),
            std::string::npos);
}

}  // namespace
}  // namespace kg
