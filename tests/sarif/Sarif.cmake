# The output-format validation tests: a real scan's SARIF against the SARIF
# 2.1.0 JSON schema, and its JUnit XML through xmllint.
#
# The schema and the validator come from npm, pinned in package-lock.json
# (the schema as Microsoft's SARIF multitool package ships it; ajv and
# ajv-formats), installed into the build tree by rampart_npm_ci, as the
# grammars are.

set(RAMPART_SARIF_SRC ${CMAKE_CURRENT_LIST_DIR})
set(RAMPART_SARIF_DIR ${CMAKE_BINARY_DIR}/_sarif CACHE PATH
    "Where npm installs the SARIF schema and validator")
rampart_npm_ci(${RAMPART_SARIF_SRC} ${RAMPART_SARIF_DIR}
               "the SARIF schema and validator")

# The real CLI on fixtures with findings, inline suppressions (a Bicep and a
# Terraform comment), parse errors, non-ASCII text, a path with a space and
# an attack path (vm-owner.bicep);
# the baseline is made first from one check's findings so some results are
# baselined. Exit 1 (findings) is expected; a crash is not.
find_program(BASH bash REQUIRED)
find_program(NODE node REQUIRED)
set(_scan_fixtures [=[
out=$(mktemp -d) && trap 'rm -rf "$out"' EXIT
"$0" baseline create "$out/baseline.json" --checks AZ-STORAGE-007 fixtures 2>/dev/null
"$0" scan fixtures --baseline "$out/baseline.json" --format "$1" --output "$out/report"
rc=$?; [ "$rc" -le 1 ] || { echo "rampart exited $rc"; exit 1; }
]=])
add_test(NAME report.sarif-schema
         COMMAND ${BASH} -c "${_scan_fixtures}
\"$2\" validate.js \"$3\" \"$out/report\" --min-results 10 --min-suppressed 2 --min-baselined 2 --min-notifications 2 --min-fixes 2 --min-paths 1"
                 $<TARGET_FILE:rampart> sarif ${NODE} ${RAMPART_SARIF_DIR}/node_modules
         WORKING_DIRECTORY ${RAMPART_SARIF_SRC})

# xmllint (Debian's libxml2-utils, which scripts/setup installs) checks the
# JUnit XML is well-formed.
find_program(XMLLINT xmllint REQUIRED)
add_test(NAME report.junit-well-formed
         COMMAND ${BASH} -c "${_scan_fixtures}
\"$2\" --noout \"$out/report\""
                 $<TARGET_FILE:rampart> junit ${XMLLINT}
         WORKING_DIRECTORY ${RAMPART_SARIF_SRC})
