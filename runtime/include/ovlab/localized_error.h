// An error a student may meet (a lesson file that does not read), worded in both languages.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

#include "ovlab/language.h"

namespace ovlab {

// what() is the English line, korean() the same line in Korean.
class LocalizedError : public std::runtime_error {
public:
    LocalizedError(const std::string& english, std::string korean)
        : std::runtime_error(english), korean_(std::move(korean)) {}
    const std::string& korean() const noexcept { return korean_; }

private:
    std::string korean_;
};

// The message of `error` in `language`: a LocalizedError's Korean line in Korean, else what().
inline std::string message_in(const std::exception& error, Language language) {
    const auto* localized = dynamic_cast<const LocalizedError*>(&error);
    return localized && language == Language::Korean ? localized->korean() : std::string(error.what());
}

}  // namespace ovlab
