/*
 * kefu — customer-service understanding for Chinese online shops.
 *
 * This header is the whole stable C ABI. It is C99-clean and includes only
 * <stddef.h> and <stdint.h>.
 *
 * Conventions (apply to every function below):
 *  - Fallible calls return an int status: KEFU_OK (0) or a negative KEFU_E*
 *    code. Outputs come through out-parameters, which are listed first.
 *  - An object returned through `T **out` belongs to the caller, who releases
 *    it with the matching kefu_*_free(). Every free function accepts NULL.
 *  - Pointers returned by getters borrow from their parent object and stay
 *    valid until the parent is freed.
 *  - Text in is UTF-8 given as (text, len); no terminating NUL is needed and
 *    NUL bytes inside the text are allowed. Offsets out are byte offsets into
 *    the caller's original text.
 *  - On failure, kefu_last_error() describes the error of the failed call on
 *    the calling thread.
 *  - No function lets a C++ exception escape; running out of memory is
 *    reported as KEFU_ENOMEM.
 *  - Options are structs whose first field is `version`; initialise them with
 *    the matching *_init() function. Fields are only ever appended.
 */
#ifndef KEFU_H
#define KEFU_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(KEFU_BUILDING_LIBRARY)
#    define KEFU_API __declspec(dllexport)
#  else
#    define KEFU_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define KEFU_API __attribute__((visibility("default")))
#else
#  define KEFU_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                  */
/* ------------------------------------------------------------------------ */

#define KEFU_VERSION_MAJOR 0
#define KEFU_VERSION_MINOR 1
#define KEFU_VERSION_PATCH 0
#define KEFU_VERSION_STRING "0.1.0"

/* The version of the library actually linked, as "MAJOR.MINOR.PATCH".
 * Static storage; thread-safe. */
KEFU_API const char *kefu_version(void);

/* Writes the linked library's version numbers; any pointer may be NULL.
 * Thread-safe. */
KEFU_API void kefu_version_numbers(int *major, int *minor, int *patch);

/* ------------------------------------------------------------------------ */
/* Status codes and errors                                                  */
/* ------------------------------------------------------------------------ */

#define KEFU_OK 0
#define KEFU_EINVAL (-1)     /* an argument is NULL, out of range or malformed */
#define KEFU_ENOMEM (-2)     /* memory could not be allocated */
#define KEFU_EUTF8 (-3)      /* text is not valid UTF-8 and the options reject it */
#define KEFU_ETOOLONG (-4)   /* text is longer than the configured maximum */
#define KEFU_EPARSE (-5)     /* a rule, flow or template file has a syntax error */
#define KEFU_EVERSION (-6)   /* options, model or session of an unsupported version */
#define KEFU_ECORRUPT (-7)   /* a model or session blob fails its checksum or shape */
#define KEFU_EIO (-8)        /* a file could not be read or written */
#define KEFU_ENOTFOUND (-9)  /* a named item (intent, flow, template, ...) does not exist */
#define KEFU_ESTATE (-10)    /* the call does not fit the object's current state */
#define KEFU_ELIMIT (-11)    /* a documented size or count limit was exceeded */
#define KEFU_EINTERNAL (-99) /* a bug in kefu; please report it */

/* A short stable name for a status code, e.g. "KEFU_EUTF8". Never NULL;
 * unknown codes give "KEFU_EUNKNOWN". Static storage; thread-safe. */
KEFU_API const char *kefu_status_name(int status);

/* The last error on the calling thread. `file` is "" and `line`/`column` are
 * 0 unless the error comes from parsing a file. `byte_offset` is the offset
 * into the input text or blob where the error was found, or -1 when it does
 * not apply. */
typedef struct kefu_error {
    int code;             /* the status code, KEFU_OK when there was no error */
    const char *message;  /* human-readable, one line, UTF-8; never NULL */
    const char *file;     /* source file of a parse error, or "" */
    uint32_t line;        /* 1-based line of a parse error, or 0 */
    uint32_t column;      /* 1-based column (in code points), or 0 */
    int64_t byte_offset;  /* offset of the offending byte, or -1 */
} kefu_error;

/* Thread-local: describes the most recent failed call on this thread. Never
 * NULL; when no call has failed, code is KEFU_OK and message is "". The
 * pointer stays valid until the next kefu call on the same thread. */
KEFU_API const kefu_error *kefu_last_error(void);

/* Resets this thread's last error to KEFU_OK. */
KEFU_API void kefu_clear_error(void);

/* ------------------------------------------------------------------------ */
/* Library-owned strings                                                    */
/* ------------------------------------------------------------------------ */

/* A UTF-8 string allocated by kefu, e.g. the result of a *_json call. */
typedef struct kefu_string kefu_string;

/* The bytes of `s`, NUL-terminated; borrowed from `s`. NULL when s is NULL. */
KEFU_API const char *kefu_string_data(const kefu_string *s);

/* The length of `s` in bytes, without the terminating NUL; 0 when s is NULL. */
KEFU_API size_t kefu_string_size(const kefu_string *s);

