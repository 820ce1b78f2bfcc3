#include <algorithm>

#include "lesson_catalog.h"
#include "ovlab/lesson_registry.h"

namespace ovlab {

const std::vector<LessonInfo>& all_lessons()
{
    // In teaching order: the lesson list shows them like this. Ids are a contract (docs/design.md §2).
    static const std::vector<LessonInfo> lessons = {
        lessons::blocking_vs_overlapped(),
        lessons::event_file_copy(),
        lessons::event_sockets(),
        lessons::completion_routine(),
        lessons::wait_on_another_thread(),
        lessons::iocp_file_reads(),
        lessons::iocp_echo_server(),
        lessons::pitfalls(),
    };
    return lessons;
}

const LessonInfo* find_lesson(std::string_view id)
{
    const std::vector<LessonInfo>& lessons = all_lessons();
    auto it = std::find_if(lessons.begin(), lessons.end(), [id](const LessonInfo& lesson) { return lesson.id == id; });
    return it == lessons.end() ? nullptr : &*it;
}

}  // namespace ovlab
