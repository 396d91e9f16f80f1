//===- Glob.cpp - IAM and Azure operation patterns ------------------------===//
#include "analyzer/check/Glob.h"

#include "llvm/ADT/StringExtras.h"

namespace rampart::check {

bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text) {
  size_t P = 0, T = 0, StarP = llvm::StringRef::npos, StarT = 0;
  while (T < Text.size()) {
    if (P < Pattern.size() &&
        (Pattern[P] == '?' ||
         llvm::toLower(Pattern[P]) == llvm::toLower(Text[T]))) {
      ++P;
      ++T;
    } else if (P < Pattern.size() && Pattern[P] == '*') {
      StarP = P++;
      StarT = T;
    } else if (StarP != llvm::StringRef::npos) {
      P = StarP + 1;
      T = ++StarT;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

} // namespace rampart::check
