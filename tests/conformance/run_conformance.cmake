cmake_minimum_required(VERSION 3.25)  # policies for this script (IN_LIST and others)
# One conformance program: run natively and under Wine, then compare_outputs decides.
include(${CMAKE_CURRENT_LIST_DIR}/../windows/wine.cmake)
execute_process(COMMAND ${NATIVE} OUTPUT_FILE ${OUT_DIR}/${NAME}.native.txt ERROR_VARIABLE errors
    RESULT_VARIABLE native_result)
if(NOT native_result EQUAL 0)
    message(FATAL_ERROR "${NAME} exited with ${native_result} natively:\n${errors}")
endif()
wine_run(output wine_result ${WINDOWS_EXE})
file(WRITE ${OUT_DIR}/${NAME}.wine.txt "${output}")
if(NOT wine_result EQUAL 0)
    message(FATAL_ERROR "${NAME}.exe exited with ${wine_result} under Wine:\n${wine_errors}")
endif()
execute_process(COMMAND ${COMPARER} ${OUT_DIR}/${NAME}.native.txt ${OUT_DIR}/${NAME}.wine.txt
    OUTPUT_VARIABLE report RESULT_VARIABLE result)
message("${report}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${NAME}: the native output differs from Wine's (outputs in ${OUT_DIR})")
endif()
