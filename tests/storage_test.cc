// Pins down storage/: each record kind round-trips, the alias index finds
// entities by normalised name, a WriteSet is all or nothing, and Open
// refuses what it must (locked, newer format, missing) with a message that
// names the directory.
#include "storage/storage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace kg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// A fresh directory per test, removed afterwards.
class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter = 0;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = (std::filesystem::temp_directory_path() /
            ("kg_storage_test_" + std::to_string(getpid()) + "_" +
             std::to_string(counter++) + "_" + info->name()))
               .string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Store> OpenOrDie(Store::Mode mode = Store::Mode::kReadWrite) {
    auto store = Store::Open(dir_, mode);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? store.take() : nullptr;
  }

  // Runs `fn` on the database opened with plain RocksDB, to write what kg
  // itself never would. `cf` maps column family names to handles.
  using RawFn = std::function<void(
      rocksdb::DB* db,
      std::map<std::string, rocksdb::ColumnFamilyHandle*>& cf)>;
  void WithRawRocksDb(const RawFn& fn) {
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies({}, dir_, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const auto& name : names) {
      descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open({}, dir_, descriptors, &handles, &db).ok());
    std::map<std::string, rocksdb::ColumnFamilyHandle*> cf;
    for (size_t i = 0; i < names.size(); ++i) cf[names[i]] = handles[i];
    fn(db, cf);
    for (auto* h : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
    delete db;
  }

  std::string dir_;
};

Entity MakeEntity(std::string key, std::string name, EntityType type,
                  std::vector<std::string> aliases = {}) {
  Entity e;
  e.key = std::move(key);
  e.name = std::move(name);
  e.type = type;
  e.aliases = std::move(aliases);
  return e;
}

Evidence MakeEvidence(std::string article_id, std::string sentence,
                      double confidence = 0.5) {
  Evidence e;
  e.article_id = std::move(article_id);
  e.sentence = std::move(sentence);
  e.confidence = confidence;
  return e;
}

ArticleRecord MakeArticle(std::string id, std::string title = "") {
  ArticleRecord a;
  a.id = std::move(id);
  a.title = std::move(title);
  return a;
}

EdgeRecord MakeEdge(std::string source, std::string type, std::string target,
                    uint32_t evidence_count = 1) {
  EdgeRecord e;
  e.source = std::move(source);
  e.type = std::move(type);
  e.target = std::move(target);
  e.evidence_count = evidence_count;
  return e;
}

std::vector<std::string> Sentences(const std::vector<Evidence>& rows) {
  std::vector<std::string> out;
  for (const Evidence& e : rows) out.push_back(e.sentence);
  return out;
}

TEST_F(StorageTest, ArticleRoundTrip) {
  auto store = OpenOrDie();
  ArticleRecord a{
      .id = "bbc-1",
      .title = "Leaders meet",
      .date = "2024-03-01",
      .url = "https://example.com/1",
      .source = "BBC",
      .origin = "in.jsonl:3",
      .content_hash = "00ff",
      .entity_keys = {"country:RUS", "person:vladimir putin"},
      .edge_keys = {EdgeKey("country:RUS", "meets", "country:USA")},
      .kept_apart = {}};
  WriteSet w;
  w.PutArticle(a);
  ASSERT_TRUE(store->Commit(w).ok());

  auto got = store->GetArticle("bbc-1");
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_TRUE(got->has_value());
  const ArticleRecord& b = **got;
  EXPECT_EQ(b.id, a.id);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.date, a.date);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.source, a.source);
  EXPECT_EQ(b.origin, a.origin);
  EXPECT_EQ(b.content_hash, a.content_hash);
  EXPECT_EQ(b.entity_keys, a.entity_keys);
  EXPECT_EQ(b.edge_keys, a.edge_keys);

  auto missing = store->GetArticle("nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(StorageTest, EntityRoundTrip) {
  auto store = OpenOrDie();
  Entity e = MakeEntity("person:vladimir putin", "Vladimir Putin",
                        EntityType::kPerson, {"Putin", "Владимир Путин"});
  e.country = "RUS";
  e.roles = {"President of Russia"};
  WriteSet w;
  w.PutEntity(e);
  ASSERT_TRUE(store->Commit(w).ok());

  auto got = store->GetEntity(e.key);
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->key, e.key);
  EXPECT_EQ((*got)->name, e.name);
  EXPECT_EQ((*got)->type, EntityType::kPerson);
  EXPECT_EQ((*got)->country, "RUS");
  EXPECT_EQ((*got)->aliases, e.aliases);
  EXPECT_EQ((*got)->roles, e.roles);
}

