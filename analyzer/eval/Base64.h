//===- Base64.h - Decoding standard base64 ---------------------*- C++ -*-===//
//
// LLVM 14 has llvm::encodeBase64 but no decoder (it came in LLVM 15), so the
// ARM and Terraform libraries share this one.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_BASE64_H
#define RAMPART_ANALYZER_EVAL_BASE64_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace rampart::eval {

/// Decodes padded standard base64 (RFC 4648 section 4); nullopt if In is not
/// that. Callers strip what their dialect ignores (whitespace, line breaks).
std::optional<std::string> decodeBase64(llvm::StringRef In);

} // namespace rampart::eval

#endif
