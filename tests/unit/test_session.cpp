// Sessions: the step output, restoring a snapshot bit-exactly in the middle
// of a conversation, damaged and foreign blobs, time going backwards, and
// bounded history.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>

#include "core/iso_time.hpp"
#include "kefu/error.hpp"
#include "model/binary.hpp"
#include "model/container.hpp"
#include "model/default_model.hpp"
#include "profile/profile.hpp"
#include "session/session.hpp"

namespace {

using namespace kefu::detail;
using nlohmann::json;

std::vector<session::event> conversation(const std::string& id) {
    std::ifstream in(std::string(KEFU_TEST_DATA_DIR) + "/golden/personas/tuning.jsonl");
    for (std::string line; std::getline(in, line);) {
        const json c = json::parse(line);
        if (c["id"] != id) continue;
        std::vector<session::event> events;
        for (const json& e : c["events"]) events.push_back(session::parse_event(e.dump()));
        return events;
    }
    return {};
}

TEST(Session, MessageStepsCarryIntentEntitiesMoodAndProfile) {
    session::customer_session s(model::default_model(), "c1");
    const json out = s.step(session::parse_event(
        R"({"type":"message","time":"2026-11-22T10:00:00+08:00","text":"亲 能便宜二十块吗"})"));
    EXPECT_EQ(out["session"], "c1");
    EXPECT_EQ(out["event"], "message");
    EXPECT_EQ(out["time"], "2026-11-22T10:00:00+08:00");
    EXPECT_EQ(out["intent"], "bargain");
    EXPECT_EQ(out["entities"][0]["type"], "discount");
    EXPECT_TRUE(out.contains("mood"));
    EXPECT_TRUE(out["profile"]["personality"].contains("decisive"));
}

TEST(Session, AgentRepliesAreLintedInTheSessionContext) {
    session::customer_session s(model::default_model(), "c1");
    s.step(session::parse_event(R"({"type":"message","time":1795312800000,"text":"收到的杯子是碎的，气死我了"})"));
    const json out = s.step(session::parse_event(R"({"type":"agent_reply","time":1795312860000,"text":"快递摔的"})"));
    ASSERT_EQ(out["actions"].size(), 1u);
    EXPECT_EQ(out["actions"][0]["type"], "lint");
    bool apology = false;
    for (const json& f : out["actions"][0]["findings"]) apology = apology || f["rule"] == "missing_apology";
    EXPECT_TRUE(apology) << out.dump();
}

// Snapshot after every event, restore, and go on: the outputs and the final
// blob are the same as without the round trips.
TEST(Session, RestoresBitExactlyMidConversation) {
    for (const char* id : {"difficult-02", "habitual-02", "impulsive-01"}) {
        const auto events = conversation(id);
        ASSERT_FALSE(events.empty()) << id;
        session::customer_session straight(model::default_model(), id);
        auto hopping = std::make_unique<session::customer_session>(model::default_model(), id);
        for (const auto& e : events) {
            const json a = straight.step(e);
            const json b = hopping->step(e);
            EXPECT_EQ(a, b) << id;
            const std::string blob = hopping->snapshot();
            hopping = std::make_unique<session::customer_session>(
                session::customer_session::restore(model::default_model(), blob));
            EXPECT_EQ(hopping->snapshot(), blob) << id;
        }
        EXPECT_EQ(straight.snapshot(), hopping->snapshot()) << id;
    }
}

int status_of_restore(std::string_view blob) {
    try {
        session::customer_session::restore(model::default_model(), blob);
        return KEFU_OK;
    } catch (const kefu::error& e) {
        return e.code();
    }
}

TEST(Session, DamagedBlobsFailWithAClearStatus) {
    session::customer_session s(model::default_model(), "c1");
    for (const auto& e : conversation("price_driven-01")) s.step(e);
    const std::string blob = s.snapshot();
    ASSERT_EQ(status_of_restore(blob), KEFU_OK);
    for (std::size_t cut : {std::size_t{0}, std::size_t{7}, std::size_t{31}, blob.size() / 2, blob.size() - 1})
        EXPECT_EQ(status_of_restore(blob.substr(0, cut)), KEFU_ECORRUPT) << cut;
    for (std::size_t at = 0; at < blob.size(); at += 7) {
        std::string flipped = blob;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x10);
        const int status = status_of_restore(flipped);
        EXPECT_TRUE(status == KEFU_ECORRUPT || status == KEFU_EVERSION) << at;
    }
    std::string other_version = blob;
    other_version[8] = 9;  // the format version follows the 8-byte magic
    EXPECT_EQ(status_of_restore(other_version), KEFU_EVERSION);
    std::string model_magic = blob;
    model_magic.replace(0, 8, "KEFUMODL");
    EXPECT_EQ(status_of_restore(model_magic), KEFU_ECORRUPT);
}

