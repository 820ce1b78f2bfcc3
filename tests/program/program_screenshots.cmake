# The window on a program of one's own: file_copy, built by program.outside_programs, opened with
# --program in the window (a virtual display) and stepped 2 and 12 checkpoints over its link; CHECKER requires
# two real pictures that differ (the panels followed the program's steps), and the lab exits 0. Then
# crash_after_read crashes in the window: the lab says where and ends by itself (1: fewer steps than asked).
file(MAKE_DIRECTORY ${OUT_DIR})
if(NOT EXISTS ${PROJECT_BUILD}/file_copy OR NOT EXISTS ${PROJECT_BUILD}/source.bin)
    message(FATAL_ERROR "no ${PROJECT_BUILD}/file_copy: program.outside_programs builds it")
endif()
foreach(steps 2 12)
    set(picture ${OUT_DIR}/file_copy-${steps}.png)
    file(REMOVE ${picture} ${PROJECT_BUILD}/window-copy.bin)
    execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x900x24" ${PROGRAM} --program ${PROJECT_BUILD}/file_copy
                            --screenshot ${picture} --steps ${steps} -- source.bin window-copy.bin
        WORKING_DIRECTORY ${PROJECT_BUILD} ERROR_VARIABLE errors RESULT_VARIABLE exit_code)
    if(NOT exit_code EQUAL 0 OR NOT EXISTS ${picture})
        message(FATAL_ERROR "--program file_copy --steps ${steps}: exit code ${exit_code}\n${errors}")
    endif()
    if(errors MATCHES "AddressSanitizer|runtime error")
        message(FATAL_ERROR "--program file_copy --steps ${steps}:\n${errors}")
    endif()
endforeach()
execute_process(COMMAND ${CHECKER} ${OUT_DIR}/file_copy-2.png ${OUT_DIR}/file_copy-12.png RESULT_VARIABLE exit_code)
if(NOT exit_code EQUAL 0)
    message(FATAL_ERROR "the window on file_copy did not draw two different steps")
endif()

set(picture ${OUT_DIR}/crash_after_read.png)
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x900x24" ${PROGRAM} --program ${PROJECT_BUILD}/crash_after_read
                        --screenshot ${picture} --steps 40 -- source.bin
    WORKING_DIRECTORY ${PROJECT_BUILD} ERROR_VARIABLE errors RESULT_VARIABLE exit_code)
if(NOT exit_code EQUAL 1 OR NOT EXISTS ${picture})
    message(FATAL_ERROR "--program crash_after_read in the window: exit code ${exit_code}, expected 1\n${errors}")
endif()
if(NOT errors MATCHES "program crash_after_read: Signal 11 \\(SIGSEGV\\) ended the program after step [0-9]+: thread main, crash_after_read\\.cpp:16 \\(GetOverlappedResult\\)")
    message(FATAL_ERROR "--program crash_after_read in the window did not say where it crashed:\n${errors}")
endif()
