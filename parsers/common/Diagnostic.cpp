//===- Diagnostic.cpp - Problems found in the user's input ---------------===//
#include "parsers/common/Diagnostic.h"

namespace rampart {

llvm::StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "error";
}

} // namespace rampart
