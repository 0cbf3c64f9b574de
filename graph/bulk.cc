// BulkGraphWriter (graph/graph.h): GraphWriter's merge for a database that
// starts empty, on a graph held in memory.
//
// With nothing stored at the start and no article replaced, every read
// GraphWriter makes would find either nothing or what an earlier article of
// this run wrote, and no record ever loses anything (aliases, roles and
// evidence only grow). So the graph can live here: entities with their
// normalised names, the alias and name-part indexes as hash tables, edges
// by (source, type, target) numbers. An article's record, mentions and
// evidence rows are final when it is merged and go straight into a
// BulkWriteSet; entities and edges are written as they stand when the set
// is written (each write holds whole articles), and again after they change.
// The steps below follow graph/merge.cc's ArticleUpdate::Add one for one and
// use the same rules (graph/merge_rules.h); tests/bulk_test.cc compares the
// two databases.
//
// Merging is one thread (articles in input order), the busiest of a bulk
// load; so what depends on the article alone is done before, on the parsing
// threads (Prepare): the article, mention and evidence records, encoded as
// they are when every entity the article lists resolves to the node of its
// own key, which it checks after resolving. Then merging only folds the
// article into the graph and copies those bytes; otherwise it builds the
// records itself as before.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "graph/graph.h"
#include "graph/merge_rules.h"

namespace kg {
namespace {

using merge_rules::AddToMention;
using merge_rules::AddToRecord;
using merge_rules::AddUnique;
using merge_rules::ContentHash;
using merge_rules::IsOneWordPerson;
using merge_rules::Validate;

struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};
template <typename V>
using KeyMap = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;

struct Node {
  // This article's mention of it is mentions[mention] when mention_article
  // is the current article's number; listed_article likewise for the
  // article's entity_keys. First, so that they share a cache line with the
  // key.
  uint64_t mention_article = 0, listed_article = 0;
  uint32_t mention = 0;
  bool dirty = false;
  Entity entity;
  // NormalizeAlias of the name, then of each alias in order: what AnswersTo
  // compares, computed once.
  std::vector<std::string> normalized;
};

// An edge's aggregates; its ends and type by number, its role and dates as
// numbers of interned strings (Strings): 40 bytes instead of 128 with three
// std::string, for a million edges, most of them written once.
struct Edge {
  uint32_t source, target, type;
  uint32_t evidence_count = 0;
  double confidence = 0;
  uint32_t role = 0, first_seen = 0, last_seen = 0;
  bool dirty = false;
};

// What an article record repeats of the article itself.
void CopyArticleFields(const Article& article, ArticleRecord* record) {
  record->id = article.id;
  record->title = article.title;
  record->date = article.date;
  record->url = article.url;
  record->source = article.source;
  record->origin = article.origin;
}

// Interned strings by number; 0 is the empty string. Edges repeat few
// roles and dates, and an article's relations one date: the last string
// interned is checked before the hash table.
class Strings {
 public:
  Strings() { text_.emplace_back(); }
  const std::string& operator[](uint32_t n) const { return text_[n]; }
  uint32_t Intern(std::string_view s) {
    if (s.empty()) return 0;
    if (text_[last_] == s) return last_;
    auto it = number_.find(s);
    if (it == number_.end()) {
      text_.emplace_back(s);
      it = number_.emplace(text_.back(), static_cast<uint32_t>(text_.size() - 1)).first;
    }
    return last_ = it->second;
  }

 private:
  std::deque<std::string> text_;  // stable, for the keys of number_
  std::unordered_map<std::string_view, uint32_t> number_;
  uint32_t last_ = 0;
};

// AddToRecord's view of an Edge while one article's evidence is folded in.
struct Aggregates {
  uint32_t evidence_count;
  double confidence;
  std::string first_seen, last_seen;
};

struct EdgeId {
  uint32_t source, type, target;
  bool operator==(const EdgeId&) const = default;
};
struct EdgeIdHash {
  size_t operator()(const EdgeId& e) const {
    uint64_t h = (uint64_t{e.source} << 32 | e.target) * 0x9e3779b97f4a7c15ull;
    h ^= (h >> 31) + e.type * 0xc2b2ae3d27d4eb4full;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// Key -> number (of a node, or an edge): open addressing with linear
// probing over (32 bits of hash, number + 1) pairs, the keys being kept by
// the caller (`key_of(number)`). A lookup touches one slot and then the
// record, which the caller reads next anyway; std::unordered_map's chained
// nodes cost two more cache misses, most of a lookup on a graph this size,
// and one allocation per key.
template <typename Key, typename Hasher>
class FlatIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Loads the slot `key` starts probing at into the cache.
  void Prefetch(const Key& key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Hash(key) & mask_]);
  }

