//===- Base64.cpp - Decoding standard base64 ------------------------------===//
#include "analyzer/eval/Base64.h"

#include <cstdint>

namespace rampart::eval {

namespace {

int digitValue(char Ch) {
  if (Ch >= 'A' && Ch <= 'Z')
    return Ch - 'A';
  if (Ch >= 'a' && Ch <= 'z')
    return Ch - 'a' + 26;
  if (Ch >= '0' && Ch <= '9')
    return Ch - '0' + 52;
  if (Ch == '+')
    return 62;
  if (Ch == '/')
    return 63;
  return -1;
}

} // namespace

std::optional<std::string> decodeBase64(llvm::StringRef In) {
  if (In.size() % 4 != 0)
    return std::nullopt;
  std::string Out;
  for (size_t I = 0; I < In.size(); I += 4) {
    bool Last = I + 4 == In.size();
    int Pad = 0;
    uint32_t Bits = 0;
    for (size_t K = 0; K < 4; ++K) {
      char Ch = In[I + K];
      if (Ch == '=') {
        if (!Last || K < 2)
          return std::nullopt;
        ++Pad;
        Bits <<= 6;
        continue;
      }
      int D = digitValue(Ch);
      if (D < 0 || Pad > 0)
        return std::nullopt;
      Bits = Bits << 6 | D;
    }
    Out += static_cast<char>(Bits >> 16);
    if (Pad < 2)
      Out += static_cast<char>(Bits >> 8 & 0xFF);
    if (Pad < 1)
      Out += static_cast<char>(Bits & 0xFF);
  }
  return Out;
}

} // namespace rampart::eval
