//===- Render.cpp - A value as each dialect writes it ---------------------===//
#include "analyzer/fix/Render.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

#include <nlohmann/json.hpp>

namespace rampart::fix {

namespace {

using llvm::StringRef;

bool isIdentifier(StringRef S) {
  return !S.empty() && (llvm::isAlpha(S[0]) || S[0] == '_') &&
         llvm::all_of(S, [](char C) {
           return llvm::isAlnum(C) || C == '_' || C == '-';
         });
}

std::string number(const model::Value &V) {
  if (V.is(model::ValueKind::Int))
    return std::to_string(V.asInt());
  return nlohmann::json(V.asNumber()).dump();
}

std::string jsonString(StringRef S) { return nlohmann::json(S.str()).dump(); }

/// Bicep: single quotes; `\'`, `\\` and `\${` are its escapes.
std::string bicepString(StringRef S) {
  std::string Out = "'";
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    if (C == '\'' || C == '\\' ||
        (C == '$' && I + 1 < S.size() && S[I + 1] == '{'))
      Out += '\\';
    if (C == '\n') {
      Out += "\\n";
      continue;
    }
    Out += C;
  }
  return Out + "'";
}

/// HCL: JSON's escapes, and `$${`/`%%{` so no template starts.
std::string hclString(StringRef S) {
  std::string Json = jsonString(S), Out;
  for (size_t I = 0; I < Json.size(); ++I) {
    if ((Json[I] == '$' || Json[I] == '%') && I + 1 < Json.size() &&
        Json[I + 1] == '{')
      Out += Json[I];
    Out += Json[I];
  }
  return Out;
}

/// YAML: plain when nothing in it could be read as something else, else
/// single quotes (which escape only themselves).
std::string yamlString(StringRef S) {
  static const char *const Ambiguous[] = {
      "true", "false", "null",  "yes",  "no",  "on", "off",
      "~",    "True",  "False", "Null", "Yes", "No", "On",
      "Off",  "TRUE",  "FALSE", "NULL", "Y",   "N"};
  bool Plain =
      !S.empty() && S.trim() == S &&
      llvm::all_of(S,
                   [](char C) {
                     return llvm::isAlnum(C) || StringRef("_-./").contains(C);
                   }) &&
      !llvm::isDigit(S[0]) && S[0] != '-' && S[0] != '.' &&
      llvm::none_of(Ambiguous, [&](const char *A) { return S == A; });
  if (Plain)
    return S.str();
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("''") : std::string(1, C);
  return Out + "'";
}

std::string keyOf(StringRef Key, Syntax S) {
  switch (S) {
  case Syntax::Json:
  case Syntax::ArmJson:
    return jsonString(Key);
  case Syntax::Bicep:
    return isIdentifier(Key) && !Key.contains('-') ? Key.str()
                                                   : bicepString(Key);
  case Syntax::Hcl:
    return isIdentifier(Key) ? Key.str() : hclString(Key);
  case Syntax::Yaml:
    return yamlString(Key);
  }
  return Key.str();
}

std::optional<std::string> renderIn(const model::Value &V, Syntax S,
                                    unsigned Depth) {
  if (Depth > 64)
    return std::nullopt;
  switch (V.kind()) {
  case model::ValueKind::Null:
    return std::string("null");
  case model::ValueKind::Bool:
    return std::string(V.asBool() ? "true" : "false");
  case model::ValueKind::Int:
  case model::ValueKind::Float:
    return number(V);
  case model::ValueKind::String:
    switch (S) {
    case Syntax::Json:
      return jsonString(V.asString());
    case Syntax::ArmJson:
      // A string starting with `[` is an ARM expression; `[[` escapes it.
      return jsonString(V.asString().startswith("[")
                            ? ("[" + V.asString()).str()
                            : V.asString().str());
    case Syntax::Bicep:
      return bicepString(V.asString());
    case Syntax::Hcl:
      return hclString(V.asString());
    case Syntax::Yaml:
      return yamlString(V.asString());
    }
    return std::nullopt;
  case model::ValueKind::Array: {
    std::string Out = "[";
    for (size_t I = 0; I < V.items().size(); ++I) {
      std::optional<std::string> Item = renderIn(V.items()[I], S, Depth + 1);
      if (!Item)
        return std::nullopt;
      Out += (I ? ", " : "") + *Item;
    }
    return Out + "]";
  }
  case model::ValueKind::Object: {
    if (V.members().empty())
      return std::string("{}");
    StringRef Assign = S == Syntax::Hcl ? " = " : ": ";
    bool Padded = S == Syntax::Bicep || S == Syntax::Hcl;
    std::string Out = Padded ? "{ " : "{";
    for (size_t I = 0; I < V.members().size(); ++I) {
      const model::Member &M = V.members()[I];
      std::optional<std::string> Item = renderIn(M.V, S, Depth + 1);
      if (!Item)
        return std::nullopt;
      Out += (I ? ", " : "") + keyOf(M.Key, S) + Assign.str() + *Item;
    }
    return Out + (Padded ? " }" : "}");
  }
  case model::ValueKind::Unknown:
  case model::ValueKind::Expression:
    return std::nullopt; // never written: a fix does not guess
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> render(const model::Value &V, Syntax S) {
  return renderIn(V, S, 0);
}

} // namespace rampart::fix
