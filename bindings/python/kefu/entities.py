"""Entities: the typed facts in a customer message (prices, discounts,
deadlines, order numbers...), with spans into the message."""
from __future__ import annotations

import ctypes
import datetime as _dt
import json
from dataclasses import dataclass
from typing import Optional, Tuple, Union

from . import _native as _n
from ._common import _char_offset, _check, _take_string

NowLike = Union[None, str, _dt.datetime]

_GRAINS = {0: "", 1: "minute", 2: "hour", 3: "day", 4: "week", 5: "month", 6: "year"}
_RELATIONS = {0: "at", 1: "before", 2: "after"}
_KINDS = {0: "", 1: "factor", 2: "amount_off", 3: "threshold", 4: "round_off", 5: "nth_item"}


@dataclass(frozen=True)
class Entity:
    type: str                      # "money", "discount", "time", ...
    text: str                      # the entity as written
    start: int                     # byte offsets into the UTF-8 input
    end: int
    span: Tuple[int, int]          # the same as indices into the Python string
    value: Optional[float] = None  # money, quantity, discount; duration: seconds
    min: Optional[float] = None    # money ranges
    max: Optional[float] = None
    approx: bool = False
    kind: str = ""                 # discounts: factor, amount_off, threshold, round_off, nth_item
    threshold: Optional[float] = None
    nth: Optional[int] = None
    seconds: Optional[int] = None  # durations
    time: Optional[_dt.datetime] = None  # resolved times, aware
    grain: str = ""
    relation: str = ""
    canonical: str = ""            # ids, phones, sizes, colours, courier codes, attribute words
    unit: str = ""
    courier: str = ""
    masked: bool = False           # an anonymised log's placeholder ("[电话x]"): no value or canonical


def parse_time(iso: str) -> Tuple[int, int]:
    """(ms since the epoch, UTC offset in minutes) of an ISO-8601 time."""
    data = iso.encode()
    ms, offset = ctypes.c_int64(), ctypes.c_int32()
    _check(_n.lib.kefu_time_parse(ctypes.byref(ms), ctypes.byref(offset), data, len(data)))
    return ms.value, offset.value


def format_time(ms: int, utc_offset_minutes: int = 480) -> str:
    handle = ctypes.c_void_p()
    _check(_n.lib.kefu_time_format(ctypes.byref(handle), ms, utc_offset_minutes))
    return _take_string(handle)


def _clock(now: NowLike) -> Optional[Tuple[int, int]]:
    if now is None:
        return None
    if isinstance(now, str):
        return parse_time(now)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (the shop's UTC offset matters for 今天 and 明天)")
    offset = int(now.utcoffset().total_seconds() // 60)
    return int(now.timestamp() * 1000), offset


def _entity_from(e: _n.EntityStruct, data: bytes) -> Entity:
    type_name = e.type_name.decode()
    is_money_range = type_name == "money" and e.is_range
    time = None
    if e.resolved:
        zone = _dt.timezone(_dt.timedelta(minutes=e.utc_offset_minutes))
        time = _dt.datetime.fromtimestamp(e.time_ms / 1000, zone)
    return Entity(
        type=type_name,
        text=data[e.start:e.end].decode("utf-8", "replace"),
        start=e.start,
        end=e.end,
        span=(_char_offset(data, e.start), _char_offset(data, e.end)),
        value=e.value if e.has_value else None,
        min=e.min if is_money_range else None,
        max=e.max if is_money_range else None,
        approx=bool(e.approx),
        kind=_KINDS.get(e.kind, "") if type_name == "discount" else e.unit.decode() if type_name == "attribute" else "",
        threshold=e.threshold if e.kind == 3 else None,
        nth=e.nth if e.kind == 5 else None,
        seconds=e.seconds if type_name == "duration" else None,
        time=time,
        grain=_GRAINS.get(e.grain, ""),
        relation=_RELATIONS.get(e.relation, "") if type_name == "time" else "",
        canonical=e.canonical.decode(),
        unit=e.unit.decode(),
        courier=e.courier.decode(),
        masked=_is_masked(type_name, e),
    )


# The C record marks a placeholder by what it lacks: no unmasked number is
# empty, and no single amount is without a value.
def _is_masked(type_name: str, e: _n.EntityStruct) -> bool:
    if type_name in ("order_number", "tracking_number", "phone"):
        return not e.canonical
    return type_name == "money" and not e.has_value and not e.is_range


def _options(now: NowLike) -> _n.EntityOptions:
    opts = _n.EntityOptions()
    _check(_n.lib.kefu_entity_options_init(ctypes.byref(opts), _n.ENTITY_OPTIONS_VERSION))
    clock = _clock(now)
    if clock:
        opts.has_clock, (opts.now_ms, opts.utc_offset_minutes) = 1, clock
    return opts


def extract_entities(text: str, *, now: NowLike = None) -> Tuple[Entity, ...]:
    """The entities of one message, in order. `now` (an aware datetime or an
    ISO-8601 string) resolves relative times; without it times have no date."""
    data = text.encode("utf-8", "surrogateescape")
    opts = _options(now)
    handle = ctypes.c_void_p()
    _check(_n.lib.kefu_extract_entities(ctypes.byref(handle), data, len(data), ctypes.byref(opts)))
    try:
        out = []
        e = _n.EntityStruct()
        for i in range(_n.lib.kefu_entities_count(handle)):
            _check(_n.lib.kefu_entities_get(ctypes.byref(e), handle, i))
            out.append(_entity_from(e, data))
        return tuple(out)
    finally:
        _n.lib.kefu_entities_free(handle)


def extract_entities_json(text: str, *, now: NowLike = None) -> dict:
    data = text.encode("utf-8", "surrogateescape")
    opts = _options(now)
    handle = ctypes.c_void_p()
    _check(_n.lib.kefu_extract_entities_json(ctypes.byref(handle), data, len(data), ctypes.byref(opts)))
    return json.loads(_take_string(handle))
