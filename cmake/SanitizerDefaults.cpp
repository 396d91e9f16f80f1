//===- SanitizerDefaults.cpp - Sanitizer options built into the binaries --===//
//
// Linked into every executable of a RAMPART_SANITIZE build (CMakeLists.txt),
// so the options hold however a binary is started: by ctest, by a test that
// runs rampart, by a user. ASAN_OPTIONS, LSAN_OPTIONS and UBSAN_OPTIONS
// given in the environment still override them.
//
//===----------------------------------------------------------------------===//

extern "C" {

const char *__asan_default_options() {
  return "detect_leaks=1:detect_stack_use_after_return=1:"
         "check_initialization_order=1:strict_init_order=1:"
         "strict_string_checks=1";
}

const char *__ubsan_default_options() {
  return "print_stacktrace=1:halt_on_error=1";
}

// Each entry is a leak inside a Debian library, not in our code; the stacks
// end inside the library because Debian builds it without frame pointers.
const char *__lsan_default_suppressions() {
  return
      // Graphviz 2.42 (libgvc6) keeps label and font data in its own
      // static caches (report/MapSvg.cpp keeps one context for the process
      // for the same reason); our calls pair agmemread with agclose and
      // gvLayout with gvFreeLayout.
      "leak:libgvc.so\n"
      // Graphviz's pango plugin measures label text with Pango and
      // fontconfig, whose font caches live as long as the process by design
      // (only FcFini frees them, and nothing calls it).
      "leak:libfontconfig.so\n"
      "leak:libpangoft2-1.0.so\n";
}

} // extern "C"