/* Releases a string returned by kefu. NULL is a no-op. */
KEFU_API void kefu_string_free(kefu_string *s);

/* ------------------------------------------------------------------------ */
/* Text normalisation                                                       */
/* ------------------------------------------------------------------------ */

/* What to do with bytes that are not valid UTF-8 (overlong forms, encoded
 * surrogates, code points above U+10FFFF, truncated sequences). */
#define KEFU_INVALID_UTF8_REPLACE 0 /* each maximal invalid subsequence becomes U+FFFD */
#define KEFU_INVALID_UTF8_REJECT 1  /* the call fails with KEFU_EUTF8 */

#define KEFU_NORMALIZE_OPTIONS_VERSION 1

/* The default for max_length: 4 MiB. */
#define KEFU_DEFAULT_MAX_TEXT_BYTES (4u * 1024u * 1024u)

/* Largest JSON event accepted by kefu_session_step_json and
 * kefu_profiler_event_json (KEFU_ETOOLONG beyond). */
#define KEFU_MAX_EVENT_BYTES (16u * 1024u * 1024u)

/* Largest total size of the sources of one kefu_model_compile call
 * (KEFU_ELIMIT beyond). */
#define KEFU_MAX_SOURCE_BYTES (64u * 1024u * 1024u)

typedef struct kefu_normalize_options {
    uint32_t version;      /* KEFU_NORMALIZE_OPTIONS_VERSION */
    int32_t invalid_utf8;  /* KEFU_INVALID_UTF8_REPLACE (default) or _REJECT */
    size_t max_length;     /* longest accepted input in bytes; 0 means the
                              default KEFU_DEFAULT_MAX_TEXT_BYTES; at most 1 GiB */
} kefu_normalize_options;

/* Fills `opts` with the defaults for the given options version. Returns
 * KEFU_EVERSION when the library does not know `version`. */
KEFU_API int kefu_normalize_options_init(kefu_normalize_options *opts, uint32_t version);

/* The result of normalising one text: the canonical text every later stage
 * reads, and a map from each of its characters back to the original bytes. */
typedef struct kefu_normalized kefu_normalized;

/* One character of a normalised text. This struct never changes size. */
typedef struct kefu_char_info {
    uint32_t codepoint;     /* the normalised character; tokens for emoji and
                               emoticons are in U+F0000..U+F00FF */
    uint32_t repeat;        /* how many identical characters it stands for */
    size_t text_start;      /* byte range in the normalised text */
    size_t text_end;
    size_t source_start;    /* byte range in the caller's original text */
    size_t source_end;
} kefu_char_info;

/* Normalises `text`: NFKC with case folding, full-width to half-width,
 * Traditional to Simplified script, runs of repeated characters squeezed
 * (their length kept), emoji and platform emoticon codes mapped to stable
 * tokens such as "[:angry:]", whitespace and control characters folded to
 * single spaces, zero-width characters removed. `opts` may be NULL for the
 * defaults. On success *out receives a new object the caller frees with
 * kefu_normalized_free(). Thread-safe. Linear time in len. */
KEFU_API int kefu_normalize(kefu_normalized **out, const char *text, size_t len,
                            const kefu_normalize_options *opts);

/* The normalised UTF-8 text, NUL-terminated; borrowed. `len` may be NULL. */
KEFU_API const char *kefu_normalized_text(const kefu_normalized *n, size_t *len);

/* The number of characters in the normalised text (0 when n is NULL). */
KEFU_API size_t kefu_normalized_char_count(const kefu_normalized *n);

/* Copies character `index` into *out. KEFU_EINVAL when index is out of range. */
KEFU_API int kefu_normalized_char(kefu_char_info *out, const kefu_normalized *n, size_t index);

/* Releases a normalised text. NULL is a no-op. */
KEFU_API void kefu_normalized_free(kefu_normalized *n);

/* JSON twin of kefu_normalize: {"text": ..., "chars": [{"char", "repeat",
 * "start", "end", "source_start", "source_end"}...], "max_repeat": N}.
 * The caller frees *out with kefu_string_free(). Thread-safe. */
KEFU_API int kefu_normalize_json(kefu_string **out, const char *text, size_t len,
                                 const kefu_normalize_options *opts);

/* ------------------------------------------------------------------------ */
/* Models                                                                   */
/* ------------------------------------------------------------------------ */

/* An immutable compiled model: intents, rules and their automaton (and, as
 * capabilities land, the learned weights, entity grammars, flows and
 * templates). Thread-safe: any number of threads may use one model at once. */
typedef struct kefu_model kefu_model;

/* The default Chinese e-commerce model embedded in the library. Loaded on
 * first use and shared; *out is a new handle the caller frees. */
KEFU_API int kefu_model_default(kefu_model **out);

/* Loads a model file written by kefu_model_save_file / `kefu compile`.
 * KEFU_EIO when the file cannot be read, KEFU_ECORRUPT when it is damaged
 * (bad magic, checksum or structure), KEFU_EVERSION when it is of another
 * format version. */
KEFU_API int kefu_model_load_file(kefu_model **out, const char *path);

