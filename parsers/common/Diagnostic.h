//===- Diagnostic.h - Problems found in the user's input -------*- C++ -*-===//
//
// Whatever the user's input can cause is a Diagnostic value with a range; it
// is collected and reported while the scan goes on.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_DIAGNOSTIC_H
#define RAMPART_PARSERS_COMMON_DIAGNOSTIC_H

#include "parsers/common/SourceRange.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace rampart {

enum class Severity { Error, Warning, Note };

llvm::StringRef severityName(Severity S);

struct Diagnostic {
  Severity Level = Severity::Error;
  std::string Message; ///< LLVM style: lower-case start, no final period.
  SourceRange Range;
};

} // namespace rampart

#endif
