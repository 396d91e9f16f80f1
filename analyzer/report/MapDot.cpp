//===- MapDot.cpp - The network map as Graphviz DOT -----------------------===//
#include "analyzer/report/MapDot.h"

#include "analyzer/report/HtmlText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace rampart::report {

namespace {

using exposure::NodeExposure;

/// A DOT double-quoted string. Backslashes are doubled so Graphviz's
/// escapes (\N, \G, \l...) in hostile names stay literal text.
std::string quoted(llvm::StringRef S) {
  std::string Out = "\"";
  for (char C : sanitizeText(S)) {
    if (C == '"' || C == '\\')
      Out += '\\';
    if (C == '\n' || C == '\r' || C == '\t')
      C = ' ';
    Out += C;
  }
  return Out + "\"";
}

/// Label lines joined with DOT's line break (written after quoting each).
std::string lines(llvm::ArrayRef<std::string> Lines) {
  std::string Out = "\"";
  for (size_t I = 0; I < Lines.size(); ++I) {
    std::string Q = quoted(Lines[I]);
    Out += llvm::StringRef(Q).drop_front().drop_back();
    if (I + 1 < Lines.size())
      Out += "\\n";
  }
  return Out + "\"";
}

const char *nodeStyle(const MapNode &N) {
  if (N.Kind != MapNode::NodeKind::Resource)
    return "shape=ellipse, style=filled, fillcolor=\"#fde2e1\", "
           "color=\"#c62828\", penwidth=2";
  switch (N.Exposure) {
  case NodeExposure::Internet:
    return "style=\"rounded,filled\", fillcolor=\"#fdecea\", "
           "color=\"#c62828\", penwidth=2";
  case NodeExposure::Unknown:
    return "style=\"rounded,filled,dashed\", fillcolor=\"#fff4e0\", "
           "color=\"#ef8f00\", penwidth=2";
  case NodeExposure::Peered:
    return "style=\"rounded,filled\", fillcolor=\"#e8f0fe\", "
           "color=\"#1565c0\"";
  case NodeExposure::Private:
    break;
  }
  return "style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#78909c\"";
}

std::string edgeStyle(const MapEdge &E) {
  switch (E.Kind) {
  case MapEdge::EdgeKind::Exposure:
    return E.Possible
               ? "color=\"#ef8f00\", fontcolor=\"#b26a00\", style=dashed"
               : "color=\"#c62828\", fontcolor=\"#c62828\", penwidth=1.6";
  case MapEdge::EdgeKind::Path:
    return std::string("color=\"#6a1b9a\", fontcolor=\"#6a1b9a\", penwidth=3") +
           (E.Possible ? ", style=dashed" : "");
  case MapEdge::EdgeKind::Reference:
    return "color=\"#9e9e9e\", arrowsize=0.6";
  case MapEdge::EdgeKind::Attachment:
    return "color=\"#9e9e9e\", arrowsize=0.6, style=dotted";
  }
  return "";
}

std::string edgeLabel(const MapEdge &E) {
  if (E.Kind == MapEdge::EdgeKind::Exposure)
    return portsLabel(E.Ports) + (E.Possible ? " ?" : "");
  if (E.Kind == MapEdge::EdgeKind::Path)
    return llvm::join(E.PathIds, ", ");
  return "";
}

/// Writes one unit's groups, nodes and edges; ids get Prefix so units
/// share a digraph. Layout mode: fixed-size nodes without text.
class UnitWriter {
public:
  UnitWriter(llvm::raw_ostream &OS, const UnitMap &M, std::string Prefix,
             const LayoutSizes *Layout)
      : OS(OS), M(M), Prefix(std::move(Prefix)), Layout(Layout) {}

  void write(llvm::StringRef Indent) {
    for (size_t J = 0; J < M.Groups.size(); ++J)
      if (M.Groups[J].ParentId.empty() || !M.group(M.Groups[J].ParentId))
        writeGroup(J, Indent);
    for (size_t I = 0; I < M.Nodes.size(); ++I)
      if (!M.Nodes[I].IsGroup && !M.group(M.Nodes[I].GroupId))
        writeNode(I, Indent);
    for (size_t K = 0; K < M.Edges.size(); ++K)
      writeEdge(K, Indent);
  }

private:
  std::string nodeId(size_t I) const {
    return Prefix + "n" + std::to_string(I);
  }
  size_t indexOf(llvm::StringRef Id) const {
    for (size_t I = 0; I < M.Nodes.size(); ++I)
      if (M.Nodes[I].Id == Id)
        return I;
    return M.Nodes.size();
  }

