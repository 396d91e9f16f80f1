//===- Cidr.h - IPv4 and IPv6 address ranges --------------------*- C++ -*-===//
//
// Address arithmetic shared by the ARM (parseCidr, cidrSubnet, cidrHost) and
// Terraform (cidrsubnet, cidrhost, cidrnetmask, cidrsubnets) libraries.
// Addresses are 128-bit integers; an IPv4 address uses the low 32 bits.
// Each library keeps its own rules for text output and host numbering.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_CIDR_H
#define RAMPART_ANALYZER_EVAL_CIDR_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace rampart::eval {

using U128 = unsigned __int128;

struct Cidr {
  bool V6 = false;
  U128 Address = 0;
  unsigned Prefix = 0;

  unsigned bits() const { return V6 ? 128 : 32; }
  /// All address bits set.
  U128 all() const { return V6 ? ~U128(0) : U128(0xFFFFFFFFu); }
  U128 mask() const { return maskOf(Prefix); }
  U128 maskOf(unsigned Length) const {
    if (Length == 0)
      return 0;
    return (all() << (bits() - Length)) & all();
  }
  U128 network() const { return Address & mask(); }
  /// The last address of the range (the broadcast address for IPv4).
  U128 last() const { return network() | (~mask() & all()); }
};

/// Dotted-quad IPv4. With AllowLeadingZeros, parts may have any number of
/// digits, read as decimal (Go's parser before 1.17, which Terraform
/// keeps); otherwise at most three.
std::optional<U128> parseIPv4(llvm::StringRef S,
                              bool AllowLeadingZeros = false);
/// IPv6 with an optional "::" and an optional trailing dotted IPv4 part.
std::optional<U128> parseIPv6(llvm::StringRef S);
/// "address/length"; the address keeps its host bits.
std::optional<Cidr> parseCidr(llvm::StringRef S,
                              bool AllowLeadingZeros = false);

std::string formatIPv4(U128 Address);
/// RFC 5952 text: lower-case groups without leading zeros, the longest run
/// of two or more zero groups (the first of equals) written as "::".
std::string formatIPv6(U128 Address);

} // namespace rampart::eval

#endif
