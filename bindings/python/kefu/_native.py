"""ctypes declarations of the kefu C ABI (include/kefu/kefu.h) and the
loading of libkefu. Everything else in the package builds on this module.

libkefu is looked for, in order: the KEFU_LIBRARY environment variable (a
file path); next to this package; in the install prefix the package was
installed into (PREFIX/lib, beside lib/python3.X/site-packages); then the
system's library path."""
import ctypes
import ctypes.util
import os
from pathlib import Path

SONAME = "libkefu.so.1"


def _candidates():
    env = os.environ.get("KEFU_LIBRARY")
    if env:
        yield env
    here = Path(__file__).resolve().parent
    yield str(here / SONAME)
    for parent in here.parents:  # PREFIX/lib/python3.X/site-packages/kefu -> PREFIX/lib
        if parent.name.startswith("python3") and parent.parent.name in ("lib", "lib64"):
            yield str(parent.parent / SONAME)
            break
    found = ctypes.util.find_library("kefu")
    if found:
        yield found


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(f"{path}: {e}")
    raise OSError("libkefu not found; set KEFU_LIBRARY to its path. Tried: " + "; ".join(errors or ["nothing"]))


lib = _load()

c_size_p = ctypes.POINTER(ctypes.c_size_t)


class Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("message", ctypes.c_char_p), ("file", ctypes.c_char_p),
                ("line", ctypes.c_uint32), ("column", ctypes.c_uint32), ("byte_offset", ctypes.c_int64)]


class NormalizeOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("invalid_utf8", ctypes.c_int32), ("max_length", ctypes.c_size_t)]


class CharInfo(ctypes.Structure):
    _fields_ = [("codepoint", ctypes.c_uint32), ("repeat", ctypes.c_uint32), ("text_start", ctypes.c_size_t),
                ("text_end", ctypes.c_size_t), ("source_start", ctypes.c_size_t), ("source_end", ctypes.c_size_t)]


class Source(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("text", ctypes.c_char_p), ("len", ctypes.c_size_t)]


class ClassifyOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("invalid_utf8", ctypes.c_int32), ("max_length", ctypes.c_size_t),
                ("explain", ctypes.c_int32), ("has_clock", ctypes.c_int32), ("utc_offset_minutes", ctypes.c_int32),
                ("now_ms", ctypes.c_int64), ("skip_entities", ctypes.c_int32), ("skip_mood", ctypes.c_int32)]


class MoodStruct(ctypes.Structure):
    _fields_ = [("polarity", ctypes.c_float), ("anger", ctypes.c_float), ("anxiety", ctypes.c_float),
                ("satisfaction", ctypes.c_float), ("neutral", ctypes.c_float), ("available", ctypes.c_int32),
                ("reserved", ctypes.c_float * 2)]


class LintContext(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("customer", ctypes.c_char_p), ("customer_len", ctypes.c_size_t),
                ("mood", ctypes.c_char_p), ("personality", ctypes.c_char_p),
                ("intents", ctypes.POINTER(ctypes.c_char_p)), ("intent_count", ctypes.c_size_t),
                ("topic_resolved", ctypes.c_int32)]


class LintFinding(ctypes.Structure):
    _fields_ = [("rule", ctypes.c_char_p), ("level", ctypes.c_int32), ("severity", ctypes.c_char_p),
                ("start", ctypes.c_size_t), ("end", ctypes.c_size_t), ("message", ctypes.c_char_p),
                ("suggestion", ctypes.c_char_p)]


class EntityOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("invalid_utf8", ctypes.c_int32), ("max_length", ctypes.c_size_t),
                ("has_clock", ctypes.c_int32), ("utc_offset_minutes", ctypes.c_int32), ("now_ms", ctypes.c_int64)]


class EntityStruct(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int32), ("type_name", ctypes.c_char_p), ("start", ctypes.c_size_t),
                ("end", ctypes.c_size_t), ("value", ctypes.c_double), ("min", ctypes.c_double),
                ("max", ctypes.c_double), ("has_value", ctypes.c_int32), ("is_range", ctypes.c_int32),
                ("approx", ctypes.c_int32), ("kind", ctypes.c_int32), ("threshold", ctypes.c_double),
                ("nth", ctypes.c_uint32), ("seconds", ctypes.c_int64), ("time_ms", ctypes.c_int64),
                ("utc_offset_minutes", ctypes.c_int32), ("grain", ctypes.c_int32), ("relation", ctypes.c_int32),
                ("resolved", ctypes.c_int32), ("canonical", ctypes.c_char_p), ("unit", ctypes.c_char_p),
                ("courier", ctypes.c_char_p), ("reserved", ctypes.c_int64 * 4)]


