# Helpers for the CTest driver scripts (cmake -P) of tests/c, tests/cmake and
# tests/cli. Drivers fail a test with message(FATAL_ERROR), which makes
# `cmake -P` exit non-zero and prints the reason in the CTest log.

# kefu_require_variables(<var>...): fails unless each -D<var>=... was given.
function(kefu_require_variables)
    foreach(var IN LISTS ARGN)
        if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
            message(FATAL_ERROR "${CMAKE_SCRIPT_MODE_FILE}: -D${var}=... is required")
        endif()
    endforeach()
endfunction()

# kefu_script_arguments(<out-var>): the arguments after "--" on the
# `cmake -D... -P script -- args...` command line. Passing them there rather
# than as one -D list keeps arguments with spaces intact without escaping.
function(kefu_script_arguments out_var)
    set(args "")
    set(seen_separator OFF)
    math(EXPR last "${CMAKE_ARGC} - 1")
    foreach(i RANGE ${last})
        if(seen_separator)
            list(APPEND args "${CMAKE_ARGV${i}}")
        elseif(CMAKE_ARGV${i} STREQUAL "--")
            set(seen_separator ON)
        endif()
    endforeach()
    set(${out_var} "${args}" PARENT_SCOPE)
endfunction()

# kefu_run(<out-var> <command>...): runs a command and returns its standard
# output; fails the test, showing both output streams, unless it exits 0.
function(kefu_run out_var)
    execute_process(COMMAND ${ARGN}
        RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "`${command}` failed (${status})\n--- stdout:\n${out}\n--- stderr:\n${err}")
    endif()
    set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
