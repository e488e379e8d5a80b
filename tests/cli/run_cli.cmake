# Runs the kefu CLI once and checks its exit status and output exactly.
#
#   cmake -DKEFU=<kefu binary> [-DSTDIN_FILE=<file>] [-DEXPECT_STATUS=<n>]
#         [-DEXPECT_STDOUT_FILE=<file with the exact expected stdout>]
#         [-DEXPECT_STDOUT_CONTAINS=<text>] [-DEXPECT_STDOUT_JSON=ON]
#         [-DEXPECT_STDERR_CONTAINS=<text>] [-DEXPECT_STDERR_LINES=<n>]
#         -P run_cli.cmake -- <kefu arguments>...
#
# CTest's PASS_REGULAR_EXPRESSION would accept extra output and ignore the
# exit status, hence this driver. Standard input defaults to an empty file so
# that a command reading stdin never waits on the terminal.
cmake_minimum_required(VERSION 3.20)
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/script_helpers.cmake")
kefu_require_variables(KEFU)
kefu_script_arguments(kefu_args)
if(NOT DEFINED EXPECT_STATUS)
    set(EXPECT_STATUS 0)
endif()
if(NOT STDIN_FILE)
    set(STDIN_FILE /dev/null)
endif()

execute_process(COMMAND "${KEFU}" ${kefu_args}
    INPUT_FILE "${STDIN_FILE}"
    RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)

function(fail what)
    list(JOIN kefu_args " " shown_args)
    message(FATAL_ERROR "kefu ${shown_args}: ${what}\n"
        "--- exit status: ${status}\n--- stdout:\n${stdout}\n--- stderr:\n${stderr}")
endfunction()

# The number of lines in `text`, counting an unterminated last line.
function(count_lines out_var text)
    string(REGEX REPLACE "\n$" "" text "${text}")
    string(REGEX MATCHALL "\n" newlines "${text}")
    list(LENGTH newlines count)
    if(NOT text STREQUAL "")
        math(EXPR count "${count} + 1")
    endif()
    set(${out_var} ${count} PARENT_SCOPE)
endfunction()

# Fails unless `text` (the output of stream `name`) contains `expected`.
function(check_contains name text expected)
    string(FIND "${text}" "${expected}" position)
    if(position EQUAL -1)
        fail("${name} lacks \"${expected}\"")
    endif()
endfunction()

if(NOT status STREQUAL EXPECT_STATUS)
    fail("exit status ${status}, expected ${EXPECT_STATUS}")
endif()
if(EXPECT_STDOUT_FILE)
    file(READ "${EXPECT_STDOUT_FILE}" expected)
    if(NOT stdout STREQUAL expected)
        fail("stdout differs from the expected:\n${expected}")
    endif()
endif()
if(DEFINED EXPECT_STDOUT_CONTAINS)
    check_contains(stdout "${stdout}" "${EXPECT_STDOUT_CONTAINS}")
endif()
if(EXPECT_STDOUT_JSON)
    string(JSON type ERROR_VARIABLE json_error TYPE "${stdout}")
    if(json_error)
        fail("stdout is not JSON: ${json_error}")
    endif()
endif()
if(DEFINED EXPECT_STDERR_CONTAINS)
    check_contains(stderr "${stderr}" "${EXPECT_STDERR_CONTAINS}")
endif()
if(DEFINED EXPECT_STDERR_LINES)
    count_lines(stderr_lines "${stderr}")
    if(NOT stderr_lines EQUAL EXPECT_STDERR_LINES)
        fail("stderr has ${stderr_lines} line(s), expected ${EXPECT_STDERR_LINES}")
    endif()
endif()