class RuleHit(ctypes.Structure):
    _fields_ = [("rule", ctypes.c_char_p), ("intent", ctypes.c_char_p), ("weight", ctypes.c_float),
                ("negated", ctypes.c_int32), ("start", ctypes.c_size_t), ("end", ctypes.c_size_t)]


class TrainOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("seed", ctypes.c_uint32), ("epochs", ctypes.c_uint32),
                ("learning_rate", ctypes.c_float), ("holdout", ctypes.c_float), ("oos_label", ctypes.c_char_p),
                ("char_ngram_min", ctypes.c_uint32), ("char_ngram_max", ctypes.c_uint32),
                ("word_ngrams", ctypes.c_uint32), ("l2", ctypes.c_float), ("calibration_tsv", ctypes.c_char_p),
                ("compose_leads", ctypes.c_char_p), ("compose_ratio", ctypes.c_float),
                ("min_document_frequency", ctypes.c_uint32), ("prune_below", ctypes.c_float),
                ("chinese_words", ctypes.c_uint32), ("max_in_scope_loss", ctypes.c_float),
                ("select_regularisation", ctypes.c_uint32), ("threads", ctypes.c_uint32),
                ("pinyin", ctypes.c_uint32), ("fold_digits", ctypes.c_uint32),
                ("latin_ngram_min", ctypes.c_uint32)]


class Example(ctypes.Structure):
    _fields_ = [("label", ctypes.c_char_p), ("text", ctypes.c_char_p), ("len", ctypes.c_size_t)]


NORMALIZE_OPTIONS_VERSION = 1
CLASSIFY_OPTIONS_VERSION = 2
ENTITY_OPTIONS_VERSION = 1
LINT_CONTEXT_VERSION = 1
TRAIN_OPTIONS_VERSION = 8
INVALID_UTF8_REPLACE = 0
INVALID_UTF8_REJECT = 1

P = ctypes.c_void_p
PP = ctypes.POINTER(ctypes.c_void_p)


def _declare(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


_declare("kefu_version", ctypes.c_char_p)
_declare("kefu_status_name", ctypes.c_char_p, ctypes.c_int)
_declare("kefu_last_error", ctypes.POINTER(Error))
_declare("kefu_string_data", ctypes.c_void_p, P)
_declare("kefu_string_size", ctypes.c_size_t, P)
_declare("kefu_string_free", None, P)
_declare("kefu_normalize_options_init", ctypes.c_int, ctypes.POINTER(NormalizeOptions), ctypes.c_uint32)
_declare("kefu_normalize", ctypes.c_int, PP, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(NormalizeOptions))
_declare("kefu_normalized_text", ctypes.c_void_p, P, c_size_p)
_declare("kefu_normalized_char_count", ctypes.c_size_t, P)
_declare("kefu_normalized_char", ctypes.c_int, ctypes.POINTER(CharInfo), P, ctypes.c_size_t)
_declare("kefu_normalized_free", None, P)
_declare("kefu_model_default", ctypes.c_int, PP)
_declare("kefu_model_load_file", ctypes.c_int, PP, ctypes.c_char_p)
_declare("kefu_model_save_file", ctypes.c_int, P, ctypes.c_char_p)
_declare("kefu_model_free", None, P)
_declare("kefu_model_compile", ctypes.c_int, PP, P, ctypes.POINTER(Source), ctypes.c_size_t)
_declare("kefu_model_intent_count", ctypes.c_size_t, P)
_declare("kefu_model_intent_name", ctypes.c_char_p, P, ctypes.c_size_t)
_declare("kefu_model_out_of_scope_label", ctypes.c_char_p, P)
_declare("kefu_model_info_json", ctypes.c_int, PP, P)
_declare("kefu_classify_options_init", ctypes.c_int, ctypes.POINTER(ClassifyOptions), ctypes.c_uint32)
_declare("kefu_classify", ctypes.c_int, PP, P, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ClassifyOptions))
_declare("kefu_classification_intent", ctypes.c_char_p, P)
_declare("kefu_classification_confidence", ctypes.c_float, P)
_declare("kefu_classification_out_of_scope", ctypes.c_int, P)
_declare("kefu_classification_ranking_size", ctypes.c_size_t, P)
_declare("kefu_classification_ranking", ctypes.c_int, ctypes.POINTER(ctypes.c_char_p),
         ctypes.POINTER(ctypes.c_float), P, ctypes.c_size_t)
