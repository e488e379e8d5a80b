#include <gtest/gtest.h>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <random>

#include "core/utf8.hpp"
#include "text/normalizer.hpp"

namespace {

namespace text = kefu::detail::text;
namespace utf8 = kefu::detail::utf8;

text::normalized run(std::string_view input, text::normalize_options options = {}) {
    text::normalized out;
    EXPECT_EQ(text::normalize(input, options, out), text::normalize_status::ok);
    return out;
}

// The offset map must point every character at a non-empty, in-bounds byte
// range of the input, in order, and the rendered text must match the units.
void expect_consistent(std::string_view input, const text::normalized& n) {
    ASSERT_EQ(n.text_starts.size(), n.units.size() + 1);
    EXPECT_EQ(n.text_starts.back(), n.text.size());
    EXPECT_TRUE(utf8::is_valid(n.text));
    for (std::size_t i = 0; i < n.units.size(); ++i) {
        const text::unit& u = n.units[i];
        EXPECT_LT(u.source_begin, u.source_end);
        EXPECT_LE(u.source_end, input.size());
        EXPECT_GE(u.repeat, 1u);
        if (i > 0) {  // ranges may be shared (one character expands to several) but never go back
            const text::unit& prev = n.units[i - 1];
            EXPECT_GE(u.source_begin, prev.source_begin) << "unit " << i;
            EXPECT_GE(u.source_end, prev.source_end) << "unit " << i;
        }
        if (!text::is_token(u.cp)) {
            const auto d = utf8::decode(n.text, n.text_starts[i]);
            EXPECT_EQ(d.code_point, u.cp);
            EXPECT_EQ(n.text_starts[i] + d.length, n.text_starts[i + 1]);
        }
    }
}

TEST(Normalizer, OffsetMapPointsIntoTheOriginalBytes) {
    const std::string input = "我要退貨！！！ ＸＬ😡😡 [微笑]";
    const auto n = run(input);
    expect_consistent(input, n);
    EXPECT_EQ(n.text, "我要退货! xl[:angry:] [:smile:]");
    // "貨" is bytes 9..12 of the input; "！！！" are 12..21 and fold into one "!".
    EXPECT_EQ(n.units[3].cp, U'货');
    EXPECT_EQ(n.units[3].source_begin, 9u);
    EXPECT_EQ(n.units[3].source_end, 12u);
    EXPECT_EQ(n.units[4].source_begin, 12u);
    EXPECT_EQ(n.units[4].source_end, 21u);
    EXPECT_EQ(n.units[4].repeat, 3u);
    const auto& emoticon = n.units.back();
    EXPECT_EQ(input.substr(emoticon.source_begin, emoticon.source_end - emoticon.source_begin), "[微笑]");
}

TEST(Normalizer, ALinkIsOneTokenOverItsBytes) {
    const std::string link = "HTTPS://m.tb.cn/h.5jWp?sm=1z01";
    const std::string input = "包邮吗 " + link + "，谢谢";
    const auto n = run(input);
    expect_consistent(input, n);
    EXPECT_EQ(n.text, "包邮吗 [:link:],谢谢");
    const text::unit& token = n.units[4];
    EXPECT_TRUE(text::is_placeholder_token(token.cp));
    EXPECT_EQ(input.substr(token.source_begin, token.source_end - token.source_begin), link);
    // Hostile input stays linear: a long run of host-like labels with no '/'.
    std::string labels;
    for (int i = 0; i < 20000; ++i) labels += "ab.";
    EXPECT_EQ(run(labels + " 在吗").size(), labels.size() + 3) << "no link: nothing ends the host with a '/'";
}

TEST(Normalizer, JoinsWordSegmentedChineseAndKeepsTheOffsets) {
    const std::string input = "我 要 退 貨";
    const auto n = run(input);
    expect_consistent(input, n);
    EXPECT_EQ(n.text, "我要退货");
    ASSERT_EQ(n.units.size(), 4u);
    EXPECT_EQ(n.units[3].source_begin, 12u);  // the spaces map to no character
    EXPECT_EQ(n.units[3].source_end, 15u);
    // Clauses of typed chat keep their break; so do spaces next to Latin.
    EXPECT_EQ(run("在吗 这个有货吗").text, "在吗 这个有货吗");
    EXPECT_EQ(run("要 xl 码").text, "要 xl 码");
}

TEST(Normalizer, KeepsRunLengthsOfSqueezedCharacters) {
    const auto n = run("急急急急急!!!!");
    EXPECT_EQ(n.text, "急急!");
    EXPECT_EQ(n.units[0].repeat, 1u);
    EXPECT_EQ(n.units[1].repeat, 4u);
    EXPECT_EQ(n.units[2].repeat, 4u);
    EXPECT_EQ(n.max_run, 5u);
}

TEST(Normalizer, RandomBytesNeverBreakTheInvariants) {
    std::mt19937 rng(20261122);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 96);
    for (int round = 0; round < 3000; ++round) {
        std::string input(static_cast<std::size_t>(length(rng)), '\0');
        for (char& c : input) c = static_cast<char>(byte(rng));
        const auto n = run(input);
        expect_consistent(input, n);
    }
}

