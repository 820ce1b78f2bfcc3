cmake_minimum_required(VERSION 3.25)  # policies for this script (IN_LIST and others)
# The GUI under Wine + Xvfb: take a screenshot after STEPS steps (the app writes its own PNG).
include(${CMAKE_CURRENT_LIST_DIR}/wine.cmake)
file(REMOVE ${PNG})
# A fresh wineserver for this Xvfb (see tests/windows/CMakeLists.txt), stopped again afterwards.
execute_process(COMMAND ${WINESERVER} -k OUTPUT_QUIET ERROR_QUIET)
execute_process(COMMAND ${WINESERVER} -w OUTPUT_QUIET ERROR_QUIET)
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x900x24" ${WINE} ${WINDOWS_EXE}
        --lesson event-file-copy --screenshot ${PNG} --steps ${STEPS}
    WORKING_DIRECTORY ${WORK_DIR} OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE result)
execute_process(COMMAND ${WINESERVER} -k OUTPUT_QUIET ERROR_QUIET)
execute_process(COMMAND ${WINESERVER} -w OUTPUT_QUIET ERROR_QUIET)
if(NOT result EQUAL 0 OR NOT EXISTS ${PNG})
    message(FATAL_ERROR "the Windows GUI did not save ${PNG} under Wine + Xvfb (exit ${result}):\n${output}\n${errors}")
endif()
