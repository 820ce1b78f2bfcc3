// The languages the product speaks. The app chooses one (--lang, the window's language menu) and
// hands it down to everything that words text for a student: narration, the transcript, panels.
#pragma once

namespace ovlab {

enum class Language { English, Korean };

}  // namespace ovlab