/* Loads a model from bytes in memory (copied; the caller keeps `data`). */
KEFU_API int kefu_model_load_bytes(kefu_model **out, const void *data, size_t len);

/* Writes the model to a file. */
KEFU_API int kefu_model_save_file(const kefu_model *model, const char *path);

/* The model's file bytes in a library-owned string (binary: use
 * kefu_string_size, not strlen). */
KEFU_API int kefu_model_save_bytes(kefu_string **out, const kefu_model *model);

/* Releases a model handle. NULL is a no-op. */
KEFU_API void kefu_model_free(kefu_model *model);

/* A rule file given by name (used in error messages) and UTF-8 text. */
typedef struct kefu_source {
    const char *name;
    const char *text;
    size_t len;
} kefu_source;

/* Compiles rule files (docs/RULES.md) into a new model, on top of `base`
 * (its intents, lexicons, rules, learned model and calibration stay; intents
 * the files add are decided by their rules) or alone when base is NULL. On a
 * syntax or reference error returns KEFU_EPARSE and kefu_last_error() holds
 * the file, line, column and message. KEFU_ELIMIT when a size limit is
 * exceeded. Thread-safe. */
KEFU_API int kefu_model_compile(kefu_model **out, const kefu_model *base, const kefu_source *sources,
                                size_t count);

/* The number of intents the model knows, and the name of intent `index`
 * (borrowed from the model; NULL when out of range). */
KEFU_API size_t kefu_model_intent_count(const kefu_model *model);
KEFU_API const char *kefu_model_intent_name(const kefu_model *model, size_t index);

/* The intent a message gets when the model does not understand it ("other"
 * for the default model); borrowed from the model. */
KEFU_API const char *kefu_model_out_of_scope_label(const kefu_model *model);

/* ------------------------------------------------------------------------ */
/* Time stamps                                                              */
/* ------------------------------------------------------------------------ */

/* Parses an ISO-8601 time with its offset ("2026-11-22T10:00:00+08:00",
 * "...Z"; a space may replace the T) into ms since the epoch and the offset
 * in minutes. KEFU_EINVAL when it is not one. Thread-safe. */
KEFU_API int kefu_time_parse(int64_t *ms, int32_t *utc_offset_minutes, const char *text, size_t len);

/* Formats ms since the epoch in the given offset, to the second:
 * "2026-11-22T10:00:00+08:00". KEFU_EINVAL for times outside the years
 * 0000..9999 or offsets beyond ±18 hours. The caller frees *out.
 * Thread-safe. */
KEFU_API int kefu_time_format(kefu_string **out, int64_t ms, int32_t utc_offset_minutes);

/* ------------------------------------------------------------------------ */
/* Entities                                                                 */
/* ------------------------------------------------------------------------ */

/* Entity types. The numbers are stable; new types are appended. */
#define KEFU_ENTITY_MONEY 0           /* value (CNY), or min/max for a range; approx */
#define KEFU_ENTITY_DISCOUNT 1        /* kind; value (factor or CNY off); threshold; nth */
#define KEFU_ENTITY_DURATION 2        /* seconds (value holds the count of units) */
#define KEFU_ENTITY_TIME 3            /* time_ms, utc_offset_minutes, grain, relation */
#define KEFU_ENTITY_ORDER_NUMBER 4    /* canonical: the digits */
#define KEFU_ENTITY_TRACKING_NUMBER 5 /* canonical; courier when the prefix names one */
#define KEFU_ENTITY_ITEM_NUMBER 6     /* canonical */
#define KEFU_ENTITY_PHONE 7           /* canonical: 11 digits, no +86 */
#define KEFU_ENTITY_QUANTITY 8        /* value; unit: the classifier ("件") */
#define KEFU_ENTITY_SIZE 9            /* canonical: "XL", "38码", "170/88A", "均码" */
#define KEFU_ENTITY_COLOUR 10         /* canonical: "藏青色" */
#define KEFU_ENTITY_COURIER 11        /* canonical: courier code ("sf", "zto", ...) */
#define KEFU_ENTITY_ATTRIBUTE 12      /* canonical: the word; unit: "material" or "property" */

/* Discount kinds (kefu_entity.kind). */
#define KEFU_DISCOUNT_FACTOR 1      /* 八折: value 0.8 */
#define KEFU_DISCOUNT_AMOUNT_OFF 2  /* 便宜20: value 20 */
#define KEFU_DISCOUNT_THRESHOLD 3   /* 满199减30: threshold 199, value 30 */
#define KEFU_DISCOUNT_ROUND_OFF 4   /* 抹零 */
#define KEFU_DISCOUNT_NTH_ITEM 5    /* 第二件半价: nth 2, value 0.5 */

/* Time grains and relations (kefu_entity.grain, .relation). */
#define KEFU_GRAIN_MINUTE 1
#define KEFU_GRAIN_HOUR 2
#define KEFU_GRAIN_DAY 3
#define KEFU_GRAIN_WEEK 4
#define KEFU_GRAIN_MONTH 5
#define KEFU_RELATION_AT 0
#define KEFU_RELATION_BEFORE 1      /* 明天18点前 */
#define KEFU_RELATION_AFTER 2       /* 晚上8点以后 */

