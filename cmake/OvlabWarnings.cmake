# Every project target calls ovlab_warnings(); third-party code never does.
function(ovlab_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8)
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers)
        # GCC 12 at -O2 reports impossible memcpy overlaps inside libstdc++'s std::string
        # (GCC bug 105329); here it fires in the optimised mingw build.
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
            target_compile_options(${target} PRIVATE -Wno-restrict)
        endif()
    endif()
endfunction()
