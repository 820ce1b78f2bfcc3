// GetSystemInfo, GetTickCount, GetTickCount64, QueryPerformanceCounter/Frequency.
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <thread>

#include <windows.h>

namespace {

// Milliseconds since boot, including time suspended, like the Windows tick count.
ULONGLONG milliseconds_since_boot() {
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return static_cast<ULONGLONG>(now.tv_sec) * 1000u + static_cast<ULONGLONG>(now.tv_nsec) / 1000000u;
}

// The performance counter ticks in 100 ns units, the frequency Windows 10 and later report.
constexpr LONGLONG kPerformanceFrequency = 10'000'000;

LONGLONG performance_count() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<LONGLONG>(now.tv_sec) * kPerformanceFrequency + now.tv_nsec / 100;
}

}  // namespace

extern "C" VOID WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo) {
    if (!lpSystemInfo) return;
    const DWORD processors = std::max(1u, std::thread::hardware_concurrency());
    *lpSystemInfo = {};
    lpSystemInfo->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
    lpSystemInfo->dwPageSize = static_cast<DWORD>(::sysconf(_SC_PAGESIZE));
    // The x64 Windows user address range and its 64 KiB allocation granularity: values of the
    // platform the program is written for, which a Win32 program may align to.
    lpSystemInfo->lpMinimumApplicationAddress = reinterpret_cast<LPVOID>(0x10000);
    lpSystemInfo->lpMaximumApplicationAddress = reinterpret_cast<LPVOID>(0x7FFFFFFEFFFF);
    lpSystemInfo->dwActiveProcessorMask = processors >= 64 ? ~DWORD_PTR{0} : (DWORD_PTR{1} << processors) - 1;
    lpSystemInfo->dwNumberOfProcessors = processors;
    lpSystemInfo->dwProcessorType = PROCESSOR_AMD_X8664;
    lpSystemInfo->dwAllocationGranularity = 0x10000;
}

extern "C" DWORD WINAPI GetTickCount(VOID) { return static_cast<DWORD>(milliseconds_since_boot()); }

extern "C" ULONGLONG WINAPI GetTickCount64(VOID) { return milliseconds_since_boot(); }

// Both succeed always since Windows XP; a NULL pointer is the program's crash there, a failure here.
extern "C" BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER* lpPerformanceCount) {
    if (!lpPerformanceCount) return FALSE;
    lpPerformanceCount->QuadPart = performance_count();
    return TRUE;
}

extern "C" BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER* lpFrequency) {
    if (!lpFrequency) return FALSE;
    lpFrequency->QuadPart = kPerformanceFrequency;
    return TRUE;
}
