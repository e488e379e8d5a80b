#include "flow/flow.hpp"

#include <algorithm>
#include <array>

namespace kefu::detail::flow {
namespace {

constexpr std::array<const char*, 7> type_names = {"money", "number", "duration", "clock", "time", "text", "flag"};

template <typename T>
int find_named(const std::vector<T>& items, const std::string& name) noexcept {
    const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; });
    return it == items.end() ? -1 : static_cast<int>(it - items.begin());
}

}  // namespace

const char* value_type_name(value_type t) noexcept { return type_names[static_cast<std::size_t>(t)]; }

bool value_type_from(const std::string& name, value_type& out) noexcept {
    for (std::size_t i = 0; i < type_names.size(); ++i)
        if (name == type_names[i]) {
            out = static_cast<value_type>(i);
            return true;
        }
    return false;
}

int flow_definition::find_state(const std::string& n) const noexcept { return find_named(states, n); }
int flow_definition::find_policy(const std::string& n) const noexcept { return find_named(policies, n); }
int flow_definition::find_slot(const std::string& n) const noexcept { return find_named(slots, n); }
int flow_definition::find_timer(const std::string& n) const noexcept { return find_named(timers, n); }

bool flow_definition::from_matches(const transition& t, std::uint32_t s) const noexcept {
    if (t.any_active) return is_active(s);
    return std::find(t.sources.begin(), t.sources.end(), s) != t.sources.end();
}

}  // namespace kefu::detail::flow
