//===- HtmlText.cpp - Text made safe for HTML, SVG and XML ----------------===//
#include "analyzer/report/HtmlText.h"

#include "llvm/Support/ConvertUTF.h"

namespace rampart::report {

namespace {

constexpr llvm::StringLiteral Replacement = "\xEF\xBF\xBD"; // U+FFFD

/// The length of the valid UTF-8 sequence at the start of S, or 0.
size_t validSequence(llvm::StringRef S) {
  auto *Begin = reinterpret_cast<const llvm::UTF8 *>(S.data());
  unsigned N = llvm::getNumBytesForUTF8(Begin[0]);
  if (N == 0 || N > S.size() || !llvm::isLegalUTF8Sequence(Begin, Begin + N))
    return 0;
  return N;
}

bool allowedControl(char C) { return C == '\t' || C == '\n' || C == '\r'; }

} // namespace

std::string sanitizeText(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  while (!Text.empty()) {
    unsigned char C = Text.front();
    if (C < 0x80) {
      if (C < 0x20 && !allowedControl(C))
        Out += Replacement;
      else if (C == 0x7F)
        Out += Replacement;
      else
        Out += static_cast<char>(C);
      Text = Text.drop_front();
      continue;
    }
    size_t N = validSequence(Text);
    if (N == 0) {
      Out += Replacement;
      Text = Text.drop_front();
      continue;
    }
    Out += Text.take_front(N);
    Text = Text.drop_front(N);
  }
  return Out;
}

std::string escapeMarkup(llvm::StringRef Text) {
  std::string Clean = sanitizeText(Text);
  std::string Out;
  Out.reserve(Clean.size());
  for (char C : Clean) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string truncateText(llvm::StringRef Text, size_t Max) {
  std::string Clean = sanitizeText(Text);
  // Count characters by their lead bytes: the text is valid UTF-8 now.
  size_t Chars = 0, Cut = Clean.size();
  for (size_t I = 0; I < Clean.size(); ++I) {
    if ((static_cast<unsigned char>(Clean[I]) & 0xC0) == 0x80)
      continue;
    if (Chars == (Max > 0 ? Max - 1 : 0) && Cut == Clean.size())
      Cut = I;
    ++Chars;
  }
  if (Chars <= Max)
    return Clean;
  return Clean.substr(0, Cut) + "\xE2\x80\xA6"; // …
}

} // namespace rampart::report
