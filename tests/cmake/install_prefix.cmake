# Installs a kefu build tree into a fresh prefix: files left over from an
# earlier run would let install_layout pass after an install rule is lost.
#
#   cmake -DBUILD_DIR=<kefu build tree> -DPREFIX=<prefix> [-DCONFIG=<config>]
#         -P install_prefix.cmake
cmake_minimum_required(VERSION 3.20)
include("${CMAKE_CURRENT_LIST_DIR}/script_helpers.cmake")
kefu_require_variables(BUILD_DIR PREFIX)

file(REMOVE_RECURSE "${PREFIX}")
set(config_args "")
if(CONFIG)
    set(config_args --config "${CONFIG}")
endif()
kefu_run(installed "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" ${config_args})
message(STATUS "installed into ${PREFIX}")
