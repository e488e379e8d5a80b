#include "learn/features.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "text/placeholders.hpp"
#include "text/tables.hpp"

namespace kefu::detail::learn {
namespace {

// Feature families, mixed into every hash so that, say, the character "a"
// and the word "a" are different features.
enum family : std::uint64_t {
    char_gram = 1,
    word_unigram = 2,
    word_bigram = 3,
    rule_intent = 4,
    negated_rule_intent = 5,
    rule_id = 6,
    shape = 7,
    digit_run = 8,
    pinyin_bigram = 9,
};

constexpr std::uint64_t fnv_prime = 0x100000001b3ULL;
constexpr char32_t boundary = 0x2;  // message start/end and clause breaks in n-grams
// Per-thread buffers longer than this are let go after the message that
// needed them: one megabyte message must not hold tens of megabytes in every
// thread that ever saw one.
constexpr std::size_t max_kept_buffer = 1 << 16;

std::uint64_t mix(std::uint64_t h, std::uint64_t v) { return (h ^ v) * fnv_prime; }

// Final avalanche (MurmurHash3 fmix64), so low bits are well distributed.
std::uint64_t finish(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb3fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

std::uint64_t start(family f, std::uint64_t detail = 0) { return mix(mix(0xcbf29ce484222325ULL, f), detail); }

bool is_word_char(text::char_class c) { return c == text::char_class::latin || c == text::char_class::digit; }

// How many digits a unit is read as: a masked run's length for an
// anonymised log's placeholder ("[电话x]" is 11), else 0. Every model's word
// features, and the character n-grams of models that fold digits, then see
// the mask as a run of that many digits (a model that reads digits one by
// one cannot guess which, and keeps the token in its n-grams).
std::size_t masked_digits_of(const text::unit& u) {
    return u.cls == text::char_class::emoji ? text::masked_digits(u.cp) : 0;
}

// A Han character's sound: its pinyin hash, or the character itself when the
// tables give it no syllable; 0 for anything else.
std::uint64_t sound_of(const text::unit& u) {
    if (u.cls != text::char_class::han) return 0;
    const std::uint32_t pinyin = text::pinyin_hash_of(u.cp);
    return pinyin != 0 ? pinyin : (std::uint64_t{1} << 32) | u.cp;
}

std::uint64_t digit_bucket(std::size_t length) {
    return length <= 2 ? length : length <= 4 ? 3 : length <= 8 ? 4 : length <= 12 ? 5 : length <= 16 ? 6 : 7;
}

// Marks for runs of 3+ digits in n-gram sequences, one per length class;
// below the token range and outside any script, so no text can forge one.
constexpr char32_t digit_run_mark = 0x10;

// The length of the run of digits starting at `i`.
std::size_t digit_run_length(const std::vector<text::unit>& units, std::size_t i) {
    std::size_t end = i;
    while (end < units.size() && units[end].cls == text::char_class::digit) ++end;
    return end - i;
}

// What character n-grams are taken from: the message's code points with
// boundaries, and beside each, when the config asks and the message has Han
// characters, its sound (0 for anything but a Han character), and when the
// config asks and the message has Latin letters, how many letters and
// boundaries run from it (capped at 255). Without sounds or runs there is
// nothing to read, so an English message skips the sounds and most Chinese
// messages skip the runs. The arrays only grow: the first `size` entries are
// this message's.
struct ngram_sequence {
    std::vector<char32_t> chars;
    std::vector<std::uint64_t> sound_buffer;
    std::vector<std::uint8_t> latin_run_buffer;
    std::size_t size = 0;
    bool has_sounds = false;
    bool has_latin_runs = false;

    const std::uint64_t* sounds() const { return has_sounds ? sound_buffer.data() : nullptr; }
    const std::uint8_t* latin_runs() const { return has_latin_runs ? latin_run_buffer.data() : nullptr; }

    void release_if_large() {
        if (chars.size() <= max_kept_buffer) return;
        std::vector<char32_t>().swap(chars);
        std::vector<std::uint64_t>().swap(sound_buffer);
        std::vector<std::uint8_t>().swap(latin_run_buffer);
        size = 0;
        has_sounds = has_latin_runs = false;
    }
};

bool wants_latin_marks(const feature_config& c) { return latin_ngram_min_in_effect(c) > c.min_char_n; }

template <typename T>
T* at_least(std::vector<T>& buffer, std::size_t size) {
    if (buffer.size() < size) buffer.resize(size);
    return buffer.data();
}

// Writes the sequence through raw pointers into arrays long enough for the
// longest it can be: a push_back per code point, with its capacity check,
// cost more than the hashing of the n-grams. While writing, the run buffer
// holds 1 for a letter or boundary and 0 for anything else; finish() turns
// that into run lengths.
class sequence_writer {
public:
    sequence_writer(ngram_sequence& seq, const feature_config& c, std::size_t most)
        : seq_(seq),
          chars_(at_least(seq.chars, most)),
          sounds_(c.pinyin ? at_least(seq.sound_buffer, most) : nullptr),
          latin_(wants_latin_marks(c) ? at_least(seq.latin_run_buffer, most) : nullptr) {}

    void push(char32_t cp, std::uint64_t sound, bool latin) {
        chars_[size_] = cp;
        if (sounds_) sounds_[size_] = sound;
        if (latin_) latin_[size_] = latin;
        han_ += sound != 0;
        letters_ += latin && cp != boundary;
        ++size_;
    }
    void push_boundary() { push(boundary, 0, true); }
    bool ends_with_boundary() const { return size_ > 0 && chars_[size_ - 1] == boundary; }

    void finish() {
        seq_.size = size_;
        seq_.has_sounds = sounds_ != nullptr && han_ > 0;
        seq_.has_latin_runs = latin_ != nullptr && letters_ > 0;
        if (seq_.has_latin_runs) runs_from_flags();
    }

private:
    // How many Latin letters and boundaries run from each position, backwards.
    void runs_from_flags() {
        int run = 0;
        for (std::size_t i = size_; i-- > 0;) {
            run = latin_[i] ? std::min(run + 1, 255) : 0;
            latin_[i] = static_cast<std::uint8_t>(run);
        }
    }

    ngram_sequence& seq_;
    char32_t* chars_;
    std::uint64_t* sounds_;
    std::uint8_t* latin_;
    std::size_t size_ = 0, han_ = 0, letters_ = 0;
};

// Clause breaks collapse to one boundary mark.
void sequence_for_ngrams(const text::normalized& text, const feature_config& c, ngram_sequence& seq) {
    const auto& units = text.units;
    // A unit adds at most two code points (a masked run of one or two
    // digits); the boundaries at either end add two more.
    sequence_writer write(seq, c, 2 * units.size() + 2);
    const bool pinyin = c.pinyin != 0;
    auto push_digits = [&](std::size_t run) {
        if (run <= 2) {
            for (std::size_t k = 0; k < run; ++k) write.push(U'0', 0, false);
        } else {
            write.push(digit_run_mark + static_cast<char32_t>(digit_bucket(run)), 0, false);
        }
    };
    write.push_boundary();
    for (std::size_t i = 0; i < units.size(); ++i) {
        const text::unit& u = units[i];
        if (u.cls == text::char_class::space) {
            if (!write.ends_with_boundary()) write.push_boundary();
            continue;
        }
        if (c.fold_digits && u.cls == text::char_class::digit) {
            const std::size_t run = digit_run_length(units, i);
            push_digits(run);
            i += run - 1;
            continue;
        }
        if (const std::size_t masked = c.fold_digits ? masked_digits_of(u) : 0) {
            push_digits(masked);
            continue;
        }
        write.push(u.cp, pinyin ? sound_of(u) : 0, u.cls == text::char_class::latin);
    }
    if (!write.ends_with_boundary()) write.push_boundary();
    write.finish();
}

// With pinyin on, a bigram of two Han characters is left to
// add_pinyin_bigrams, which hashes it by sound: a typo that sounds right
// keeps the feature. An n-gram of Latin letters shorter than min_latin_n is
// left out.
void add_char_ngrams(const ngram_sequence& seq, const feature_config& c, std::vector<feature>& out) {
    // Settings and arrays in locals: the settings are bytes, which may alias
    // anything, so read through `c` they were loaded again after every
    // feature written (1.9 k of the 57 k instructions a CLINC150 message took).
    const char32_t* chars = seq.chars.data();
    const std::size_t size = seq.size;
    const std::uint64_t* sounds = seq.sounds();
    const std::uint8_t* latin_run = seq.latin_runs();
    const std::size_t min_n = c.min_char_n, max_n = c.max_char_n, min_latin_n = c.min_latin_n;
    const std::size_t before = out.size();
    out.resize(before + size * max_n);  // at most max_n n-grams start at each position
    feature* next = out.data() + before;
    for (std::size_t i = 0; i < size; ++i) {
        const bool bigram_by_sound = sounds && i + 1 < size && sounds[i] != 0 && sounds[i + 1] != 0;
        // The n-grams from i that are all letters are those up to its run.
        const std::size_t shortest =
            latin_run ? std::max(min_n, std::min<std::size_t>(latin_run[i] + 1, min_latin_n)) : min_n;
        const std::size_t longest = std::min(max_n, size - i);
        std::uint64_t h = start(char_gram);
        for (std::size_t n = 1; n <= longest; ++n) {
            h = mix(h, chars[i + n - 1]);
            if (n < shortest || (n == 1 && chars[i] == boundary) || (n == 2 && bigram_by_sound)) continue;
            *next++ = {finish(mix(h, n)), 1.0f, feature_block::chars};
        }
    }
    out.resize(static_cast<std::size_t>(next - out.data()));
}

// Latin and digit words: word uni/bigrams, and digit runs by length only
// (an order number matters by its shape, not its value).
void add_words(const text::normalized& text, const feature_config& c, std::vector<feature>& out) {
    std::uint64_t previous = 0;
    bool have_previous = false;
    // The units as a pointer and a count: through the vector, every
    // push_back to `out` made the compiler load the size again.
    const text::unit* units = text.units.data();
    const std::size_t count = text.units.size();
    auto in_word = [&](const text::unit& u) { return is_word_char(u.cls) || masked_digits_of(u) > 0; };
    for (std::size_t i = 0; i < count;) {
        if (!in_word(units[i])) {
            if (units[i].cls != text::char_class::space) have_previous = false;
            ++i;
            continue;
        }
        std::uint64_t h = start(word_unigram);
        bool all_digits = true;
        std::size_t length = 0;
        for (; i < count && in_word(units[i]); ++i) {
            const std::size_t masked = masked_digits_of(units[i]);
            for (std::size_t k = 0; k < masked; ++k) h = mix(h, U'0');
            if (masked == 0) h = mix(h, units[i].cp);
            length += masked > 0 ? masked : 1;
            all_digits &= masked > 0 || units[i].cls == text::char_class::digit;
        }
        if (all_digits && length > 2) h = start(digit_run, digit_bucket(length));
        if (c.word_ngrams >= 1) out.push_back({finish(h), 1.0f, feature_block::words});
        if (c.word_ngrams >= 2 && have_previous)
            out.push_back({finish(mix(mix(start(word_bigram), previous), h)), 1.0f, feature_block::words});
        previous = h;
        have_previous = true;
    }
}

// ICU's dictionary word breaks for Chinese. Break iterators are not
// thread-safe: one per thread.
icu::BreakIterator* chinese_word_breaker() {
    thread_local const std::unique_ptr<icu::BreakIterator> breaker = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
        return U_SUCCESS(status) ? std::move(b) : nullptr;
    }();
    return breaker.get();
}

// The words of one run of Han characters, as uni/bigram features.
void add_chinese_run(const icu::UnicodeString& run, const feature_config& c, std::vector<feature>& out) {
    icu::BreakIterator* breaker = chinese_word_breaker();
    if (breaker == nullptr) return;
    breaker->setText(run);
    std::uint64_t previous = 0;
    bool have_previous = false;
    for (std::int32_t begin = breaker->first(), end = breaker->next(); end != icu::BreakIterator::DONE;
         begin = end, end = breaker->next()) {
        std::uint64_t h = start(word_unigram);
        for (std::int32_t i = begin; i < end; i = run.moveIndex32(i, 1)) h = mix(h, static_cast<std::uint64_t>(run.char32At(i)));
        if (c.word_ngrams >= 1) out.push_back({finish(h), 1.0f, feature_block::words});
        if (c.word_ngrams >= 2 && have_previous)
            out.push_back({finish(mix(mix(start(word_bigram), previous), h)), 1.0f, feature_block::words});
        previous = h;
        have_previous = true;
    }
}

void add_chinese_words(const text::normalized& text, const feature_config& c, std::vector<feature>& out) {
    thread_local icu::UnicodeString run;
    run.remove();
    for (const text::unit& u : text.units) {
        if (u.cls == text::char_class::han) {
            run.append(static_cast<UChar32>(u.cp));
            continue;
        }
        if (!run.isEmpty()) add_chinese_run(run, c, out);
        run.remove();
    }
    if (!run.isEmpty()) add_chinese_run(run, c, out);
}

// Bigrams of sounds over runs of Han characters, with a boundary at either
// end of a run. Inside a run they stand in for the character bigrams; the two
// at the ends are extra, and measured worth it: without them the project's
// sets lost 0.1-0.3 points as typed and 0.4-2.1 with typos.
void add_pinyin_bigrams(const ngram_sequence& seq, std::vector<feature>& out) {
    const std::uint64_t* sounds = seq.sounds();
    if (sounds == nullptr) return;
    for (std::size_t i = 0; i + 1 < seq.size; ++i)
        if (sounds[i] != 0 || sounds[i + 1] != 0)
            out.push_back({finish(mix(mix(start(pinyin_bigram), sounds[i]), sounds[i + 1])), 1.0f, feature_block::words});
}

std::uint64_t length_bucket(std::size_t n) {
    return n <= 3 ? n : n <= 5 ? 4 : n <= 8 ? 5 : n <= 12 ? 6 : n <= 20 ? 7 : n <= 40 ? 8 : 9;
}

void add_shape(const text::normalized& text, std::vector<feature>& out) {
    std::size_t visible = 0;
    bool question = false, emoji = false;
    for (const text::unit& u : text.units) {
        if (u.cls != text::char_class::space) visible += std::max<std::size_t>(masked_digits_of(u), 1);
        question |= u.cp == U'?' || u.cp == U'吗' || u.cp == U'呢';
        emoji |= u.cls == text::char_class::emoji && !text::is_placeholder_token(u.cp);  // a link is no emoji
    }
    auto add = [&](std::uint64_t detail) { out.push_back({finish(start(shape, detail)), 1.0f, feature_block::signals}); };
    add(100 + length_bucket(visible));
    if (question) add(200);
    if (emoji) add(201);
    add(300 + std::min<std::uint32_t>(text.max_run, 5));
}

void add_rules(const std::vector<intent::rule_hit>& hits, const std::vector<std::uint32_t>& rule_intents,
               std::vector<feature>& out) {
    for (const intent::rule_hit& h : hits) {
        const std::uint32_t intent = h.rule < rule_intents.size() ? rule_intents[h.rule] : 0;
        out.push_back({finish(start(h.negated ? negated_rule_intent : rule_intent, intent)), 1.0f, feature_block::signals});
        if (!h.negated) out.push_back({finish(start(rule_id, h.rule)), 1.0f, feature_block::signals});
    }
}

// Repeated hashes merged into their first occurrence, counting them: a small
// open-addressing table of positions in `out`, in place of a sort by hash
// (the sort took a fifth of classification time on English messages).
void merge_repeats(std::vector<feature>& out) {
    thread_local std::vector<std::uint32_t> table;  // 1 + index of the first occurrence; 0 = empty
    std::size_t capacity = 64;
    while (capacity < out.size() * 2) capacity <<= 1;
    if (table.size() < capacity) table.resize(capacity);
    // memset, not assign: GCC fills an assigned vector one element at a time.
    std::memset(table.data(), 0, capacity * sizeof(table[0]));
    const std::size_t mask = capacity - 1;
    std::uint32_t write = 0;
    for (std::size_t read = 0; read < out.size(); ++read) {
        const std::uint64_t h = out[read].hash;  // finished hashes: the low bits are well mixed
        std::size_t at = h & mask;
        while (table[at] != 0 && out[table[at] - 1].hash != h) at = (at + 1) & mask;
        if (table[at] != 0) {
            out[table[at] - 1].value += 1.0f;
            continue;
        }
        if (write != read) out[write] = out[read];  // most messages repeat little: no copy onto itself
        table[at] = ++write;
    }
    out.resize(write);
    if (table.size() > max_kept_buffer) std::vector<std::uint32_t>().swap(table);
}

}  // namespace

std::uint32_t format_for(const feature_config& c) noexcept {
    if (wants_latin_marks(c)) return first_format_with_latin_ngrams;
    return c.pinyin ? first_format_with_pinyin : first_format_with_pinyin - 1;
}

// Up to format 6 the config was stored as eight bytes, min_latin_n not among them.
void save_feature_config(model::writer& w, const feature_config& c, std::uint32_t format) {
    w.pod(c.min_char_n);
    w.pod(c.max_char_n);
    w.pod(c.word_ngrams);
    w.pod(c.use_rules);
    w.pod(c.use_shape);
    w.pod(c.chinese_words);
    w.pod(c.pinyin);
    w.pod(c.fold_digits);
    if (format >= first_format_with_latin_ngrams) w.pod(c.min_latin_n);
}

feature_config load_feature_config(model::reader& r, std::uint32_t format) {
    feature_config c;
    c.min_char_n = r.pod<std::uint8_t>();
    c.max_char_n = r.pod<std::uint8_t>();
    c.word_ngrams = r.pod<std::uint8_t>();
    c.use_rules = r.pod<std::uint8_t>();
    c.use_shape = r.pod<std::uint8_t>();
    c.chinese_words = r.pod<std::uint8_t>();
    c.pinyin = r.pod<std::uint8_t>();
    c.fold_digits = r.pod<std::uint8_t>();
    c.min_latin_n = format >= first_format_with_latin_ngrams ? r.pod<std::uint8_t>() : 0;
    if (!is_valid(c)) model::reader::corrupt("learned model: feature settings out of range");
    return c;
}

void extract_features(const text::normalized& text, const std::vector<intent::rule_hit>& hits,
                      const std::vector<std::uint32_t>& rule_intents, const feature_config& config,
                      std::vector<feature>& out) {
    out.clear();
    thread_local ngram_sequence seq;
    sequence_for_ngrams(text, config, seq);
    add_char_ngrams(seq, config, out);
    if (config.word_ngrams) add_words(text, config, out);
    if (config.word_ngrams && config.chinese_words) add_chinese_words(text, config, out);
    add_pinyin_bigrams(seq, out);
    if (config.use_shape) add_shape(text, out);
    if (config.use_rules) add_rules(hits, rule_intents, out);
    merge_repeats(out);
    seq.release_if_large();
}

}  // namespace kefu::detail::learn
