# Included by the -P scripts that build a project from the installed package (tests/find_package,
# tests/program, tests/own_lesson): installs BUILD_DIR into PREFIX, then configures and builds
# PROJECT_SOURCE in PROJECT_BUILD against it with GENERATOR, FLAGS as compile and link flags (the
# installed libraries carry this build's sanitizers) and CONFIGURE_ARGS (a list) added.
file(REMOVE_RECURSE ${PREFIX} ${PROJECT_BUILD})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
    RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${errors}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${PROJECT_SOURCE} -B ${PROJECT_BUILD} -G ${GENERATOR}
        -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=Debug ${CONFIGURE_ARGS}
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
