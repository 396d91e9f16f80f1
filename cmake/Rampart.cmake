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
  target_link_libraries(${target} PRIVATE rampart_options ts_core yaml-cpp
                        nlohmann_json::nlohmann_json)
endfunction()
