# Shared by the scripts here: how every Wine run is made.
#  - a private prefix under build/ (never the user's ~/.wine), created once and reused;
#  - WINEDEBUG=-all: Wine's own diagnostics would mix with the transcripts;
#  - mscoree/mshtml disabled: otherwise a new prefix offers to download .NET and Gecko.
set(ENV{WINEPREFIX} "${WINE_PREFIX}")
set(ENV{WINEDEBUG} "-all")
set(ENV{WINEDLLOVERRIDES} "mscoree,mshtml=")
set(ENV{WINEARCH} "win64")
# Lessons must be found next to the exe, as a Windows user's copy finds them.
unset(ENV{OVLAB_LESSONS_DIR})

# wine_run(<output-variable> <result-variable> ARGS...): runs a Windows program, stdout captured
# with Windows line ends turned into "\n". With TIME_LIMIT set, the program is killed after that
# many seconds and the result says "timeout".
function(wine_run output_var result_var)
    set(time_limit)
    if(DEFINED TIME_LIMIT)
        set(time_limit TIMEOUT ${TIME_LIMIT})
    endif()
    execute_process(COMMAND ${WINE} ${ARGN}
        OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE result
        WORKING_DIRECTORY ${WORK_DIR} ${time_limit})
    string(REPLACE "\r\n" "\n" output "${output}")
    set(${output_var} "${output}" PARENT_SCOPE)
    set(${result_var} "${result}" PARENT_SCOPE)
    set(wine_errors "${errors}" PARENT_SCOPE)
endfunction()