TEST_F(StorageTest, EdgeAndEvidenceRoundTrip) {
  auto store = OpenOrDie();
  EdgeRecord edge{.source = "person:a",
                  .type = "role",
                  .target = "country:RUS",
                  .role = "President",
                  .evidence_count = 2,
                  .first_seen = "2024-01-01",
                  .last_seen = "2024-02-01",
                  .confidence = 0.75};
  std::string key = EdgeKey(edge.source, edge.type, edge.target);
  Evidence ev = MakeEvidence("art-1", "A is president.", 0.5);
  ev.sentence_start = 3;
  ev.sentence_end = 18;
  ev.trigger_start = 5;
  ev.trigger_end = 7;
  ev.modality = Modality::kReported;
  ev.negated = true;
  ev.attributed_to = "org:tass";
  ev.time = "2024-01";
  WriteSet w;
  w.PutEdge(edge);
  w.AddEvidence(key, ev);
  w.AddEvidence(key, MakeEvidence("art-2", "Again."));
  ASSERT_TRUE(store->Commit(w).ok());

  auto got = store->GetEdge(key);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->source, edge.source);
  EXPECT_EQ((*got)->type, edge.type);
  EXPECT_EQ((*got)->target, edge.target);
  EXPECT_EQ((*got)->role, edge.role);
  EXPECT_EQ((*got)->evidence_count, 2u);
  EXPECT_EQ((*got)->first_seen, edge.first_seen);
  EXPECT_EQ((*got)->last_seen, edge.last_seen);
  EXPECT_DOUBLE_EQ((*got)->confidence, 0.75);

  auto rows = store->GetEvidence(key);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  const Evidence& r = (*rows)[0];
  EXPECT_EQ(r.article_id, "art-1");
  EXPECT_EQ(r.sentence, ev.sentence);
  EXPECT_EQ(r.sentence_start, 3u);
  EXPECT_EQ(r.sentence_end, 18u);
  EXPECT_EQ(r.trigger_start, 5u);
  EXPECT_EQ(r.trigger_end, 7u);
  EXPECT_EQ(r.modality, Modality::kReported);
  EXPECT_TRUE(r.negated);
  EXPECT_EQ(r.attributed_to, "org:tass");
  EXPECT_EQ(r.time, "2024-01");
  EXPECT_DOUBLE_EQ(r.confidence, 0.5);
  EXPECT_EQ((*rows)[1].article_id, "art-2");
}

TEST_F(StorageTest, EvidenceOfOneEdgeOnlyInInsertionOrder) {
  auto store = OpenOrDie();
  std::string ab = EdgeKey("a", "meets", "b");
  // Shares a prefix with `ab`; its rows must not leak into ab's scan.
  std::string abc = EdgeKey("a", "meets", "bc");
  WriteSet w;
  for (int i = 0; i < 300; ++i) {
    w.AddEvidence(ab, MakeEvidence("art", "s" + std::to_string(i)));
  }
  w.AddEvidence(abc, MakeEvidence("art", "other"));
  ASSERT_TRUE(store->Commit(w).ok());

  auto rows = store->GetEvidence(ab);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 300u);
  // 256 and up need the second sequence byte: big-endian keeps them in order.
  for (int i = 0; i < 300; ++i) {
    EXPECT_EQ((*rows)[i].sentence, "s" + std::to_string(i));
  }
  EXPECT_THAT(Sentences(*store->GetEvidence(abc)), ElementsAre("other"));
}

TEST_F(StorageTest, DeleteEvidenceRemovesOnlyThatArticle) {
  auto store = OpenOrDie();
  std::string edge = EdgeKey("a", "meets", "b");
  std::string other_edge = EdgeKey("a", "warns", "b");
  WriteSet w;
  w.AddEvidence(edge, MakeEvidence("art-1", "one"));
  w.AddEvidence(edge, MakeEvidence("art-1", "one again"));
  w.AddEvidence(edge, MakeEvidence("art-10", "ten"));  // art-1 is its prefix
  w.AddEvidence(edge, MakeEvidence("art-2", "two"));
  w.AddEvidence(other_edge, MakeEvidence("art-1", "elsewhere"));
  ASSERT_TRUE(store->Commit(w).ok());

  WriteSet d;
  d.DeleteEvidence(edge, "art-1");
  ASSERT_TRUE(store->Commit(d).ok());
  EXPECT_THAT(Sentences(*store->GetEvidence(edge)), ElementsAre("ten", "two"));
  EXPECT_THAT(Sentences(*store->GetEvidence(other_edge)),
              ElementsAre("elsewhere"));

  // Replacing an article's rows: delete, then add again from sequence 0.
  WriteSet r;
  r.DeleteEvidence(edge, "art-2");
  r.AddEvidence(edge, MakeEvidence("art-2", "two, revised"));
  ASSERT_TRUE(store->Commit(r).ok());
  EXPECT_THAT(Sentences(*store->GetEvidence(edge)),
              ElementsAre("ten", "two, revised"));
}

