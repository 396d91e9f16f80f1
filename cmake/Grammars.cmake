# Fetches the pinned tree-sitter C core and grammars from npm into the build
# tree and builds them as static libraries. Third-party C keeps its own warning
# level: our -Werror set applies to our code only.
#
# `npm ci` checks every tarball against the sha512 in package-lock.json. It
# re-runs only when the lock file changes (its hash is kept in a stamp file).

set(RAMPART_GRAMMAR_SRC ${CMAKE_SOURCE_DIR}/parsers/grammars)
set(RAMPART_GRAMMAR_DIR ${CMAKE_BINARY_DIR}/_grammars CACHE PATH
    "Where npm installs the tree-sitter core and grammars")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${RAMPART_GRAMMAR_SRC}/package.json
             ${RAMPART_GRAMMAR_SRC}/package-lock.json)

file(SHA256 ${RAMPART_GRAMMAR_SRC}/package-lock.json RAMPART_LOCK_HASH)
set(_stamp ${RAMPART_GRAMMAR_DIR}/.lock-sha256)
set(_installed "")
if(EXISTS ${_stamp})
  file(READ ${_stamp} _installed)
endif()
if(NOT _installed STREQUAL RAMPART_LOCK_HASH)
  find_program(NPM npm REQUIRED)
  file(MAKE_DIRECTORY ${RAMPART_GRAMMAR_DIR})
  foreach(f package.json package-lock.json .npmrc)
    configure_file(${RAMPART_GRAMMAR_SRC}/${f} ${RAMPART_GRAMMAR_DIR}/${f} COPYONLY)
  endforeach()
  message(STATUS "Fetching tree-sitter core and grammars (npm ci)")
  execute_process(
    COMMAND ${NPM} ci --ignore-scripts --no-audit --no-fund
    WORKING_DIRECTORY ${RAMPART_GRAMMAR_DIR}
    RESULT_VARIABLE _npm_rc)
  if(NOT _npm_rc EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${_npm_rc}) in ${RAMPART_GRAMMAR_DIR}")
  endif()
  file(WRITE ${_stamp} ${RAMPART_LOCK_HASH})
endif()

set(_nm ${RAMPART_GRAMMAR_DIR}/node_modules)
set(_core ${_nm}/tree-sitter/vendor/tree-sitter/lib)

add_library(ts_core STATIC ${_core}/src/lib.c)
target_include_directories(ts_core SYSTEM PUBLIC ${_core}/include)
target_include_directories(ts_core PRIVATE ${_core}/src ${_core}/src/wasm)
# Without these lib.c sees implicit declarations of le16toh and fdopen.
target_compile_definitions(ts_core PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)
set_target_properties(ts_core PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)

function(rampart_grammar target dir)
  set(_src ${dir}/src/parser.c)
  if(EXISTS ${dir}/src/scanner.c)
    list(APPEND _src ${dir}/src/scanner.c)
  endif()
  add_library(${target} STATIC ${_src})
  target_include_directories(${target} PRIVATE ${dir}/src)
  target_link_libraries(${target} PUBLIC ts_core)
  set_target_properties(${target} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
endfunction()

rampart_grammar(ts_bicep ${_nm}/tree-sitter-bicep)
rampart_grammar(ts_hcl ${_nm}/@tree-sitter-grammars/tree-sitter-hcl)
