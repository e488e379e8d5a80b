#include "text/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>
#include <stdexcept>

#include "core/utf8.hpp"
#include "text/links.hpp"
#include "text/placeholders.hpp"
#include "text/tables.hpp"

namespace kefu::detail::text {
namespace {

constexpr std::size_t no_starter = static_cast<std::size_t>(-1);

// UAX #15 stream-safe text format: at most 30 non-starters in a row. Longer
// runs are composed in chunks, which keeps ICU's reordering (quadratic in the
// run length) bounded, so hostile input stays linear.
constexpr std::size_t max_marks_per_segment = 30;

// Platform codes such as "[微笑]" are short; longer bracket texts are not codes.
constexpr std::size_t max_emoticon_length = 8;

const icu::Normalizer2& nfkc_casefold() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold data is missing");
        return n;
    }();
    return *instance;
}

void push_unit(std::vector<unit>& units, char32_t cp, std::size_t begin, std::size_t end, char_class cls) {
    units.push_back({cp, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), 1, cls});
}

// Emits what a code point whose table entry is `e` maps to, when that is
// not itself. Kept out of line, so that this rare path does not make
// emit_mapped too big to inline.
[[gnu::noinline]] void emit_mapping(std::vector<unit>& units, std::uint32_t e, std::size_t begin, std::size_t end) {
    for (char32_t mapped : mapping_of_entry(e)) push_unit(units, mapped, begin, end, class_of(mapped));
}

// Emits the mapping of a code point whose table entry is `e`. Most
// characters map to themselves, and that path is kept small enough to
// inline into the decoding loop (the call for every character was 1 % of
// the instructions a chat message's classification takes).
inline void emit_mapped(std::vector<unit>& units, char32_t cp, std::uint32_t e, std::size_t begin, std::size_t end) {
    if (maps_to_itself(e)) push_unit(units, cp, begin, end, class_of_entry(e));
    else emit_mapping(units, e, begin, end);
}

bool is_emoji_modifier(char32_t c) {
    return c == 0xFE0F || c == 0xFE0E ||           // variation selectors
           (c >= 0x1F3FB && c <= 0x1F3FF) ||       // skin tones
           c == 0x20E3 ||                          // keycap
           (c >= 0xE0020 && c <= 0xE007F);         // tag sequences (flags of regions)
}

bool is_regional_indicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }

// Returns the end of the emoji sequence whose base ends at `pos`: modifiers,
// ZWJ-joined emoji and the second half of a flag all belong to one token.
std::size_t absorb_emoji_sequence(std::string_view input, std::size_t pos, char32_t base) {
    bool flag_open = is_regional_indicator(base);
    while (pos < input.size()) {
        const utf8::decoded d = utf8::decode(input, pos);
        if (!d.valid) break;
        if (is_emoji_modifier(d.code_point)) {
            pos += d.length;
        } else if (flag_open && is_regional_indicator(d.code_point)) {
            pos += d.length;
            flag_open = false;
        } else if (d.code_point == 0x200D && pos + d.length < input.size()) {
            const utf8::decoded next = utf8::decode(input, pos + d.length);
            if (!next.valid || class_of_entry(lookup(next.code_point)) != char_class::emoji) break;
            pos += d.length + next.length;
        } else {
            break;
        }
    }
    return pos;
}