TEST_F(StorageTest, DeleteEdgeTakesItsEvidence) {
  auto store = OpenOrDie();
  EdgeRecord edge = MakeEdge("a", "meets", "b");
  std::string key = EdgeKey("a", "meets", "b");
  WriteSet w;
  w.PutEdge(edge);
  w.AddEvidence(key, MakeEvidence("art", "x"));
  ASSERT_TRUE(store->Commit(w).ok());

  WriteSet d;
  d.DeleteEdge(key);
  ASSERT_TRUE(store->Commit(d).ok());
  EXPECT_FALSE(store->GetEdge(key)->has_value());
  EXPECT_THAT(*store->GetEvidence(key), IsEmpty());
}

TEST_F(StorageTest, AliasLookupAndDelete) {
  auto store = OpenOrDie();
  Entity putin = MakeEntity("person:vladimir putin", "Vladimir Putin",
                            EntityType::kPerson, {"Putin", "President Putin"});
  Entity other = MakeEntity("person:other putin", "Other Putin",
                            EntityType::kPerson, {"Putin"});
  Entity kim =
      MakeEntity("person:kim jong un", "Kim Jong-un", EntityType::kPerson);
  WriteSet w;
  w.PutEntity(putin);
  w.PutEntity(other);
  w.PutEntity(kim);
  ASSERT_TRUE(store->Commit(w).ok());

  EXPECT_THAT(*store->FindByAlias("putin"),
              UnorderedElementsAre(putin.key, other.key));
  EXPECT_THAT(*store->FindByAlias("VLADIMIR PUTIN"), ElementsAre(putin.key));
  EXPECT_THAT(*store->FindByAlias("Kim Jong Un"), ElementsAre(kim.key));
  EXPECT_THAT(*store->FindByAlias("Putin’s"),
              UnorderedElementsAre(putin.key, other.key));
  EXPECT_THAT(*store->FindByAlias("Vladimir"), IsEmpty());  // whole names only

  WriteSet d;
  d.DeleteEntity(other);
  ASSERT_TRUE(store->Commit(d).ok());
  EXPECT_THAT(*store->FindByAlias("Putin"), ElementsAre(putin.key));
  EXPECT_THAT(*store->FindByAlias("Other Putin"), IsEmpty());
  EXPECT_FALSE(store->GetEntity(other.key)->has_value());
}

TEST(NormalizeAliasTest, Table) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"Vladimir Putin", "vladimir putin"},
      {"  Vladimir   Putin ", "vladimir putin"},
      {"Kim Jong-un", "kim jong un"},
      {"Kim Jong Un", "kim jong un"},
      {"U.S.", "us"},
      {"U.S", "us"},
      {"US", "us"},
      {"Washington D.C.", "washington dc"},
      {"St. Petersburg", "st petersburg"},
      {"St.Petersburg", "st petersburg"},
      {"Russia's", "russia"},
      {"Russia’s", "russia"},  // U+2019
      {"Reuters'", "reuters"},
      {"O’Brien", "o'brien"},
      {"The Kremlin", "kremlin"},
      {"the United States", "united states"},
      {"The", "the"},
      {"Theresa May", "theresa may"},
      {"The U.S.'s", "us"},
      {"Владимир Путин", "Владимир Путин"},  // non-ASCII bytes kept as they are
      {"Zürich", "zürich"},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeAlias(c.in), c.want) << "input: " << c.in;
  }
}

TEST(EdgeKeyTest, JoinsWithUnitSeparator) {
  EXPECT_EQ(EdgeKey("country:RUS", "meets", "country:USA"),
            "country:RUS\x1fmeets\x1f"
            "country:USA");
}

