# `cmake --install` puts the app in bin/ and its data in share/overlapped-lab/, where the installed
# binary looks for them (lessons_root() in lessons/), so it runs from any directory.
install(DIRECTORY assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/overlapped-lab/assets)

# The find_package contract (docs/design.md §4): after `cmake --install`, a Win32 program builds with
#   find_package(OverlappedLab CONFIG REQUIRED)
#   target_link_libraries(prog PRIVATE ovlab::winapi)
# ovlab::winapi brings our <windows.h> & co (include/overlapped-lab/win32) and the runtime
# libraries. Only for the portable runtime: on Windows a program links kernel32/ws2_32 directly.
if(NOT WIN32)
    include(CMakePackageConfigHelpers)
    set(_ovlab_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/OverlappedLab)

    set_target_properties(ovlab_trace PROPERTIES EXPORT_NAME trace)
    set_target_properties(ovlab_runtime PROPERTIES EXPORT_NAME runtime)
    set_target_properties(ovlab_winapi PROPERTIES EXPORT_NAME winapi)
    set_target_properties(ovlab_uring PROPERTIES EXPORT_NAME uring)
    install(TARGETS ovlab_trace ovlab_runtime ovlab_winapi ovlab_uring EXPORT OverlappedLabTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    install(EXPORT OverlappedLabTargets NAMESPACE ovlab:: DESTINATION ${_ovlab_cmake_dir})

    # The runtime's public headers (trace model, sessions) and the Win32 headers programs include.
    install(DIRECTORY runtime/include/ovlab DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/overlapped-lab
        FILES_MATCHING PATTERN "*.h")
    install(DIRECTORY runtime/posix/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/overlapped-lab/win32
        FILES_MATCHING PATTERN "*.h")

    if(TARGET PkgConfig::URING)
        set(OVLAB_CONFIG_USES_URING ON)
    else()
        set(OVLAB_CONFIG_USES_URING OFF)
    endif()
    configure_package_config_file(cmake/OverlappedLabConfig.cmake.in
        ${CMAKE_CURRENT_BINARY_DIR}/OverlappedLabConfig.cmake INSTALL_DESTINATION ${_ovlab_cmake_dir})
    write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/OverlappedLabConfigVersion.cmake
        COMPATIBILITY SameMinorVersion)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/OverlappedLabConfig.cmake
        ${CMAKE_CURRENT_BINARY_DIR}/OverlappedLabConfigVersion.cmake
        cmake/OverlappedLabProgram.cmake DESTINATION ${_ovlab_cmake_dir})
endif()
