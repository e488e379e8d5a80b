// kefu chat: an interactive session in the terminal. You type as the
// customer; kefu answers and shows what it read beside each answer.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "kefu/kefu.hpp"
#include "kefu/session.hpp"
#include "model_loader.hpp"
#include "policy_file.hpp"

namespace kefu::cli {
namespace {

// The chat's clock: the wall clock, plus the time skipped with /wait, so
// that flow timers (a call after 15 minutes) can be tried without waiting.
class chat_clock {
public:
    std::int64_t now_ms() const {
        const auto wall = std::chrono::system_clock::now().time_since_epoch();
        return std::chrono::duration_cast<std::chrono::milliseconds>(wall).count() + skipped_ms_;
    }
    void skip(std::int64_t ms) { skipped_ms_ += ms; }

private:
    std::int64_t skipped_ms_ = 0;
};

std::string event_json(const char* type, const std::string& text, std::int64_t time_ms) {
    return nlohmann::json{{"type", type}, {"time", time_ms}, {"text", text}}.dump();
}

// "15m", "2h", "30s", "1d" → milliseconds; 0 when unreadable.
std::int64_t duration_ms(const std::string& text) {
    std::size_t used = 0;
    long long n = 0;
    try {
        n = std::stoll(text, &used);
    } catch (const std::exception&) {
        return 0;
    }
    const std::string unit = text.substr(used);
    const long long scale = unit == "s" ? 1000 : unit == "m" || unit == "min" ? 60000 : unit == "h" ? 3600000
                            : unit == "d" ? 86400000 : 0;
    return n > 0 && n < 1000000 ? n * scale : 0;
}

// "[bargain 0.93 · decisive / price_driven · anger 0.05]"
std::string beside(const nlohmann::json& out) {
    std::string line = "[" + out.value("intent", std::string("?"));
    if (out.contains("confidence")) line += " " + std::to_string(out["confidence"].get<double>()).substr(0, 4);
    if (out.contains("profile")) {
        const auto& top = out["profile"]["top"];
        line += " · " + top["personality"].get<std::string>() + " / " + top["behaviour"].get<std::string>();
        line += " · anger " + std::to_string(out["profile"]["mood"]["anger"].get<double>()).substr(0, 4);
    }
    for (const auto& e : out.value("entities", nlohmann::json::array()))
        line += " · " + e["type"].get<std::string>() + " " + e["text"].get<std::string>();
    return line + "]";
}

// The flows' part of an output line: states and what they did.
void print_flows(const nlohmann::json& out, const std::string& watched) {
    const nlohmann::json flows = out.value("flows", nlohmann::json::object());
    for (const auto& [name, state] : flows.items())
        if (watched.empty() || name == watched) std::cout << "      [flow " << name << ": " << state.get<std::string>() << "]\n";
    for (const auto& a : out["actions"]) {
        if (!a.contains("flow") || a["type"] == "reply" || (!watched.empty() && a["flow"] != watched)) continue;
        nlohmann::json shown = a;
        shown.erase("flow");
        std::cout << "      → " << shown.dump() << "\n";
    }
    for (const auto& note : out.value("notes", nlohmann::json::array()))
        std::cout << "      (" << note.get<std::string>() << ")\n";
}

void print_findings(const nlohmann::json& out) {
    for (const auto& action : out["actions"]) {
        if (action["type"] != "lint") continue;
        if (action["findings"].empty()) std::cout << "  (no findings)\n";
        for (const auto& f : action["findings"])
            std::cout << "  " << f["severity"].get<std::string>() << " " << f["rule"].get<std::string>() << ": "
                      << f["message"].get<std::string>() << "\n    → " << f["suggestion"].get<std::string>() << "\n";
    }
}

// One line of the chat: a command or a customer message.
class chat_loop {
public:
    chat_loop(kefu::session& session, std::string watched) : session_(session), watched_(std::move(watched)) {}

