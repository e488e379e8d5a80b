// The model file: save/load round trips, deterministic bytes, and damaged
// files (bad magic, other versions, truncation, bit flips) that must be
// reported as KEFU_ECORRUPT / KEFU_EVERSION and never crash.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/crc32.hpp"
#include "intent/classifier.hpp"
#include "intent/rule_set_io.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "model/binary.hpp"
#include "model/container.hpp"
#include "model/model.hpp"
#include "text/normalizer.hpp"

namespace {

namespace intent = kefu::detail::intent;
namespace model = kefu::detail::model;
namespace text = kefu::detail::text;

constexpr std::size_t header_size = 32;  // magic, version, flags, size, checksum, reserved
constexpr std::size_t version_offset = 8;
constexpr std::size_t flags_offset = 12;
constexpr std::size_t size_offset = 16;
constexpr std::size_t checksum_offset = 24;
constexpr std::size_t reserved_offset = 28;

const char* const sample_rules =
    "# 样例规则\n"
    "lexicon negator = 不想 | 不要 | 没有\n"
    "lexicon negator_exception = 有没有\n"
    "lexicon cheaper = 便宜 | 优惠 | 少点\n"
    "lexicon can = 能 | 可以 | 能不能\n"
    "intent greeting \"opens the chat\" priority 0\n"
    "intent bargain \"asks for a discount\" priority 5\n"
    "intent return \"wants to return\" priority 6 negatable\n"
    "intent complaint priority 9 negatable\n"
    "intent other \"out of scope\" priority -1\n"
    "rule greeting hello: ^ (在吗 | 你好 | 有人吗) $\n"
    "rule bargain: @can {0,4} @cheaper (点 | 些)?\n"
    "rule bargain: ^ (少 | 便宜) (点 | 些) (呗 | 吧)? $ weight 2\n"
    "rule return: 退 {0,2} 货\n"
    "rule return: 退 (掉 | 了) not negatable\n"
    "rule complaint: (投诉 | 12315 | 差评)\n"
    "rule complaint angry: 太慢 {0,3} [:angry:] weight 0.5\n"
    "example bargain: 能便宜点吗\n"
    "example return: 我要退货\n"
    "option negation_window = 3\n";

const std::vector<std::string> sample_messages = {
    "在吗？",
    "你好",
    "能不能再便宜点啊",
    "可以優惠些嗎",
    "少点吧",
    "我要退貨",
    "不想退货了",
    "不想退货，我要退货",
    "退了吧",
    "太慢了😡😡 我要投诉",
    "差评！ 不要退货",
    "ＸＬ有货吗",
    "",
    "😡",
    "12315",
    "亲 在吗 能便宜点吗 不然我要退货 太慢了[怒]",
};

std::shared_ptr<const model::compiled_model> sample_model() {
    return model::compiled_model::compile({{"sample.kefu", sample_rules}});
}

void put_u32(std::string& bytes, std::size_t offset, std::uint32_t value) {
    std::memcpy(bytes.data() + offset, &value, sizeof value);
}

// Recomputes the header checksum after the payload was changed on purpose.
void fix_checksum(std::string& bytes) {
    put_u32(bytes, checksum_offset, kefu::detail::crc32_bytewise(std::string_view(bytes).substr(header_size)));
}

// The error code of loading `bytes`, or KEFU_OK.
int load_code(std::string_view bytes) {
    try {
        model::compiled_model::load(bytes);
        return KEFU_OK;
    } catch (const kefu::error& e) {
        return e.code();
    }
}

model::sections sections_of(const std::string& bytes) {
    model::sections out;
    for (const auto& [t, body] : model::unpack(model::model_file, bytes).sections) out[t] = std::string(body);
    return out;
}

// The format the sample model is written in; sections taken from it are
// packed again in that format, as their bytes follow it.
std::uint32_t sample_format() { return model::unpack(model::model_file, sample_model()->save()).version; }
std::string repack(const model::sections& parts) { return model::pack(model::model_file, sample_format(), parts); }

struct classified {
    std::uint32_t intent;
    float confidence;
    bool out_of_scope;
    std::vector<std::pair<std::uint32_t, float>> ranking;
    std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, bool>> hits;
    bool operator==(const classified&) const = default;
};

std::vector<classified> classify_all(const model::compiled_model& m) {
    std::vector<classified> out;
    text::normalized t;
    intent::classify_scratch scratch;
    intent::classification c;
    for (const auto& message : sample_messages) {
        text::normalize(message, {}, t);
        m.classify(t, scratch, c);
        classified r{c.intent, c.confidence, c.out_of_scope, {}, {}};
        for (const auto& x : c.ranking) r.ranking.emplace_back(x.intent, x.confidence);
        for (const auto& h : c.hits) r.hits.emplace_back(h.rule, h.begin, h.end, h.negated);
        out.push_back(std::move(r));
    }
    return out;
}

void expect_same_rules(const intent::rule_set& a, const intent::rule_set& b) {
    ASSERT_EQ(a.intents.size(), b.intents.size());
    for (std::size_t i = 0; i < a.intents.size(); ++i) {
        EXPECT_EQ(a.intents[i].name, b.intents[i].name);
        EXPECT_EQ(a.intents[i].description, b.intents[i].description);
        EXPECT_EQ(a.intents[i].priority, b.intents[i].priority);
        EXPECT_EQ(a.intents[i].negatable, b.intents[i].negatable);
    }
    ASSERT_EQ(a.rules.size(), b.rules.size());
    for (std::size_t i = 0; i < a.rules.size(); ++i) {
        EXPECT_EQ(a.rules[i].intent, b.rules[i].intent);
        EXPECT_EQ(a.rules[i].weight, b.rules[i].weight);
        EXPECT_EQ(a.rules[i].priority, b.rules[i].priority);
        EXPECT_EQ(a.rules[i].negatable, b.rules[i].negatable);
        EXPECT_EQ(a.rules[i].name, b.rules[i].name);
        EXPECT_EQ(a.rules[i].location, b.rules[i].location);
    }
    ASSERT_EQ(a.variants.size(), b.variants.size());
    for (std::size_t i = 0; i < a.variants.size(); ++i) {
        const auto& x = a.variants[i];
        const auto& y = b.variants[i];
        EXPECT_EQ(x.rule, y.rule);
        EXPECT_EQ(x.anchor_start, y.anchor_start);
        EXPECT_EQ(x.anchor_end, y.anchor_end);
        EXPECT_EQ(x.gap_after.min, y.gap_after.min);
        EXPECT_EQ(x.gap_after.max, y.gap_after.max);
        ASSERT_EQ(x.parts.size(), y.parts.size());
        for (std::size_t k = 0; k < x.parts.size(); ++k) {
            EXPECT_EQ(x.parts[k].alternatives, y.parts[k].alternatives);
            EXPECT_EQ(x.parts[k].gap_before.min, y.parts[k].gap_before.min);
            EXPECT_EQ(x.parts[k].gap_before.max, y.parts[k].gap_before.max);
        }
    }
    EXPECT_EQ(a.lexicons, b.lexicons);
    EXPECT_EQ(a.negators, b.negators);
    EXPECT_EQ(a.negator_exceptions, b.negator_exceptions);
    EXPECT_EQ(a.negation_window, b.negation_window);
    ASSERT_EQ(a.examples.size(), b.examples.size());
    for (std::size_t i = 0; i < a.examples.size(); ++i) {
        EXPECT_EQ(a.examples[i].intent, b.examples[i].intent);
        EXPECT_EQ(a.examples[i].text, b.examples[i].text);
        EXPECT_EQ(a.examples[i].location, b.examples[i].location);
    }
}

// --- round trips ----------------------------------------------------------------------

TEST(ModelFile, SaveLoadGivesIdenticalClassifications) {
    const auto original = sample_model();
    const std::string bytes = original->save();
    const auto loaded = model::compiled_model::load(bytes);
    const auto expected = classify_all(*original);
    const auto actual = classify_all(*loaded);
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_TRUE(actual[i] == expected[i]) << sample_messages[i];
    expect_same_rules(original->rules(), loaded->rules());
    EXPECT_EQ(loaded->out_of_scope_intent(), original->out_of_scope_intent());
    EXPECT_EQ(loaded->matcher().state_count(), original->matcher().state_count());
    EXPECT_EQ(loaded->matcher().pattern_count(), original->matcher().pattern_count());
    EXPECT_EQ(loaded->matcher().memory_bytes(), original->matcher().memory_bytes());
}

TEST(ModelFile, SampleClassificationsAreMeaningful) {
    // Guards the round-trip test: the sample messages must exercise the rules.
    const auto m = sample_model();
    const auto results = classify_all(*m);
    const auto& intents = m->rules().intents;
    auto name = [&](std::size_t i) { return intents[results[i].intent].name; };
    EXPECT_EQ(name(0), "greeting");
    EXPECT_EQ(name(2), "bargain");
    EXPECT_EQ(name(3), "bargain");
    EXPECT_EQ(name(5), "return");
    EXPECT_EQ(name(6), "other");
    EXPECT_EQ(name(7), "return");
    EXPECT_EQ(name(8), "return");
    EXPECT_EQ(name(9), "complaint");
    EXPECT_TRUE(results[12].out_of_scope);
    EXPECT_EQ(name(15), "complaint");  // priority 9 beats bargain and return
    std::size_t hits = 0, negated = 0;
    for (const auto& r : results) {
        hits += r.hits.size();
        for (const auto& h : r.hits) negated += std::get<3>(h) ? 1 : 0;
    }
    EXPECT_GE(hits, 15u);
    EXPECT_GE(negated, 2u);
}

TEST(ModelFile, SavedBytesAreDeterministic) {
    const std::string a = sample_model()->save();
    const std::string b = sample_model()->save();
    EXPECT_EQ(a, b);
    EXPECT_EQ(model::compiled_model::load(a)->save(), a);
}

TEST(ModelFile, HeaderLayout) {
    const std::string bytes = sample_model()->save();
    ASSERT_GT(bytes.size(), header_size);
    EXPECT_EQ(bytes.substr(0, 8), "KEFUMODL");
    std::uint32_t version = 0, checksum = 0;
    std::uint64_t size = 0;
    std::memcpy(&version, bytes.data() + version_offset, 4);
    std::memcpy(&size, bytes.data() + size_offset, 8);
    std::memcpy(&checksum, bytes.data() + checksum_offset, 4);
    EXPECT_EQ(version, 5u);  // no class gaps in its rules (ModelFile.ClassGapsAreFormatSixAndOnlyThen)
    EXPECT_EQ(size, bytes.size() - header_size);
    EXPECT_EQ(checksum, kefu::detail::crc32_bytewise(std::string_view(bytes).substr(header_size)));
}

TEST(ModelFile, ModelWithoutRulesRoundTrips) {
    const auto m = model::compiled_model::compile({{"empty.kefu", "intent a\n"}});
    const auto loaded = model::compiled_model::load(m->save());
    ASSERT_EQ(loaded->rules().intents.size(), 2u);
    text::normalized t;
    intent::classify_scratch scratch;
    intent::classification c;
    text::normalize("退货", {}, t);
    loaded->classify(t, scratch, c);
    EXPECT_TRUE(c.out_of_scope);
    EXPECT_EQ(loaded->rules().intents[c.intent].name, "other");
}

TEST(ModelFile, ShopModelOnTopOfALoadedBaseRoundTrips) {
    const auto base = model::compiled_model::load(sample_model()->save());
    const auto shop = model::compiled_model::compile(
        {{"shop.kefu", "lexicon cheaper += 抹零\nintent gift priority 7\nrule gift: 送 {0,2} @cheaper\n"}}, base.get());
    const auto loaded = model::compiled_model::load(shop->save());
    expect_same_rules(shop->rules(), loaded->rules());
    EXPECT_TRUE(classify_all(*shop) == classify_all(*loaded));
}

// --- damaged files ------------------------------------------------------------------------

TEST(ModelFileDamage, BadMagic) {
    const std::string bytes = sample_model()->save();
    for (std::size_t i = 0; i < 8; ++i) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
        EXPECT_EQ(load_code(damaged), KEFU_ECORRUPT) << "byte " << i;
    }
    EXPECT_EQ(load_code(""), KEFU_ECORRUPT);
    EXPECT_EQ(load_code("KEFUMODL"), KEFU_ECORRUPT);
    EXPECT_EQ(load_code(std::string(1000, '\0')), KEFU_ECORRUPT);
}

