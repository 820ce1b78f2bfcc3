cmake_minimum_required(VERSION 3.25)
# Builds the lesson folder project/copy-with-event from the installed package with
# ovlab_add_lab_lesson, then runs the lab on it: --list-lessons, --lesson --headless from
# --lessons-dir, from OVLAB_LESSONS_DIR, in Korean and with --param, checking the transcript's
# narration, console lines and the check's result; and a lesson folder whose program is missing.
include(${CMAKE_CURRENT_LIST_DIR}/../install/install_and_build_outside.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../install/run_lab.cmake)
set(lessons ${PROJECT_BUILD}/lessons)
foreach(file copy-with-event lesson.json narration.en.md narration.ko.md copy_with_event.cpp)
    if(NOT EXISTS ${lessons}/copy-with-event/${file})
        message(FATAL_ERROR "ovlab_add_lab_lesson did not put ${file} in ${lessons}/copy-with-event")
    endif()
endforeach()

# Listed after the built-in lessons, with its title and its parameter.
run(list 0 --lessons-dir ${lessons} --list-lessons)
expect(list "${list_out}" "pitfalls\t[^\n]*\ncopy-with-event\tA file copy that waits on an event\n$")
run(params 0 --lessons-dir ${lessons} --lesson copy-with-event --list-params)
expect(params "${params_out}" "^chunk\t4096\t512..8192\tBytes each ReadFile and WriteFile moves")

# Run from --lessons-dir: narration under the steps, the program's own lines, the check passed.
run(english 0 --lessons-dir ${lessons} --lesson copy-with-event --headless)
expect(english "${english_out}"
    "This lesson copies a file of 10,000 bytes with \\*\\*overlapped I/O\\*\\*"
    "CreateFileA opens the file to copy with \\*\\*FILE_FLAG_OVERLAPPED\\*\\*"
    "-> ReadFile\\("
    "ReadFile starts reading the next piece at the offset in the OVERLAPPED"
    "WaitForSingleObject waits until the event is signalled"
    "console: copied 10000 bytes in 4096-byte pieces"
    "lesson finished: exit code 0, check passed: the copy matches, byte for byte, in 4096-byte pieces"
    "The copy is complete\\. The check compares the copy")
expect(english "${english_err}" "lesson copy-with-event \\(its program runs in its own process\\)")

# The same lesson found through OVLAB_LESSONS_DIR (a list: a folder without lessons is one line).
set(ENV{OVLAB_LESSONS_DIR} "${PROJECT_BUILD}/no-such-folder:${lessons}")
run(environment 0 --lesson copy-with-event --headless)
unset(ENV{OVLAB_LESSONS_DIR})
expect(environment "${environment_out}" "check passed: the copy matches, byte for byte, in 4096-byte pieces")
expect(environment "${environment_err}" "error: [^\n]*no-such-folder: lessons folder not found")

# In Korean: the Korean narration, the program's line worded in Korean, the check's Korean message.
run(korean 0 --lessons-dir ${lessons} --lesson copy-with-event --headless --lang ko)
expect(korean "${korean_out}"
    "이 레슨은 10,000바이트짜리 파일을"
    "ReadFile이 OVERLAPPED의 오프셋에서 다음 조각을 읽기 시작합니다"
    "10000바이트를 4096바이트씩 나누어 복사했습니다"
    "4096바이트씩 옮긴 사본이 바이트 하나까지 같습니다")

# With a parameter: the program gets chunk=1000, so ten reads; the transcript says what changed.
run(chunk 0 --lessons-dir ${lessons} --lesson copy-with-event --headless --param chunk=1000)
expect(chunk "${chunk_out}"
    "Parameters changed from the defaults: chunk=1000"
    "console: copied 10000 bytes in 1000-byte pieces"
    "check passed: the copy matches, byte for byte, in 1000-byte pieces")
string(REGEX MATCHALL "-> ReadFile\\(" reads "${chunk_out}")
list(LENGTH reads read_count)
if(NOT read_count EQUAL 10)
    message(FATAL_ERROR "chunk=1000: ${read_count} ReadFile calls, expected 10:\n${chunk_out}")
