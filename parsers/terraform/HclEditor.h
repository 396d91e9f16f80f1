//===- HclEditor.h - Format-preserving edits of Terraform blocks -*- C++
//-*-===//
//
// The HCL half of the fix engine: set an attribute in a block body (going
// into nested blocks by type, creating those that are missing), or remove
// one, as text edits that keep the rest as written. A new attribute goes
// after the body's last attribute, with its indentation; where the run of
// attributes aligns its `=` signs (as `terraform fmt` does), the new one
// is aligned too, and the run is realigned when its name is longer. An
// attribute whose value is a heredoc is followed after its closing marker.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_TERRAFORM_HCLEDITOR_H
#define RAMPART_PARSERS_TERRAFORM_HCLEDITOR_H

#include "parsers/common/Document.h"
#include "parsers/common/TextEdit.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace rampart::parsers {

/// Edits that make the attribute at Path hold ValueHcl (HCL text: `true`,
/// `"TLS1_2"`). Path is nested block types, then the attribute's name, from
/// Body (an Op "body" node of Doc): {"versioning", "enabled"}.
llvm::Expected<std::vector<TextEdit>>
setHclAttribute(const Document &Doc, const Node &Body,
                llvm::ArrayRef<std::string> Path, llvm::StringRef ValueHcl);

/// Edits that remove the attribute at Path with its line; none when it is
/// not there.
llvm::Expected<std::vector<TextEdit>>
removeHclAttribute(const Document &Doc, const Node &Body,
                   llvm::ArrayRef<std::string> Path);

} // namespace rampart::parsers

#endif