TEST(Session, TimeNeverRunsBackwards) {
    session::customer_session s(model::default_model(), "c1");
    s.step(session::parse_event(R"({"type":"message","time":"2026-11-22T10:00:00+08:00","text":"在吗"})"));
    const json out = s.step(session::parse_event(R"({"type":"message","time":"2026-11-22T09:00:00+08:00","text":"有人吗"})"));
    EXPECT_TRUE(out.contains("note"));
    EXPECT_EQ(out["time"], "2026-11-22T10:00:00+08:00");
}

TEST(Session, HistoryStaysBounded) {
    session::customer_session s(model::default_model(), "c1");
    for (int i = 0; i < 200; ++i)
        s.step(session::parse_event(json{{"type", "message"}, {"time", 1795312800000 + i * 1000}, {"text", "在吗"}}.dump()));
    EXPECT_EQ(s.history().size(), session::history_limit);
    EXPECT_LT(s.snapshot().size(), 16384u);
}

// A policy event whose policies nest deeper than {"flow": {"policy": value}}
// is malformed: before, parse_event dumped it back to text, recursively, and
// a million nested objects overflowed the stack.
TEST(Session, DeeplyNestedPoliciesAreAParseError) {
    const std::string head = R"({"type":"policy","time":"2026-11-22T10:00:00+08:00","policies":)";
    std::string deep;
    for (int i = 0; i < 1000000; ++i) deep += R"({"a":)";
    deep += "1" + std::string(1000000, '}');
    for (const std::string& policies : std::vector<std::string>{deep, R"({"bargaining":)" + deep + "}",
                                                                R"({"bargaining":{"list_price":)" + deep + "}}",
                                                                R"({"bargaining":[[[1]]]})"}) {
        try {
            session::parse_event(head + policies + "}");
            ADD_FAILURE() << "accepted";
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_EPARSE) << e.what();
        }
    }
    // plain values still reach set_policies, which reports a bad one
    session::customer_session s(model::default_model(), "c1");
    const json out = s.step(session::parse_event(head + R"({"bargaining":{"list_price":"x"}}})"));
    EXPECT_TRUE(out.contains("error")) << out.dump();
}

