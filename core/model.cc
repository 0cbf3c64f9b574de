#include "core/model.h"

#include <array>

namespace kg {
namespace {

constexpr std::array<std::string_view, 6> kEntityTypeNames = {
    "Person", "Country", "City", "Region", "Organization", "Facility"};
constexpr std::array<std::string_view, 7> kModalityNames = {
    "asserted", "reported", "claimed", "expected", "hypothetical", "requested", "denied"};

}  // namespace

std::string_view EntityTypeName(EntityType type) {
  return kEntityTypeNames[static_cast<size_t>(type)];
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  for (size_t i = 0; i < kEntityTypeNames.size(); ++i) {
    if (kEntityTypeNames[i] == name) return static_cast<EntityType>(i);
  }
  return std::nullopt;
}

std::string_view ModalityName(Modality modality) {
  return kModalityNames[static_cast<size_t>(modality)];
}

std::optional<Modality> ParseModality(std::string_view name) {
  for (size_t i = 0; i < kModalityNames.size(); ++i) {
    if (kModalityNames[i] == name) return static_cast<Modality>(i);
  }
  return std::nullopt;
}

bool IsSymmetricRelation(std::string_view type) {
  return type == "meets" || type == "cooperates";
}

}  // namespace kg
