// The Microsoft CRT's generic-text mappings, as <tchar.h> declares them, for the ANSI build only
// (the runtime's wide strings are 32-bit here, so a _UNICODE program would not print as on Windows).
#pragma once
#pragma GCC system_header

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _UNICODE
#error "the portable runtime's <tchar.h> maps to the ANSI functions only: build without _UNICODE"
#endif

typedef char _TCHAR;
typedef char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;

#define _T(x) x
#define _TEXT(x) x
#define __T(x) x

#define _tmain main
#define _tprintf printf
#define _ftprintf fprintf
#define _stprintf sprintf
#define _tcslen strlen
#define _tcscpy strcpy
#define _tcsncpy strncpy
#define _tcscat strcat
#define _tcscmp strcmp
#define _tcsncmp strncmp
#define _tcschr strchr
#define _tcsrchr strrchr
#define _tcsstr strstr
#define _ttoi atoi
#define _tstoi atoi
#define _tcstol strtol
#define _tcstoul strtoul
#define _tfopen fopen
#define _fgetts fgets
#define _fputts fputs
