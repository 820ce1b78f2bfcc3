# A program with a folder where its narration.ko.md would be: with --lang ko the lab refuses to run it
# with one Korean line naming the file and why, and no English.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/narration.ko.md)
file(COPY ${HOSTILE} DESTINATION ${WORK})
get_filename_component(name ${HOSTILE} NAME)
execute_process(COMMAND ${PROGRAM} --program ${WORK}/${name} --headless --lang ko -- unconnected
    OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE exit_code)
file(REMOVE_RECURSE ${WORK})
if(NOT exit_code EQUAL 1)
    message(FATAL_ERROR "exit code ${exit_code}, expected 1\n${output}\n${errors}")
endif()
set(expected "오류: ${WORK}/narration.ko.md을(를) 읽을 수 없습니다: 파일이 아니라 폴더입니다\n")
if(NOT errors STREQUAL expected)
    message(FATAL_ERROR "expected:\n${expected}got:\n${errors}")
endif()