TEST(ModelFileDamage, OtherFormatVersion) {
    const std::string bytes = sample_model()->save();
    for (std::uint32_t version : {0u, 1u, 2u, 3u, 9u, 0x100u, 0xFFFFFFFFu}) {
        std::string other = bytes;
        put_u32(other, version_offset, version);
        try {
            model::compiled_model::load(other);
            ADD_FAILURE() << "version " << version << " loaded";
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_EVERSION) << version;
            EXPECT_NE(std::string(e.what()).find(std::to_string(version)), std::string::npos) << e.what();
        }
    }
}

TEST(ModelFile, ReadsFormatFourWhoseFeatureSettingsLackPinyin) {
    auto options = model::training_options{};
    options.features.pinyin = 0;  // what a format 4 file holds
    options.features.min_latin_n = 0;
    options.learner.holdout = 0.0f;
    options.select_regularisation = false;
    const std::vector<model::labelled_text> data = {{"a", "我要退货"}, {"a", "退货怎么退"}, {"b", "在吗"}, {"b", "有人在吗"}};
    const auto trained = model::compiled_model::train(data, options, nullptr);
    std::string bytes = trained->save();
    put_u32(bytes, version_offset, 4);
    fix_checksum(bytes);
    const auto loaded = model::compiled_model::load(bytes);
    EXPECT_EQ(loaded->save(), trained->save());
}

