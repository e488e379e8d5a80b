# kefu train on a tiny labelled file, then kefu eval on the same file: the
# model learns it, and eval reports its figures as one JSON line.
set(model "${WORK}/tiny.kfm")
execute_process(COMMAND "${KEFU}" train --in "${DATA}/tiny_train.tsv" --out "${model}" --epochs 30
    RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "train failed (${status}): ${err}")
endif()
execute_process(COMMAND "${KEFU}" --model "${model}" eval "${DATA}/tiny_train.tsv" --json
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "eval failed (${status}): ${err}")
endif()
string(JSON accuracy GET "${out}" accuracy)
string(JSON n GET "${out}" n)
string(JSON greet_f1 GET "${out}" per_label greet f1)
if(NOT n EQUAL 10 OR accuracy LESS 1.0 OR greet_f1 LESS 1.0)
    message(FATAL_ERROR "expected a perfect fit on 10 training rows, got: ${out}")
endif()
execute_process(COMMAND "${KEFU}" --model "${model}" eval "${DATA}/syntax_error.kefu"
    RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 2 OR NOT err MATCHES "syntax_error.kefu:1:1: error: expected label<TAB>text")
    message(FATAL_ERROR "a malformed eval file must fail with status 2 and file:line:col, got ${status}: ${err}")
endif()

# The model-size and word options reach training: a minimum document
# frequency nothing meets leaves no features, and the model still loads.
set(small "${WORK}/tiny_small.kfm")
execute_process(COMMAND "${KEFU}" train --in "${DATA}/tiny_train.tsv" --out "${small}" --min-df 1000
                        --prune-below 0 --chinese-words
    RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "train with --min-df/--prune-below/--chinese-words failed (${status}): ${err}")
endif()
execute_process(COMMAND "${KEFU}" --model "${small}" classify hello
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "a model without features must still classify (${status}): ${err}")
endif()
execute_process(COMMAND "${KEFU}" train --in "${DATA}/tiny_train.tsv" --out "${small}" --min-df 0
    RESULT_VARIABLE status ERROR_VARIABLE err)
if(status EQUAL 0 OR NOT err MATCHES "min_document_frequency")
    message(FATAL_ERROR "--min-df 0 must be refused with a clear message, got ${status}: ${err}")
endif()

# The out-of-scope budget and a fixed learner setting (train options v4).
execute_process(COMMAND "${KEFU}" train --in "${DATA}/tiny_train.tsv" --out "${small}" --fixed-regularisation
                        --max-in-scope-loss 0
    RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "train with --fixed-regularisation/--max-in-scope-loss failed (${status}): ${err}")
endif()
# The thread count changes nothing in the model (train options v5).
execute_process(COMMAND "${KEFU}" train --in "${DATA}/tiny_train.tsv" --out "${small}.one" --threads 1
    RESULT_VARIABLE status ERROR_VARIABLE err)
execute_process(COMMAND "${KEFU}" train --in "${DATA}/tiny_train.tsv" --out "${small}.two" --threads 2
    RESULT_VARIABLE status2 ERROR_VARIABLE err2)
if(NOT status EQUAL 0 OR NOT status2 EQUAL 0)
    message(FATAL_ERROR "train with --threads failed (${status}, ${status2}): ${err} ${err2}")
endif()
file(SHA256 "${small}.one" one_thread)
file(SHA256 "${small}.two" two_threads)
if(NOT one_thread STREQUAL two_threads)
    message(FATAL_ERROR "--threads 1 and --threads 2 wrote different models")
endif()
execute_process(COMMAND "${KEFU}" train --in "${DATA}/tiny_train.tsv" --out "${small}" --threads 300
    RESULT_VARIABLE status ERROR_VARIABLE err)
if(status EQUAL 0 OR NOT err MATCHES "threads")
    message(FATAL_ERROR "--threads 300 must be refused with a clear message, got ${status}: ${err}")
endif()
execute_process(COMMAND "${KEFU}" train --in "${DATA}/tiny_train.tsv" --out "${small}" --max-in-scope-loss 2
    RESULT_VARIABLE status ERROR_VARIABLE err)
if(status EQUAL 0 OR NOT err MATCHES "max_in_scope_loss")
    message(FATAL_ERROR "--max-in-scope-loss 2 must be refused with a clear message, got ${status}: ${err}")
endif()