endif()
run(bad_chunk 2 --lessons-dir ${lessons} --lesson copy-with-event --headless --param chunk=9000)
expect(bad_chunk "${bad_chunk_err}" "error: --param chunk=9000")

# Predict mode's questions from the lesson's narration, each answered from this run's trace, in both
# languages; a --program has no questions to ask.
run(predict 0 --lessons-dir ${lessons} --lesson copy-with-event --headless --predict)
expect(predict "${predict_out}"
    " read\\.return\n  ReadFile is given `&ov`"
    "=> FALSE, and GetLastError gives 997 \\(ERROR_IO_PENDING\\)   <- answer"
    "=> As many as ReadFile asked for   <- answer \\(from the trace: ov\\.InternalHigh = 4096\\)"
    "=> WAIT_OBJECT_0 \\(0\\): the event was signalled   <- answer")
run(predict_korean 0 --lessons-dir ${lessons} --lesson copy-with-event --headless --predict --lang ko --param chunk=1000)
expect(predict_korean "${predict_korean_out}" "=> ReadFile이 요청한 만큼")
run(predict_program 2 --program ${lessons}/copy-with-event/copy-with-event --headless --predict)
expect(predict_program "${predict_program_err}" "error: --predict --headless prints a lesson's questions; a --program has none")

# What the child-process path does not offer is refused with one line.
run(trace_in_window 2 --lessons-dir ${lessons} --lesson copy-with-event --trace-out run.trace)
expect(trace_in_window "${trace_in_window_err}" "error: lesson copy-with-event is one of your own: it writes --trace-out with --headless")

# A lesson folder whose program was never built is one line; the built-in lessons still run.
file(COPY ${PROJECT_SOURCE}/copy-with-event DESTINATION ${PROJECT_BUILD}/unbuilt)
run(unbuilt 0 --lessons-dir ${PROJECT_BUILD}/unbuilt --list-lessons)
expect(unbuilt "${unbuilt_err}" "error: [^\n]*unbuilt/copy-with-event/copy-with-event: the lesson's program is missing")
expect(unbuilt "${unbuilt_out}" "^blocking-vs-overlapped\t")
if(unbuilt_out MATCHES "copy-with-event")
    message(FATAL_ERROR "a lesson without its program was listed:\n${unbuilt_out}")
endif()

# A program given with --program is narrated by the narration.<lang>.md next to it (here the lesson's);
# the same program elsewhere, without one, shows its source lines as before.
run(narrated 0 --program ${lessons}/copy-with-event/copy-with-event --headless --lang ko -- chunk=4096)
expect(narrated "${narrated_out}"
    "이 레슨은 10,000바이트짜리 파일을"
    "\\| ReadFile이 OVERLAPPED의 오프셋에서 다음 조각을 읽기 시작합니다"
    "console: 10000바이트를 4096바이트씩|10000 bytes in 4096-byte pieces")
file(COPY ${lessons}/copy-with-event/copy-with-event DESTINATION ${PROJECT_BUILD}/plain)
run(plain 0 --program ${PROJECT_BUILD}/plain/copy-with-event --headless -- chunk=4096)
expect(plain "${plain_out}" "\\| long got = finish\\(source, &ov, ReadFile\\(source, buffer, want, NULL, &ov\\)\\);")
if(plain_out MATCHES "ReadFile starts reading")
    message(FATAL_ERROR "a program without a narration next to it was narrated:\n${plain_out}")
endif()

# Started by itself, the lesson's program is an ordinary Win32 program.
execute_process(COMMAND ${lessons}/copy-with-event/copy-with-event chunk=2500
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 60)
if(NOT status EQUAL 0 OR NOT output STREQUAL "copied 10000 bytes in 2500-byte pieces\n")
    message(FATAL_ERROR "copy-with-event alone (exit ${status}) printed:\n${output}\n${errors}")
endif()
message(STATUS "the lesson of one's own built from the installed package, was listed and ran in English and "
    "Korean, with a parameter, from --lessons-dir and OVLAB_LESSONS_DIR")
