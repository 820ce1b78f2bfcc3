// The command line of the echo benchmarks: `name=value` options and comma-separated number lists.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

namespace echo_bench {

// The value of `name=value` on the command line, or `fallback`.
inline std::string option(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.starts_with(name + "=")) return arg.substr(name.size() + 1);
    }
    return fallback;
}

// "1,8,64" -> {1, 8, 64}.
inline std::vector<int> numbers(const std::string& list) {
    std::vector<int> values;
    for (size_t at = 0; at < list.size();) {
        const size_t comma = list.find(',', at);
        values.push_back(std::atoi(list.substr(at, comma - at).c_str()));
        at = comma == std::string::npos ? list.size() : comma + 1;
    }
    return values;
}

}  // namespace echo_bench
