// Where in the lesson source each thread is. The lesson prelude's macros call note_callsite()
// just before each Win32 call, so the runtime can stamp the call's events with the line and
// name the objects after the expressions the lesson passed (`&ro`, `hSrc`).
#pragma once

#include <string>
#include <string_view>

namespace ovlab {

void note_callsite(unsigned line, const char* argument_text);

// The same for a program of one's own (ovlab_add_lab_program), which may have several source files:
// `file` is the call's __FILE__. The first call from a file records a SourceFile event naming it.
void note_callsite_in(const char* file, unsigned line, const char* argument_text);
void line_reached_in(const char* file, unsigned line);

// Numbers `file` (a __FILE__) and records its SourceFile event once a run records. Each source file
// of a lab program calls it while the program starts, so a run names all its files before its first
// step; it is also what connects the program to the lab (ovlab/program_link.h) when the lab runs it.
unsigned register_source_file(const char* file);

// LAB_STEP() in a lesson: the thread has reached `line`, a tagged line that makes no traced call
// (a branch taken, a completion routine starting, a result being read). Records a LineReached
// checkpoint there, so the step shows that line's narration. Outside a session it does nothing.
void line_reached(unsigned line);

// Source text of argument `index` (0-based) of the call being made on this thread, trimmed;
// empty when unknown. `&ro` is returned as `&ro`; callers strip the `&` if they want a name.
std::string callsite_argument(size_t index);

// The name the trace gives the object passed as argument `index` of the current call, taken from
// the lesson's expression for it (`&ro` -> `ro`), or "" when it has none. Handles take plain
// identifiers only (their values are never reused, so one name is enough). An OVERLAPPED is known
// only by its address, which a later OVERLAPPED may reuse or not depending on the build, so any
// short expression names it (`request->ov`, `ov[i]`) and labels stay the same in every build.
std::string callsite_object_name(size_t index, bool is_overlapped);

// printf for lesson programs: goes to the trace (Console panel, headless transcript).
#if defined(__GNUC__)
int console_printf(const char* format, ...) __attribute__((format(printf, 1, 2)));
#else
int console_printf(const char* format, ...);
#endif

}  // namespace ovlab
