cmake_minimum_required(VERSION 3.25)  # policies for this script
# A trace recorded by one build opens in the other (docs/trace-format.md): the Windows build under
# Wine records LESSON with --trace-out and the native build replays it with --open --headless, then
# the other way round (in Korean). Each replay must print the recording run's transcript unchanged.
include(${CMAKE_CURRENT_LIST_DIR}/wine.cmake)
set(prefix ${OUT_DIR}/${LESSON}.exchange)

# Windows records, the native build replays.
wine_run(windows_live result ${WINDOWS_EXE} --lesson ${LESSON} --headless --trace-out ${prefix}.windows.trace)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "overlapped-lab.exe --lesson ${LESSON} --trace-out under Wine exited with ${result}:\n${wine_errors}")
endif()
execute_process(COMMAND ${NATIVE} --open ${prefix}.windows.trace --headless
    OUTPUT_VARIABLE native_replay ERROR_VARIABLE errors RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the native build cannot open the Windows build's trace (exit ${result}):\n${errors}")
endif()
if(NOT native_replay STREQUAL windows_live)
    file(WRITE ${prefix}.windows-live.txt "${windows_live}")
    file(WRITE ${prefix}.native-replay.txt "${native_replay}")
    message(FATAL_ERROR "the native replay of the Windows trace differs from the Windows run: "
                        "${prefix}.windows-live.txt, ${prefix}.native-replay.txt")
endif()

# The native build records, Windows replays.
execute_process(COMMAND ${NATIVE} --lesson ${LESSON} --lang ko --headless --trace-out ${prefix}.native.trace
    OUTPUT_VARIABLE native_live ERROR_VARIABLE errors RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "native --lesson ${LESSON} --trace-out exited with ${result}:\n${errors}")
endif()
wine_run(windows_replay result ${WINDOWS_EXE} --open ${prefix}.native.trace --lang ko --headless)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "overlapped-lab.exe cannot open the native trace (exit ${result}):\n${wine_errors}")
endif()
if(NOT windows_replay STREQUAL native_live)
    file(WRITE ${prefix}.native-live.txt "${native_live}")
    file(WRITE ${prefix}.windows-replay.txt "${windows_replay}")
    message(FATAL_ERROR "the Windows replay of the native trace differs from the native run: "
                        "${prefix}.native-live.txt, ${prefix}.windows-replay.txt")
endif()
message(STATUS "${LESSON}: traces open across builds, and each replay prints the recording run's transcript")
