cmake_minimum_required(VERSION 3.25)  # policies for this script (IN_LIST and others)
# Creates the private Wine prefix once (about 10 s) and sets what the checks need:
# HKCU\Software\Wine\X11 Driver Managed=N, so a window closing without a window manager (Xvfb)
# does not stall for 2 s. A prefix that already has the setting is left alone.
include(${CMAKE_CURRENT_LIST_DIR}/wine.cmake)
set(marker ${WINE_PREFIX}/.overlapped-lab-ready)
if(EXISTS ${marker})
    return()
endif()
execute_process(COMMAND ${WINEBOOT} -i RESULT_VARIABLE result OUTPUT_QUIET ERROR_QUIET)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "wineboot -i could not create the Wine prefix ${WINE_PREFIX} (exit ${result})")
endif()
execute_process(COMMAND ${WINE} reg add "HKCU\\Software\\Wine\\X11 Driver" /v Managed /t REG_SZ /d N /f
    RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "could not set X11 Driver Managed=N in the Wine prefix: ${errors}")
endif()
file(TOUCH ${marker})
