// The reply checker's phrase classes. Written in Simplified Chinese; the
// lexicon normalises them like the text (Traditional, full-width and case
// fold to one form), so each phrase is listed once. Look-alikes are listed
// next to the phrase they protect.
#include "reply/phrases.hpp"

#include <algorithm>
#include <array>

namespace kefu::detail::reply::phrases {
namespace {

template <std::size_t N, std::size_t M>
constexpr std::array<phrase, N + M> concatenated(const std::array<phrase, N>& a, const std::array<phrase, M>& b) {
    std::array<phrase, N + M> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = a[i];
    for (std::size_t i = 0; i < M; ++i) out[N + i] = b[i];
    return out;
}

// 亲 inside a word (亲自, 母亲) is not the friendly address 亲.
constexpr std::array words_holding_qin = {
    look_alike("亲自"), look_alike("亲手"), look_alike("亲身"), look_alike("亲测"), look_alike("亲眼"),
    look_alike("亲口"), look_alike("亲人"), look_alike("亲戚"), look_alike("亲子"), look_alike("亲友"),
    look_alike("父亲"), look_alike("母亲"),
};

// --- Flat refusals -----------------------------------------------------
// A trainer's first rule: never answer with a bare "no". A refusal is
// acceptable only when softened (亲/呢/哦/抱歉…) and followed by what the
// shop can do instead. The suggestion is a softened wording of the span.
constexpr std::string_view soften_refusal = "真的不好意思呢，这个暂时办不到，这边帮您看看其他办法哦";
constexpr std::string_view soften_out_of_stock = "不好意思呢，这个暂时没有，这边给您看看其他合适的选择哦";
constexpr std::string_view soften_unknown = "您稍等，这边帮您确认一下，马上回复您哦";
constexpr std::string_view soften_no_bargain = "真的不好意思，已经是活动价了呢，给您送个小礼品可以吗？";
constexpr std::string_view soften_no_return = "不好意思呢，这种情况暂时不支持退换，不过这边可以帮您想办法哦";
constexpr std::string_view soften_denial = "您别着急，这边马上帮您核实一下哦";
constexpr std::string_view soften_cannot_ship = "不好意思呢，这边暂时发不出，会优先给您安排并告诉您时间哦";

constexpr std::array blunt_negative_table = {
    phrase{"不行", soften_refusal},
    phrase{"不可以", soften_refusal},
    phrase{"不能", soften_refusal},
    phrase{"没办法", soften_refusal},
    phrase{"没法", soften_refusal},
    phrase{"做不到", soften_refusal},
    phrase{"办不到", soften_refusal},
    phrase{"改不了", soften_refusal},
    phrase{"不支持", soften_refusal},
    phrase{"不接受", soften_refusal},
    phrase{"不提供", soften_refusal},
    phrase{"没有", soften_out_of_stock},
    phrase{"没货", soften_out_of_stock},
    phrase{"卖完", soften_out_of_stock},
    phrase{"售罄", soften_out_of_stock},
    phrase{"断货", soften_out_of_stock},
    phrase{"缺货", soften_out_of_stock},
    phrase{"不知道", soften_unknown},
    phrase{"不清楚", soften_unknown},
    phrase{"不可能", soften_denial},
    phrase{"不管", soften_denial},
    phrase{"不负责", soften_denial},
    phrase{"不还价", soften_no_bargain},
    phrase{"不讲价", soften_no_bargain},
    phrase{"不议价", soften_no_bargain},
    phrase{"不砍价", soften_no_bargain},
    phrase{"不包邮", "不好意思呢，这边暂时不包邮，满额就可以包邮哦"},
    phrase{"不退", soften_no_return},
    phrase{"不换", soften_no_return},
    phrase{"退不了", soften_no_return},
    phrase{"换不了", soften_no_return},
    phrase{"发不了", soften_cannot_ship},
    phrase{"发不出", soften_cannot_ship},
    // Questions and courtesies that contain a negative but refuse nothing.
    look_alike("有没有"), look_alike("能不能"), look_alike("行不行"), look_alike("可不可以"),
    look_alike("没有问题"), look_alike("没问题"), look_alike("没有其他问题"), look_alike("没有别的问题"),
    look_alike("不知道您"), look_alike("不清楚的地方"),
    look_alike("不管是"), look_alike("不管您"), look_alike("不退色"), look_alike("不能不"),
    // Product facts stated in the negative: nothing is refused.
    look_alike("没有添加"), look_alike("没有异味"), look_alike("没有色差"), look_alike("没有任何"),
};

// Softeners: an apology, the address 亲, or a sentence-final particle.
constexpr auto softener_table = concatenated(std::array{
    phrase{"抱歉"}, phrase{"对不起"}, phrase{"不好意思"}, phrase{"见谅"},
    phrase{"亲"}, phrase{"呢"}, phrase{"哦"}, phrase{"噢"}, phrase{"喔"},
    phrase{"哈"}, phrase{"呀"}, phrase{"啦"}, phrase{"哟"},
}, words_holding_qin);

// A way forward after a refusal: another option, a condition, an offer.
constexpr std::array alternative_table = {
    phrase{"不过"}, phrase{"但是"}, phrase{"可以"}, phrase{"推荐"}, phrase{"建议"},
    phrase{"换成"}, phrase{"改成"}, phrase{"改为"}, phrase{"或者"}, phrase{"帮您"},
    phrase{"给您"}, phrase{"为您"}, phrase{"送您"}, phrase{"其他"}, phrase{"别的"},
    phrase{"另外"}, phrase{"同款"}, phrase{"申请"}, phrase{"联系"}, phrase{"试试"},
    look_alike("不可以"),  // refuses, offers nothing
};

// --- Commanding tone ------------------------------------------------------
// Orders, impatience and put-downs: the customer is told off instead of served.
constexpr std::string_view point_to_page = "您可以在详情页查看，这边也给您发一下哦";
constexpr std::string_view explain_again = "这边再给您说明一下哦";
constexpr std::string_view guide_patiently = "没关系，这边一步一步教您哦";
constexpr std::string_view recommend_politely = "给您推荐一下，您可以参考哦";
constexpr std::string_view ask_politely = "麻烦您先";
constexpr std::string_view no_pressure = "喜欢的话可以早点下单哦";
constexpr std::string_view stay_patient = "您可以再考虑一下，有需要随时找我哦";

constexpr std::array commanding_table = {
    phrase{"自己看", point_to_page}, phrase{"自己去看", point_to_page}, phrase{"自己查", point_to_page},
    phrase{"自己去查", point_to_page}, phrase{"自己找", point_to_page}, phrase{"自己去找", point_to_page},
    phrase{"你没看", point_to_page}, phrase{"你没有看", point_to_page}, phrase{"没看到吗", point_to_page},
    phrase{"看不懂吗", guide_patiently}, phrase{"你看不懂", guide_patiently}, phrase{"不会看吗", guide_patiently},
    phrase{"不知道吗", explain_again},
    phrase{"这都不会", guide_patiently}, phrase{"这都不懂", guide_patiently}, phrase{"连这都不会", guide_patiently},
    phrase{"连这个都不会", guide_patiently},
    phrase{"说了多少遍", explain_again}, phrase{"说过多少遍", explain_again}, phrase{"说过了", explain_again},
    phrase{"跟你说了", explain_again}, phrase{"不是说了吗", explain_again}, phrase{"都说了", explain_again},
    phrase{"别问了", explain_again}, phrase{"不要问了", explain_again}, phrase{"别再问", explain_again},
    phrase{"听我说", recommend_politely}, phrase{"听我的", recommend_politely},
    phrase{"你必须", ask_politely}, phrase{"您必须", ask_politely}, phrase{"你只能", ask_politely},
    phrase{"你要", ask_politely}, look_alike("你要的"), look_alike("你要是"), look_alike("你要不要"),
    phrase{"你先", ask_politely}, phrase{"你去", ask_politely},
    phrase{"赶紧", no_pressure}, phrase{"赶快", no_pressure}, phrase{"快点下单", no_pressure},
    phrase{"快点付款", no_pressure}, phrase{"快点拍", no_pressure},
    phrase{"爱买不买", stay_patient}, phrase{"不买拉倒", stay_patient}, phrase{"随便你", stay_patient},
    phrase{"有什么好问", explain_again}, phrase{"问那么多", explain_again}, phrase{"烦不烦", explain_again},
    phrase{"你到底", explain_again}, phrase{"还想怎样", explain_again}, phrase{"还想怎么样", explain_again},
    phrase{"还要怎样", explain_again},
};

// --- Vague words ----------------------------------------------------------
// Hedges that leave a fact or a promise open. The suggestion replaces the
// word: empty means "state it without the hedge, after checking".
constexpr std::array vague_table = {
    phrase{"可能"}, phrase{"大概"}, phrase{"应该"}, phrase{"好像"}, phrase{"估计"},
    phrase{"也许"}, phrase{"或许"}, phrase{"大约"}, phrase{"似乎"}, phrase{"貌似"},
    phrase{"说不定"}, phrase{"八成"}, phrase{"没准"}, phrase{"不确定"}, phrase{"差不多", "基本一样"},
    // Not hedges: a flat denial (its own rule), "as far as possible", "it is our duty".
    look_alike("不可能"), look_alike("尽可能"), look_alike("应该的"),
};

// A product fact or a policy: material, size, time, money, the after-sales rules.
constexpr std::array fact_cue_table = {
    phrase{"发货"}, phrase{"发出"}, phrase{"寄出"}, phrase{"到货"}, phrase{"送达"}, phrase{"到账"},
    phrase{"退"}, phrase{"换"}, phrase{"码"}, phrase{"尺寸"}, phrase{"材质"}, phrase{"面料"},
    phrase{"成分"}, phrase{"保质期"}, phrase{"质保"}, phrase{"保修"}, phrase{"运费"}, phrase{"包邮"},
    phrase{"价"}, phrase{"元"}, phrase{"适合"}, phrase{"能用"}, phrase{"可以用"},
    phrase{"库存"}, phrase{"现货"}, phrase{"补货"}, phrase{"发票"}, phrase{"赠品"}, phrase{"优惠"},
};

// --- Self-centred wording ---------------------------------------------------
// The suggestion turns the sentence towards the customer (我们 → 咱们).
constexpr std::array self_reference_table = {
    phrase{"我们", "咱们"}, phrase{"我这边", "这边"}, phrase{"我这里", "这边"}, phrase{"我", "这边"},
};

// The customer's side; the suggestion is the polite form (你 → 您).
constexpr auto customer_reference_table = concatenated(std::array{
    phrase{"您"}, phrase{"你", "您"}, phrase{"咱们"}, phrase{"咱"}, phrase{"亲"},
}, words_holding_qin);

// --- Bare replies -------------------------------------------------------------
// A whole reply of one acknowledgement tells the customer nothing. The
// suggestion is a reply that says what was done and offers more help.
constexpr std::string_view full_acknowledgement = "好的呢，这边已经收到并记下了哦，还有什么可以帮您的吗？";
constexpr std::string_view full_greeting = "您好，在的呢，请问有什么可以帮您的吗？";
constexpr std::string_view full_yes = "有的呢，您喜欢的话可以直接下单，今天就给您安排发出哦";

constexpr phrase bare_acknowledgement(std::string_view word) noexcept { return {word, full_acknowledgement}; }

constexpr std::array bare_reply_table = {
    bare_acknowledgement("嗯"), bare_acknowledgement("嗯嗯"), bare_acknowledgement("恩"),
    bare_acknowledgement("恩恩"), bare_acknowledgement("嗯呢"), bare_acknowledgement("哦"),
    bare_acknowledgement("哦哦"), bare_acknowledgement("噢"), bare_acknowledgement("喔"),
    bare_acknowledgement("好"), bare_acknowledgement("好的"), bare_acknowledgement("好滴"),
    bare_acknowledgement("好吧"), bare_acknowledgement("好嘞"), bare_acknowledgement("行"),
    bare_acknowledgement("行吧"), bare_acknowledgement("可以"), bare_acknowledgement("是"),
    bare_acknowledgement("是的"), bare_acknowledgement("对"), bare_acknowledgement("对的"),
    bare_acknowledgement("ok"), bare_acknowledgement("okay"), bare_acknowledgement("知道"),
    bare_acknowledgement("知道了"), bare_acknowledgement("收到"), bare_acknowledgement("了解"),
    bare_acknowledgement("明白"), bare_acknowledgement("懂了"),
    phrase{"在", full_greeting}, phrase{"在的", full_greeting},
    phrase{"有", full_yes}, phrase{"有的", full_yes},
};

// --- Apologies, greetings, closings ------------------------------------------
constexpr std::array apology_table = {
    phrase{"抱歉"}, phrase{"对不起"}, phrase{"对不住"}, phrase{"不好意思"}, phrase{"添麻烦"},
    phrase{"道歉"}, phrase{"致歉"}, phrase{"歉意"}, phrase{"见谅"},
};

// Openings that may precede the apology, and phatic questions ("在吗") that
// ask nothing of substance.
constexpr std::array greeting_table = {
    phrase{"您好"}, phrase{"你好"}, phrase{"亲"}, phrase{"亲亲"}, phrase{"亲爱的"}, phrase{"哈喽"},
    phrase{"嗨"}, phrase{"早上好"}, phrase{"下午好"}, phrase{"晚上好"}, phrase{"在的"},
    phrase{"在吗"}, phrase{"在么"}, phrase{"在不在"}, phrase{"有人吗"}, phrase{"有人在吗"},
};

// Acknowledgements that may open a reply before the apology ("收到您的反馈，
// 非常抱歉…"): they take in what the customer said and explain nothing.
constexpr std::array acknowledgement_table = {
    phrase{"收到"}, phrase{"了解"}, phrase{"明白"}, phrase{"理解"}, phrase{"好的"}, phrase{"嗯"},
};

// A closing question, an open offer of help, or a well-wish.
constexpr std::array closing_table = {
    phrase{"还有其他问题"}, phrase{"还有别的问题"}, phrase{"还有什么问题"}, phrase{"还有什么疑问"},
    phrase{"还有什么可以帮"}, phrase{"还有什么需要"}, phrase{"还有其他需要"}, phrase{"还有哪里需要"},
    phrase{"有需要随时"}, phrase{"有问题随时"}, phrase{"有任何问题"}, phrase{"有任何疑问"},
    phrase{"有疑问随时"}, phrase{"随时找我"}, phrase{"随时联系"}, phrase{"随时咨询"}, phrase{"随时告诉"},
    phrase{"祝您"}, phrase{"祝你"}, phrase{"欢迎下次光临"}, phrase{"欢迎再次光临"}, phrase{"欢迎再来"},
    phrase{"期待您再次光临"}, phrase{"期待下次"},
};

// A parcel that does not move, arrive or exist any more.
constexpr std::array logistics_problem_table = {
    phrase{"没动"}, phrase{"不动"}, phrase{"没更新"}, phrase{"没有更新"}, phrase{"没到"}, phrase{"没收到"},
    phrase{"没派送"}, phrase{"没送"}, phrase{"丢了"}, phrase{"寄丢"}, phrase{"丢件"}, phrase{"破损"},
    phrase{"卡在"}, phrase{"停在"}, phrase{"太慢"}, phrase{"好几天"},
};

// Words that make a customer's segment a question (besides "?" and A-不-A).
constexpr std::array question_word_table = {
    phrase{"吗"}, phrase{"什么"}, phrase{"怎么"}, phrase{"怎样"}, phrase{"如何"}, phrase{"多少"},
    phrase{"几"}, phrase{"多久"}, phrase{"多大"}, phrase{"多长"}, phrase{"多重"}, phrase{"哪"},
    phrase{"谁"}, phrase{"是否"},
    look_alike("好几"), look_alike("几乎"),  // "好几天" counts days, it does not ask
};

// Verbs a yes/no question turns on ("能用吗", "有黑色吗"): the reply answers
// it when one of them stands before the same word ("可以用的", "没有黑色").
constexpr std::array yes_no_verb_table = {
    phrase{"能"}, phrase{"可以"}, phrase{"会"}, phrase{"有"}, phrase{"是"}, phrase{"支持"},
};

// --- Question topics --------------------------------------------------------------
// Each topic: the words a customer asks with, and the words of a reply that
// addresses it. A question outside every topic is matched on its own key terms.
constexpr auto shipping_fee_asked = std::to_array<phrase>({{"运费"}, {"邮费"}, {"包邮"}});
constexpr auto shipping_fee_answered = std::to_array<phrase>({
    {"运费"}, {"邮费"}, {"包邮"}, {"元"}, {"块"}, {"承担"}, {"免费"}});

constexpr auto ship_time_asked = std::to_array<phrase>({
    {"什么时候发"}, {"什么时候寄"}, {"什么时候可以发"}, {"什么时候可以寄"}, {"什么时候能发"},
    {"什么时候出货"}, {"几天到"}, {"几天能到"}, {"几天可以到"}, {"多久到"}, {"多久能到"},
    {"多久发"}, {"能发吗"}, {"发货"}, {"出货"}, {"晚发"}, {"到货"}});
constexpr auto ship_time_answered = std::to_array<phrase>({
    {"今天"}, {"明天"}, {"后天"}, {"当天"}, {"次日"}, {"隔天"}, {"天"}, {"小时"}, {"点前"},
    {"周"}, {"发出"}, {"发货"}, {"寄出"}, {"出货"}, {"送达"}, {"送到"}, {"到货"}, {"到达"}});

constexpr auto courier_words = std::to_array<phrase>({
    {"快递"}, {"顺丰"}, {"中通"}, {"圆通"}, {"韵达"}, {"申通"}, {"极兔"}, {"邮政"}, {"ems"},
    {"京东"}, {"黑猫"}, {"物流公司"}});

constexpr auto price_asked = std::to_array<phrase>({
    {"多少钱"}, {"价格"}, {"价钱"}, {"什么价"}, {"几块"}, {"怎么卖"}});
constexpr auto price_answered = std::to_array<phrase>({{"元"}, {"块"}, {"钱"}, {"价"}, {"港币"}, {"折"}});

constexpr auto discount_asked = std::to_array<phrase>({
    {"便宜"}, {"优惠"}, {"打折"}, {"折扣"}, {"抹零"}, {"少点"}, {"还价"}, {"砍价"}});
constexpr auto discount_answered = std::to_array<phrase>({
    {"便宜"}, {"优惠"}, {"折"}, {"减"}, {"最低价"}, {"活动价"}, {"底价"}, {"特价"}, {"还价"},
    {"券"}, {"实价"}, {"让利"}});

constexpr auto gift_asked = std::to_array<phrase>({
    {"赠品"}, {"送什么"}, {"送东西"}, {"礼品"}, {"礼物"}, {"送点"}});
constexpr auto gift_answered = std::to_array<phrase>({{"送"}, {"赠"}, {"礼"}});

constexpr auto stock_asked = std::to_array<phrase>({
    {"有货"}, {"现货"}, {"库存"}, {"有没有货"}, {"缺货"}, {"补货"}});
constexpr auto stock_answered = std::to_array<phrase>({
    {"有货"}, {"现货"}, {"库存"}, {"有的"}, {"没有"}, {"没货"}, {"补货"}, {"剩"}, {"售罄"}, {"到货"}});

constexpr auto usage_asked = std::to_array<phrase>({
    {"怎么用"}, {"怎么使用"}, {"如何使用"}, {"用法"}, {"怎么安装"}, {"怎么装"}, {"怎么弄"},
    {"怎么操作"}});
constexpr auto usage_answered = std::to_array<phrase>({
    {"先"}, {"步骤"}, {"涂"}, {"抹"}, {"取"}, {"按"}, {"洗"}, {"装"}, {"插"}, {"打开"}});

constexpr auto frequency_asked = std::to_array<phrase>({{"几次"}, {"多少次"}, {"多久一次"}});
constexpr auto frequency_answered = std::to_array<phrase>({{"次"}, {"早晚"}, {"每天"}, {"每日"}, {"每周"}});

constexpr auto material_asked = std::to_array<phrase>({
    {"材质"}, {"面料"}, {"材料"}, {"真皮"}, {"纯棉"}, {"实木"}, {"什么做的"}});
constexpr auto material_answered = std::to_array<phrase>({
    {"材质"}, {"面料"}, {"材料"}, {"皮"}, {"棉"}, {"木"}, {"钢"}, {"纤维"}});

constexpr auto repair_asked = std::to_array<phrase>({
    {"保修"}, {"质保"}, {"保固"}, {"坏了"}, {"维修"}, {"怎么修"}});
constexpr auto repair_answered = std::to_array<phrase>({
    {"修"}, {"质保"}, {"保固"}, {"售后"}, {"换新"}, {"包换"}});

constexpr auto size_asked = std::to_array<phrase>({
    {"什么码"}, {"多大码"}, {"穿多大"}, {"尺码"}, {"尺寸"}, {"大小"}});
constexpr auto size_answered = std::to_array<phrase>({{"码"}, {"尺寸"}, {"cm"}, {"公分"}, {"厘米"}});

constexpr auto refund_asked = std::to_array<phrase>({{"退款"}, {"退钱"}});
constexpr auto refund_answered = std::to_array<phrase>({{"退款"}, {"到账"}, {"原路"}, {"退回"}});

constexpr auto return_asked = std::to_array<phrase>({{"退货"}, {"能退"}, {"可以退"}, {"退吗"}, {"退换"}});
constexpr auto return_answered = std::to_array<phrase>({
    {"退货"}, {"退换"}, {"可以退"}, {"无理由"}, {"寄回"}});

constexpr auto instalment_asked = std::to_array<phrase>({{"分期"}});
constexpr auto instalment_answered = std::to_array<phrase>({{"分期"}, {"免息"}, {"期"}});

constexpr auto storage_asked = std::to_array<phrase>({{"冰箱"}, {"保存"}, {"储存"}, {"存放"}, {"冷藏"}});
constexpr auto storage_answered = std::to_array<phrase>({
    {"冰箱"}, {"冷藏"}, {"常温"}, {"保存"}, {"储存"}, {"阴凉"}, {"存放"}});

// Intent ids of the shop's faults, and of small talk.
constexpr std::array<std::string_view, 3> fault_intents = {"quality_issue", "ship_urge", "complaint"};
constexpr std::array<std::string_view, 1> fault_intents_when_problem = {"logistics"};
constexpr std::array<std::string_view, 6> social_intents = {"greeting", "thanks", "goodbye", "affirm", "other",
                                                            "chitchat"};

// Sentence-final particles.
constexpr std::u32string_view particles = U"呢哦噢喔呀啊啦哈哒哟嘛吧呗";

// Question filler: question words, pronouns, copulas, modal verbs and
// particles. What is left of a question between them names its topic.
constexpr std::u32string_view question_filler =
    U"吗呢么吧啊呀哦啦嘛呗的了是有没能可以会不要这那个款件什怎多少几哪谁久样如何"
    U"我你您们还再就都也很和跟给把被在请问一下点";

template <typename Table>
bool contains(const Table& table, std::string_view value) noexcept {
    return std::find(table.begin(), table.end(), value) != table.end();
}

}  // namespace

const lexicon& blunt_negatives() { static const lexicon l(blunt_negative_table); return l; }
const lexicon& softeners() { static const lexicon l(softener_table); return l; }
const lexicon& alternatives() { static const lexicon l(alternative_table); return l; }
const lexicon& commanding() { static const lexicon l(commanding_table); return l; }
const lexicon& vague_words() { static const lexicon l(vague_table); return l; }
const lexicon& fact_cues() { static const lexicon l(fact_cue_table); return l; }
const lexicon& self_references() { static const lexicon l(self_reference_table); return l; }
const lexicon& customer_references() { static const lexicon l(customer_reference_table); return l; }
const lexicon& bare_replies() { static const lexicon l(bare_reply_table); return l; }
const lexicon& apologies() { static const lexicon l(apology_table); return l; }
const lexicon& greetings() { static const lexicon l(greeting_table); return l; }
const lexicon& acknowledgements() { static const lexicon l(acknowledgement_table); return l; }
const lexicon& closings() { static const lexicon l(closing_table); return l; }
const lexicon& logistics_problems() { static const lexicon l(logistics_problem_table); return l; }
const lexicon& question_words() { static const lexicon l(question_word_table); return l; }
const lexicon& yes_no_verbs() { static const lexicon l(yes_no_verb_table); return l; }

std::span<const question_topic> question_topics() {
    static const lexicon shipping_fee_a(shipping_fee_asked), shipping_fee_b(shipping_fee_answered);
    static const lexicon ship_time_a(ship_time_asked), ship_time_b(ship_time_answered);
    static const lexicon courier(courier_words);
    static const lexicon price_a(price_asked), price_b(price_answered);
    static const lexicon discount_a(discount_asked), discount_b(discount_answered);
    static const lexicon gift_a(gift_asked), gift_b(gift_answered);
    static const lexicon stock_a(stock_asked), stock_b(stock_answered);
    static const lexicon usage_a(usage_asked), usage_b(usage_answered);
    static const lexicon frequency_a(frequency_asked), frequency_b(frequency_answered);
    static const lexicon material_a(material_asked), material_b(material_answered);
    static const lexicon repair_a(repair_asked), repair_b(repair_answered);
    static const lexicon size_a(size_asked), size_b(size_answered);
    static const lexicon refund_a(refund_asked), refund_b(refund_answered);
    static const lexicon return_a(return_asked), return_b(return_answered);
    static const lexicon instalment_a(instalment_asked), instalment_b(instalment_answered);
    static const lexicon storage_a(storage_asked), storage_b(storage_answered);
    static const std::array topics = {
        question_topic{"shipping_fee", &shipping_fee_a, &shipping_fee_b},
        question_topic{"ship_time", &ship_time_a, &ship_time_b},
        question_topic{"courier", &courier, &courier},
        question_topic{"price", &price_a, &price_b},
        question_topic{"discount", &discount_a, &discount_b},
        question_topic{"gift", &gift_a, &gift_b},
        question_topic{"stock", &stock_a, &stock_b},
        question_topic{"usage", &usage_a, &usage_b},
        question_topic{"frequency", &frequency_a, &frequency_b},
        question_topic{"material", &material_a, &material_b},
        question_topic{"repair", &repair_a, &repair_b},
        question_topic{"size", &size_a, &size_b},
        question_topic{"refund", &refund_a, &refund_b},
        question_topic{"return", &return_a, &return_b},
        question_topic{"instalment", &instalment_a, &instalment_b},
        question_topic{"storage", &storage_a, &storage_b},
    };
    return topics;
}

bool is_particle(char32_t cp) noexcept { return particles.find(cp) != std::u32string_view::npos; }

bool is_question_filler(char32_t cp) noexcept { return question_filler.find(cp) != std::u32string_view::npos; }

bool is_fault_intent(std::string_view intent) noexcept { return contains(fault_intents, intent); }

bool is_fault_intent_when_problem(std::string_view intent) noexcept {
    return contains(fault_intents_when_problem, intent);
}

bool is_social_intent(std::string_view intent) noexcept { return contains(social_intents, intent); }

}  // namespace kefu::detail::reply::phrases
