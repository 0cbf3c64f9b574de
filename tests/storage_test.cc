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
#include <map>
#include <memory>
#include <string>
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
      .edge_keys = {EdgeKey("country:RUS", "meets", "country:USA")}};
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
                  "(1); upgrade kg");
  }
}

TEST_F(StorageTest, MissingFormatVersionIsCorruption) {
  OpenOrDie().reset();
  WithRawRocksDb([](rocksdb::DB* db, auto& cf) {
    ASSERT_TRUE(db->Delete({}, cf["meta"], "format_version").ok());
  });
  auto store = Store::Open(dir_, Store::Mode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kCorruption);
  EXPECT_THAT(store.status().message(),
              HasSubstr(dir_ + ": database is damaged"));
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

}  // namespace
}  // namespace kg
