// The extractors. Each appends the candidates of its types that start at
// character `i`; extract() runs them all and resolves overlaps.
#pragma once

#include "entity/scan.hpp"

namespace kefu::detail::entity {

void extract_money(const scan_input& in, std::size_t i, candidates& out);
void extract_discount(const scan_input& in, std::size_t i, candidates& out);
void extract_quantity(const scan_input& in, std::size_t i, candidates& out);
void extract_duration(const scan_input& in, std::size_t i, candidates& out);
void extract_time(const scan_input& in, std::size_t i, candidates& out);
void extract_identifiers(const scan_input& in, std::size_t i, candidates& out);
void extract_size(const scan_input& in, std::size_t i, candidates& out);
void extract_words(const scan_input& in, std::size_t i, candidates& out);  // colours, couriers, attributes

}  // namespace kefu::detail::entity
