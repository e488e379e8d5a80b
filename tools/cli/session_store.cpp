#include "session_store.hpp"

#include <sqlite3.h>

#include <memory>

#include "kefu/kefu.hpp"

namespace kefu::cli {
namespace {

struct statement_deleter {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using statement = std::unique_ptr<sqlite3_stmt, statement_deleter>;

}  // namespace

session_store::session_store(const std::string& path) : path_(path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) fail("cannot open");
    sqlite3_busy_timeout(db_, 5000);
    // WAL with synchronous=NORMAL: every committed event survives a killed
    // process; only a power cut can lose the last few.
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, blob BLOB NOT NULL, "
         "last_time_ms INTEGER NOT NULL, events_at_last_time INTEGER NOT NULL, next_deadline_ms INTEGER)");
    // Stores written before flows had timers lack the column; adding it
    // fails harmlessly when it is there.
    sqlite3_exec(db_, "ALTER TABLE sessions ADD COLUMN next_deadline_ms INTEGER", nullptr, nullptr, nullptr);
}

session_store::~session_store() { sqlite3_close(db_); }

void session_store::fail(const std::string& what) const {
    throw kefu::error(KEFU_EIO, path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"), path_);
}

void session_store::exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw kefu::error(KEFU_EIO, path_ + ": " + text, path_);
    }
}

std::optional<stored_session> session_store::load(const std::string& id) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT blob, last_time_ms, events_at_last_time FROM sessions WHERE id = ?", -1, &raw,
                           nullptr) != SQLITE_OK)
        fail("cannot read");
    statement s(raw);
    sqlite3_bind_text(s.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    const int step = sqlite3_step(s.get());
    if (step == SQLITE_DONE) return std::nullopt;
    if (step != SQLITE_ROW) fail("cannot read");
    stored_session out;
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(s.get(), 0));
    out.blob.assign(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(s.get(), 0)));
    out.last_time_ms = sqlite3_column_int64(s.get(), 1);
    out.events_at_last_time = sqlite3_column_int64(s.get(), 2);
    return out;
}

void session_store::save(const std::string& id, const stored_session& session) {
    exec("BEGIN IMMEDIATE");
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_,
                           "INSERT OR REPLACE INTO sessions (id, blob, last_time_ms, events_at_last_time, "
                           "next_deadline_ms) VALUES (?, ?, ?, ?, ?)",
                           -1, &raw, nullptr) != SQLITE_OK) {
        exec("ROLLBACK");
        fail("cannot write");
    }
    statement s(raw);
    sqlite3_bind_text(s.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(s.get(), 2, session.blob.data(), static_cast<int>(session.blob.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s.get(), 3, session.last_time_ms);
    sqlite3_bind_int64(s.get(), 4, session.events_at_last_time);
    if (session.next_deadline_ms) sqlite3_bind_int64(s.get(), 5, *session.next_deadline_ms);
    else sqlite3_bind_null(s.get(), 5);
    if (sqlite3_step(s.get()) != SQLITE_DONE) {
        exec("ROLLBACK");
        fail("cannot write");
    }
    exec("COMMIT");
}

}  // namespace kefu::cli

namespace kefu::cli {

std::vector<std::pair<std::string, std::int64_t>> session_store::deadlines() {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT id, next_deadline_ms FROM sessions WHERE next_deadline_ms IS NOT NULL", -1,
                           &raw, nullptr) != SQLITE_OK)
        fail("cannot read");
    statement s(raw);
    std::vector<std::pair<std::string, std::int64_t>> out;
    int step = 0;
    while ((step = sqlite3_step(s.get())) == SQLITE_ROW) {
        const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0));
        out.emplace_back(id ? id : "", sqlite3_column_int64(s.get(), 1));
    }
    if (step != SQLITE_DONE) fail("cannot read");
    return out;
}

}  // namespace kefu::cli