TEST_F(StorageTest, WriteSetIsAllOrNothing) {
  auto store = OpenOrDie();
  std::string key = EdgeKey("a", "meets", "b");
  WriteSet w;
  w.PutArticle(MakeArticle("art", "t"));
  w.PutEntity(MakeEntity("person:a", "A", EntityType::kPerson));
  w.PutEntity(MakeEntity("person:b", "B", EntityType::kPerson));
  w.PutEdge(MakeEdge("a", "meets", "b"));
  w.AddEvidence(key, MakeEvidence("art", "A met B."));

  // Staged, not written.
  auto before = store->Counts();
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(
      before->articles + before->entities + before->edges + before->evidence,
      0u);
  EXPECT_FALSE(store->GetArticle("art")->has_value());
  EXPECT_THAT(*store->FindByAlias("A"), IsEmpty());

  ASSERT_TRUE(store->Commit(w).ok());
  auto after = store->Counts();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->articles, 1u);
  EXPECT_EQ(after->entities, 2u);
  EXPECT_EQ(after->edges, 1u);
  EXPECT_EQ(after->evidence, 1u);
  EXPECT_THAT(*store->FindByAlias("A"), ElementsAre("person:a"));

  // A committed WriteSet is empty: committing it again changes nothing.
  ASSERT_TRUE(store->Commit(w).ok());
  EXPECT_EQ(store->Counts()->evidence, 1u);
}

TEST_F(StorageTest, ForEachInKeyOrderAndStops) {
  auto store = OpenOrDie();
  WriteSet w;
  for (const char* key : {"org:c", "org:a", "org:b"}) {
    w.PutEntity(MakeEntity(key, key, EntityType::kOrganization));
  }
  w.PutArticle(MakeArticle("2"));
  w.PutArticle(MakeArticle("1"));
  w.PutEdge(MakeEdge("x", "t", "y"));
  ASSERT_TRUE(store->Commit(w).ok());

  std::vector<std::string> keys;
  ASSERT_TRUE(store
                  ->ForEachEntity([&](const Entity& e) {
                    keys.push_back(e.key);
                    return true;
                  })
                  .ok());
  EXPECT_THAT(keys, ElementsAre("org:a", "org:b", "org:c"));

  keys.clear();
  ASSERT_TRUE(store
                  ->ForEachEntity([&](const Entity& e) {
                    keys.push_back(e.key);
                    return false;
                  })
                  .ok());
  EXPECT_THAT(keys, ElementsAre("org:a"));

  std::vector<std::string> ids;
  ASSERT_TRUE(store
                  ->ForEachArticle([&](const ArticleRecord& a) {
                    ids.push_back(a.id);
                    return true;
                  })
                  .ok());
  EXPECT_THAT(ids, ElementsAre("1", "2"));

  int edges = 0;
  ASSERT_TRUE(store
                  ->ForEachEdge([&](const EdgeRecord&) {
                    ++edges;
                    return true;
                  })
                  .ok());
  EXPECT_EQ(edges, 1);
}

TEST_F(StorageTest, DataSurvivesReopen) {
  {
    auto store = OpenOrDie();
    WriteSet w;
    w.PutEntity(MakeEntity("city:kyiv", "Kyiv", EntityType::kCity, {"Kiev"}));
    ASSERT_TRUE(store->Commit(w).ok());
  }
  auto store = OpenOrDie();
  EXPECT_THAT(*store->FindByAlias("Kiev"), ElementsAre("city:kyiv"));
}

TEST_F(StorageTest, SecondWriterIsBusyAndNamesTheDir) {
  auto first = OpenOrDie();
  auto second = Store::Open(dir_, Store::Mode::kReadWrite);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
  EXPECT_EQ(second.status().message(),
            dir_ + ": database is in use by another kg process (locked)");
}

TEST_F(StorageTest, ReaderWorksWhileWriterHasItOpen) {
  auto writer = OpenOrDie();
  WriteSet w;
  w.PutArticle(MakeArticle("art", "committed"));
  ASSERT_TRUE(writer->Commit(w).ok());

  auto reader = OpenOrDie(Store::Mode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  auto a = reader->GetArticle("art");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->title, "committed");

  WriteSet refused;
  refused.PutArticle(MakeArticle("other"));
  Status s = reader->Commit(refused);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr(dir_));
}

TEST_F(StorageTest, MissingDirReadOnlyIsNotFound) {
  auto store = Store::Open(dir_, Store::Mode::kReadOnly);
  ASSERT_FALSE(store.ok());
  EXPECT_TRUE(store.status().IsNotFound());
  EXPECT_EQ(store.status().message(),
            dir_ + ": no kg database here (run kg ingest first)");
  EXPECT_FALSE(std::filesystem::exists(dir_));  // and nothing was created
}

TEST_F(StorageTest, RefusesToCreateInsideANonEmptyDirectory) {
  std::filesystem::create_directories(dir_ + "/notes");
  auto store = Store::Open(dir_, Store::Mode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(store.status().message(),
              HasSubstr(dir_ + ": not a kg database"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/CURRENT"));

  std::filesystem::remove(dir_ + "/notes");  // an empty directory is fine
  EXPECT_NE(OpenOrDie(), nullptr);
}

TEST_F(StorageTest, NewerFormatVersionIsRefused) {
  OpenOrDie().reset();
  WithRawRocksDb([](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put({}, cf["meta"], "format_version", "99").ok());
  });
  for (Store::Mode mode : {Store::Mode::kReadOnly, Store::Mode::kReadWrite}) {
    auto store = Store::Open(dir_, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), Status::Code::kUnsupported);
    EXPECT_EQ(store.status().message(),
              dir_ +
                  ": database format version 99 is newer than this kg supports "
                  "(2); upgrade kg");
  }
}

TEST_F(StorageTest, MissingFormatVersionIsCorruption) {
  {
    auto store = OpenOrDie();
    WriteSet w;
    w.PutArticle(MakeArticle("art"));
    ASSERT_TRUE(store->Commit(w).ok());
  }
  WithRawRocksDb([](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Delete({}, cf["meta"], "format_version").ok());
  });
  for (Store::Mode mode : {Store::Mode::kReadOnly, Store::Mode::kReadWrite}) {
    auto store = Store::Open(dir_, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), Status::Code::kCorruption);
    EXPECT_THAT(store.status().message(),
                HasSubstr(dir_ + ": database is damaged: no format version"));
    EXPECT_THAT(store.status().message(), HasSubstr("rebuild it with kg ingest"));
  }
}

TEST_F(StorageTest, UnreadableRecordIsCorruptionNamingTheKey) {
  OpenOrDie().reset();
  WithRawRocksDb([](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Put({}, cf["entities"], "org:x", "{not json").ok());
    ASSERT_TRUE(
        db->Put({}, cf["articles"], "bad", "[1,2]").ok());  // JSON, wrong shape
  });
  auto store = OpenOrDie();
  auto entity = store->GetEntity("org:x");
  ASSERT_FALSE(entity.ok());
  EXPECT_EQ(entity.status().code(), Status::Code::kCorruption);
  EXPECT_THAT(entity.status().message(), HasSubstr(dir_));
  EXPECT_THAT(entity.status().message(), HasSubstr("entities record 'org:x'"));

  Status scan =
      store->ForEachArticle([](const ArticleRecord&) { return true; });
  EXPECT_EQ(scan.code(), Status::Code::kCorruption);
  EXPECT_THAT(scan.message(), HasSubstr("articles record 'bad'"));
}


// ---- Format version 2: mentions, name parts, verification -------------------

TEST_F(StorageTest, KeptApartRoundTrips) {
  auto store = OpenOrDie();
  ArticleRecord a = MakeArticle("art");
  a.kept_apart = {{"person:blair", "Blair",
                   {"person:cherie blair", "person:tony blair"}}};
  WriteSet w;
  w.PutArticle(a);
  ASSERT_TRUE(store->Commit(w).ok());
  auto got = store->GetArticle("art");
  ASSERT_TRUE(got.ok() && got->has_value());
  ASSERT_EQ((*got)->kept_apart.size(), 1u);
  EXPECT_EQ((*got)->kept_apart[0].entity_key, "person:blair");
  EXPECT_EQ((*got)->kept_apart[0].name, "Blair");
  EXPECT_THAT((*got)->kept_apart[0].candidates,
              ElementsAre("person:cherie blair", "person:tony blair"));
}

TEST_F(StorageTest, MentionsByEntityInArticleOrder) {
  auto store = OpenOrDie();
  WriteSet w;
  w.PutMention({"person:a", "art-2", {"A", "Mr A"}, {"Mayor"}, "GBR"});
  w.PutMention({"person:a", "art-1", {"A"}, {}, ""});
  w.PutMention({"person:ab", "art-1", {"AB"}, {}, ""});  // "person:a" is a prefix
  ASSERT_TRUE(store->Commit(w).ok());

  auto mentions = store->GetMentions("person:a");
  ASSERT_TRUE(mentions.ok()) << mentions.status().message();
  ASSERT_EQ(mentions->size(), 2u);
  EXPECT_EQ((*mentions)[0].article_id, "art-1");
  EXPECT_EQ((*mentions)[1].article_id, "art-2");
  EXPECT_THAT((*mentions)[1].names, ElementsAre("A", "Mr A"));
  EXPECT_THAT((*mentions)[1].roles, ElementsAre("Mayor"));
  EXPECT_EQ((*mentions)[1].country, "GBR");

  WriteSet d;
  d.DeleteMention("person:a", "art-2");
  ASSERT_TRUE(store->Commit(d).ok());
  EXPECT_EQ(store->GetMentions("person:a")->size(), 1u);
  int all = 0;
  ASSERT_TRUE(store->ForEachMention([&](const Mention&) { return ++all; }).ok());
  EXPECT_EQ(all, 2);
}

