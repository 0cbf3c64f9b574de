// FilterGraph: the part of a snapshot a question is about (relation types,
// modalities, a time window, a minimum of evidence).
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace kg {
namespace {

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD".
bool IsIsoDatePrefix(std::string_view t) {
  if (t.size() != 4 && t.size() != 7 && t.size() != 10) return false;
  if (!AllDigits(t.substr(0, 4))) return false;
  if (t.size() >= 7 && (t[4] != '-' || !AllDigits(t.substr(5, 2))))
    return false;
  if (t.size() == 10 && (t[7] != '-' || !AllDigits(t.substr(8, 2))))
    return false;
  return true;
}

// A partial date stands for an interval of days. As strings, "-01-01" and
// "-12-31" (and "-01", "-31" for a month) bound it: ISO dates sort as text,
// and day 31 is past the end of every month.
std::string Earliest(std::string_view t) {
  std::string out(t);
  if (out.size() == 4) out += "-01";
  if (out.size() == 7) out += "-01";
  return out;
}
std::string Latest(std::string_view t) {
  std::string out(t);
  if (out.size() == 4) out += "-12";
  if (out.size() == 7) out += "-31";
  return out;
}

class EvidenceTest {
 public:
  explicit EvidenceTest(const EdgeFilter& filter)
      : filter_(filter),
        since_(filter.since.empty() ? "" : Earliest(filter.since)),
        until_(filter.until.empty() ? "" : Latest(filter.until)) {}

  bool Active() const {
    return !filter_.exclude_modalities.empty() || !since_.empty() ||
           !until_.empty();
  }

  bool Counts(const Evidence& evidence) const {
    if (std::find(filter_.exclude_modalities.begin(),
                  filter_.exclude_modalities.end(),
                  evidence.modality) != filter_.exclude_modalities.end()) {
      return false;
    }
    if (since_.empty() && until_.empty()) return true;
    std::string_view time = TimeOf(evidence);
    if (!IsIsoDatePrefix(time))
      return false;  // unknown: cannot be shown inside
    if (!since_.empty() && Latest(time) < since_) return false;
    if (!until_.empty() && Earliest(time) > until_) return false;
    return true;
  }

 private:
  std::string_view TimeOf(const Evidence& evidence) const {
    if (!evidence.time.empty()) return evidence.time;
    if (filter_.article_dates == nullptr) return {};
    auto found = filter_.article_dates->find(evidence.article_id);
    if (found == filter_.article_dates->end()) return {};
    return found->second;
  }

  const EdgeFilter& filter_;
  std::string since_, until_;
};

// The figures GraphWriter keeps for an edge, recomputed from the evidence
// that counts (storage/FORMAT.md: confidence = 1 - prod(1 - c_i)).
void Recount(GraphEdge& edge) {
  EdgeRecord& r = edge.record;
  r.evidence_count = static_cast<uint32_t>(edge.evidence.size());
  double doubt = 1.0;
  r.first_seen.clear();
  r.last_seen.clear();
  for (const Evidence& e : edge.evidence) {
    doubt *= 1.0 - std::clamp(e.confidence, 0.0, 1.0);
    if (e.time.empty()) continue;
    if (r.first_seen.empty() || e.time < r.first_seen) r.first_seen = e.time;
    if (r.last_seen.empty() || e.time > r.last_seen) r.last_seen = e.time;
  }
  r.confidence = 1.0 - doubt;
}

}  // namespace

bool EdgeFilter::KeepsEverything() const {
  return relations.empty() && exclude_modalities.empty() && since.empty() &&
         until.empty() && min_evidence == 0;
}

Status CheckTimeBound(std::string_view bound) {
  if (bound.empty() || IsIsoDatePrefix(bound)) return Status::Ok();
  return Status::InvalidArgument("date \"" + std::string(bound) +
                                 "\": expected YYYY, YYYY-MM or YYYY-MM-DD");
}

GraphSnapshot FilterGraph(const GraphSnapshot& graph,
                          const EdgeFilter& filter) {
  EvidenceTest test(filter);
  const uint32_t needed = std::max<uint32_t>(filter.min_evidence, 1);
  GraphSnapshot part;
  std::vector<bool> linked(graph.entities.size(), false);
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    const GraphEdge& edge = graph.edges[i];
    if (!filter.relations.empty() &&
        std::find(filter.relations.begin(), filter.relations.end(),
                  edge.record.type) == filter.relations.end()) {
      continue;
    }
    GraphEdge kept;
    if (test.Active()) {
      kept.record = edge.record;
      for (const Evidence& e : edge.evidence) {
        if (test.Counts(e)) kept.evidence.push_back(e);
      }
      if (kept.evidence.size() < needed) continue;
      Recount(kept);
    } else {
      if (edge.record.evidence_count < filter.min_evidence) continue;
      kept = edge;
    }
    part.edges.push_back(std::move(kept));
    if (i < graph.edge_source.size()) {
      linked[graph.edge_source[i]] = true;
      linked[graph.edge_target[i]] = true;
    }
  }
  for (size_t v = 0; v < graph.entities.size(); ++v) {
    if (!filter.drop_isolated || linked[v])
      part.entities.push_back(graph.entities[v]);
  }
  part.Reindex();
  return part;
}

}  // namespace kg
