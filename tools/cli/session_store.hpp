// The embedded session store of `kefu run --state FILE`: one SQLite row per
// session (its blob and how far its events have been processed), written in
// its own transaction per event, so that a killed run loses nothing and a
// second run continues where the first stopped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace kefu::cli {

struct stored_session {
    std::string blob;
    std::int64_t last_time_ms = 0;
    std::int64_t events_at_last_time = 0;  // events processed at exactly last_time_ms
    std::optional<std::int64_t> next_deadline_ms;  // its earliest pending flow timer
};

class session_store {
public:
    explicit session_store(const std::string& path);  // throws kefu::error(KEFU_EIO)
    ~session_store();
    session_store(const session_store&) = delete;
    session_store& operator=(const session_store&) = delete;

    std::optional<stored_session> load(const std::string& id);
    void save(const std::string& id, const stored_session& s);
    // Sessions with a pending timer and when it is due: a run fires them in
    // time order even when no event of theirs comes.
    std::vector<std::pair<std::string, std::int64_t>> deadlines();

private:
    void exec(const char* sql);
    [[noreturn]] void fail(const std::string& what) const;

    sqlite3* db_ = nullptr;
    std::string path_;
};

}  // namespace kefu::cli
