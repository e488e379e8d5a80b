#include "flow/expression_compiler.hpp"

#include <array>
#include <utility>

#include "entity/entity.hpp"
#include "flow/evaluate.hpp"
#include "profile/traits.hpp"

namespace kefu::detail::flow {
namespace {

namespace ast = dsl::ast;

struct field_name {
    const char* name;
    std::uint32_t value;
    static_kind kind;
};

constexpr std::array<field_name, 4> mood_fields = {{{"anger", 0, static_kind::number},
                                                    {"anxiety", 1, static_kind::number},
                                                    {"satisfaction", 2, static_kind::number},
                                                    {"polarity", 3, static_kind::number}}};
constexpr std::array<field_name, 8> event_fields = {{{"order", 0, static_kind::text},
                                                     {"amount", 1, static_kind::number},
                                                     {"result", 2, static_kind::text},
                                                     {"reason", 3, static_kind::text},
                                                     {"new_date", 4, static_kind::number},
                                                     {"text", 5, static_kind::text},
                                                     {"courier", 6, static_kind::text},
                                                     {"tracking", 7, static_kind::text}}};
constexpr std::array<field_name, 6> order_fields = {{{"amount", 0, static_kind::number},
                                                     {"paid", 1, static_kind::number},
                                                     {"closed", 2, static_kind::number},
                                                     {"delivered", 3, static_kind::number},
                                                     {"received", 4, static_kind::number},
                                                     {"days_since_delivery", 5, static_kind::number}}};
// Entity references: short names, and the type names of docs/ENTITIES.md.
constexpr std::array<field_name, 15> entity_fields = {{{"money", 0, static_kind::number},
                                                       {"discount", 1, static_kind::number},
                                                       {"duration", 2, static_kind::number},
                                                       {"time", 3, static_kind::number},
                                                       {"order", 4, static_kind::text},
                                                       {"order_number", 4, static_kind::text},
                                                       {"tracking", 5, static_kind::text},
                                                       {"tracking_number", 5, static_kind::text},
                                                       {"item_number", 6, static_kind::text},
                                                       {"phone", 7, static_kind::text},
                                                       {"quantity", 8, static_kind::number},
                                                       {"size", 9, static_kind::text},
                                                       {"colour", 10, static_kind::text},
                                                       {"courier", 11, static_kind::text},
                                                       {"attribute", 12, static_kind::text}}};

struct plain_builtin {
    const char* name;
    builtin which;
    static_kind kind;
};
constexpr std::array<plain_builtin, 7> plain_builtins = {{{"intent", builtin::intent, static_kind::text},
                                                          {"confidence", builtin::confidence, static_kind::number},
                                                          {"now", builtin::now, static_kind::number},
                                                          {"clock", builtin::clock, static_kind::number},
                                                          {"since_message", builtin::since_message, static_kind::number},
                                                          {"in_state", builtin::in_state, static_kind::number},
                                                          {"price", builtin::price, static_kind::number}}};

template <std::size_t N>
const field_name* find_field(const std::array<field_name, N>& fields, const std::string& name) {
    for (const field_name& f : fields)
        if (name == f.name) return &f;
    return nullptr;
}

bool is_comparison(const std::string& op) {
    return op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

op_code binary_op(const std::string& op) {
    static const std::pair<const char*, op_code> table[] = {
        {"+", op_code::add},          {"-", op_code::subtract},       {"*", op_code::multiply},
        {"/", op_code::divide},       {"==", op_code::equal},         {"!=", op_code::not_equal},
        {"<", op_code::less},         {"<=", op_code::less_equal},    {">", op_code::greater},
        {">=", op_code::greater_equal}, {"and", op_code::logical_and}, {"or", op_code::logical_or}};
    for (const auto& [name, code] : table)
        if (op == name) return code;
    return op_code::logical_or;
}

double unit_factor(const std::string& unit) {
    if (unit == "min") return 60;
    if (unit == "h") return 3600;
    if (unit == "d") return 86400;
    return 1;  // s, flag
}

class expression_compiler {
public:
    expression_compiler(const flow_definition* flow, const dsl::source& src) : flow_(flow), src_(src) {}

    static_kind compile(const ast::expression& e) {
        static_kind left = compile(e.first);
        bool compared = false;
        for (const ast::operation& o : e.rest) {
            const static_kind right = compile(o.rhs);
            if (is_comparison(o.op)) {
                if (compared) src_.fail(e, "comparisons do not chain; join them with 'and'");
                compared = true;
                if (left != right) src_.fail(e, "'" + o.op + "' compares a text with a number");
                if (left == static_kind::text && o.op != "==" && o.op != "!=")
                    src_.fail(e, "texts compare only with == and !=");
            } else if (o.op != "and" && o.op != "or" && (left != static_kind::number || right != static_kind::number)) {
                src_.fail(e, "'" + o.op + "' needs numbers");
            }
            emit(binary_op(o.op));
            left = is_comparison(o.op) || o.op == "and" || o.op == "or" ? static_kind::number : left;
        }
        return left;
    }

    std::vector<instruction> take() && { return std::move(out_); }

    static_kind operator()(const ast::number_literal& n) {
        out_.push_back({op_code::push_number, 0, 0, n.value * unit_factor(n.unit.value_or("")), {}});
        return static_kind::number;
    }
    static_kind operator()(const ast::clock_literal& c) {
        if (c.hour > 23 || c.minute > 59) src_.fail(c, "a clock time is 00:00 to 23:59");
        out_.push_back({op_code::push_number, 0, 0, c.hour * 3600.0 + c.minute * 60.0, {}});
        return static_kind::number;
    }
    static_kind operator()(const ast::text_literal& t) {
        out_.push_back({op_code::push_text, 0, 0, 0, t.text});
        return static_kind::text;
    }
    static_kind operator()(const ast::reference& r) {
        if (flow_ == nullptr) src_.fail(r, "a default value must be a constant");
        return r.path.size() == 1 ? plain_reference(r) : dotted_reference(r);
    }
    static_kind operator()(const ast::unary& u) {
        const static_kind k = compile(u.value);
        if (u.op == "-") {
            if (k != static_kind::number) src_.fail(u, "'-' needs a number");
            emit(op_code::negate);
        } else {
            emit(u.op == "has" ? op_code::has : op_code::logical_not);
        }
        return u.op == "-" ? k : static_kind::number;
    }
    static_kind operator()(const ast::call& c) {
        if (c.name == "contains") return contains(c);
        const bool pair = c.name == "min" || c.name == "max";
        if (!pair && c.name != "next")
            src_.fail(c, "unknown function '" + c.name + "' (known: min, max, next, contains)");
        if (c.arguments.size() != (pair ? 2u : 1u))
            src_.fail(c, c.name + " takes " + (pair ? "two arguments" : "one argument (a clock time)"));
        for (const ast::expression& a : c.arguments)
            if (compile(a) != static_kind::number) src_.fail(a, c.name + " needs numbers");
        emit(pair ? (c.name == "min" ? op_code::minimum : op_code::maximum) : op_code::next_clock);
        return static_kind::number;
    }
    static_kind operator()(const ast::expression& e) { return compile(e); }

private:
    // contains(TEXT, "word|word"): the words are a literal, so they are checked here.
    static_kind contains(const ast::call& c) {
        if (c.arguments.size() != 2) src_.fail(c, "contains takes a text and the words to look for");
        for (const ast::expression& a : c.arguments)
            if (compile(a) != static_kind::text) src_.fail(a, "contains needs texts");
        emit(op_code::contains);
        return static_kind::number;
    }

    static_kind compile(const ast::operand& o) { return boost::apply_visitor(*this, o); }

    void emit(op_code op) { out_.push_back({op, 0, 0, 0, {}}); }
    void load(builtin b, std::uint32_t param) {
        out_.push_back({op_code::load_builtin, static_cast<std::uint32_t>(b), param, 0, {}});
    }

    static_kind plain_reference(const ast::reference& r) {
        const std::string& name = r.path[0];
        if (const int s = flow_->find_slot(name); s >= 0) {
            out_.push_back({op_code::load_slot, static_cast<std::uint32_t>(s), 0, 0, {}});
            return kind_of(flow_->slots[s].type);
        }
        if (const int p = flow_->find_policy(name); p >= 0) {
            out_.push_back({op_code::load_policy, static_cast<std::uint32_t>(p), 0, 0, {}});
            return kind_of(flow_->policies[p].type);
        }
        for (const plain_builtin& b : plain_builtins)
            if (name == b.name) {
                load(b.which, 0);
                return b.kind;
            }
        src_.fail(r, "unknown name '" + name + "': not a slot or policy of flow " + flow_->name +
                         ", nor intent, confidence, now, clock, since_message, in_state or price");
    }

    static_kind dotted_reference(const ast::reference& r) {
        if (r.path.size() != 2) src_.fail(r, "references have at most one dot (entity.money, profile.decisive)");
        const std::string& space = r.path[0];
        const std::string& name = r.path[1];
        if (space == "profile") {
            const auto t = profile::trait_from(name);
            if (!t) src_.fail(r, "unknown profile trait '" + name + "' (docs/PROFILE.md)");
            load(builtin::profile_trait, static_cast<std::uint32_t>(*t));
            return static_kind::number;
        }
        struct space_info {
            const char* name;
            builtin which;
            const field_name* (*find)(const std::string&);
        };
        static const space_info spaces[] = {
            {"entity", builtin::entity, [](const std::string& n) { return find_field(entity_fields, n); }},
            {"mood", builtin::mood, [](const std::string& n) { return find_field(mood_fields, n); }},
            {"message", builtin::message_mood, [](const std::string& n) { return find_field(mood_fields, n); }},
            {"event", builtin::event_field, [](const std::string& n) { return find_field(event_fields, n); }},
            {"order", builtin::order_field, [](const std::string& n) { return find_field(order_fields, n); }}};
        for (const space_info& s : spaces) {
            if (space != s.name) continue;
            const field_name* f = s.find(name);
            if (f == nullptr) src_.fail(r, "unknown field '" + name + "' of " + space + " (docs/FLOWS.md)");
            load(s.which, f->value);
            return f->kind;
        }
        src_.fail(r, "unknown reference '" + space + "." + name + "' (entity, profile, mood, message, event or order)");
    }

    const flow_definition* flow_;
    const dsl::source& src_;
    std::vector<instruction> out_;
};

}  // namespace

compiled_expression compile_expression(const ast::expression& e, const flow_definition* flow, const dsl::source& src) {
    expression_compiler c(flow, src);
    const static_kind kind = c.compile(e);
    return {code{std::move(c).take(), std::string(src.text_of(e))}, kind};
}

namespace {
class no_environment final : public environment {
public:
    value builtin(flow::builtin, std::uint32_t) const override { return {}; }
    value slot(std::uint32_t) const override { return {}; }
    value policy(std::uint32_t) const override { return {}; }
};
}  // namespace

value constant_value(const compiled_expression& e) { return evaluate(e.program, no_environment{}); }

}  // namespace kefu::detail::flow
