// docs/windows-rules.md section 13: TransmitFile sends a file's bytes, between an optional head
// and tail, on a connected TCP socket. With no OVERLAPPED it starts at the file pointer and
// returns when it is done; with one it starts at the OVERLAPPED's offset, pends, and completes
// like any send (event, completion port) with the bytes of head, file part and tail. 0 bytes to
// write means the whole file; no file sends only the head and tail. A socket that is not
// connected (UDP included) fails with WSAENOTCONN.
#include "conformance_sockets.h"

static const DWORD kFileSize = 100;  // 'a', 'b', ... 'z', 'a', ... (write_sample)

static LPFN_TRANSMITFILE transmit_file_of(SOCKET s)
{
    GUID id = WSAID_TRANSMITFILE;
    LPFN_TRANSMITFILE function = NULL;
    DWORD bytes = 0;
    WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &function, sizeof function, &bytes, NULL, NULL);
    return function;
}

// Receives exactly `size` bytes on `s` and prints them.
static void show_received(SOCKET s, int size)
{
    char data[kFileSize + 64];
    memset(data, 0, sizeof data);
    if (!wait_readable(s, (u_long)size)) {
        printf("the receiver did not get %d bytes\n", size);
        return;
    }
    int got = recv(s, data, size, 0);
    printf("the receiver gets %d bytes \"%s\"\n", got, data);
}

static void refusals(LPFN_TRANSMITFILE transmit, HANDLE file)
{
    BOOL ok = transmit(INVALID_SOCKET, file, 0, 0, NULL, NULL, 0);
    show_bool("TransmitFile on INVALID_SOCKET", ok, WSAGetLastError());
    SOCKET unconnected = overlapped_socket();
    ok = transmit(unconnected, NULL, 0, 0, NULL, NULL, 0);
    show_bool("TransmitFile on a socket not connected", ok, WSAGetLastError());
    closesocket(unconnected);
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ok = transmit(udp, NULL, 0, 0, NULL, NULL, 0);
    show_bool("TransmitFile on a UDP socket", ok, WSAGetLastError());
    closesocket(udp);
}

static void without_overlapped(LPFN_TRANSMITFILE transmit, HANDLE file, SOCKET client, SOCKET server)
{
    BOOL ok = transmit(client, NULL, 0, 0, NULL, NULL, 0);
    show_bool("TransmitFile with no file and no buffers", ok, WSAGetLastError());
    char head[] = "HEAD:", tail[] = ":TAIL";
    TRANSMIT_FILE_BUFFERS around = {head, 5, tail, 5};
    ok = transmit(client, NULL, 0, 0, NULL, &around, 0);
    show_bool("TransmitFile of a head and a tail only", ok, WSAGetLastError());
    show_received(server, 10);
    LARGE_INTEGER position;
    position.QuadPart = 90;
    SetFilePointerEx(file, position, NULL, FILE_BEGIN);
    ok = transmit(client, file, 0, 0, NULL, NULL, 0);
    show_bool("TransmitFile of the whole file, file pointer at 90", ok, WSAGetLastError());
    show_received(server, 10);
}

static void with_event(LPFN_TRANSMITFILE transmit, HANDLE file, SOCKET client, SOCKET server)
{
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    BOOL ok = transmit(client, file, 0, 0, &ov, NULL, 0);
    show_bool("overlapped TransmitFile of the whole file", ok, WSAGetLastError());
    printf("the event: 0x%lX\n", (unsigned long)WaitForSingleObject(ov.hEvent, 5000));
    wsa_finish("WSAGetOverlappedResult", client, &ov, FALSE);
    show_received(server, kFileSize);
    WSACloseEvent(ov.hEvent);

    char head[] = "<<", tail[] = ">>";
    TRANSMIT_FILE_BUFFERS around = {head, 2, tail, 2};
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    ov.Offset = 10;
    ok = transmit(client, file, 20, 0, &ov, &around, 0);
    show_bool("overlapped TransmitFile of 20 bytes from offset 10, head and tail", ok, WSAGetLastError());
    finish("GetOverlappedResult", (HANDLE)client, (OVERLAPPED*)&ov);
    show_fields("fields", (OVERLAPPED*)&ov);
    show_received(server, 24);
    WSACloseEvent(ov.hEvent);
}

static void with_port(LPFN_TRANSMITFILE transmit, HANDLE file)
{
    SOCKET client = INVALID_SOCKET, server = INVALID_SOCKET;
    if (!connect_pair(&client, &server)) {
        return;
    }
    HANDLE port = CreateIoCompletionPort((HANDLE)client, NULL, 42, 0);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 95;
    BOOL ok = transmit(client, file, 0, 0, &ov, NULL, 0);
    show_bool("overlapped TransmitFile from offset 95 on a port", ok, WSAGetLastError());
    DWORD bytes = 0xDEAD;
    ULONG_PTR key = 0;
    LPOVERLAPPED done = NULL;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000);
    printf("GetQueuedCompletionStatus: %s bytes %lu key %lu, its OVERLAPPED: %s\n", ok ? "TRUE" : "FALSE",
           (unsigned long)bytes, (unsigned long)key, done == (LPOVERLAPPED)&ov ? "yes" : "no");
    show_received(server, 5);
    closesocket(client);
    closesocket(server);
    CloseHandle(port);
}

int main()
{
    WSADATA data;
    printf("WSAStartup: %d\n", WSAStartup(MAKEWORD(2, 2), &data));
    char path[MAX_PATH];
    temp_file_path(path, sizeof path, "transmit_file");
    if (!write_sample(path, kFileSize)) {
        return 1;
    }
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    SOCKET client = INVALID_SOCKET, server = INVALID_SOCKET;
    if (file == INVALID_HANDLE_VALUE || !connect_pair(&client, &server)) {
        return 1;
    }
    LPFN_TRANSMITFILE transmit = transmit_file_of(client);
    printf("TransmitFile through WSAIoctl: %s\n", transmit ? "found" : "missing");
    if (!transmit) {
        return 1;
    }
    refusals(transmit, file);
    without_overlapped(transmit, file, client, server);
    with_event(transmit, file, client, server);
    with_port(transmit, file);
    closesocket(client);
    closesocket(server);
    CloseHandle(file);
    DeleteFileA(path);
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
