#!/usr/bin/env python3
"""Writes the seed blobs of fuzz_session_blob: real session blobs taken in
the middle of the built-in flows (docs/FLOWS.md), through the Python package
over the C ABI. Rerun it when the session blob format changes:

    KEFU_LIBRARY=build/dev/src/libkefu.so.1 PYTHONPATH=bindings/python \\
        python3 tests/fuzz/make_session_seeds.py

Each blob is written twice: as it is (the fuzzer reads it raw) and behind the
byte 0x01 (the fuzzer repairs the checksum of what follows, so mutations
reach the section readers). Also writes two pseudo-random byte strings as
seeds of fuzz_session_steps' decoder; its script seeds are hand-written.
"""
import random
import sys
from pathlib import Path

import kefu

HERE = Path(__file__).resolve().parent
BLOBS = HERE / "corpus" / "fuzz_session_blob"
STEPS = HERE / "corpus" / "fuzz_session_steps"


def at(clock: str) -> str:
    return "2026-11-22T" + clock + ":00+08:00"


def message(clock, text):
    return {"type": "message", "time": at(clock), "text": text}


def conversations():
    """name -> (policies or None, events, expected flow state)"""
    return {
        "bargaining_ultimatum": (
            {"bargaining": {"list_price": 99, "floor_price": 89}},
            [message("10:00", "这个多少钱"), message("10:01", "别家才卖80，你们太贵了"),
             message("10:02", "最低多少？不便宜我就不要了")],
            ("bargaining", None)),
        "payment_call_pending": (
            None,
            [{"type": "order_created", "time": at("10:00"), "order": "A1", "amount": 59}],
            ("payment_followup", "unpaid")),
        "payment_texted_retry": (
            None,
            [{"type": "order_created", "time": at("10:00"), "order": "A1", "amount": 59},
             {"type": "tick", "time": at("10:16")},
             {"type": "call_result", "time": at("10:20"), "order": "A1", "result": "unreachable"}],
            ("payment_followup", "texted")),
        "aftersale_asking": (
            None,
            [{"type": "return_requested", "time": at("10:00"), "order": "A9", "reason": "尺码不合适"},
             message("10:01", "东西收到了")],
            ("aftersale_retention", None)),
        "complaint_escalated": (
            None,
            [message("10:00", "你们这什么破服务，我要投诉😡😡😡"), message("10:01", "叫你们领导来")],
            ("complaint", None)),
        "late_shipment_notified": (
            None,
            [{"type": "order_paid", "time": at("10:00"), "order": "B7", "amount": 120},
             {"type": "shipment_delayed", "time": at("11:00"), "order": "B7",
              "new_date": "2026-11-25T12:00:00+08:00"}],
            ("late_shipment", "notified")),
        "traditional_customer": (
            None,
            [message("10:00", "在嗎？這件有ＸＬ嗎"), message("10:01", "能便宜一點嗎")],
            None),
        "fresh": (None, [], None),
    }


def main() -> int:
    model = kefu.Model.default()
    BLOBS.mkdir(parents=True, exist_ok=True)
    STEPS.mkdir(parents=True, exist_ok=True)
    for name, (policies, events, expected) in conversations().items():
        session = kefu.Session(model, name)
        if policies:
            session.set_policies(policies)
        for event in events:
            session.step(event)
        flows = session.flows()
        if expected:
            flow, state = expected
            active = {a["flow"]: a["state"] for a in flows["active"]}
            if flow not in active or (state and active[flow] != state):
                print(f"{name}: expected {flow} in {state or 'any state'}, active: {active}", file=sys.stderr)
                return 1
        blob = session.snapshot()
        (BLOBS / name).write_bytes(blob)
        (BLOBS / (name + "_repaired")).write_bytes(b"\x01" + blob)
        print(f"{name}: {len(blob)} bytes, flows {[(a['flow'], a['state']) for a in flows['active']]}, "
              f"{len(flows['timers'])} timers")
    blob = (BLOBS / "payment_call_pending").read_bytes()
    (BLOBS / "damaged_truncated").write_bytes(blob[: len(blob) // 2])
    (BLOBS / "damaged_version_1").write_bytes(blob[:8] + b"\x01" + blob[9:])
    rng = random.Random(1)
    for size in (64, 512, 2048):
        (STEPS / f"random_{size}").write_bytes(bytes(rng.randrange(256) for _ in range(size)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
