// The raw servers' shared start: a listening socket on 127.0.0.1 at a free port, announced on
// standard output as "port N" (echo-compare reads it).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstdlib>

namespace bench {

inline int listen_on_loopback() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd, SOMAXCONN) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        std::perror("cannot listen on 127.0.0.1");
        std::exit(1);
    }
    std::printf("port %u\n", ntohs(address.sin_port));
    std::fflush(stdout);
    return fd;
}

}  // namespace bench