// Normalises a combining sequence with ICU: from the last starter (whose
// units are taken back) through the following context-dependent characters.
std::size_t normalize_segment(std::string_view input, std::size_t pos, std::size_t starter_pos,
                              std::size_t starter_unit, std::vector<unit>& units) {
    const std::size_t begin = starter_pos != no_starter ? starter_pos : pos;
    if (starter_pos != no_starter) units.resize(starter_unit);
    std::size_t end = pos, marks = 0;
    while (end < input.size() && marks < max_marks_per_segment) {
        const utf8::decoded d = utf8::decode(input, end);
        if (!d.valid) break;
        const std::uint32_t e = lookup(d.code_point);
        if (!(e & entry::slow_flag) || class_of_entry(e) == char_class::emoji) break;
        end += d.length;
        ++marks;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString source =
        icu::UnicodeString::fromUTF8(icu::StringPiece(input.data() + begin, static_cast<int32_t>(end - begin)));
    const icu::UnicodeString composed = nfkc_casefold().normalize(source, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU normalisation failed");
    for (int32_t i = 0; i < composed.length();) {
        const auto cp = static_cast<char32_t>(composed.char32At(i));
        emit_mapped(units, cp, lookup(cp), begin, end);  // NFKC_CF is idempotent: only the script mapping applies
        i += U16_LENGTH(cp);
    }
    return end;
}

// What pass 1 saw that later passes need: most messages have neither, and
// skip them.
struct marks_seen {
    bool bracket = false;  // a bracketed code "[微笑]" may follow
    bool link = false;     // a '/' or '.' of a web link
};

// Pass 1: decode, map each character, build emoji tokens.
normalize_status decode_and_map(std::string_view input, const normalize_options& options, normalized& out,
                                marks_seen& seen) {
    std::vector<unit>& units = out.units;
    std::size_t starter_pos = no_starter, starter_unit = 0;
    for (std::size_t pos = 0; pos < input.size();) {
        const utf8::decoded d = utf8::decode(input, pos);
        if (!d.valid && options.invalid_utf8 == invalid_utf8_policy::reject) {
            out.error_offset = pos;
            return normalize_status::invalid_utf8;
        }
        const std::uint32_t e = lookup(d.code_point);
        if (class_of_entry(e) == char_class::emoji) {
            const std::size_t end = absorb_emoji_sequence(input, pos + d.length, d.code_point);
            push_unit(units, emoji_token(d.code_point), pos, end, char_class::emoji);
            starter_pos = no_starter;
            pos = end;
        } else if (e & entry::slow_flag) {
            pos = normalize_segment(input, pos, starter_pos, starter_unit, units);
            starter_pos = no_starter;
        } else {
            starter_pos = pos;
            starter_unit = units.size();
            emit_mapped(units, d.code_point, e, pos, pos + d.length);
            seen.bracket |= d.code_point == U'[' || d.code_point == U'［' || d.code_point == U'【';
            seen.link |= may_mark_link(d.code_point);
            pos += d.length;
        }
    }
    return normalize_status::ok;
}

bool is_open_bracket(char32_t c) { return c == U'[' || c == U'【'; }
bool is_close_bracket(char32_t c) { return c == U']' || c == U'】'; }

// The token of a bracketed code: a platform's emoticon ("[微笑]", "【图片】")
// or, in square brackets only, an anonymised log's placeholder ("[电话x]").
// Pasted order cards use "【价格】" as a label, which is no mask.
char32_t bracket_code_token(char32_t open, std::u32string_view inner) {
    if (inner.size() <= max_emoticon_length)
        if (const char32_t token = emoticon_token(inner)) return token;
    return open == U'[' ? placeholder_token(inner) : 0;
}

// Pass 2: replace bracketed codes with their tokens.
void replace_bracket_codes(std::vector<unit>& units) {
    std::size_t write = 0;
    for (std::size_t read = 0; read < units.size();) {
        if (is_open_bracket(units[read].cp)) {
            std::array<char32_t, max_placeholder_length> inner{};
            std::size_t length = 0, close = read + 1;
            while (close < units.size() && length < inner.size() && !is_close_bracket(units[close].cp))
                inner[length++] = units[close++].cp;
            if (length > 0 && close < units.size() && is_close_bracket(units[close].cp)) {
                if (const char32_t token = bracket_code_token(units[read].cp, {inner.data(), length})) {
                    units[write++] = {token, units[read].source_begin, units[close].source_end, 1, char_class::emoji};
                    read = close + 1;
                    continue;
                }
            }
        }
        units[write++] = units[read++];
    }
    units.resize(write);
}

// Punctuation, symbols and emoji squeeze to one; letters to two, because
// reduplication carries meaning in Chinese (谢谢, 看看) but a third copy does not.
std::size_t squeeze_limit(char_class cls) {
    switch (cls) {
        case char_class::punct: case char_class::symbol: case char_class::emoji: return 1;
        case char_class::han: case char_class::kana: case char_class::hangul: case char_class::letter: return 2;
        default: return 0;  // digits and Latin letters are never squeezed (order numbers, XXL)
    }
}

bool extends_run(const std::vector<unit>& units, std::size_t write, const unit& u) {
    const std::size_t limit = squeeze_limit(u.cls);
    if (limit == 0 || write < limit) return false;
    for (std::size_t i = 1; i <= limit; ++i)
        if (units[write - i].cp != u.cp) return false;
    return true;
}

// Pass 3: fold whitespace runs to one space (none at the ends) and squeeze
// repeated characters, keeping the run length in `repeat`. Returns the number
// of spaces kept between two Han characters.
std::size_t fold_space_and_repeats(std::vector<unit>& units) {
    std::size_t han_gaps = 0;
    std::size_t write = 0;
    bool space_pending = false;
    std::uint32_t space_begin = 0, space_end = 0;
    for (std::size_t read = 0; read < units.size(); ++read) {
        const unit u = units[read];
        if (u.cls == char_class::space) {
            if (!space_pending) space_begin = u.source_begin;
            space_pending = true;
            space_end = u.source_end;
            continue;
        }
        if (space_pending && write > 0) {
            han_gaps += units[write - 1].cls == char_class::han && u.cls == char_class::han;
            units[write++] = {U' ', space_begin, space_end, 1, char_class::space};
        }
        space_pending = false;
        if (extends_run(units, write, u)) {
            units[write - 1].repeat += u.repeat;
            units[write - 1].source_end = u.source_end;
        } else {
            units[write++] = u;
        }
    }
    units.resize(write);
    return han_gaps;
}

bool is_han_gap(const std::vector<unit>& units, std::size_t i) {
    return units[i].cls == char_class::space && i > 0 && i + 1 < units.size() &&
           units[i - 1].cls == char_class::han && units[i + 1].cls == char_class::han;
}

// Typed chat puts a space between Han characters to break clauses ("在吗
// 这个有货吗"): clauses of four or more characters. Word-segmented text, as
// some systems store chat ("我 要 退货"), has one every one or two
// characters. Segmented: on average at most 3.5 Han characters per piece, and
// with a single gap, two pieces of at most four characters in all ("你 好").
bool looks_segmented(std::size_t han, std::size_t gaps) {
    if (gaps == 0) return false;
    const bool dense = han * 2 <= 7 * (gaps + 1);
    return dense && (gaps >= 2 || han <= 4);
}

// Pass 4: word-segmented Chinese reads as if it had been typed, so that rules
// and n-grams see "退货" in "我 要 退 货". The dropped spaces keep no unit:
// their bytes map to no normalised character, like spaces at the ends.
void join_segmented_han(std::vector<unit>& units, std::size_t gaps) {
    std::size_t han = 0;
    for (const unit& u : units) han += u.cls == char_class::han;
    if (!looks_segmented(han, gaps)) return;
    // Reading the neighbours while compacting is safe: the writes so far went
    // below read - 1, or to read - 1 with its own value; read + 1 is untouched.
    std::size_t write = 0;
    for (std::size_t read = 0; read < units.size(); ++read)
        if (!is_han_gap(units, read)) units[write++] = units[read];
    units.resize(write);
}

std::uint32_t longest_run(const std::vector<unit>& units) {
    std::uint32_t best = 0, run = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
        run = (i > 0 && units[i].cp == units[i - 1].cp) ? run + units[i].repeat : units[i].repeat;
        if (run > best) best = run;
    }
    return best;
}

void render(normalized& out) {
    for (const unit& u : out.units) {
        out.text_starts.push_back(static_cast<std::uint32_t>(out.text.size()));
        if (is_token(u.cp)) out.text.append(token_text(u.cp));
        else utf8::append(out.text, u.cp);
    }
    out.text_starts.push_back(static_cast<std::uint32_t>(out.text.size()));
}

const std::array<std::string, emoji_token_names.size()>& token_texts() {
    static const auto texts = [] {
        std::array<std::string, emoji_token_names.size()> t;
        for (std::size_t i = 0; i < t.size(); ++i) t[i] = "[:" + std::string(emoji_token_names[i]) + ":]";
        return t;
    }();
    return texts;
}

}  // namespace

