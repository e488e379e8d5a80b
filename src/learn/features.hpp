// Feature extraction for the learned intent model: hashed character n-grams,
// Latin word n-grams, pinyin bigrams, shapes, and rule hits, from a
// normalised message.
// Hashing keeps the feature space fixed and the extractor allocation-free.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "intent/matcher.hpp"
#include "model/binary.hpp"
#include "text/normalizer.hpp"

namespace kefu::detail::learn {

// Features fall in blocks that are normalised separately, so that the many
// character n-grams do not drown the few word and signal features.
enum class feature_block : std::uint8_t { chars = 0, words = 1, signals = 2 };
inline constexpr std::size_t feature_block_count = 3;

struct feature {
    // Left unset: the extractor sizes its output for the most n-grams a
    // message can have and writes them in place, and zeroing that space
    // first cost as much as merging the repeats.
    feature() noexcept {}  // not `= default`, which a resize would zero
    feature(std::uint64_t h, float v, feature_block b) noexcept : hash(h), value(v), block(b) {}

    std::uint64_t hash;
    float value;  // occurrences in the message (term frequency)
    feature_block block;
};

// What to extract. Stored in the model, so training and prediction agree.
struct feature_config {
    std::uint8_t min_char_n = 1;
    std::uint8_t max_char_n = 4;
    std::uint8_t word_ngrams = 2;   // Latin word uni- (1) or uni+bigrams (2); 0 = none
    std::uint8_t use_rules = 0;     // rule hits as features (off: rules join by calibrated fusion)
    std::uint8_t use_shape = 1;     // length, digits, punctuation, repetition
    // Chinese word uni/bigrams (as word_ngrams says) from ICU's dictionary
    // word breaks. Off by default: on the project's test sets it scored
    // the same as character n-grams alone at half the speed.
    std::uint8_t chinese_words = 0;
    // Bigrams of two Han characters hashed by their toneless pinyin instead
    // of the characters, so that an input-method typo ("有玫有" for "有没有")
    // still shares features with the intended words. Model files from before
    // it have 0 here.
    std::uint8_t pinyin = 0;
    // Digits in character n-grams by shape: each digit reads as '0', and a
    // run of three or more as one mark of its length class, so that an order
    // number is a few features instead of dozens of random ones that outweigh
    // the words beside it. Model files from before it have 0 here.
    std::uint8_t fold_digits = 0;
    // The shortest character n-gram made only of Latin letters (and word
    // boundaries), when longer than min_char_n. Letters and letter pairs say
    // little in alphabetic text, which word n-grams cover, yet each costs a
    // weight row that most classes differ in. 0: as min_char_n (model files
    // before format 7, which do not store it).
    std::uint8_t min_latin_n = 0;
};

// The bounds training accepts (the C ABI's): a model file with another
// config is damaged, and n-grams of 255 characters would make every message
// cost 255 times more.
inline constexpr std::uint8_t max_char_ngram = 8;
inline bool is_valid(const feature_config& c) {
    return c.min_char_n <= c.max_char_n && c.max_char_n <= max_char_ngram && c.word_ngrams <= 2 && c.use_rules <= 1 &&
           c.use_shape <= 1 && c.chinese_words <= 1 && c.pinyin <= 1 && c.fold_digits <= 1 &&
           c.min_latin_n <= max_char_ngram;
}

// The shortest n-gram of Latin letters a config takes: min_latin_n, or the
// character range's own minimum when that is longer (a stored 0 included).
inline std::uint8_t latin_ngram_min_in_effect(const feature_config& c) {
    return std::max(c.min_latin_n, c.min_char_n);
}

// The model formats that first hold pinyin and min_latin_n, and the oldest
// format that can hold a config (a file keeps the oldest it can, so that an
// older kefu reads it, and refuses one whose features it would compute
// wrongly).
inline constexpr std::uint32_t first_format_with_pinyin = 5;
inline constexpr std::uint32_t first_format_with_latin_ngrams = 7;
std::uint32_t format_for(const feature_config& c) noexcept;
void save_feature_config(model::writer& w, const feature_config& c, std::uint32_t format);
feature_config load_feature_config(model::reader& r, std::uint32_t format);

// The features of one message into `out` (cleared first), merged by hash so
// that each feature appears once with its count, in order of first
// occurrence. Weighting (tf-idf) and normalisation happen later, where the
// model's idf is known.
void extract_features(const text::normalized& text, const std::vector<intent::rule_hit>& hits,
                      const std::vector<std::uint32_t>& rule_intents, const feature_config& config,
                      std::vector<feature>& out);

}  // namespace kefu::detail::learn
