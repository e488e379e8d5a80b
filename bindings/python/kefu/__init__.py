"""kefu: customer-service understanding for Chinese online shops.

Python bindings over the kefu C ABI (ctypes, standard library only). The GIL
is released during every library call, so threads sharing one Model run in
parallel.

    import kefu
    model = kefu.Model.default()
    result = model.classify("我要退貨")      # result.intent == "return"
    kefu.normalize("這件有ＸＬ嗎").text       # "这件有xl吗"
"""
from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _native as _n
from ._common import KefuError, _char_offset, _check, _take_string
from .lint import Finding, lint
from .profile import Profiler
from .session import Session
from .entities import Entity, NowLike, _clock, _entity_from, extract_entities, format_time, parse_time

__all__ = ["KefuError", "Model", "Classification", "Mood", "RankedIntent", "RuleHit", "Normalized", "CharInfo", "Entity",
           "normalize", "version", "lint", "Finding", "Profiler", "Session", "extract_entities", "parse_time", "format_time"]


def version() -> str:
    """The version of the loaded libkefu."""
    return _n.lib.kefu_version().decode()


@dataclass(frozen=True)
class CharInfo:
    char: str
    repeat: int
    source_start: int  # byte offsets into the UTF-8 encoding of the input
    source_end: int


@dataclass(frozen=True)
class Normalized:
    text: str
    chars: Tuple[CharInfo, ...]


def normalize(text: str, *, strict_utf8: bool = False) -> Normalized:
    """The canonical form of a message (NFKC, case folding, Simplified
    script, emoji tokens, squeezed repeats) with a map back to the input."""
    data = text.encode("utf-8", "surrogateescape")
    opts = _n.NormalizeOptions()
    _check(_n.lib.kefu_normalize_options_init(ctypes.byref(opts), _n.NORMALIZE_OPTIONS_VERSION))
    opts.invalid_utf8 = _n.INVALID_UTF8_REJECT if strict_utf8 else _n.INVALID_UTF8_REPLACE
    handle = ctypes.c_void_p()
    _check(_n.lib.kefu_normalize(ctypes.byref(handle), data, len(data), ctypes.byref(opts)))
    try:
        size = ctypes.c_size_t()
        raw = ctypes.string_at(_n.lib.kefu_normalized_text(handle, ctypes.byref(size)), size.value)
        chars = []
        info = _n.CharInfo()
        for i in range(_n.lib.kefu_normalized_char_count(handle)):
            _check(_n.lib.kefu_normalized_char(ctypes.byref(info), handle, i))
            chars.append(CharInfo(raw[info.text_start:info.text_end].decode(), info.repeat, info.source_start,
                                  info.source_end))
        return Normalized(raw.decode(), tuple(chars))
    finally:
        _n.lib.kefu_normalized_free(handle)


@dataclass(frozen=True)
class RankedIntent:
    intent: str
    confidence: float


@dataclass(frozen=True)
class RuleHit:
    rule: str
    intent: str
    weight: float
    negated: bool
    start: int  # byte offsets into the UTF-8 input
    end: int
    span: Tuple[int, int]  # the same as indices into the Python string


@dataclass(frozen=True)
class Mood:
    polarity: float      # P(positive) - P(negative), in [-1, 1]
    anger: float
    anxiety: float       # worry or urgency
    satisfaction: float
    neutral: float


@dataclass(frozen=True)
class Classification:
    intent: str
    confidence: float
    out_of_scope: bool
    ranking: Tuple[RankedIntent, ...]
    hits: Tuple[RuleHit, ...] = field(default=())
    entities: Tuple[Entity, ...] = field(default=())
    mood: Optional[Mood] = None  # None when the model has no mood heads


