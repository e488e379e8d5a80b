# kefu run --state: a run stopped half-way (here: given only the first half
# of the day) and a second run on the whole day together print exactly what
# one uninterrupted run prints; a third run prints nothing.
set(day "${DATA}/three_sessions.jsonl")
set(state "${WORK}/run_resume.db")
file(REMOVE "${state}" "${state}-wal" "${state}-shm")
file(STRINGS "${day}" lines ENCODING UTF-8)
list(SUBLIST lines 0 12 first_half)
list(JOIN first_half "\n" first_text)
file(WRITE "${WORK}/first_half.jsonl" "${first_text}\n")

include("${CMAKE_CURRENT_LIST_DIR}/run_kefu.cmake")

run_kefu(whole "${day}")
run_kefu(part1 "${WORK}/first_half.jsonl" --state "${state}")
run_kefu(part2 "${day}" --state "${state}")
run_kefu(part3 "${day}" --state "${state}")
string(LENGTH "${whole}" whole_length)
if(whole_length EQUAL 0)
    message(FATAL_ERROR "kefu run printed nothing")
endif()
if(NOT "${part1}${part2}" STREQUAL "${whole}")
    message(FATAL_ERROR "resumed output differs from one run:\n--- one run\n${whole}\n--- resumed\n${part1}${part2}")
endif()
if(NOT "${part3}" STREQUAL "")
    message(FATAL_ERROR "a finished day must print nothing when run again, got:\n${part3}")
endif()
