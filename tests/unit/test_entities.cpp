// Entity extraction against tests/golden/entities.jsonl: every case checks
// the exact set of entities, each one's byte span and its values.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/iso_time.hpp"
#include "entity/entity_json.hpp"
#include "entity/extractor.hpp"
#include "entity/numerals.hpp"

namespace {

using namespace kefu::detail;
using nlohmann::json;

std::vector<json> golden_cases(const std::string& name) {
    std::ifstream in(std::string(KEFU_TEST_DATA_DIR) + "/golden/" + name);
    std::vector<json> cases;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) cases.push_back(json::parse(line));
    return cases;
}

json extract_json(const std::string& text, const std::optional<entity::message_clock>& clock) {
    text::normalized normalized;
    text::normalize(text, {}, normalized);
    entity::extract_scratch scratch;
    std::vector<entity::entity> found;
    entity::extract(normalized, clock, scratch, found);
    return entity::to_json(found, text);
}

// The byte offset of the n-th occurrence (1-based) of `needle`.
std::size_t nth_offset(const std::string& haystack, const std::string& needle, int n) {
    std::size_t at = haystack.find(needle);
    while (at != std::string::npos && --n > 0) at = haystack.find(needle, at + 1);
    return at;
}

bool same_number(const json& a, const json& b) { return a.is_number() && b.is_number() && std::abs(a.get<double>() - b.get<double>()) < 1e-6; }

// Compares the fields the golden entity states (other fields may be extra).
std::string mismatch(const json& want, const json& got) {
    for (const auto& [key, value] : want.items()) {
        if (key == "occurrence" || key == "text" || key == "type") continue;
        if (!got.contains(key)) return "missing " + key;
        if (value.is_number() ? !same_number(value, got[key]) : value != got[key])
            return key + ": want " + value.dump() + ", got " + got[key].dump();
    }
    return {};
}

struct tally {
    int expected = 0, found = 0, correct = 0;
};

// Scores every case of a golden file; returns the number of failing cases
// and prints per-type counts. Each failing case is printed.
int score_golden(const std::string& name, bool report_failures) {
    const auto cases = golden_cases(name);
    EXPECT_GE(cases.size(), 100u);
    std::map<std::string, tally> per_type;
    int failures = 0;
    for (const json& c : cases) {
        const std::string text = c["text"];
        const auto now = parse_iso_time(c["now"].get<std::string>());
        EXPECT_TRUE(now) << c["now"];
        if (!now) continue;
        const json got = extract_json(text, entity::message_clock{now->epoch_seconds, now->utc_offset_minutes});
        std::vector<bool> used(got.size(), false);
        std::ostringstream problems;
        for (const json& want : c["entities"]) {
            const std::string type = want["type"];
            ++per_type[type].expected;
            const std::size_t start = nth_offset(text, want["text"], want.value("occurrence", 1));
            EXPECT_NE(start, std::string::npos) << text;
            const std::size_t end = start + want["text"].get<std::string>().size();
            bool matched = false;
            for (std::size_t k = 0; k < got.size() && !matched; ++k) {
                if (used[k] || got[k]["type"] != type || got[k]["start"] != start || got[k]["end"] != end) continue;
                used[k] = matched = true;
                if (const std::string why = mismatch(want, got[k]); why.empty()) ++per_type[type].correct;
                else problems << "  " << want.dump() << " → " << why << "\n";
            }
            if (!matched) problems << "  missed " << want.dump() << "\n";
        }
        for (std::size_t k = 0; k < got.size(); ++k) {
            ++per_type[got[k]["type"].get<std::string>()].found;
            if (!used[k]) problems << "  unexpected " << got[k].dump() << "\n";
        }
        if (!problems.str().empty()) {
            ++failures;
            if (report_failures) ADD_FAILURE() << text << "\n" << problems.str();
            else std::cout << text << "\n" << problems.str();
        }
    }
    for (const auto& [type, t] : per_type)
        std::cout << name << " " << type << ": expected " << t.expected << ", found " << t.found << ", correct "
                  << t.correct << "\n";
    std::cout << name << ": " << cases.size() << " cases, " << cases.size() - static_cast<std::size_t>(failures)
              << " exactly right\n";
    return failures;
}

// The cases the grammars were developed against: every one must pass.
TEST(EntityGolden, EveryCaseMatchesExactly) { EXPECT_EQ(score_golden("entities.jsonl", true), 0); }

// Cases written after the grammars, without sight of them or of the cases
// above. At first run 147 of 150 matched (docs/ENTITIES.md); the three
// misses were fixed, so from now on every case must pass.
TEST(EntityGolden, LaterCasesMatchToo) { EXPECT_EQ(score_golden("entities_holdout.jsonl", true), 0); }

TEST(EntityNumerals, ColloquialChineseNumbers) {
    const std::pair<const wchar_t*, double> cases[] = {
        {L"一百二", 120}, {L"三千五", 3500}, {L"两万五", 25000}, {L"百八十", 180}, {L"一百零五", 105},
        {L"十五", 15},    {L"二十", 20},     {L"两千五百", 2500}, {L"一万", 10000}, {L"三亿五千万", 350000000},
        {L"1,299", 1299}, {L"19.9", 19.9},   {L"0.01", 0.01}};
    for (const auto& [text, value] : cases) {
        const auto n = entity::parse_number(text);
        ASSERT_TRUE(n) << static_cast<int>(text[0]);
        EXPECT_DOUBLE_EQ(n->value, value);
        EXPECT_EQ(n->length, std::wcslen(text));
    }
    EXPECT_EQ(entity::parse_number(L"十百")->length, 1u);  // the longest number: 十
    EXPECT_FALSE(entity::parse_number(L"1234567890123"));  // an id, not an amount
}

