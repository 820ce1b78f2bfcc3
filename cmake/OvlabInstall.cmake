# `cmake --install` puts the app in bin/ and its data in share/overlapped-lab/, where the installed
# binary looks for them (lessons_root() in lessons/), so it runs from any directory.
install(DIRECTORY assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/overlapped-lab/assets)
