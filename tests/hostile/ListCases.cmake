# Writes OUT: one ctest per case that `DRIVER --list` names (Hostile.cmake).
execute_process(COMMAND ${DRIVER} --list OUTPUT_VARIABLE _cases
                RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${DRIVER} --list failed (${_rc})")
endif()
string(REPLACE "\n" ";" _cases "${_cases}")
set(_text "")
foreach(_case ${_cases})
  string(APPEND _text "add_test(hostile.${_case} \"${DRIVER}\" \"${RAMPART}\" ${_case})\n")
  string(APPEND _text "set_tests_properties(hostile.${_case} PROPERTIES TIMEOUT 600)\n")
endforeach()
file(WRITE ${OUT} "${_text}")
