# Runs one lesson headless and compares its transcript with the golden file.
execute_process(
    COMMAND ${PROGRAM} --lesson ${LESSON} --headless --lang ${LANGUAGE}
    OUTPUT_VARIABLE transcript
    ERROR_VARIABLE errors
    RESULT_VARIABLE exit_code)
if(NOT exit_code EQUAL 0)
    message(FATAL_ERROR "${LESSON} --headless exited with ${exit_code}:\n${errors}")
endif()
# The per-run working folder and the TCP port the system picks for a lesson's listening socket
# (port 0 = any free port) are the only things that differ between runs.
string(REGEX REPLACE "/[^ \n]*/overlapped-lab-[A-Za-z0-9]+" "<workdir>" transcript "${transcript}")
string(REGEX REPLACE "127\\.0\\.0\\.1:[1-9][0-9]*" "127.0.0.1:<port>" transcript "${transcript}")
file(WRITE ${ACTUAL} "${transcript}")
if(DEFINED ENV{OVLAB_UPDATE_GOLDEN})
    file(WRITE ${EXPECTED} "${transcript}")
    message(STATUS "updated ${EXPECTED}")
    return()
endif()
if(NOT EXISTS ${EXPECTED})
    message(FATAL_ERROR "no golden transcript ${EXPECTED}; review ${ACTUAL} and rerun with OVLAB_UPDATE_GOLDEN=1")
endif()
file(READ ${EXPECTED} expected)
if(NOT transcript STREQUAL expected)
    message(FATAL_ERROR "transcript differs from the golden file:\n  diff -u ${EXPECTED} ${ACTUAL}")
endif()
