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
    # lab runs the program, ends the run before exit() destroys static objects.
    target_link_options(${target} PRIVATE "LINKER:--wrap=main")
    # GCC and Clang look for a forced include on the include path, where ovlab::winapi put ovlab/.
    target_compile_options(${target} PRIVATE
        "$<$<COMPILE_LANGUAGE:CXX>:-include>" "$<$<COMPILE_LANGUAGE:CXX>:ovlab/lesson_prelude.h>")
endfunction()
