// The threads lessons started through CreateThread, so a reset or the lesson's end can wait for them.
#pragma once

#include <winsock2.h>
#include <windows.h>

namespace ovlab::win32 {

// Keeps a duplicate of `thread` (the lesson may close its own handle at once).
void remember_lesson_thread(HANDLE thread);

}  // namespace ovlab::win32
