// The source files of a lab program (several, unlike a lesson): each gets a number, the events of
// its calls carry it (trace::Event::file) and one SourceFile event names it in the trace.
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ovlab/callsite.h"
#include "ovlab/program_link.h"
#include "ovlab/session.h"

namespace ovlab {
namespace {

struct SourceFiles {
    std::mutex mutex;
    std::vector<std::string> paths;  // file number - 1
    size_t recorded = 0;             // how many have their SourceFile event in the trace
};

SourceFiles& source_files() {
    static SourceFiles files;
    return files;
}

std::string_view file_name(std::string_view path) {
    const size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The files numbered before the run started are recorded as soon as it records.
void record_pending(SourceFiles& files) {
    if (!Session::current()) return;
    for (; files.recorded < files.paths.size(); ++files.recorded) {
        const std::string& path = files.paths[files.recorded];
        record({trace::EventKind::SourceFile, files.recorded + 1, 0, 0, 0, file_name(path), path});
    }
}

// The calling thread asks again and again for the file it is in: a pointer comparison answers.
thread_local const char* t_last_file = nullptr;
thread_local unsigned t_last_number = 0;

}  // namespace

unsigned register_source_file(const char* file) {
    if (file == t_last_file) return t_last_number;
#ifndef _WIN32  // the lab runs a program in its own process only off Windows so far
    link::attach_to_lab_if_asked();
#endif
    SourceFiles& files = source_files();
    std::lock_guard lock(files.mutex);
    unsigned number = 0;
    for (size_t i = 0; i < files.paths.size() && !number; ++i)
        if (files.paths[i] == file) number = static_cast<unsigned>(i + 1);
    if (!number) {
        files.paths.emplace_back(file);
        number = static_cast<unsigned>(files.paths.size());
    }
    record_pending(files);
    t_last_file = file;
    t_last_number = number;
    return number;
}

}  // namespace ovlab
