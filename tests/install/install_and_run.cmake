file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
    RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${errors}")
endif()
foreach(file event-file-copy/event_file_copy.cpp event-file-copy/lesson.json event-file-copy/narration.en.md event-file-copy/narration.ko.md)
    if(NOT EXISTS ${PREFIX}/share/overlapped-lab/lessons/${file})
        message(FATAL_ERROR "cmake --install did not install lessons/${file}")
    endif()
endforeach()
# Run from an unrelated folder, with no hint where the sources are.
set(ENV{OVLAB_LESSONS_DIR} "")
execute_process(COMMAND ${PREFIX}/bin/overlapped-lab --lesson event-file-copy --headless
    WORKING_DIRECTORY /
    RESULT_VARIABLE status OUTPUT_VARIABLE transcript ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "the installed overlapped-lab failed (${status}): ${errors}")
endif()
if(NOT transcript MATCHES "ReadFile")
    message(FATAL_ERROR "the installed overlapped-lab printed no transcript:\n${transcript}")
endif()