TEST(EntityExtraction, WithoutClockTimesAreFoundButNotResolved) {
    const json got = extract_json("明天能到吗", std::nullopt);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0]["type"], "time");
    EXPECT_FALSE(got[0].contains("value"));
    EXPECT_EQ(got[0]["grain"], "day");
}

TEST(EntityExtraction, HostileInputStaysBounded) {
    // Long digit runs, numeral runs and emoji must not crash or go quadratic.
    const std::string digits(200000, '7');
    EXPECT_TRUE(extract_json(digits, std::nullopt).empty());
    std::string numerals;
    for (int i = 0; i < 50000; ++i) numerals += "一百";
    EXPECT_NO_THROW(extract_json(numerals, std::nullopt));
    EXPECT_TRUE(extract_json(std::string("\xff\xfe 59\x00元", 8), std::nullopt).is_array());
}

TEST(EntityExtraction, HugeNumbersAreNotHoursMonthsOrNthItems) {
    // Numbers of up to 12 digits parse; as an hour, a month, a day or the n of
    // 第n件 they are out of range instead of overflowing a conversion to
    // int (undefined behaviour, found by fuzz_text).
    const entity::message_clock clock{1795312800, 480};  // 2026-11-22T10:00:00+08:00
    for (const char* text : {"0666666666666点", "999999999999点半", "3点999999999999分", "99999999999月99999999999号",
                             "第999999999999件半价", "第99999件8折"}) {
        for (const auto& c : {std::optional<entity::message_clock>{}, std::optional<entity::message_clock>{clock}}) {
            const json got = extract_json(text, c);
            for (const json& e : got) {
                EXPECT_FALSE(e["type"] == "time" && e.contains("value")) << text << ": " << e.dump();
                EXPECT_FALSE(e["type"] == "discount" && e.value("kind", "") == "nth_item") << text << ": " << e.dump();
            }
        }
    }
}

TEST(EntityExtraction, DurationsTooLongForInt64AreNotDurations) {
    // 9e16 days overflowed the seconds to INT64_MIN (found with the
    // fuzz_text invariant "durations are not negative").
    EXPECT_TRUE(extract_json("九千万亿天", std::nullopt).empty());
    const json got = extract_json("等了三天", std::nullopt);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0]["seconds"], 3 * 86400);
}

TEST(EntityExtraction, EveryItemLinkOfALongMessageNamesItsItem) {
    // Links and their ids are paired in one walk; a megabyte-sized message of
    // links is a case for it. Links without an id sit between them.
    std::string text;
    for (int i = 0; i < 20000; ++i)
        text += "a.cn/?id=" + std::to_string(100000000 + i) + (i % 2 ? " 看下 " : " https://m.tb.cn/h.x ");
    const json got = extract_json(text, std::nullopt);
    ASSERT_EQ(got.size(), 20000u);
    EXPECT_EQ(got[0]["type"], "item_number");
    EXPECT_EQ(got[0]["value"], "100000000");
    EXPECT_EQ(got[19999]["value"], "100019999");
}

TEST(IsoTime, RoundTrips) {
    const auto t = parse_iso_time("2026-11-22T10:00:00+08:00");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->utc_offset_minutes, 480);
    EXPECT_EQ(format_iso_time(t->epoch_seconds, t->utc_offset_minutes), "2026-11-22T10:00:00+08:00");
    EXPECT_FALSE(parse_iso_time("2026-02-30T10:00:00+08:00"));
    EXPECT_FALSE(parse_iso_time("2026-11-22T10:00:00"));
    EXPECT_TRUE(parse_iso_time("2026-11-22T02:00:00Z"));
}

}  // namespace

namespace {

// An anonymised log's placeholder is an entity without a value: a host must
// not read 0 yuan or an empty order number into it.
TEST(Entities, AMaskedValueIsReportedWithoutOne) {
    const json got = extract_json("订单号[ORDERID_10187709]，退[金额x]给我", std::nullopt);
    ASSERT_EQ(got.size(), 2u) << got.dump();
    EXPECT_EQ(got[0]["type"], "order_number");
    EXPECT_EQ(got[0]["text"], "[ORDERID_10187709]");
    EXPECT_EQ(got[0]["masked"], true);
    EXPECT_FALSE(got[0].contains("value")) << "the digits after ORDERID_ are the log's own counter, not the order";
    EXPECT_EQ(got[1]["type"], "money");
    EXPECT_FALSE(got[1].contains("value"));
    EXPECT_EQ(got[1]["unit"], "CNY");
    EXPECT_FALSE(extract_json("订单号170312051938404253", std::nullopt)[0].contains("masked")) << "real digits are no mask";
    EXPECT_TRUE(extract_json("[姓名x]", std::nullopt).empty()) << "names are no entity type of kefu";
}

}  // namespace
