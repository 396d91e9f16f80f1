//===- Text.h - Compiler-style diagnostics for terminals -------*- C++ -*-===//
#ifndef RAMPART_ANALYZER_REPORT_TEXT_H
#define RAMPART_ANALYZER_REPORT_TEXT_H

#include "parsers/common/Diagnostic.h"
#include "parsers/common/SourceFile.h"

#include "llvm/Support/raw_ostream.h"

namespace rampart::report {

/// Prints `file:line:col: error: message`, the source line, and a caret
/// under the range (`^~~~`), as compilers do. Colors only when OS has them.
void printDiagnostic(llvm::raw_ostream &OS, const SourceFile &File,
                     const Diagnostic &D);

/// The source line of Range's start with the range underlined (to the end
/// of the line when it spans lines); nothing for lines too long to show.
void printSnippet(llvm::raw_ostream &OS, const SourceFile &File,
                  const SourceRange &Range);

} // namespace rampart::report

#endif
