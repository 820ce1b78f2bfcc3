// Between the link (child_link.cpp) and the main wrapper (program_main.cpp) of a lab program.
#pragma once

namespace ovlab::link {

// main returned `exit_code`: when the lab runs the program, ends the run as a lesson's ends (threads
// stopped, I/O finished, handles closed), sends the last events and the Goodbye, and ends the
// process with `exit_code`. Returns only when the program runs without the lab.
void main_returned(int exit_code);

}  // namespace ovlab::link
