// Build-time generator of the normaliser's character tables.
//
// ICU knows NFKC with case folding and the Traditional-to-Simplified mapping,
// but running a transliterator per message is slow. This tool asks ICU once
// per code point at build time and writes the answers as a two-stage lookup
// table (C++ source), together with the emoji and emoticon token tables read
// from data/text/emoticons.tsv and the toneless pinyin syllable of each common
// Han character.
//
// Usage: kefu_tablegen EMOTICONS.tsv OUT.cpp
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "text/char_class.hpp"

namespace {

using kefu::detail::text::char_class;
namespace entry = kefu::detail::text::entry;

constexpr char32_t max_code_point = 0x10FFFF;
constexpr std::size_t block_size = 256;

struct icu_mappers {
    const icu::Normalizer2* nfkc_cf;
    std::unique_ptr<icu::Transliterator> to_simplified;
};

icu_mappers open_icu() {
    UErrorCode status = U_ZERO_ERROR;
    icu_mappers m{icu::Normalizer2::getNFKCCasefoldInstance(status), nullptr};
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold unavailable");
    m.to_simplified.reset(icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU Traditional-Simplified transliterator unavailable");
    return m;
}

std::u32string to_u32(const icu::UnicodeString& s) {
    std::u32string out;
    for (int32_t i = 0; i < s.length();) {
        const UChar32 c = s.char32At(i);
        out.push_back(static_cast<char32_t>(c));
        i += U16_LENGTH(c);
    }
    return out;
}

bool has_han(const icu::UnicodeString& s) {
    for (int32_t i = 0; i < s.length();) {
        const UChar32 c = s.char32At(i);
        UErrorCode status = U_ZERO_ERROR;
        if (uscript_getScript(c, &status) == USCRIPT_HAN) return true;
        i += U16_LENGTH(c);
    }
    return false;
}

// NFKC_Casefold followed by Traditional-to-Simplified, for one code point.
std::u32string map_code_point(icu_mappers& m, char32_t cp) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString s(static_cast<UChar32>(cp));
    icu::UnicodeString folded = m.nfkc_cf->normalize(s, status);
    if (U_FAILURE(status)) return std::u32string(1, cp);
    if (has_han(folded)) m.to_simplified->transliterate(folded);
    return to_u32(folded);
}

bool is_emoji(char32_t cp) {
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF) return true;  // regional indicators
    if (u_hasBinaryProperty(cp, UCHAR_EMOJI_PRESENTATION)) return true;
    // Text-default pictographs (‼ ❤ ☺ ✌) are typed as emoji in chat; © and ®
    // below U+2000 are not.
    return cp >= 0x2000 && u_hasBinaryProperty(cp, UCHAR_EXTENDED_PICTOGRAPHIC);
}

char_class letter_class(char32_t cp) {
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(cp, &status)) {
        case USCRIPT_HAN: return char_class::han;
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA: return char_class::kana;
        case USCRIPT_HANGUL: return char_class::hangul;
        case USCRIPT_LATIN: return char_class::latin;
        default: return char_class::letter;
    }
}

char_class classify(char32_t cp) {
    if (is_emoji(cp)) return char_class::emoji;
    if (u_isUWhiteSpace(cp) || u_charType(cp) == U_CONTROL_CHAR) return char_class::space;
    switch (u_charType(cp)) {
        case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
        case U_MODIFIER_LETTER: case U_OTHER_LETTER:
            return letter_class(cp);
        case U_LETTER_NUMBER:  // 〇 and ideographic numbers read as Han
            return letter_class(cp) == char_class::han ? char_class::han : char_class::symbol;
        case U_DECIMAL_DIGIT_NUMBER: return char_class::digit;
        case U_OTHER_NUMBER: return char_class::symbol;
        case U_CONNECTOR_PUNCTUATION: case U_DASH_PUNCTUATION: case U_START_PUNCTUATION:
        case U_END_PUNCTUATION: case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION:
        case U_OTHER_PUNCTUATION:
            return char_class::punct;
        case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
            return char_class::symbol;
        case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
            return char_class::mark;
        default: return char_class::other;
    }
}

bool composes_with_previous(char32_t cp) {
    return u_getCombiningClass(cp) != 0 || u_getIntPropertyValue(cp, UCHAR_NFKC_QUICK_CHECK) == UNORM_MAYBE;
}

// Characters whose result depends on their neighbours under NFKC: combining
// marks, characters that may compose with what precedes them, and characters
// whose mapping begins with one (half-width ﾞ becomes a combining mark).
bool needs_context(char32_t cp, const std::u32string& mapped) {
    return composes_with_previous(cp) || (!mapped.empty() && composes_with_previous(mapped.front()));
}

