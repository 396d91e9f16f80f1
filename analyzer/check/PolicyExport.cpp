//===- PolicyExport.cpp - A check as policy YAML --------------------------===//
//
// Strings are written as JSON strings (valid YAML double-quoted scalars) or,
// with line breaks, as literal blocks; values as JSON, which is YAML flow
// syntax. Both read back to exactly the same text and values.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/Policy.h"

#include "analyzer/model/ValueJson.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <nlohmann/json.hpp>

namespace rampart::check {

using model::Value;

namespace {

std::string yamlQuoted(llvm::StringRef S) {
  return nlohmann::json(S.str()).dump(-1, ' ', false,
                                      nlohmann::json::error_handler_t::replace);
}

std::string flow(const Value &V) {
  return model::valueToJson(V).dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// A literal block keeps multi-line text readable; only for text it
/// reproduces exactly (no tabs or carriage returns, no leading blank on the
/// first line, no trailing blanks on a line).
bool fitsLiteralBlock(llvm::StringRef S) {
  if (!S.contains('\n') || S.startswith(" ") || S.startswith("\n"))
    return false;
  if (llvm::any_of(S, [](char C) {
        return (static_cast<unsigned char>(C) < 0x20 && C != '\n') || C == 0x7f;
      }))
    return false;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  S.split(Lines, '\n');
  return llvm::none_of(Lines,
                       [](llvm::StringRef L) { return L.endswith(" "); });
}

class Writer {
public:
  std::string Out;

  void line(unsigned Indent, llvm::StringRef Text) {
    Out.append(Indent, ' ');
    Out += Text.str() + "\n";
  }
  void text(unsigned Indent, llvm::StringRef Key, llvm::StringRef S) {
    if (!fitsLiteralBlock(S)) {
      line(Indent, Key.str() + ": " + yamlQuoted(S));
      return;
    }
    // Chomping: "-" strips the last newline, "" keeps one, "+" keeps all.
    size_t Trailing = S.size() - S.rtrim('\n').size();
    const char *Chomp = Trailing == 0 ? "-" : Trailing == 1 ? "" : "+";
    line(Indent, Key.str() + ": |" + Chomp);
    llvm::SmallVector<llvm::StringRef, 16> Lines;
    S.rtrim('\n').split(Lines, '\n');
    for (llvm::StringRef L : Lines)
      if (L.empty())
        Out += "\n";
      else
        line(Indent + 2, L);
    for (size_t I = 1; I < Trailing; ++I)
      Out += "\n";
  }
  void texts(unsigned Indent, llvm::StringRef Key,
             llvm::ArrayRef<std::string> List) {
    std::vector<std::string> Q;
    for (const std::string &S : List)
      Q.push_back(yamlQuoted(S));
    line(Indent, Key.str() + ": [" + llvm::join(Q, ", ") + "]");
  }
};

void writeRule(Writer &W, unsigned Indent, const PropertyRule &R,
               bool ListItem) {
  // A list item's first key goes after its "- ".
  std::string First = ListItem ? "- " : "";
  unsigned In = ListItem ? Indent + 2 : Indent;
  W.line(Indent, First + "path: " + yamlQuoted(R.paths().front()));
  if (R.paths().size() > 1)
    W.texts(In, "aliases", R.paths().drop_front());
  const TestSpec &T = R.test();
  switch (T.TheKind) {
  case TestSpec::Kind::Equals:
    W.line(In, "equals: " + flow(T.Values.front()));
    break;
  case TestSpec::Kind::OneOf:
  case TestSpec::Kind::NoneOf: {
    std::vector<std::string> Vs;
    for (const Value &V : T.Values)
      Vs.push_back(flow(V));
    W.line(In, std::string(T.TheKind == TestSpec::Kind::OneOf ? "oneOf"
                                                              : "noneOf") +
                   ": [" + llvm::join(Vs, ", ") + "]");
    break;
  }
  case TestSpec::Kind::Predicate: {
    W.line(In, "predicate:");
    W.line(In + 2, "name: " + yamlQuoted(T.Named.Name));
    if (!T.Named.Args.empty()) {
      W.line(In + 2, "args:");
      for (const auto &[Name, V] : T.Named.Args)
        W.line(In + 4, yamlQuoted(Name) + ": " + flow(V));
    }
    if (T.Named.Negated)
      W.line(In + 2, "negate: true");
    break;
  }
  case TestSpec::Kind::None:
  case TestSpec::Kind::Custom:
    break; // refused by exportable()
  }
  // Defaults after a fixed outcome are never reached: the outcome becomes
  // `missing`, and they are left out.
  std::vector<std::string> Values;
  const char *Missing = nullptr;
  for (const DefaultSpec &D : R.defaults()) {
    if (!D.V) {
      Missing = D.Healthy ? "healthy" : "unhealthy";
      break;
    }
    std::string Item = "- value: " + flow(*D.V);
    if (D.Condition.kind() == DefaultCondition::Kind::ApiVersionSince)
      Item += "\n" + std::string(In + 4, ' ') +
              "when: {apiVersionSince: " + yamlQuoted(D.Condition.date()) + "}";
    else if (D.Condition.kind() == DefaultCondition::Kind::ApiVersionBefore)
      Item += "\n" + std::string(In + 4, ' ') +
              "when: {apiVersionBefore: " + yamlQuoted(D.Condition.date()) +
              "}";
    else if (D.Condition.kind() == DefaultCondition::Kind::ProviderMajorSince)
      Item += "\n" + std::string(In + 4, ' ') + "when: {providerMajorSince: " +
              std::to_string(D.Condition.major()) + "}";
    else if (D.Condition.kind() == DefaultCondition::Kind::ProviderMajorBefore)
      Item += "\n" + std::string(In + 4, ' ') + "when: {providerMajorBefore: " +
              std::to_string(D.Condition.major()) + "}";
    Values.push_back(std::move(Item));
  }
  if (!Values.empty()) {
    W.line(In, "defaults:");
    for (const std::string &V : Values)
      W.line(In + 2, V);
  }
  if (Missing)
    W.line(In, std::string("missing: ") + Missing);
}

void writeRules(Writer &W, unsigned Indent,
                llvm::ArrayRef<PropertyRule> Rules) {
  if (Rules.size() == 1) {
    W.line(Indent, "property:");
    writeRule(W, Indent + 2, Rules.front(), false);
    return;
  }
  W.line(Indent, "property:");
  for (const PropertyRule &R : Rules)
    writeRule(W, Indent + 2, R, true);
}

void writeBinding(Writer &W, const Binding &B,
                  llvm::ArrayRef<PropertyRule> Rules,
                  llvm::ArrayRef<GraphCondition> Graph,
                  llvm::ArrayRef<PropertyRule> AnyOf = {}) {
  W.line(2, "- family: " + familyName(B.TheFamily).str());
  if (B.TheFamily == Family::Terraform)
    W.line(4, "provider: " + yamlQuoted(B.Provider));
  W.texts(4, "types", B.Types);
  if (!Rules.empty())
    writeRules(W, 4, Rules);
  if (!AnyOf.empty()) {
    W.line(4, "anyOf:");
    for (const PropertyRule &R : AnyOf)
      writeRule(W, 6, R, true);
  }
  if (Graph.empty())
    return;
  W.line(4, "graph:");
  for (const GraphCondition &G : Graph) {
    W.line(6, "- relation: " + relationName(G.TheRelation).str());
    W.texts(8, "types", G.Types);
    W.line(8, std::string("exists: ") + (G.MustExist ? "true" : "false"));
    if (!G.Where.empty())
      writeRules(W, 8, G.Where);
  }
}

/// Why the binding cannot be written, or empty.
std::string unexportable(const Binding &B) {
  std::string Why;
  if (B.Declared) {
    for (const PropertyRule &R : B.Declared->Rules)
      if (!R.exportable(&Why))
        return Why;
    for (const PropertyRule &R : B.Declared->AnyOf)
      if (!R.exportable(&Why))
        return Why;
    for (const GraphCondition &G : B.Declared->Graph)
      for (const PropertyRule &R : G.Where)
        if (!R.exportable(&Why))
          return Why;
    return {};
  }
  if (!B.Rule)
    return "it is a C++ predicate, not a property rule";
  if (!B.Rule->exportable(&Why))
    return Why;
  return {};
}

} // namespace

std::optional<std::string> exportPolicy(const Check &C, std::string &Error) {
  for (const Binding &B : C.Bindings) {
    std::string Why = unexportable(B);
    if (Why.empty())
      continue;
    Error = "check " + C.Id + " cannot be exported: its " +
            familyName(B.TheFamily).str() + " binding (" +
            llvm::join(B.Types, ", ") + "): " + Why;
    return std::nullopt;
  }
  Writer W;
  W.line(0, "# " + C.Id + " as a rampart policy (checks/policy-format.md).");
  W.line(0, "# Give it an id of its own before loading it with --policy-dir:");
  W.line(0, "# a policy cannot reuse a built-in check's id.");
  W.line(0, "id: " + yamlQuoted(C.Id));
  W.text(0, "title", C.Title);
  W.line(0, "severity: " + levelName(C.Severity).str());
  if (!C.Control.empty())
    W.text(0, "control", C.Control);
  if (!C.Compliance.empty()) {
    W.line(0, "compliance:");
    for (const ComplianceId &Id : C.Compliance)
      W.line(2, "- {framework: " + yamlQuoted(Id.Framework) +
                    ", id: " + yamlQuoted(Id.Id) + "}");
  }
  if (!C.Why.empty())
    W.text(0, "why", C.Why);
  if (!C.Remediation.empty())
    W.text(0, "remediation", C.Remediation);
  if (!C.References.empty()) {
    W.line(0, "references:");
    for (const std::string &R : C.References)
      W.line(2, "- " + yamlQuoted(R));
  }
  W.line(0, "bindings:");
  for (const Binding &B : C.Bindings) {
    if (B.Declared)
      writeBinding(W, B, B.Declared->Rules, B.Declared->Graph,
                   B.Declared->AnyOf);
    else
      writeBinding(W, B, llvm::ArrayRef<PropertyRule>(*B.Rule), {});
  }
  return std::move(W.Out);
}

} // namespace rampart::check
