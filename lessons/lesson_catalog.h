// Every lesson folder defines one function here, in <id>/lesson.cpp; registry.cpp lists them.
#pragma once

#include "ovlab/lesson_registry.h"

namespace ovlab::lessons {

LessonInfo event_file_copy();

}  // namespace ovlab::lessons
