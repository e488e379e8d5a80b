# Runs `kefu flow check FLOW_FILE` and compares its findings with the file's
# `# expect: SEVERITY LINE:COL TEXT` lines (tests/data/flows/README.md): one
# stdout line "FILE:LINE:COL: SEVERITY: message" per expectation, whose
# message contains TEXT, and nothing else; exit status 2 when an error is
# expected, else 0.
#
#   cmake -DKEFU=<kefu binary> -DFLOW_FILE=<file.kefu> -P flow_check.cmake
cmake_minimum_required(VERSION 3.20)
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/script_helpers.cmake")
kefu_require_variables(KEFU FLOW_FILE)

execute_process(COMMAND "${KEFU}" flow check "${FLOW_FILE}"
    RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)

function(fail what)
    message(FATAL_ERROR "kefu flow check ${FLOW_FILE}: ${what}\n"
        "--- exit status: ${status}\n--- stdout:\n${stdout}\n--- stderr:\n${stderr}")
endfunction()

file(STRINGS "${FLOW_FILE}" expectations REGEX "^# expect: ")
set(expected_status 0)
foreach(expectation IN LISTS expectations)
    if(NOT expectation MATCHES "^# expect: (error|warning) ([0-9]+:[0-9]+) (.+)$")
        fail("malformed expectation: ${expectation}")
    endif()
    set(prefix "${FLOW_FILE}:${CMAKE_MATCH_2}: ${CMAKE_MATCH_1}: ")
    set(text "${CMAKE_MATCH_3}")
    if(CMAKE_MATCH_1 STREQUAL "error")
        set(expected_status 2)
    endif()
    string(FIND "${stdout}" "${prefix}" at)
    if(at EQUAL -1)
        fail("no line starts with \"${prefix}\"")
    endif()
    string(SUBSTRING "${stdout}" ${at} -1 rest)
    string(FIND "${rest}" "\n" line_end)
    string(SUBSTRING "${rest}" 0 ${line_end} line)
    string(FIND "${line}" "${text}" found)
    if(found EQUAL -1)
        fail("the line \"${line}\" lacks \"${text}\"")
    endif()
endforeach()

string(REGEX MATCHALL "\n" newlines "${stdout}")
list(LENGTH newlines lines)
list(LENGTH expectations expected_lines)
if(NOT lines EQUAL expected_lines)
    fail("${lines} finding(s), expected ${expected_lines}")
endif()
if(NOT status EQUAL expected_status)
    fail("exit status ${status}, expected ${expected_status}")
endif()
if(NOT stderr STREQUAL "")
    fail("unexpected output on stderr")
endif()