  template <typename KeyOf>
  uint32_t Find(const Key& key, const KeyOf& key_of) const {
    if (slots_.empty()) return kNone;
    const uint64_t h = Hash(key);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return kNone;
      const uint32_t n = static_cast<uint32_t>(slot) - 1;
      if (static_cast<uint32_t>(slot >> 32) == tag && key_of(n) == key) return n;
    }
  }
  // `key` must not be there yet; `n` is the number of keys inserted so far.
  void Insert(const Key& key, uint32_t n) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    Place(Hash(key), n);
    ++used_;
  }
  void Clear() {
    slots_ = {};
    hashes_ = {};
    used_ = 0;
  }

 private:
  static uint64_t Hash(const Key& key) {
    return static_cast<uint64_t>(Hasher{}(key)) * 0x9e3779b97f4a7c15ull;  // spread the bits the mask keeps
  }
  void Place(uint64_t h, uint32_t n) {
    size_t i = h & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = (h >> 32) << 32 | (uint64_t{n} + 1);
    if (hashes_.size() <= n) hashes_.resize(n + 1);
    hashes_[n] = h;
  }
  void Grow() {
    const size_t size = std::max<size_t>(1024, slots_.size() * 2);
    slots_.assign(size, 0);
    mask_ = size - 1;
    for (uint32_t n = 0; n < used_; ++n) Place(hashes_[n], n);
  }

  std::vector<uint64_t> slots_;
  std::vector<uint64_t> hashes_;  // by number, for growing
  size_t mask_ = 0, used_ = 0;
};

// string_view -> number, for the keys of one article: open addressing over
// slots kept from article to article (a generation number tells this
// article's from stale ones). A std::unordered_map cleared per article
// allocated a node per key, a few million allocations over a large input.
class ArticleKeys {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Forgets every key; room for `expected` of them without growing.
  void Clear(size_t expected) {
    ++generation_;
    count_ = 0;
    if (4 * expected > slots_.size()) Resize(4 * expected);
  }
  uint32_t Find(std::string_view key) const {
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.generation != generation_) return kNone;
      if (slot.key == key) return slot.value;
    }
  }
  // The number of `key`, after giving it `value` if it had none (`*added`
  // says whether). `key` must outlive the article.
  uint32_t Insert(std::string_view key, uint32_t value, bool* added = nullptr) {
    if (2 * (count_ + 1) > slots_.size()) Resize(2 * slots_.size());
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.generation != generation_) {
        slot = {key, value, generation_};
        ++count_;
        if (added != nullptr) *added = true;
        return value;
      }
      if (slot.key == key) {
        if (added != nullptr) *added = false;
        return slot.value;
      }
    }
  }

 private:
  struct Slot {
    std::string_view key;
    uint32_t value = 0, generation = 0;
  };
  static size_t Hash(std::string_view key) { return std::hash<std::string_view>{}(key); }
  void Resize(size_t at_least) {
    size_t size = 16;
    while (size < at_least) size *= 2;
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    const uint32_t generation = generation_;
    generation_ = 1;
    count_ = 0;
    for (const Slot& slot : old) {
      if (slot.generation == generation) Insert(slot.key, slot.value);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0, count_ = 0;
  uint32_t generation_ = 1;
};

// All of one article's relations with the same edge.
struct Group {
  EdgeId id;
  std::string key;  // EdgeKey
  std::string role;
  std::vector<const Relation*> relations;
  std::vector<uint32_t> speakers;  // node of each one's attributed_to, if any
};

// The words of a person's name the name-part index holds (storage splits
// at spaces only), normalised. A superset test: candidates are checked
// with HasNamePart.
std::vector<std::string> NameWords(const Entity& e) {
  std::vector<std::string> words;
  if (e.type != EntityType::kPerson) return words;
  std::vector<std::string_view> parts;
  std::string_view name = e.name;
  for (size_t pos = 0; pos < name.size();) {
    size_t end = name.find(' ', pos);
    if (end == std::string_view::npos) end = name.size();
    if (end > pos) parts.push_back(name.substr(pos, end - pos));
    pos = end + 1;
  }
  if (parts.size() < 2) return words;
  words.push_back(NormalizeAlias(parts.front()));
  std::string last = NormalizeAlias(parts.back());
  if (last != words.front()) words.push_back(std::move(last));
  return words;
}

// a + "\x1f" < b + "\x1f", bytewise: how two EdgeKeys order by their first
// (or second) part, since no part holds \x1f.
bool LessAsKeyPart(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  if (int c = a.substr(0, n).compare(b.substr(0, n)); c != 0) return c < 0;
  if (a.size() == b.size()) return false;
  if (a.size() < b.size()) return 0x1f < static_cast<unsigned char>(b[n]);
  return static_cast<unsigned char>(a[n]) < 0x1f;
}

}  // namespace

constexpr uint32_t kNone = UINT32_MAX;

// What an article's records are when each entity it lists resolves to the
// node of its own key (no alias or name-part match to another key, no
// candidates kept apart): then they depend on the article alone, and
// Prepare builds them as Rep::Add below would, on the parsing threads.
struct PreparedArticle::Rep {
  bool usable = false;   // false: the article is invalid; MergeArticle reports it
  std::string hash;      // ContentHash
  // The article's relations grouped by edge in EdgeKey order: group g holds
  // relations[order[group_begin[g]] .. order[group_begin[g + 1]]), in input
  // order, each with its ends swapped when `swapped` (a symmetric type).
  std::vector<uint32_t> order, group_begin;
  std::vector<bool> swapped;  // by relation
  EncodedRecords records;     // mentions, evidence, then the article
};

PreparedArticle::PreparedArticle() = default;
PreparedArticle::~PreparedArticle() = default;
PreparedArticle::PreparedArticle(PreparedArticle&&) noexcept = default;
PreparedArticle& PreparedArticle::operator=(PreparedArticle&&) noexcept = default;

namespace {

// Prepare's working memory, kept by each thread from article to article so
// that its strings and tables keep their capacity.
struct PrepareScratch {
  ArticleKeys mention_of, group_by_key;
  std::vector<Mention> mentions;  // the first mention_count are this article's
  size_t mention_count = 0;
  std::vector<char> listed;       // by mention
  std::vector<std::string> group_keys;
  std::vector<uint32_t> group_of, groups, rank;
  ArticleRecord record;
};

}  // namespace

PreparedArticle BulkGraphWriter::Prepare(const Extraction& x) {
  PreparedArticle prepared;
  prepared.rep_ = std::make_unique<PreparedArticle::Rep>();
  PreparedArticle::Rep& p = *prepared.rep_;
  if (!Validate(x).ok()) return prepared;
  p.usable = true;
  p.hash = ContentHash(x.article);
  thread_local PrepareScratch scratch;
  PrepareScratch& t = scratch;
  const size_t n = x.relations.size();

  // Mentions by entity key, in Add's order: listed entities in its two
  // passes (what each listing adds to its mention depends on the order),
  // then the ends and speakers of relations.
  t.mention_of.Clear(x.entities.size() + 2 * n);
  t.mention_count = 0;
  // The number of the mention of `key`.
  auto mention = [&](const std::string& key) -> uint32_t {
    bool added;
    const uint32_t m = t.mention_of.Insert(key, static_cast<uint32_t>(t.mention_count), &added);
    if (added) {
      if (t.mentions.size() <= t.mention_count) t.mentions.emplace_back();
      if (t.listed.size() <= t.mention_count) t.listed.resize(t.mention_count + 1);
      Mention& mention = t.mentions[t.mention_count++];
      mention.entity_key = key;
      mention.article_id = x.article.id;
      mention.names.clear();
      mention.roles.clear();
      mention.country.clear();
      t.listed[m] = false;
    }
    return m;
  };
  for (bool one_word : {false, true}) {
    for (const Entity& e : x.entities) {
      if (IsOneWordPerson(e) == one_word) AddToMention(t.mentions[mention(e.key)], e);
    }
  }
  ArticleRecord& record = t.record;
  record.entity_keys.clear();
  auto list = [&](const std::string& key) {
    const uint32_t m = mention(key);
    if (!t.listed[m]) {
      t.listed[m] = true;
      record.entity_keys.push_back(key);
    }
  };
  for (const Entity& e : x.entities) list(e.key);

  // Relations grouped by edge key; each key's string is kept in group_keys
  // (capacity reserved: group_by_key views them).
  p.swapped.resize(n);
  t.group_of.resize(n);
  t.group_by_key.Clear(n);
  if (t.group_keys.size() < n) t.group_keys.resize(n);
  size_t group_count = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const Relation& r = x.relations[i];
    list(r.source);
    list(r.target);
    if (!r.evidence.attributed_to.empty()) list(r.evidence.attributed_to);
    p.swapped[i] = IsSymmetricRelation(r.type) && r.target < r.source;
    std::string& key = t.group_keys[group_count];  // EdgeKey
    key.assign(p.swapped[i] ? r.target : r.source).append(1, '\x1f').append(r.type).append(1, '\x1f');
    key.append(p.swapped[i] ? r.source : r.target);
    bool added;
    t.group_of[i] = t.group_by_key.Insert(key, static_cast<uint32_t>(group_count), &added);
    if (added) ++group_count;
  }
  t.groups.resize(group_count);
  for (uint32_t g = 0; g < group_count; ++g) t.groups[g] = g;
  std::sort(t.groups.begin(), t.groups.end(),
            [&](uint32_t a, uint32_t b) { return t.group_keys[a] < t.group_keys[b]; });
  t.rank.resize(group_count);
  for (uint32_t g = 0; g < group_count; ++g) t.rank[t.groups[g]] = g;
  // Relations by their group's rank, in input order within a group.
  p.order.resize(n);
  for (uint32_t i = 0; i < n; ++i) p.order[i] = i;
  std::stable_sort(p.order.begin(), p.order.end(),
                   [&](uint32_t a, uint32_t b) { return t.rank[t.group_of[a]] < t.rank[t.group_of[b]]; });

  size_t bytes = 256 * (t.mention_count + 1);
  for (const Relation& r : x.relations) bytes += 320 + r.evidence.sentence.size();
  p.records.Reserve(bytes, n + t.mention_count + 1);
  for (uint32_t k = 0, sequence = 0; k < n; ++k, ++sequence) {
    const uint32_t i = p.order[k];
    if (k == 0 || t.group_of[i] != t.group_of[p.order[k - 1]]) {
      p.group_begin.push_back(k);
      sequence = 0;
    }
    p.records.PutEvidence(t.group_keys[t.group_of[i]], sequence, x.article.id, x.relations[i].evidence);
  }
  p.group_begin.push_back(static_cast<uint32_t>(n));
  for (size_t m = 0; m < t.mention_count; ++m) p.records.PutMention(t.mentions[m]);

  CopyArticleFields(x.article, &record);
  record.content_hash = p.hash;
  record.edge_keys.resize(group_count);
  for (size_t g = 0; g < group_count; ++g) record.edge_keys[g] = t.group_keys[t.groups[g]];
  p.records.PutArticle(record);
  return prepared;
}