/* One entity. Strings are borrowed from the object it was read from and
 * are never NULL ("" when unused). This struct never changes size; the
 * reserved fields are zero. */
typedef struct kefu_entity {
    int32_t type;            /* KEFU_ENTITY_* */
    const char *type_name;   /* "money", "discount", ... as in the JSON */
    size_t start;            /* byte range in the caller's original text */
    size_t end;
    double value;            /* see the type; 0 when has_value is 0 */
    double min;              /* money ranges */
    double max;
    int32_t has_value;
    int32_t is_range;
    int32_t approx;          /* "三百多块" */
    int32_t kind;            /* KEFU_DISCOUNT_* */
    double threshold;
    uint32_t nth;
    int64_t seconds;         /* durations */
    int64_t time_ms;         /* times, ms since the epoch; valid when resolved */
    int32_t utc_offset_minutes;
    int32_t grain;           /* KEFU_GRAIN_* */
    int32_t relation;        /* KEFU_RELATION_* */
    int32_t resolved;        /* 0 when no clock was given */
    const char *canonical;   /* "" for a masked placeholder such as "[电话x]" (money: has_value 0) */
    const char *unit;        /* "CNY", a classifier, "s", or an attribute kind */
    const char *courier;     /* tracking numbers */
    int64_t reserved[4];
} kefu_entity;

#define KEFU_ENTITY_OPTIONS_VERSION 1

typedef struct kefu_entity_options {
    uint32_t version;            /* KEFU_ENTITY_OPTIONS_VERSION */
    int32_t invalid_utf8;        /* as in kefu_normalize_options */
    size_t max_length;           /* as in kefu_normalize_options; 0 = default */
    int32_t has_clock;           /* non-zero: relative times ("明天") resolve against now_ms */
    int32_t utc_offset_minutes;  /* e.g. 480 for China; within ±18 hours */
    int64_t now_ms;              /* ms since the epoch, in the years 0000..9999 */
} kefu_entity_options;

KEFU_API int kefu_entity_options_init(kefu_entity_options *opts, uint32_t version);

typedef struct kefu_entities kefu_entities;

/* Extracts the entities of one message. `opts` may be NULL (no clock:
 * times are found but not resolved). KEFU_EINVAL when the clock is out of
 * range. Needs no model. Thread-safe. */
KEFU_API int kefu_extract_entities(kefu_entities **out, const char *text, size_t len, const kefu_entity_options *opts);
KEFU_API size_t kefu_entities_count(const kefu_entities *e);
KEFU_API int kefu_entities_get(kefu_entity *out, const kefu_entities *e, size_t index);
KEFU_API void kefu_entities_free(kefu_entities *e);

/* JSON twin: {"text": ..., "entities": [{"type", "text", "start", "end",
 * "value", "unit", ...}]} as in the CLI contract. */
KEFU_API int kefu_extract_entities_json(kefu_string **out, const char *text, size_t len,
                                        const kefu_entity_options *opts);

/* ------------------------------------------------------------------------ */
/* Intent classification                                                    */
/* ------------------------------------------------------------------------ */

/* Version 2 appended the message clock; version 1 structs are still read. */
#define KEFU_CLASSIFY_OPTIONS_VERSION 2

typedef struct kefu_classify_options {
    uint32_t version;      /* KEFU_CLASSIFY_OPTIONS_VERSION */
    int32_t invalid_utf8;  /* as in kefu_normalize_options */
    size_t max_length;     /* as in kefu_normalize_options; 0 = default */
    int32_t explain;       /* non-zero: the JSON twin lists the rules that fired */
    /* since version 2 */
    int32_t has_clock;           /* non-zero: now_ms and utc_offset_minutes are set */
    int32_t utc_offset_minutes;  /* the shop's offset, e.g. 480 for China; within ±18 hours */
    int64_t now_ms;              /* when the message was sent, ms since the epoch
                                    (years 0000..9999; a clock outside gives KEFU_EINVAL) */
    int32_t skip_entities;       /* non-zero: no entity extraction */
    int32_t skip_mood;           /* non-zero: no mood estimate */
} kefu_classify_options;

KEFU_API int kefu_classify_options_init(kefu_classify_options *opts, uint32_t version);

/* The result of classifying one message. */
typedef struct kefu_classification kefu_classification;

/* One rule that fired. Strings are borrowed from the classification. This
 * struct never changes size. */
typedef struct kefu_rule_hit {
    const char *rule;    /* the rule's name, or "file:line" */
    const char *intent;
    float weight;
    int32_t negated;     /* non-zero when a negator cancelled it */
    size_t start;        /* byte range in the caller's original text */
    size_t end;
} kefu_rule_hit;

/* Classifies one customer message. `opts` may be NULL. Thread-safe: the
 * model is shared, working memory is per thread. */
KEFU_API int kefu_classify(kefu_classification **out, const kefu_model *model, const char *text, size_t len,
                           const kefu_classify_options *opts);

