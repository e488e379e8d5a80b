# Checks an installed kefu prefix.
#
#   cmake -DPREFIX=<prefix> -DBINDIR=<bin dir> -DLIBDIR=<lib dir>
#         -DVERSION=<project version> -P check_install_layout.cmake
#         -- <file relative to PREFIX>...
#
# Besides the listed files: the installed CLI runs from the prefix (its
# RUNPATH finds the installed libkefu), the package version file accepts only
# the same major version, and kefu.pc names the prefix it was installed to.
cmake_minimum_required(VERSION 3.20)
include("${CMAKE_CURRENT_LIST_DIR}/script_helpers.cmake")
kefu_require_variables(PREFIX BINDIR LIBDIR VERSION)
kefu_script_arguments(expected_files)

function(check_files_exist)
    set(missing "")
    foreach(file IN LISTS expected_files)
        if(NOT EXISTS "${PREFIX}/${file}")
            list(APPEND missing "${file}")
        endif()
    endforeach()
    if(missing)
        list(JOIN missing "\n  " listing)
        message(FATAL_ERROR "missing from ${PREFIX}:\n  ${listing}")
    endif()
endfunction()

# No LD_LIBRARY_PATH here on purpose: the CLI must find libkefu on its own.
function(check_cli_runs)
    kefu_run(output "${PREFIX}/${BINDIR}/kefu" --version)
    string(STRIP "${output}" output)
    if(NOT output STREQUAL VERSION)
        message(FATAL_ERROR "installed `kefu --version` printed \"${output}\", expected \"${VERSION}\"")
    endif()
endfunction()

# A request for the next major version must be refused by the version file,
# not fail for want of a package: kefu is considered, then rejected. (The
# accepting case is the find_package consumer test.)
function(check_next_major_rejected)
    string(REGEX MATCH "^[0-9]+" major "${VERSION}")
    math(EXPR next_major "${major} + 1")
    find_package(kefu ${next_major}.0 CONFIG QUIET PATHS "${PREFIX}" NO_DEFAULT_PATH)
    if(kefu_FOUND)
        message(FATAL_ERROR "find_package(kefu ${next_major}.0) accepted kefu ${VERSION}")
    endif()
    if(NOT VERSION IN_LIST kefu_CONSIDERED_VERSIONS)
        message(FATAL_ERROR "find_package(kefu) did not consider the installed package at all "
            "(considered: ${kefu_CONSIDERED_CONFIGS})")
    endif()
endfunction()

function(check_pkg_config_prefix)
    file(STRINGS "${PREFIX}/${LIBDIR}/pkgconfig/kefu.pc" prefix_line REGEX "^prefix=")
    if(NOT prefix_line STREQUAL "prefix=${PREFIX}")
        message(FATAL_ERROR "kefu.pc has \"${prefix_line}\", expected \"prefix=${PREFIX}\"")
    endif()
endfunction()

check_files_exist()
check_cli_runs()
check_next_major_rejected()
check_pkg_config_prefix()
list(LENGTH expected_files count)
message(STATUS "${count} files present; kefu ${VERSION} runs from ${PREFIX}")