struct BulkGraphWriter::Rep {
  Rep(Store& s, size_t budget) : store(s), budget(budget) {}

  Store& store;
  const size_t budget;
  std::vector<Node> nodes;
  FlatIndex<std::string_view, std::hash<std::string_view>> node_of;  // entity key -> node
  KeyMap<std::vector<uint32_t>> by_alias;   // NormalizeAlias(name or alias) -> nodes
  KeyMap<std::vector<uint32_t>> by_word;    // first or last word of a person's name -> nodes
  std::vector<Edge> edges;
  FlatIndex<EdgeId, EdgeIdHash> edge_of;
  std::vector<std::string> types;
  KeyMap<uint32_t> type_of;
  Strings strings;                          // edge roles and dates
  Aggregates aggregates;                    // scratch
  KeyMap<std::string> article_hash;         // id -> content hash, of every article merged
  uint64_t evidence_rows = 0;
  std::vector<uint32_t> dirty_nodes, dirty_edges;
  // Records being collected, and those being written (on `writer`): two
  // sets that swap, so that each keeps the memory it filled.
  BulkWriteSet rows, writing;
  std::unique_ptr<GraphWriter> fallback;    // once an article was replaced
  bool finished = false;
  bool merged_all = false;  // Finish was called: the graph is final

  // The article being merged.
  uint64_t article_number = 0;
  const Article* article = nullptr;
  ArticleKeys canonical;    // listed key -> node
  ArticleKeys listed_keys;  // CheckEndpoints' scratch
  // Reused from article to article (the first `*_count` are this
  // article's), so that their strings keep their capacity.
  std::vector<Mention> mentions;
  size_t mention_count = 0;
  std::vector<uint32_t> listed;  // entity_keys, as nodes
  std::vector<KeptApart> kept_apart;
  std::vector<Group> groups;
  size_t group_count = 0;
  std::vector<uint32_t> group_order;
  std::unordered_map<EdgeId, uint32_t, EdgeIdHash> group_of;
  ArticleRecord record;
  Evidence evidence;
  MergeStats stats;

  // The previous write, under way on a thread of its own while merging
  // goes on; each write waits for the one before.
  std::thread writer;
  Status write_status = Status::Ok();

  ~Rep() {
    if (writer.joinable()) writer.join();
  }

  // ---- Entities ----------------------------------------------------------

  uint32_t Find(std::string_view key) const {
    return node_of.Find(key, [&](uint32_t n) -> std::string_view { return nodes[n].entity.key; });
  }

  void MarkDirty(uint32_t n) {
    if (!nodes[n].dirty) {
      nodes[n].dirty = true;
      dirty_nodes.push_back(n);
    }
  }

  Mention& MentionOf(uint32_t n) {
    Node& node = nodes[n];
    if (node.mention_article != article_number) {
      node.mention_article = article_number;
      node.mention = static_cast<uint32_t>(mention_count++);
      if (mentions.size() < mention_count) mentions.emplace_back();
      Mention& m = mentions[node.mention];
      m.entity_key = node.entity.key;
      m.article_id = article->id;
      m.names.clear();
      m.roles.clear();
      m.country.clear();
    }
    return mentions[node.mention];
  }

  void List(uint32_t n) {
    if (nodes[n].listed_article != article_number) {
      nodes[n].listed_article = article_number;
      listed.push_back(n);
    }
  }

  // merge_rules::AddAlias with the node's normalised names at hand.
  void AddAlias(uint32_t n, const std::string& alias) {
    Node& node = nodes[n];
    if (alias == node.entity.name) return;  // answers to it already
    for (const std::string& a : node.entity.aliases) {
      if (a == alias) return;
    }
    std::string normalized = NormalizeAlias(alias);
    if (normalized.empty()) return;
    for (const std::string& known : node.normalized) {
      if (known == normalized) return;
    }
    node.entity.aliases.push_back(alias);
    by_alias[normalized].push_back(n);
    node.normalized.push_back(std::move(normalized));
  }

