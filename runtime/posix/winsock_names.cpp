// getaddrinfo, GetAddrInfoW, freeaddrinfo, FreeAddrInfoW (docs/windows-rules.md §13). The list is
// built in Windows layout (ADDRINFOA: ai_canonname before ai_addr, Windows family numbers); each
// entry is one allocation holding its address, and only the first carries the canonical name.
//
// Known divergences (docs/windows-rules.md §17): names other than "localhost" resolve through the C
// library (/etc/hosts, DNS), not through Windows' resolver; the Windows-only AI_ flags are refused
// with WSAEINVAL.
#include <winsock2.h>
#include <ws2tcpip.h>

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "api_call.h"
#include "last_error.h"
#include "socket.h"
#include "text_encoding.h"

namespace ovlab::posix {
namespace {

template <class Info>
struct WithAddress {
    Info info;
    SOCKADDR_STORAGE address;
};

template <class Info>
void free_list(Info* list) {
    while (list) {
        Info* next = list->ai_next;
        std::free(list->ai_canonname);
        std::free(list);
        list = next;
    }
}

char* copy_name(const std::string& name, char*) { return strdup(name.c_str()); }

wchar_t* copy_name(const std::string& name, wchar_t*) {
    const std::wstring wide = wide_from_utf8(name);
    auto* copy = static_cast<wchar_t*>(std::malloc((wide.size() + 1) * sizeof(wchar_t)));
    if (copy) std::wmemcpy(copy, wide.c_str(), wide.size() + 1);
    return copy;
}

// 0 and the list in *result, or a Winsock error (also the last error; *result then NULL).
template <class Info>
int get_addresses(const char* node, const char* service, const Info* hints, Info** result) {
    if (!result) return WSAEINVAL;
    *result = nullptr;
    if (!winsock_started()) return WSANOTINITIALISED;
    // The documentation: every other member of the hints must be 0 or NULL.
    if (hints && (hints->ai_addrlen || hints->ai_canonname || hints->ai_addr || hints->ai_next)) return WSANO_RECOVERY;
    net::Resolution found;
    const int error = net::resolve(node, service, hints ? hints->ai_flags : 0, hints ? hints->ai_family : 0,
                                   hints ? hints->ai_socktype : 0, hints ? hints->ai_protocol : 0, found);
    if (error != 0) return error;
    Info** link = result;
    for (const net::ResolvedAddress& answer : found.addresses) {
        auto* entry = static_cast<WithAddress<Info>*>(std::calloc(1, sizeof(WithAddress<Info>)));
        if (!entry) {
            free_list(*result);
            *result = nullptr;
            return WSA_NOT_ENOUGH_MEMORY;
        }
        entry->info.ai_family = net::windows_family(answer.address);
        entry->info.ai_socktype = answer.socket_type;
        entry->info.ai_protocol = answer.protocol;
        entry->info.ai_addrlen = static_cast<size_t>(net::windows_address_length(answer.address));
        entry->info.ai_addr = reinterpret_cast<sockaddr*>(&entry->address);
        net::write_windows_address(answer.address, &entry->address);
        *link = &entry->info;
        link = &entry->info.ai_next;
    }
    if (hints && (hints->ai_flags & AI_CANONNAME) && !found.canonical_name.empty())
        (*result)->ai_canonname = copy_name(found.canonical_name, (*result)->ai_canonname);
    return 0;
}

std::string text_argument(const char* name, const std::string* text) {
    return text ? fmt::format("{}=\"{}\"", name, *text) : fmt::format("{}=NULL", name);
}

template <class Info>
std::string hints_argument(const Info* hints) {
    if (!hints) return "pHints=NULL";
    return fmt::format("pHints={{ai_flags=0x{:X}, ai_family={}, ai_socktype={}, ai_protocol={}}}", hints->ai_flags,
                       hints->ai_family, hints->ai_socktype, hints->ai_protocol);
}

int finish(int error) {
    set_last_error(static_cast<DWORD>(error));  // 0 on success, as ws2_32 sets it
    return error;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" INT WSAAPI getaddrinfo(PCSTR pNodeName, PCSTR pServiceName, const ADDRINFOA* pHints, PADDRINFOA* ppResult) {
    const std::string node = pNodeName ? pNodeName : "", service = pServiceName ? pServiceName : "";
    ApiCall call("getaddrinfo", [&] {
        return fmt::format("{}, {}, {}, ppResult", text_argument("pNodeName", pNodeName ? &node : nullptr),
                           text_argument("pServiceName", pServiceName ? &service : nullptr), hints_argument(pHints));
    });
    const int error = finish(get_addresses(pNodeName, pServiceName, pHints, ppResult));
    return static_cast<INT>(call.returns_dword(static_cast<DWORD>(error), error != 0));
}

extern "C" INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName, const ADDRINFOW* pHints,
                                   PADDRINFOW* ppResult) {
    const std::string node = pNodeName ? utf8_from_wide(pNodeName) : "";
    const std::string service = pServiceName ? utf8_from_wide(pServiceName) : "";
    ApiCall call("GetAddrInfoW", [&] {
        return fmt::format("{}, {}, {}, ppResult", text_argument("pNodeName", pNodeName ? &node : nullptr),
                           text_argument("pServiceName", pServiceName ? &service : nullptr), hints_argument(pHints));
    });
    const int error = finish(get_addresses(pNodeName ? node.c_str() : nullptr,
                                           pServiceName ? service.c_str() : nullptr, pHints, ppResult));
    return static_cast<INT>(call.returns_dword(static_cast<DWORD>(error), error != 0));
}

extern "C" VOID WSAAPI freeaddrinfo(PADDRINFOA pAddrInfo) {
    ApiCall call("freeaddrinfo", [&] { return pointer_argument("pAddrInfo", 0, pAddrInfo); });
    free_list(pAddrInfo);
    call.returns_void();
}

extern "C" VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo) {
    ApiCall call("FreeAddrInfoW", [&] { return pointer_argument("pAddrInfo", 0, pAddrInfo); });
    free_list(pAddrInfo);
    call.returns_void();
}
