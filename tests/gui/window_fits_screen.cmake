# The window opens inside the screen's work area: on a 1280x720 projector it is at most 1280x720
# (the picture the app saves is the window's framebuffer).
execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 ${SCREEN_WIDTH}x${SCREEN_HEIGHT}x24"
            ${PROGRAM} --lesson event-file-copy --screenshot ${PICTURE} --steps 2
    RESULT_VARIABLE exit_code
    ERROR_VARIABLE errors)
if(NOT exit_code EQUAL 0)
    message(FATAL_ERROR "the app exited with ${exit_code}:\n${errors}")
endif()
# PNG: 8-byte signature, then the IHDR chunk (length, type) and its width and height (big-endian).
file(READ ${PICTURE} size HEX OFFSET 16 LIMIT 8)
string(SUBSTRING "${size}" 0 8 width_hex)
string(SUBSTRING "${size}" 8 8 height_hex)
math(EXPR width "0x${width_hex}")
math(EXPR height "0x${height_hex}")
if(width GREATER SCREEN_WIDTH OR height GREATER SCREEN_HEIGHT)
    message(FATAL_ERROR "the window is ${width}x${height}, larger than the ${SCREEN_WIDTH}x${SCREEN_HEIGHT} screen")
endif()
message(STATUS "window ${width}x${height} on a ${SCREEN_WIDTH}x${SCREEN_HEIGHT} screen")
