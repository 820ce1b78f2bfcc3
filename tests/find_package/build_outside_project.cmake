cmake_minimum_required(VERSION 3.25)  # policies for this script (IN_LIST and others)
# Installs the build into PREFIX, builds the outside project against it, runs its program.
file(REMOVE_RECURSE ${PREFIX} ${PROJECT_BUILD})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
    RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${errors}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${PROJECT_SOURCE} -B ${PROJECT_BUILD} -G ${GENERATOR}
        -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=Debug
        "-DCMAKE_CXX_FLAGS=${FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}"
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "configuring the outside project failed:\n${output}\n${errors}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BUILD}
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "building the outside project failed:\n${output}\n${errors}")
endif()
execute_process(COMMAND ${PROJECT_BUILD}/event_file_read
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
set(expected "wrote 17 bytes
ReadFile: pending
WaitForSingleObject: 0
GetOverlappedResult: TRUE, 17 bytes: hello, overlapped
read past the end: FALSE, error 38
")
if(NOT status EQUAL 0 OR NOT output STREQUAL expected)
    message(FATAL_ERROR "the outside program (exit ${status}) printed:\n${output}\nexpected:\n${expected}\n${errors}")
endif()
message(STATUS "the outside project built against the installed package and printed what Windows prints")
