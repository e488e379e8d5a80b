# kefu run with flows: shop policies from --policy, timers fired in time
# order across sessions, quiet hours, --until at the end of the input, and a
# resumed run (--state) that prints exactly what one run prints.
set(day "${DATA}/flows_day.jsonl")
set(policy "${DATA}/flows_policy.json")
set(until "2026-11-23T12:00:00+08:00")
set(state "${WORK}/run_flows.db")
file(REMOVE "${state}" "${state}-wal" "${state}-shm")

include("${CMAKE_CURRENT_LIST_DIR}/run_kefu.cmake")

function(expect_contains text what)
    string(FIND "${text}" "${what}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "expected ${what} in:\n${text}")
    endif()
endfunction()

run_kefu(whole "${day}" --policy "${policy}" --until "${until}")
# The ultimatum gets one concession, within the policy's floor.
expect_contains("${whole}" "\"kind\":\"discount\",\"price\":94.0")
# p1: nudged in chat, called after 15 minutes without contact, SMS when unreachable.
expect_contains("${whole}" "\"event\":\"timer\",\"flow\":\"payment_followup\"")
expect_contains("${whole}" "\"type\":\"phone_call\"")
expect_contains("${whole}" "\"type\":\"sms\"")
# p2 ordered at 21:20 and wrote at 21:25: the call (21:40) falls in the quiet
# hours (from 21:30) and moves to 09:00.
expect_contains("${whole}" "\"at\":\"2026-11-23T09:00:00+08:00\"")
expect_contains("${whole}" "\"time\":\"2026-11-23T09:00:00+08:00\"")
expect_contains("${whole}" "\"late_shipment\":\"notified\"")

# Lines are in time order across sessions.
string(REGEX MATCHALL "\"time\":\"[^\"]+\"" times "${whole}")
set(previous "")
foreach(t IN LISTS times)
    if(previous AND t STRLESS previous)
        message(FATAL_ERROR "output out of time order: ${t} after ${previous}")
    endif()
    set(previous "${t}")
endforeach()

# Resumed: the first half, then the whole day with --until.
file(STRINGS "${day}" lines ENCODING UTF-8)
list(SUBLIST lines 0 5 first_half)
list(JOIN first_half "\n" first_text)
file(WRITE "${WORK}/flows_first_half.jsonl" "${first_text}\n")
run_kefu(part1 "${WORK}/flows_first_half.jsonl" --policy "${policy}" --state "${state}")
run_kefu(part2 "${day}" --policy "${policy}" --state "${state}" --until "${until}")
if(NOT "${part1}${part2}" STREQUAL "${whole}")
    message(FATAL_ERROR "resumed output differs from one run:\n--- one run\n${whole}\n--- resumed\n${part1}${part2}")
endif()

# A policy the flows do not have is an error naming the file and the policy.
execute_process(COMMAND "${KEFU}" run "${day}" --policy "${DATA}/bad_policy.json"
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 2)
    message(FATAL_ERROR "a bad policy file must exit with 2, got ${status}")
endif()
expect_contains("${err}" "bad_policy.json: error: policies: flow bargaining has no policy \"list_prise\"")
