# Cross build for 64-bit Windows with Debian's mingw-w64 (g++-mingw-w64-x86-64-posix).
# The -posix compilers provide std::thread (winpthreads); -static keeps the runtime libraries
# (libstdc++, libgcc, winpthreads) inside the exe, so overlapped-lab.exe runs alone.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(OVLAB_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${OVLAB_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${OVLAB_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${OVLAB_MINGW_TRIPLE}-windres)

# Libraries and headers come from the mingw sysroot only, never from the Linux host.
set(CMAKE_FIND_ROOT_PATH /usr/${OVLAB_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config would answer with the host's Linux packages (imgui, md4c, liburing): give it none.
set(ENV{PKG_CONFIG_LIBDIR} "${CMAKE_CURRENT_LIST_DIR}/no-pkg-config-for-windows")
set(ENV{PKG_CONFIG_PATH} "")

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
