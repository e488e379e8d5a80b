"""Checking replies that human agents write against the service standard."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Iterable, Optional, Tuple

from . import _native as _n
from ._common import _char_offset, _check


@dataclass(frozen=True)
class Finding:
    rule: str                  # "blunt_negative", "missing_apology", ...
    severity: str              # "info", "warning", "error"
    start: int                 # byte offsets into the UTF-8 reply
    end: int
    span: Tuple[int, int]      # the same as indices into the Python string
    message: str
    suggestion: str


def lint(reply: str, *, customer: str = "", mood: Optional[str] = None, personality: Optional[str] = None,
         intents: Iterable[str] = (), topic_resolved: bool = False) -> Tuple[Finding, ...]:
    """Findings on one agent reply. The context (the customer's message, mood,
    top personality, last intents, whether the topic is resolved) lets the
    rules that need it speak; without it they stay silent."""
    data = reply.encode("utf-8", "surrogateescape")
    ctx = _n.LintContext()
    _check(_n.lib.kefu_lint_context_init(ctypes.byref(ctx), _n.LINT_CONTEXT_VERSION))
    customer_bytes = customer.encode("utf-8", "surrogateescape")
    ctx.customer, ctx.customer_len = customer_bytes, len(customer_bytes)
    ctx.mood = mood.encode() if mood else None
    ctx.personality = personality.encode() if personality else None
    encoded = [i.encode() for i in intents]
    array = (ctypes.c_char_p * max(1, len(encoded)))(*encoded)
    ctx.intents, ctx.intent_count = array, len(encoded)
    ctx.topic_resolved = 1 if topic_resolved else 0
    handle = ctypes.c_void_p()
    _check(_n.lib.kefu_lint(ctypes.byref(handle), data, len(data), ctypes.byref(ctx)))
    try:
        out = []
        f = _n.LintFinding()
        for i in range(_n.lib.kefu_lint_count(handle)):
            _check(_n.lib.kefu_lint_get(ctypes.byref(f), handle, i))
            out.append(Finding(f.rule.decode(), f.severity.decode(), f.start, f.end,
                               (_char_offset(data, f.start), _char_offset(data, f.end)), f.message.decode(),
                               f.suggestion.decode()))
        return tuple(out)
    finally:
        _n.lib.kefu_lint_free(handle)
