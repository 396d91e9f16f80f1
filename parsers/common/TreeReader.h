//===- TreeReader.h - Reading our own config-like documents ----*- C++ -*-===//
//
// Policy files and `.rampart.yaml` are documents Rampart defines: reading
// them means checking keys and types and saying exactly where a file is
// not what it should be. TreeReader holds those typed accessors once; each
// reader derives from it and adds what its format means.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_TREEREADER_H
#define RAMPART_PARSERS_COMMON_TREEREADER_H

#include "parsers/common/Document.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace rampart {

/// "a mapping", "a list", ...: what a node is, for messages.
std::string kindWord(const Node *N);

/// The word of Known closest to Word when it is close enough to be what
/// was meant (a typo), ignoring case.
std::optional<llvm::StringRef>
nearestWord(llvm::StringRef Word, llvm::ArrayRef<llvm::StringRef> Known);

class TreeReader {
public:
  explicit TreeReader(std::vector<Diagnostic> &Diags) : Diags(Diags) {}

protected:
  void error(SourceRange R, std::string Message) {
    Diags.push_back({Severity::Error, std::move(Message), R});
  }
  void warning(SourceRange R, std::string Message) {
    Diags.push_back({Severity::Warning, std::move(Message), R});
  }

  bool expectMap(const Node *N, llvm::StringRef What);
  /// Errors at each unknown key (naming the nearest known one, else all of
  /// them) and each duplicate; false when there was any.
  bool checkKeys(const Node *Map, llvm::ArrayRef<llvm::StringRef> Known,
                 llvm::StringRef What);
  /// The entry Key of Map, or null with an error at the map.
  const Node *required(const Node *Map, llvm::StringRef Key,
                       llvm::StringRef What);
  std::optional<std::string> text(const Node *N, llvm::StringRef What,
                                  bool AllowEmpty = true);
  /// A list of strings; one string is a list of one, as on a command line.
  std::optional<std::vector<std::string>>
  texts(const Node *N, llvm::StringRef What, bool AllowEmpty = true);
  std::optional<bool> boolean(const Node *N, llvm::StringRef What);

  std::vector<Diagnostic> &Diags;
};

} // namespace rampart

#endif
