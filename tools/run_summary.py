#!/usr/bin/python3
"""Summarises `kefu run` output (JSON Lines on stdin): a few decisions, then
the events, intents, suggested replies, and the lint findings on agent
replies."""
import collections
import json
import sys


def main() -> None:
    rows = [json.loads(line) for line in sys.stdin if line.strip()]
    events = collections.Counter(r["event"] for r in rows)
    messages = [r for r in rows if r["event"] == "message"]
    replies = sum(1 for r in messages if r.get("reply"))
    lint = [a for r in rows for a in r["actions"] if a["type"] == "lint"]
    faults = [f for a in lint for f in a["findings"] if f["severity"] != "info"]
    flagged = sum(1 for a in lint if any(f["severity"] != "info" for f in a["findings"]))
    sessions = {r["session"] for r in rows}
    examples = [r for r in messages if r.get("reply")][:2]
    examples += [r for r in rows if r["event"] == "agent_reply" and r["actions"][0]["findings"]][:1]
    print("== three decisions ==")
    for r in examples:
        print(json.dumps(r, ensure_ascii=False))
    print("\n== the day ==")
    print(f"{len(rows)} events from {len(sessions)} sessions: " +
          ", ".join(f"{n} {e}" for e, n in events.most_common()))
    print("intents: " + ", ".join(f"{i} {n}" for i, n in
                                   collections.Counter(r.get("intent") for r in messages).most_common(8)))
    print(f"suggested replies: {replies} of {len(messages)} customer messages")
    print(f"agent replies with findings: {flagged} of {len(lint)}; " +
          ", ".join(f"{rule} {n}" for rule, n in collections.Counter(f["rule"] for f in faults).most_common()))


if __name__ == "__main__":
    main()
