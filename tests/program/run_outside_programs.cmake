cmake_minimum_required(VERSION 3.25)
# Installs the build into PREFIX, builds the outside project's three programs with
# ovlab_add_lab_program, and runs each with `LAB --program ... --headless`, checking the transcript's
# lines and line numbers, the crash report and the exit codes (docs/design.md §3).
include(${CMAKE_CURRENT_LIST_DIR}/../install/install_and_build_outside.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../install/run_lab.cmake)

string(REPEAT "0123456789abcdef" 625 source_text)  # 10,000 bytes: two whole chunks of 4096 and a short one
file(WRITE ${PROJECT_BUILD}/source.bin "${source_text}")

# (a) The copy: two source files, so each line names its file; each source line shows once.
run(copy 0 --program ${PROJECT_BUILD}/file_copy --headless -- source.bin copy.bin)
expect(copy "${copy_out}"
    "\\[[0-9]+\\] main  copy_main\\.cpp:14  -> CreateFileA\\("
    "\\| HANDLE source = CreateFileA\\(argv\\[1\\], GENERIC_READ"
    "\\[[0-9]+\\] main  copy_io\\.cpp:22  -> ReadFile\\("
    "\\[[0-9]+\\] main  copy_io\\.cpp:10  <- WaitForSingleObject = WAIT_OBJECT_0"
    "\\[[0-9]+\\] main  copy_io\\.cpp:25  -> WriteFile\\("
    "ov\\.Internal  0x103 \\(STATUS_PENDING\\) -> 0x0 \\(STATUS_SUCCESS\\)"
    "console: copied 10000 bytes"
    "exit code 0")
file(READ ${PROJECT_BUILD}/copy.bin copied)
if(NOT copied STREQUAL source_text)
    message(FATAL_ERROR "file_copy under the lab: copy.bin differs from source.bin")
endif()
# --source reads a file from elsewhere, matched by its name; the other file still comes from where
# it was compiled.
file(READ ${PROJECT_SOURCE}/copy_io.cpp copy_io_text)
string(REPLACE "DWORD got = await" "DWORD got = /* read from --source */ await" copy_io_text "${copy_io_text}")
file(WRITE ${PROJECT_BUILD}/elsewhere/copy_io.cpp "${copy_io_text}")
run(elsewhere 0 --program ${PROJECT_BUILD}/file_copy --headless --source elsewhere/copy_io.cpp -- source.bin copy2.bin)
expect(elsewhere "${elsewhere_out}"
    "\\| DWORD got = /\\* read from --source \\*/ await\\(source, &ov, ReadFile"
    "\\| HANDLE source = CreateFileA\\(argv\\[1\\]")

# Started by itself, the same program is an ordinary program: no lab, no stepping.
execute_process(COMMAND ${PROJECT_BUILD}/file_copy source.bin alone.bin WORKING_DIRECTORY ${PROJECT_BUILD}
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 60)
if(NOT status EQUAL 0 OR NOT output STREQUAL "copied 10000 bytes\n")
    message(FATAL_ERROR "file_copy alone (exit ${status}) printed:\n${output}\n${errors}")
endif()

# A narration next to the program: each step's section comes from the file its line is in. A
# completion's is the tag of the call that issued it (copy_io.cpp:22, in the second file), and the
# ending is `## finished.<tag>` for the tag of the last step (close_all, also in copy_io.cpp).
file(MAKE_DIRECTORY ${PROJECT_BUILD}/narrated)
file(COPY ${PROJECT_BUILD}/file_copy DESTINATION ${PROJECT_BUILD}/narrated)
file(WRITE ${PROJECT_BUILD}/narrated/narration.en.md [=[
## open
Narrated: the files open.

## read-chunk
Narrated: a chunk is read.

## read-chunk.complete
Narrated: the read of a chunk completes.

## write-chunk
Narrated: a chunk is written.

## close-all
Narrated: the handles close.

## finished
Narrated: the plain ending.

## finished.close-all
Narrated: the ending after close_all.
]=])
run(narrated 0 --program ${PROJECT_BUILD}/narrated/file_copy --headless -- source.bin narrated.bin)
expect(narrated "${narrated_out}" "Narrated: the files open" "Narrated: the read of a chunk completes"
    "Narrated: a chunk is written" "Narrated: the ending after close_all")
if(narrated_out MATCHES "the plain ending")
    message(FATAL_ERROR "file_copy's last step is tagged close-all in copy_io.cpp, yet the plain ending shows:\n${narrated_out}")
endif()

# (b) The completion port: one file, so lines are plain line numbers; both workers dequeue.
run(iocp 0 --program ${PROJECT_BUILD}/iocp_workers --headless -- source.bin)
expect(iocp "${iocp_out}"
    "\\[[0-9]+\\] main  line 40  -> CreateIoCompletionPort\\("
    "\\[[0-9]+\\] worker 2  line 21  -> GetQueuedCompletionStatus\\("
    "\\[[0-9]+\\] worker 3  line 21  -> GetQueuedCompletionStatus\\("
    "\\[[0-9]+\\] main  line 46  <- ReadFile = FALSE"
    "console: read 4096 bytes with two workers"
    "exit code 0")
run(iocp_korean 0 --program ${PROJECT_BUILD}/iocp_workers --headless --lang ko -- source.bin)
expect(iocp_korean "${iocp_korean_err}" "^프로그램 iocp_workers \\(자체 프로세스에서 실행됩니다\\)")
if(iocp_out MATCHES "iocp_workers\\.cpp:")
    message(FATAL_ERROR "iocp_workers has one source file, yet a line names it:\n${iocp_out}")
endif()

# (c) The crash: one clear line naming the signal and where the program was; the lab exits 4.
run(crash 4 --program ${PROJECT_BUILD}/crash_after_read --headless -- source.bin)
expect(crash "${crash_out}" "console: read 256 bytes, now crashing")
expect(crash "${crash_err}"
    "error: program crash_after_read was ended by signal 11 \\(SIGSEGV: Segmentation fault\\) after step [0-9]+: thread main, line 16 \\(GetOverlappedResult\\)")
if(crash_out MATCHES "exit code")
    message(FATAL_ERROR "crash_after_read: a crashed run must not print an exit code:\n${crash_out}")
endif()

message(STATUS "three programs built with ovlab_add_lab_program ran under the lab; the crash was reported")