// Format 6 added the character classes of gaps. A model whose rules use
// none is still written as format 5, which an older kefu reads; one that
// uses them is format 6, which an older kefu refuses rather than matching
// its rules without their classes.
TEST(ModelFile, ClassGapsAreFormatSixAndOnlyThen) {
    EXPECT_EQ(sample_format(), 5u);
    const auto classed = model::compiled_model::compile(
        {{"c.kefu", "intent a\nintent b\nrule a: 单号 {digits 3,6} 到哪\nrule b: ^ 1 {digits 9} $\n"}});
    const std::string bytes = classed->save();
    EXPECT_EQ(model::unpack(model::model_file, bytes).version, 6u);
    const auto loaded = model::compiled_model::load(bytes);
    EXPECT_EQ(loaded->save(), bytes);
    EXPECT_EQ(loaded->rules().variants[0].parts[1].gap_before.cls, intent::gap_class::digits);
    EXPECT_EQ(loaded->rules().variants[1].gap_after.cls, intent::gap_class::digits);
    // The loaded matcher applies the classes.
    text::normalized t;
    intent::classify_scratch scratch;
    intent::classification c;
    for (const auto& [message, fires] : {std::pair{"单号123到哪", true}, {"单号1a3到哪", false}}) {
        text::normalize(message, {}, t);
        loaded->classify(t, scratch, c);
        EXPECT_EQ(!c.hits.empty(), fires) << message;
    }
}

