# Runs the C API guide's example program on two messages and checks that the
# guide embeds the program's source verbatim (so the two cannot drift apart).
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/guide_example.stdin" "我要退貨\n亲 能便宜点吗\n")
execute_process(COMMAND "${PROGRAM}" INPUT_FILE "${CMAKE_CURRENT_BINARY_DIR}/guide_example.stdin"
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "example exited ${status}: ${err}")
endif()
if(NOT out MATCHES "^return\t[0-9.]+\t" OR NOT out MATCHES "\nbargain\t[0-9.]+\t")
    message(FATAL_ERROR "unexpected output:\n${out}")
endif()
file(READ "${EXAMPLE}" source)
file(READ "${GUIDE}" guide)
string(FIND "${guide}" "${source}" at)
if(at EQUAL -1)
    message(FATAL_ERROR "docs/C_API.md does not contain examples/c/classify_messages.c verbatim")
endif()