class Model:
    """An immutable compiled model; share one between threads freely."""

    def __init__(self, handle: ctypes.c_void_p):
        self._handle = handle

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle:
            _n.lib.kefu_model_free(handle)
            self._handle = None

    @classmethod
    def default(cls) -> "Model":
        """The default Chinese e-commerce model embedded in libkefu."""
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_model_default(ctypes.byref(handle)))
        return cls(handle)

    @classmethod
    def load(cls, path: str) -> "Model":
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_model_load_file(ctypes.byref(handle), str(path).encode()))
        return cls(handle)

    @classmethod
    def compile(cls, sources: Union[Mapping[str, str], Sequence[Tuple[str, str]]],
                base: Optional["Model"] = None) -> "Model":
        """Compiles rule files given as {name: text} on top of `base`.
        Syntax errors raise KefuError with file, line and column."""
        items = list(sources.items()) if isinstance(sources, Mapping) else list(sources)
        encoded = [(name.encode(), text.encode()) for name, text in items]
        array = (_n.Source * max(1, len(encoded)))(*[_n.Source(n, t, len(t)) for n, t in encoded])
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_model_compile(ctypes.byref(handle), base._handle if base else None, array, len(encoded)))
        return cls(handle)

    @classmethod
    def train(cls, examples: Iterable[Tuple[str, str]], *, base: Optional["Model"] = None, seed: int = 1,
              epochs: int = 12, oos_label: Optional[str] = None, holdout: float = 0.2,
              compose_leads: Sequence[str] = (), compose_ratio: float = 0.0, min_document_frequency: int = 1,
              prune_below: Optional[float] = None, chinese_words: bool = False,
              max_in_scope_loss: Optional[float] = None, select_regularisation: bool = True,
              threads: int = 0, pinyin: bool = True, fold_digits: bool = True,
              latin_ngram_min: int = 3) -> "Model":
        """Trains a learned intent model on (label, text) pairs.

        compose_leads and compose_ratio add multi-wish examples: a short
        example of a lead label (one needing no answer of its own) joined to
        another label's example, labelled with the latter.

        min_document_frequency leaves out features found in fewer examples;
        prune_below drops class weights this close to each feature's median
        (None keeps the library default, 0 keeps every weight); chinese_words
        adds Chinese word n-grams from ICU's dictionary word breaks.

        max_in_scope_loss is the in-scope accuracy the out-of-scope rule may
        cost on the held-out share (None keeps the library default);
        select_regularisation also fits a smoother learner and keeps the one
        that scores better on the held-out share.

        threads is how many threads training may use (0: one per core); the
        model is the same for any value. pinyin hashes bigrams of Han
        characters by their toneless pinyin, which carries typos that sound
        right. fold_digits reads digits by shape in character n-grams (each
        as 0, a run of three or more as one mark of its length), so that an
        order number does not outweigh the words beside it. latin_ngram_min
        is the shortest character n-gram made only of Latin letters: single
        letters and pairs say little in alphabetic text and cost speed."""
        encoded = [(label.encode(), text.encode()) for label, text in examples]
        array = (_n.Example * max(1, len(encoded)))(*[_n.Example(l, t, len(t)) for l, t in encoded])
        opts = _n.TrainOptions()
        _check(_n.lib.kefu_train_options_init(ctypes.byref(opts), _n.TRAIN_OPTIONS_VERSION))
        opts.seed, opts.epochs, opts.holdout = seed, epochs, holdout
        oos = oos_label.encode() if oos_label else None
        opts.oos_label = oos
        leads = ",".join(compose_leads).encode() if compose_leads else None
        opts.compose_leads, opts.compose_ratio = leads, compose_ratio
        opts.min_document_frequency = min_document_frequency
        opts.chinese_words = 1 if chinese_words else 0
        if prune_below is not None:
            opts.prune_below = prune_below
        if max_in_scope_loss is not None:
            opts.max_in_scope_loss = max_in_scope_loss
        opts.select_regularisation = 1 if select_regularisation else 0
        opts.threads = threads
        opts.pinyin = 1 if pinyin else 0
        opts.fold_digits = 1 if fold_digits else 0
        opts.latin_ngram_min = latin_ngram_min
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_model_train(ctypes.byref(handle), base._handle if base else None, array, len(encoded),
                                       ctypes.byref(opts)))
        return cls(handle)

    def save(self, path: str) -> None:
        _check(_n.lib.kefu_model_save_file(self._handle, str(path).encode()))

    @property
    def intents(self) -> Tuple[str, ...]:
        n = _n.lib.kefu_model_intent_count(self._handle)
        return tuple(_n.lib.kefu_model_intent_name(self._handle, i).decode() for i in range(n))

    @property
    def out_of_scope_label(self) -> str:
        return _n.lib.kefu_model_out_of_scope_label(self._handle).decode()

    def info(self) -> dict:
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_model_info_json(ctypes.byref(handle), self._handle))
        return json.loads(_take_string(handle))

    def _options(self, explain: bool, now: NowLike) -> _n.ClassifyOptions:
        opts = _n.ClassifyOptions()
        _check(_n.lib.kefu_classify_options_init(ctypes.byref(opts), _n.CLASSIFY_OPTIONS_VERSION))
        opts.explain = 1 if explain else 0
        clock = _clock(now)
        if clock:
            opts.has_clock, (opts.now_ms, opts.utc_offset_minutes) = 1, clock
        return opts

    def classify(self, text: str, *, now: NowLike = None) -> Classification:
        """The intent of one customer message, with the ranked list, the rules
        that fired and the entities. `now` (an aware datetime or an ISO-8601
        string) resolves relative times such as 明天."""
        data = text.encode("utf-8", "surrogateescape")
        opts = self._options(False, now)
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_classify(ctypes.byref(handle), self._handle, data, len(data), ctypes.byref(opts)))
        try:
            return self._read(handle, data)
        finally:
            _n.lib.kefu_classification_free(handle)

    def classify_json(self, text: str, *, explain: bool = False, now: NowLike = None) -> dict:
        """The JSON twin of classify(), as the CLI prints it."""
        data = text.encode("utf-8", "surrogateescape")
        opts = self._options(explain, now)
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_classify_json(ctypes.byref(handle), self._handle, data, len(data), ctypes.byref(opts)))
        return json.loads(_take_string(handle))

    def render_template(self, key: str, *, style: Optional[str] = None,
                        slots: Optional[Mapping[str, object]] = None, variant: int = 0) -> dict:
        """Renders the reply template `key` without a session: {"text",
        "template", "style", "variants"}. Money slots are numbers, {deadline}
        and {new_date} ISO-8601 times with an offset, the others texts."""
        data = json.dumps(dict(slots or {}), ensure_ascii=False).encode()
        handle = ctypes.c_void_p()
        _check(_n.lib.kefu_template_render(ctypes.byref(handle), self._handle, key.encode(),
                                           style.encode() if style else None, data, len(data), variant))
        return json.loads(_take_string(handle))

    def flow_names(self) -> list:
        """The scenario flows of the model (docs/FLOWS.md), in order."""
        lib = _n.lib
        return [lib.kefu_model_flow_name(self._handle, i).decode() for i in range(lib.kefu_model_flow_count(self._handle))]

    @staticmethod
    def _read(handle: ctypes.c_void_p, data: bytes) -> Classification:
        lib = _n.lib
        ranking = []
        name, confidence = ctypes.c_char_p(), ctypes.c_float()
        for i in range(lib.kefu_classification_ranking_size(handle)):
            _check(lib.kefu_classification_ranking(ctypes.byref(name), ctypes.byref(confidence), handle, i))
            ranking.append(RankedIntent(name.value.decode(), confidence.value))
        hits = []
        hit = _n.RuleHit()
        for i in range(lib.kefu_classification_hit_count(handle)):
            _check(lib.kefu_classification_hit(ctypes.byref(hit), handle, i))
            hits.append(RuleHit(hit.rule.decode(), hit.intent.decode(), hit.weight, bool(hit.negated), hit.start,
                                hit.end, (_char_offset(data, hit.start), _char_offset(data, hit.end))))
        entities = []
        entity = _n.EntityStruct()
        for i in range(lib.kefu_classification_entity_count(handle)):
            _check(lib.kefu_classification_entity(ctypes.byref(entity), handle, i))
            entities.append(_entity_from(entity, data))
        m = _n.MoodStruct()
        _check(lib.kefu_classification_mood(ctypes.byref(m), handle))
        mood = Mood(m.polarity, m.anger, m.anxiety, m.satisfaction, m.neutral) if m.available else None
        return Classification(lib.kefu_classification_intent(handle).decode(),
                              lib.kefu_classification_confidence(handle),
                              bool(lib.kefu_classification_out_of_scope(handle)), tuple(ranking), tuple(hits),
                              tuple(entities), mood)
