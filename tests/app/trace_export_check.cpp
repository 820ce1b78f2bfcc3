// trace_export_check FILE.json: prints each structural problem of a --trace-out export (see
// trace_export_checks.h) and exits 1 if there is any.
#include <fstream>

#include <fmt/format.h>

#include "trace_export_checks.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        fmt::print(stderr, "usage: trace_export_check FILE.json\n");
        return 2;
    }
    std::ifstream in(argv[1]);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& error) {
        fmt::print(stderr, "{}: not JSON: {}\n", argv[1], error.what());
        return 1;
    }
    const std::vector<std::string> problems = ovlab::test::check_trace_export(document);
    for (const std::string& problem : problems) fmt::print(stderr, "{}: {}\n", argv[1], problem);
    return problems.empty() ? 0 : 1;
}
