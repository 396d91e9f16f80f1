//===- HclText.cpp - Literal text of HCL templates ------------------------===//
#include "parsers/terraform/HclText.h"

#include "parsers/common/Unicode.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <limits>

namespace rampart::parsers::hcl {

namespace {

// Reads Digits hex digits at Raw[Pos...]; false if they are not all there.
bool readHex(llvm::StringRef Raw, size_t Pos, unsigned Digits,
             uint32_t &Value) {
  if (Pos + Digits > Raw.size())
    return false;
  Value = 0;
  for (unsigned I = 0; I < Digits; ++I) {
    unsigned H = llvm::hexDigitValue(Raw[Pos + I]);
    if (H == -1U)
      return false;
    Value = Value * 16 + H;
  }
  return true;
}

// `$${` and `%%{` at Raw[Pos]: appends the escaped opener, returns its length.
size_t templateEscape(llvm::StringRef Raw, size_t Pos, std::string &Out) {
  llvm::StringRef Rest = Raw.substr(Pos);
  if (Rest.startswith("$${") || Rest.startswith("%%{")) {
    Out += Rest[0];
    Out += '{';
    return 3;
  }
  return 0;
}

// A backslash escape at Raw[Pos]; returns its length, or 0 when invalid.
size_t backslashEscape(llvm::StringRef Raw, size_t Pos, std::string &Out) {
  if (Pos + 1 >= Raw.size())
    return 0;
  switch (Raw[Pos + 1]) {
  case 'n':
    Out += '\n';
    return 2;
  case 'r':
    Out += '\r';
    return 2;
  case 't':
    Out += '\t';
    return 2;
  case '"':
    Out += '"';
    return 2;
  case '\\':
    Out += '\\';
    return 2;
  case 'u':
  case 'U': {
    unsigned Digits = Raw[Pos + 1] == 'u' ? 4 : 8;
    uint32_t CodePoint;
    if (!readHex(Raw, Pos + 2, Digits, CodePoint))
      return 0;
    appendCodePoint(Out, CodePoint);
    return 2 + Digits;
  }
  default:
    return 0;
  }
}

std::string decode(llvm::StringRef Raw, bool Backslashes) {
  std::string Out;
  Out.reserve(Raw.size());
  for (size_t Pos = 0; Pos < Raw.size();) {
    char C = Raw[Pos];
    size_t Used = 0;
    if (C == '\\' && Backslashes)
      Used = backslashEscape(Raw, Pos, Out);
    else if (C == '$' || C == '%')
      Used = templateEscape(Raw, Pos, Out);
    if (Used) {
      Pos += Used;
      continue;
    }
    Out += C;
    ++Pos;
  }
  return Out;
}

} // namespace

std::string decodeQuoted(llvm::StringRef Raw) { return decode(Raw, true); }

std::string decodeHeredoc(llvm::StringRef Raw) { return decode(Raw, false); }

bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\v' ||
         C == '\f';
}

HeredocIndent flushIndent(llvm::StringRef Source,
                          llvm::ArrayRef<TemplatePiece> Pieces) {
  // Follows HCL's flushHeredocTemplateParts, where every line of literal
  // text is its own token: only tokens that begin a line are measured.
  HeredocIndent Indent;
  size_t Min = std::numeric_limits<size_t>::max();
  bool AtLineStart = true;
  for (const TemplatePiece &P : Pieces) {
    if (!P.Literal) {
      if (AtLineStart)
        Min = 0;
      AtLineStart = false;
      continue;
    }
    for (uint32_t Line = P.Begin; Line < P.End;) {
      size_t Newline = Source.find('\n', Line);
      uint32_t LineEnd = Newline == llvm::StringRef::npos || Newline >= P.End
                             ? P.End
                             : static_cast<uint32_t>(Newline + 1);
      llvm::StringRef Text = Source.slice(Line, LineEnd);
      if (AtLineStart) {
        size_t Spaces = 0;
        while (Spaces < Text.size() && isSpace(Text[Spaces]) &&
               Text[Spaces] != '\n')
          ++Spaces;
        bool Blank = Spaces + 1 == Text.size() && Text.back() == '\n';
        if (!Blank) {
          Min = std::min(Min, Spaces);
          Indent.LineStarts.push_back(Line);
        }
      }
      AtLineStart = Text.endswith("\n");
      Line = LineEnd;
    }
  }
  Indent.Width = Min == std::numeric_limits<size_t>::max() ? 0 : Min;
  return Indent;
}

std::string removeIndent(llvm::StringRef Source, uint32_t Begin, uint32_t End,
                         const HeredocIndent &Indent) {
  std::string Out;
  auto It = std::lower_bound(Indent.LineStarts.begin(), Indent.LineStarts.end(),
                             Begin);
  uint32_t Pos = Begin;
  for (; It != Indent.LineStarts.end() && *It < End; ++It) {
    Out.append(Source.data() + Pos, *It - Pos);
    // Every trimmed line has at least Width leading whitespace characters.
    Pos = std::min<uint32_t>(*It + Indent.Width, End);
  }
  Out.append(Source.data() + Pos, End - Pos);
  return Out;
}

void trimSpace(std::string &Text, bool Front, bool Back) {
  if (Back) {
    size_t N = Text.size();
    while (N > 0 && isSpace(Text[N - 1]))
      --N;
    Text.resize(N);
  }
  if (Front) {
    size_t N = 0;
    while (N < Text.size() && isSpace(Text[N]))
      ++N;
    Text.erase(0, N);
  }
}

} // namespace rampart::parsers::hcl