std::string_view token_text(char32_t token) noexcept {
    const std::size_t index = token - token_base;
    return index < token_texts().size() ? std::string_view(token_texts()[index]) : std::string_view("[:emoji:]");
}

void normalized::clear() noexcept {
    units.clear();
    link_items.clear();
    text.clear();
    text_starts.clear();
    max_run = 0;
    error_offset = 0;
}

std::u32string normalized::code_points() const {
    std::u32string out;
    out.reserve(units.size());
    for (const unit& u : units) out.push_back(u.cp);
    return out;
}

std::u32string canonical_pattern(std::u32string_view normalised_code_points) {
    std::vector<unit> units;
    units.reserve(normalised_code_points.size());
    for (char32_t cp : normalised_code_points) units.push_back({cp, 0, 1, 1, class_of(cp)});
    fold_space_and_repeats(units);
    std::u32string out;
    for (const unit& u : units)
        if (u.cls != char_class::space) out.push_back(u.cp);
    return out;
}

std::u32string pattern_code_points(std::string_view literal_text) {
    normalized n;
    normalize_options options;
    options.max_length = max_length_limit;
    normalize(literal_text, options, n);
    return canonical_pattern(n.code_points());
}

normalize_status normalize(std::string_view input, const normalize_options& options, normalized& out) {
    out.clear();
    const std::size_t limit = options.max_length == 0 ? normalize_options{}.max_length : options.max_length;
    if (input.size() > limit || input.size() > max_length_limit) return normalize_status::too_long;
    out.units.reserve(input.size());
    marks_seen seen;
    const normalize_status status = decode_and_map(input, options, out, seen);
    if (status != normalize_status::ok) {
        out.units.clear();
        return status;
    }
    if (seen.bracket) replace_bracket_codes(out.units);
    if (seen.link) replace_links(out.units, out.link_items);
    const std::size_t han_gaps = fold_space_and_repeats(out.units);
    if (han_gaps > 0) join_segmented_han(out.units, han_gaps);
    out.max_run = longest_run(out.units);
    if (options.render) render(out);
    return normalize_status::ok;
}

std::string normalize_to_string(std::string_view input) {
    normalized out;
    normalize_options options;
    options.max_length = max_length_limit;
    normalize(input, options, out);
    return out.text;
}

}  // namespace kefu::detail::text
