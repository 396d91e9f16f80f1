//===- Graph.cpp - Deployment units as JSON and Graphviz DOT --------------===//
#include "analyzer/report/Graph.h"

#include "analyzer/model/ValueJson.h"
#include "parsers/common/DocumentJson.h"

#include "llvm/ADT/StringMap.h"

namespace rampart::report {

using json = nlohmann::ordered_json;

namespace {

llvm::StringRef loopKindName(model::LoopInfo::LoopKind K) {
  using LoopKind = model::LoopInfo::LoopKind;
  switch (K) {
  case LoopKind::Copy:
    return "copy";
  case LoopKind::For:
    return "for";
  case LoopKind::Count:
    return "count";
  case LoopKind::ForEach:
    return "for_each";
  case LoopKind::None:
    break;
  }
  return "none";
}

json resourceToJson(const model::Resource &R) {
  const model::Origin &D = R.Declaration;
  json Out = {{"id", R.Id},
              {"type", R.Type},
              {"name", model::valueToJson(R.Name)},
              {"apiVersion", R.ApiVersion},
              {"file", D.File ? D.File->path().str() : std::string()},
              {"range", rangeToJson(D.Range)},
              {"properties", model::valueToJson(R.Properties)}};
  if (!R.SymbolicName.empty())
    Out["symbolicName"] = R.SymbolicName;
  if (R.Condition)
    Out["condition"] = model::valueToJson(*R.Condition);
  if (R.Existing)
    Out["existing"] = true;
  if (R.Loop.Kind != model::LoopInfo::LoopKind::None) {
    json Loop = {{"kind", loopKindName(R.Loop.Kind)},
                 {"expanded", R.Loop.Expanded}};
    if (R.Loop.Index)
      Loop["index"] = *R.Loop.Index;
    Out["loop"] = std::move(Loop);
  }
  if (!R.ProviderMajors.empty())
    Out["providerMajors"] = R.ProviderMajors;
  return Out;
}

/// A DOT double-quoted string.
std::string quote(llvm::StringRef S) {
  std::string Out = "\"";
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    if (C == '\n') {
      Out += "\\n";
      continue;
    }
    Out += C;
  }
  return Out + "\"";
}

std::string nameLabel(const model::Value &Name) {
  if (Name.is(model::ValueKind::String))
    return Name.asString().str();
  return "(unknown name)";
}

} // namespace

json unitToJson(const model::DeploymentUnit &U) {
  json Resources = json::array(), Edges = json::array(),
       Diagnostics = json::array();
  for (const model::Resource &R : U.Graph.resources())
    Resources.push_back(resourceToJson(R));
  for (const model::Edge &E : U.Graph.edges())
    Edges.push_back({{"from", E.From},
                     {"to", E.To},
                     {"kind", model::edgeKindName(E.Kind).str()}});
  for (const model::FileDiagnostic &D : U.Diagnostics)
    Diagnostics.push_back({{"file", D.File},
                           {"severity", severityName(D.D.Level).str()},
                           {"message", D.D.Message},
                           {"range", rangeToJson(D.D.Range)}});
  return {{"root", U.Root},
          {"dialect", dialectName(U.TheDialect).str()},
          {"resources", std::move(Resources)},
          {"edges", std::move(Edges)},
          {"diagnostics", std::move(Diagnostics)}};
}

json unitsToJson(llvm::ArrayRef<model::DeploymentUnit> Units) {
  json Out = json::array();
  for (const model::DeploymentUnit &U : Units)
    Out.push_back(unitToJson(U));
  return {{"units", std::move(Out)}};
}

std::string unitsToDot(llvm::ArrayRef<model::DeploymentUnit> Units) {
  std::string Out = "digraph rampart {\n  node [shape=box];\n";
  for (size_t I = 0; I < Units.size(); ++I) {
    const model::DeploymentUnit &U = Units[I];
    // Node names are unit-qualified: ids are unique only within a unit.
    auto NodeName = [&](llvm::StringRef Id) {
      return quote(std::to_string(I) + ":" + Id.str());
    };
    Out += "  subgraph " + quote("cluster_" + std::to_string(I)) + " {\n";
    Out += "    label=" + quote(U.Root) + ";\n";
    for (const model::Resource &R : U.Graph.resources())
      Out += "    " + NodeName(R.Id) +
             " [label=" + quote(R.Type + "\n" + nameLabel(R.Name)) + "];\n";
    Out += "  }\n";
    for (const model::Edge &E : U.Graph.edges())
      Out += "  " + NodeName(E.From) + " -> " + NodeName(E.To) +
             " [label=" + quote(model::edgeKindName(E.Kind)) + "];\n";
  }
  return Out + "}\n";
}

} // namespace rampart::report
