// What the customer wants the item to be: sizes ("XL", "38码", "170/88A",
// "均码"), colours ("藏青", "黑的"), and the courier and product attribute
// words ("顺丰", "纯棉", "保质期"). Word lists are X3 symbol tables, matched
// longest first.
#include "entity/extractors.hpp"
#include "entity/numerals.hpp"

namespace kefu::detail::entity {
namespace {

namespace wide = x3::standard_wide;

// Letter sizes must stand alone: "M2芯片", "L型" and "XLS" are not sizes.
bool extract_letter_size(const scan_input& in, std::size_t i, candidates& out) {
    if (is_alnum(in.before(i))) return false;
    const auto x = wide::lit(L'x');
    const auto letters = (x3::repeat(1, 4)[x] >> (wide::lit(L'l') | wide::lit(L's')))
                         | (wide::char_(L'2', L'6') >> x >> wide::lit(L'l')) | wide::lit(L's') | wide::lit(L'm')
                         | wide::lit(L'l');
    scan_iterator first = in.at(i);
    if (!x3::parse(first, in.end(), letters)) return false;
    const std::size_t letters_end = in.position(first);
    if (is_alnum(in[letters_end]) || in.followed_by(letters_end, {L"型", L"形", L"号线"})) return false;
    std::size_t end = letters_end;
    if (in.followed_by(end, {L"码", L"号"})) ++end;
    add_candidate(out, entity_type::size, i, end).canonical = upper_ascii(in.chars.substr(i, letters_end - i));
    return true;
}

// "38码", "36C" and "75B" (cup sizes), "170/88A" (height/chest).
bool extract_number_size(const scan_input& in, std::size_t i, candidates& out) {
    if (!number_may_start(in, i) || !is_ascii_digit(in[i])) return false;
    const auto digit = wide::char_(L'0', L'9');
    const auto cup = wide::char_(L'a', L'f');
    const auto shoe = x3::repeat(2)[digit] >> -(wide::lit(L'.') >> wide::lit(L'5')) >> wide::lit(L'码');
    const auto body = x3::repeat(3)[digit] >> wide::lit(L'/') >> x3::repeat(2, 3)[digit] >> -wide::char_(L'a', L'z');
    const auto bra = (wide::char_(L'2', L'4') | wide::char_(L'7', L'9')) >> digit >> cup;
    scan_iterator first = in.at(i);
    if (!x3::parse(first, in.end(), shoe | body | bra)) return false;
    const std::size_t end = in.position(first);
    if (is_alnum(in[end])) return false;
    std::string canonical;
    for (std::size_t k = i; k < end; ++k) {
        const wchar_t c = in[k];
        if (c == L'码') canonical += "码";
        else canonical.push_back(static_cast<char>(c >= L'a' && c <= L'z' ? c - 32 : c));
    }
    add_candidate(out, entity_type::size, i, end).canonical = std::move(canonical);
    return true;
}

const wide::symbols<std::string>& size_words() {
    static const wide::symbols<std::string> t = [] {
        wide::symbols<std::string> s;
        for (const wchar_t* w : {L"均码", L"大码", L"小码", L"中码", L"加大码", L"特大码", L"加肥码", L"大号", L"小号",
                                 L"中号", L"加大号", L"特大号", L"加肥加大", L"童码", L"常规码"}) {
            s.add(w, to_utf8(w));
        }
        return s;
    }();
    return t;
}

// Colour names. Compound names stand alone ("藏青"); a single base colour
// needs 色 or 的 ("黑的"), since 白, 红 and 蓝 live inside other words
// (明白, 红包, 蓝牙).
const wide::symbols<std::string>& compound_colours() {
    static const wide::symbols<std::string> t = [] {
        wide::symbols<std::string> s;
        for (const wchar_t* w :
             {L"藏青", L"藏蓝", L"卡其", L"米白", L"米黄", L"酒红", L"军绿", L"墨绿", L"宝蓝", L"天蓝", L"湖蓝", L"浅蓝",
              L"深蓝", L"浅灰", L"深灰", L"浅绿", L"深绿", L"浅粉", L"雾霾蓝", L"咖啡", L"焦糖", L"香槟", L"玫红",
              L"粉红", L"橘红", L"姜黄", L"土黄", L"奶白", L"象牙白", L"薄荷绿", L"牛油果绿", L"银灰", L"枣红", L"砖红",
              L"奶茶", L"燕麦", L"荧光绿", L"玫瑰金", L"亮黑", L"哑光黑", L"曜石黑", L"天青", L"孔雀蓝", L"克莱因蓝",
              L"雪白", L"乳白", L"杏白", L"烟灰", L"炭灰", L"墨黑", L"大红", L"中国红", L"橄榄绿", L"湖绿", L"草绿",
              L"藕粉", L"樱花粉", L"豆沙", L"驼色", L"杏色", L"米色", L"透明", L"银色", L"金色"}) {
            std::string name = to_utf8(w);
            if (!name.ends_with("色")) name += "色";
            s.add(w, name);
        }
        return s;
    }();
    return t;
}

const wide::symbols<std::string>& base_colours() {
    static const wide::symbols<std::string> t = [] {
        wide::symbols<std::string> s;
        for (const wchar_t* w : {L"红", L"黄", L"蓝", L"绿", L"白", L"黑", L"灰", L"紫", L"粉", L"橙", L"棕", L"褐",
                                 L"青", L"金", L"银", L"咖", L"驼", L"杏", L"米"})
            s.add(w, to_utf8(w) + "色");
        return s;
    }();
    return t;
}

bool extract_colour(const scan_input& in, std::size_t i, candidates& out) {
    std::string name;
    scan_iterator first = in.at(i);
    const bool compound = lookup(compound_colours(), first, in.end(), name);
    if (!compound && !lookup(base_colours(), first, in.end(), name)) return false;
    // 明白的, 显白的, 空白的, 24k金的: the colour character belongs to another word.
    if (in.preceded_by(i, {L"明", L"显", L"空", L"坦", L"表", L"告", L"洁", L"网", L"漂", L"k", L"黑", L"白"}, 0))
        return false;
    if (is_ascii_digit(in.before(i)) || is_chinese_numeral(in.before(i))) return false;  // "1.5米的床单"
    const auto suffix = wide::lit(L'色') | wide::lit(L'的') | wide::lit(L"颜色");
    if (!x3::parse(first, in.end(), suffix) && !compound) return false;  // a base colour needs its suffix
    add_candidate(out, entity_type::colour, i, in.position(first)).canonical = std::move(name);
    return true;
}

const wide::symbols<std::string>& couriers() {
    static const wide::symbols<std::string> t = [] {
        wide::symbols<std::string> s;
        s.add(L"顺丰", "sf")(L"中通", "zto")(L"圆通", "yto")(L"韵达", "yunda")(L"申通", "sto")(L"邮政", "ems")
            (L"中国邮政", "ems")(L"邮政小包", "ems")(L"邮政快递", "ems")(L"ems", "ems")(L"京东快递", "jd")
            (L"京东物流", "jd")(L"极兔", "jtexpress")(L"德邦", "deppon")(L"百世", "best")(L"天天快递", "ttk")
            (L"宅急送", "zjs")(L"菜鸟", "cainiao")(L"丰网", "fengwang")(L"跨越速运", "kye");
        return s;
    }();
    return t;
}

bool extract_courier(const scan_input& in, std::size_t i, candidates& out) {
    std::string code;
    scan_iterator first = in.at(i);
    if (lookup(couriers(), first, in.end(), code)) {
        const std::size_t end = in.position(first);
        if (code == "ems" && (is_latin_letter(in.before(i)) || is_latin_letter(in[end]))) return false;
        add_candidate(out, entity_type::courier, i, end).canonical = std::move(code);
        return true;
    }
    // 京东 alone is the platform; after a shipping verb it is the courier.
    first = in.at(i);
    if (x3::parse(first, in.end(), wide::lit(L"京东")) && in.preceded_by(i, {L"发", L"走", L"用", L"寄", L"换", L"改"}, 0)) {
        add_candidate(out, entity_type::courier, i, in.position(first)).canonical = "jd";
        return true;
    }
    return false;
}

// Product attribute words a customer asks about: materials and properties.
const wide::symbols<std::string>& attributes() {
    static const wide::symbols<std::string> t = [] {
        wide::symbols<std::string> s;
        for (const wchar_t* w :
             {L"纯棉", L"全棉", L"棉麻", L"真丝", L"桑蚕丝", L"羊毛", L"羊绒", L"涤纶", L"聚酯纤维", L"莫代尔", L"亚麻",
              L"牛皮", L"真皮", L"头层牛皮", L"羽绒", L"鹅绒", L"鸭绒", L"不锈钢", L"实木", L"陶瓷", L"玻璃", L"硅胶",
              L"纯铜", L"合金", L"皮革", L"帆布", L"灯芯绒", L"雪纺", L"蕾丝", L"氨纶", L"锦纶", L"腈纶", L"竹纤维"})
            s.add(w, "material:" + to_utf8(w));
        for (const wchar_t* w :
             {L"保质期", L"生产日期", L"产地", L"材质", L"面料", L"成分", L"配料", L"配料表", L"含量", L"尺码表", L"尺寸",
              L"重量", L"净含量", L"容量", L"功率", L"电压", L"续航", L"防水", L"保修", L"质保", L"保修期", L"质保期",
              L"正品", L"起球", L"掉色", L"褪色", L"缩水", L"透气", L"厚度", L"克重", L"充绒量", L"含绒量", L"适用年龄",
              L"规格", L"型号", L"版型", L"码数", L"过敏", L"孕妇"})
            s.add(w, "property:" + to_utf8(w));
        return s;
    }();
    return t;
}

bool extract_attribute(const scan_input& in, std::size_t i, candidates& out) {
    std::string tagged;
    scan_iterator first = in.at(i);
    if (!lookup(attributes(), first, in.end(), tagged)) return false;
    const std::size_t colon = tagged.find(':');
    entity& e = add_candidate(out, entity_type::attribute, i, in.position(first));
    e.unit = tagged.substr(0, colon);
    e.canonical = tagged.substr(colon + 1);
    return true;
}

}  // namespace

void extract_size(const scan_input& in, std::size_t i, candidates& out) {
    if (!is_alnum(in[i]) && !starts_with_any(in[i], L"均大小中加特童常")) return;
    if (extract_letter_size(in, i, out) || extract_number_size(in, i, out)) return;
    std::string word;
    scan_iterator first = in.at(i);
    if (lookup(size_words(), first, in.end(), word))
        add_candidate(out, entity_type::size, i, in.position(first)).canonical = std::move(word);
}

void extract_words(const scan_input& in, std::size_t i, candidates& out) {
    extract_colour(in, i, out);
    extract_courier(in, i, out);
    extract_attribute(in, i, out);
}

}  // namespace kefu::detail::entity
