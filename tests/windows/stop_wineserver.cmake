cmake_minimum_required(VERSION 3.25)  # policies for this script (IN_LIST and others)
# The last Wine test: stops the prefix's wineserver, so no Wine process outlives the test run.
# "No server was running" (exit 1) is fine too.
set(ENV{WINEPREFIX} "${WINE_PREFIX}")
execute_process(COMMAND ${WINESERVER} -k OUTPUT_QUIET ERROR_QUIET)
