# ovlab_add_lab_program(target source...): an ordinary Win32 console program, built against the
# portable runtime like any ovlab::winapi program, that `overlapped-lab --program` can also run and
# step in its own process (docs/design.md §4, docs/program-protocol.md).
#
# Its sources get the lesson prelude force-included, so each traced Win32 call records its file and
# line. Its main stays its own: started by itself, it runs as a normal program, without stepping.
function(ovlab_add_lab_program target)
    if(NOT ARGN)
        message(FATAL_ERROR "ovlab_add_lab_program(${target}): name the program's source files after the target")
    endif()
    add_executable(${target} ${ARGN})
    target_link_libraries(${target} PRIVATE ovlab::winapi)
    target_compile_definitions(${target} PRIVATE OVLAB_LAB_PROGRAM=1)
    # The C runtime then calls the runtime's __wrap_main, which calls the program's main and, when the
    # lab runs the program, ends the run before exit() destroys static objects. On Windows the lab does
    # not start programs yet: there the program's own main is called, and OVLAB_TRACE records it.
    if(NOT WIN32)
        target_link_options(${target} PRIVATE "LINKER:--wrap=main")
    endif()
    # GCC and Clang look for a forced include on the include path, where ovlab::winapi put ovlab/.
    target_compile_options(${target} PRIVATE
        "$<$<COMPILE_LANGUAGE:CXX>:-include>" "$<$<COMPILE_LANGUAGE:CXX>:ovlab/lesson_prelude.h>")
endfunction()

# ovlab_add_lab_lesson(<folder> [SOURCES file...] [DESTINATION dir]): a lesson of one's own
# (docs/lesson-format.md). <folder> (relative to the current source folder) holds lesson.json,
# narration.en.md, narration.ko.md and the program lesson.json names, plus the SOURCES it also needs.
# The program is built with ovlab_add_lab_program as the target <id>, the folder's name, and put with
# lesson.json, the narration and the sources in ${CMAKE_CURRENT_BINARY_DIR}/lessons/<id>, the folder
# `overlapped-lab --lessons-dir ${CMAKE_CURRENT_BINARY_DIR}/lessons` lists. `cmake --install` copies the
# same folder to <dir>/<id> (default: share/overlapped-lab-lessons/<id> under the install prefix).
function(ovlab_add_lab_lesson folder)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "DESTINATION" "SOURCES")
    cmake_path(ABSOLUTE_PATH folder BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
    string(REGEX REPLACE "/$" "" folder "${folder}")
    cmake_path(GET folder FILENAME id)
    set(metadata_file ${folder}/lesson.json)
    if(NOT EXISTS ${metadata_file})
        message(FATAL_ERROR "ovlab_add_lab_lesson(${id}): ${metadata_file} is missing")
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${metadata_file})
    file(READ ${metadata_file} metadata)
    string(JSON program ERROR_VARIABLE json_error GET "${metadata}" program)
    if(json_error)
        message(FATAL_ERROR "ovlab_add_lab_lesson(${id}): ${metadata_file}: ${json_error}")
    endif()
    set(files lesson.json narration.en.md narration.ko.md ${program} ${arg_SOURCES})
    set(sources "")
    foreach(file IN LISTS program arg_SOURCES)
        list(APPEND sources ${folder}/${file})
    endforeach()
    foreach(file IN LISTS files)
        if(NOT EXISTS ${folder}/${file})
            message(FATAL_ERROR "ovlab_add_lab_lesson(${id}): ${folder}/${file} is missing")
        endif()
    endforeach()

    ovlab_add_lab_program(${id} ${sources})
    set(lesson_dir ${CMAKE_CURRENT_BINARY_DIR}/lessons/${id})
    # The generator expression keeps multi-configuration generators from adding a Debug/ folder: the
    # lab looks for the program next to lesson.json.
    set_target_properties(${id} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${lesson_dir}$<0:>)
    foreach(file IN LISTS files)
        configure_file(${folder}/${file} ${lesson_dir}/${file} COPYONLY)
    endforeach()

    if(NOT arg_DESTINATION)
        set(arg_DESTINATION share/overlapped-lab-lessons)
    endif()
    install(TARGETS ${id} RUNTIME DESTINATION ${arg_DESTINATION}/${id})
    list(TRANSFORM files PREPEND ${folder}/)
    install(FILES ${files} DESTINATION ${arg_DESTINATION}/${id})
endfunction()