// Format 7 added the shortest n-gram of Latin letters to the feature
// settings. A model that keeps Latin n-grams from the character range's own
// minimum is still written in the older format; one that starts them later
// is format 7, which an older kefu refuses rather than computing features
// the model was not trained on.
TEST(ModelFile, LatinNgramsAreFormatSevenAndOnlyThen) {
    const std::vector<model::labelled_text> data = {
        {"a", "where is my card"}, {"a", "my card has not arrived"}, {"b", "hello"}, {"b", "hi there"}};
    auto options = model::training_options{};
    options.learner.holdout = 0.0f;
    options.select_regularisation = false;
    ASSERT_GT(options.features.min_latin_n, options.features.min_char_n) << "the default starts Latin n-grams later";
    const auto later = model::compiled_model::train(data, options, nullptr);
    const std::string bytes = later->save();
    EXPECT_EQ(model::unpack(model::model_file, bytes).version, 7u);
    const auto loaded = model::compiled_model::load(bytes);
    EXPECT_EQ(loaded->save(), bytes);
    EXPECT_TRUE(classify_all(*loaded) == classify_all(*later));
    options.features.min_latin_n = options.features.min_char_n;
    EXPECT_LT(model::unpack(model::model_file, model::compiled_model::train(data, options, nullptr)->save()).version, 7u)
        << "the format its rules need";
}

