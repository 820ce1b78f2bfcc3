// Reduces a headless transcript to what Windows and the portable runtime must agree on, so a run
// under Wine can be compared with a native run line by line.
//
//   normalise_transcript [--pool-port-workers] < transcript.txt > normalised.txt
//
// --pool-port-workers: which of several threads waiting in GetQueuedCompletionStatus gets a packet
// differs under Wine (it wakes waiters first-in first-out and ignores the concurrency value,
// docs/windows-rules.md section 16.2; Windows and our runtime wake the last one to wait). With this
// option the steps of every thread that called GetQueuedCompletionStatus are merged, sorted, into
// one "port workers" list, so only the work done, not who did it, is compared.
//
// What Windows may legitimately do differently, and what this tool therefore removes or merges:
//  - a file request that finishes at once (ReadFile = TRUE) or later (FALSE + 997): both become
//    "<started>"; where its completion shows up (a completion step on Linux, a line under the
//    call on Windows) is not compared, and neither are completion steps or step numbers;
//  - the detail lines that Windows only OBSERVES (OVERLAPPED fields, signalled states, thread
//    states): they appear when the lab looks, not when the kernel acts;
//  - handle values, which each system picks itself (and so whether a closed handle's value comes
//    back for the next handle, which decides whether a name is announced again: only the first
//    announcement of each name is kept);
//  - narration, which is printed the first time its step is reached;
//  - the order in which THREADS take turns: a completion that Windows delivers before the call
//    returns wakes a waiting thread earlier than on Linux, so each thread's steps are compared as
//    that thread's own sequence (sections "== steps of <name>", in order of first appearance). A
//    detail line does not say which thread recorded it (it follows whichever step came last), so
//    with several threads the details are compared as a sorted list;
//  - the number of an unnamed OVERLAPPED ("OVERLAPPED #2"), given when the trace first sees it: the
//    portable runtime sees it when it marks it pending, Windows only after the call returns;
//  - what a lesson prints about such an outcome: HasOverlappedIoCompleted right after a regular-file
//    ReadFile is TRUE under Wine (and often on Windows) and FALSE on Linux ("already complete" or
//    "still pending" in the lessons' words).
// Calls, their arguments and results, the requests they issue, handles created and closed, names
// and everything the lesson printed are kept: those must match.
#include <algorithm>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// Detail lines (six spaces) that are kept; every other detail line is an observation.
bool is_compared_detail(const std::string& detail) {
    static const std::regex kept(
        R"(^(console: |created |closed |handle .* is .* in the source|the OVERLAPPED is |thread \d+ started|.* exited with |lesson |(read|write) of \d+ bytes at (offset \d+|the file pointer) issued on ))");
    return std::regex_search(detail, kept);
}

std::string normalise_line(std::string line) {
    static const std::regex step_number(R"(^\[\d+\] )");
    static const std::regex started(R"(^((ReadFile|WriteFile|ReadFileEx|WriteFileEx) = )(TRUE|FALSE \(GetLastError 997 ERROR_IO_PENDING\))$)");
    static const std::regex named_handle(R"((=[^ ,()=]+ )\(0x[0-9A-F]+\))");
    static const std::regex returned_handle(R"(( = )0x[0-9A-F]+( |$))");
    static const std::regex created_handle(R"(^(created [a-z ]+) 0x[0-9A-F]+: (.*) \((not )?signalled\)$)");
    static const std::regex handle_named(R"(^handle 0x[0-9A-F]+ is )");
    static const std::regex bare_handle(R"(\b0x[0-9A-F]+\b)");
    line = std::regex_replace(line, step_number, "");
    line = std::regex_replace(line, named_handle, "$1(<handle>)");
    line = std::regex_replace(line, returned_handle, "$1<handle>$2");
    line = std::regex_replace(line, created_handle, "$1: $2");
    line = std::regex_replace(line, handle_named, "handle is ");
    // A call line ends "<thread>  line N  <- Api = result"; the result part is normalised alone.
    const size_t arrow = line.find("  <- ");
    if (arrow != std::string::npos) {
        std::string result = line.substr(arrow + 5);
        result = std::regex_replace(result, started, "$1<started>");
        line = line.substr(0, arrow + 5) + result;
    }
    if (starts_with(line, "closed ")) line = std::regex_replace(line, bare_handle, "<handle>");
    static const std::regex overlapped_number(R"(\bOVERLAPPED #\d+)");
    line = std::regex_replace(line, overlapped_number, "OVERLAPPED");
    static const std::regex either_way(R"(\b(already complete|still pending)\b)");
    if (starts_with(line, "console: ")) line = std::regex_replace(line, either_way, "<complete or pending>");
    return line;
}