TEST_F(StorageTest, NamePartIndexFindsFirstAndLastWordsOfPersons) {
  auto store = OpenOrDie();
  Entity tony = MakeEntity("person:tony blair", "Tony Blair", EntityType::kPerson);
  Entity kim = MakeEntity("person:kim jong un", "Kim Jong-un", EntityType::kPerson);
  Entity madonna = MakeEntity("person:madonna", "Madonna", EntityType::kPerson);
  Entity firm = MakeEntity("org:blair partners", "Blair Partners", EntityType::kOrganization);
  WriteSet w;
  for (const Entity& e : {tony, kim, madonna, firm}) w.PutEntity(e);
  ASSERT_TRUE(store->Commit(w).ok());

  EXPECT_THAT(*store->FindByNamePart("Blair", NamePart::kLast), ElementsAre(tony.key));
  EXPECT_THAT(*store->FindByNamePart("blair", NamePart::kFirst), IsEmpty());  // not persons
  EXPECT_THAT(*store->FindByNamePart("Tony", NamePart::kFirst), ElementsAre(tony.key));
  EXPECT_THAT(*store->FindByNamePart("Kim", NamePart::kFirst), ElementsAre(kim.key));
  EXPECT_THAT(*store->FindByNamePart("Jong-un", NamePart::kLast), ElementsAre(kim.key));
  EXPECT_THAT(*store->FindByNamePart("Madonna", NamePart::kLast), IsEmpty());
  EXPECT_TRUE(HasNamePart(tony, "BLAIR", NamePart::kLast));
  EXPECT_FALSE(HasNamePart(tony, "Blair", NamePart::kFirst));
  EXPECT_FALSE(HasNamePart(firm, "Blair", NamePart::kFirst));

  WriteSet d;
  d.DeleteEntity(tony);
  ASSERT_TRUE(store->Commit(d).ok());
  EXPECT_THAT(*store->FindByNamePart("Blair", NamePart::kLast), IsEmpty());
}

TEST(EdgeKeyTest, SplitsWhatEdgeKeyJoins) {
  std::string s, t, o;
  ASSERT_TRUE(SplitEdgeKey(EdgeKey("a", "meets", "b c"), &s, &t, &o));
  EXPECT_EQ(s, "a");
  EXPECT_EQ(t, "meets");
  EXPECT_EQ(o, "b c");
  EXPECT_FALSE(SplitEdgeKey("a\x1f" "b", &s, &t, &o));
  EXPECT_FALSE(SplitEdgeKey("a\x1f" "b\x1f" "c\x1f" "d", &s, &t, &o));
}

TEST_F(StorageTest, ForEachEvidenceNamesTheEdge) {
  auto store = OpenOrDie();
  std::string ab = EdgeKey("a", "meets", "b");
  WriteSet w;
  // Sequence bytes include \0 and \x1f; the edge key must still come out.
  for (int i = 0; i < 40; ++i) w.AddEvidence(ab, MakeEvidence("art", "s"));
  ASSERT_TRUE(store->Commit(w).ok());
  int n = 0;
  ASSERT_TRUE(store
                  ->ForEachEvidence([&](const std::string& edge, const Evidence&) {
                    EXPECT_EQ(edge, ab);
                    return ++n < 100;
                  })
                  .ok());
  EXPECT_EQ(n, 40);
}

