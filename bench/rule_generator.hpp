// Generated rule files for scaling benchmarks: N rules over common Han
// characters, a share of them taken from real chat phrasing so that some fire.
#pragma once

#include <cstddef>
#include <string>

namespace kefu::bench {

// A rule file with `count` rules spread over 8 intents, deterministic for a
// seed: a fixed 50 rules taken from real chat phrasing (they fire, as a
// shop's relevant rules would) and the rest random literals, two-part rules
// with gaps, and anchored rules (they rarely fire, as most of a large rule
// base does not on any one message).
std::string generated_rules(std::size_t count, unsigned seed = 42);

}  // namespace kefu::bench
