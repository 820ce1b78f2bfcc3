// How a traced Win32 call prints its arguments: one text for both layers (posix/ on Linux, win32/
// on Windows), so transcripts compare line by line across them. Only called while tracing.
#pragma once

#include <winsock2.h>  // before <windows.h>, which would pull in the old winsock.h
#include <windows.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ovlab {

// "hFile=hSrc (0x8)"; also names the handle after the lesson's identifier for it.
std::string handle_argument(std::string_view parameter, size_t index, HANDLE handle);
// "lpOverlapped=&ro" / "lpOverlapped=NULL"; also names the OVERLAPPED after the identifier.
std::string overlapped_argument(std::string_view parameter, size_t index, const OVERLAPPED* overlapped);
// "lpNumberOfBytesRead=&got" / "lpNumberOfBytesRead=NULL" / "lpNumberOfBytesRead".
std::string pointer_argument(std::string_view parameter, size_t index, const void* pointer);
// "lpFileName=\"source.bin\"": paths inside the session's working folder are shown relative to it,
// so transcripts do not depend on the temporary folder's name.
std::string path_argument(std::string_view parameter, const char* path);
std::string bool_argument(std::string_view parameter, BOOL value);
std::string timeout_argument(std::string_view parameter, DWORD milliseconds);
std::string error_text(DWORD error);  // "997 ERROR_IO_PENDING"
// Every argument of CreateFileA/W, access, share mode, disposition and flags by name.
std::string create_file_arguments(const char* path, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES security,
                                  DWORD disposition, DWORD flags, HANDLE template_file);

// Records ObjectNamed the first time an object is passed as a plain identifier (`hSrc`, `&ro`).
// Each layer implements it: it remembers the names its session has seen.
void name_argument(size_t index, uint64_t object, bool is_overlapped);

}  // namespace ovlab