TEST_F(StorageTest, VerifyIndexesFindsWhatDisagrees) {
  {
    auto store = OpenOrDie();
    WriteSet w;
    w.PutEntity(MakeEntity("person:tony blair", "Tony Blair", EntityType::kPerson, {"Blair"}));
    w.PutEdge(MakeEdge("person:tony blair", "visits", "country:FRA"));
    w.AddEvidence(EdgeKey("person:tony blair", "visits", "country:FRA"), MakeEvidence("art", "x"));
    w.PutMention({"person:tony blair", "art", {"Tony Blair"}, {}, ""});
    ASSERT_TRUE(store->Commit(w).ok());
    std::vector<std::string> problems;
    ASSERT_TRUE(store->VerifyIndexes([&](const std::string& p) { problems.push_back(p); }).ok());
    EXPECT_THAT(problems, IsEmpty());
  }
  WithRawRocksDb([](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Delete({}, cf["aliases"], "blair\x1fperson:tony blair").ok());
    ASSERT_TRUE(db->Put({}, cf["aliases"], "ghost\x1fperson:ghost", "").ok());
    ASSERT_TRUE(db->Delete({}, cf["name_parts"], "tony\x1fperson:tony blair").ok());
    ASSERT_TRUE(db->Put({}, cf["mentions"], "person:ghost\x1f" "art",
                        R"({"entity_key":"person:ghost","article_id":"art"})")
                    .ok());
    std::string orphan("a\x1fmeets\x1f" "b", 9);
    orphan += std::string("\0art\0\0\0\0\0", 9);
    ASSERT_TRUE(db->Put({}, cf["evidence"], orphan, R"({"article_id":"other"})").ok());
  });
  auto store = OpenOrDie(Store::Mode::kReadOnly);
  std::vector<std::string> problems;
  ASSERT_TRUE(store->VerifyIndexes([&](const std::string& p) { problems.push_back(p); }).ok());
  EXPECT_THAT(problems,
              UnorderedElementsAre(
                  HasSubstr("alias index entry 'ghost\\x1fperson:ghost' belongs to no entity"),
                  HasSubstr("alias index lacks entry 'blair\\x1fperson:tony blair'"),
                  HasSubstr("name-part index lacks entry 'tony\\x1fperson:tony blair' (first)"),
                  HasSubstr("mention of 'person:ghost' in article 'art': no such entity"),
                  HasSubstr("holds article 'other'"), HasSubstr("sits under no edge")));
}

// ---- Opening what a killed or older kg left -----------------------------------

TEST_F(StorageTest, CreationKilledBeforeTheVersionIsFinishedOnOpen) {
  // What Create leaves when killed between making the column families and
  // writing the version: a RocksDB database with nothing in it.
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_, &db).ok());
    rocksdb::ColumnFamilyHandle* meta = nullptr;
    ASSERT_TRUE(db->CreateColumnFamily({}, "meta", &meta).ok());
    ASSERT_TRUE(db->DestroyColumnFamilyHandle(meta).ok());
    delete db;
  }
  auto reader = Store::Open(dir_, Store::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ((*reader)->Counts()->articles, 0u);
  reader->reset();

  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->format_version(), kFormatVersion);
  WriteSet w;
  w.PutArticle(MakeArticle("art"));
  ASSERT_TRUE(store->Commit(w).ok());
  store.reset();
  EXPECT_TRUE(OpenOrDie(Store::Mode::kReadOnly)->GetArticle("art")->has_value());
}

TEST_F(StorageTest, CreationKilledBeforeCurrentIsStartedAgain) {
  std::filesystem::create_directories(dir_);
  for (const char* name : {"LOCK", "IDENTITY", "LOG", "MANIFEST-000001", "000001.dbtmp"}) {
    std::ofstream(dir_ + "/" + name) << "x";
  }
  auto reader = Store::Open(dir_, Store::Mode::kReadOnly);
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsNotFound());
  EXPECT_NE(OpenOrDie(), nullptr);
  EXPECT_NE(OpenOrDie(Store::Mode::kReadOnly), nullptr);
}

TEST_F(StorageTest, MissingCurrentIsDamageNotANewDatabase) {
  {
    auto store = OpenOrDie();
    WriteSet w;
    w.PutArticle(MakeArticle("art"));
    ASSERT_TRUE(store->Commit(w).ok());
  }
  OpenOrDie().reset();  // a second session, so there is a later MANIFEST
  std::filesystem::remove(dir_ + "/CURRENT");
  for (Store::Mode mode : {Store::Mode::kReadOnly, Store::Mode::kReadWrite}) {
    auto store = Store::Open(dir_, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), Status::Code::kCorruption);
    EXPECT_THAT(store.status().message(),
                HasSubstr(dir_ + ": database is damaged: its CURRENT file is missing"));
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/CURRENT"));  // nothing created
}