// A class byte beyond the known classes, in the rule set or in the
// automaton, is damage.
TEST(ModelFileDamage, UnknownGapClasses) {
    const auto classed = model::compiled_model::compile({{"c.kefu", "intent a\nrule a: 单号 {digits 3,6} 到哪\n"}});
    const std::string bytes = classed->save();
    const auto format = model::unpack(model::model_file, bytes).version;
    auto parts = sections_of(bytes);
    {
        intent::rule_set rules = classed->rules();
        rules.variants[0].parts[1].gap_before.cls = static_cast<intent::gap_class>(intent::gap_class_count);
        model::writer w;
        intent::save_rule_set(rules, w, format);
        auto damaged = parts;
        damaged[model::tag("RULE")] = w.data();
        EXPECT_EQ(load_code(model::pack(model::model_file, format, damaged)), KEFU_ECORRUPT);
    }
    {
        // The automaton's last tables: the part gaps (3 bytes each), then the
        // rules' flags (a count and one byte per rule).
        auto damaged = parts;
        std::string& section = damaged[model::tag("MTCH")];
        const std::size_t class_byte = section.size() - (8 + 1) - 1;  // the class of the last part's gap
        ASSERT_EQ(static_cast<std::uint8_t>(section[class_byte]), static_cast<std::uint8_t>(intent::gap_class::digits));
        section[class_byte] = static_cast<char>(intent::gap_class_count);
        EXPECT_EQ(load_code(model::pack(model::model_file, format, damaged)), KEFU_ECORRUPT);
    }
}

TEST(ModelFileDamage, TruncatedAtEveryLength) {
    const std::string bytes = sample_model()->save();
    ASSERT_GT(bytes.size(), 600u);
    std::set<std::size_t> cuts;
    for (std::size_t n = 0; n < 300; ++n) cuts.insert(n);
    for (std::size_t n = bytes.size() - 100; n < bytes.size(); ++n) cuts.insert(n);
    for (std::size_t k = 0; k < 300; ++k) cuts.insert(bytes.size() * k / 300);
    for (std::size_t n : cuts) {
        ASSERT_LT(n, bytes.size());
        EXPECT_EQ(load_code(std::string_view(bytes).substr(0, n)), KEFU_ECORRUPT) << "cut at " << n;
    }
    EXPECT_GT(cuts.size(), 600u);
}

TEST(ModelFileDamage, TrailingBytes) {
    const std::string bytes = sample_model()->save();
    EXPECT_EQ(load_code(bytes + std::string(1, '\0')), KEFU_ECORRUPT);
    EXPECT_EQ(load_code(bytes + bytes), KEFU_ECORRUPT);
}

TEST(ModelFileDamage, TruncatedPayloadWithAMatchingHeader) {
    // The header is made to agree with the shortened payload, so only the
    // section structure can tell.
    const std::string bytes = sample_model()->save();
    std::mt19937 rng(99);
    for (int round = 0; round < 300; ++round) {
        const std::size_t n = std::uniform_int_distribution<std::size_t>(header_size, bytes.size() - 1)(rng);
        std::string cut = bytes.substr(0, n);
        const std::uint64_t size = n - header_size;
        std::memcpy(cut.data() + size_offset, &size, sizeof size);
        fix_checksum(cut);
        EXPECT_EQ(load_code(cut), KEFU_ECORRUPT) << "cut at " << n;
    }
}

TEST(ModelFileDamage, SingleBitFlipsInTheHeader) {
    const std::string bytes = sample_model()->save();
    for (std::size_t i = 0; i < header_size; ++i) {
        if ((i >= flags_offset && i < flags_offset + 4) || i >= reserved_offset) continue;  // see ReservedHeaderFields
        for (int bit = 0; bit < 8; ++bit) {
            std::string damaged = bytes;
            damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
            // A flip that turns format 5 into 4 names a format this kefu still
            // reads, and whose layout is the same for these sections; one
            // into 7 names a format it reads whose gaps take three bytes, so
            // the sections do not parse.
            const bool version = i >= version_offset && i < version_offset + 4;
            const bool readable = version && i == version_offset && bit == 0;
            const bool misread = version && i == version_offset && bit == 1;
            const int expected = readable ? KEFU_OK : misread ? KEFU_ECORRUPT : version ? KEFU_EVERSION : KEFU_ECORRUPT;
            EXPECT_EQ(load_code(damaged), expected) << "byte " << i << " bit " << bit;
        }
    }
}

