//===- Unicode.cpp - Small UTF-8 helpers shared by the parsers ------------===//
#include "parsers/common/Unicode.h"

#include "llvm/Support/ConvertUTF.h"

namespace rampart {

void appendCodePoint(std::string &Out, uint32_t CodePoint) {
  char Buf[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
  char *P = Buf;
  if (!llvm::ConvertCodePointToUTF8(CodePoint, P)) {
    P = Buf;
    llvm::ConvertCodePointToUTF8(0xFFFD, P);
  }
  Out.append(Buf, P);
}

unsigned utf8Length(uint32_t CodePoint) {
  return CodePoint < 0x80      ? 1
         : CodePoint < 0x800   ? 2
         : CodePoint < 0x10000 ? 3
                               : 4;
}

} // namespace rampart
