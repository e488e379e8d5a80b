#include "intent/gap_io.hpp"

namespace kefu::detail::intent {

std::uint32_t format_for_gaps(const rule_set& rules) noexcept {
    for (const variant& v : rules.variants) {
        if (v.gap_after.classed()) return first_format_with_gap_classes;
        for (const part& p : v.parts)
            if (p.gap_before.classed()) return first_format_with_gap_classes;
    }
    return first_format_with_gap_classes - 1;
}

void write_gap(model::writer& w, gap_range gap, std::uint32_t format) {
    w.pod(gap.min);
    w.pod(gap.max);
    if (format >= first_format_with_gap_classes) w.pod(static_cast<std::uint8_t>(gap.cls));
}

void check_gap_class(gap_range gap, std::uint32_t format) {
    const auto cls = static_cast<std::uint8_t>(gap.cls);
    if (cls >= gap_class_count || (cls != 0 && format < first_format_with_gap_classes))
        model::reader::corrupt("a gap of an unknown character class");
}

gap_range read_gap(model::reader& r, std::uint32_t format) {
    gap_range gap;
    gap.min = r.pod<std::uint8_t>();
    gap.max = r.pod<std::uint8_t>();
    if (format >= first_format_with_gap_classes) gap.cls = static_cast<gap_class>(r.pod<std::uint8_t>());
    check_gap_class(gap, format);
    return gap;
}

}  // namespace kefu::detail::intent