  // ArticleUpdate::MergeInto. The node is written again only if it changed.
  void MergeInto(uint32_t n, const Entity& incoming) {
    Mention& mention = MentionOf(n);
    AddToMention(mention, incoming);
    Entity& entity = nodes[n].entity;
    const size_t aliases = entity.aliases.size(), roles = entity.roles.size();
    const bool had_country = !entity.country.empty();
    // merge_rules::AddContribution
    for (const std::string& name : mention.names) AddAlias(n, name);
    for (const std::string& role : mention.roles) AddUnique(entity.roles, role);
    if (entity.country.empty()) entity.country = mention.country;
    if (entity.aliases.size() != aliases || entity.roles.size() != roles || had_country != !entity.country.empty()) {
      MarkDirty(n);
    }
  }

  uint32_t NewNode(const Entity& e) {
    const uint32_t n = static_cast<uint32_t>(nodes.size());
    Node& node = nodes.emplace_back();
    node.entity.key = e.key;
    node.entity.name = e.name;
    node.entity.type = e.type;
    node.entity.country = e.country;
    node.normalized.push_back(NormalizeAlias(e.name));
    if (!node.normalized.front().empty()) by_alias[node.normalized.front()].push_back(n);
    for (std::string& word : NameWords(node.entity)) {
      if (!word.empty()) by_word[std::move(word)].push_back(n);
    }
    node_of.Insert(e.key, n);
    MarkDirty(n);
    return n;
  }

  // ArticleUpdate::Candidates: nodes of the same type answering to the
  // name, and for a one-word person name those whose last (else first)
  // name it is; sorted by key.
  std::vector<uint32_t> Candidates(const Entity& e) {
    std::vector<uint32_t> found;
    const std::string normalized = NormalizeAlias(e.name);
    if (normalized.empty()) return found;
    if (auto it = by_alias.find(normalized); it != by_alias.end()) {
      for (uint32_t n : it->second) {
        if (nodes[n].entity.type == e.type) found.push_back(n);
      }
    }
    if (IsOneWordPerson(e)) {
      if (auto it = by_word.find(normalized); it != by_word.end()) {
        for (NamePart part : {NamePart::kLast, NamePart::kFirst}) {
          for (uint32_t n : it->second) {
            if (nodes[n].entity.type == e.type && HasNamePart(nodes[n].entity, e.name, part)) found.push_back(n);
          }
          if (!found.empty()) break;
        }
      }
    }
    std::sort(found.begin(), found.end(),
              [&](uint32_t a, uint32_t b) { return nodes[a].entity.key < nodes[b].entity.key; });
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
  }

  // ArticleUpdate::Resolve.
  uint32_t Resolve(const Entity& e) {
    if (const uint32_t n = Find(e.key); n != kNone) {
      ++stats.entities_merged;
      MergeInto(n, e);
      return n;
    }
    std::vector<uint32_t> candidates = Candidates(e);
    if (candidates.size() == 1) {
      ++stats.entities_merged;
      MergeInto(candidates.front(), e);
      return candidates.front();
    }
    if (candidates.size() > 1) {
      KeptApart kept{e.key, e.name, {}};
      for (uint32_t n : candidates) kept.candidates.push_back(nodes[n].entity.key);
      kept_apart.push_back(std::move(kept));
      ++stats.kept_apart;
    }
    const uint32_t n = NewNode(e);
    ++stats.entities_added;
    MergeInto(n, e);
    return n;
  }

  // A relation's end or speaker: what the article's entity became, else a
  // node of the graph (CheckEndpoints made sure there is one).
  uint32_t Endpoint(const std::string& key) {
    uint32_t n = canonical.Find(key);
    if (n == kNone) n = Find(key);
    MentionOf(n);
    List(n);
    return n;
  }

  // ArticleUpdate::CheckEndpoint's error, found before anything changes.
  Status CheckEndpoints(const Extraction& x) {
    listed_keys.Clear(x.entities.size());
    for (const Entity& e : x.entities) listed_keys.Insert(e.key, 0);
    auto known = [&](const std::string& key) { return listed_keys.Find(key) != kNone || Find(key) != kNone; };
    for (const Relation& r : x.relations) {
      for (const std::string* key : {&r.source, &r.target, &r.evidence.attributed_to}) {
        if (key->empty() && key == &r.evidence.attributed_to) continue;
        if (!known(*key)) return merge_rules::UnknownEndpoint(x.article, r, *key);
      }
    }
    return Status::Ok();
  }

  // ---- Relations ---------------------------------------------------------

  uint32_t TypeNumber(const std::string& type) {
    auto it = type_of.find(type);
    if (it != type_of.end()) return it->second;
    types.push_back(type);
    return type_of.emplace(type, static_cast<uint32_t>(types.size() - 1)).first->second;
  }