// The thread a step header names: the text before its first two spaces ("main  line 50  -> ...").
std::string thread_of_header(const std::string& header) { return header.substr(0, header.find("  ")); }

// A call, a return, or a tagged line without a call that a thread reached (LAB_STEP).
bool is_step_header(const std::string& line) {
    return line.find("  -> ") != std::string::npos || line.find("  <- ") != std::string::npos ||
           line.ends_with("  reached");
}

}  // namespace

int main(int argc, char** argv) {
    const bool pool_port_workers = argc > 1 && std::string_view(argv[1]) == "--pool-port-workers";
    std::set<std::string> names_announced;
    std::vector<std::string> preamble, narration, thread_order;
    std::vector<std::string> in_order;                        // steps and details as printed
    std::vector<std::string> details;                         // details alone
    std::map<std::string, std::vector<std::string>> steps;    // thread -> its step headers
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();  // Windows console line ends
        if (line.empty() || starts_with(line, "    | ")) continue;              // narration of a step
        if (std::regex_search(line, std::regex(R"(^\[\d+\] completion )"))) continue;  // completion steps
        if (starts_with(line, "      ")) {
            const std::string detail = line.substr(6);
            if (!is_compared_detail(detail)) continue;
            const std::string normalised = "      " + normalise_line(detail);
            if (normalised.find(" in the source") != std::string::npos && !names_announced.insert(normalised).second)
                continue;
            if (thread_order.empty() || starts_with(detail, "lesson ")) {
                preamble.push_back(normalised);
            } else {
                in_order.push_back(normalised);
                details.push_back(normalised);
            }
            continue;
        }
        const std::string normalised = normalise_line(line);
        if (!is_step_header(normalised)) {  // the intro and closing narration
            narration.push_back(normalised);
            continue;
        }
        const std::string thread = thread_of_header(normalised);
        if (!steps.count(thread)) thread_order.push_back(thread);
        steps[thread].push_back(normalised);
        in_order.push_back(normalised);
    }
    for (const std::string& l : preamble) std::cout << l << '\n';
    if (thread_order.size() <= 1) {
        for (const std::string& l : in_order) std::cout << l << '\n';
    } else {
        std::vector<std::string> pooled;
        if (pool_port_workers) {
            std::vector<std::string> others;
            for (const std::string& thread : thread_order) {
                const bool worker = std::any_of(steps[thread].begin(), steps[thread].end(), [](const std::string& l) {
                    return l.find("-> GetQueuedCompletionStatus(") != std::string::npos;
                });
                if (!worker) {
                    others.push_back(thread);
                    continue;
                }
                for (const std::string& l : steps[thread]) pooled.push_back(l.substr(thread.size()));
            }
            thread_order = others;
            std::sort(pooled.begin(), pooled.end());
        }
        for (const std::string& thread : thread_order) {
            std::cout << "== steps of " << thread << '\n';
            for (const std::string& l : steps[thread]) std::cout << l << '\n';
        }
        if (!pooled.empty()) {
            std::cout << "== steps of the port workers, sorted\n";
            for (const std::string& l : pooled) std::cout << "<port worker>" << l << '\n';
        }
        std::sort(details.begin(), details.end());
        std::cout << "== details of all threads, sorted\n";
        for (const std::string& l : details) std::cout << l << '\n';
    }
    std::cout << "== narration\n";
    for (const std::string& l : narration) std::cout << l << '\n';
    return 0;
}