/* The primary intent (borrowed), its confidence in [0,1], and whether the
 * message is out of scope (the intent is then the model's out-of-scope
 * label, "other" for the default model). */
KEFU_API const char *kefu_classification_intent(const kefu_classification *c);
KEFU_API float kefu_classification_confidence(const kefu_classification *c);
KEFU_API int kefu_classification_out_of_scope(const kefu_classification *c);

/* The ranked list, best first. */
KEFU_API size_t kefu_classification_ranking_size(const kefu_classification *c);
KEFU_API int kefu_classification_ranking(const char **intent, float *confidence, const kefu_classification *c,
                                         size_t index);

/* The rules that fired, in order of position. */
KEFU_API size_t kefu_classification_hit_count(const kefu_classification *c);
KEFU_API int kefu_classification_hit(kefu_rule_hit *out, const kefu_classification *c, size_t index);

/* The entities found in the message (see "Entities" below), in order of
 * position. Strings in *out are borrowed from the classification. */
KEFU_API size_t kefu_classification_entity_count(const kefu_classification *c);
KEFU_API int kefu_classification_entity(kefu_entity *out, const kefu_classification *c, size_t index);

/* The customer's mood in the message, from the model's mood heads. This
 * struct never changes size. */
typedef struct kefu_mood {
    float polarity;      /* (P(positive) - P(negative)) x (1 - neutral), in [-1, 1]:
                            the review-polarity head, damped as much as the emotion
                            head finds the message neutral ("在吗" is near 0) */
    float anger;         /* probabilities of the emotion head, summing to 1 */
    float anxiety;       /* worry or urgency */
    float satisfaction;
    float neutral;
    int32_t available;   /* 0 when the model has no mood heads or skip_mood was set */
    float reserved[2];
} kefu_mood;

KEFU_API int kefu_classification_mood(kefu_mood *out, const kefu_classification *c);

/* Mood classes (the emotion head's classes, in order). */
#define KEFU_MOOD_NEUTRAL 0
#define KEFU_MOOD_ANGER 1
#define KEFU_MOOD_ANXIETY 2
#define KEFU_MOOD_SATISFACTION 3

/* The mood class a labelled emotion counts as, for evaluation data: the
 * class names ("anger"...) and the emotion dialogue set's labels (生气 and
 * 厌恶 anger, 开心 satisfaction, 平静 and 疑问 neutral). -1 when the label
 * has no mood class (伤心, 关心, 惊讶, or unknown). Thread-safe. */
KEFU_API int kefu_mood_class_of_label(const char *label, size_t len);

/* Releases a classification. NULL is a no-op. */
KEFU_API void kefu_classification_free(kefu_classification *c);

/* JSON twin of kefu_classify, one object as in the CLI contract:
 * {"text", "intent", "confidence", "out_of_scope", "ranking": [...],
 *  "entities": [...], "mood": {"polarity", "anger", "anxiety", "satisfaction"},
 *  "explain": [...] (with opts->explain)}. */
KEFU_API int kefu_classify_json(kefu_string **out, const kefu_model *model, const char *text, size_t len,
                                const kefu_classify_options *opts);

/* ------------------------------------------------------------------------ */
/* Customer profiles                                                        */
/* ------------------------------------------------------------------------ */

/* A profile being built from one conversation's events (docs/PROFILE.md).
 * Not thread-safe: one profiler per conversation, used by one thread at a
 * time. It keeps its model alive. */
typedef struct kefu_profiler kefu_profiler;

KEFU_API int kefu_profiler_new(kefu_profiler **out, const kefu_model *model);

/* Feeds one event, a JSON object as in `kefu run` input: {"type":
 * "message", "time": ..., "text": ...}, "agent_reply", "order_created",
 * "customer_facts" (orders, brand_repurchases, returns, tenure_days), ...
 * KEFU_EPARSE names the field at fault. */
KEFU_API int kefu_profiler_event_json(kefu_profiler *p, const char *event, size_t len);

/* A trait's score and confidence, both in [0,1]. Traits: decisive, aloof,
 * self_centred, friendly, difficult, analytical (personality); impulsive,
 * undecided, price_driven, rational, emotional, habitual (behaviour); solve,
 * vent, compensation (complaint motive). KEFU_ENOTFOUND for other names. */
KEFU_API int kefu_profiler_score(float *score, float *confidence, const kefu_profiler *p, const char *trait);

/* The top trait of a family ("personality", "behaviour",
 * "complaint_motive"); static storage. */
KEFU_API int kefu_profiler_top(const char **trait, const kefu_profiler *p, const char *family);

/* The profile as JSON: scores, mood, complaint motive (when complaining),
 * top traits and the service strategy; with `evidence` non-zero, each
 * trait's signals, the messages that moved it and a "because" summary. */
KEFU_API int kefu_profiler_json(kefu_string **out, const kefu_profiler *p, int evidence);

KEFU_API void kefu_profiler_free(kefu_profiler *p);

/* ------------------------------------------------------------------------ */
/* Sessions                                                                 */
/* ------------------------------------------------------------------------ */