  EdgeRecord Record(const Edge& e) const {
    EdgeRecord r;
    r.source = nodes[e.source].entity.key;
    r.type = types[e.type];
    r.target = nodes[e.target].entity.key;
    r.role = strings[e.role];
    r.evidence_count = e.evidence_count;
    r.first_seen = strings[e.first_seen];
    r.last_seen = strings[e.last_seen];
    r.confidence = e.confidence;
    return r;
  }

  // Folds the prepared article's edges into the graph and copies its
  // records, once its entities resolved to their own keys.
  // An edge's aggregates into the scratch record, for one article's
  // evidence to be folded in (AddToRecord), and back.
  void OpenAggregates(const Edge& edge) {
    if (edge.evidence_count == 0) {
      ++stats.relations_added;
    } else {
      ++stats.relations_merged;
    }
    aggregates.evidence_count = edge.evidence_count;
    aggregates.confidence = edge.confidence;
    aggregates.first_seen = strings[edge.first_seen];
    aggregates.last_seen = strings[edge.last_seen];
  }
  void CloseAggregates(Edge& edge, uint32_t e) {
    edge.evidence_count = aggregates.evidence_count;
    edge.confidence = aggregates.confidence;
    if (aggregates.first_seen != strings[edge.first_seen]) edge.first_seen = strings.Intern(aggregates.first_seen);
    if (aggregates.last_seen != strings[edge.last_seen]) edge.last_seen = strings.Intern(aggregates.last_seen);
    if (!edge.dirty) {
      edge.dirty = true;
      dirty_edges.push_back(e);
    }
  }

  void AddPrepared(const Extraction& x, const PreparedArticle::Rep& p) {
    auto node_of_key = [&](const std::string& key) {
      const uint32_t n = canonical.Find(key);
      return n != kNone ? n : Find(key);
    };
    auto edge_id = [&](uint32_t e) { return EdgeId{edges[e].source, edges[e].type, edges[e].target}; };
    for (size_t g = 0; g + 1 < p.group_begin.size(); ++g) {
      const uint32_t begin = p.group_begin[g], end = p.group_begin[g + 1];
      const uint32_t first = p.order[begin];
      const Relation& r = x.relations[first];
      const std::string& source = p.swapped[first] ? r.target : r.source;
      const std::string& target = p.swapped[first] ? r.source : r.target;
      const EdgeId id{node_of_key(source), TypeNumber(r.type), node_of_key(target)};
      uint32_t e = edge_of.Find(id, edge_id);
      if (e == kNone) {
        e = static_cast<uint32_t>(edges.size());
        edges.push_back(Edge{.source = id.source, .target = id.target, .type = id.type});
        edge_of.Insert(id, e);
      }
      Edge& edge = edges[e];
      OpenAggregates(edge);
      const std::string* role = nullptr;
      for (uint32_t k = begin; k < end; ++k) {
        const Relation& each = x.relations[p.order[k]];
        if (!each.role.empty()) role = &each.role;
        // Only the evidence's time and confidence count, which the stored
        // copy (article id and speaker set) shares.
        AddToRecord(aggregates, each.evidence, article->date);
        ++evidence_rows;
      }
      if (role != nullptr) edge.role = strings.Intern(*role);
      CloseAggregates(edge, e);
    }
    rows.Put(p.records);
  }

