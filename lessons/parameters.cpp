// The parameters a teacher may change: finding, parsing and checking them, and handing them to the
// lesson program as "name=value" arguments.
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "ovlab/lesson_registry.h"

namespace ovlab {
namespace {

std::string allowed_values(const LessonParameter& parameter)
{
    if (parameter.is_switch) {
        return "0 (off) or 1 (on)";
    }
    return fmt::format("{} to {}", parameter.min, parameter.max);
}

std::string parameter_names(const LessonInfo& lesson)
{
    std::vector<std::string> names;
    for (const LessonParameter& parameter : lesson.parameters) {
        names.push_back(parameter.name);
    }
    return fmt::format("{}", fmt::join(names, ", "));
}

std::string unknown_name(const LessonInfo& lesson, std::string_view name)
{
    if (lesson.parameters.empty()) {
        return fmt::format("lesson {} has no parameters (got '{}')", lesson.id, name);
    }
    return fmt::format("lesson {} has no parameter '{}' (it has: {})", lesson.id, name, parameter_names(lesson));
}

std::optional<int> parse_value(const LessonParameter& parameter, std::string_view text)
{
    if (parameter.is_switch && (text == "on" || text == "off")) {
        return text == "on" ? 1 : 0;
    }
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

const LessonParameter* LessonInfo::find_parameter(std::string_view name) const
{
    for (const LessonParameter& parameter : parameters) {
        if (parameter.name == name) {
            return &parameter;
        }
    }
    return nullptr;
}

std::optional<std::string> check_parameters(const LessonInfo& lesson, const ParameterValues& changes)
{
    for (const auto& [name, value] : changes) {
        const LessonParameter* parameter = lesson.find_parameter(name);
        if (parameter == nullptr) {
            return unknown_name(lesson, name);
        }
        if (value < parameter->min || value > parameter->max) {
            return fmt::format("{}={} is out of range: {} takes {} (default {})", name, value, name,
                               allowed_values(*parameter), parameter->default_value);
        }
    }
    return std::nullopt;
}

std::optional<std::string> parse_parameter(const LessonInfo& lesson, std::string_view assignment,
                                           ParameterValues& changes)
{
    const size_t equals = assignment.find('=');
    if (equals == std::string_view::npos) {
        return fmt::format("'{}' is not name=value", assignment);
    }
    const std::string_view name = assignment.substr(0, equals);
    const std::string_view text = assignment.substr(equals + 1);
    const LessonParameter* parameter = lesson.find_parameter(name);
    if (parameter == nullptr) {
        return unknown_name(lesson, name);
    }
    const std::optional<int> value = parse_value(*parameter, text);
    if (!value) {
        return fmt::format("{}={} is not a whole number: {} takes {} (default {})", name, text, name,
                           allowed_values(*parameter), parameter->default_value);
    }
    ParameterValues one = {{std::string(name), *value}};
    if (std::optional<std::string> error = check_parameters(lesson, one)) {
        return error;
    }
    changes.insert_or_assign(std::string(name), *value);
    return std::nullopt;
}

std::vector<std::string> changed_parameters(const LessonInfo& lesson, const ParameterValues& changes)
{
    std::vector<std::string> changed;
    for (const LessonParameter& parameter : lesson.parameters) {
        auto it = changes.find(parameter.name);
        if (it != changes.end() && it->second != parameter.default_value) {
            changed.push_back(fmt::format("{}={}", parameter.name, it->second));
        }
    }
    return changed;
}

LessonProgram LessonInfo::program(const ParameterValues& changes) const
{
    if (std::optional<std::string> error = check_parameters(*this, changes)) {
        throw std::invalid_argument(*error);
    }
    ParameterValues values;
    std::vector<std::string> arguments;
    for (const LessonParameter& parameter : parameters) {
        auto it = changes.find(parameter.name);
        const int value = it != changes.end() ? it->second : parameter.default_value;
        values.emplace(parameter.name, value);
        arguments.push_back(fmt::format("{}={}", parameter.name, value));
    }
    LessonProgram run = make_program(values);
    // Every parameter is passed, defaults included: the program never falls back on (or clamps to)
    // a value of its own, so what the lab shows is what the program ran with.
    run.prepare = [prepare = std::move(run.prepare), arguments](const std::filesystem::path& workdir) {
        std::vector<std::string> args = prepare ? prepare(workdir) : std::vector<std::string>{};
        args.insert(args.end(), arguments.begin(), arguments.end());
        return args;
    };
    return run;
}

}  // namespace ovlab
