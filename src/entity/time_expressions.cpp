// Dates and deadlines: "明天", "下周一之前", "今天18点前", "月底", "双十一",
// "年后". A Spirit X3 grammar reads the parts; resolution against the
// message's clock is plain civil-calendar arithmetic (std::chrono), and the
// Spring Festival date for "年后" comes from ICU's Chinese calendar.
#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <array>
#include <chrono>
#include <memory>

#include "entity/extractors.hpp"
#include "entity/numerals.hpp"

namespace kefu::detail::entity {
namespace {

namespace wide = x3::standard_wide;
namespace chr = std::chrono;
using x3::_attr;

enum class anchor : std::uint8_t { none, day_offset, weekday, week, month, month_end, month_day, festival, new_year };

struct time_parts {
    anchor what = anchor::none;
    int offset = 0;     // days (day_offset), weeks (weekday, week) or months (month, month_end)
    int weekday = 0;    // 1 = Monday … 7 = Sunday
    bool week_given = false;  // "下周一" rather than "周一"
    unsigned month = 0, day = 0;
    int period = 0;     // 0 none, 1 morning, 2 noon, 3 afternoon/evening, 4 small hours
    int hour = -1, minute = 0;
    bool minute_given = false;
    time_relation relation = time_relation::at;
};

const wide::symbols<int>& day_words() {
    static const wide::symbols<int> t = [] {
        wide::symbols<int> s;
        s.add(L"今天", 0)(L"今日", 0)(L"今儿", 0)(L"明天", 1)(L"明日", 1)(L"明儿", 1)(L"后天", 2)(L"大后天", 3)
            (L"昨天", -1)(L"昨日", -1)(L"前天", -2)(L"大前天", -3);
        return s;
    }();
    return t;
}

const wide::symbols<int>& weekday_names() {
    static const wide::symbols<int> t = [] {
        wide::symbols<int> s;
        s.add(L"一", 1)(L"二", 2)(L"三", 3)(L"四", 4)(L"五", 5)(L"六", 6)(L"日", 7)(L"天", 7)(L"1", 1)(L"2", 2)
            (L"3", 3)(L"4", 4)(L"5", 5)(L"6", 6)(L"7", 7);
        return s;
    }();
    return t;
}

// Which week or month: 这/本 0, 下 +1, 上 -1.
const wide::symbols<int>& which() {
    static const wide::symbols<int> t = [] {
        wide::symbols<int> s;
        s.add(L"这个", 0)(L"这", 0)(L"本", 0)(L"下个", 1)(L"下", 1)(L"下一个", 1)(L"上个", -1)(L"上", -1)(L"上一个", -1);
        return s;
    }();
    return t;
}

const wide::symbols<int>& periods() {
    static const wide::symbols<int> t = [] {
        wide::symbols<int> s;
        s.add(L"早上", 1)(L"上午", 1)(L"早晨", 1)(L"中午", 2)(L"下午", 3)(L"晚上", 3)(L"傍晚", 3)(L"夜里", 3)
            (L"凌晨", 4);
        return s;
    }();
    return t;
}

const auto week_word = wide::lit(L"周") | wide::lit(L"星期") | wide::lit(L"礼拜");
const auto before_word = wide::lit(L"之前") | wide::lit(L"以前") | wide::lit(L'前');
const auto after_word = wide::lit(L"之后") | wide::lit(L"以后") | wide::lit(L'后');

// Parses one time expression at `first`; the parts land in `p`.
bool parse_time(scan_iterator& first, scan_iterator last, time_parts& p) {
    const auto set = [&p](anchor a) { return [&p, a](auto&) { p.what = a; }; };
    const auto set_week_given = [&p](auto& ctx) { p.offset = _attr(ctx); p.week_given = true; };
    const auto set_month = [&p](auto& ctx) { p.month = small_count(_attr(ctx)); };
    const auto set_day = [&p](auto& ctx) { p.day = small_count(_attr(ctx)); };
    const auto set_hour = [&p](auto& ctx) { p.hour = static_cast<int>(small_count(_attr(ctx))); };
    const auto set_minute = [&p](auto& ctx) { p.minute = static_cast<int>(small_count(_attr(ctx))); p.minute_given = true; };
    const auto set_half = [&p](auto&) { p.minute = 30; p.minute_given = true; };
    const auto festival = [&p](unsigned m, unsigned d) {
        return [&p, m, d](auto&) { p.what = anchor::festival; p.month = m; p.day = d; };
    };
    const auto evening = [&p](auto&) { p.what = anchor::day_offset; p.offset = 0; p.period = 3; };
    const auto tomorrow_evening = [&p](auto&) { p.what = anchor::day_offset; p.offset = 1; p.period = 3; };

    const auto day = day_words()[into(p.offset)][set(anchor::day_offset)]
                     | wide::lit(L"今晚")[evening] | wide::lit(L"明晚")[tomorrow_evening];
    const auto weekday = (-(which()[set_week_given]) >> week_word >> weekday_names()[into(p.weekday)])[set(anchor::weekday)];
    const auto week = (which()[into(p.offset)] >> (wide::lit(L"周") | wide::lit(L"星期") | wide::lit(L"礼拜")))[set(anchor::week)];
    const auto month_end = (-(which()[into(p.offset)]) >> (wide::lit(L"月底") | wide::lit(L"月末")))[set(anchor::month_end)];
    const auto month = (which()[into(p.offset)] >> (wide::lit(L"个月") | wide::lit(L'月')))[set(anchor::month)];
    const auto date = (amount[set_month] >> wide::lit(L'月') >> amount[set_day] >> (wide::lit(L'号') | wide::lit(L'日')))
        [set(anchor::month_day)];
    const auto festivals = (wide::lit(L"双十一") | wide::lit(L"双11") | wide::lit(L"11.11"))[festival(11, 11)]
                           | (wide::lit(L"双十二") | wide::lit(L"双12") | wide::lit(L"12.12"))[festival(12, 12)]
                           | wide::lit(L"元旦")[festival(1, 1)];
    const auto new_year = wide::lit(L"年")[set(anchor::new_year)] >> &(before_word | after_word);
    const auto clock = amount[set_hour] >> (wide::lit(L'点') | wide::lit(L'时') | wide::lit(L':'))
                       >> -(wide::lit(L'半')[set_half] | (arabic_amount[set_minute] >> -wide::lit(L'分'))
                            | (amount[set_minute] >> wide::lit(L'分')));
    const auto relation = before_word[([&p](auto&) { p.relation = time_relation::before; })]
                          | after_word[([&p](auto&) { p.relation = time_relation::after; })];
    const auto anchored = (festivals | new_year | date | month_end | month | weekday | week | day)
                          >> -periods()[into(p.period)] >> -clock;
    const auto clock_only = -periods()[into(p.period)] >> clock;
    return x3::parse(first, last, (anchored | clock_only) >> -relation);
}

// --- resolution ------------------------------------------------------------

struct local_clock {
    chr::sys_days today;
    std::int64_t offset_seconds;
};

local_clock local_of(const message_clock& c) {
    const std::int64_t offset = std::int64_t{c.utc_offset_minutes} * 60;
    const chr::sys_seconds local{chr::seconds{c.epoch_seconds + offset}};
    return {chr::floor<chr::days>(local), offset};
}

chr::sys_days monday_of(chr::sys_days d) {
    const unsigned iso = chr::weekday{d}.iso_encoding();  // 1 = Monday
    return d - chr::days{iso - 1};
}

chr::sys_days first_of_month(chr::sys_days d, int months) {
    const chr::year_month_day ymd{d};
    return chr::sys_days{chr::year_month_day{ymd.year() / ymd.month() / 1} + chr::months{months}};
}

// The next date on or after `today` with this month and day.
chr::sys_days next_occurrence(chr::sys_days today, unsigned month, unsigned day) {
    const chr::year_month_day now{today};
    chr::year_month_day candidate{now.year(), chr::month{month}, chr::day{day}};
    if (chr::sys_days{candidate} < today) candidate = {now.year() + chr::years{1}, chr::month{month}, chr::day{day}};
    return chr::sys_days{candidate};
}

// An explicit date: this year, unless that is long past (then next year:
// "1月5号" said in December). Up to 60 days back it is a past event
// ("11月20号买的").
chr::sys_days explicit_date(chr::sys_days today, unsigned month, unsigned day) {
    const chr::year_month_day now{today};
    const chr::sys_days this_year{chr::year_month_day{now.year(), chr::month{month}, chr::day{day}}};
    if (this_year + chr::days{60} < today)
        return chr::sys_days{chr::year_month_day{now.year() + chr::years{1}, chr::month{month}, chr::day{day}}};
    return this_year;
}

// ICU's Chinese calendar: the first day of the next Chinese year on or after `today`.
std::optional<chr::sys_days> icu_spring_festival(chr::sys_days today) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> lunar(
        icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("zh@calendar=chinese"), status));
    if (U_FAILURE(status)) return std::nullopt;
    const double today_ms = static_cast<double>(today.time_since_epoch().count()) * 86400000.0;
    lunar->setTime(today_ms, status);
    const int32_t extended_year = lunar->get(UCAL_EXTENDED_YEAR, status);
    for (int32_t year = extended_year; year <= extended_year + 1; ++year) {
        lunar->clear();
        lunar->set(UCAL_EXTENDED_YEAR, year);
        lunar->set(UCAL_MONTH, 0);
        lunar->set(UCAL_IS_LEAP_MONTH, 0);
        lunar->set(UCAL_DATE, 1);
        const UDate ms = lunar->getTime(status);
        if (U_FAILURE(status)) return std::nullopt;
        const chr::sys_days day{chr::days{static_cast<long>(ms / 86400000.0)}};
        if (day >= today) return day;
    }
    return std::nullopt;
}

// Spring Festival dates as published for 2020-2040. ICU's astronomical
// approximation puts two of them a day off (2027 and 2030, when the new moon
// falls minutes before midnight in Beijing), so the published dates win.
constexpr std::array<std::pair<int, unsigned>, 21> published_spring_festivals = {{
    {2020, 125}, {2021, 212}, {2022, 201}, {2023, 122}, {2024, 210}, {2025, 129}, {2026, 217},
    {2027, 206}, {2028, 126}, {2029, 213}, {2030, 203}, {2031, 123}, {2032, 211}, {2033, 131},
    {2034, 219}, {2035, 208}, {2036, 128}, {2037, 215}, {2038, 204}, {2039, 124}, {2040, 212},
}};

std::optional<chr::sys_days> published_spring_festival(int year) {
    for (const auto& [y, month_day] : published_spring_festivals)
        if (y == year)
            return chr::sys_days{chr::year{y} / chr::month{month_day / 100} / chr::day{month_day % 100}};
    return std::nullopt;
}

// The first day of the next Chinese year on or after `today`: published
// dates when known, otherwise ICU's Chinese calendar (the date moves between
// 21 January and 20 February).
std::optional<chr::sys_days> next_spring_festival(chr::sys_days today) {
    const int year = static_cast<int>(chr::year_month_day{today}.year());
    for (int y = year; y <= year + 1; ++y)
        if (const auto day = published_spring_festival(y); day && *day >= today) return day;
    return icu_spring_festival(today);
}

int hour_in_day(const time_parts& p) {
    int h = p.hour;
    if ((p.period == 3 && h < 12) || (p.period == 2 && h < 6)) h += 12;
    return h;
}

// How precise the expression is: a clock time, else a week or month, else a day.
time_grain grain_of(const time_parts& p) {
    if (p.hour >= 0) return p.minute_given ? time_grain::minute : time_grain::hour;
    if (p.what == anchor::week) return time_grain::week;
    if (p.what == anchor::month) return time_grain::month;
    return time_grain::day;
}

bool resolve(const time_parts& p, const message_clock& clock, entity& e) {
    const local_clock local = local_of(clock);
    chr::sys_days day = local.today;
    switch (p.what) {
        case anchor::none: break;
        case anchor::day_offset: day += chr::days{p.offset}; break;
        case anchor::weekday: {
            const chr::sys_days monday = monday_of(local.today) + chr::weeks{p.offset};
            day = monday + chr::days{p.weekday - 1};
            if (!p.week_given && day < local.today) day += chr::weeks{1};
            break;
        }
        case anchor::week: day = monday_of(local.today) + chr::weeks{p.offset}; break;
        case anchor::month: day = first_of_month(local.today, p.offset); break;
        case anchor::month_end: day = first_of_month(local.today, p.offset + 1) - chr::days{1}; break;
        case anchor::month_day:
            if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31) return false;
            day = explicit_date(local.today, p.month, p.day);
            break;
        case anchor::festival: day = next_occurrence(local.today, p.month, p.day); break;
        case anchor::new_year: {
            const auto festival = next_spring_festival(local.today);
            if (!festival) return false;
            day = *festival;
            break;
        }
    }
    std::int64_t seconds_in_day = 0;
    if (p.hour >= 0) {
        const int h = hour_in_day(p);
        if (h > 24 || p.minute > 59) return false;
        seconds_in_day = std::int64_t{h} * 3600 + std::int64_t{p.minute} * 60;
    }
    const std::int64_t local_seconds = std::int64_t{day.time_since_epoch().count()} * 86400 + seconds_in_day;
    e.epoch_seconds = local_seconds - local.offset_seconds;
    e.utc_offset_minutes = clock.utc_offset_minutes;
    e.resolved = true;
    return true;
}

}  // namespace

void extract_time(const scan_input& in, std::size_t i, candidates& out) {
    // The characters a time expression can start with; checked first because
    // most positions of a message start none.
    if (!starts_with_any(in[i], L"今明后大昨前这本下上周星礼月双元年早中晚傍夜凌") && !number_may_start(in, i)) return;
    if (is_ascii_digit(in.before(i)) || in.before(i) == L'第') return;
    time_parts parts;
    scan_iterator first = in.at(i);
    if (!parse_time(first, in.end(), parts)) return;
    // A bare clock needs digits ("18点"): "一点" is usually "a little".
    if (parts.what == anchor::none && parts.period == 0 && !is_ascii_digit(in[i])) return;
    if (parts.hour > 24) return;
    entity e;
    e.type = entity_type::time;
    e.relation = parts.relation;
    e.grain = grain_of(parts);
    if (in.clock && !resolve(parts, *in.clock, e)) return;
    e.begin = static_cast<std::uint32_t>(i);
    e.end = static_cast<std::uint32_t>(in.position(first));
    out.push_back(std::move(e));
}

}  // namespace kefu::detail::entity
