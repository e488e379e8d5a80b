# run_kefu(<out_var> <args>...): `kefu run` with the arguments; its stdout in
# out_var, and a fatal error when it fails. Shared by the run_* test scripts.
function(run_kefu out_var)
    execute_process(COMMAND "${KEFU}" run ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "kefu run ${ARGN} failed (${status}): ${err}")
    endif()
    set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
