//===- Hash.cpp - Azure's uniqueString() and guid() -----------------------===//
//
// Both must produce exactly Azure's values, since templates use them to name
// resources and role assignments.
//
// uniqueString: Azure's "MurmurHash64" (Microsoft.PowerPlatform.ResourceStack)
// is not MurmurHash64A: it runs two interleaved 32-bit MurmurHash3-style lanes
// over 8-byte blocks with its own mixing constants and combines them into 64
// bits. It is written here because no library in our stack (LLVM Support,
// nlohmann, yaml-cpp) has this variant. The 64 bits are printed as 13 base32
// digits (RFC 4648 alphabet, lower case), five bits at a time from the top.
// Checked against the algorithm and vectors of the public reimplementation
// "uniquestring.sh" (pure-bash Bicep uniqueString, verified there against
// Bicep output).
//
// guid: an RFC 4122 name-based v5 UUID (SHA-1) in namespace
// 11fb06fb-712d-4ddd-98c7-e71bbd588830 over the UTF-8 bytes of the arguments
// joined by '-', as the public Go, Python and PowerShell reimplementations do.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/arm/Evaluator.h"

#include "llvm/Support/SHA1.h"

#include <algorithm>

namespace rampart::eval::arm {

namespace {

uint32_t rotl(uint32_t X, int R) { return (X << R) | (X >> (32 - R)); }

uint32_t le32(const uint8_t *P, size_t N) {
  uint32_t V = 0;
  for (size_t I = 0; I < N && I < 4; ++I)
    V |= static_cast<uint32_t>(P[I]) << (8 * I);
  return V;
}

uint32_t fmix(uint32_t H) {
  H = (H ^ (H >> 16)) * 0x85EBCA6Bu;
  H = (H ^ (H >> 13)) * 0xC2B2AE35u;
  return H ^ (H >> 16);
}

uint64_t azureMurmur64(llvm::StringRef Data) {
  constexpr uint32_t C1 = 0x239B961Bu; // 597399067
  constexpr uint32_t C2 = 0xAB0E9789u; // 2869860233
  const auto *Bytes = reinterpret_cast<const uint8_t *>(Data.data());
  size_t Length = Data.size();
  uint32_t H1 = 0, H2 = 0;
  size_t I = 0;
  for (; I + 8 <= Length; I += 8) {
    uint32_t K1 = le32(Bytes + I, 4);
    uint32_t K2 = le32(Bytes + I + 4, 4);
    K1 = rotl(K1 * C1, 15) * C2;
    H1 = rotl(H1 ^ K1, 19) + H2;
    H1 = H1 * 5 + 0x561CCD1Bu;
    K2 = rotl(K2 * C2, 17) * C1;
    H2 = rotl(H2 ^ K2, 13) + H1;
    H2 = H2 * 5 + 0x0BCAA747u;
  }
  size_t Rem = Length - I;
  if (Rem > 0) {
    uint32_t K1 = le32(Bytes + I, Rem);
    H1 ^= rotl(K1 * C1, 15) * C2;
    if (Rem > 4) {
      uint32_t K2 = le32(Bytes + I + 4, Rem - 4);
      H2 ^= rotl(K2 * C2, 17) * C1;
    }
  }
  uint32_t Len = static_cast<uint32_t>(Length);
  H2 ^= Len;
  H1 = (H1 ^ Len) + H2;
  H2 += H1;
  H1 = fmix(H1);
  H2 = fmix(H2);
  H1 += H2;
  H2 += H1;
  return (static_cast<uint64_t>(H2) << 32) | H1;
}

} // namespace

std::string azureUniqueString(llvm::StringRef JoinedArgs) {
  static constexpr char Alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  uint64_t H = azureMurmur64(JoinedArgs);
  std::string Out;
  for (int I = 0; I < 13; ++I) {
    Out += Alphabet[(H >> 59) & 31];
    H <<= 5;
  }
  return Out;
}

std::string azureGuid(llvm::StringRef JoinedArgs) {
  static constexpr uint8_t Namespace[16] = {0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d,
                                            0x4d, 0xdd, 0x98, 0xc7, 0xe7, 0x1b,
                                            0xbd, 0x58, 0x88, 0x30};
  llvm::SHA1 Hasher;
  Hasher.update(llvm::ArrayRef<uint8_t>(Namespace, 16));
  Hasher.update(JoinedArgs);
  llvm::StringRef Digest = Hasher.final();
  uint8_t Hash[20];
  std::copy(Digest.bytes_begin(), Digest.bytes_begin() + 20, Hash);
  Hash[6] = (Hash[6] & 0x0F) | 0x50;
  Hash[8] = (Hash[8] & 0x3F) | 0x80;
  static constexpr char Hex[] = "0123456789abcdef";
  std::string Out;
  for (int I = 0; I < 16; ++I) {
    if (I == 4 || I == 6 || I == 8 || I == 10)
      Out += '-';
    Out += Hex[Hash[I] >> 4];
    Out += Hex[Hash[I] & 15];
  }
  return Out;
}

} // namespace rampart::eval::arm