TEST(ModelFileDamage, SingleBitFlipsInThePayload) {
    const std::string bytes = sample_model()->save();
    std::mt19937 rng(2024);
    std::uniform_int_distribution<std::size_t> position(header_size, bytes.size() - 1);
    std::uniform_int_distribution<int> bit(0, 7);
    for (int round = 0; round < 250; ++round) {
        const std::size_t i = position(rng);
        const int b = bit(rng);
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ (1 << b));
        EXPECT_EQ(load_code(damaged), KEFU_ECORRUPT) << "byte " << i << " bit " << b;
    }
}

// The header's flags (bytes 12..15) and reserved word (bytes 28..31) are
// outside the checksum, so they are checked on their own: a set flag means a
// format feature this reader does not know (KEFU_EVERSION), a non-zero
// reserved word is damage (KEFU_ECORRUPT).
TEST(ModelFileDamage, ReservedHeaderFields) {
    const std::string bytes = sample_model()->save();
    for (std::size_t i : {12u, 13u, 14u, 15u, 28u, 29u, 30u, 31u}) {
        for (int bit = 0; bit < 8; ++bit) {
            std::string damaged = bytes;
            damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
            EXPECT_EQ(load_code(damaged), i < 16 ? KEFU_EVERSION : KEFU_ECORRUPT) << "byte " << i << " bit " << bit;
        }
    }
}

// Flips bits inside the payload and repairs the checksum, so that the
// section readers and the matcher's validation see the damage. Loading must
// either fail with KEFU_ECORRUPT or give a model that classifies without
// crashing.
TEST(ModelFileDamage, BitFlipsBehindAValidChecksumNeverCrash) {
    const std::string bytes = sample_model()->save();
    std::mt19937 rng(77);
    std::uniform_int_distribution<std::size_t> position(header_size, bytes.size() - 1);
    std::uniform_int_distribution<int> bit(0, 7);
    int rejected = 0, loaded = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string damaged = bytes;
        const int flips = 1 + round % 3;
        for (int f = 0; f < flips; ++f) damaged[position(rng)] ^= static_cast<char>(1 << bit(rng));
        fix_checksum(damaged);
        std::shared_ptr<const model::compiled_model> m;
        try {
            m = model::compiled_model::load(damaged);
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_ECORRUPT) << "round " << round << ": " << e.what();
            ++rejected;
            continue;
        }
        ++loaded;
        classify_all(*m);
    }
    EXPECT_GT(rejected, 100);
    EXPECT_GT(loaded, 100);
}

// The byte offset, inside the MTCH section, of the data of its n-th array
// (in the order matcher::save writes them, after three u32 fields), and the
// array's element count.
std::pair<std::size_t, std::uint64_t> matcher_array(const std::string& section, std::size_t n) {
    // alphabet stage 1 and 2, root row, states, edges, outputs, pattern lengths, pattern flags,
    // occurrence ranges, occurrences, continuation ranges, continuations, variants, part gaps, rules
    static constexpr std::size_t element_sizes[] = {2, 4, 4, 16, 8, 4, 4, 1, 4, 8, 4, 8, 16, 2, 1};
    std::size_t pos = 12;
    for (std::size_t i = 0;; ++i) {
        std::uint64_t count = 0;
        std::memcpy(&count, section.data() + pos, sizeof count);
        pos += sizeof count;
        if (i == n) return {pos, count};
        pos += count * element_sizes[i];
    }
}

