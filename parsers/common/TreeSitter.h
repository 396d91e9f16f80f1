//===- TreeSitter.h - Thin wrappers over the tree-sitter C API -*- C++ -*-===//
//
// Owning handles, ranges and syntax-error reporting shared by the parsers
// built on tree-sitter grammars (Bicep, HCL).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_TREESITTER_H
#define RAMPART_PARSERS_COMMON_TREESITTER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceRange.h"

#include "llvm/ADT/StringRef.h"

#include <tree_sitter/api.h>

#include <memory>

namespace rampart::ts {

struct TreeDeleter {
  void operator()(TSTree *T) const { ts_tree_delete(T); }
};
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

/// Parses Text with the grammar; null only if tree-sitter refuses the
/// language (an ABI mismatch, a build error rather than an input error).
TreePtr parse(const TSLanguage *Language, llvm::StringRef Text);

/// The node's range; tree-sitter columns are bytes, as ours are.
inline SourceRange range(TSNode N) {
  TSPoint S = ts_node_start_point(N), E = ts_node_end_point(N);
  return {{ts_node_start_byte(N), S.row + 1, S.column + 1},
          {ts_node_end_byte(N), E.row + 1, E.column + 1}};
}

inline llvm::StringRef text(TSNode N, llvm::StringRef Source) {
  return Source.slice(ts_node_start_byte(N), ts_node_end_byte(N));
}

inline llvm::StringRef type(TSNode N) { return ts_node_type(N); }

/// The named child for a grammar field, or a null node.
inline TSNode field(TSNode N, llvm::StringRef Name) {
  return ts_node_child_by_field_name(N, Name.data(), Name.size());
}

/// Reports every ERROR and MISSING node under Root as an error diagnostic
/// with its exact range (at most MaxReported; the rest are counted).
void reportSyntaxErrors(TSNode Root, Document &Doc, unsigned MaxReported = 50);

} // namespace rampart::ts

#endif
