// Structural checks of a Chrome trace-event export (what --trace-out writes), as a viewer relies on
// them: Perfetto and chrome://tracing silently drop or misdraw what breaks these rules.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ovlab::test {

// Every problem found, one line each; empty when the export is sound:
// - every B has its E on the same tid, properly nested (same name, innermost first), and no X
//   slice overlaps a B or E on its thread;
// - B/E/X timestamps never go backwards on a tid;
// - every async b has its e (same cat and id), no id is begun twice while open;
// - every flow s has its f (same cat and id), t and f only after an s, each step inside a slice
//   (B/E or X) on its thread, so the viewer can bind it;
// - counter args are numbers;
// - FieldChange instants of OVERLAPPED.Internal give NTSTATUS names;
// - metadata names the process, its I/O backend, and every tid used.
std::vector<std::string> check_trace_export(const nlohmann::json& document);

}  // namespace ovlab::test
