// The <winbase.h> functions the lab implements beyond windows.h (windows.h includes this file).
#pragma once
#pragma GCC system_header

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

// Flags FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and FILE_SKIP_SET_EVENT_ON_HANDLE (windows.h); once
// set on a handle they cannot be cleared.
BOOL WINAPI SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags);

#ifdef __cplusplus
}
#endif
