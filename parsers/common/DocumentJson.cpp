//===- DocumentJson.cpp - The document tree as JSON -----------------------===//
#include "parsers/common/DocumentJson.h"

namespace rampart {

using json = nlohmann::ordered_json;

json rangeToJson(const SourceRange &R) {
  return {{"start", {{"line", R.Start.Line}, {"column", R.Start.Column}}},
          {"end", {{"line", R.End.Line}, {"column", R.End.Column}}}};
}

json diagnosticToJson(const Diagnostic &D) {
  return {{"severity", severityName(D.Level).str()},
          {"message", D.Message},
          {"range", rangeToJson(D.Range)}};
}

static json entriesToJson(const std::vector<MapEntry> &Entries) {
  json Out = json::array();
  for (const MapEntry &E : Entries)
    Out.push_back({{"key", E.Key},
                   {"keyRange", rangeToJson(E.KeyRange)},
                   {"value", E.Value ? nodeToJson(*E.Value) : json()}});
  return Out;
}

static json itemsToJson(const std::vector<Node *> &Items) {
  json Out = json::array();
  for (const Node *I : Items)
    Out.push_back(I ? nodeToJson(*I) : json());
  return Out;
}

json nodeToJson(const Node &N) {
  json Out = {{"kind", nodeKindName(N.Kind).str()},
              {"range", rangeToJson(N.Range)}};
  switch (N.Kind) {
  case NodeKind::Null:
    break;
  case NodeKind::Bool:
    Out["value"] = N.BoolValue;
    break;
  case NodeKind::Number:
    Out["text"] = N.Text;
    if (auto V = N.number())
      Out["value"] = *V;
    break;
  case NodeKind::String:
    Out["value"] = N.Text;
    break;
  case NodeKind::List:
    Out["items"] = itemsToJson(N.Items);
    break;
  case NodeKind::Map:
    Out["entries"] = entriesToJson(N.Entries);
    break;
  case NodeKind::Expression:
    Out["op"] = N.Op;
    if (!N.Text.empty())
      Out["text"] = N.Text;
    if (!N.Items.empty())
      Out["items"] = itemsToJson(N.Items);
    if (!N.Entries.empty())
      Out["entries"] = entriesToJson(N.Entries);
    break;
  }
  return Out;
}

json documentToJson(const Document &Doc) {
  json Diags = json::array();
  for (const Diagnostic &D : Doc.diagnostics())
    Diags.push_back(diagnosticToJson(D));
  return {{"file", Doc.file().path().str()},
          {"dialect", dialectName(Doc.dialect()).str()},
          {"role", fileRoleName(Doc.role()).str()},
          {"document", Doc.root() ? nodeToJson(*Doc.root()) : json()},
          {"diagnostics", std::move(Diags)}};
}

} // namespace rampart
