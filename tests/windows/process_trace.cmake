cmake_minimum_required(VERSION 3.25)  # policies for this script
# A program of one's own built for Windows (ovlab_add_lab_program, cross-built with mingw-w64) runs
# under Wine with OVLAB_TRACE=FILE, on its own and at full speed: at its end it must have written
# FILE, and the native build's `--open FILE --headless` must read it back with the calls of main and
# of both worker threads on the lines the lesson prelude noted.
include(${CMAKE_CURRENT_LIST_DIR}/wine.cmake)
set(trace ${OUT_DIR}/iocp_workers.trace)
file(REMOVE ${trace})

set(ENV{OVLAB_TRACE} ${trace})
wine_run(output result ${PROGRAM} ${INPUT})
unset(ENV{OVLAB_TRACE})
if(NOT result EQUAL 0 OR NOT output MATCHES "read 4096 bytes with two workers")
    message(FATAL_ERROR "iocp_workers.exe under Wine exited with ${result}:\n${output}\n${wine_errors}")
endif()
if(NOT EXISTS ${trace})
    message(FATAL_ERROR "iocp_workers.exe ran with OVLAB_TRACE=${trace} and wrote no trace:\n${wine_errors}")
endif()

file(STRINGS ${trace} header LIMIT_COUNT 1)
foreach(field [["platform":"windows"]] [["backend":"Windows"]] [["program":"iocp_workers.exe"]] [["lesson":false]])
    string(FIND "${header}" "${field}" at)
    if(at LESS 0)
        message(FATAL_ERROR "the trace's header lacks ${field}: ${header}")
    endif()
endforeach()

execute_process(COMMAND ${NATIVE} --open ${trace} --headless
    OUTPUT_VARIABLE transcript ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "--open ${trace} --headless exited with ${status}:\n${errors}")
endif()
foreach(regex
        "\\[[0-9]+\\] main  line 36  -> CreateFileA\\("
        "\\[[0-9]+\\] main  line 40  -> CreateIoCompletionPort\\("
        "\\[[0-9]+\\] main  line 42  -> CreateThread\\("
        "\\[[0-9]+\\] worker 2  line 21  -> GetQueuedCompletionStatus\\("
        "\\[[0-9]+\\] worker 3  line 21  -> GetQueuedCompletionStatus\\("
        "\\[[0-9]+\\] main  line 46  <- ReadFile = "
        "\\[[0-9]+\\] main  line 51  -> WaitForMultipleObjects\\(")
    if(NOT transcript MATCHES "${regex}")
        file(WRITE ${OUT_DIR}/iocp_workers.transcript.txt "${transcript}")
        message(FATAL_ERROR "the transcript of the Windows recording has no match for '${regex}': "
                            "${OUT_DIR}/iocp_workers.transcript.txt")
    endif()
endforeach()
message(STATUS "iocp_workers.exe recorded itself under Wine; the native lab read its trace back")