// Without rendering (as classification normalises) the units, links and runs
// are the same, and no text is left from the message before.
TEST(Normalizer, UnitsAreTheSameWithoutTheRendering) {
    const text::normalize_options without_rendering = text::units_only();
    std::mt19937 rng(20261125);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 96);
    std::vector<std::string> inputs = {"亲 這個ＸＬ有貨嗎？？ 急急急😡 [微笑]", "看 https://item.taobao.com/item.htm?id=709484258177 这个",
                                       "我 要 退 货", "[电话x] 订单 123456789012"};
    for (int round = 0; round < 500; ++round) {
        std::string input(static_cast<std::size_t>(length(rng)), '\0');
        for (char& c : input) c = static_cast<char>(byte(rng));
        inputs.push_back(input);
    }
    text::normalized rendered, bare;
    for (const std::string& input : inputs) {
        text::normalize("上一条消息", {}, bare);  // a rendering the next call must clear
        ASSERT_EQ(text::normalize(input, {}, rendered), text::normalize(input, without_rendering, bare));
        ASSERT_EQ(rendered.units.size(), bare.units.size()) << input;
        for (std::size_t i = 0; i < bare.units.size(); ++i) {
            const text::unit &a = rendered.units[i], &b = bare.units[i];
            EXPECT_TRUE(a.cp == b.cp && a.source_begin == b.source_begin && a.source_end == b.source_end &&
                        a.repeat == b.repeat && a.cls == b.cls)
                << input << " unit " << i;
        }
        ASSERT_EQ(rendered.link_items.size(), bare.link_items.size());
        for (std::size_t i = 0; i < bare.link_items.size(); ++i) EXPECT_EQ(rendered.link_items[i].id, bare.link_items[i].id);
        EXPECT_EQ(rendered.max_run, bare.max_run);
        EXPECT_TRUE(bare.text.empty() && bare.text_starts.empty()) << input;
        EXPECT_EQ(rendered.text_starts.size(), rendered.units.size() + 1) << input;
    }
}

TEST(Normalizer, RejectModeReportsTheFirstInvalidByte) {
    text::normalize_options options;
    options.invalid_utf8 = text::invalid_utf8_policy::reject;
    text::normalized out;
    EXPECT_EQ(text::normalize("退货\xE9\x80", options, out), text::normalize_status::invalid_utf8);
    EXPECT_EQ(out.error_offset, 6u);
    EXPECT_TRUE(out.units.empty());
    EXPECT_EQ(text::normalize("退货", options, out), text::normalize_status::ok);
}

