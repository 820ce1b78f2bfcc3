#include "ovlab/callsite.h"

#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <vector>

#include "ovlab/session.h"
#include "ovlab/trace.h"

namespace ovlab {
namespace {

thread_local const char* t_argument_text = nullptr;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
    return text;
}

}  // namespace

void note_callsite(unsigned line, const char* argument_text) {
    trace::set_current_line(line);
    t_argument_text = argument_text;
}

void line_reached(unsigned line) {
    if (!Session::current()) return;
    note_callsite(line, "");
    record({trace::EventKind::LineReached});
    checkpoint();
}

void note_callsite_in(const char* file, unsigned line, const char* argument_text) {
    trace::set_current_file(register_source_file(file));
    note_callsite(line, argument_text);
}

void line_reached_in(const char* file, unsigned line) {
    if (!Session::current()) return;
    trace::set_current_file(register_source_file(file));
    line_reached(line);
}

// Splits the call's argument text at top-level commas (not inside parentheses, brackets or quotes).
std::string callsite_argument(size_t index) {
    if (!t_argument_text) return {};
    std::string_view text = t_argument_text;
    int depth = 0;
    char quote = 0;
    size_t current = 0, start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        const char ch = i < text.size() ? text[i] : ',';
        if (quote) {
            if (ch == '\\') ++i;
            else if (ch == quote) quote = 0;
            continue;
        }
        if (ch == '"' || ch == '\'') quote = ch;
        else if (ch == '(' || ch == '[' || ch == '{') ++depth;
        else if (ch == ')' || ch == ']' || ch == '}') --depth;
        else if (ch == ',' && depth == 0) {
            if (current == index) return std::string(trim(text.substr(start, i - start)));
            ++current;
            start = i + 1;
        }
    }
    return {};
}

namespace {

bool is_identifier(std::string_view text) {
    if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
    for (char ch : text)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return false;
    return text != "NULL" && text != "nullptr";
}

}  // namespace

std::string callsite_object_name(size_t index, bool is_overlapped) {
    const std::string text = callsite_argument(index);
    std::string_view name = text;
    if (!name.empty() && name.front() == '(') name.remove_prefix(name.rfind(')') + 1);  // a cast
    if (!name.empty() && name.front() == '&') name.remove_prefix(1);
    const bool nameable = is_identifier(name) || (is_overlapped && !name.empty() && name.size() <= 40 &&
                                                  name != "NULL" && name != "nullptr" && name != "0");
    return nameable ? std::string(name) : std::string();
}

int console_printf(const char* format, ...) {
    va_list args;
    va_start(args, format);
    va_list copy;
    va_copy(copy, args);
    const int length = std::vsnprintf(nullptr, 0, format, copy);
    va_end(copy);
    if (length < 0) {
        va_end(args);
        return length;
    }
    std::vector<char> buffer(static_cast<size_t>(length) + 1);
    std::vsnprintf(buffer.data(), buffer.size(), format, args);
    va_end(args);

    if (!Session::current()) {
        std::fputs(buffer.data(), stdout);
        return length;
    }
    // One trace event per line, so the console panel and the transcript show lines as printed.
    std::string_view text(buffer.data(), static_cast<size_t>(length));
    while (!text.empty()) {
        const size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        record({trace::EventKind::Console, 0, 0, 0, 0, {}, line});
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return length;
}

}  // namespace ovlab