  // ArticleUpdate::Add for an article never stored: entities, then
  // relations grouped by edge, then the article record. With `prepared`,
  // the records are those it holds if the entities resolved to their own
  // keys.
  void Add(const Extraction& x, std::string hash, const PreparedArticle::Rep* prepared) {
    ++article_number;
    article = &x.article;
    canonical.Clear(x.entities.size());
    mention_count = 0;
    listed.clear();
    kept_apart.clear();
    group_count = 0;
    group_of.clear();
    stats = MergeStats();

    // The graph is far larger than the cache: fetch every listed entity's
    // slot, then its node, all at once, before reading any.
    for (const Entity& e : x.entities) node_of.Prefetch(e.key);
    for (const Entity& e : x.entities) {
      if (const uint32_t n = Find(e.key); n != kNone) {
        const char* p = reinterpret_cast<const char*>(&nodes[n]);
        for (size_t at = 0; at < sizeof(Node); at += 64) __builtin_prefetch(p + at);
      }
    }

    // Multi-word names first, so that a bare "Blair" can find the "Tony
    // Blair" this article names.
    bool own_keys = true;  // every listed entity resolved to its key's node
    for (bool one_word : {false, true}) {
      for (const Entity& e : x.entities) {
        if (IsOneWordPerson(e) != one_word) continue;
        if (const uint32_t n = canonical.Find(e.key); n != kNone) {
          MergeInto(n, e);  // listed twice: the first resolution holds
          continue;
        }
        const uint32_t n = Resolve(e);
        canonical.Insert(e.key, n);
        own_keys = own_keys && nodes[n].entity.key == e.key;
      }
    }
    if (prepared != nullptr && own_keys && kept_apart.empty()) return AddPrepared(x, *prepared);
    for (const Entity& e : x.entities) List(canonical.Find(e.key));

    for (const Relation& r : x.relations) {
      uint32_t source = Endpoint(r.source), target = Endpoint(r.target);
      const uint32_t speaker = r.evidence.attributed_to.empty() ? 0 : Endpoint(r.evidence.attributed_to);
      if (IsSymmetricRelation(r.type) && nodes[target].entity.key < nodes[source].entity.key) std::swap(source, target);
      const EdgeId id{source, TypeNumber(r.type), target};
      auto [it, added] = group_of.try_emplace(id, static_cast<uint32_t>(group_count));
      if (added) {
        if (groups.size() <= group_count) groups.emplace_back();
        Group& group = groups[group_count++];
        group.id = id;
        // EdgeKey
        group.key.assign(nodes[source].entity.key).append(1, '\x1f').append(r.type).append(1, '\x1f');
        group.key.append(nodes[target].entity.key);
        group.role.clear();
        group.relations.clear();
        group.speakers.clear();
      }
      Group& group = groups[it->second];
      if (!r.role.empty()) group.role = r.role;
      group.relations.push_back(&r);
      group.speakers.push_back(speaker);
    }
    // In EdgeKey order, as ArticleUpdate's std::map has them.
    group_order.resize(group_count);
    for (uint32_t g = 0; g < group_count; ++g) group_order[g] = g;
    std::sort(group_order.begin(), group_order.end(),
              [&](uint32_t a, uint32_t b) { return groups[a].key < groups[b].key; });

    auto edge_id = [&](uint32_t e) { return EdgeId{edges[e].source, edges[e].type, edges[e].target}; };
    for (size_t g = 0; g < group_count; ++g) edge_of.Prefetch(groups[g].id);
    record.edge_keys.resize(group_count);
    for (size_t g = 0; g < group_count; ++g) {
      const Group& group = groups[group_order[g]];
      uint32_t e = edge_of.Find(group.id, edge_id);
      if (e == kNone) {
        e = static_cast<uint32_t>(edges.size());
        edges.push_back(Edge{.source = group.id.source, .target = group.id.target, .type = group.id.type});
        edge_of.Insert(group.id, e);
      }
      Edge& edge = edges[e];
      OpenAggregates(edge);
      if (!group.role.empty()) edge.role = strings.Intern(group.role);
      for (size_t i = 0; i < group.relations.size(); ++i) {
        evidence = group.relations[i]->evidence;  // into the scratch copy's capacity
        evidence.article_id = article->id;
        if (!evidence.attributed_to.empty()) evidence.attributed_to = nodes[group.speakers[i]].entity.key;
        AddToRecord(aggregates, evidence, article->date);
        rows.PutEvidence(group.key, static_cast<uint32_t>(i), evidence);
        ++evidence_rows;
      }
      CloseAggregates(edge, e);
      record.edge_keys[g] = group.key;
    }
    for (size_t m = 0; m < mention_count; ++m) rows.PutMention(mentions[m]);

    CopyArticleFields(x.article, &record);
    record.content_hash = std::move(hash);
    record.entity_keys.resize(listed.size());
    for (size_t i = 0; i < listed.size(); ++i) record.entity_keys[i] = nodes[listed[i]].entity.key;
    record.kept_apart.swap(kept_apart);
    rows.PutArticle(record);
  }

  // Everything held, as one atomic write: on a thread of its own unless
  // `wait`, else done when this returns.
  Status WriteHeld(bool wait) {
    for (uint32_t n : dirty_nodes) {
      rows.PutEntity(nodes[n].entity);
      nodes[n].dirty = false;
    }
    for (uint32_t e : dirty_edges) {
      rows.PutEdge(Record(edges[e]));
      edges[e].dirty = false;
    }
    dirty_nodes.clear();
    dirty_edges.clear();
    KG_RETURN_IF_ERROR(WaitForWrite());
    if (wait) return store.IngestBulk(rows);
    std::swap(rows, writing);
    writer = std::thread([this] { write_status = store.IngestBulk(writing); });
    return Status::Ok();
  }

  Status WaitForWrite() {
    if (writer.joinable()) writer.join();
    return write_status;
  }

  // From now on articles go to a GraphWriter, reading what was written.
  Status HandOver() {
    KG_RETURN_IF_ERROR(WriteHeld(/*wait=*/true));
    fallback = std::make_unique<GraphWriter>(store);
    nodes = {};
    node_of.Clear();
    by_alias = {};
    by_word = {};
    edges = {};
    edge_of.Clear();
    article_hash = {};
    return Status::Ok();
  }
};

BulkGraphWriter::BulkGraphWriter(Store& store, size_t buffer_bytes)
    : rep_(std::make_unique<Rep>(store, buffer_bytes)) {}