/* One customer's session: the profile, the last intents and message (the
 * context of agent replies), the orders seen, and the scenario flows with
 * their slots, pending timers, shop policies and audit trail
 * (docs/FLOWS.md). Its blob restores it bit-exactly. Not thread-safe: a session is used by one thread at a time;
 * different sessions may be used from different threads. A session keeps
 * its model alive. */
typedef struct kefu_session kefu_session;

/* `id` (may be NULL: "") names the session in outputs: UTF-8 of at most
 * 1024 bytes (KEFU_EINVAL otherwise). */
KEFU_API int kefu_session_new(kefu_session **out, const kefu_model *model, const char *id);

/* Processes one event (a JSON object of the `kefu run` input format) and
 * returns its output line: intent, entities, mood and profile for a
 * message, lint findings for an agent reply, the flows' states and actions
 * (docs/CLI.md, docs/FLOWS.md). Timers due before the event fire first;
 * their lines are in the member "timers_fired" (call kefu_session_advance
 * first to get them separately). KEFU_EPARSE names the field at fault; the
 * session is unchanged then. */
KEFU_API int kefu_session_step_json(kefu_string **out, kefu_session *s, const char *event, size_t len);

/* Moves the session's clock to `now_ms` (milliseconds since the epoch;
 * never backwards) and fires every timer due by then, each exactly once, in
 * order of due time. `*out` is a JSON array with one output line per timer
 * fired (possibly empty). Call it when kefu_session_next_deadline says. */
KEFU_API int kefu_session_advance(kefu_string **out, kefu_session *s, int64_t now_ms);

/* When the earliest pending timer is due: *has_deadline = 1 and
 * *deadline_ms, or *has_deadline = 0 when no timer is pending. */
KEFU_API int kefu_session_next_deadline(const kefu_session *s, int *has_deadline, int64_t *deadline_ms);

/* Sets shop policies from JSON {"flow": {"policy": value}} (docs/FLOWS.md);
 * a null value restores the flow's default. KEFU_EINVAL names an unknown
 * flow or policy or a value of the wrong type; nothing changes then. */
KEFU_API int kefu_session_set_policies(kefu_session *s, const char *json, size_t len);

/* The flows as JSON: active flows with their states, slots and offered
 * prices, pending timers, the policies set, and the audit trail. */
KEFU_API int kefu_session_flows_json(kefu_string **out, const kefu_session *s);

/* The profile (as kefu_profiler_json). */
KEFU_API int kefu_session_profile_json(kefu_string **out, const kefu_session *s, int evidence);

/* The session as bytes (magic, format version, checksum). */
KEFU_API int kefu_session_snapshot(kefu_string **out, const kefu_session *s);

/* Restores a snapshot: KEFU_ECORRUPT for damaged bytes, KEFU_EVERSION for a
 * blob of another format version; never a crash. */
KEFU_API int kefu_session_restore(kefu_session **out, const kefu_model *model, const void *blob, size_t len);

KEFU_API void kefu_session_free(kefu_session *s);

/* ------------------------------------------------------------------------ */
/* Reply templates                                                          */
/* ------------------------------------------------------------------------ */

/* Renders the reply template `key` of the model (docs/TEMPLATES.md) without a
 * session. `style` is "short", "detailed", "warm", "formal", or NULL/"" for
 * any. `slots_json` (may be NULL with slots_len 0) is a JSON object of slot
 * values: money as numbers, {deadline} and {new_date} as ISO-8601 times with
 * an offset, the others as texts. Among the variants whose slots can all be
 * filled (the style's first, then any style's; those using the most slots),
 * `variant` modulo their number is chosen. `*out` is JSON {"text",
 * "template", "style", "variants"}. KEFU_ENOTFOUND for an unknown key,
 * KEFU_EINVAL for an unknown slot or style, a value of the wrong kind, or
 * when no variant can be filled. */
KEFU_API int kefu_template_render(kefu_string **out, const kefu_model *model, const char *key, const char *style,
                                  const char *slots_json, size_t slots_len, unsigned variant);

/* ------------------------------------------------------------------------ */
/* Checking agent replies (lint)                                            */
/* ------------------------------------------------------------------------ */

#define KEFU_LINT_CONTEXT_VERSION 1

/* What the reply answers. Strings are borrowed for the duration of the call;
 * any of them may be NULL. */
typedef struct kefu_lint_context {
    uint32_t version;            /* KEFU_LINT_CONTEXT_VERSION */
    const char *customer;        /* the customer's last message(s), UTF-8 */
    size_t customer_len;
    const char *mood;            /* "calm" (default), "anxious", "angry" or "happy" */
    const char *personality;     /* the profile's top personality ("decisive", ...) */
    const char *const *intents;  /* the customer's last intents ("quality_issue", ...) */
    size_t intent_count;
    int32_t topic_resolved;      /* non-zero: the topic is closed, a closing question is expected */
} kefu_lint_context;

KEFU_API int kefu_lint_context_init(kefu_lint_context *ctx, uint32_t version);

