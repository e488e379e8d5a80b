#!/usr/bin/python3
"""Summarises `kefu run` output (JSON Lines on stdin): a few decisions, then
the events, intents, suggested replies, the lint findings on agent replies,
and what the scenario flows did."""
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
    print_flows(rows)


def print_flows(rows: list) -> None:
    """Sessions each flow ran in, the timers that fired, and the host actions."""
    started = collections.Counter()
    seen = set()
    for r in rows:
        for flow in r.get("flows", {}):
            if (r["session"], flow) not in seen:
                seen.add((r["session"], flow))
                started[flow] += 1
    timers = collections.Counter(f'{r["flow"]}.{r["timer"]}' for r in rows if r["event"] == "timer")
    actions = collections.Counter(a["type"] for r in rows for a in r["actions"]
                                  if a["type"] not in ("reply", "lint") and "flow" in a)
    offers = [a for r in rows for a in r["actions"] if a["type"] == "offer" and a.get("kind") == "discount"]
    print("flows (sessions): " + ", ".join(f"{f} {n}" for f, n in started.most_common()))
    print("timers fired: " + ", ".join(f"{t} {n}" for t, n in timers.most_common()))
    print("flow actions: " + ", ".join(f"{a} {n}" for a, n in actions.most_common()))
    if offers:
        print("discounts offered: " + ", ".join(f'¥{a["amount"]:g} → ¥{a["price"]:g}' for a in offers))


if __name__ == "__main__":
    main()
