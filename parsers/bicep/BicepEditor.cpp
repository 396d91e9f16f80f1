//===- BicepEditor.cpp - Format-preserving edits of Bicep objects ---------===//
#include "parsers/bicep/BicepEditor.h"

#include "llvm/ADT/StringExtras.h"

namespace rampart::parsers {

namespace {

/// `name` for an identifier, else `'a key'` with Bicep's escapes.
std::string bicepKey(llvm::StringRef Key) {
  bool Identifier =
      !Key.empty() && (llvm::isAlpha(Key[0]) || Key[0] == '_') &&
      llvm::all_of(Key, [](char C) { return llvm::isAlnum(C) || C == '_'; });
  if (Identifier)
    return Key.str();
  std::string Out = "'";
  for (char C : Key) {
    if (C == '\'' || C == '\\')
      Out += '\\';
    if (C == '$')
      Out += '\\';
    Out += C;
  }
  return Out + "'";
}

const ObjectSyntax BicepSyntax{bicepKey, /*CommasBetweenLines=*/false,
                               /*Quote=*/'\''};

} // namespace

llvm::Expected<std::vector<TextEdit>>
setBicepValue(const Document &Doc, const Node &Object,
              llvm::ArrayRef<std::string> Path, llvm::StringRef ValueBicep) {
  // Bicep property names are case-sensitive in the language, but ARM
  // compares them ignoring case; a fix matches the name as written.
  return setObjectValue(Doc, Object, {Path.vec(), /*IgnoreCase=*/true},
                        ValueBicep, BicepSyntax);
}

llvm::Expected<std::vector<TextEdit>>
removeBicepKey(const Document &Doc, const Node &Object,
               llvm::ArrayRef<std::string> Path) {
  return removeObjectKey(Doc, Object, {Path.vec(), /*IgnoreCase=*/true},
                         BicepSyntax);
}

} // namespace rampart::parsers
