#include "object_names.h"

#include <cctype>

#include <fmt/format.h>

namespace ovlab {

bool names_one_of_many(const std::string& expression) {
    if (expression.find("->") != std::string::npos) return true;
    for (size_t open = expression.find('['); open != std::string::npos; open = expression.find('[', open + 1)) {
        const size_t close = expression.find(']', open);
        if (close == std::string::npos) return true;
        for (size_t i = open + 1; i < close; ++i)
            if (!std::isdigit(static_cast<unsigned char>(expression[i]))) return true;
    }
    return false;
}

std::string ObjectNames::name_for(uint64_t object, const std::string& expression) {
    if (numbered_.count(object)) return {};  // a numbered name already tells it apart: keep it
    if (!names_one_of_many(expression)) return seen_.emplace(object, expression).second ? expression : std::string();
    std::string name = fmt::format("{} #{}", expression, ++counts_[expression]);
    numbered_.emplace(object, name);
    return name;
}

void ObjectNames::forget_range(uint64_t begin, uint64_t end) {
    numbered_.erase(numbered_.lower_bound(begin), numbered_.lower_bound(end));
    seen_.erase(seen_.lower_bound({begin, std::string()}), seen_.lower_bound({end, std::string()}));
}

void ObjectNames::clear() {
    seen_.clear();
    numbered_.clear();
    counts_.clear();
}

}  // namespace ovlab
