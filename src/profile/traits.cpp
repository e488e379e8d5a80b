#include "profile/traits.hpp"

namespace kefu::detail::profile {
namespace {

constexpr std::array<std::string_view, trait_count> names = {
    "decisive",  "aloof",     "self_centred", "friendly", "difficult", "analytical", "impulsive", "undecided",
    "price_driven", "rational", "emotional", "habitual", "solve",     "vent",       "compensation"};

}  // namespace

trait_family family_of(trait t) noexcept {
    const auto i = static_cast<std::uint8_t>(t);
    return i < 6 ? trait_family::personality : i < 12 ? trait_family::behaviour : trait_family::complaint_motive;
}

std::string_view trait_name(trait t) noexcept { return names[static_cast<std::size_t>(t)]; }

std::optional<trait> trait_from(std::string_view name) noexcept {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<trait>(i);
    return std::nullopt;
}

trait_range traits_of(trait_family family) noexcept {
    switch (family) {
        case trait_family::personality: return {0, 5};
        case trait_family::behaviour: return {6, 11};
        case trait_family::complaint_motive: return {12, 14};
    }
    return {0, 0};
}

std::string_view family_name(trait_family family) noexcept {
    switch (family) {
        case trait_family::personality: return "personality";
        case trait_family::behaviour: return "behaviour";
        case trait_family::complaint_motive: return "complaint_motive";
    }
    return "";
}

}  // namespace kefu::detail::profile