/* Severities of findings (kefu_lint_finding.level). */
#define KEFU_SEVERITY_INFO 0
#define KEFU_SEVERITY_WARNING 1
#define KEFU_SEVERITY_ERROR 2

/* One finding; strings are borrowed from the result. This struct never
 * changes size. */
typedef struct kefu_lint_finding {
    const char *rule;        /* "blunt_negative", "missing_apology", ... (docs/LINT.md) */
    int32_t level;           /* KEFU_SEVERITY_* */
    const char *severity;    /* "info", "warning", "error" */
    size_t start;            /* byte range in the reply */
    size_t end;
    const char *message;     /* short English explanation */
    const char *suggestion;  /* a suggested rewrite in Chinese */
} kefu_lint_finding;

typedef struct kefu_lint_result kefu_lint_result;

/* Checks a reply an agent wrote. `ctx` may be NULL (no context: the rules
 * that need the customer's message, mood or profile stay silent). Invalid
 * UTF-8 is read as U+FFFD; a reply above KEFU_DEFAULT_MAX_TEXT_BYTES gives
 * KEFU_ETOOLONG. Thread-safe; needs no model. */
KEFU_API int kefu_lint(kefu_lint_result **out, const char *reply, size_t len, const kefu_lint_context *ctx);
KEFU_API size_t kefu_lint_count(const kefu_lint_result *r);
KEFU_API int kefu_lint_get(kefu_lint_finding *out, const kefu_lint_result *r, size_t index);
KEFU_API void kefu_lint_free(kefu_lint_result *r);

/* JSON twin: {"reply": ..., "findings": [{"rule", "severity", "start", "end",
 * "text", "message", "suggestion"}]}. */
KEFU_API int kefu_lint_json(kefu_string **out, const char *reply, size_t len, const kefu_lint_context *ctx);

/* ------------------------------------------------------------------------ */
/* Training the learned intent model                                        */
/* ------------------------------------------------------------------------ */

#define KEFU_TRAIN_OPTIONS_VERSION 8 /* 2 added compose_leads and compose_ratio, 3 min_document_frequency,
                                       prune_below and chinese_words, 4 max_in_scope_loss and
                                       select_regularisation, 5 threads, 6 pinyin, 7 fold_digits,
                                       8 latin_ngram_min; 1 to 7 are still accepted */

typedef struct kefu_train_options {
    uint32_t version;       /* KEFU_TRAIN_OPTIONS_VERSION */
    uint32_t seed;          /* shuffling and the held-out split; default 1 */
    uint32_t epochs;        /* passes over the data; default 20 */
    float learning_rate;    /* AdaGrad step; default 0.25 */
    float holdout;          /* share held back to calibrate confidence and tune
                               the out-of-scope rule; default 0.2 */
    const char *oos_label;  /* the out-of-scope label; NULL keeps the base
                               model's ("other" for the default model) */
    uint32_t char_ngram_min; /* character n-gram range; default 1..4 */
    uint32_t char_ngram_max;
    uint32_t word_ngrams;    /* Latin word n-grams: 0 none, 1 unigrams, 2 +bigrams (default) */
    float l2;                /* L2 regularisation; default 1e-6 */
    const char *calibration_tsv; /* optional label<TAB>text file the learner is not
                                    fitted on: fusion with the rules and the
                                    out-of-scope rule are calibrated on it
                                    instead of on a held-out share */
    /* Version 2. Multi-wish messages ("好的，能便宜点吗"): compose_ratio
     * synthetic examples per training example join a short example (at
     * most 12 characters) of a lead label, one that needs no answer of its
     * own (acknowledgements, greetings, bare facts), to an example of another
     * label, labelled with the latter. compose_leads lists the lead labels,
     * separated by commas; each must be a label of the training data. NULL
     * or a ratio of 0 (the defaults) composes nothing; ratio at most 10. */
    const char *compose_leads;
    float compose_ratio;
    /* Version 3. A smaller model. Features (n-grams, words, shapes) that
     * occur in fewer than min_document_frequency training examples are left
     * out (default 1: none is; 1..1000). Each feature keeps its median weight
     * over the classes plus only the classes whose weight differs from it by
     * more than prune_below (default 0.1; 0 keeps every difference; at most
     * 10). Probabilities follow the kept weights exactly. chinese_words 1
     * adds Chinese word n-grams (uni- or bigrams, as word_ngrams says) from
     * ICU's dictionary word breaks; default 0 (character n-grams carry the
     * words; segmentation halves classification speed). */
    uint32_t min_document_frequency;
    float prune_below;
    uint32_t chinese_words;
    /* Version 4. max_in_scope_loss: the in-scope accuracy, measured on the
     * held-out share, that the out-of-scope rule may cost (default 0.01;
     * 0..1; 0 rejects only what is wrong anyway). select_regularisation 1
     * (the default) fits the learner on the training share twice, with the
     * given learning_rate and l2 and with a smoother setting (learning rate
     * 0.05, L2 3e-4), and keeps for the final fit whichever scores better on
     * the held-out share (ties keep the given one); it costs one more fit.
     * 0 uses the given setting as it is. Without a held-out share or a
     * calibration file there is nothing to choose on. Older versions get
     * max_in_scope_loss 0.015 and no selection, as before. */
    float max_in_scope_loss;
    uint32_t select_regularisation;
    /* Version 5. threads: how many threads training may use, the calling one
     * included; 0 (the default) as many as the machine has cores, 1 only the
     * calling thread, at most 256. The two fits of select_regularisation run
     * side by side. The model is the same for every value; older versions
     * get 0. */
    uint32_t threads;
    /* Version 6. pinyin 1 (the default) hashes a bigram of two Han
     * characters by their toneless pinyin instead of by the characters (and
     * adds one at either end of a run of them), so that a typo that sounds
     * right ("有玫有" for "有没有") shares features with the intended words;
     * text without Han characters is unaffected. It costs about a tenth of
     * classification speed on Chinese. 0 leaves it out; older versions get
     * 0. Models trained with it need a kefu that reads model format 5. */
    uint32_t pinyin;
    /* Version 7. fold_digits 1 (the default) reads digits by shape in
     * character n-grams: each digit as '0', and a run of three or more as
     * one mark of its length class, so that an order number or a price adds
     * a few features instead of dozens of random ones that outweigh the
     * words beside it. 0 leaves digits as they are; older versions get 0. */
    uint32_t fold_digits;
    /* Version 8. latin_ngram_min: the shortest character n-gram made only of
     * Latin letters (word boundaries count with them); default 3. Single
     * letters and letter pairs say little in alphabetic text, whose words
     * the word n-grams carry, yet each costs a weight row most classes
     * differ in: an English model trained without them classifies about
     * 1.3 times as fast at the same accuracy. Han, digits and other
     * characters keep char_ngram_min. At most 8; a value up to
     * char_ngram_min (0 included) changes nothing, and older versions get 0.
     * Models trained with a larger value need a kefu that reads model
     * format 7. */
    uint32_t latin_ngram_min;
} kefu_train_options;

