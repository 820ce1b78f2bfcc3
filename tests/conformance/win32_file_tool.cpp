// A file program in the style of the Win32 samples, which must compile unchanged: _tmain, TCHAR
// and _T(), GetFileAttributes with INVALID_FILE_ATTRIBUTES, an overlapped write and read back,
// timed with QueryPerformanceCounter and GetTickCount64. It prints only what every run prints
// (never the times themselves).
#include <windows.h>
#include <tchar.h>
#include <stdio.h>

static BOOL WaitFor(HANDLE file, OVERLAPPED* ov, DWORD* bytes)
{
    return GetOverlappedResult(file, ov, bytes, TRUE);
}

static void ShowAttributes(LPCTSTR label, LPCTSTR path)
{
    DWORD attributes = GetFileAttributes(path);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        _tprintf(_T("%s: INVALID_FILE_ATTRIBUTES, error %lu\n"), label, (unsigned long)GetLastError());
    } else if (attributes & FILE_ATTRIBUTE_DIRECTORY) {
        _tprintf(_T("%s: a directory\n"), label);
    } else {
        _tprintf(_T("%s: a file, attributes 0x%lX\n"), label, (unsigned long)attributes);
    }
}

int _tmain(int argc, TCHAR* argv[])
{
    TCHAR folder[MAX_PATH];
    TCHAR path[MAX_PATH + 32];
    const TCHAR message[] = _T("Hello from an overlapped write");
    char buffer[64], readBack[64];
    LARGE_INTEGER frequency, start, end;
    ULONGLONG ticksStart;
    DWORD bytes = 0;
    OVERLAPPED ov;

    (void)argc;
    (void)argv;
    if (GetTempPath(_countof(folder), folder) == 0) {
        _tprintf(_T("GetTempPath failed: %lu\n"), (unsigned long)GetLastError());
        return 1;
    }
    _stprintf(path, _T("%sovlab-file-tool-%lu.txt"), folder, (unsigned long)GetCurrentProcessId());
    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&start);
    ticksStart = GetTickCount64();

    ShowAttributes(_T("before CreateFile"), path);
    HANDLE file = CreateFile(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                             FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        _tprintf(_T("CreateFile failed: %lu\n"), (unsigned long)GetLastError());
        return 1;
    }
    ZeroMemory(buffer, sizeof(buffer));
    CopyMemory(buffer, message, _tcslen(message) * sizeof(TCHAR));
    ZeroMemory(&ov, sizeof(ov));
    ov.hEvent = CreateEvent(NULL, TRUE, FALSE, NULL);
    if (!WriteFile(file, buffer, (DWORD)_tcslen(message), NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {
        _tprintf(_T("WriteFile failed: %lu\n"), (unsigned long)GetLastError());
        return 1;
    }
    BOOL done = WaitFor(file, &ov, &bytes);
    _tprintf(_T("written: %s, %lu bytes\n"), done ? _T("yes") : _T("no"), (unsigned long)bytes);

    ZeroMemory(readBack, sizeof(readBack));
    ov.Offset = 0;
    if (!ReadFile(file, readBack, sizeof(readBack) - 1, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {
        _tprintf(_T("ReadFile failed: %lu\n"), (unsigned long)GetLastError());
        return 1;
    }
    done = WaitFor(file, &ov, &bytes);
    _tprintf(_T("read: %s, %lu bytes \"%s\"\n"), done ? _T("yes") : _T("no"), (unsigned long)bytes, readBack);
    CloseHandle(ov.hEvent);
    CloseHandle(file);

    ShowAttributes(_T("after CreateFile"), path);
    ShowAttributes(_T("the temporary folder"), folder);
    _tprintf(_T("DeleteFile: %s\n"), DeleteFile(path) ? _T("TRUE") : _T("FALSE"));
    ShowAttributes(_T("after DeleteFile"), path);

    QueryPerformanceCounter(&end);
    _tprintf(_T("performance counter: frequency %s, moved forward %s\n"), frequency.QuadPart > 0 ? _T("set") : _T("zero"),
             end.QuadPart >= start.QuadPart ? _T("yes") : _T("no"));
    _tprintf(_T("tick count moved forward: %s\n"), GetTickCount64() >= ticksStart ? _T("yes") : _T("no"));
    return 0;
}
