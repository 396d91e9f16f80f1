//===- MapJson.cpp - `rampart map --format json` --------------------------===//
#include "analyzer/report/MapJson.h"

#include "parsers/common/DocumentJson.h"

namespace rampart::report {

namespace {

using json = nlohmann::ordered_json;

json orNull(const std::string &S) {
  return S.empty() ? json(nullptr) : json(S);
}

llvm::StringRef nodeKindName(MapNode::NodeKind K) {
  switch (K) {
  case MapNode::NodeKind::Internet:
    return "internet";
  case MapNode::NodeKind::Anyone:
    return "anyone";
  case MapNode::NodeKind::Resource:
    break;
  }
  return "resource";
}

llvm::StringRef certaintyName(exposure::Certainty C) {
  return C == exposure::Certainty::Definite ? "definite" : "possible";
}

json originFile(const model::Origin &O) {
  return O.File ? json(O.File->path().str()) : json(nullptr);
}
json originRange(const model::Origin &O) {
  return O.File ? rangeToJson(O.Range) : json(nullptr);
}

json hopToJson(const exposure::Hop &H) {
  return {{"resource", orNull(H.ResourceId)},
          {"label", H.Label},
          {"file", originFile(H.Where)},
          {"range", originRange(H.Where)}};
}

json chainToJson(const std::vector<exposure::Hop> &Chain) {
  json Out = json::array();
  for (const exposure::Hop &H : Chain)
    Out.push_back(hopToJson(H));
  return Out;
}

json groupToJson(const MapGroup &G) {
  return {{"id", G.Id},
          {"kind", groupKindName(G.Kind)},
          {"name", G.Name},
          {"type", G.Resource ? json(G.Resource->Type) : json(nullptr)},
          {"parent", orNull(G.ParentId)}};
}

json nodeToJson(const MapNode &N) {
  const model::Origin *At = N.Resource ? &N.Resource->Declaration : nullptr;
  return {{"id", N.Id},
          {"kind", nodeKindName(N.Kind)},
          {"name", N.Label},
          {"type", N.Type},
          {"exposure", exposure::nodeExposureName(N.Exposure)},
          {"ports", N.Ports},
          {"group", orNull(N.GroupId)},
          {"isGroup", N.IsGroup},
          {"pathEntry", N.PathEntry},
          {"pathTarget", N.PathTarget},
          {"file", At ? originFile(*At) : json(nullptr)},
          {"range", At ? originRange(*At) : json(nullptr)}};
}

json edgeToJson(const MapEdge &E) {
  return {{"from", E.From},
          {"to", E.To},
          {"kind", edgeKindName(E.Kind)},
          {"ports", E.Ports},
          {"possible", E.Possible},
          {"paths", E.PathIds}};
}

json exposureToJson(const exposure::Exposure &E) {
  json Ports = json::array();
  for (const exposure::PortRange &P : E.Ports)
    Ports.push_back(P.str());
  return {{"resource", E.ResourceId},
          {"certainty", certaintyName(E.State)},
          {"ports", std::move(Ports)},
          {"reason", E.Reason},
          {"chain", chainToJson(E.Chain)}};
}

json pathToJson(const exposure::AttackPath &P) {
  const exposure::PathDefinition *D = P.Definition;
  return {{"id", D ? D->Id : std::string()},
          {"title", D ? D->Title : std::string()},
          {"severity", check::levelName(P.Severity)},
          {"certainty", certaintyName(P.State)},
          {"message", P.Message},
          {"reason", P.Reason},
          {"chain", chainToJson(P.Chain)}};
}

template <typename T, typename F> json arrayOf(const std::vector<T> &V, F Fn) {
  json Out = json::array();
  for (const T &X : V)
    Out.push_back(Fn(X));
  return Out;
}

} // namespace

json unitMapToJson(const UnitMap &M) {
  return {{"root", M.Unit ? M.Unit->Root : std::string()},
          {"dialect",
           M.Unit ? dialectName(M.Unit->TheDialect).str() : std::string()},
          {"groups", arrayOf(M.Groups, groupToJson)},
          {"nodes", arrayOf(M.Nodes, nodeToJson)},
          {"edges", arrayOf(M.Edges, edgeToJson)},
          {"exposures", arrayOf(M.Network.Exposures, exposureToJson)},
          {"paths", arrayOf(M.Paths, pathToJson)},
          {"omittedContextEdges", M.OmittedContextEdges}};
}

json mapsToJson(llvm::ArrayRef<UnitMap> Maps) {
  json Units = json::array();
  for (const UnitMap &M : Maps)
    Units.push_back(unitMapToJson(M));
  return {{"units", std::move(Units)}};
}

} // namespace rampart::report