TEST_F(StorageTest, NotADirectoryIsRefused) {
  std::ofstream(dir_) << "a file";
  auto store = Store::Open(dir_, Store::Mode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(store.status().message(), HasSubstr(dir_ + ": not a kg database"));
}

// A database as format version 1 wrote it: no mentions, no name parts, and
// an entity that no article mentions any more.
TEST_F(StorageTest, Version1IsReadAsIsAndMigratedByAWriter) {
  {
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = {{"default", {}}};
    for (const char* name : {"meta", "articles", "entities", "aliases", "edges", "evidence"}) {
      descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    std::vector<rocksdb::ColumnFamilyHandle*> h;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_, descriptors, &h, &db).ok());
    ASSERT_TRUE(db->Put({}, h[1], "format_version", "1").ok());
    ASSERT_TRUE(db->Put({}, h[2], "art",
                        R"({"id":"art","entity_keys":["person:tony blair","country:FRA"],)"
                        R"("edge_keys":["person:tony blair\u001fvisits\u001fcountry:FRA"]})")
                    .ok());
    ASSERT_TRUE(db->Put({}, h[3], "person:tony blair",
                        R"({"key":"person:tony blair","name":"Tony Blair","type":"Person",)"
                        R"("aliases":["Blair"],"roles":["Prime Minister"]})")
                    .ok());
    ASSERT_TRUE(db->Put({}, h[3], "country:FRA",
                        R"({"key":"country:FRA","name":"France","type":"Country"})")
                    .ok());
    ASSERT_TRUE(db->Put({}, h[3], "org:orphan",
                        R"({"key":"org:orphan","name":"Orphan","type":"Organization"})")
                    .ok());
    for (const char* alias : {"tony blair\x1fperson:tony blair", "blair\x1fperson:tony blair",
                              "france\x1f" "country:FRA", "orphan\x1forg:orphan"}) {
      ASSERT_TRUE(db->Put({}, h[4], alias, "").ok());
    }
    std::string edge = EdgeKey("person:tony blair", "visits", "country:FRA");
    ASSERT_TRUE(db->Put({}, h[5], edge,
                        R"({"source":"person:tony blair","type":"visits","target":"country:FRA",)"
                        R"("evidence_count":1,"confidence":0.5})")
                    .ok());
    ASSERT_TRUE(db->Put({}, h[6], edge + std::string("\0art\0\0\0\0\0", 9),
                        R"({"article_id":"art","sentence":"Blair visits France.","confidence":0.5})")
                    .ok());
    for (auto* handle : h) ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
    delete db;
  }
  {
    auto reader = OpenOrDie(Store::Mode::kReadOnly);
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->format_version(), 1);
    EXPECT_EQ(reader->Counts()->entities, 3u);
    EXPECT_THAT(*reader->GetMentions("person:tony blair"), IsEmpty());
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->format_version(), 2);
  auto mentions = store->GetMentions("person:tony blair");
  ASSERT_TRUE(mentions.ok());
  ASSERT_EQ(mentions->size(), 1u);
  EXPECT_THAT((*mentions)[0].names, ElementsAre("Tony Blair", "Blair"));
  EXPECT_THAT((*mentions)[0].roles, ElementsAre("Prime Minister"));
  EXPECT_THAT(*store->FindByNamePart("Blair", NamePart::kLast), ElementsAre("person:tony blair"));
  EXPECT_FALSE(store->GetEntity("org:orphan")->has_value());
  EXPECT_THAT(*store->FindByAlias("Orphan"), IsEmpty());
  std::vector<std::string> problems;
  ASSERT_TRUE(store->VerifyIndexes([&](const std::string& p) { problems.push_back(p); }).ok());
  EXPECT_THAT(problems, IsEmpty());
  store.reset();
  EXPECT_EQ(OpenOrDie(Store::Mode::kReadOnly)->format_version(), 2);
}

// Readers opening while a writer commits and reopens (each reopen flushes
// the log into a table file and deletes the log) must each see a whole
// prefix of the commits: never fewer articles than a reader before them.
TEST_F(StorageTest, ReadersSeeAWholePrefixWhileAWriterFlushes) {
  OpenOrDie().reset();
  std::atomic<bool> done = false;
  std::atomic<int> committed = 0;
  std::thread writer([&] {
    for (int session = 0; session < 30; ++session) {
      auto store = Store::Open(dir_, Store::Mode::kReadWrite);
      ASSERT_TRUE(store.ok()) << store.status().message();
      for (int i = 0; i < 40; ++i) {
        WriteSet w;
        int n = committed.load();
        w.PutArticle(MakeArticle("art-" + std::to_string(n)));
        w.PutEntity(MakeEntity("org:" + std::to_string(n), "Org " + std::to_string(n),
                               EntityType::kOrganization));
        ASSERT_TRUE((*store)->Commit(w).ok());
        committed = n + 1;
      }
    }
    done = true;
  });
  uint64_t seen = 0;
  int reads = 0;
  while (!done) {
    int floor = committed.load();
    auto reader = Store::Open(dir_, Store::Mode::kReadOnly);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    auto counts = (*reader)->Counts();
    ASSERT_TRUE(counts.ok()) << counts.status().message();
    EXPECT_GE(counts->articles, static_cast<uint64_t>(floor));
    EXPECT_GE(counts->articles, seen);
    EXPECT_EQ(counts->articles, counts->entities);  // one batch, both or neither
    seen = counts->articles;
    ++reads;
  }
  writer.join();
  EXPECT_GT(reads, 0);
}

}  // namespace
}  // namespace kg
