//===- TextEdit.cpp - Edits on a file's original text ---------------------===//
#include "parsers/common/TextEdit.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart {

namespace {
bool overlaps(const TextEdit &A, const TextEdit &B) {
  // Insertions at one point do not overlap each other; an insertion inside
  // a replaced range does.
  if (A.Begin == A.End && B.Begin == B.End)
    return false;
  if (A.Begin == A.End)
    return B.Begin < A.Begin && A.Begin < B.End;
  if (B.Begin == B.End)
    return A.Begin < B.Begin && B.Begin < A.End;
  return A.Begin < B.End && B.Begin < A.End;
}
} // namespace

AppliedEdits applyEdits(llvm::StringRef Original,
                        llvm::ArrayRef<TextEdit> Edits) {
  AppliedEdits Out;
  std::vector<std::pair<TextEdit, size_t>> Kept; // with the given order
  for (size_t I = 0; I < Edits.size(); ++I) {
    const TextEdit &E = Edits[I];
    bool Bad =
        E.Begin > E.End || E.End > Original.size() ||
        llvm::any_of(Kept, [&](const auto &K) { return overlaps(K.first, E); });
    if (Bad)
      Out.Rejected.push_back(E);
    else
      Kept.push_back({E, I});
  }
  // By position; at one position insertions come before the replacement
  // that starts there, and otherwise keep their given order.
  llvm::stable_sort(Kept, [](const auto &A, const auto &B) {
    if (A.first.Begin != B.first.Begin)
      return A.first.Begin < B.first.Begin;
    bool AInserts = A.first.Begin == A.first.End,
         BInserts = B.first.Begin == B.first.End;
    if (AInserts != BInserts)
      return AInserts;
    return A.second < B.second;
  });
  uint32_t At = 0;
  for (const auto &[E, Order] : Kept) {
    Out.Text.append(Original.begin() + At, Original.begin() + E.Begin);
    Out.Text += E.NewText;
    At = E.End;
  }
  Out.Text.append(Original.begin() + At, Original.end());
  return Out;
}

llvm::Error editError(const llvm::Twine &Message) {
  return llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument), Message);
}

TextEdit spanEdit(llvm::StringRef Before, llvm::StringRef After) {
  size_t Prefix = 0;
  while (Prefix < Before.size() && Prefix < After.size() &&
         Before[Prefix] == After[Prefix])
    ++Prefix;
  size_t Suffix = 0;
  while (Suffix < Before.size() - Prefix && Suffix < After.size() - Prefix &&
         Before[Before.size() - 1 - Suffix] == After[After.size() - 1 - Suffix])
    ++Suffix;
  return {uint32_t(Prefix), uint32_t(Before.size() - Suffix),
          After.slice(Prefix, After.size() - Suffix).str()};
}

} // namespace rampart
