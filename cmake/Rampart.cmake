# Helpers shared by the project's CMakeLists.

# rampart_sources(VAR dir...): the .cpp files directly in each folder. Globbing
# with CONFIGURE_DEPENDS keeps "one file per unit" cheap: adding a file needs no
# CMakeLists edit.
function(rampart_sources out)
  set(_all "")
  foreach(dir ${ARGN})
    file(GLOB _found CONFIGURE_DEPENDS ${dir}/*.cpp)
    list(APPEND _all ${_found})
  endforeach()
  set(${out} ${_all} PARENT_SCOPE)
endfunction()

# rampart_header_check(target dir...): compiles every header alone, so each
# one includes what it uses.
function(rampart_header_check target)
  if(NOT RAMPART_HEADER_CHECK)
    return()
  endif()
  set(_tus "")
  foreach(dir ${ARGN})
    file(GLOB_RECURSE _headers CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.h)
    foreach(h ${_headers})
      file(RELATIVE_PATH _rel ${CMAKE_SOURCE_DIR} ${h})
      string(MAKE_C_IDENTIFIER ${_rel} _id)
      set(_tu ${CMAKE_CURRENT_BINARY_DIR}/header_check/${_id}.cpp)
      file(CONFIGURE OUTPUT ${_tu} CONTENT "#include \"${_rel}\"\n")
      list(APPEND _tus ${_tu})
    endforeach()
  endforeach()
  add_library(${target} OBJECT ${_tus})
  # Only whether each header compiles alone matters: no code to optimise
  # or instrument.
  target_compile_options(${target} PRIVATE -O0 -fno-sanitize=all)
  target_link_libraries(${target} PRIVATE rampart_options ts_core yaml-cpp
                        nlohmann_json::nlohmann_json)
endfunction()

# rampart_npm_ci(SRC DEST WHAT): installs the npm packages pinned in
# SRC/package-lock.json into DEST with `npm ci --ignore-scripts` at configure
# time. npm checks every tarball against the lock's sha512; the install
# re-runs only when the lock file changes (its hash is kept in a stamp file).
function(rampart_npm_ci src dest what)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               ${src}/package.json ${src}/package-lock.json)
  file(SHA256 ${src}/package-lock.json _hash)
  set(_stamp ${dest}/.lock-sha256)
  set(_installed "")
  if(EXISTS ${_stamp})
    file(READ ${_stamp} _installed)
  endif()
  if(_installed STREQUAL _hash)
    return()
  endif()
  find_program(NPM npm REQUIRED)
  file(MAKE_DIRECTORY ${dest})
  foreach(f package.json package-lock.json .npmrc)
    configure_file(${src}/${f} ${dest}/${f} COPYONLY)
  endforeach()
  message(STATUS "Fetching ${what} (npm ci)")
  execute_process(
    COMMAND ${NPM} ci --ignore-scripts --no-audit --no-fund
    WORKING_DIRECTORY ${dest}
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${_rc}) in ${dest}")
  endif()
  file(WRITE ${_stamp} ${_hash})
endfunction()