// Event times are refused outside the years 0000..9999 in both forms, as
// milliseconds and as ISO-8601 (where the offset can reach past the range).
TEST(Session, EventTimesOutsideTheRangeAreAParseError) {
    for (const char* time : {"\"9999-12-31T23:59:59-10:00\"", "\"0000-01-01T00:00:00+08:00\"", "253402300800000",
                             "-62167219200001"}) {
        try {
            session::parse_event(std::string(R"({"type":"tick","time":)") + time + "}");
            ADD_FAILURE() << time;
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_EPARSE) << e.what();
            EXPECT_NE(std::string(e.what()).find("outside the years 0000..9999"), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(session::parse_event(R"({"type":"tick","time":"9999-12-31T23:59:59Z"})"));
    EXPECT_NO_THROW(session::parse_event(R"({"type":"tick","time":"0000-01-01T00:00:00Z"})"));
}

// The session keeps the first 1 KiB of the last message, cut on a character
// boundary: cut inside one, the session's own blob did not restore.
TEST(Session, LongMessagesStillRestore) {
    for (const char* unit : {"我要退货", "a我", "ab😡"}) {
        std::string text;
        while (text.size() < 1100) text += unit;
        session::customer_session s(model::default_model(), "c1");
        s.step(session::parse_event(json{{"type", "message"}, {"time", 1795312800000}, {"text", text}}.dump()));
        const std::string blob = s.snapshot();
        EXPECT_EQ(status_of_restore(blob), KEFU_OK) << unit;
    }
}

// Event fields a session keeps (order ids, reasons, results) are bounded:
// orders, flow slots and the 256 entries of the audit trail hold them.
TEST(Session, LongEventFieldsAreAParseError) {
    const std::string order(session::max_field_bytes, '9');
    EXPECT_NO_THROW(session::parse_event(json{{"type", "order_created"}, {"time", 1795312800000}, {"order", order}}.dump()));
    for (const char* field : {"order", "reason", "result", "session", "courier", "tracking"}) {
        json event = {{"type", "call_result"}, {"time", 1795312800000}, {"result", "answered"}};
        event[field] = order + "9";
        try {
            session::parse_event(event.dump());
            ADD_FAILURE() << field;
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_EPARSE);
            EXPECT_NE(std::string(e.what()).find("longer than 1024 bytes"), std::string::npos) << e.what();
        }
    }
    // a message's text is as long as the event allows
    EXPECT_NO_THROW(session::parse_event(json{{"type", "message"}, {"time", 1795312800000}, {"text", order + order}}.dump()));
}

// A timer that would fall due after the end of the year 9999, where
// advance() cannot reach, is not scheduled (the audit trail says so), like
// a delay beyond 10 years; before, it stayed pending for ever.
TEST(Session, NoTimersAfterTheEndOfTime) {
    session::customer_session s(model::default_model(), "c1");
    s.set_policies(json::parse(R"({"payment_followup":{"call_after":3600}})"));
    s.step(session::parse_event(R"({"type":"order_created","time":"9999-12-31T23:55:00Z","order":"A1","amount":9})"));
    EXPECT_FALSE(s.next_deadline().has_value());
    const json flows = s.flow_state_json();
    ASSERT_FALSE(flows["audit"].empty());
    EXPECT_NE(flows["audit"].back()["actions"].get<std::string>().find("not scheduled call: after the year 9999"),
              std::string::npos)
        << flows.dump();
    // an hour earlier the call is scheduled, and advance() reaches it
    session::customer_session early(model::default_model(), "c2");
    early.set_policies(json::parse(R"({"payment_followup":{"call_after":3600}})"));
    early.step(session::parse_event(R"({"type":"order_created","time":"9999-12-31T10:00:00Z","order":"A1","amount":9})"));
    ASSERT_TRUE(early.next_deadline().has_value());
    EXPECT_LE(*early.next_deadline(), max_time_ms);
    EXPECT_FALSE(early.advance(*early.next_deadline()).empty());
}

// A clock policy (quiet hours) is seconds into the day, but the host may set
// any number: one beyond int64 was converted to int64 when a daytime timer
// was scheduled (undefined behaviour). Out of the day it means no quiet hours.
TEST(Session, ClockPoliciesOfAnyNumberAreSafe) {
    session::customer_session s(model::default_model(), "c1");
    s.set_policies(json::parse(R"({"payment_followup":{"quiet_start":1e300,"quiet_end":-5e200}})"));
    s.step(session::parse_event(R"({"type":"order_created","time":"2026-11-22T23:00:00+08:00","order":"A1","amount":9})"));
    ASSERT_TRUE(s.next_deadline().has_value());
    EXPECT_EQ(*s.next_deadline(), 1795359600000 + 15 * 60000);  // 23:15, not moved to the morning
}

// The profile's flags are saved as 0 or 1; another value is damage. Before,
// it was read as true and the restored session's blob differed from the one
// it came from (found by fuzz_session_blob).
TEST(Session, ProfileFlagsAreZeroOrOne) {
    profile::customer_profile p;
    model::writer w;
    p.save(w);
    std::string bytes = std::move(w).take();
    // the flags (compared prices, ordered) come before the last five times
    const std::size_t flag = bytes.size() - 5 * sizeof(std::int64_t) - 2 * sizeof(std::uint32_t);
    for (std::size_t at : {flag, flag + 4}) {
        std::string damaged = bytes;
        damaged[at] = 2;
        model::reader r(damaged);
        try {
            profile::customer_profile::load(r);
            ADD_FAILURE() << at;
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_ECORRUPT);
        }
        damaged[at] = 1;
        model::reader ok(damaged);
        EXPECT_NO_THROW(profile::customer_profile::load(ok));
    }
}

// Times and offsets read from a blob are checked like the host's: a time
// near INT64_MAX in a blob made scheduling a timer overflow (undefined
// behaviour, found by fuzz_session_blob; its reproducer is in the corpus).
TEST(Session, TimesInBlobsAreChecked) {
    session::customer_session s(model::default_model(), "c1");
    s.step(session::parse_event(R"({"type":"message","time":"2026-11-22T10:00:00+08:00","text":"在吗"})"));
    const std::string blob = s.snapshot();
    const auto views = model::unpack(model::session_blob, blob).sections;
    const auto damaged = [&](std::size_t at, const void* bytes, std::size_t size) {
        model::sections parts;
        for (const auto& [tag, view] : views) parts[tag] = std::string(view);
        std::string& state = parts[model::tag("SESS")];
        std::memcpy(state.data() + at, bytes, size);
        return model::pack(model::session_blob, parts);
    };
    const std::size_t time_at = 8 + 2;  // after the id "c1" and its length
    for (const std::int64_t t : {INT64_MAX, max_time_ms + 1, min_time_ms - 1}) {
        EXPECT_EQ(status_of_restore(damaged(time_at, &t, sizeof t)), KEFU_ECORRUPT) << t;
    }
    const std::int64_t never = INT64_MIN;  // a session that never took an event
    EXPECT_EQ(status_of_restore(damaged(time_at, &never, sizeof never)), KEFU_OK);
    const std::int32_t offset = 19 * 60;
    EXPECT_EQ(status_of_restore(damaged(time_at + 8, &offset, sizeof offset)), KEFU_ECORRUPT);
}

}  // namespace
