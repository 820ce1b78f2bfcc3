// docs/windows-rules.md section 13: getaddrinfo and GetAddrInfoW fill a list of ADDRINFO entries in
// Windows layout (Windows family numbers, ai_canonname before ai_addr) that freeaddrinfo releases;
// failures are returned as Winsock errors (the EAI_ names) and set as the last error too. The
// entries are what socket(), bind() and connect() take. "localhost" gives the loopback addresses.
#include <winsock2.h>
#include <ws2tcpip.h>

#include "conformance.h"

static void show_entries(const char* label, const ADDRINFOA* list)
{
    int count = 0;
    for (const ADDRINFOA* entry = list; entry; entry = entry->ai_next) {
        char text[64] = "";
        unsigned short port = 0;
        if (entry->ai_family == AF_INET) {
            const struct sockaddr_in* address = (const struct sockaddr_in*)entry->ai_addr;
            inet_ntop(AF_INET, &address->sin_addr, text, sizeof text);
            port = ntohs(address->sin_port);
        } else if (entry->ai_family == AF_INET6) {
            const struct sockaddr_in6* address = (const struct sockaddr_in6*)entry->ai_addr;
            inet_ntop(AF_INET6, &address->sin6_addr, text, sizeof text);
            port = ntohs(address->sin6_port);
        }
        printf("%s: family %d socktype %d protocol %d addrlen %u address %s port %u\n", label, entry->ai_family,
               entry->ai_socktype, entry->ai_protocol, (unsigned)entry->ai_addrlen, text, port);
        ++count;
    }
    printf("%s: %d entries\n", label, count);
}

static void lookup_type(const char* label, const char* node, const char* service, int flags, int family,
                        int socket_type, int protocol)
{
    ADDRINFOA hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = flags;
    hints.ai_family = family;
    hints.ai_socktype = socket_type;
    hints.ai_protocol = protocol;
    ADDRINFOA* list = NULL;
    WSASetLastError(12345);
    int result = getaddrinfo(node, service, &hints, &list);
    printf("%s: getaddrinfo %d, last error %d, list %s\n", label, result, WSAGetLastError(), list ? "set" : "NULL");
    if (result == 0) {
        show_entries(label, list);
        freeaddrinfo(list);
    }
}

static void lookup(const char* label, const char* node, const char* service, int flags, int family)
{
    lookup_type(label, node, service, flags, family, SOCK_STREAM, IPPROTO_TCP);
}

// One line per lookup: the result and every address, so that a different number of entries under
// Wine stays on the line marked `mark`.
static void lookup_in_one_line(const char* mark, const char* label, const char* node, int family)
{
    ADDRINFOA hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    ADDRINFOA* list = NULL;
    int result = getaddrinfo(node, "80", &hints, &list);
    printf("%s%s: getaddrinfo %d, addresses", mark, label, result);
    for (const ADDRINFOA* entry = list; entry; entry = entry->ai_next) {
        char text[64] = "?";
        const void* address = entry->ai_family == AF_INET6
                                  ? (const void*)&((const struct sockaddr_in6*)entry->ai_addr)->sin6_addr
                                  : (const void*)&((const struct sockaddr_in*)entry->ai_addr)->sin_addr;
        inet_ntop(entry->ai_family, address, text, sizeof text);
        printf(" %s", text);
    }
    printf("\n");
    if (result == 0) {
        freeaddrinfo(list);
    }
}

// "localhost" names every loopback address of the families asked for, whatever the hosts file
// says. Wine 8.0 asks the Linux resolver, which knows only what /etc/hosts lists.
static void localhost(void)
{
    lookup("localhost, IPv4", "localhost", "80", 0, AF_INET);
    lookup("localhost, numeric host only", "localhost", "80", AI_NUMERICHOST, AF_INET);
    lookup_in_one_line("[!W] ", "localhost, IPv6", "localhost", AF_INET6);
    lookup_in_one_line("[!W] ", "localhost, either family", "localhost", AF_UNSPEC);
}

