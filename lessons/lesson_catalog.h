// Every lesson folder defines one function here, in <id>/lesson.cpp; registry.cpp lists them.
#pragma once

#include "ovlab/lesson_registry.h"

namespace ovlab::lessons {

LessonInfo blocking_vs_overlapped();
LessonInfo event_file_copy();
LessonInfo event_sockets();
LessonInfo completion_routine();
LessonInfo wait_on_another_thread();
LessonInfo iocp_file_reads();
LessonInfo iocp_echo_server();
LessonInfo pitfalls();

}  // namespace ovlab::lessons
