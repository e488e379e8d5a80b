#include "profile/signals.hpp"

#include <algorithm>
#include <functional>
#include <initializer_list>

#include "text/char_class.hpp"

namespace kefu::detail::profile {
namespace {

using phrases = std::initializer_list<std::string_view>;

// Occurrences of any of `words` in the normalised text (Simplified script,
// lower case, repeats squeezed), capped: a word said five times is not five
// times the evidence.
float count_phrases(std::string_view text, phrases words, float cap = 3) {
    float n = 0;
    for (std::string_view w : words)
        for (std::size_t at = text.find(w); at != std::string_view::npos; at = text.find(w, at + w.size())) ++n;
    return std::min(n, cap);
}

std::string_view text_of(const message_observation& m) { return m.text->text; }

// Characters that carry words: not spaces, punctuation, symbols or emoji.
std::size_t content_chars(const message_observation& m) {
    std::size_t n = 0;
    for (const auto& u : m.text->units)
        if (u.cls != text::char_class::space && u.cls != text::char_class::punct && u.cls != text::char_class::symbol &&
            u.cls != text::char_class::emoji)
            ++n;
    return n;
}

bool has_intent(const message_observation& m, std::string_view intent) {
    return std::find(m.intents.begin(), m.intents.end(), intent) != m.intents.end();
}

bool has_entity(const message_observation& m, entity::entity_type type) {
    return m.entities && std::any_of(m.entities->begin(), m.entities->end(),
                                     [type](const entity::entity& e) { return e.type == type; });
}

float emoji_count(const message_observation& m, phrases names) {
    float n = 0;
    for (const auto& u : m.text->units) {
        if (u.cls != text::char_class::emoji || u.cp < 0xF0000) continue;
        const std::size_t index = u.cp - 0xF0000;
        if (index < text::emoji_token_names.size() &&
            std::find(names.begin(), names.end(), text::emoji_token_names[index]) != names.end())
            ++n;
    }
    return n;
}

bool complaining(const message_observation& m) {
    for (std::string_view i : {"complaint", "quality_issue", "refund", "return", "exchange", "ship_urge"})
        if (has_intent(m, i)) return true;
    return m.mood && m.mood->anger > 0.5f;
}

struct signal {
    std::string_view id;
    std::string_view description;
    std::function<float(const message_observation&)> detect;  // strength; 0 = did not fire
    std::vector<trait_push> pushes;
};

using enum trait;

const std::vector<signal>& signal_table() {
    static const std::vector<signal> table = {
        {"short_message", "message of 5 characters or fewer",
         [](const auto& m) { return content_chars(m) <= 5 ? 1.0f : 0.0f; },
         {{decisive, 0.5f}, {aloof, 0.6f}, {analytical, -0.3f}}},
        {"long_message", "message of 30 characters or more",
         [](const auto& m) { return content_chars(m) >= 30 ? 1.0f : 0.0f; },
         {{analytical, 0.5f}, {decisive, -0.4f}, {aloof, -0.5f}}},
        {"no_greeting", "opens the chat without a greeting or a polite word",
         [](const auto& m) {
             return m.index == 0 && count_phrases(text_of(m), {"你好", "您好", "在吗", "在?", "亲", "哈喽", "请问", "hello", "hi"}) == 0
                        ? 1.0f : 0.0f;
         },
         {{decisive, 0.3f}, {aloof, 0.3f}}},
        {"politeness", "polite words (亲, 您, 谢谢, 麻烦, 辛苦, 请问…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"亲", "您", "谢谢", "麻烦", "辛苦", "请问", "拜托", "劳驾", "感谢"}, 2);
         },
         {{friendly, 0.6f}, {aloof, -0.6f}, {difficult, -0.2f}}},
        {"warmth", "warm chat particles and laughter (哈哈, 呀, 啦, 嘛, 哒, ～, 祝你…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"哈哈", "嘻嘻", "呀", "啦", "嘛", "哒", "~", "祝你", "祝您", "咯", "嘿嘿", "好嘞"}, 2);
         },
         {{friendly, 0.8f}, {emotional, 0.2f}, {aloof, -0.5f}}},
        {"warm_emoji", "smiling or loving emoji",
         [](const auto& m) {
             return std::min(2.0f, emoji_count(m, {"smile", "laugh", "love", "kiss", "shy", "heart", "rose", "hug",
                                                  "thumbs_up", "clap", "cheer", "emoji"}));
         },
         {{friendly, 0.5f}, {emotional, 0.4f}, {impulsive, 0.2f}}},
        {"demand", "demands and imperatives (直接, 赶紧, 快点, 尽快, 给我, 必须, 马上…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"直接", "赶紧", "快点", "尽快", "给我", "必须", "马上", "立刻", "一句话",
                                               "就这个", "就要", "发我", "说重点"}, 2);
         },
         {{decisive, 0.8f}, {self_centred, 0.2f}}},
        {"refuses_advice", "turns recommendations down (不用推荐, 不用介绍, 别废话, 不考虑…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"不用推荐", "不用介绍", "别废话", "不考虑", "不用说", "别推荐", "不需要推荐",
                                               "我自己知道", "不用了"}, 2);
         },
         {{decisive, 0.8f}, {aloof, 0.4f}}},
        {"bare_acknowledgement", "a bare acknowledgement (嗯, 哦, 行, 好, 可以)",
         [](const auto& m) {
             const std::string_view t = text_of(m);
             for (std::string_view w : {"嗯", "哦", "行", "好", "可以", "ok", "嗯嗯", "恩", "行吧", "不用", "收到"})
                 if (t == w) return 1.0f;
             return 0.0f;
         },
         {{aloof, 0.7f}, {decisive, 0.3f}}},
        {"self_reference", "two or more 我 in one message",
         [](const auto& m) {
             const float n = count_phrases(text_of(m), {"我"}, 6);
             return n >= 3 ? 1.0f : n >= 2 ? 0.5f : 0.0f;
         },
         {{self_centred, 0.7f}}},
        {"wants_guarantee", "wants promises in writing (保证, 写清楚, 截图, 白纸黑字, 准话, 谁负责…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"保证", "写清楚", "写进", "截图", "白纸黑字", "准话", "谁负责", "负责吗",
                                               "口说无凭", "发一遍", "写下来", "承诺"}, 2);
         },
         {{self_centred, 1.1f}}},
        {"own_needs_first", "puts own needs first (我不管, 我只要, 我要你, 丑话说在前面…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"我不管", "我只要", "我要你", "丑话", "我可不", "我只认", "话放这",
                                               "我说了", "我的要求", "我是顾客", "我孩子", "我家"}, 2);
         },
         {{self_centred, 1.0f}, {difficult, 0.2f}}},
        {"threat", "threats and legal words (投诉, 12315, 消协, 律师, 曝光, 差评, 主管…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"投诉", "12315", "消协", "律师", "曝光", "差评", "工商", "主管", "平台介入",
                                               "起诉", "举报", "找你们领导"}, 2);
         },
         {{difficult, 1.2f}, {friendly, -0.4f}}},
        {"conditional_threat", "threatens for later, if the shop fails a promise (到时候…我就, 要是…就…)",
         [](const auto& m) {
             const std::string_view t = text_of(m);
             const bool condition = count_phrases(t, {"到时候", "要是", "如果", "万一", "再被"}) > 0;
             const bool threat = count_phrases(t, {"投诉", "差评", "曝光", "挂出来", "不认账", "吃不了兜着走", "12315"}) > 0;
             return condition && threat ? 1.0f : 0.0f;
         },
         {{self_centred, 1.4f}, {difficult, -0.8f}}},
        {"accusation", "accusations and rhetorical challenges (凭什么, 什么意思, 虚假宣传, 不认…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"凭什么", "什么意思", "谁看得", "虚假宣传", "不认", "打发", "你们自己说",
                                               "骗", "忽悠", "跟没写一样", "说话不算", "一个比一个", "问了三遍", "就会"}, 2);
         },
         {{difficult, 1.0f}, {friendly, -0.3f}}},
        {"anger", "angry tone (mood model: anger above 0.6)",
         [](const auto& m) { return m.mood && m.mood->anger > 0.6f ? 1.0f : 0.0f; },
         {{difficult, 0.7f}, {friendly, -0.5f}}},
        {"spec_question", "asks about specifications (attribute words, 参数, 成分, 含量, 型号, 规格…)",
         [](const auto& m) {
             float n = count_phrases(text_of(m), {"参数", "成分", "含量", "型号", "规格", "功率", "容量", "尺寸", "材质",
                                                  "配置", "标准", "认证", "批次", "日期"}, 2);
             if (has_entity(m, entity::entity_type::attribute)) n += 1;
             return std::min(n, 2.0f);
         },
         {{analytical, 0.7f}, {rational, 0.5f}}},
        {"structured", "writes in points or confirms facts (1. 2., 另外, 确认, 明白, 了解…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"1.", "2.", "1)", "2)", "另外", "确认", "明白", "了解", "按照", "依规定",
                                               "也就是说", "换算", "≈", "条理"}, 2);
         },
         {{analytical, 0.8f}}},
        {"numbers", "several numbers or measurements",
         [](const auto& m) {
             int groups = 0;
             bool in_digits = false;
             for (const auto& u : m.text->units) {
                 const bool digit = u.cls == text::char_class::digit;
                 if (digit && !in_digits) ++groups;
                 in_digits = digit;
             }
             return groups >= 2 ? 1.0f : 0.0f;
         },
         {{analytical, 0.4f}, {rational, 0.3f}}},
        {"price_focus", "talks price and discounts (便宜, 优惠, 券, 满减, 折, 到手价, 最低…)",
         [](const auto& m) {
             float n = count_phrases(text_of(m), {"便宜", "优惠", "券", "满减", "折", "到手价", "最低", "划算", "减",
                                                  "红包", "返现", "多少钱", "贵", "省"}, 2);
             for (std::string_view i : {"bargain", "bargain_compare", "bargain_ultimatum", "price_inquiry", "promotion"})
                 if (has_intent(m, i)) n += 1;
             if (has_entity(m, entity::entity_type::discount)) n += 1;
             return std::min(n, 3.0f);
         },
         {{price_driven, 0.6f}}},
        {"price_comparison", "compares with other shops' prices (别家, 拼多多, 旗舰店, 超市, 隔壁…)",
         [](const auto& m) {
             float n = count_phrases(text_of(m), {"别家", "别人家", "拼多多", "旗舰店", "超市", "隔壁", "才卖", "专柜价",
                                                  "京东上", "实体店"}, 2);
             if (has_intent(m, "bargain_compare")) n += 1;
             return std::min(n, 2.0f);
         },
         {{price_driven, 1.0f}, {rational, 0.1f}}},
        {"hesitation", "hesitates or postpones (再看看, 考虑, 纠结, 不知道, 不确定, 要不, 想想…)",
         [](const auto& m) {
             float n = count_phrases(text_of(m), {"再看看", "考虑", "纠结", "不知道", "不确定", "要不", "想想", "犹豫",
                                                  "说不准", "拿不定", "等等", "不太懂", "晚点再说", "再说吧", "算了", "看晕",
                                                  "听谁的", "第一次"}, 2);
             if (has_intent(m, "hesitate")) n += 1;
             return std::min(n, 2.0f);
         },
         {{undecided, 1.0f}, {decisive, -0.5f}}},
        {"either_or", "weighs alternatives (还是, 哪个好, 哪个更…)",
         [](const auto& m) { return count_phrases(text_of(m), {"还是", "哪个好", "哪个更", "选哪", "哪款"}, 2); },
         {{undecided, 0.5f}, {rational, 0.2f}}},
        {"research", "cites reviews, tests or comparisons (评价, 评测, 对比, 比较, 性价比, 检测报告…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"评价", "评测", "对比", "比较", "性价比", "检测报告", "买家秀", "差评里",
                                               "列一下", "综合", "区别", "测评"}, 2);
         },
         {{rational, 1.0f}, {analytical, 0.3f}}},
        {"aesthetics", "aesthetic and feeling words (好看, 可爱, 漂亮, 颜值, 喜欢, 心动, 质感…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"好看", "可爱", "漂亮", "颜值", "喜欢", "心动", "质感", "温柔", "氛围",
                                               "好美", "美哭", "少女心", "浪漫", "心都", "一眼", "高级感"}, 2);
         },
         {{emotional, 1.0f}}},
        {"gift", "buys for someone (送给, 送人, 礼物, 生日…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"送给", "送人", "礼物", "送她", "送他", "送闺蜜", "生日", "送长辈", "送婆婆"}, 1);
         },
         {{emotional, 0.5f}}},
        {"excitement", "excited urgency to buy (冲, 马上拍, 秒杀, 限时, 太值了, 要了…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"冲", "马上拍", "秒杀", "限时", "太值", "要了", "抢", "直播间", "太划算",
                                               "手快", "付了付了", "已付款", "都加上", "拍了"}, 2);
         },
         {{impulsive, 1.0f}}},
        {"loyalty", "says they are a returning customer (老顾客, 老样子, 还是上次, 一直用, 回购…)",
         [](const auto& m) {
             return count_phrases(text_of(m), {"老顾客", "老客户", "老样子", "还是上次", "一直用", "一直买", "每年都",
                                               "跟以前一样", "跟之前一样", "回购", "老地址", "地址不变", "地址没变",
                                               "用了一年", "喝两年", "上次的链接", "一直买的"}, 2);
         },
         {{habitual, 1.2f}}},
        {"fast_reply", "answered within 10 seconds",
         [](const auto& m) { return m.reply_latency_ms && *m.reply_latency_ms <= 10000 ? 1.0f : 0.0f; },
         {{decisive, 0.3f}, {impulsive, 0.2f}}},
        {"slow_reply", "answered after 5 minutes or more",
         [](const auto& m) { return m.reply_latency_ms && *m.reply_latency_ms >= 300000 ? 1.0f : 0.0f; },
         {{aloof, 0.3f}, {undecided, 0.3f}}},
        {"burst", "three or more messages within 30 seconds",
         [](const auto& m) { return m.burst >= 3 ? 1.0f : 0.0f; },
         {{impulsive, 0.2f}, {self_centred, 0.2f}}},
        {"wants_fix", "asks for a fix (怎么办, 解决, 换, 补发, 修, 处理…)",
         [](const auto& m) {
             if (!complaining(m)) return 0.0f;
             float n = count_phrases(text_of(m), {"怎么办", "解决", "换", "补发", "修", "处理", "重新发", "补寄"}, 2);
             if (has_intent(m, "exchange")) n += 1;
             return std::min(n, 2.0f);
         },
         {{solve, 1.0f}}},
        {"venting", "vents feelings (气死, 无语, 服了, 太差了, 垃圾, 什么破…)",
         [](const auto& m) {
             if (!complaining(m)) return 0.0f;
             return count_phrases(text_of(m), {"气死", "无语", "服了", "太差", "垃圾", "什么破", "恶心", "一个比一个差",
                                               "受不了", "心累", "倒霉"}, 2);
         },
         {{vent, 1.0f}}},
        {"wants_compensation", "asks for money back or compensation (赔, 补偿, 退一半, 差价, 返现…)",
         [](const auto& m) {
             if (!complaining(m)) return 0.0f;
             float n = count_phrases(text_of(m), {"赔", "补偿", "退一半", "差价", "红包", "返现", "优惠券", "退钱", "补钱",
                                                  "退款"}, 2);
             if (has_intent(m, "refund")) n += 1;
             return std::min(n, 2.0f);
         },
         {{compensation, 1.0f}}},
    };
    return table;
}

}  // namespace

std::vector<fired_signal> detect_signals(const message_observation& message) {
    std::vector<fired_signal> fired;
    for (const signal& s : signal_table())
        if (const float strength = s.detect(message); strength > 0) fired.push_back({s.id, s.description, strength, &s.pushes});
    return fired;
}

const event_signal& quick_order_signal() {
    static const event_signal s{"quick_order", "ordered within 3 minutes or 3 messages of the first message",
                                {{impulsive, 1.2f}, {decisive, 0.6f}, {undecided, -0.8f}}};
    return s;
}

const event_signal& repeat_buyer_signal() {
    static const event_signal s{"repeat_buyer", "CRM: bought the same brand again", {{habitual, 0.8f}}};
    return s;
}

const event_signal& loyal_customer_signal() {
    static const event_signal s{"loyal_customer", "CRM: many past orders or a long tenure", {{habitual, 0.5f}}};
    return s;
}

const event_signal& frequent_returner_signal() {
    static const event_signal s{"frequent_returner", "CRM: returns a large share of orders", {{difficult, 0.5f}}};
    return s;
}

}  // namespace kefu::detail::profile
