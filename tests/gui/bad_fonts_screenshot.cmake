# cmake -DAPP=... -DXVFB_RUN=... -DWORK=... -P bad_fonts_screenshot.cmake
# The window started with OVLAB_FONTS naming an empty file, garbage, a folder and a truncated
# DejaVu Sans before each good font still takes its screenshot and exits 0, and names every bad
# file once on stderr. The Korean role has only bad files: Hangul falls back to nothing, the rest
# to the next candidate.
set(_dejavu /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
set(_dejavu_mono /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf)
if(NOT EXISTS ${_dejavu} OR NOT EXISTS ${_dejavu_mono})
    message("skipped: this test needs the DejaVu fonts (fonts-dejavu-core)")
    return()
endif()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/folder.ttf)
file(WRITE ${WORK}/empty.ttf "")
file(WRITE ${WORK}/garbage.ttf "this is not a font, just words where a font should be")
execute_process(COMMAND head -c 40000 ${_dejavu} OUTPUT_FILE ${WORK}/truncated.ttf COMMAND_ERROR_IS_FATAL ANY)

set(_bad ${WORK}/empty.ttf ${WORK}/garbage.ttf ${WORK}/folder.ttf ${WORK}/truncated.ttf ${WORK}/missing.ttf)
set(_list "")
foreach(role ui ui-bold ui-italic korean korean-bold mono)
    foreach(path IN LISTS _bad)
        string(APPEND _list "${role} ${path}\n")
    endforeach()
endforeach()
string(APPEND _list "ui ${_dejavu}\nmono ${_dejavu_mono}\n")
file(WRITE ${WORK}/fonts.txt "${_list}")

execute_process(
    COMMAND ${CMAKE_COMMAND} -E env OVLAB_FONTS=${WORK}/fonts.txt
        ${XVFB_RUN} -a -s "-screen 0 1600x900x24"
        ${APP} --lesson event-file-copy --screenshot ${WORK}/shot.png --steps 3
    RESULT_VARIABLE _result ERROR_VARIABLE _stderr OUTPUT_VARIABLE _stdout)
message("${_stderr}")
if(NOT _result EQUAL 0)
    message(FATAL_ERROR "the window exited with ${_result}")
endif()
if(NOT EXISTS ${WORK}/shot.png)
    message(FATAL_ERROR "no screenshot was written")
endif()

foreach(expected
        "font ${WORK}/empty.ttf skipped: empty file"
        "font ${WORK}/garbage.ttf skipped: not a TrueType or OpenType font"
        "font ${WORK}/folder.ttf skipped: cannot read: it is a directory"
        "font ${WORK}/truncated.ttf skipped: truncated table '"
        "fonts not found: a Korean font")
    string(FIND "${_stderr}" "${expected}" _first)
    string(FIND "${_stderr}" "${expected}" _last REVERSE)
    if(_first EQUAL -1)
        message(FATAL_ERROR "stderr does not say: ${expected}")
    endif()
    if(NOT _first EQUAL _last)
        message(FATAL_ERROR "stderr says more than once: ${expected}")
    endif()
endforeach()
if(_stderr MATCHES "missing\\.ttf")
    message(FATAL_ERROR "a font that does not exist is no news, but stderr names it")
endif()