TEST(Normalizer, EnforcesTheMaximumLength) {
    text::normalize_options options;
    options.max_length = 8;
    text::normalized out;
    EXPECT_EQ(text::normalize("123456789", options, out), text::normalize_status::too_long);
    EXPECT_EQ(text::normalize("12345678", options, out), text::normalize_status::ok);
}

TEST(Normalizer, HandlesAMegabyteMessage) {
    std::string input;
    while (input.size() < (1u << 20)) input += "亲 這個ＸＬ有貨嗎？？ 急急急😡 ";
    const auto n = run(input);
    expect_consistent(input, n);
    EXPECT_GT(n.units.size(), 100000u);
}

TEST(Normalizer, FoldsHundredThousandEmojiIntoOneToken) {
    std::string input;
    for (int i = 0; i < 100000; ++i) input += "😡";
    const auto n = run(input);
    ASSERT_EQ(n.units.size(), 1u);
    EXPECT_EQ(n.units[0].repeat, 100000u);
    EXPECT_EQ(n.units[0].source_end, input.size());
}

TEST(Normalizer, LongCombiningRunsAreComposedInBoundedChunks) {
    std::string input = "a";
    for (int i = 0; i < 200000; ++i) input += "\xCC\x81";  // U+0301
    const auto n = run(input);
    expect_consistent(input, n);
    EXPECT_EQ(n.units.front().cp, U'á');
}

TEST(Normalizer, ReusedOutputGivesTheSameResult) {
    text::normalized out;
    const text::normalize_options options;
    text::normalize("有貨嗎😡😡", options, out);
    const std::string first = out.text;
    text::normalize("完全不同的一句話", options, out);
    text::normalize("有貨嗎😡😡", options, out);
    EXPECT_EQ(out.text, first);
}

// The tables must agree with ICU's NFKC_Casefold + Traditional-Simplified
// applied to whole strings, on text without whitespace, emoji or runs.
class IcuReference {
public:
    IcuReference() {
        UErrorCode status = U_ZERO_ERROR;
        nfkc_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
        t2s_.reset(icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
        ok_ = U_SUCCESS(status);
    }
    bool ok() const { return ok_; }
    std::string operator()(const std::string& s) const {
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString u = nfkc_->normalize(icu::UnicodeString::fromUTF8(s), status);
        t2s_->transliterate(u);
        std::string out;
        return u.toUTF8String(out);
    }

private:
    const icu::Normalizer2* nfkc_ = nullptr;
    std::unique_ptr<icu::Transliterator> t2s_;
    bool ok_ = false;
};

bool has_run_of_three(const std::u32string& s) {
    for (std::size_t i = 2; i < s.size(); ++i)
        if (s[i] == s[i - 1] && s[i] == s[i - 2]) return true;
    return false;
}

TEST(Normalizer, AgreesWithIcuOnRandomText) {
    const IcuReference icu_reference;
    ASSERT_TRUE(icu_reference.ok());
    const std::u32string pool =
        U"貨發這裡麼後乾髮國體愛買賣錢運費優惠謝請問退換款單號碼颜色尺寸我你他的了是在有吗"
        U"ABCXYZabcxyzＡＢＣｘｙｚ０１２３45６789ﾃｽﾄｶﾞﾊﾟｱｲｳ"
        U"\u0301\u0300\u0308\u0327\u1100\u1161\u11A8ﬁﬂ豈更①②㍱㎏Ⅻ¼ÅåÉéñ";
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1), length(1, 24);
    int compared = 0;
    for (int round = 0; round < 5000; ++round) {
        std::u32string s;
        const std::size_t n = length(rng);
        for (std::size_t i = 0; i < n; ++i) s.push_back(pool[pick(rng)]);
        const std::string input = utf8::from_u32(s);
        const std::string expected = icu_reference(input);
        if (has_run_of_three(utf8::to_u32(expected))) continue;
        ASSERT_EQ(text::normalize_to_string(input), expected) << "input: " << input;
        ++compared;
    }
    EXPECT_GT(compared, 4000);
}

}  // namespace
