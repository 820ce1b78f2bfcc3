#include "ovlab/lesson_registry.h"

namespace ovlab {

std::optional<Language> parse_language(std::string_view code)
{
    if (code == "en") {
        return Language::English;
    }
    if (code == "ko") {
        return Language::Korean;
    }
    return std::nullopt;
}

std::string_view language_code(Language language)
{
    return language == Language::Korean ? "ko" : "en";
}

}  // namespace ovlab