// The pool holds mapping results as [length, cp...]; offset 0 is reserved
// for "maps to itself".
struct mapping_pool {
    std::vector<char32_t> data{0};
    std::map<std::u32string, std::uint32_t> index;

    std::uint32_t add(const std::u32string& s) {
        auto it = index.find(s);
        if (it != index.end()) return it->second;
        const auto offset = static_cast<std::uint32_t>(data.size());
        data.push_back(static_cast<char32_t>(s.size()));
        data.insert(data.end(), s.begin(), s.end());
        index.emplace(s, offset);
        return offset;
    }
};

struct two_stage_table {
    std::vector<std::uint16_t> stage1;
    std::vector<std::uint32_t> stage2;
};

two_stage_table build_entries(icu_mappers& m, mapping_pool& pool) {
    two_stage_table table;
    std::map<std::vector<std::uint32_t>, std::uint16_t> unique_blocks;
    std::vector<std::uint32_t> block(block_size);
    for (char32_t base = 0; base <= max_code_point; base += block_size) {
        for (std::size_t i = 0; i < block_size; ++i) {
            const char32_t cp = base + static_cast<char32_t>(i);
            const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
            std::uint32_t e = static_cast<std::uint32_t>(surrogate ? char_class::other : classify(cp));
            std::u32string mapped;
            if (kefu::detail::text::is_token(cp)) mapped = U"\uFFFD";  // input cannot forge tokens
            else if (!surrogate) mapped = map_code_point(m, cp);
            if (!surrogate && needs_context(cp, mapped)) e |= entry::slow_flag;
            if (!surrogate && mapped != std::u32string(1, cp)) e |= pool.add(mapped) << entry::mapping_shift;
            block[i] = e;
        }
        auto [it, inserted] = unique_blocks.emplace(block, static_cast<std::uint16_t>(unique_blocks.size()));
        if (inserted) table.stage2.insert(table.stage2.end(), block.begin(), block.end());
        table.stage1.push_back(it->second);
    }
    return table;
}

std::u32string map_string(icu_mappers& m, const std::u32string& s) {
    std::u32string out;
    for (char32_t cp : s) out += map_code_point(m, cp);
    return out;
}

std::u32string decode_utf8(const std::string& s) {
    return to_u32(icu::UnicodeString::fromUTF8(s));
}

struct token_tables {
    std::map<char32_t, int> emoji;                // base code point -> token
    std::map<std::u32string, int> emoticons;      // normalised inner text of [..] -> token
};

[[noreturn]] void fail_at(const std::string& path, int line, const std::string& what) {
    std::cerr << path << ":" << line << ":1: error: " << what << "\n";
    std::exit(2);
}

token_tables read_tokens(icu_mappers& m, const std::string& path) {
    std::ifstream in(path);
    if (!in) fail_at(path, 0, "cannot open");
    token_tables t;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 || line.empty() || line[0] == '#') continue;  // header
        const auto tab = line.find('\t');
        if (tab == std::string::npos) fail_at(path, number, "expected form<TAB>token");
        const std::string form = line.substr(0, tab), name = line.substr(tab + 1);
        const int token = kefu::detail::text::token_index(name);
        if (token < 0) fail_at(path, number, "unknown token '" + name + "'");
        const std::u32string cps = decode_utf8(form);
        if (cps.size() >= 3 && cps.front() == U'[' && cps.back() == U']') {
            t.emoticons.emplace(map_string(m, cps.substr(1, cps.size() - 2)), token);
        } else if (!cps.empty() && is_emoji(cps.front())) {
            t.emoji.emplace(cps.front(), token);
        } else {
            fail_at(path, number, "form is neither an emoji nor a [code]");
        }
    }
    return t;
}

// Toneless pinyin of the Han characters in [pinyin_first, pinyin_end): a
// syllable number per character (0 = none) and, per syllable, the FNV-1a hash
// of its letters. Features use the hash, so a model does not depend on how
// another ICU version numbers the syllables.
using kefu::detail::text::pinyin_end;
using kefu::detail::text::pinyin_first;

struct pinyin_tables {
    std::vector<std::uint16_t> syllable;  // per code point from pinyin_first
    std::vector<std::uint32_t> hash;      // per syllable number; [0] unused
};

std::uint32_t fnv1a(const std::string& s) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
}

// The syllable of one character, or "" when ICU gives no pure a-z reading.
std::string toneless_pinyin(icu::Transliterator& to_latin, char32_t cp) {
    icu::UnicodeString s(static_cast<UChar32>(cp));
    to_latin.transliterate(s);
    std::string out;
    s.toUTF8String(out);
    for (char c : out)
        if (c < 'a' || c > 'z') return "";
    return out;
}

