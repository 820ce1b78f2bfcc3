// Reads lesson.json strictly: a misspelt key or a value of the wrong type is an error that names the
// file and the field, never a silently ignored setting.
#include "lesson_metadata.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <regex>
#include <stdexcept>

#include "ovlab/localized_error.h"
#include "text_file.h"

namespace ovlab::lessons {
namespace {

using nlohmann::json;

// Carries the file and the field being read, so every error says where it is.
class Reader {
public:
    explicit Reader(const std::filesystem::path& path) : path_(path.string()) {}

    // `what` is said in English and in Korean (`korean`): a teacher may read either.
    [[noreturn]] void fail(std::string_view field, std::string_view what, std::string_view korean) const
    {
        const std::string_view korean_field = field == "(top level)" ? "(최상위)" : field;
        throw LocalizedError(fmt::format("{}: {}: {}", path_, field, what),
                             fmt::format("{}: {}: {}", path_, korean_field, korean));
    }

    const json& member(const json& object, std::string_view field, std::string_view key) const
    {
        auto it = object.find(key);
        if (it == object.end()) {
            fail(field, fmt::format("'{}' is missing", key), fmt::format("'{}' 항목이 없습니다", key));
        }
        return *it;
    }

    void expect_object(const json& value, std::string_view field, std::initializer_list<std::string_view> keys) const
    {
        if (!value.is_object()) {
            fail(field, "must be an object { ... }", "객체 { ... }여야 합니다");
        }
        for (const auto& [key, unused] : value.items()) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                fail(field, fmt::format("unknown key '{}' (known: {})", key, fmt::join(keys, ", ")),
                     fmt::format("알 수 없는 키 '{}'입니다(쓸 수 있는 키: {})", key, fmt::join(keys, ", ")));
            }
        }
    }

    std::string text(const json& value, std::string_view field) const
    {
        if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
            fail(field, "must be a non-empty string", "비어 있지 않은 문자열이어야 합니다");
        }
        return value.get<std::string>();
    }

    int whole_number(const json& value, std::string_view field) const
    {
        const bool fits = value.is_number_unsigned() ? value.get<uint64_t>() <= uint64_t{INT_MAX}
                          : value.is_number_integer() ? value.get<int64_t>() >= INT_MIN && value.get<int64_t>() <= INT_MAX
                                                      : false;
        if (!fits) {
            fail(field, fmt::format("must be a whole number from {} to {}", INT_MIN, INT_MAX),
                 fmt::format("{}부터 {}까지의 정수여야 합니다", INT_MIN, INT_MAX));
        }
        return value.get<int>();
    }

    LocalizedText localized(const json& value, std::string_view field) const
    {
        expect_object(value, field, {"en", "ko"});
        return {text(member(value, field, "en"), fmt::format("{}.en", field)),
                text(member(value, field, "ko"), fmt::format("{}.ko", field))};
    }

private:
    std::string path_;
};