    // False when the chat ends.
    bool handle(const std::string& line) {
        if (line == "/quit") return false;
        if (line == "/profile") {
            std::cout << nlohmann::json::parse(session_.profile_json(true)).dump(2) << "\n";
        } else if (line == "/flows") {
            std::cout << nlohmann::json::parse(session_.flows_json()).dump(2) << "\n";
        } else if (line.rfind("/agent ", 0) == 0) {
            const auto out = nlohmann::json::parse(session_.step_json(event_json("agent_reply", line.substr(7), now())));
            print_findings(out);
        } else if (line.rfind("/wait ", 0) == 0) {
            wait(line.substr(6));
        } else if (line.rfind("/event ", 0) == 0) {
            host_event(line.substr(7));
        } else {
            const auto out = nlohmann::json::parse(session_.step_json(event_json("message", line, now())));
            std::cout << "kefu> " << out.value("reply", std::string("（没有合适的话术，请人工回复）")) << "\n"
                      << "      " << beside(out) << "\n";
            print_flows(out, watched_);
        }
        return true;
    }

private:
    std::int64_t now() const { return clock_.now_ms(); }

    // Skips time and shows the flow timers that fire.
    void wait(const std::string& duration) {
        const std::int64_t ms = duration_ms(duration);
        if (ms == 0) {
            std::cout << "  /wait takes a duration such as 30s, 15m, 2h or 1d\n";
            return;
        }
        clock_.skip(ms);
        for (const nlohmann::json& fired : nlohmann::json::parse(session_.advance(now()))) {
            std::cout << "  ⏰ " << fired["flow"].get<std::string>() << "." << fired["timer"].get<std::string>() << "\n";
            if (fired.contains("reply")) std::cout << "kefu> " << fired["reply"].get<std::string>() << "\n";
            print_flows(fired, watched_);
        }
    }

    // A host event as JSON without a time, e.g. {"type":"order_created","order":"A1","amount":59}.
    void host_event(const std::string& text) {
        nlohmann::json e = nlohmann::json::parse(text, nullptr, false);
        if (e.is_discarded() || !e.is_object()) {
            std::cout << "  /event takes a JSON object, e.g. {\"type\":\"order_created\",\"order\":\"A1\"}\n";
            return;
        }
        e["time"] = now();
        try {
            const auto out = nlohmann::json::parse(session_.step_json(e.dump()));
            if (out.contains("reply")) std::cout << "kefu> " << out["reply"].get<std::string>() << "\n";
            print_flows(out, watched_);
        } catch (const kefu::error& err) {
            std::cout << "  " << err.what() << "\n";
        }
    }

    kefu::session& session_;
    std::string watched_;
    chat_clock clock_;
};

}  // namespace

void add_chat_command(CLI::App& app, const global_options& global, command_body& body) {
    struct settings {
        std::string flow, policy;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand(
        "chat", "Interactive: you type as the customer, kefu answers and shows the intent, entities, profile and "
                "flows beside each answer. /agent TEXT checks an agent reply; /event JSON sends a host event "
                "(orders, calls); /wait 15m moves time and fires flow timers; /flows and /profile show state; "
                "/quit ends");
    cmd->add_option("--flow", s->flow, "Show only this scenario flow's state and actions (docs/FLOWS.md)");
    cmd->add_option("--policy", s->policy, "Shop policies for the flows, JSON {\"flow\": {\"policy\": value}}");
    cmd->callback([s, &global, &body] {
        body = [s, &global] {
            const kefu::model model = load_model(global);
            kefu::session session(model, "chat");
            if (const std::string policies = read_policies(model, s->policy); !policies.empty())
                session.set_policies(policies);
            if (!s->flow.empty() && !has_flow(model, s->flow))
                throw kefu::error(KEFU_EINVAL, "no flow named " + s->flow + " in the model");
            chat_loop chat(session, s->flow);
            const bool interactive = isatty(STDIN_FILENO) != 0;
            std::string line;
            while ((interactive ? std::cerr << "你> " << std::flush : std::cerr) && std::getline(std::cin, line))
                if (!line.empty() && !chat.handle(line)) break;
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli
