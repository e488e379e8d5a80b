# Checks the dynamic symbol table and SONAME of libkefu.
#
#   cmake -DLIBRARY=path/libkefu.so -DEXPECTED_SONAME=libkefu.so.1
#         [-DNM=nm] [-DREADELF=readelf] -P check_exports.cmake
#
# Every defined dynamic symbol must start with kefu_. Absolute symbols (type
# A) are skipped: they are version-node names such as KEFU_1, not code or
# data. Weak (W/V) and unique (u) symbols are checked too, because that is
# how leaked C++ inline functions and templates would show up.

cmake_minimum_required(VERSION 3.20)
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/script_helpers.cmake")
kefu_require_variables(LIBRARY EXPECTED_SONAME)

# Fewer exports than this means the parsing below went wrong, not that the
# library is clean: kefu.h declares well over ten functions.
set(min_kefu_symbols 10)

foreach(tool NM READELF)
    string(TOLOWER ${tool} program)
    if(NOT ${tool})
        find_program(${tool} ${program} REQUIRED)
    endif()
endforeach()

kefu_run(symbols "${NM}" -D --defined-only "${LIBRARY}")
string(REPLACE "\n" ";" lines "${symbols}")
set(kefu_symbols "")
set(foreign_symbols "")
foreach(line IN LISTS lines)
    # "<address> <type> <name>[@@<version node>]"
    if(NOT line MATCHES "^[0-9a-fA-F]* *([A-Za-z]) ([^@ ]+)")
        continue()
    endif()
    set(type "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_2}")
    if(type STREQUAL "A")
        continue()
    elseif(name MATCHES "^kefu_")
        list(APPEND kefu_symbols "${name}")
    else()
        list(APPEND foreign_symbols "${type} ${name}")
    endif()
endforeach()

list(LENGTH kefu_symbols kefu_count)
message(STATUS "${kefu_count} kefu_ symbols exported by ${LIBRARY}")
if(foreign_symbols)
    list(JOIN foreign_symbols "\n  " listing)
    message(FATAL_ERROR "symbols exported without the kefu_ prefix:\n  ${listing}")
endif()
if(kefu_count LESS min_kefu_symbols)
    message(FATAL_ERROR "only ${kefu_count} kefu_ symbols found (expected at least "
        "${min_kefu_symbols}); nm output was:\n${symbols}")
endif()

kefu_run(dynamic "${READELF}" -d "${LIBRARY}")
if(NOT dynamic MATCHES "\\(SONAME\\)[^\n]*\\[([^\n]*)\\]")
    message(FATAL_ERROR "${LIBRARY} has no SONAME:\n${dynamic}")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL EXPECTED_SONAME)
    message(FATAL_ERROR "SONAME is ${CMAKE_MATCH_1}, expected ${EXPECTED_SONAME}")
endif()
message(STATUS "SONAME ${CMAKE_MATCH_1}")
