cmake_minimum_required(VERSION 3.25)  # policies for this script (IN_LIST and others)
# Installs the build into PREFIX, builds the outside project against it, runs its program.
set(CONFIGURE_ARGS -DLESSON_SOURCES=${PREFIX}/share/overlapped-lab/lessons)
include(${CMAKE_CURRENT_LIST_DIR}/../install/install_and_build_outside.cmake)
execute_process(COMMAND ${PROJECT_BUILD}/event_file_read
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
set(expected "wrote 17 bytes
ReadFile: pending
WaitForSingleObject: 0
GetOverlappedResult: TRUE, 17 bytes: hello, overlapped
read past the end: FALSE, error 38
")
if(NOT status EQUAL 0 OR NOT output STREQUAL expected)
    message(FATAL_ERROR "the outside program (exit ${status}) printed:\n${output}\nexpected:\n${expected}\n${errors}")
endif()

# Every installed lesson program built; the ones that make their own data (sockets on 127.0.0.1)
# run to their own check, and the file copy copies a file this script writes.
file(GLOB lesson_folders LIST_DIRECTORIES true ${PREFIX}/share/overlapped-lab/lessons/*)
list(LENGTH lesson_folders lesson_count)
if(lesson_count LESS 8)
    message(FATAL_ERROR "expected the 8 installed lessons, found ${lesson_count}")
endif()
foreach(folder ${lesson_folders})
    get_filename_component(id ${folder} NAME)
    if(NOT EXISTS ${PROJECT_BUILD}/lesson-${id})
        message(FATAL_ERROR "the installed lesson ${id} did not build in the outside project")
    endif()
endforeach()
foreach(id event-sockets iocp-echo-server)
    execute_process(COMMAND ${PROJECT_BUILD}/lesson-${id} RESULT_VARIABLE status OUTPUT_VARIABLE output
        ERROR_VARIABLE errors TIMEOUT 60)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "lesson-${id} built outside failed its own check (exit ${status}):\n${output}\n${errors}")
    endif()
endforeach()
string(REPEAT "0123456789abcdef" 1300 source_text)  # 20,800 bytes: several reads, a short last one
file(WRITE ${PROJECT_BUILD}/source.bin "${source_text}")
execute_process(COMMAND ${PROJECT_BUILD}/lesson-event-file-copy source.bin a.bin b.bin c.bin
    WORKING_DIRECTORY ${PROJECT_BUILD} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 60)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "lesson-event-file-copy built outside failed (exit ${status}):\n${output}\n${errors}")
endif()
foreach(copy a.bin b.bin c.bin)
    file(READ ${PROJECT_BUILD}/${copy} copied)
    if(NOT copied STREQUAL source_text)
        message(FATAL_ERROR "lesson-event-file-copy built outside: ${copy} differs from the source")
    endif()
endforeach()
message(STATUS "the outside project built against the installed package and printed what Windows prints;"
    " the ${lesson_count} installed lesson programs built unchanged, and the socket and copy lessons passed")
