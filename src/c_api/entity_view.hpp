// Entities as the C ABI shows them, shared by kefu_extract_entities and the
// entities of a classification.
#pragma once

#include <optional>
#include <vector>

#include "c_api/common.hpp"
#include "entity/extractor.hpp"

namespace kefu::detail::c_api {

// The message clock from the C options' fields into `out` (nothing when
// has_clock is 0); KEFU_EINVAL when now_ms or the offset is out of range.
int clock_of(int32_t has_clock, int64_t now_ms, int32_t utc_offset_minutes, const char* who,
             std::optional<entity::message_clock>& out);

// Per-thread working memory for extraction.
entity::extract_scratch& thread_entity_scratch();

// Fills `out` from `e`; its strings borrow from `e`.
void fill_entity(kefu_entity& out, const entity::entity& e);

int entity_at(kefu_entity* out, const std::vector<entity::entity>& entities, size_t index);

}  // namespace kefu::detail::c_api
