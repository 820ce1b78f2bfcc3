# The window on a recorded trace: record event-file-copy headless, open the file in the window
# (a virtual display) at step 0 and step 12, and let CHECKER require two real pictures that differ (the
# panels followed the recorded steps).
file(MAKE_DIRECTORY ${OUT_DIR})
set(trace ${OUT_DIR}/event-file-copy.trace)
execute_process(COMMAND ${PROGRAM} --lesson event-file-copy --headless --trace-out ${trace}
    OUTPUT_QUIET ERROR_VARIABLE errors RESULT_VARIABLE exit_code)
if(NOT exit_code EQUAL 0)
    message(FATAL_ERROR "recording: exit code ${exit_code}\n${errors}")
endif()
foreach(steps 0 12)
    set(picture ${OUT_DIR}/recorded-${steps}.png)
    file(REMOVE ${picture})
    execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x900x24" ${PROGRAM} --open ${trace}
                            --screenshot ${picture} --steps ${steps}
        ERROR_VARIABLE errors RESULT_VARIABLE exit_code)
    if(NOT exit_code EQUAL 0 OR NOT EXISTS ${picture})
        message(FATAL_ERROR "--open ${trace} --steps ${steps}: exit code ${exit_code}\n${errors}")
    endif()
endforeach()
execute_process(COMMAND ${CHECKER} ${OUT_DIR}/recorded-0.png ${OUT_DIR}/recorded-12.png RESULT_VARIABLE exit_code)
if(NOT exit_code EQUAL 0)
    message(FATAL_ERROR "the window on the recorded trace did not draw two different steps")
endif()
