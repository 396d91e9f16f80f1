//===- YamlSchema.h - Scalar resolution and CloudFormation tags -*- C++ -*-===//
//
// How an untagged plain scalar is typed (the YAML 1.2 core schema) and which
// local tags are CloudFormation's short-form intrinsic functions.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_CLOUDFORMATION_YAMLSCHEMA_H
#define RAMPART_PARSERS_CLOUDFORMATION_YAMLSCHEMA_H

#include "parsers/common/Document.h"

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace rampart::parsers::yaml {

/// `~`, `null`, `Null`, `NULL` or nothing.
bool isCoreNull(llvm::StringRef S);
/// The core schema's six boolean spellings; YAML 1.1's `yes`/`on` are strings.
std::optional<bool> coreBool(llvm::StringRef S);
/// Decimal with optional sign, `0o` octal or `0x` hexadecimal.
bool isCoreInt(llvm::StringRef S);
/// Decimal or exponent notation, `.inf` with optional sign, or `.nan`.
bool isCoreFloat(llvm::StringRef S);

/// The kind the core schema gives an untagged plain scalar; BoolValue is set
/// for booleans.
NodeKind resolvePlainScalar(llvm::StringRef S, bool &BoolValue);

/// The long-form name of a short-form intrinsic tag (`!Sub` -> `Fn::Sub`,
/// `!Ref` -> `Ref`), or an empty string when the tag is not one.
llvm::StringRef intrinsicForTag(llvm::StringRef Tag);

} // namespace rampart::parsers::yaml

#endif
