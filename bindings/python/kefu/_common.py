"""Errors and the helpers every module of the package shares."""
from __future__ import annotations

import ctypes

from . import _native as _n


class KefuError(Exception):
    """An error reported by the library: its status code and name, the
    message, and for rule-file errors the file, line and column."""

    def __init__(self, code: int, message: str, file: str = "", line: int = 0, column: int = 0):
        super().__init__(message)
        self.code = code
        self.name = _n.lib.kefu_status_name(code).decode()
        self.message = message
        self.file = file
        self.line = line
        self.column = column


def _check(status: int) -> None:
    if status == 0:
        return
    e = _n.lib.kefu_last_error().contents
    same = e.code == status
    raise KefuError(status, (e.message or b"").decode("utf-8", "replace") if same else _n.lib.kefu_status_name(status).decode(),
                    (e.file or b"").decode() if same else "", e.line if same else 0, e.column if same else 0)


def _take_string(handle: ctypes.c_void_p) -> str:
    try:
        size = _n.lib.kefu_string_size(handle)
        return ctypes.string_at(_n.lib.kefu_string_data(handle), size).decode("utf-8")
    finally:
        _n.lib.kefu_string_free(handle)


def _char_offset(data: bytes, byte_offset: int) -> int:
    return len(data[:byte_offset].decode("utf-8", "replace"))
