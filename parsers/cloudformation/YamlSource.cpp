//===- YamlSource.cpp - Token extents in YAML text ------------------------===//
#include "parsers/cloudformation/YamlSource.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace rampart::parsers::yaml {

namespace {

bool isBlank(char C) { return C == ' ' || C == '\t'; }
bool isBreak(char C) { return C == '\n' || C == '\r'; }
bool isFlowIndicator(char C) {
  return C == ',' || C == '[' || C == ']' || C == '{' || C == '}';
}

// The characters yaml-cpp takes into a tag: URI characters and `!` for the
// handle, but not the flow indicators (`[!Ref]` is a tag and a bracket).
bool isTagChar(char C) {
  return llvm::isAlnum(C) ||
         llvm::StringRef("-#;/?:@&=+$_.~*'()%!").contains(C);
}

} // namespace

bool YamlSource::isDocumentMarker(uint32_t P) const {
  llvm::StringRef Rest = Text.substr(P);
  if (!Rest.startswith("---") && !Rest.startswith("..."))
    return false;
  char C = at(P + 3);
  return C == '\0' || isBlank(C) || isBreak(C);
}

uint32_t YamlSource::skipBlanks(uint32_t P) const {
  while (P < Text.size() && isBlank(Text[P]))
    ++P;
  return P;
}

uint32_t YamlSource::skipBreak(uint32_t P) const {
  if (at(P) == '\r' && at(P + 1) == '\n')
    return P + 2;
  return isBreakAt(P) ? P + 1 : P;
}

uint32_t YamlSource::lineEnd(uint32_t P) const {
  while (P < Text.size() && !isBreak(Text[P]))
    ++P;
  return P;
}

uint32_t YamlSource::skipSeparation(uint32_t P) const {
  while (P < Text.size()) {
    char C = Text[P];
    if (isBlank(C) || isBreak(C)) {
      ++P;
    } else if (C == '#' &&
               (P == 0 || isBlank(Text[P - 1]) || isBreak(Text[P - 1]))) {
      P = lineEnd(P);
    } else {
      break;
    }
  }
  return P;
}

std::optional<uint32_t> YamlSource::after(uint32_t P, char Indicator) const {
  P = skipSeparation(P);
  if (at(P) != Indicator)
    return std::nullopt;
  return P + 1;
}

uint32_t YamlSource::propertyEnd(uint32_t P) const {
  if (at(P) == '!') {
    if (at(P + 1) == '<') {
      size_t Close = Text.find('>', P);
      return Close == llvm::StringRef::npos ? size() : Close + 1;
    }
    ++P;
    while (P < Text.size() && isTagChar(Text[P]))
      ++P;
    return P;
  }
  // Anchors and aliases: anything up to a blank, a break or a flow indicator.
  ++P;
  while (P < Text.size() && !isBlank(Text[P]) && !isBreak(Text[P]) &&
         !isFlowIndicator(Text[P]))
    ++P;
  return std::min(P, size());
}

std::optional<uint32_t> YamlSource::quotedEnd(uint32_t P) const {
  char Quote = at(P);
  for (uint32_t I = P + 1; I < Text.size(); ++I) {
    char C = Text[I];
    if (Quote == '"' && C == '\\') {
      ++I; // the escaped character, whatever it is
    } else if (C == Quote) {
      if (Quote == '\'' && at(I + 1) == '\'') {
        ++I; // '' is an escaped quote
        continue;
      }
      return I + 1;
    }
  }
  return std::nullopt;
}

