//===- MapMermaid.cpp - The network map as a Mermaid flowchart ------------===//
#include "analyzer/report/MapMermaid.h"

#include "analyzer/report/MapDot.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace rampart::report {

namespace {

using exposure::NodeExposure;

/// A quoted Mermaid label. Mermaid reads entity codes (#quot;) in labels;
/// quotes, angle brackets, ampersands and the characters that would end or
/// restyle the label become codes, so hostile names stay text.
std::string label(llvm::ArrayRef<std::string> Lines) {
  std::string Out = "\"";
  for (size_t I = 0; I < Lines.size(); ++I) {
    if (I)
      Out += "<br/>";
    for (char C : labelLine(Lines[I], 60)) {
      switch (C) {
      case '"':
        Out += "#quot;";
        break;
      case '<':
        Out += "#lt;";
        break;
      case '>':
        Out += "#gt;";
        break;
      case '&':
        Out += "#amp;";
        break;
      case '#':
        Out += "#35;";
        break;
      case '|':
        Out += "#124;";
        break;
      case '`':
        Out += "#96;";
        break;
      default:
        Out += C;
      }
    }
  }
  return Out + "\"";
}

/// The node's classDef: its exposure's name, as the JSON and SVG maps say.
llvm::StringRef nodeClass(const MapNode &N) {
  if (N.Kind != MapNode::NodeKind::Resource)
    return "internetNode";
  return exposure::nodeExposureName(N.Exposure);
}

class Writer {
public:
  Writer(llvm::raw_ostream &OS, const UnitMap &M, std::string Prefix)
      : OS(OS), M(M), Prefix(std::move(Prefix)) {}

  void write(const std::string &Indent) {
    for (size_t J = 0; J < M.Groups.size(); ++J)
      if (M.Groups[J].ParentId.empty() || !M.group(M.Groups[J].ParentId))
        group(J, Indent);
    for (size_t I = 0; I < M.Nodes.size(); ++I)
      if (!M.Nodes[I].IsGroup && !M.group(M.Nodes[I].GroupId))
        node(I, Indent);
  }

  void edges(const std::string &Indent, size_t &LinkIndex,
             std::vector<size_t> &PathLinks) {
    for (const MapEdge &E : M.Edges) {
      size_t From = indexOf(E.From), To = indexOf(E.To);
      if (From == M.Nodes.size() || To == M.Nodes.size())
        continue;
      OS << Indent << id(From);
      switch (E.Kind) {
      case MapEdge::EdgeKind::Exposure:
        OS << (E.Possible ? " -.->|" : " -->|")
           << label({portsLabel(E.Ports) + (E.Possible ? " ?" : "")}) << "| ";
        break;
      case MapEdge::EdgeKind::Path:
        OS << " ==>|" << label({llvm::join(E.PathIds, ", ")}) << "| ";
        PathLinks.push_back(LinkIndex);
        break;
      case MapEdge::EdgeKind::Reference:
      case MapEdge::EdgeKind::Attachment:
        OS << " -.- ";
        break;
      }
      OS << id(To) << '\n';
      ++LinkIndex;
    }
  }

private:
  std::string id(size_t I) const { return Prefix + "n" + std::to_string(I); }
  size_t indexOf(llvm::StringRef Id) const {
    for (size_t I = 0; I < M.Nodes.size(); ++I)
      if (M.Nodes[I].Id == Id)
        return I;
    return M.Nodes.size();
  }

  void group(size_t J, const std::string &Indent) {
    const MapGroup &G = M.Groups[J];
    std::string Type =
        G.Resource ? G.Resource->Type : groupKindName(G.Kind).str();
    OS << Indent << "subgraph " << Prefix << 'g' << J << '['
       << label({G.Name + " (" + Type + ")"}) << "]\n";
    for (size_t K = 0; K < M.Groups.size(); ++K)
      if (K != J && M.Groups[K].ParentId == G.Id)
        group(K, Indent + "  ");
    for (size_t I = 0; I < M.Nodes.size(); ++I)
      if (!M.Nodes[I].IsGroup && M.Nodes[I].GroupId == G.Id)
        node(I, Indent + "  ");
    OS << Indent << "end\n";
  }

  void node(size_t I, const std::string &Indent) {
    const MapNode &N = M.Nodes[I];
    std::vector<std::string> Lines = {N.Label};
    if (!N.Type.empty())
      Lines.push_back(N.Type);
    if (!N.Ports.empty())
      Lines.push_back("open: " + portsLabel(N.Ports));
    bool Synthetic = N.Kind != MapNode::NodeKind::Resource;
    OS << Indent << id(I) << (Synthetic ? "((" : "[") << label(Lines)
       << (Synthetic ? "))" : "]") << ":::" << nodeClass(N) << '\n';
  }

  llvm::raw_ostream &OS;
  const UnitMap &M;
  std::string Prefix;
};

} // namespace

std::string mapsToMermaid(llvm::ArrayRef<UnitMap> Maps) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "flowchart LR\n"
     << "  classDef internet fill:#fdecea,stroke:#c62828,stroke-width:2px\n"
     << "  classDef unknown fill:#fff4e0,stroke:#ef8f00,stroke-width:2px,"
        "stroke-dasharray:5 3\n"
     << "  classDef peered fill:#e8f0fe,stroke:#1565c0\n"
     << "  classDef private fill:#ffffff,stroke:#78909c\n"
     << "  classDef internetNode fill:#fde2e1,stroke:#c62828,"
        "stroke-width:2px\n";
  size_t LinkIndex = 0;
  std::vector<size_t> PathLinks;
  for (size_t U = 0; U < Maps.size(); ++U) {
    const UnitMap &M = Maps[U];
    std::string Prefix = "u" + std::to_string(U) + "_";
    std::string Title = M.Unit ? M.Unit->Root + " (" +
                                     dialectName(M.Unit->TheDialect).str() + ")"
                               : std::string("unit");
    OS << "  subgraph " << Prefix << "unit[" << label({Title}) << "]\n";
    Writer W(OS, M, Prefix);
    W.write("    ");
    OS << "  end\n";
    W.edges("  ", LinkIndex, PathLinks);
  }
  // Attack-path links in purple, by their index among all links.
  if (!PathLinks.empty()) {
    OS << "  linkStyle ";
    for (size_t I = 0; I < PathLinks.size(); ++I)
      OS << (I ? "," : "") << PathLinks[I];
    OS << " stroke:#6a1b9a,stroke-width:3px\n";
  }
  return Out;
}

} // namespace rampart::report
