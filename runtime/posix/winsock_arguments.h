// How Winsock calls show their arguments in the trace ("s=listener (0x8)",
// "name=&addr (127.0.0.1:5000)", "af=AF_INET"). Only called while tracing.
#pragma once

#include <windows.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ovlab::posix {

std::string socket_argument(std::string_view parameter, size_t index, UINT_PTR socket);
// The address a program passes (Windows layout), decoded: "name=&addr (127.0.0.1:5000)".
std::string address_argument(std::string_view parameter, size_t index, const void* address, int length);
std::string family_name(int family);
std::string socket_type_name(int type);
std::string protocol_name(int protocol);
std::string message_flags(DWORD flags);
std::string option_name(int level, int name);
// "lpBuffers=bufs (2 buffers, 10 bytes)".
std::string buffers_argument(size_t index, DWORD count, uint64_t total);

}  // namespace ovlab::posix