TEST(ModelFileDamage, PatternLengthsLongerThanTheTrieDepth) {
    // A crafted file (valid checksum) whose pattern lengths exceed the depth of
    // the trie states that report them would make a match begin before the
    // message (an out-of-bounds read): validation must reject it. Message
    // "退了吧" begins with the 2-character pattern 退了.
    auto parts = sections_of(sample_model()->save());
    std::string& section = parts[model::tag("MTCH")];
    std::uint32_t longest = 0;
    std::memcpy(&longest, section.data() + 8, sizeof longest);
    ASSERT_GE(longest, 3u);
    const auto [offset, count] = matcher_array(section, 6);  // pattern_length_
    ASSERT_GT(count, 10u);
    for (std::uint64_t i = 0; i < count; ++i) put_u32(section, offset + i * 4, longest);
    std::shared_ptr<const model::compiled_model> m;
    try {
        m = model::compiled_model::load(repack(parts));
    } catch (const kefu::error& e) {
        EXPECT_EQ(e.code(), KEFU_ECORRUPT);
        return;
    }
    text::normalized t;
    intent::classify_scratch scratch;
    intent::classification c;
    text::normalize("退了吧", {}, t);
    m->classify(t, scratch, c);
    for (const auto& h : c.hits) {
        EXPECT_LT(h.begin, h.end);
        EXPECT_LE(h.end, t.units.size());
    }
}

TEST(ModelFileDamage, StateRangesOutOfOrder) {
    // A state whose edge range runs past the edge table, while a later state
    // (and the sentinel) end it correctly: validation used to read the edges
    // of the first state before it checked the later ranges (a heap overflow,
    // found by fuzz_model). Every range must be checked first.
    auto parts = sections_of(sample_model()->save());
    std::string& section = parts[model::tag("MTCH")];
    const auto [offset, count] = matcher_array(section, 3);  // states_
    ASSERT_GT(count, 3u);
    put_u32(section, offset + 1 * 16, 0x00FFFFFFu);  // state 1's edge_begin ends state 0's range
    EXPECT_EQ(load_code(repack(parts)), KEFU_ECORRUPT);
}

// The sample model with its rule set changed by `damage` (a valid checksum).
std::string with_rule_set(void (*damage)(intent::rule_set&)) {
    const auto m = sample_model();
    auto parts = sections_of(m->save());
    intent::rule_set rules = m->rules();
    damage(rules);
    model::writer w;
    intent::save_rule_set(rules, w, sample_format());
    parts[model::tag("RULE")] = w.data();
    return repack(parts);
}

TEST(ModelFileDamage, RuleSetStringsMustBeUtf8AndPatternsScalarValues) {
    // What the rule compiler never writes must not load either: invalid UTF-8
    // in a name made kefu_model_info_json and kefu_classify_json fail with
    // KEFU_EINTERNAL, and a code point above U+10FFFF in a pattern made
    // compiling a shop's rules on top of the model index the matcher's
    // alphabet table out of bounds; an empty pattern breaks the matcher's
    // assumption that every pattern has a length (found by fuzz_model).
    EXPECT_EQ(load_code(with_rule_set([](intent::rule_set& r) { r.intents[0].name = "gr\xe9" "eting"; })), KEFU_ECORRUPT);
    EXPECT_EQ(load_code(with_rule_set([](intent::rule_set& r) { r.intents[1].description = "\xe4\xbd"; })),
              KEFU_ECORRUPT);
    EXPECT_EQ(load_code(with_rule_set([](intent::rule_set& r) { r.rules[0].location = std::string(1, '\xff'); })),
              KEFU_ECORRUPT);
    EXPECT_EQ(load_code(with_rule_set([](intent::rule_set& r) { r.variants[0].parts[0].alternatives[0][0] = 0x110000; })),
              KEFU_ECORRUPT);
    EXPECT_EQ(load_code(with_rule_set([](intent::rule_set& r) { r.variants[0].parts[0].alternatives[0][0] = 0xD800; })),
              KEFU_ECORRUPT);
    EXPECT_EQ(load_code(with_rule_set([](intent::rule_set& r) { r.negators.push_back(U""); })), KEFU_ECORRUPT);
    EXPECT_EQ(load_code(with_rule_set([](intent::rule_set& r) { r.lexicons.begin()->second[0].clear(); })),
              KEFU_ECORRUPT);
    // Tokens (U+F0000..) are scalar values, and a model that uses them loads.
    EXPECT_EQ(load_code(with_rule_set([](intent::rule_set&) {})), KEFU_OK);
}