uint32_t YamlSource::blockScalarEnd(uint32_t P, int ParentIndent) const {
  uint32_t I = P + 1;
  int Explicit = 0;
  while (I < Text.size() &&
         (llvm::isDigit(Text[I]) || Text[I] == '+' || Text[I] == '-')) {
    if (llvm::isDigit(Text[I]))
      Explicit = Text[I] - '0';
    ++I;
  }
  uint32_t End = I; // an empty block scalar ends with its header
  int Base = std::max(ParentIndent, 0);
  // As yaml-cpp: an explicit indentation counts from the parent's column;
  // otherwise the first non-blank line sets it, at least one past the parent.
  int Indent = Explicit ? Base + Explicit : ParentIndent + 1;
  bool Detect = Explicit == 0;
  for (uint32_t L = skipBreak(lineEnd(I)); L < Text.size() && L > I;) {
    uint32_t Spaces = L;
    while (at(Spaces) == ' ')
      ++Spaces;
    uint32_t Stop = lineEnd(L);
    int Column = static_cast<int>(Spaces - L);
    bool White = skipBlanks(Spaces) == Stop;
    if (Spaces == L && isDocumentMarker(L))
      break;
    if (Detect && !White) {
      Indent = std::max(Indent, Column);
      Detect = false;
    }
    if (!White) {
      if (Column < Indent)
        break;
      End = Stop;
    } else if (!Detect && static_cast<int>(Stop - L) > Indent) {
      End = Stop; // blanks past the indentation are content
    }
    uint32_t Next = skipBreak(Stop);
    if (Next == Stop)
      break;
    L = Next;
  }
  return End;
}

std::optional<uint32_t> YamlSource::plainEnd(uint32_t P,
                                             llvm::StringRef Value) const {
  uint32_t I = P;
  size_t V = 0;
  while (V < Value.size()) {
    char C = at(I);
    if (isBlank(C) || isBreak(C)) {
      uint32_t J = skipBlanks(I);
      if (isBreakAt(J)) {
        // Trailing blanks are dropped, one break folds to a space, and n
        // breaks (n-1 empty lines) fold to n-1 newlines.
        unsigned Breaks = 0;
        while (isBreakAt(J)) {
          J = skipBlanks(skipBreak(J));
          ++Breaks;
        }
        if (Breaks == 1) {
          if (Value[V] != ' ')
            return std::nullopt;
          ++V;
        } else {
          for (unsigned K = 1; K < Breaks; ++K, ++V)
            if (V >= Value.size() || Value[V] != '\n')
              return std::nullopt;
        }
        I = J;
        continue;
      }
    }
    if (I >= Text.size() || C != Value[V])
      return std::nullopt;
    ++I;
    ++V;
  }
  return I;
}

uint32_t YamlSource::plainLineEnd(uint32_t P, bool InFlow) const {
  uint32_t End = P;
  for (uint32_t I = P; I < Text.size() && !isBreak(Text[I]); ++I) {
    char C = Text[I];
    if (C == '#' && I > P && isBlank(Text[I - 1]))
      break;
    if (C == ':') {
      char N = at(I + 1);
      if (N == '\0' || isBlank(N) || isBreak(N) ||
          (InFlow && isFlowIndicator(N)))
        break;
    }
    if (InFlow && isFlowIndicator(C))
      break;
    if (!isBlank(C))
      End = I + 1;
  }
  return End;
}

std::optional<uint32_t> YamlSource::nullLiteralEnd(uint32_t P) const {
  for (llvm::StringRef Literal : {"~", "null", "Null", "NULL"}) {
    if (!Text.substr(P).startswith(Literal))
      continue;
    uint32_t E = P + Literal.size();
    char C = at(E);
    if (C == ':') {
      char N = at(E + 1);
      if (N == '\0' || isBlank(N) || isBreak(N) || isFlowIndicator(N))
        return E;
      return std::nullopt;
    }
    if (C == '\0' || isBlank(C) || isBreak(C) || isFlowIndicator(C))
      return E;
  }
  return std::nullopt;
}

std::optional<uint32_t> YamlSource::flowCloseAfter(uint32_t P,
                                                   char Close) const {
  P = skipSeparation(P);
  if (at(P) == ',')
    P = skipSeparation(P + 1);
  if (at(P) != Close)
    return std::nullopt;
  return P + 1;
}

} // namespace rampart::parsers::yaml
