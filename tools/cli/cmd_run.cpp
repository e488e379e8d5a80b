// kefu run: the main job. A day of chat and order events from many sessions
// in, one decision line per event out, in time order.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "kefu/kefu.hpp"
#include "kefu/session.hpp"
#include "model_loader.hpp"
#include "policy_file.hpp"
#include "session_store.hpp"

namespace kefu::cli {
namespace {

struct input_event {
    std::string line;
    std::string session;
    std::int64_t time_ms = 0;
    std::size_t number = 0;  // input line, for errors
};

std::int64_t time_of(const nlohmann::json& j, const std::string& where) {
    const auto it = j.find("time");
    if (it != j.end() && it->is_number_integer()) return it->get<std::int64_t>();
    if (it == j.end() || !it->is_string()) throw kefu::error(KEFU_EPARSE, where + ": error: event needs a \"time\"");
    try {
        return kefu::parse_time(it->get<std::string>()).now_ms;
    } catch (const kefu::error& e) {
        throw kefu::error(KEFU_EPARSE, where + ": error: " + e.what());
    }
}

// All events, stably sorted by time: the contract processes them in time
// order, and a host may append late events out of order.
std::vector<input_event> read_events(std::istream& in, const std::string& name) {
    std::vector<input_event> events;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::string where = name + ":" + std::to_string(number);
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) throw kefu::error(KEFU_EPARSE, where + ": error: not a JSON object");
        events.push_back({line, j.value("session", std::string()), time_of(j, where), number});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const input_event& a, const input_event& b) { return a.time_ms < b.time_ms; });
    return events;
}

// A session in memory, with how far it had been processed before this run.
struct live_session {
    kefu::session value;
    stored_session progress;
    std::int64_t seen_at_last_time = 0;  // events of this run at progress.last_time_ms
};

class runner {
public:
    runner(const kefu::model& model, std::optional<session_store>& store, std::string policies)
        : model_(model), store_(store), policies_(std::move(policies)) {
        if (store_)
            for (const auto& [id, deadline] : store_->deadlines()) agenda_.emplace(deadline, id);
    }

    // Fires, in time order across sessions, every flow timer due at or
    // before `until_ms`, writing one line per timer.
    void fire_timers_until(std::int64_t until_ms, std::ostream& out) {
        while (!agenda_.empty() && agenda_.begin()->first <= until_ms) {
            const auto [deadline, id] = *agenda_.begin();
            agenda_.erase(agenda_.begin());
            live_session& s = session_for(id);
            for (const nlohmann::json& line : nlohmann::json::parse(s.value.advance(deadline)))
                out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            out << std::flush;
            save(id, s);
        }
    }

    // Steps one event unless an earlier run already did; returns its line.
    std::optional<std::string> step(const input_event& e, const std::string& where) {
        live_session& s = session_for(e.session);
        if (e.time_ms < s.progress.last_time_ms) return std::nullopt;
        if (e.time_ms == s.progress.last_time_ms && s.seen_at_last_time++ < s.progress.events_at_last_time)
            return std::nullopt;
        std::string out;
        try {
            out = s.value.step_json(e.line);
        } catch (const kefu::error& err) {
            throw kefu::error(err.code(), where + ": error: " + err.what());
        }
        if (e.time_ms == s.progress.last_time_ms) {
            ++s.progress.events_at_last_time;
        } else {
            s.progress.last_time_ms = e.time_ms;
            s.progress.events_at_last_time = 1;
            s.seen_at_last_time = 1;
        }
        save(e.session, s);
        return out;
    }

private:
    // Keeps the session's next timer in the agenda, and the store up to date.
    void save(const std::string& id, live_session& s) {
        const std::optional<std::int64_t> next = s.value.next_deadline();
        if (const auto old = s.progress.next_deadline_ms) agenda_.erase({*old, id});
        if (next) agenda_.emplace(*next, id);
        s.progress.next_deadline_ms = next;
        if (store_) {
            s.progress.blob = s.value.snapshot();
            store_->save(id, s.progress);
        }
    }

    live_session& session_for(const std::string& id) {
        if (auto it = sessions_.find(id); it != sessions_.end()) return it->second;
        if (store_) {
            if (auto stored = store_->load(id)) {
                kefu::session restored = kefu::session::restore(model_, stored->blob);
                return sessions_.emplace(id, live_session{std::move(restored), std::move(*stored), 0}).first->second;
            }
        }
        kefu::session fresh(model_, id);
        if (!policies_.empty()) fresh.set_policies(policies_);
        return sessions_.emplace(id, live_session{std::move(fresh), {{}, INT64_MIN, 0, std::nullopt}, 0}).first->second;
    }

    const kefu::model& model_;
    std::optional<session_store>& store_;
    std::string policies_;  // JSON applied to every new session
    std::map<std::string, live_session> sessions_;
    std::set<std::pair<std::int64_t, std::string>> agenda_;  // (next timer, session)
};

}  // namespace

void add_run_command(CLI::App& app, const global_options& global, command_body& body) {
    struct settings {
        std::string file, state, policy, until;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand("run", "The main job: a day of chat and order events (JSON Lines) in, one "
                                              "decision line per event out, in time order");
    cmd->add_option("FILE", s->file, "Events file (default: stdin)");
    cmd->add_option("--state", s->state,
                    "Session store (SQLite): sessions survive between runs, and a second run continues where the "
                    "first stopped");
    cmd->add_option("--policy", s->policy,
                    "Shop policies for the flows, JSON {\"flow\": {\"policy\": value}} (docs/FLOWS.md), applied to "
                    "every new session");
    cmd->add_option("--until", s->until,
                    "At the end of the input, move time forward to TIME (ISO-8601 with an offset) and fire the flow "
                    "timers due by then");
    cmd->callback([s, &global, &body] {
        body = [s, &global] {
            const kefu::model model = load_model(global);
            std::ifstream in;
            if (!s->file.empty()) {
                in.open(s->file, std::ios::binary);
                if (!in) throw kefu::error(KEFU_EIO, "cannot read " + s->file);
            }
            const std::string name = s->file.empty() ? "<stdin>" : s->file;
            const auto events = read_events(s->file.empty() ? std::cin : in, name);
            std::optional<session_store> store;
            if (!s->state.empty()) store.emplace(s->state);
            const std::optional<std::int64_t> until =
                s->until.empty() ? std::nullopt : std::optional(kefu::parse_time(s->until).now_ms);
            runner run(model, store, read_policies(model, s->policy));
            const bool progress = isatty(STDERR_FILENO) != 0;
            std::size_t done = 0;
            for (const input_event& e : events) {
                run.fire_timers_until(e.time_ms, std::cout);
                if (auto line = run.step(e, name + ":" + std::to_string(e.number))) std::cout << *line << '\n' << std::flush;
                if (progress && ++done % 500 == 0)
                    std::cerr << "\rkefu run: " << done << "/" << events.size() << " events" << std::flush;
            }
            if (until) run.fire_timers_until(*until, std::cout);
            if (progress && done >= 500) std::cerr << "\n";
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli
