#include "flow/evaluate.hpp"

#include <cmath>

namespace kefu::detail::flow {
namespace {

constexpr double seconds_per_day = 86400;

value truth(bool b) { return value::of(b ? 1.0 : 0.0); }

value arithmetic(op_code op, const value& a, const value& b) {
    if (a.what != value::kind::number || b.what != value::kind::number) return {};
    double r = 0;
    switch (op) {
        case op_code::add: r = a.number + b.number; break;
        case op_code::subtract: r = a.number - b.number; break;
        case op_code::multiply: r = a.number * b.number; break;
        case op_code::divide:
            if (b.number == 0) return {};  // unknown rather than infinite
            r = a.number / b.number;
            break;
        case op_code::minimum: r = std::fmin(a.number, b.number); break;
        default: r = std::fmax(a.number, b.number); break;
    }
    return std::isfinite(r) ? value::of(r) : value{};
}

value compare(op_code op, const value& a, const value& b) {
    if (!a.known() || !b.known() || a.what != b.what) return truth(false);
    const int order = a.what == value::kind::number ? (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)
                                                     : a.text.compare(b.text);
    switch (op) {
        case op_code::equal: return truth(order == 0);
        case op_code::not_equal: return truth(order != 0);
        case op_code::less: return truth(order < 0);
        case op_code::less_equal: return truth(order <= 0);
        case op_code::greater: return truth(order > 0);
        default: return truth(order >= 0);
    }
}

// The next instant, strictly after now, at local time of day `clock_seconds`.
value next_clock(const value& clock_seconds, const environment& env) {
    const value now = env.builtin(builtin::now, 0);
    const value clock = env.builtin(builtin::clock, 0);
    if (!now.known() || !clock.known() || clock_seconds.what != value::kind::number) return {};
    double delta = std::fmod(clock_seconds.number - clock.number, seconds_per_day);
    if (delta <= 0) delta += seconds_per_day;
    return value::of(now.number + delta);
}

// Whether `text` contains one of the |-separated words of `words`.
bool contains_any(const value& text, const value& words) {
    if (text.what != value::kind::text || words.what != value::kind::text) return false;
    std::string_view rest = words.text;
    while (true) {
        const std::size_t bar = rest.find('|');
        const std::string_view word = rest.substr(0, bar);
        if (!word.empty() && text.text.find(word) != std::string::npos) return true;
        if (bar == std::string_view::npos) return false;
        rest.remove_prefix(bar + 1);
    }
}

}  // namespace

value evaluate(const code& c, const environment& env) {
    std::vector<value> stack;
    stack.reserve(8);
    const auto pop = [&] {
        value v = std::move(stack.back());
        stack.pop_back();
        return v;
    };
    for (const instruction& in : c.instructions) {
        switch (in.op) {
            case op_code::push_number: stack.push_back(value::of(in.number)); break;
            case op_code::push_text: stack.push_back(value::of(in.text)); break;
            case op_code::load_slot: stack.push_back(env.slot(in.index)); break;
            case op_code::load_policy: stack.push_back(env.policy(in.index)); break;
            case op_code::load_builtin: stack.push_back(env.builtin(static_cast<builtin>(in.index), in.param)); break;
            case op_code::has: stack.back() = truth(stack.back().known()); break;
            case op_code::logical_not: stack.back() = truth(!stack.back().truthy()); break;
            case op_code::negate:
                if (stack.back().what == value::kind::number) stack.back().number = -stack.back().number;
                else stack.back() = {};
                break;
            case op_code::next_clock: stack.back() = next_clock(stack.back(), env); break;
            case op_code::contains: {
                const value b = pop();
                stack.back() = truth(contains_any(stack.back(), b));
                break;
            }
            case op_code::logical_and: {
                const value b = pop();
                stack.back() = truth(stack.back().truthy() && b.truthy());
                break;
            }
            case op_code::logical_or: {
                const value b = pop();
                stack.back() = truth(stack.back().truthy() || b.truthy());
                break;
            }
            case op_code::add: case op_code::subtract: case op_code::multiply: case op_code::divide:
            case op_code::minimum: case op_code::maximum: {
                const value b = pop();
                stack.back() = arithmetic(in.op, stack.back(), b);
                break;
            }
            default: {
                const value b = pop();
                stack.back() = compare(in.op, stack.back(), b);
                break;
            }
        }
    }
    return stack.empty() ? value{} : stack.back();
}

}  // namespace kefu::detail::flow