bool is_name_character(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

LessonParameter read_parameter(const Reader& reader, const json& value, const std::string& field)
{
    reader.expect_object(value, field, {"name", "switch", "default", "min", "max", "explain"});
    LessonParameter parameter;
    parameter.name = reader.text(reader.member(value, field, "name"), field + ".name");
    if (!std::all_of(parameter.name.begin(), parameter.name.end(), is_name_character)) {
        reader.fail(field + ".name", "may use only letters, digits, '-' and '_' (the program reads it as name=value)",
                    "영문자, 숫자, '-', '_'만 쓸 수 있습니다(프로그램이 name=value로 읽습니다)");
    }
    if (auto it = value.find("switch"); it != value.end()) {
        if (!it->is_boolean()) {
            reader.fail(field + ".switch", "must be true or false", "true 또는 false여야 합니다");
        }
        parameter.is_switch = it->get<bool>();
    }
    parameter.default_value = reader.whole_number(reader.member(value, field, "default"), field + ".default");
    if (parameter.is_switch) {
        if (value.contains("min") || value.contains("max")) {
            reader.fail(field, "a switch is 0 or 1: it takes no 'min' or 'max'",
                        "스위치는 0 또는 1이므로 'min'이나 'max'를 쓰지 않습니다");
        }
        parameter.max = 1;
    } else {
        parameter.min = reader.whole_number(reader.member(value, field, "min"), field + ".min");
        parameter.max = reader.whole_number(reader.member(value, field, "max"), field + ".max");
    }
    if (parameter.min > parameter.max) {
        reader.fail(field, fmt::format("min {} is above max {}", parameter.min, parameter.max),
                    fmt::format("min {}이(가) max {}보다 큽니다", parameter.min, parameter.max));
    }
    if (parameter.default_value < parameter.min || parameter.default_value > parameter.max) {
        reader.fail(field + ".default",
                    fmt::format("{} is outside {} to {}", parameter.default_value, parameter.min, parameter.max),
                    fmt::format("{}은(는) {}부터 {}까지의 범위 밖입니다", parameter.default_value, parameter.min,
                                parameter.max));
    }
    LocalizedText explain = reader.localized(reader.member(value, field, "explain"), field + ".explain");
    parameter.explain_en = std::move(explain.en);
    parameter.explain_ko = std::move(explain.ko);
    return parameter;
}

std::vector<LessonParameter> read_parameters(const Reader& reader, const json& document)
{
    std::vector<LessonParameter> parameters;
    auto it = document.find("parameters");
    if (it == document.end()) {
        return parameters;
    }
    if (!it->is_array()) {
        reader.fail("parameters", "must be a list [ ... ]", "목록 [ ... ]이어야 합니다");
    }
    for (size_t i = 0; i < it->size(); ++i) {
        LessonParameter parameter = read_parameter(reader, (*it)[i], fmt::format("parameters[{}]", i));
        auto same = [&](const LessonParameter& earlier) { return earlier.name == parameter.name; };
        if (std::any_of(parameters.begin(), parameters.end(), same)) {
            reader.fail(fmt::format("parameters[{}].name", i), fmt::format("'{}' is declared twice", parameter.name),
                        fmt::format("'{}'이(가) 두 번 선언되었습니다", parameter.name));
        }
        parameters.push_back(std::move(parameter));
    }
    return parameters;
}

LessonViews read_views(const Reader& reader, const json& document)
{
    LessonViews views;
    auto it = document.find("views");
    if (it == document.end()) {
        return views;
    }
    if (!it->is_array()) {
        reader.fail("views", "must be a list such as [\"port\", \"apc\"]", "[\"port\", \"apc\"] 같은 목록이어야 합니다");
    }
    for (const json& view : *it) {
        const std::string name = view.is_string() ? view.get<std::string>() : std::string();
        if (name == "port") {
            views.port = true;
        } else if (name == "apc") {
            views.apc = true;
        } else {
            reader.fail("views", "each view is \"port\" (the completion port panel) or \"apc\" (the APC panel)",
                        "각 view는 \"port\"(완료 포트 패널) 또는 \"apc\"(APC 큐 패널)입니다");
        }
    }
    return views;
}

// Every '{' opens a "{name}" of a declared parameter, so a typo is caught when the file is read, not
// printed to a student.
void check_placeholders(const Reader& reader, const std::string& text, const std::vector<LessonParameter>& parameters,
                        std::string_view field)
{
    for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const size_t close = text.find('}', open);
        const std::string name = close == std::string::npos ? std::string() : text.substr(open + 1, close - open - 1);
        auto declared = [&](const LessonParameter& parameter) { return parameter.name == name; };
        if (std::none_of(parameters.begin(), parameters.end(), declared)) {
            reader.fail(field, "'{' must start {name} of a declared parameter",
                        "'{'는 선언된 매개변수의 {name}을 시작해야 합니다");
        }
    }
}

void read_check(const Reader& reader, const json& document, LessonMetadata& metadata)
{
    const json& check = reader.member(document, "(top level)", "check");
    reader.expect_object(check, "check", {"exit_zero_means", "passed"});
    metadata.exit_zero_means = reader.localized(reader.member(check, "check", "exit_zero_means"), "check.exit_zero_means");
    if (auto it = check.find("passed"); it != check.end()) {
        metadata.passed = reader.localized(*it, "check.passed");
        check_placeholders(reader, metadata.passed->en, metadata.parameters, "check.passed.en");
        check_placeholders(reader, metadata.passed->ko, metadata.parameters, "check.passed.ko");
    }
}

// The program's own printed lines in Korean: "printed" is a regular expression (ECMAScript) a whole
// line must match, "ko" its wording with $1, $2... for the groups.
std::vector<ConsoleWording> read_console_wordings(const Reader& reader, const json& document)
{
    std::vector<ConsoleWording> wordings;
    auto it = document.find("console_ko");
    if (it == document.end()) {
        return wordings;
    }
    if (!it->is_array()) {
        reader.fail("console_ko", "must be a list of {\"printed\": ..., \"ko\": ...}",
                    "{\"printed\": ..., \"ko\": ...}의 목록이어야 합니다");
    }
    for (size_t i = 0; i < it->size(); ++i) {
        const std::string field = fmt::format("console_ko[{}]", i);
        reader.expect_object((*it)[i], field, {"printed", "ko"});
        ConsoleWording wording{reader.text(reader.member((*it)[i], field, "printed"), field + ".printed"),
                               reader.text(reader.member((*it)[i], field, "ko"), field + ".ko")};
        // A pattern this long is not a printed line's: refused before std::regex spends its stack on it.
        constexpr size_t kLongestPattern = 400;
        if (wording.english.size() > kLongestPattern) {
            reader.fail(field + ".printed", fmt::format("longer than {} characters", kLongestPattern),
                        fmt::format("{}자보다 깁니다", kLongestPattern));
        }
        try {
            std::regex compiled(wording.english);
        } catch (const std::regex_error&) {
            reader.fail(field + ".printed", "not a valid regular expression", "올바른 정규 표현식이 아닙니다");
        }
        wordings.push_back(std::move(wording));
    }
    return wordings;
}

