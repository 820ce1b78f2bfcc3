// The main of a lab program, around its own: ovlab_add_lab_program links with --wrap=main, so the
// C runtime calls __wrap_main, which calls the program's main (__real_main) unchanged. Only a program
// linked that way pulls this file in; without the lab, it only returns what main returned.
//
// When main returns, the program's static objects are all still alive: the run is cleaned up here,
// before exit() destroys them (the I/O backend among them).
#include "child_link.h"
#include "ovlab/platform.h"

extern "C" int __real_main(int argc, char** argv, char** envp);

extern "C" int __wrap_main(int argc, char** argv, char** envp) {
    int exit_code = 0;
    try {
        exit_code = __real_main(argc, argv, envp);
    } catch (const ovlab::platform::ThreadExitRequested& request) {  // ExitThread on the main thread
        exit_code = static_cast<int>(request.exit_code);
    }
    ovlab::link::main_returned(exit_code);
    return exit_code;
}
