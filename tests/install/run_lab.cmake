# run(NAME EXIT ARGS...): runs the lab (LAB) in PROJECT_BUILD, requires its exit code; leaves its
# stdout and stderr in NAME_out and NAME_err.
function(run name exit)
    execute_process(COMMAND ${LAB} ${ARGN} WORKING_DIRECTORY ${PROJECT_BUILD}
        RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 120)
    if(NOT status STREQUAL exit)
        message(FATAL_ERROR "${name}: exit ${status}, expected ${exit}\n${output}\n${errors}")
    endif()
    set(${name}_out "${output}" PARENT_SCOPE)
    set(${name}_err "${errors}" PARENT_SCOPE)
endfunction()

# expect(NAME TEXT REGEX...): every regex matches TEXT.
function(expect name text)
    foreach(regex ${ARGN})
        if(NOT text MATCHES "${regex}")
            message(FATAL_ERROR "${name}: no match for '${regex}' in:\n${text}")
        endif()
    endforeach()
endfunction()
