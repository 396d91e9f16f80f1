# Fetches the pinned tree-sitter C core and grammars from npm into the build
# tree and builds them as static libraries. Third-party C keeps its own warning
# level: our -Werror set applies to our code only.
#
# rampart_npm_ci (cmake/Rampart.cmake) installs them pinned by the lock file.

set(RAMPART_GRAMMAR_SRC ${CMAKE_SOURCE_DIR}/parsers/grammars)
set(RAMPART_GRAMMAR_DIR ${CMAKE_BINARY_DIR}/_grammars CACHE PATH
    "Where npm installs the tree-sitter core and grammars")
rampart_npm_ci(${RAMPART_GRAMMAR_SRC} ${RAMPART_GRAMMAR_DIR}
               "tree-sitter core and grammars")

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
