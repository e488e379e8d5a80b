# Hostile input through the kefu command (docs/SECURITY.md): malformed UTF-8
# and NUL bytes on stdin, a rule file above the 4 MiB limit, patterns and
# guards nested thousands deep, damaged and version-mismatched model files.
# Each is read, replaced or refused with exit status 2 and one clear line on
# stderr; nothing crashes.
#
#   cmake -DKEFU=<kefu> -DDATA=<tests/cli/data> -DWORK=<scratch dir> -P hostile_input.cmake
cmake_minimum_required(VERSION 3.20)

function(run)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "STDIN;STATUS" "ARGS")
    if(NOT arg_STDIN)
        set(arg_STDIN /dev/null)
    endif()
    execute_process(COMMAND "${KEFU}" ${arg_ARGS} INPUT_FILE "${arg_STDIN}"
        RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    list(JOIN arg_ARGS " " shown)
    if(NOT status STREQUAL arg_STATUS)
        message(FATAL_ERROR "kefu ${shown}: exit status ${status}, expected ${arg_STATUS}\n"
            "--- stdout:\n${out}\n--- stderr:\n${err}")
    endif()
    if(arg_STATUS EQUAL 2)
        string(REGEX MATCHALL "\n" newlines "${err}")
        list(LENGTH newlines count)
        if(NOT count EQUAL 1 OR NOT err MATCHES "^kefu: ")
            message(FATAL_ERROR "kefu ${shown}: expected one line on stderr, got:\n${err}")
        endif()
    endif()
    set(out "${out}" PARENT_SCOPE)
    set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect text what)
    string(FIND "${text}" "${what}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "expected \"${what}\" in:\n${text}")
    endif()
endfunction()

string(ASCII 192 175 overlong)  # C0 AF, an overlong '/'
string(ASCII 237 160 128 surrogate)  # ED A0 80, U+D800 encoded
string(ASCII 239 191 189 replacement)

# Malformed UTF-8 and NUL bytes: replaced by U+FFFD, one output line per line.
set(lines "${DATA}/hostile_lines.txt")
run(ARGS normalize STDIN "${lines}" STATUS 0)
string(REGEX MATCHALL "\n" newlines "${out}")
list(LENGTH newlines count)
if(NOT count EQUAL 5)
    message(FATAL_ERROR "normalize: expected 5 lines for 5 hostile lines, got ${count}:\n${out}")
endif()
expect("${out}" "${replacement}")
foreach(raw overlong surrogate)
    string(FIND "${out}" "${${raw}}" at)
    if(NOT at EQUAL -1)
        message(FATAL_ERROR "normalize: the ${raw} bytes reached the output:\n${out}")
    endif()
endforeach()
expect("${out}" "在吗 能便宜点吗")  # the NUL bytes fold to one space

run(ARGS classify STDIN "${lines}" STATUS 0)
string(REGEX REPLACE "\n$" "" json_lines "${out}")
string(REPLACE "\n" ";" json_lines "${json_lines}")
list(LENGTH json_lines count)
if(NOT count EQUAL 5)
    message(FATAL_ERROR "classify: expected 5 JSON lines, got ${count}:\n${out}")
endif()
foreach(line IN LISTS json_lines)
    string(JSON intent ERROR_VARIABLE json_error GET "${line}" intent)
    if(json_error)
        message(FATAL_ERROR "classify: not a JSON line with an intent (${json_error}):\n${line}")
    endif()
endforeach()

run(ARGS normalize --strict-utf8 STDIN "${lines}" STATUS 2)
expect("${err}" "invalid UTF-8")

# A rule file above 4 MiB: the size limit, with the file's name.
set(comment "# 这一行只是为了让规则文件超过四兆字节的上限而写的注释\n")
string(REPEAT "${comment}" 64 block)
string(REPEAT "${block}" 960 huge)  # 64 x 960 lines of 79 bytes: 4.6 MiB
file(WRITE "${WORK}/huge.kefu" "intent a\n${huge}")
run(ARGS compile --no-default "${WORK}/huge.kefu" --out "${WORK}/huge.kfm" STATUS 2)
expect("${err}" "huge.kefu")
expect("${err}" "above the limit")

# Groups, parentheses and `not` nested 10,000 deep: KEFU_ELIMIT at the
# first level too deep, never a stack overflow.
string(REPEAT "(" 10000 open)
string(REPEAT ")" 10000 close)
string(REPEAT "not " 10000 nots)
file(WRITE "${WORK}/deep_group.kefu" "intent a\nrule a: ${open}好${close}\n")
file(WRITE "${WORK}/deep_guard.kefu"
    "intent a\nflow f\nstate s initial\nstate e final\nfrom s on message when ${open}true${close} -> e\n")
file(WRITE "${WORK}/deep_not.kefu"
    "intent a\nflow f\nstate s initial\nstate e final\nfrom s on message when ${nots}true -> e\n")
foreach(name deep_group deep_guard deep_not)
    run(ARGS compile --no-default "${WORK}/${name}.kefu" --out "${WORK}/${name}.kfm" STATUS 2)
    expect("${err}" "${name}.kefu:")
    expect("${err}" "nest more than 64 deep")
endforeach()
# 64 levels are fine.
string(REPEAT "(" 64 open)
string(REPEAT ")" 64 close)
file(WRITE "${WORK}/nested_64.kefu" "intent a\nrule a: ${open}好${close}\n")
run(ARGS compile --no-default "${WORK}/nested_64.kefu" --out "${WORK}/nested_64.kfm" STATUS 0)

# Damaged model files: truncated, one byte changed in the payload (the
# checksum catches it), another format version. dd patches the copies in
# place, since CMake strings cannot carry NUL bytes.
set(good "${WORK}/nested_64.kfm")
run(ARGS --model "${good}" classify "好" STATUS 0)
file(SIZE "${good}" size)
math(EXPR half "${size} / 2")
math(EXPR near_end "${size} - 10")
file(READ "${good}" near_end_byte OFFSET ${near_end} LIMIT 1 HEX)
if(near_end_byte STREQUAL "58")
    set(patch "Y")
else()
    set(patch "X")
endif()
execute_process(COMMAND head -c ${half} "${good}" OUTPUT_FILE "${WORK}/truncated.kfm" RESULT_VARIABLE s1)
file(COPY_FILE "${good}" "${WORK}/flipped.kfm")
execute_process(COMMAND printf "${patch}"
    COMMAND dd "of=${WORK}/flipped.kfm" bs=1 seek=${near_end} conv=notrunc status=none RESULT_VARIABLE s2)
file(COPY_FILE "${good}" "${WORK}/version_99.kfm")
execute_process(COMMAND printf "c"  # 0x63: format 99 (the version is a little-endian u32 at byte 8)
    COMMAND dd "of=${WORK}/version_99.kfm" bs=1 seek=8 conv=notrunc status=none RESULT_VARIABLE s3)
if(NOT s1 EQUAL 0 OR NOT s2 EQUAL 0 OR NOT s3 EQUAL 0)
    message(FATAL_ERROR "could not write the damaged copies (head, dd): ${s1} ${s2} ${s3}")
endif()
run(ARGS --model "${WORK}/truncated.kfm" classify "好" STATUS 2)
expect("${err}" "truncated")
run(ARGS --model "${WORK}/flipped.kfm" classify "好" STATUS 2)
expect("${err}" "checksum mismatch")
run(ARGS --model "${WORK}/version_99.kfm" classify "好" STATUS 2)
expect("${err}" "format 99 is not supported")
