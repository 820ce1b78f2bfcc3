cmake_minimum_required(VERSION 3.25)  # policies for this script
# A trace recorded by one build opens in the other (docs/trace-format.md): the Windows build under
# Wine records LESSON with --trace-out and the native build replays it with --open --headless, then
# the other way round (in Korean). Each replay must print the recording run's transcript unchanged.
include(${CMAKE_CURRENT_LIST_DIR}/wine.cmake)
set(prefix ${OUT_DIR}/${LESSON}.exchange)

# run_build(<windows|native> <output-variable> ARGS...): the lab of that build with ARGS; it must exit 0.
function(run_build build output_var)
    if(build STREQUAL "windows")
        wine_run(output result ${WINDOWS_EXE} ${ARGN})
        set(errors "${wine_errors}")
    else()
        execute_process(COMMAND ${NATIVE} ${ARGN} OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE result)
    endif()
    if(NOT result EQUAL 0)
        list(JOIN ARGN " " arguments)
        message(FATAL_ERROR "the ${build} build with ${arguments} exited with ${result}:\n${errors}")
    endif()
    set(${output_var} "${output}" PARENT_SCOPE)
endfunction()

# exchange(<recording build> <replaying build> [--lang ko]): records, replays, compares.
function(exchange recorder replayer)
    set(trace ${prefix}.${recorder}.trace)
    run_build(${recorder} live --lesson ${LESSON} ${ARGN} --headless --trace-out ${trace})
    run_build(${replayer} replay --open ${trace} ${ARGN} --headless)
    if(NOT replay STREQUAL live)
        file(WRITE ${prefix}.${recorder}-live.txt "${live}")
        file(WRITE ${prefix}.${replayer}-replay.txt "${replay}")
        message(FATAL_ERROR "the ${replayer} replay of the ${recorder} trace differs from the ${recorder} run: "
                            "${prefix}.${recorder}-live.txt, ${prefix}.${replayer}-replay.txt")
    endif()
endfunction()

exchange(windows native)
exchange(native windows --lang ko)
message(STATUS "${LESSON}: traces open across builds, and each replay prints the recording run's transcript")
