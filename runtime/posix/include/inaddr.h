// IN_ADDR, as the SDK's <inaddr.h> declares it: the S_un union and the s_addr family of macros.
#pragma once
#pragma GCC system_header

#include "windows.h"

typedef struct in_addr {
    union {
        struct {
            UCHAR s_b1, s_b2, s_b3, s_b4;
        } S_un_b;
        struct {
            USHORT s_w1, s_w2;
        } S_un_w;
        ULONG S_addr;
    } S_un;
#define s_addr S_un.S_addr       // can be used for most TCP and IP code
#define s_host S_un.S_un_b.s_b2  // host on imp
#define s_net S_un.S_un_b.s_b1   // network
#define s_imp S_un.S_un_w.s_w2   // imp
#define s_impno S_un.S_un_b.s_b4 // imp number
#define s_lh S_un.S_un_b.s_b3    // logical host
} IN_ADDR, *PIN_ADDR, *LPIN_ADDR;

#ifdef __cplusplus
static_assert(sizeof(IN_ADDR) == 4, "IN_ADDR is 4 bytes");
#endif
