//===- Text.cpp - Compiler-style diagnostics for terminals ----------------===//
#include "analyzer/report/Text.h"

#include <algorithm>

namespace rampart::report {

namespace {
llvm::raw_ostream::Colors colorOf(Severity S) {
  switch (S) {
  case Severity::Error:
    return llvm::raw_ostream::RED;
  case Severity::Warning:
    return llvm::raw_ostream::MAGENTA;
  case Severity::Note:
    return llvm::raw_ostream::BLACK;
  }
  return llvm::raw_ostream::RED;
}

// The source line with tabs kept (so the caret line can copy them) and
// control bytes shown as '?', so a binary file cannot drive the terminal.
std::string printableLine(llvm::StringRef Line) {
  std::string Out;
  Out.reserve(Line.size());
  for (char C : Line)
    Out += (static_cast<unsigned char>(C) < 0x20 && C != '\t') || C == 0x7f
               ? '?'
               : C;
  return Out;
}
} // namespace

void printDiagnostic(llvm::raw_ostream &OS, const SourceFile &File,
                     const Diagnostic &D) {
  const SourcePosition &Start = D.Range.Start;
  OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << File.path() << ':' << Start.Line << ':' << Start.Column << ": ";
  OS.changeColor(colorOf(D.Level), /*Bold=*/true);
  OS << severityName(D.Level) << ": ";
  OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << D.Message << '\n';
  OS.resetColor();

  printSnippet(OS, File, D.Range);
}

void printSnippet(llvm::raw_ostream &OS, const SourceFile &File,
                  const SourceRange &Range) {
  const SourcePosition &Start = Range.Start;
  llvm::StringRef Line = File.lineText(Start.Line);
  constexpr size_t MaxShown = 240; // a minified template is one huge line
  if (Line.size() > MaxShown || Start.Column - 1 > Line.size())
    return;
  OS << printableLine(Line) << '\n';
  std::string Caret;
  for (size_t I = 0; I + 1 < Start.Column; ++I)
    Caret += Line[I] == '\t' ? '\t' : ' ';
  size_t EndColumn =
      Range.End.Line == Start.Line ? Range.End.Column : Line.size() + 1;
  size_t Width = std::max<size_t>(
      1, EndColumn > Start.Column ? EndColumn - Start.Column : 1);
  Caret += '^';
  Caret.append(Width - 1, '~');
  OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  OS << Caret << '\n';
  OS.resetColor();
}

} // namespace rampart::report
