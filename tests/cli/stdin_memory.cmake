# A long stream on stdin: kefu COMMAND reads it line by line in bounded
# memory. Streams BYTES bytes of customer messages (one line repeated) into
# the command, checks its exit status and the number of output lines, and
# reads its maximum resident set size from GNU time.
#
#   cmake -DKEFU=<kefu> -DTIME=</usr/bin/time> -DCOMMAND=normalize|classify
#         -DBYTES=<n> -DMAX_RSS_MB=<n> [-DSINGLE_LINE=ON] -P stdin_memory.cmake
#
# With SINGLE_LINE the stream is one line of BYTES bytes without a newline:
# above the 4 MiB text maximum it must fail with exit status 2 and one clear
# line, never run out of memory. docs/SECURITY.md has the figures for 100 MB.
cmake_minimum_required(VERSION 3.20)
foreach(variable KEFU TIME COMMAND BYTES MAX_RSS_MB)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "stdin_memory.cmake needs -D${variable}=...")
    endif()
endforeach()

# 64 bytes a line: bargaining, Traditional script, emoji, an order number.
set(line "在吗？能便宜点吗 我要退貨😡 订单号123456789012345678")
if(SINGLE_LINE)
    set(source COMMAND head -c ${BYTES} /dev/zero COMMAND tr "\\000" "a")
else()
    set(source COMMAND yes "${line}" COMMAND head -c ${BYTES})
endif()
execute_process(${source}
    COMMAND "${TIME}" -f "max_rss_kb=%M exit=%x" "${KEFU}" ${COMMAND}
    COMMAND wc -l
    RESULTS_VARIABLE statuses OUTPUT_VARIABLE lines ERROR_VARIABLE err)
string(STRIP "${lines}" lines)
if(NOT err MATCHES "max_rss_kb=([0-9]+) exit=([0-9]+)")
    message(FATAL_ERROR "no figures from ${TIME}: ${statuses}\n${err}")
endif()
set(rss_kb ${CMAKE_MATCH_1})
set(exit_status ${CMAKE_MATCH_2})
math(EXPR rss_mb "${rss_kb} / 1024")
message(STATUS "kefu ${COMMAND}: ${BYTES} bytes on stdin, ${lines} lines out, exit ${exit_status}, max RSS ${rss_mb} MB")

if(SINGLE_LINE)
    if(NOT exit_status EQUAL 2 OR NOT err MATCHES "kefu: text of ${BYTES} bytes is longer than the maximum")
        message(FATAL_ERROR "one line of ${BYTES} bytes: expected exit 2 and a clear message, got ${exit_status}:\n${err}")
    endif()
else()
    string(LENGTH "${line}\n" line_bytes)
    math(EXPR expected_lines "(${BYTES} + ${line_bytes} - 1) / ${line_bytes}")
    if(NOT exit_status EQUAL 0 OR NOT lines EQUAL expected_lines)
        message(FATAL_ERROR "expected exit 0 and ${expected_lines} lines, got exit ${exit_status} and ${lines} lines:\n${err}")
    endif()
endif()
if(rss_mb GREATER_EQUAL MAX_RSS_MB)
    message(FATAL_ERROR "kefu ${COMMAND} used ${rss_mb} MB for ${BYTES} bytes on stdin (bound: ${MAX_RSS_MB} MB)")
endif()
