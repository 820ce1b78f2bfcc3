cmake_minimum_required(VERSION 3.25)  # policies for this script
# Runs one Windows program under Wine; its output is shown, its exit code decides.
include(${CMAKE_CURRENT_LIST_DIR}/wine.cmake)
wine_run(output result ${PROGRAM})
message("${output}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} exited with ${result} under Wine:\n${wine_errors}")
endif()
