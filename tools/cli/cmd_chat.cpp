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

namespace kefu::cli {
namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string event_json(const char* type, const std::string& text) {
    return nlohmann::json{{"type", type}, {"time", now_ms()}, {"text", text}}.dump();
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

void print_findings(const nlohmann::json& out) {
    for (const auto& action : out["actions"]) {
        if (action["type"] != "lint") continue;
        if (action["findings"].empty()) std::cout << "  (no findings)\n";
        for (const auto& f : action["findings"])
            std::cout << "  " << f["severity"].get<std::string>() << " " << f["rule"].get<std::string>() << ": "
                      << f["message"].get<std::string>() << "\n    → " << f["suggestion"].get<std::string>() << "\n";
    }
}

}  // namespace

void add_chat_command(CLI::App& app, const global_options& global, command_body& body) {
    CLI::App* cmd = app.add_subcommand("chat", "Interactive: you type as the customer, kefu answers and shows the "
                                               "intent, entities and profile beside each answer. Lines starting "
                                               "with /agent are agent replies to check; /profile shows the profile; "
                                               "/quit ends");
    cmd->callback([&global, &body] {
        body = [&global] {
            const kefu::model model = load_model(global);
            kefu::session session(model, "chat");
            const bool interactive = isatty(STDIN_FILENO) != 0;
            std::string line;
            while ((interactive ? std::cerr << "你> " << std::flush : std::cerr) && std::getline(std::cin, line)) {
                if (line.empty()) continue;
                if (line == "/quit") break;
                if (line == "/profile") {
                    std::cout << nlohmann::json::parse(session.profile_json(true)).dump(2) << "\n";
                    continue;
                }
                if (line.rfind("/agent ", 0) == 0) {
                    print_findings(nlohmann::json::parse(session.step_json(event_json("agent_reply", line.substr(7)))));
                    continue;
                }
                const nlohmann::json out = nlohmann::json::parse(session.step_json(event_json("message", line)));
                std::cout << "kefu> " << out.value("reply", std::string("（没有合适的话术，请人工回复）")) << "\n"
                          << "      " << beside(out) << "\n";
            }
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli
