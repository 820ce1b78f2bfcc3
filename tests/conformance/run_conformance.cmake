cmake_minimum_required(VERSION 3.25)  # policies for this script (IN_LIST and others)
# One conformance program: run natively, then (unless NATIVE_ONLY) under Wine, and compare_outputs
# decides. Each run is killed after TIME_LIMIT seconds: a program that hangs fails, it never blocks
# the suite. A sanitizer report makes the sanitized build exit non-zero (-fno-sanitize-recover, and
# ThreadSanitizer's exit code), which fails too.
function(fail_unless_exited_cleanly what result errors)
    if(result MATCHES "timeout")
        message(FATAL_ERROR "${what} hung: killed after ${TIME_LIMIT} s\n${errors}")
    endif()
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${what} exited with ${result}:\n${errors}")
    endif()
endfunction()

separate_arguments(native_args UNIX_COMMAND "${NATIVE_ARGS}")  # empty for the programs; the self-test's command
execute_process(COMMAND ${NATIVE} ${native_args} OUTPUT_FILE ${OUT_DIR}/${NAME}.native.txt ERROR_VARIABLE errors
    RESULT_VARIABLE native_result TIMEOUT ${TIME_LIMIT})
fail_unless_exited_cleanly("${NAME} (native)" "${native_result}" "${errors}")
if(NATIVE_ONLY)
    return()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/../windows/wine.cmake)
wine_run(output wine_result ${WINDOWS_EXE})
file(WRITE ${OUT_DIR}/${NAME}.wine.txt "${output}")
fail_unless_exited_cleanly("${NAME}.exe under Wine" "${wine_result}" "${wine_errors}")
execute_process(COMMAND ${COMPARER} ${OUT_DIR}/${NAME}.native.txt ${OUT_DIR}/${NAME}.wine.txt
    OUTPUT_VARIABLE report RESULT_VARIABLE result)
message("${report}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${NAME}: the native output differs from Wine's (outputs in ${OUT_DIR})")
endif()