pinyin_tables build_pinyin() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> to_latin(
        icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU Han-Latin transliterator unavailable");
    pinyin_tables t;
    t.hash.push_back(0);
    std::map<std::string, std::uint16_t> number;
    for (char32_t cp = pinyin_first; cp < pinyin_end; ++cp) {
        const std::string syllable = u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_IDEOGRAPHIC)
                                         ? toneless_pinyin(*to_latin, cp) : "";
        if (syllable.empty()) {
            t.syllable.push_back(0);
            continue;
        }
        auto [it, added] = number.emplace(syllable, static_cast<std::uint16_t>(t.hash.size()));
        if (added) {
            const std::uint32_t hash = fnv1a(syllable);
            if (hash == 0) throw std::runtime_error("pinyin syllable " + syllable + " hashes to 0, which means none");
            t.hash.push_back(hash);
        }
        t.syllable.push_back(it->second);
    }
    return t;
}

template <typename T>
void write_array(std::ostream& out, const char* type, const char* name, const std::vector<T>& values) {
    out << "extern const " << type << " " << name << "[];\n";
    out << "const " << type << " " << name << "[] = {";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i % 16 == 0) out << "\n";
        out << static_cast<std::uint64_t>(values[i]) << "u,";
    }
    out << "\n};\n";
    out << "extern const std::size_t " << name << "_size;\n";
    out << "const std::size_t " << name << "_size = " << values.size() << ";\n";
}

void write_source(std::ostream& out, const two_stage_table& table, const mapping_pool& pool,
                  const token_tables& tokens, const pinyin_tables& pinyin) {
    out << "// Generated by kefu_tablegen from ICU " << U_ICU_VERSION
        << " and data/text/emoticons.tsv. Do not edit.\n"
        << "#include <cstddef>\n#include <cstdint>\n\n"
        << "namespace kefu::detail::text::tables {\n";
    write_array(out, "std::uint16_t", "stage1", table.stage1);
    write_array(out, "std::uint32_t", "stage2", table.stage2);
    write_array(out, "char32_t", "pool", pool.data);
    std::vector<char32_t> emoji_cps;
    std::vector<std::uint8_t> emoji_tokens;
    for (const auto& [cp, token] : tokens.emoji) {
        emoji_cps.push_back(cp);
        emoji_tokens.push_back(static_cast<std::uint8_t>(token));
    }
    write_array(out, "char32_t", "emoji_code_points", emoji_cps);
    write_array(out, "std::uint8_t", "emoji_tokens", emoji_tokens);
    // Emoticon keys: concatenated, with start offsets (one extra at the end).
    std::vector<char32_t> keys;
    std::vector<std::uint32_t> starts;
    std::vector<std::uint8_t> emoticon_tokens;
    for (const auto& [key, token] : tokens.emoticons) {
        starts.push_back(static_cast<std::uint32_t>(keys.size()));
        keys.insert(keys.end(), key.begin(), key.end());
        emoticon_tokens.push_back(static_cast<std::uint8_t>(token));
    }
    starts.push_back(static_cast<std::uint32_t>(keys.size()));
    write_array(out, "char32_t", "emoticon_keys", keys);
    write_array(out, "std::uint32_t", "emoticon_starts", starts);
    write_array(out, "std::uint8_t", "emoticon_tokens", emoticon_tokens);
    write_array(out, "std::uint16_t", "pinyin_syllable", pinyin.syllable);
    write_array(out, "std::uint32_t", "pinyin_hash", pinyin.hash);
    out << "}  // namespace kefu::detail::text::tables\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: kefu_tablegen EMOTICONS.tsv OUT.cpp\n";
        return 1;
    }
    try {
        icu_mappers m = open_icu();
        mapping_pool pool;
        const two_stage_table table = build_entries(m, pool);
        const token_tables tokens = read_tokens(m, argv[1]);
        const pinyin_tables pinyin = build_pinyin();
        std::ostringstream source;
        write_source(source, table, pool, tokens, pinyin);
        const std::string tmp = std::string(argv[2]) + ".tmp";
        {
            std::ofstream out(tmp, std::ios::binary);
            out << source.str();
            if (!out) throw std::runtime_error("cannot write " + tmp);
        }
        if (std::rename(tmp.c_str(), argv[2]) != 0) throw std::runtime_error("cannot rename to output");
        std::cerr << "kefu_tablegen: " << table.stage2.size() / block_size << " blocks, " << pool.data.size()
                  << " pool entries, " << tokens.emoji.size() << " emoji, " << tokens.emoticons.size()
                  << " emoticons, " << pinyin.hash.size() - 1 << " pinyin syllables\n";
    } catch (const std::exception& e) {
        std::cerr << "kefu_tablegen: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
