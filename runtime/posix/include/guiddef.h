// GUID, as the SDK's <guiddef.h> declares it (WSAIoctl names Winsock extension functions by GUID).
#pragma once
#pragma GCC system_header

#include "windows.h"

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    unsigned int Data1;  // `unsigned long` in the SDK: 32 bits there, so `unsigned int` here
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID;
#endif

typedef GUID* LPGUID;
typedef const GUID* LPCGUID;

#ifdef __cplusplus
static_assert(sizeof(GUID) == 16, "GUID is 16 bytes");
inline bool IsEqualGUID(const GUID& a, const GUID& b) { return memcmp(&a, &b, sizeof(GUID)) == 0; }
inline bool operator==(const GUID& a, const GUID& b) { return IsEqualGUID(a, b); }
inline bool operator!=(const GUID& a, const GUID& b) { return !IsEqualGUID(a, b); }
#else
#define IsEqualGUID(a, b) (!memcmp((a), (b), sizeof(GUID)))
#endif