static void failures(void)
{
    lookup("not an address, numeric host only", "not-an-address", "80", AI_NUMERICHOST, AF_INET);
    lookup("an unknown service name", "127.0.0.1", "no-such-service-name", AI_NUMERICHOST, AF_INET);
    ADDRINFOA hints, other;
    memset(&hints, 0, sizeof hints);
    memset(&other, 0, sizeof other);
    hints.ai_next = &other;
    ADDRINFOA* list = NULL;
    int result = getaddrinfo("127.0.0.1", "80", &hints, &list);
    // The documentation: WSANO_RECOVERY (EAI_FAIL). Wine 8.0 ignores the other members.
    printf("[!W] hints with ai_next set: %d, last error %d\n", result, WSAGetLastError());
    if (result == 0) {
        freeaddrinfo(list);
    }
}

// The passive answer is bound and listened on, the other one connected to it.
static void use_the_entries(void)
{
    ADDRINFOA hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_PASSIVE;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    ADDRINFOA* passive = NULL;
    getaddrinfo(NULL, "0", &hints, &passive);
    SOCKET listener = socket(passive->ai_family, passive->ai_socktype, passive->ai_protocol);
    printf("bind to the passive entry: %d\n", bind(listener, passive->ai_addr, (int)passive->ai_addrlen));
    printf("listen: %d\n", listen(listener, SOMAXCONN));
    freeaddrinfo(passive);
    struct sockaddr_in bound;
    int length = sizeof bound;
    getsockname(listener, (struct sockaddr*)&bound, &length);
    char port[16];
    snprintf(port, sizeof port, "%u", ntohs(bound.sin_port));
    hints.ai_flags = 0;
    ADDRINFOA* target = NULL;
    getaddrinfo("127.0.0.1", port, &hints, &target);
    SOCKET client = socket(target->ai_family, target->ai_socktype, target->ai_protocol);
    printf("connect to the entry: %d\n", connect(client, target->ai_addr, (int)target->ai_addrlen));
    freeaddrinfo(target);
    closesocket(client);
    closesocket(listener);
}

static void wide(void)
{
    ADDRINFOW hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET6;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST;
    ADDRINFOW* list = NULL;
    int result = GetAddrInfoW(L"::1", L"8080", &hints, &list);
    printf("GetAddrInfoW ::1: %d, family %d addrlen %u next %s\n", result, list ? list->ai_family : -1,
           list ? (unsigned)list->ai_addrlen : 0u, list && list->ai_next ? "set" : "NULL");
    if (list) {
        const struct sockaddr_in6* address = (const struct sockaddr_in6*)list->ai_addr;
        printf("GetAddrInfoW ::1: port %u, last byte %u\n", ntohs(address->sin6_port), address->sin6_addr.s6_addr[15]);
        FreeAddrInfoW(list);
    }
}

int main()
{
    ADDRINFOA* list = NULL;
    int result = getaddrinfo("127.0.0.1", "80", NULL, &list);
    // Windows fails with WSANOTINITIALISED; Wine 8.0 resolves anyway.
    printf("[!W] getaddrinfo before WSAStartup: %d, last error %d\n", result, WSAGetLastError());
    WSADATA data;
    printf("WSAStartup: %d\n", WSAStartup(MAKEWORD(2, 2), &data));
    printf("sizeof(ADDRINFOA) %u\n", (unsigned)sizeof(ADDRINFOA));
    lookup("numeric IPv4", "127.0.0.1", "80", AI_NUMERICHOST, AF_INET);
    lookup("numeric IPv6", "::1", "8080", AI_NUMERICHOST, AF_INET6);
    lookup("no node, passive", NULL, "5000", AI_PASSIVE, AF_INET);
    lookup("no node, not passive", NULL, "5000", 0, AF_INET);
    lookup("no node, passive, IPv6", NULL, "5000", AI_PASSIVE, AF_INET6);
    lookup_type("datagram", "127.0.0.1", "53", AI_NUMERICHOST, AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    lookup_type("no socket type", "127.0.0.1", "80", AI_NUMERICHOST, AF_INET, 0, 0);
    localhost();
    failures();
    use_the_entries();
    wide();
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
