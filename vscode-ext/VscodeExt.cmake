# The VS Code extension (vscode-ext/): its npm packages (vscode-languageclient
# for the extension; typescript, @types and @vscode/vsce to build it), pinned in
# package-lock.json, are installed into the build tree by rampart_npm_ci at
# configure time; the tests copy the sources there, so the build writes
# nothing into the source tree.
#
#   vscode-ext.unit     type-checks the extension; node --test on the logic
#                       that needs no VS Code, and on the real `rampart lsp`
#   vscode-ext.package  builds ${RAMPART_VSCODE_EXT_DIR}/rampart-VERSION.vsix
#                       and checks what it holds (unzip)
#
# Both are skipped (77) when node or npm is missing.

set(RAMPART_VSCODE_EXT_SRC ${CMAKE_CURRENT_LIST_DIR})
set(RAMPART_VSCODE_EXT_DIR ${CMAKE_BINARY_DIR}/_vscode-ext CACHE PATH
    "Where the VS Code extension is built and packaged")
option(RAMPART_VSIX_BUNDLE_BINARY
       "Put the built rampart into the .vsix as bin/rampart (a linux-x64 package)" ON)

find_program(BASH bash REQUIRED)
find_program(NODE node)
find_program(NPM npm)
set(_vscode_node "")
if(NODE AND NPM)
  rampart_npm_ci(${RAMPART_VSCODE_EXT_SRC} ${RAMPART_VSCODE_EXT_DIR}
                 "the VS Code extension's packages")
  set(_vscode_node ${NODE})
else()
  message(STATUS "node or npm not found: the vscode-ext tests will be skipped")
endif()

# The binary is passed by path, not as a target dependency: the tests also
# run (without the server tests, without bundling) before it is built.
set(_vscode_rampart ${CMAKE_BINARY_DIR}/rampart)
if(TARGET rampart)
  set(_vscode_rampart $<TARGET_FILE:rampart>)
endif()

add_test(NAME vscode-ext.unit
         COMMAND ${BASH} ${RAMPART_VSCODE_EXT_SRC}/ci/ctest.sh unit
                 ${RAMPART_VSCODE_EXT_SRC} ${RAMPART_VSCODE_EXT_DIR}
                 "${_vscode_node}" ${_vscode_rampart} ${RAMPART_VSCODE_EXT_SRC}/../examples)
add_test(NAME vscode-ext.package
         COMMAND ${BASH} ${RAMPART_VSCODE_EXT_SRC}/ci/ctest.sh package
                 ${RAMPART_VSCODE_EXT_SRC} ${RAMPART_VSCODE_EXT_DIR}
                 "${_vscode_node}" ${_vscode_rampart}
                 $<BOOL:${RAMPART_VSIX_BUNDLE_BINARY}>)
set_tests_properties(vscode-ext.unit vscode-ext.package PROPERTIES
                     SKIP_RETURN_CODE 77 TIMEOUT 300
                     # Both write into the same build folder (vsce reads all of it).
                     RESOURCE_LOCK vscode-ext)