BulkGraphWriter::~BulkGraphWriter() = default;

Result<MergeStats> BulkGraphWriter::MergeArticle(const Extraction& x) { return MergeArticle(x, PreparedArticle()); }

Result<MergeStats> BulkGraphWriter::MergeArticle(const Extraction& x, const PreparedArticle& prepared) {
  Rep& r = *rep_;
  if (r.fallback) return r.fallback->MergeArticle(x);
  const PreparedArticle::Rep* p = prepared.rep_ && prepared.rep_->usable ? prepared.rep_.get() : nullptr;
  if (p == nullptr) KG_RETURN_IF_ERROR(Validate(x));
  std::string hash = p != nullptr ? p->hash : ContentHash(x.article);
  if (auto it = r.article_hash.find(x.article.id); it != r.article_hash.end()) {
    if (it->second == hash) {
      MergeStats stats;
      stats.unchanged = true;
      return stats;
    }
    KG_RETURN_IF_ERROR(r.HandOver());
    return r.fallback->MergeArticle(x);
  }
  KG_RETURN_IF_ERROR(r.CheckEndpoints(x));
  r.article_hash.emplace(x.article.id, hash);
  r.Add(x, std::move(hash), p);
  if (r.rows.bytes() > r.budget) KG_RETURN_IF_ERROR(r.WriteHeld(/*wait=*/false));
  return r.stats;
}

Status BulkGraphWriter::Finish(const std::function<void()>& meanwhile) {
  Rep& r = *rep_;
  r.merged_all = true;
  Status status = r.fallback ? Status::Ok() : r.WriteHeld(/*wait=*/false);
  if (meanwhile) meanwhile();
  if (status.ok()) status = r.WaitForWrite();
  KG_RETURN_IF_ERROR(status);
  KG_RETURN_IF_ERROR(r.store.Flush());
  r.finished = true;
  return Status::Ok();
}

std::optional<StoreCounts> BulkGraphWriter::Counts() const {
  const Rep& r = *rep_;
  if (r.fallback || !r.finished) return std::nullopt;
  StoreCounts counts;
  counts.articles = r.article_hash.size();
  counts.entities = r.nodes.size();
  counts.edges = r.edges.size();
  counts.evidence = r.evidence_rows;
  return counts;
}

bool BulkGraphWriter::ForEachRelation(
    std::vector<std::string>* keys,
    const std::function<void(uint32_t, uint32_t, const std::string&, const EdgeRecord&)>& relation) const {
  const Rep& r = *rep_;
  if (r.fallback || !r.merged_all) return false;
  const size_t n = r.nodes.size();
  // Vertices in key order; edges in EdgeKey order, which is the order of
  // (source as a key part, type as a key part, target).
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  auto key = [&](uint32_t i) -> const std::string& { return r.nodes[i].entity.key; };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  std::vector<uint32_t> vertex(n);
  keys->clear();
  keys->reserve(n);
  for (uint32_t v = 0; v < n; ++v) {
    vertex[order[v]] = v;
    keys->push_back(key(order[v]));
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return LessAsKeyPart(key(a), key(b)); });
  std::vector<uint32_t> source_rank(n);
  for (uint32_t v = 0; v < n; ++v) source_rank[order[v]] = v;
  std::vector<uint32_t> type_order(r.types.size());
  for (uint32_t i = 0; i < type_order.size(); ++i) type_order[i] = i;
  std::sort(type_order.begin(), type_order.end(),
            [&](uint32_t a, uint32_t b) { return LessAsKeyPart(r.types[a], r.types[b]); });
  std::vector<uint32_t> type_rank(r.types.size());
  for (uint32_t i = 0; i < type_order.size(); ++i) type_rank[type_order[i]] = i;

  struct Sorted {
    uint32_t source, type, target, edge;
  };
  std::vector<Sorted> sorted;
  sorted.reserve(r.edges.size());
  for (uint32_t i = 0; i < r.edges.size(); ++i) {
    const Edge& e = r.edges[i];
    sorted.push_back({source_rank[e.source], type_rank[e.type], vertex[e.target], i});
  }
  std::sort(sorted.begin(), sorted.end(), [](const Sorted& a, const Sorted& b) {
    if (a.source != b.source) return a.source < b.source;
    if (a.type != b.type) return a.type < b.type;
    return a.target < b.target;
  });
  EdgeRecord aggregates;  // the key parts are given as numbers and left empty
  for (const Sorted& s : sorted) {
    const Edge& e = r.edges[s.edge];
    aggregates.role = r.strings[e.role];
    aggregates.evidence_count = e.evidence_count;
    aggregates.first_seen = r.strings[e.first_seen];
    aggregates.last_seen = r.strings[e.last_seen];
    aggregates.confidence = e.confidence;
    relation(vertex[e.source], vertex[e.target], r.types[e.type], aggregates);
  }
  return true;
}

}  // namespace kg