size_t line_of(std::string_view text, size_t byte)
{
    const size_t end = std::min(byte, text.size());
    return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

// The character on its line (from 1) where the reader stopped at `byte`: UTF-8 continuation bytes
// are no characters of their own, so a Korean title counts one per syllable.
size_t column_of(std::string_view text, size_t byte)
{
    const size_t end = std::min(byte, text.size());
    const size_t line_start = text.rfind('\n', end == 0 ? 0 : end - 1);
    size_t column = 0;
    for (size_t i = line_start == std::string_view::npos ? 0 : line_start + 1; i < end; ++i) {
        column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
    }
    return std::max<size_t>(column, 1);
}

// nlohmann words its reason in English only; the Korean line says where and the kind of mistake.
std::string korean_syntax_error(std::string_view text, const json::parse_error& error, const std::filesystem::path& path)
{
    const bool ended_early = std::string_view(error.what()).find("unexpected end of input") != std::string_view::npos;
    return fmt::format("{}: {}번째 줄 {}번째 글자에서 올바른 JSON이 아닙니다({})", path.string(),
                       line_of(text, error.byte), column_of(text, error.byte),
                       ended_early ? "JSON이 끝나기 전에 파일이 끝났습니다" : "문법이 맞지 않습니다");
}

json parse_json(std::string_view text, const std::filesystem::path& path)
{
    try {
        return json::parse(text);
    } catch (const json::parse_error& error) {
        // nlohmann's message reads "[json.exception.parse_error.101] parse error at line L, column C: <what>".
        const std::string what = error.what();
        const size_t detail = what.find(": ", what.find("column"));
        throw LocalizedError(fmt::format("{}:{}: not valid JSON ({})", path.string(), line_of(text, error.byte),
                                         detail == std::string::npos ? what : what.substr(detail + 2)),
                             korean_syntax_error(text, error, path));
    } catch (const json::out_of_range&) {
        // nlohmann says where only for syntax errors; its message would repeat the whole number.
        throw LocalizedError(fmt::format("{}: not valid JSON (a number too large to read)", path.string()),
                             fmt::format("{}: 올바른 JSON이 아닙니다(읽을 수 없을 만큼 큰 수가 있습니다)", path.string()));
    }
}

}  // namespace

LessonMetadata parse_lesson_metadata(std::string_view text, const std::filesystem::path& path)
{
    const json document = parse_json(text, path);
    const Reader reader(path);
    reader.expect_object(document, "(top level)", {"order", "title", "program", "parameters", "views", "console_ko", "check"});
    LessonMetadata metadata;
    if (auto it = document.find("order"); it != document.end()) {
        metadata.order = reader.whole_number(*it, "order");
    }
    metadata.title = reader.localized(reader.member(document, "(top level)", "title"), "title");
    metadata.program = reader.text(reader.member(document, "(top level)", "program"), "program");
    metadata.parameters = read_parameters(reader, document);
    metadata.views = read_views(reader, document);
    read_check(reader, document, metadata);
    metadata.console_ko = read_console_wordings(reader, document);
    return metadata;
}

LessonMetadata load_lesson_metadata(const std::filesystem::path& path)
{
    std::string text;
    for (const std::string& line : read_text_lines(path)) {
        text += line;
        text += '\n';
    }
    return parse_lesson_metadata(text, path);
}

std::string fill_in_parameters(std::string_view text, const ParameterValues& values)
{
    std::string filled;
    size_t done = 0;
    for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const size_t close = text.find('}', open);
        if (close == std::string_view::npos) {
            break;
        }
        auto value = values.find(text.substr(open + 1, close - open - 1));
        if (value == values.end()) {
            continue;
        }
        filled += text.substr(done, open - done);
        filled += std::to_string(value->second);
        done = close + 1;
        open = close;
    }
    filled += text.substr(done);
    return filled;
}

}  // namespace ovlab::lessons
