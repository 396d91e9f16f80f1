# The hostile-input suite (issue 11): rampart-hostile runs the real rampart
# on each case of Cases.cpp under its time and memory bounds. The case names
# come from `rampart-hostile --list` after each build, as Catch2's test
# discovery does, so adding a case needs no CMake edit.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SECCOMP REQUIRED IMPORTED_TARGET libseccomp)

add_executable(rampart-hostile hostile/HostileMain.cpp hostile/Cases.cpp
               hostile/Harness.cpp hostile/Sandbox.cpp)
target_link_libraries(rampart-hostile PRIVATE rampart_options
                      nlohmann_json::nlohmann_json PkgConfig::SECCOMP)
add_dependencies(rampart-hostile rampart)

set(_hostile_tests ${CMAKE_CURRENT_BINARY_DIR}/hostile_tests.cmake)
add_custom_command(TARGET rampart-hostile POST_BUILD
  COMMAND ${CMAKE_COMMAND}
          -D DRIVER=$<TARGET_FILE:rampart-hostile>
          -D RAMPART=$<TARGET_FILE:rampart>
          -D OUT=${_hostile_tests}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/hostile/ListCases.cmake
  VERBATIM)
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${_hostile_tests})