TEST(ModelFileDamage, HugeCountsInTheRuleSetDoNotAllocate) {
    // A count of 2^26 rules in a small section made loading allocate 5 GB
    // before it read the first rule (found by fuzz_model: out of memory).
    // Counts are now checked against the bytes left in the section.
    for (std::size_t field = 0; field < 3; ++field) {  // intents, then the rules of a model without intents
        model::writer w;
        if (field >= 1) w.u64(0);  // no intents
        if (field >= 2) w.u64(0);  // no rules
        w.u64(std::uint64_t{1} << 26);
        auto parts = sections_of(sample_model()->save());
        parts[model::tag("RULE")] = w.data() + std::string(64, '\0');
        EXPECT_EQ(load_code(repack(parts)), KEFU_ECORRUPT) << "count field " << field;
    }
}

// --- sections -------------------------------------------------------------------------------

TEST(ModelFileSections, PackAndUnpackRoundTrip) {
    const model::sections parts = {{model::tag("AAAA"), "first"}, {model::tag("BBBB"), ""}, {model::tag("CCCC"), std::string(3, '\0')}};
    const std::string bytes = model::pack(model::model_file, parts);
    const auto unpacked = model::unpack(model::model_file, bytes).sections;
    ASSERT_EQ(unpacked.size(), 3u);
    EXPECT_EQ(unpacked.at(model::tag("AAAA")), "first");
    EXPECT_EQ(unpacked.at(model::tag("BBBB")), "");
    EXPECT_EQ(unpacked.at(model::tag("CCCC")), std::string(3, '\0'));
}

TEST(ModelFileSections, TheModelHasItsFourSections) {
    const auto parts = sections_of(sample_model()->save());
    EXPECT_EQ(parts.size(), 4u);
    EXPECT_TRUE(parts.count(model::tag("META")));
    EXPECT_TRUE(parts.count(model::tag("RULE")));
    EXPECT_TRUE(parts.count(model::tag("MTCH")));
    EXPECT_TRUE(parts.count(model::tag("FLOW")));
}

TEST(ModelFileSections, MissingSectionIsCorrupt) {
    const auto parts = sections_of(sample_model()->save());
    const std::pair<std::uint32_t, std::string> names[] = {
        {model::tag("META"), "META"}, {model::tag("RULE"), "RULE"}, {model::tag("MTCH"), "MTCH"},
        {model::tag("FLOW"), "FLOW"}};
    for (const auto& [tag, name] : names) {
        auto damaged = parts;
        damaged.erase(tag);
        try {
            model::compiled_model::load(repack(damaged));
            ADD_FAILURE() << "loaded without " << name;
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_ECORRUPT);
            EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
        }
    }
}

TEST(ModelFileSections, OutOfScopeLabelMustBeAnIntent) {
    auto parts = sections_of(sample_model()->save());
    model::writer meta;
    meta.str("no_such_intent");
    parts[model::tag("META")] = meta.data();
    EXPECT_EQ(load_code(repack(parts)), KEFU_ECORRUPT);
}

TEST(ModelFileSections, SectionsFromDifferentModelsDoNotCrash) {
    // A rule set paired with another model's automaton: the automaton refers
    // to rules that do not exist in the rule set.
    const auto small = sections_of(model::compiled_model::compile({{"s.kefu", "intent a\nrule a: 甲\n"}})->save());
    auto parts = sections_of(sample_model()->save());
    parts[model::tag("RULE")] = small.at(model::tag("RULE"));
    parts[model::tag("META")] = small.at(model::tag("META"));
    std::shared_ptr<const model::compiled_model> m;
    try {
        m = model::compiled_model::load(repack(parts));
    } catch (const kefu::error& e) {
        EXPECT_EQ(e.code(), KEFU_ECORRUPT);
        return;
    }
    // Not classified: the automaton's rule numbers would index past the rule set.
    ADD_FAILURE() << "a rule set with 1 rule was accepted with an automaton for "
                  << sample_model()->rules().rules.size() << " rules";
}

}  // namespace
