// Why lessons were left out of the list (lesson_registry.h: lesson_load_errors), worded for the
// language the lab speaks: one line per lesson or folder, naming it.
#pragma once

#include <string>
#include <vector>

#include "ovlab/language.h"

namespace ovlab {

std::vector<std::string> lesson_load_errors(Language language);

}  // namespace ovlab
