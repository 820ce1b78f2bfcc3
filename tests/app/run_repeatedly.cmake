# Runs PROGRAM with ARGS (a ;-list) RUNS times; every run must exit 0 within LIMIT seconds. For
# races that show up once in many runs, such as a completion never delivered: the lesson hangs.
foreach(run RANGE 1 ${RUNS})
    execute_process(COMMAND ${PROGRAM} ${ARGS} OUTPUT_VARIABLE output ERROR_VARIABLE errors
        RESULT_VARIABLE exit_code TIMEOUT ${LIMIT})
    if(NOT exit_code EQUAL 0)
        message(FATAL_ERROR "run ${run} of ${RUNS}: ${ARGS}: ${exit_code}\n${output}\n${errors}")
    endif()
endforeach()
