# Configures, builds and runs one consumer project of kefu.
#
#   cmake -DSOURCE_DIR=<consumer project> -DBINARY_DIR=<its build tree>
#         [-DPREFIX=<kefu install prefix> -DLIBDIR=<library dir in it>]
#         [-DJOBS=<n>] -P run_consumer.cmake [-- <configure arguments>...]
#
# With PREFIX, the consumer finds kefu there through CMake (CMAKE_PREFIX_PATH)
# and pkg-config (PKG_CONFIG_PATH), and its program loads libkefu from there.
# The build tree is kept between runs: the add_subdirectory consumer compiles
# all of kefu, which is worth doing incrementally.
cmake_minimum_required(VERSION 3.20)
include("${CMAKE_CURRENT_LIST_DIR}/script_helpers.cmake")
kefu_require_variables(SOURCE_DIR BINARY_DIR)
kefu_script_arguments(configure_args)
if(NOT JOBS)
    set(JOBS 2)
endif()

if(PREFIX)
    kefu_require_variables(LIBDIR)
    list(APPEND configure_args "-DCMAKE_PREFIX_PATH=${PREFIX}")
    # execute_process passes this script's environment on to its children.
    set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig")
    # Takes precedence over any RUNPATH, so the installed libkefu is the one
    # under test even if another copy is on the system.
    set(ENV{LD_LIBRARY_PATH} "${PREFIX}/${LIBDIR}")
endif()

kefu_run(configured "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BINARY_DIR}" ${configure_args})
kefu_run(built "${CMAKE_COMMAND}" --build "${BINARY_DIR}" --parallel ${JOBS})
kefu_run(output "${BINARY_DIR}/consumer")
message(STATUS "consumer says: ${output}")