KEFU_API int kefu_train_options_init(kefu_train_options *opts, uint32_t version);

/* One labelled training message. */
typedef struct kefu_example {
    const char *label;
    const char *text;
    size_t len;
} kefu_example;

/* Trains a learned intent model (hashed character and word n-grams, shape
 * and rule-hit features; multinomial logistic regression; temperature
 * calibration; out-of-scope thresholds) on the examples. The rules of `base`
 * (may be NULL) are kept and used as features. Deterministic for a seed.
 * Thread-safe; runs on the calling thread. */
KEFU_API int kefu_model_train(kefu_model **out, const kefu_model *base, const kefu_example *examples, size_t count,
                              const kefu_train_options *opts);

/* The same from a TSV file with lines label<TAB>text (a first line starting
 * with "label<TAB>" is a header; a third column is ignored). KEFU_EPARSE
 * names the line of a malformed row. */
KEFU_API int kefu_model_train_file(kefu_model **out, const kefu_model *base, const char *tsv_path,
                                   const kefu_train_options *opts);

/* A description of the model as JSON: intents, rule and pattern counts,
 * learned features, calibration and the held-out figures of training. */
KEFU_API int kefu_model_info_json(kefu_string **out, const kefu_model *model);

/* ------------------------------------------------------------------------ */
/* Flow tools: checking and drawing flows (docs/FLOWS.md)                   */
/* ------------------------------------------------------------------------ */

/* Checks flow files: compiles `sources` (as kefu_model_compile does) on top
 * of `base` (NULL: alone) and validates every flow they define, without
 * stopping at the first error. *out is JSON, the findings sorted by file
 * (in the given order), line and column:
 * {"findings": [{"file", "line", "column", "severity": "error"|"warning",
 *  "message"}...], "errors": N, "warnings": N}. A syntax or reference error
 * ends compilation, so it is then the one finding. KEFU_OK whenever the
 * check ran, whatever it found; KEFU_ELIMIT when a size limit is exceeded.
 * The caller frees *out with kefu_string_free(). Thread-safe. */
KEFU_API int kefu_flow_check_json(kefu_string **out, const kefu_model *base, const kefu_source *sources,
                                  size_t count);

/* The flow `name` of the model as a Graphviz DOT digraph (UTF-8): states as
 * nodes (an arrow from a point into the initial state, final states as double
 * octagons), one edge per source state and transition labelled "trigger
 * [guard] / actions", `from *` edges dashed, `stay` as self-loops. The same
 * model gives the same text. KEFU_ENOTFOUND when the model has no such flow.
 * The caller frees *out with kefu_string_free(). Thread-safe. */
KEFU_API int kefu_flow_dot(kefu_string **out, const kefu_model *model, const char *name);

/* The number of flows of the model; the name of flow `index` and the
 * "file:line:col" of its `flow` statement (the file as the source was named
 * when compiled). Borrowed from the model; NULL when out of range. */
KEFU_API size_t kefu_model_flow_count(const kefu_model *model);
KEFU_API const char *kefu_model_flow_name(const kefu_model *model, size_t index);
KEFU_API const char *kefu_model_flow_location(const kefu_model *model, size_t index);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KEFU_H */
