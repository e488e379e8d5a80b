# The exported C ABI against the baseline in abi/ (abidiff from Debian's
# abigail-tools). Any difference fails: a compatible addition needs a
# deliberate baseline update (tools/update_abi.sh); an incompatible change
# needs a new SOVERSION as well.
execute_process(
    COMMAND "${ABIDIFF}" --exported-interfaces-only --headers-dir2 "${HEADERS}" --drop-private-types
            "${BASELINE}" "${LIBRARY}"
    RESULT_VARIABLE status OUTPUT_VARIABLE report ERROR_VARIABLE err)
if(status EQUAL 0)
    return()
endif()
# abidiff's exit status is a bit set: 4 = ABI change, 8 = incompatible change.
math(EXPR incompatible "${status} & 8")
if(incompatible)
    message(FATAL_ERROR "INCOMPATIBLE ABI change against ${BASELINE} (needs a new SOVERSION):\n${report}${err}")
endif()
message(FATAL_ERROR "ABI change against ${BASELINE}; if intended, run tools/update_abi.sh in the same commit:\n"
                    "${report}${err}")