  void writeGroup(size_t J, llvm::StringRef Indent) {
    const MapGroup &G = M.Groups[J];
    bool Network = G.Kind == MapGroup::GroupKind::Network;
    std::string Title = labelLine(G.Name, 40) + " (" +
                        (G.Resource ? labelLine(G.Resource->Type, 40)
                                    : groupKindName(G.Kind).str()) +
                        ")";
    OS << Indent << "subgraph "
       << quoted("cluster_" + Prefix + "g" + std::to_string(J)) << " {\n"
       << Indent << "  label=" << quoted(Title)
       << "; labeljust=l; fontsize=11; style=\"rounded,filled\"; "
       << (Network ? "fillcolor=\"#eef4fb\"; color=\"#1565c0\";"
                   : "fillcolor=\"#fafcff\"; color=\"#90a4ae\";")
       << '\n';
    std::string Inner = (Indent + "  ").str();
    for (size_t K = 0; K < M.Groups.size(); ++K)
      if (K != J && M.Groups[K].ParentId == G.Id)
        writeGroup(K, Inner);
    for (size_t I = 0; I < M.Nodes.size(); ++I)
      if (!M.Nodes[I].IsGroup && M.Nodes[I].GroupId == G.Id)
        writeNode(I, Inner);
    OS << Indent << "}\n";
  }

  void writeNode(size_t I, llvm::StringRef Indent) {
    const MapNode &N = M.Nodes[I];
    bool Synthetic = N.Kind != MapNode::NodeKind::Resource;
    OS << Indent << quoted(nodeId(I)) << " [";
    if (Layout) {
      // Fixed notation: DOT does not read raw_ostream's 1.3e+00.
      OS << "label=\"\", fixedsize=true, shape="
         << (Synthetic ? "ellipse" : "box") << ", width="
         << llvm::format("%.2f",
                         Synthetic ? Layout->SyntheticWidth : Layout->NodeWidth)
         << ", height="
         << llvm::format("%.2f", Synthetic ? Layout->SyntheticHeight
                                           : Layout->NodeHeight);
    } else {
      std::vector<std::string> L = {labelLine(N.Label, 40)};
      if (!Synthetic)
        L.push_back(labelLine(N.Type, 48));
      if (!N.Ports.empty())
        L.push_back("open: " + portsLabel(N.Ports));
      OS << "label=" << lines(L) << ", " << nodeStyle(N)
         << ", tooltip=" << quoted(N.Id);
      if (N.PathTarget)
        OS << ", peripheries=2";
    }
    OS << "];\n";
  }

  void writeEdge(size_t K, llvm::StringRef Indent) {
    const MapEdge &E = M.Edges[K];
    size_t From = indexOf(E.From), To = indexOf(E.To);
    if (From == M.Nodes.size() || To == M.Nodes.size())
      return;
    OS << Indent << quoted(nodeId(From)) << " -> " << quoted(nodeId(To))
       << " [";
    std::string Label = edgeLabel(E);
    if (!Label.empty())
      OS << "label=" << quoted(Label) << ", ";
    if (Layout)
      OS << "id=" << quoted("e" + std::to_string(K));
    else
      OS << edgeStyle(E);
    // Context edges must not pull the network apart: they do not rank.
    if (E.Kind == MapEdge::EdgeKind::Reference ||
        E.Kind == MapEdge::EdgeKind::Attachment)
      OS << ", constraint=false";
    OS << "];\n";
  }

  llvm::raw_ostream &OS;
  const UnitMap &M;
  std::string Prefix;
  const LayoutSizes *Layout;
};

void writeDefaults(llvm::raw_ostream &OS) {
  OS << "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10, "
        "nodesep=0.3, ranksep=0.7];\n"
     << "  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
     << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
}

} // namespace

std::string labelLine(llvm::StringRef Text, size_t Max) {
  std::string One = sanitizeText(Text);
  for (char &C : One)
    if (C == '\n' || C == '\r' || C == '\t')
      C = ' ';
  return truncateText(One, Max);
}

std::string portsLabel(const std::vector<std::string> &Ports) {
  constexpr size_t Shown = 4;
  std::string Out;
  for (size_t I = 0; I < Ports.size() && I < Shown; ++I)
    Out += (I ? ", " : "") + Ports[I];
  if (Ports.size() > Shown)
    Out += " +" + std::to_string(Ports.size() - Shown) + " more";
  return Out;
}

std::string mapsToDot(llvm::ArrayRef<UnitMap> Maps) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "digraph \"rampart_map\" {\n";
  writeDefaults(OS);
  for (size_t U = 0; U < Maps.size(); ++U) {
    const UnitMap &M = Maps[U];
    std::string Prefix = "u" + std::to_string(U) + "_";
    std::string Title = M.Unit ? M.Unit->Root + " (" +
                                     dialectName(M.Unit->TheDialect).str() + ")"
                               : std::string("unit");
    OS << "  subgraph " << quoted("cluster_" + Prefix + "unit") << " {\n"
       << "    label=" << quoted(Title)
       << "; labeljust=l; fontsize=12; style=rounded; color=\"#b0bec5\";\n";
    UnitWriter(OS, M, Prefix, nullptr).write("    ");
    OS << "  }\n";
  }
  OS << "}\n";
  return Out;
}

std::string unitLayoutDot(const UnitMap &M, const LayoutSizes &Sizes) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "digraph \"map\" {\n";
  writeDefaults(OS);
  UnitWriter(OS, M, "", &Sizes).write("  ");
  OS << "}\n";
  return Out;
}

} // namespace rampart::report
