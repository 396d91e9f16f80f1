//===- Render.h - A value as each dialect writes it ------------*- C++ -*-===//
//
// A fix sets a property to a value (true, 'TLS1_2', a small object); the
// editors take the value as source text. This writes a known value in the
// syntax of each dialect, compactly on one line, the way a person would
// type it there: JSON for ARM and CloudFormation JSON, Bicep's single
// quotes, HCL's `=` objects, YAML's plain scalars where they are safe.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_FIX_RENDER_H
#define RAMPART_ANALYZER_FIX_RENDER_H

#include "analyzer/model/Value.h"
#include "parsers/common/Document.h"

#include <optional>
#include <string>

namespace rampart::fix {

/// CloudFormation and Terraform JSON are plain JSON; in ARM JSON a string
/// that starts with `[` is an expression and needs escaping.
enum class Syntax : uint8_t { Json, ArmJson, Bicep, Hcl, Yaml };

/// The value as text in syntax S; nullopt for a value that is not fully
/// known (a fix never writes a guess).
std::optional<std::string> render(const model::Value &V, Syntax S);

} // namespace rampart::fix

#endif
