// Everything kefu reads from one customer message, in one pass over the
// normalised text: intents, entities and mood. Classification, profiling and
// the session step all start here.
#pragma once

#include <optional>
#include <vector>

#include "entity/extractor.hpp"
#include "intent/classifier.hpp"
#include "model/model.hpp"
#include "mood/mood_model.hpp"

namespace kefu::detail::session {

struct analysis_options {
    text::normalize_options text;
    bool entities = true;
    bool mood = true;
    std::optional<entity::message_clock> clock;
};

// Per-thread working memory; `text` holds the last normalised message.
struct analysis_scratch {
    intent::classify_scratch classify;
    entity::extract_scratch entities;
    mood::mood_scratch mood;
};

struct message_analysis {
    intent::classification intents;
    std::vector<entity::entity> entities;
    std::optional<mood::mood_estimate> mood;  // none when skipped or the model has no mood heads
};

// Working memory for analysing messages, one per thread: the hot path does
// not allocate once warm, and idle sessions (a shop keeps many) hold no
// buffers of their own. What it holds is valid until the next analysis on
// the same thread.
struct message_workspace {
    analysis_scratch scratch;
    message_analysis analysis;
};
message_workspace& thread_workspace();

// Normalises and analyses `text`; the normalised text stays in
// scratch.classify.text. Returns the normaliser's status (ok, invalid UTF-8
// under the reject policy, too long); `out` is filled only when ok.
text::normalize_status analyse(const model::compiled_model& model, std::string_view text,
                               const analysis_options& options, analysis_scratch& scratch, message_analysis& out);

// Analyses the message already normalised into scratch.classify.text.
void analyse_normalized(const model::compiled_model& model, const analysis_options& options, analysis_scratch& scratch,
                        message_analysis& out);

// The intent names worth profiling: the primary one, and the second when it
// has at least a quarter of the probability.
std::vector<std::string_view> salient_intents(const model::compiled_model& model,
                                              const intent::classification& intents);

}  // namespace kefu::detail::session
