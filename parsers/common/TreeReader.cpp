//===- TreeReader.cpp - Reading our own config-like documents -------------===//
#include "parsers/common/TreeReader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace rampart {

std::string kindWord(const Node *N) {
  switch (N->Kind) {
  case NodeKind::Null:
    return "nothing";
  case NodeKind::Bool:
    return "a boolean";
  case NodeKind::Number:
    return "a number";
  case NodeKind::String:
    return "a string";
  case NodeKind::List:
    return "a list";
  case NodeKind::Map:
    return "a mapping";
  case NodeKind::Expression:
    return "a tagged value";
  }
  return "a value";
}

std::optional<llvm::StringRef>
nearestWord(llvm::StringRef Word, llvm::ArrayRef<llvm::StringRef> Known) {
  std::optional<llvm::StringRef> Best;
  unsigned BestDistance = std::max<unsigned>(2, Word.size() / 3) + 1;
  std::string Lower = Word.lower();
  for (llvm::StringRef K : Known) {
    unsigned D = llvm::StringRef(Lower).edit_distance(K.lower());
    if (D < BestDistance) {
      BestDistance = D;
      Best = K;
    }
  }
  return Best;
}

bool TreeReader::expectMap(const Node *N, llvm::StringRef What) {
  if (N->is(NodeKind::Map))
    return true;
  error(N->Range, What.str() + " must be a mapping, not " + kindWord(N));
  return false;
}

bool TreeReader::checkKeys(const Node *Map,
                           llvm::ArrayRef<llvm::StringRef> Known,
                           llvm::StringRef What) {
  bool Ok = true;
  for (size_t I = 0; I < Map->Entries.size(); ++I) {
    const MapEntry &E = Map->Entries[I];
    if (!llvm::is_contained(Known, E.Key)) {
      std::string Message = "unknown key '" + E.Key + "' in " + What.str();
      if (std::optional<llvm::StringRef> Near = nearestWord(E.Key, Known))
        Message += "; did you mean '" + Near->str() + "'?";
      else
        Message += " (expected " + llvm::join(Known, ", ") + ")";
      error(E.KeyRange, std::move(Message));
      Ok = false;
      continue;
    }
    for (size_t J = 0; J < I; ++J)
      if (Map->Entries[J].Key == E.Key) {
        error(E.KeyRange, "duplicate key '" + E.Key + "' in " + What.str());
        Ok = false;
        break;
      }
  }
  return Ok;
}

const Node *TreeReader::required(const Node *Map, llvm::StringRef Key,
                                 llvm::StringRef What) {
  const Node *N = Map->get(Key);
  if (!N)
    error(Map->Range, What.str() + " needs '" + Key.str() + "'");
  return N;
}

std::optional<std::string> TreeReader::text(const Node *N, llvm::StringRef What,
                                            bool AllowEmpty) {
  if (N->is(NodeKind::String) && (AllowEmpty || !N->Text.empty()))
    return N->Text;
  error(N->Range, What.str() + " must be a" + (AllowEmpty ? "" : " non-empty") +
                      " string, not " +
                      (N->is(NodeKind::String) ? "an empty one" : kindWord(N)));
  return std::nullopt;
}

std::optional<std::vector<std::string>>
TreeReader::texts(const Node *N, llvm::StringRef What, bool AllowEmpty) {
  if (N->is(NodeKind::String)) {
    std::optional<std::string> T = text(N, What, AllowEmpty);
    if (!T)
      return std::nullopt;
    return std::vector<std::string>{*T};
  }
  if (!N->is(NodeKind::List)) {
    error(N->Range,
          What.str() + " must be a list of strings, not " + kindWord(N));
    return std::nullopt;
  }
  std::vector<std::string> Out;
  bool Ok = true;
  for (const Node *Item : N->Items) {
    std::optional<std::string> T =
        text(Item, "an item of " + What.str(), AllowEmpty);
    Ok &= T.has_value();
    if (T)
      Out.push_back(std::move(*T));
  }
  if (!Ok)
    return std::nullopt;
  return Out;
}

std::optional<bool> TreeReader::boolean(const Node *N, llvm::StringRef What) {
  if (N->is(NodeKind::Bool))
    return N->BoolValue;
  error(N->Range, What.str() + " must be true or false, not " + kindWord(N));
  return std::nullopt;
}

} // namespace rampart
