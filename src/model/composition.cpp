#include "model/composition.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <string_view>

#include "core/utf8.hpp"

namespace kefu::detail::model {
namespace {

// What customers put between two wishes: punctuation of either width, a
// space, or nothing at all.
constexpr std::array<std::string_view, 8> separators = {"，", " ", "", "，", "。", "！", "~", ","};

bool is_lead(const composition_options& options, const std::string& label) {
    return std::find(options.lead_labels.begin(), options.lead_labels.end(), label) != options.lead_labels.end();
}

}  // namespace

std::vector<std::string> parse_lead_labels(std::string_view list) {
    std::vector<std::string> labels;
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        if (comma > start) labels.emplace_back(list.substr(start, comma - start));
        start = comma + 1;
    }
    return labels;
}

std::vector<labelled_text> compose_examples(const std::vector<labelled_text>& data,
                                            const std::vector<std::size_t>& indices,
                                            const composition_options& options,
                                            const std::string& out_of_scope_label, std::uint64_t seed) {
    std::vector<std::size_t> leads, wishes;
    for (std::size_t i : indices) {
        const labelled_text& d = data[i];
        if (is_lead(options, d.label)) {
            if (utf8::to_u32(d.text).size() <= max_lead_characters) leads.push_back(i);
        } else if (d.label != out_of_scope_label) {
            wishes.push_back(i);
        }
    }
    std::vector<labelled_text> out;
    if (!(options.ratio > 0.0f) || leads.empty() || wishes.empty()) return out;
    const auto count = static_cast<std::size_t>(options.ratio * static_cast<float>(indices.size()));
    // Plain modulo rather than std::uniform_int_distribution, whose output
    // differs between standard libraries: the same seed gives the same model
    // everywhere.
    std::mt19937_64 random(seed);
    out.reserve(count);
    for (std::size_t n = 0; n < count; ++n) {
        const labelled_text& lead = data[leads[random() % leads.size()]];
        const labelled_text& wish = data[wishes[random() % wishes.size()]];
        const std::string_view separator = separators[random() % separators.size()];
        const bool lead_first = random() % 5 != 0;
        const std::string& first = lead_first ? lead.text : wish.text;
        const std::string& second = lead_first ? wish.text : lead.text;
        out.push_back({wish.label, first + std::string(separator) + second});
    }
    return out;
}

}  // namespace kefu::detail::model
