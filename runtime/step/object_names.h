// The names the trace gives objects (handles, OVERLAPPEDs) from the lesson's expressions for them,
// shared by the posix/ and win32/ layers. Not thread-safe: the caller holds its own lock.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace ovlab {

// An expression that names one element of many (`ov[i]`, `request->ov`, `receives[index].ov`)
// would give every element the same name. Each object it names gets a number instead, in the
// order the run first passes them: `request->ov #1`, `request->ov #2`. Plain names (`ov`,
// `read.ov`) are one variable each and stay as they are.
class ObjectNames {
public:
    // The name to record for `object`, passed as `expression` at this call; "" when it needs no
    // new name (already named so, or already numbered).
    std::string name_for(uint64_t object, const std::string& expression);
    // Objects inside freed memory [begin, end): a later object at the same address is another one.
    void forget_range(uint64_t begin, uint64_t end);
    void clear();

private:
    std::set<std::pair<uint64_t, std::string>> seen_;  // (object, plain expression) already recorded
    std::map<uint64_t, std::string> numbered_;         // object -> its numbered name
    std::map<std::string, int> counts_;                // expression -> objects it has numbered
};

// True when `expression` picks one of many: a subscript that is not a plain number, or `->`.
bool names_one_of_many(const std::string& expression);

}  // namespace ovlab
