#include "text/placeholders.hpp"

#include <array>

#include "text/char_class.hpp"

namespace kefu::detail::text {
namespace {

struct placeholder_name {
    std::u32string_view name;
    std::string_view token;
};

// Names as anonymisation tools write them, in Chinese and in English
// (case-folded), each with the token it becomes. Not "[订单]": that is how
// a platform shows an order card, with the card's own order number after it.
constexpr std::array<placeholder_name, 56> names = {{
    {U"数字", "number"},       {U"数量", "number"},        {U"数值", "number"},
    {U"num", "number"},        {U"number", "number"},      {U"金额", "amount"},
    {U"价格", "amount"},       {U"价钱", "amount"},        {U"money", "amount"},
    {U"amount", "amount"},     {U"price", "amount"},       {U"日期", "date"},
    {U"date", "date"},         {U"时间", "time"},          {U"time", "time"},
    {U"订单号", "order_number"}, {U"订单编号", "order_number"},
    {U"orderid", "order_number"}, {U"order_id", "order_number"},
    {U"单号", "tracking_number"}, {U"运单号", "tracking_number"}, {U"快递单号", "tracking_number"},
    {U"物流单号", "tracking_number"}, {U"电话", "phone"},    {U"电话号码", "phone"},
    {U"手机", "phone"},        {U"手机号", "phone"},       {U"手机号码", "phone"},
    {U"联系电话", "phone"},    {U"phone", "phone"},        {U"tel", "phone"},
    {U"mobile", "phone"},      {U"地址", "address"},       {U"收货地址", "address"},
    {U"详细地址", "address"},  {U"address", "address"},    {U"addr", "address"},
    {U"姓名", "name"},         {U"名字", "name"},          {U"人名", "name"},
    {U"收货人", "name"},       {U"联系人", "name"},        {U"name", "name"},
    {U"邮箱", "email"},        {U"email", "email"},        {U"账号", "account"},
    {U"用户名", "account"},    {U"userid", "account"},     {U"user_id", "account"},
    {U"站点", "place"},        {U"地点", "place"},         {U"组织机构", "organization"},
    {U"机构", "organization"}, {U"链接", "link"},          {U"网址", "link"},
    {U"url", "link"},
}};

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_ascii_alnum(char32_t c) { return is_ascii_digit(c) || (c >= U'a' && c <= U'z'); }

// What may follow a name: nothing, "x", digits, or '_' and letters or digits.
bool is_suffix(std::u32string_view s) {
    if (s.empty() || s == U"x") return true;
    if (s.front() == U'_') {
        s.remove_prefix(1);
        if (s.empty()) return false;
        for (char32_t c : s)
            if (!is_ascii_alnum(c)) return false;
        return true;
    }
    for (char32_t c : s)
        if (!is_ascii_digit(c)) return false;
    return true;
}

}  // namespace

char32_t placeholder_token(std::u32string_view inner) noexcept {
    if (inner.empty() || inner.size() > max_placeholder_length) return 0;
    // The longest name that starts the text decides ("手机号x" is "手机号"
    // and "x", not "手机" and "号x").
    std::size_t best_length = 0;
    std::string_view best_token;
    for (const placeholder_name& n : names)
        if (n.name.size() > best_length && inner.substr(0, n.name.size()) == n.name) {
            best_length = n.name.size();
            best_token = n.token;
        }
    if (best_length == 0 || !is_suffix(inner.substr(best_length))) return 0;
    return token_code_point(static_cast<std::size_t>(token_index(best_token)));
}

std::size_t masked_digits(char32_t token) noexcept {
    switch (token - token_base) {
        case token_index("order_number"): return 18;
        case token_index("tracking_number"): return 12;
        case token_index("phone"): return 11;
        case token_index("number"): case token_index("amount"): return 2;
        default: return 0;
    }
}

}  // namespace kefu::detail::text
