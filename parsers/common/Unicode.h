//===- Unicode.h - Small UTF-8 helpers shared by the parsers ---*- C++ -*-===//
#ifndef RAMPART_PARSERS_COMMON_UNICODE_H
#define RAMPART_PARSERS_COMMON_UNICODE_H

#include <cstdint>
#include <string>

namespace rampart {

/// Appends the UTF-8 encoding of CodePoint; a surrogate or an out-of-range
/// value becomes U+FFFD, so decoded strings are always valid UTF-8.
void appendCodePoint(std::string &Out, uint32_t CodePoint);

/// How many bytes UTF-8 takes for CodePoint.
unsigned utf8Length(uint32_t CodePoint);

} // namespace rampart

#endif
