"""Customer profiles: personality, purchase behaviour, mood and complaint
motive, with the evidence behind each score."""
from __future__ import annotations

import ctypes
import json
from typing import Any, Mapping, Tuple, Union

from . import _native as _n
from ._common import _check, _take_string


class Profiler:
    """Builds one conversation's profile from its events. Use one profiler
    per conversation, from one thread at a time."""

    def __init__(self, model: Any):
        self._handle = ctypes.c_void_p()
        _check(_n.lib.kefu_profiler_new(ctypes.byref(self._handle), model._handle))

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle:
            _n.lib.kefu_profiler_free(handle)
            self._handle = None

    def event(self, event: Union[str, Mapping[str, Any]]) -> None:
        """One event as in `kefu run` input: a JSON string or a dict such as
        {"type": "message", "time": "2026-11-22T10:00:00+08:00", "text": "在吗"}."""
        data = (event if isinstance(event, str) else json.dumps(event, ensure_ascii=False)).encode()
        _check(_n.lib.kefu_profiler_event_json(self._handle, data, len(data)))

    def score(self, trait: str) -> Tuple[float, float]:
        """(score, confidence) of a trait such as "decisive" or "price_driven"."""
        score, confidence = ctypes.c_float(), ctypes.c_float()
        _check(_n.lib.kefu_profiler_score(ctypes.byref(score), ctypes.byref(confidence), self._handle, trait.encode()))
        return score.value, confidence.value

    def top(self, family: str = "personality") -> str:
        trait = ctypes.c_char_p()
        _check(_n.lib.kefu_profiler_top(ctypes.byref(trait), self._handle, family.encode()))
        return trait.value.decode()

    def to_dict(self, evidence: bool = True) -> dict:
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_profiler_json(ctypes.byref(handle), self._handle, 1 if evidence else 0))
        return json.loads(_take_string(handle))
