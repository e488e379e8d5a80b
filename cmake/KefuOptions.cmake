# Build options. Tests, benchmarks and the Python package default on only when
# kefu is the top-level project, so that add_subdirectory(kefu) stays quiet.
if(CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR)
    set(KEFU_IS_TOP_LEVEL ON)
else()
    set(KEFU_IS_TOP_LEVEL OFF)
endif()

option(KEFU_BUILD_TESTS "Build the kefu test suites" ${KEFU_IS_TOP_LEVEL})
option(KEFU_BUILD_BENCH "Build the Google Benchmark suites" ${KEFU_IS_TOP_LEVEL})
option(KEFU_BUILD_PYTHON "Install and test the Python bindings" ${KEFU_IS_TOP_LEVEL})
option(KEFU_BUILD_CLI "Build the kefu command-line tool" ON)
option(KEFU_INSTALL "Generate the install rules and package files" ${KEFU_IS_TOP_LEVEL})
option(KEFU_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
set(KEFU_MODELC "" CACHE FILEPATH
    "An existing kefu_modelc to compile the default model with (empty: build one); see src/CMakeLists.txt")
