//===- Cidr.cpp - IPv4 and IPv6 address ranges ----------------------------===//
#include "analyzer/eval/Cidr.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <vector>

namespace rampart::eval {

std::optional<U128> parseIPv4(llvm::StringRef S, bool AllowLeadingZeros) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  S.split(Parts, '.');
  if (Parts.size() != 4)
    return std::nullopt;
  U128 Out = 0;
  for (llvm::StringRef P : Parts) {
    unsigned V;
    size_t MaxDigits = AllowLeadingZeros ? 10 : 3;
    if (P.empty() || P.size() > MaxDigits || !llvm::all_of(P, llvm::isDigit) ||
        P.getAsInteger(10, V) || V > 255)
      return std::nullopt;
    Out = Out << 8 | V;
  }
  return Out;
}

namespace {
/// Hex groups of one side of "::"; an IPv4 tail counts as two groups.
bool readGroups(llvm::StringRef Part, bool LastSide,
                std::vector<unsigned> &Out) {
  if (Part.empty())
    return true;
  llvm::SmallVector<llvm::StringRef, 8> Groups;
  Part.split(Groups, ':');
  for (size_t I = 0; I < Groups.size(); ++I) {
    llvm::StringRef G = Groups[I];
    if (LastSide && I + 1 == Groups.size() && G.contains('.')) {
      auto V4 = parseIPv4(G);
      if (!V4)
        return false;
      Out.push_back(static_cast<unsigned>(*V4 >> 16));
      Out.push_back(static_cast<unsigned>(*V4 & 0xFFFF));
      return true;
    }
    unsigned V;
    if (G.empty() || G.size() > 4 || !llvm::all_of(G, llvm::isHexDigit) ||
        G.getAsInteger(16, V))
      return false;
    Out.push_back(V);
  }
  return true;
}
} // namespace

std::optional<U128> parseIPv6(llvm::StringRef S) {
  std::vector<unsigned> Head, Tail;
  size_t Gap = S.find("::");
  if (Gap == llvm::StringRef::npos) {
    if (!readGroups(S, true, Head) || Head.size() != 8)
      return std::nullopt;
  } else {
    if (S.find("::", Gap + 1) != llvm::StringRef::npos ||
        !readGroups(S.take_front(Gap), false, Head) ||
        !readGroups(S.drop_front(Gap + 2), true, Tail) ||
        Head.size() + Tail.size() > 7)
      return std::nullopt;
    Head.resize(8 - Tail.size(), 0);
    llvm::append_range(Head, Tail);
  }
  U128 Out = 0;
  for (unsigned G : Head)
    Out = Out << 16 | G;
  return Out;
}

std::optional<Cidr> parseCidr(llvm::StringRef S, bool AllowLeadingZeros) {
  auto [Addr, Len] = S.split('/');
  Cidr Out;
  unsigned Prefix;
  if (Len.empty() || !llvm::all_of(Len, llvm::isDigit) ||
      Len.getAsInteger(10, Prefix))
    return std::nullopt;
  if (auto V4 = parseIPv4(Addr, AllowLeadingZeros)) {
    Out.Address = *V4;
  } else if (auto V6 = parseIPv6(Addr)) {
    Out.V6 = true;
    Out.Address = *V6;
  } else {
    return std::nullopt;
  }
  if (Prefix > Out.bits())
    return std::nullopt;
  Out.Prefix = Prefix;
  return Out;
}

std::string formatIPv4(U128 Address) {
  auto B = static_cast<uint32_t>(Address);
  return std::to_string(B >> 24) + "." + std::to_string(B >> 16 & 255) + "." +
         std::to_string(B >> 8 & 255) + "." + std::to_string(B & 255);
}

std::string formatIPv6(U128 Address) {
  unsigned G[8];
  for (int I = 7; I >= 0; --I, Address >>= 16)
    G[I] = static_cast<unsigned>(Address & 0xFFFF);
  int Best = -1, BestLen = 1;
  for (int I = 0; I < 8;) {
    if (G[I] != 0) {
      ++I;
      continue;
    }
    int J = I;
    while (J < 8 && G[J] == 0)
      ++J;
    if (J - I > BestLen) {
      Best = I;
      BestLen = J - I;
    }
    I = J;
  }
  std::string Out;
  for (int I = 0; I < 8; ++I) {
    if (I == Best) {
      Out += "::";
      I += BestLen - 1;
      continue;
    }
    if (!Out.empty() && Out.back() != ':')
      Out += ':';
    Out += llvm::utohexstr(G[I], /*LowerCase=*/true);
  }
  return Out;
}

} // namespace rampart::eval
