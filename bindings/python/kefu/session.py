"""Sessions: one customer's state between events, with snapshots that
restore it bit-exactly."""
from __future__ import annotations

import ctypes
import json
from typing import Any, List, Mapping, Optional, Union

from . import _native as _n
from ._common import _check, _take_string


def _take_bytes(handle: ctypes.c_void_p) -> bytes:
    try:
        return ctypes.string_at(_n.lib.kefu_string_data(handle), _n.lib.kefu_string_size(handle))
    finally:
        _n.lib.kefu_string_free(handle)


class Session:
    """One customer's session. Use it from one thread at a time."""

    def __init__(self, model: Any, session_id: str = "", *, _handle: ctypes.c_void_p = None):
        self._model = model
        if _handle is not None:
            self._handle = _handle
            return
        self._handle = ctypes.c_void_p()
        _check(_n.lib.kefu_session_new(ctypes.byref(self._handle), model._handle, session_id.encode()))

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle:
            _n.lib.kefu_session_free(handle)
            self._handle = None

    def step(self, event: Union[str, Mapping[str, Any]]) -> dict:
        """Processes one event (as in `kefu run` input) and returns its output."""
        data = (event if isinstance(event, str) else json.dumps(event, ensure_ascii=False)).encode()
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_session_step_json(ctypes.byref(handle), self._handle, data, len(data)))
        return json.loads(_take_string(handle))

    def advance(self, now_ms: int) -> List[dict]:
        """Moves the clock to `now_ms` (milliseconds since the epoch) and fires
        the flow timers due by then, each once: one output per timer."""
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_session_advance(ctypes.byref(handle), self._handle, int(now_ms)))
        return json.loads(_take_string(handle))

    def next_deadline(self) -> Optional[int]:
        """When the earliest pending timer is due (milliseconds), or None."""
        has, at = ctypes.c_int(), ctypes.c_int64()
        _check(_n.lib.kefu_session_next_deadline(self._handle, ctypes.byref(has), ctypes.byref(at)))
        return at.value if has.value else None

    def set_policies(self, policies: Union[str, Mapping[str, Any]]) -> None:
        """Shop policies, {"flow": {"policy": value}} (docs/FLOWS.md)."""
        data = (policies if isinstance(policies, str) else json.dumps(policies, ensure_ascii=False)).encode()
        _check(_n.lib.kefu_session_set_policies(self._handle, data, len(data)))

    def flows(self) -> dict:
        """Active flows with states and slots, pending timers, policies, audit trail."""
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_session_flows_json(ctypes.byref(handle), self._handle))
        return json.loads(_take_string(handle))

    def profile(self, evidence: bool = True) -> dict:
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_session_profile_json(ctypes.byref(handle), self._handle, 1 if evidence else 0))
        return json.loads(_take_string(handle))

    def snapshot(self) -> bytes:
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_session_snapshot(ctypes.byref(handle), self._handle))
        return _take_bytes(handle)

    @classmethod
    def restore(cls, model: Any, blob: bytes) -> "Session":
        """A session from a snapshot; KefuError (KEFU_ECORRUPT, KEFU_EVERSION)
        when the bytes are damaged or of another format."""
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_session_restore(ctypes.byref(handle), model._handle, blob, len(blob)))
        return cls(model, _handle=handle)