_declare("kefu_classification_hit_count", ctypes.c_size_t, P)
_declare("kefu_classification_hit", ctypes.c_int, ctypes.POINTER(RuleHit), P, ctypes.c_size_t)
_declare("kefu_classification_free", None, P)
_declare("kefu_classify_json", ctypes.c_int, PP, P, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ClassifyOptions))
_declare("kefu_train_options_init", ctypes.c_int, ctypes.POINTER(TrainOptions), ctypes.c_uint32)
_declare("kefu_model_train", ctypes.c_int, PP, P, ctypes.POINTER(Example), ctypes.c_size_t,
         ctypes.POINTER(TrainOptions))
_declare("kefu_classification_entity_count", ctypes.c_size_t, P)
_declare("kefu_classification_entity", ctypes.c_int, ctypes.POINTER(EntityStruct), P, ctypes.c_size_t)
_declare("kefu_entity_options_init", ctypes.c_int, ctypes.POINTER(EntityOptions), ctypes.c_uint32)
_declare("kefu_extract_entities", ctypes.c_int, PP, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(EntityOptions))
_declare("kefu_entities_count", ctypes.c_size_t, P)
_declare("kefu_entities_get", ctypes.c_int, ctypes.POINTER(EntityStruct), P, ctypes.c_size_t)
_declare("kefu_entities_free", None, P)
_declare("kefu_extract_entities_json", ctypes.c_int, PP, ctypes.c_char_p, ctypes.c_size_t,
         ctypes.POINTER(EntityOptions))
_declare("kefu_time_parse", ctypes.c_int, ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int32),
         ctypes.c_char_p, ctypes.c_size_t)
_declare("kefu_time_format", ctypes.c_int, PP, ctypes.c_int64, ctypes.c_int32)
_declare("kefu_classification_mood", ctypes.c_int, ctypes.POINTER(MoodStruct), P)
_declare("kefu_lint_context_init", ctypes.c_int, ctypes.POINTER(LintContext), ctypes.c_uint32)
_declare("kefu_lint", ctypes.c_int, PP, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(LintContext))
_declare("kefu_lint_count", ctypes.c_size_t, P)
_declare("kefu_lint_get", ctypes.c_int, ctypes.POINTER(LintFinding), P, ctypes.c_size_t)
_declare("kefu_lint_free", None, P)
_declare("kefu_profiler_new", ctypes.c_int, PP, P)
_declare("kefu_profiler_event_json", ctypes.c_int, P, ctypes.c_char_p, ctypes.c_size_t)
_declare("kefu_profiler_score", ctypes.c_int, ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_float), P,
         ctypes.c_char_p)
_declare("kefu_profiler_top", ctypes.c_int, ctypes.POINTER(ctypes.c_char_p), P, ctypes.c_char_p)
_declare("kefu_profiler_json", ctypes.c_int, PP, P, ctypes.c_int)
_declare("kefu_profiler_free", None, P)
_declare("kefu_session_new", ctypes.c_int, PP, P, ctypes.c_char_p)
_declare("kefu_session_step_json", ctypes.c_int, PP, P, ctypes.c_char_p, ctypes.c_size_t)
_declare("kefu_session_profile_json", ctypes.c_int, PP, P, ctypes.c_int)
_declare("kefu_session_snapshot", ctypes.c_int, PP, P)
_declare("kefu_session_restore", ctypes.c_int, PP, P, ctypes.c_void_p, ctypes.c_size_t)
_declare("kefu_session_free", None, P)
_declare("kefu_session_advance", ctypes.c_int, PP, P, ctypes.c_int64)
_declare("kefu_session_next_deadline", ctypes.c_int, P, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int64))
_declare("kefu_session_set_policies", ctypes.c_int, P, ctypes.c_char_p, ctypes.c_size_t)
_declare("kefu_session_flows_json", ctypes.c_int, PP, P)
_declare("kefu_template_render", ctypes.c_int, PP, P, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
         ctypes.c_size_t, ctypes.c_uint)
_declare("kefu_model_flow_count", ctypes.c_size_t, P)
_declare("kefu_model_flow_name", ctypes.c_char_p, P, ctypes.c_size_t)
