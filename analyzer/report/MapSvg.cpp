//===- MapSvg.cpp - The network map as a self-contained SVG ---------------===//
//
// Graphviz is linked in process (libgvc, libcgraph from Debian's
// libgraphviz-dev) rather than run as the `dot` program: Rampart never
// starts a process (the language server draws maps too), the package is one
// library dependency instead of a program on PATH, and we read the layout's
// coordinates directly instead of parsing Graphviz's output.
//
//===----------------------------------------------------------------------===//
#include "analyzer/report/MapSvg.h"

#include "analyzer/report/HtmlText.h"
#include "analyzer/report/MapDot.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <graphviz/gvc.h>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <optional>

namespace rampart::report {

namespace {

using exposure::NodeExposure;

constexpr double PointsPerInch = 72;
constexpr double Margin = 12;
constexpr double LegendHeight = 30;
/// The legend's width: a narrower map is widened so it is not cut.
constexpr double MinWidth = 660;

struct Box {
  double X = 0, Y = 0, W = 0, H = 0; ///< SVG coordinates, top-left
};
struct Point {
  double X = 0, Y = 0;
};

/// What dot decided, in SVG coordinates (y down), by our indices.
struct Layout {
  double Width = 0, Height = 0;
  std::vector<std::optional<Box>> Nodes;
  std::vector<std::optional<Box>> Groups;
  std::vector<std::string> EdgePaths;
  std::vector<std::optional<Point>> EdgeLabels;
};

/// Graphviz keeps its error state (and more) in globals, so layouts run
/// one at a time; the messages of the current one are collected here.
std::mutex &graphvizLock() {
  static std::mutex M;
  return M;
}
std::string *CurrentErrors = nullptr; // guarded by graphvizLock()

/// One Graphviz context for the process, never freed. Graphviz 2.42 keeps
/// font names in static caches that gvFreeContext() frees and the next
/// context reads again: AddressSanitizer saw a use after free when one
/// report laid out its second map. Guarded by graphvizLock().
GVC_t *graphvizContext() {
  static GVC_t *Gvc = gvContext();
  return Gvc;
}

int collectGraphvizError(char *Message) {
  if (CurrentErrors && Message)
    *CurrentErrors += Message;
  return 0;
}

/// The index in a name such as "n12" or "cluster_g3", if it has Prefix.
std::optional<size_t> indexIn(const char *Name, llvm::StringRef Prefix) {
  llvm::StringRef S(Name ? Name : "");
  size_t I = 0;
  if (!S.consume_front(Prefix) || S.getAsInteger(10, I))
    return std::nullopt;
  return I;
}

class Extractor {
public:
  Extractor(graph_t *G, const UnitMap &M, Layout &L) : G(G), M(M), L(L) {
    boxf BB = GD_bb(G);
    Top = BB.UR.y;
    Left = BB.LL.x;
    L.Width = BB.UR.x - BB.LL.x + 2 * Margin;
    L.Height = BB.UR.y - BB.LL.y + 2 * Margin;
  }

  void run() {
    L.Nodes.assign(M.Nodes.size(), std::nullopt);
    L.Groups.assign(M.Groups.size(), std::nullopt);
    L.EdgePaths.assign(M.Edges.size(), "");
    L.EdgeLabels.assign(M.Edges.size(), std::nullopt);
    clusters(G);
    for (node_t *N = agfstnode(G); N; N = agnxtnode(G, N)) {
      nodeBox(N);
      for (edge_t *E = agfstout(G, N); E; E = agnxtout(G, E))
        edgeShape(E);
    }
  }

private:
  Point at(pointf P) const { return {P.x - Left + Margin, Top - P.y + Margin}; }

  void clusters(graph_t *Parent) {
    for (graph_t *S = agfstsubg(Parent); S; S = agnxtsubg(S)) {
      std::optional<size_t> J = indexIn(agnameof(S), "cluster_g");
      if (J && *J < L.Groups.size()) {
        boxf BB = GD_bb(S);
        Point A = at({BB.LL.x, BB.UR.y});
        L.Groups[*J] = Box{A.X, A.Y, BB.UR.x - BB.LL.x, BB.UR.y - BB.LL.y};
      }
      clusters(S);
    }
  }

  void nodeBox(node_t *N) {
    std::optional<size_t> I = indexIn(agnameof(N), "n");
    if (!I || *I >= L.Nodes.size())
      return;
    double W = ND_width(N) * PointsPerInch, H = ND_height(N) * PointsPerInch;
    Point C = at(ND_coord(N));
    L.Nodes[*I] = Box{C.X - W / 2, C.Y - H / 2, W, H};
  }

  void edgeShape(edge_t *E) {
    char IdAttr[] = "id";
    std::optional<size_t> K = indexIn(agget(E, IdAttr), "e");
    if (!K || *K >= L.EdgePaths.size() || !ED_spl(E))
      return;
    std::string D;
    llvm::raw_string_ostream OS(D);
    for (int B = 0; B < ED_spl(E)->size; ++B) {
      const bezier &Bz = ED_spl(E)->list[B];
      for (int P = 0; P < Bz.size; ++P) {
        Point Q = at(Bz.list[P]);
        OS << (P == 0 ? "M" : (P % 3 == 1 ? " C" : " ")) << fmt(Q.X) << ','
           << fmt(Q.Y);
      }
      // The arrowhead's tip: the spline stops short of it.
      if (Bz.eflag) {
        Point Q = at(Bz.ep);
        OS << " L" << fmt(Q.X) << ',' << fmt(Q.Y);
      }
    }
    L.EdgePaths[*K] = D;
    if (textlabel_t *T = ED_label(E); T && T->set)
      L.EdgeLabels[*K] = at(T->pos);
  }

  static std::string fmt(double V) {
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "%.1f", V);
    return Buf;
  }

  graph_t *G;
  const UnitMap &M;
  Layout &L;
  double Top = 0, Left = 0;
};

/// Lays the unit out with dot; an error with Graphviz's messages when it
/// cannot.
llvm::Expected<Layout> layOut(const UnitMap &M, const LayoutSizes &Sizes) {
  std::string Dot = unitLayoutDot(M, Sizes);
  std::lock_guard<std::mutex> Lock(graphvizLock());
  std::string Errors;
  CurrentErrors = &Errors;
  agusererrf Previous = agseterrf(collectGraphvizError);
  auto Restore = llvm::make_scope_exit([&] {
    agseterrf(Previous);
    CurrentErrors = nullptr;
  });
  GVC_t *Gvc = graphvizContext();
  if (!Gvc)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Graphviz could not start");
  graph_t *G = agmemread(Dot.c_str());
  if (!G)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Graphviz did not read the map: " + Errors);
  auto Close = llvm::make_scope_exit([&] { agclose(G); });
  if (gvLayout(Gvc, G, "dot") != 0)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "Graphviz could not lay the map out (is its dot plugin installed? "
        "Debian: libgvc6): " +
            Errors);
  Layout L;
  Extractor(G, M, L).run();
  gvFreeLayout(Gvc, G);
  return L;
}

std::string num(double V) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%.1f", V);
  return Buf;
}

/// The map's own styles, every rule under .rampart-map so a page that
/// embeds it keeps its own.
constexpr llvm::StringLiteral Style = R"css(
.rampart-map text { font-family: sans-serif; fill: #263238; }
.rampart-map .bg { fill: #ffffff; }
.rampart-map .group rect { stroke-width: 1.2; }
.rampart-map .group.network rect { fill: #eef4fb; stroke: #1565c0; }
.rampart-map .group.subnet rect { fill: #fafcff; stroke: #90a4ae; stroke-dasharray: 5 3; }
.rampart-map .group-label { font-size: 11px; font-weight: bold; }
.rampart-map .group-type { font-size: 9px; fill: #607d8b; }
.rampart-map .node rect, .rampart-map .node ellipse { fill: #ffffff; stroke: #78909c; stroke-width: 1.3; }
.rampart-map .node.internet rect { fill: #fdecea; stroke: #c62828; stroke-width: 2.2; }
.rampart-map .node.unknown rect { fill: #fff4e0; stroke: #ef8f00; stroke-width: 2; stroke-dasharray: 5 3; }
.rampart-map .node.peered rect { fill: #e8f0fe; stroke: #1565c0; }
.rampart-map .node.synthetic ellipse { fill: #fde2e1; stroke: #c62828; stroke-width: 2.2; }
.rampart-map .node.path-target rect { stroke: #6a1b9a; stroke-width: 3.2; }
.rampart-map .node[data-file] { cursor: pointer; }
.rampart-map .node .name { font-size: 11px; font-weight: bold; }
.rampart-map .node .type { font-size: 9px; fill: #546e7a; }
.rampart-map .node .ports { font-size: 9px; fill: #c62828; font-weight: bold; }
.rampart-map .synthetic .name { text-anchor: middle; fill: #b71c1c; }
.rampart-map .edge path { fill: none; stroke: #9e9e9e; stroke-width: 1; }
.rampart-map .edge.attachment path { stroke-dasharray: 2 3; }
.rampart-map .edge.exposure path { stroke: #c62828; stroke-width: 1.8; }
.rampart-map .edge.exposure.possible path { stroke: #ef8f00; stroke-dasharray: 6 4; }
.rampart-map .edge.path path { stroke: #6a1b9a; stroke-width: 3.2; stroke-opacity: 0.85; }
.rampart-map .edge.path.possible path { stroke-dasharray: 8 4; }
.rampart-map .edge-label { font-size: 9px; text-anchor: middle; font-weight: bold; }
.rampart-map .edge.exposure .edge-label { fill: #c62828; }
.rampart-map .edge.exposure.possible .edge-label { fill: #b26a00; }
.rampart-map .edge.path .edge-label { fill: #6a1b9a; }
.rampart-map .legend { font-size: 10px; }
.rampart-map .legend .swatch { stroke-width: 2; }
)css";

class SvgWriter {
public:
  SvgWriter(llvm::raw_ostream &OS, const UnitMap &M, const Layout &L,
            llvm::StringRef Prefix)
      : OS(OS), M(M), L(L), Prefix(Prefix) {}

  void defs() {
    OS << "<defs>";
    for (auto [Name, Color] :
         {std::pair{"arrow", "#9e9e9e"}, std::pair{"arrow-exposure", "#c62828"},
          std::pair{"arrow-possible", "#ef8f00"},
          std::pair{"arrow-path", "#6a1b9a"}})
      OS << "<marker id=\"" << Prefix << Name
         << "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
            "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\" "
            "markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L10,5 L0,10 z\" "
            "fill=\""
         << Color << "\"/></marker>";
    OS << "</defs>\n";
  }

  void groups() {
    for (size_t J = 0; J < M.Groups.size(); ++J)
      if (L.Groups[J])
        group(M.Groups[J], *L.Groups[J]);
  }

  void edges() {
    for (size_t K = 0; K < M.Edges.size(); ++K)
      if (!L.EdgePaths[K].empty())
        edge(M.Edges[K], L.EdgePaths[K], L.EdgeLabels[K]);
  }

  void nodes() {
    for (size_t I = 0; I < M.Nodes.size(); ++I)
      if (L.Nodes[I])
        node(M.Nodes[I], *L.Nodes[I]);
  }

  void legend(double Y) {
    OS << "<g class=\"legend\" transform=\"translate(" << num(Margin) << ','
       << num(Y) << ")\">";
    double X = 0;
    auto Item = [&](const char *Stroke, const char *Fill, const char *Dash,
                    llvm::StringRef Text) {
      OS << "<rect class=\"swatch\" x=\"" << num(X) << "\" y=\"2\" "
         << "width=\"14\" height=\"10\" rx=\"2\" fill=\"" << Fill
         << "\" stroke=\"" << Stroke << "\"" << Dash << "/><text x=\""
         << num(X + 19) << "\" y=\"11\">" << Text << "</text>";
      X += 24 + 6.2 * Text.size();
    };
    Item("#c62828", "#fdecea", "", "exposed to the internet");
    Item("#ef8f00", "#fff4e0", " stroke-dasharray=\"3 2\"",
         "exposure depends on an unknown value");
    Item("#6a1b9a", "#ffffff", "", "attack path");
    Item("#1565c0", "#eef4fb", "", "network");
    Item("#90a4ae", "#fafcff", " stroke-dasharray=\"3 2\"", "subnet");
    OS << "</g>\n";
  }

private:
  void group(const MapGroup &G, const Box &B) {
    std::string Type =
        G.Resource ? G.Resource->Type : groupKindName(G.Kind).str();
    OS << "<g class=\"group " << groupKindName(G.Kind) << "\"><title>"
       << escapeMarkup(G.Name + "\n" + Type + "\n" + G.Id) << "</title>"
       << "<rect x=\"" << num(B.X) << "\" y=\"" << num(B.Y) << "\" width=\""
       << num(B.W) << "\" height=\"" << num(B.H) << "\" rx=\"8\"/>"
       << "<text class=\"group-label\" x=\"" << num(B.X + 8) << "\" y=\""
       << num(B.Y + 14) << "\">" << escapeMarkup(labelLine(G.Name, 40))
       << " <tspan class=\"group-type\">" << escapeMarkup(labelLine(Type, 48))
       << "</tspan></text></g>\n";
  }

  void edge(const MapEdge &E, const std::string &Path,
            const std::optional<Point> &LabelAt) {
    std::string Classes = edgeKindName(E.Kind).str();
    if (E.Possible)
      Classes += " possible";
    const char *Marker = "arrow";
    if (E.Kind == MapEdge::EdgeKind::Exposure)
      Marker = E.Possible ? "arrow-possible" : "arrow-exposure";
    else if (E.Kind == MapEdge::EdgeKind::Path)
      Marker = "arrow-path";
    std::string Label;
    if (E.Kind == MapEdge::EdgeKind::Exposure)
      Label = portsLabel(E.Ports) + (E.Possible ? " ?" : "");
    else if (E.Kind == MapEdge::EdgeKind::Path)
      Label = llvm::join(E.PathIds, ", ");
    std::string Title = E.From + " \xE2\x86\x92 " + E.To + ": " +
                        edgeKindName(E.Kind).str() +
                        (Label.empty() ? "" : " " + Label);
    OS << "<g class=\"edge " << Classes << "\"><title>" << escapeMarkup(Title)
       << "</title><path d=\"" << Path << "\" marker-end=\"url(#" << Prefix
       << Marker << ")\"/>";
    if (LabelAt && !Label.empty())
      OS << "<text class=\"edge-label\" x=\"" << num(LabelAt->X) << "\" y=\""
         << num(LabelAt->Y + 3) << "\">" << escapeMarkup(Label) << "</text>";
    OS << "</g>\n";
  }

  void node(const MapNode &N, const Box &B) {
    bool Synthetic = N.Kind != MapNode::NodeKind::Resource;
    std::string Classes =
        Synthetic ? "synthetic" : exposure::nodeExposureName(N.Exposure).str();
    if (N.PathEntry)
      Classes += " path-entry";
    if (N.PathTarget)
      Classes += " path-target";
    OS << "<g class=\"node " << Classes << "\" data-id=\"" << escapeMarkup(N.Id)
       << "\"";
    const model::Origin *At = N.Resource ? &N.Resource->Declaration : nullptr;
    if (At && At->File)
      OS << " data-file=\"" << escapeMarkup(At->File->path())
         << "\" data-line=\"" << At->Range.Start.Line << "\" data-column=\""
         << At->Range.Start.Column << "\" tabindex=\"0\"";
    OS << "><title>" << escapeMarkup(tooltip(N, At)) << "</title>";
    if (Synthetic) {
      OS << "<ellipse cx=\"" << num(B.X + B.W / 2) << "\" cy=\""
         << num(B.Y + B.H / 2) << "\" rx=\"" << num(B.W / 2) << "\" ry=\""
         << num(B.H / 2) << "\"/><text class=\"name\" x=\""
         << num(B.X + B.W / 2) << "\" y=\"" << num(B.Y + B.H / 2 + 4) << "\">"
         << escapeMarkup(N.Label) << "</text></g>\n";
      return;
    }
    OS << "<rect x=\"" << num(B.X) << "\" y=\"" << num(B.Y) << "\" width=\""
       << num(B.W) << "\" height=\"" << num(B.H) << "\" rx=\"5\"/>"
       << "<text class=\"name\" x=\"" << num(B.X + 8) << "\" y=\""
       << num(B.Y + 17) << "\">" << escapeMarkup(labelLine(N.Label, 28))
       << "</text><text class=\"type\" x=\"" << num(B.X + 8) << "\" y=\""
       << num(B.Y + 32) << "\">" << escapeMarkup(labelLine(N.Type, 36))
       << "</text>";
    if (!N.Ports.empty() || N.Exposure == NodeExposure::Internet ||
        N.Exposure == NodeExposure::Unknown)
      OS << "<text class=\"ports\" x=\"" << num(B.X + 8) << "\" y=\""
         << num(B.Y + 48) << "\">" << escapeMarkup(portsLine(N)) << "</text>";
    OS << "</g>\n";
  }

  static std::string portsLine(const MapNode &N) {
    std::string What =
        N.Exposure == NodeExposure::Unknown ? "maybe open: " : "internet: ";
    if (N.Ports.empty())
      return What + "public endpoint";
    return labelLine(What + portsLabel(N.Ports), 34);
  }

  static std::string tooltip(const MapNode &N, const model::Origin *At) {
    std::string T = N.Label;
    if (!N.Type.empty())
      T += "\n" + N.Type;
    if (N.Kind == MapNode::NodeKind::Resource)
      T += "\nid: " + N.Id +
           "\nexposure: " + exposure::nodeExposureName(N.Exposure).str();
    if (!N.Ports.empty())
      T += "\nports: " + llvm::join(N.Ports, ", ");
    if (At && At->File)
      T += "\n" + At->File->path().str() + ":" +
           std::to_string(At->Range.Start.Line);
    return T;
  }

  llvm::raw_ostream &OS;
  const UnitMap &M;
  const Layout &L;
  std::string Prefix;
};

std::string unitTitle(const UnitMap &M) {
  if (!M.Unit)
    return "Network map";
  return "Network map of " + M.Unit->Root + " (" +
         dialectName(M.Unit->TheDialect).str() + ")";
}

/// The drawing of one laid-out unit: everything inside its <svg>.
void drawUnit(llvm::raw_ostream &OS, const UnitMap &M, const Layout &L,
              llvm::StringRef Prefix) {
  SvgWriter W(OS, M, L, Prefix);
  W.defs();
  OS << "<rect class=\"bg\" x=\"0\" y=\"0\" width=\""
     << num(std::max(L.Width, MinWidth)) << "\" height=\""
     << num(L.Height + LegendHeight) << "\"/>\n";
  W.groups();
  W.edges();
  W.nodes();
  W.legend(L.Height);
}

void openSvg(llvm::raw_ostream &OS, double W, double H, llvm::StringRef Title) {
  OS << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rampart-map\" "
        "width=\""
     << num(W) << "\" height=\"" << num(H) << "\" viewBox=\"0 0 " << num(W)
     << ' ' << num(H) << "\" role=\"img\" aria-label=\"" << escapeMarkup(Title)
     << "\">\n<title>" << escapeMarkup(Title) << "</title>\n<style>" << Style
     << "</style>\n";
}

llvm::Expected<Layout> layOutUnit(const UnitMap &M) {
  if (M.Nodes.size() > MaxLaidOutNodes)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "the unit has " + std::to_string(M.Nodes.size()) +
            " resources, more than the map draws (" +
            std::to_string(MaxLaidOutNodes) +
            "); `rampart map --format json` lists them");
  if (M.Nodes.empty()) {
    Layout Empty;
    Empty.Width = 420;
    Empty.Height = 2 * Margin;
    return Empty;
  }
  return layOut(M, LayoutSizes());
}

} // namespace

llvm::Expected<std::string> unitMapSvg(const UnitMap &M,
                                       llvm::StringRef IdPrefix) {
  llvm::Expected<Layout> L = layOutUnit(M);
  if (!L)
    return L.takeError();
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  double Width = std::max(L->Width, MinWidth);
  openSvg(OS, Width, L->Height + LegendHeight, unitTitle(M));
  drawUnit(OS, M, *L, IdPrefix);
  OS << "</svg>\n";
  return Out;
}

std::string mapsToSvg(llvm::ArrayRef<UnitMap> Maps) {
  constexpr double Heading = 26;
  std::string Body;
  llvm::raw_string_ostream OS(Body);
  double Y = Margin, Width = MinWidth;
  for (size_t U = 0; U < Maps.size(); ++U) {
    const UnitMap &M = Maps[U];
    OS << "<text x=\"" << num(Margin) << "\" y=\"" << num(Y + 16)
       << "\" class=\"unit-title\" font-size=\"14\" font-weight=\"bold\">"
       << escapeMarkup(unitTitle(M)) << "</text>\n";
    Y += Heading;
    llvm::Expected<Layout> L = layOutUnit(M);
    if (!L) {
      OS << "<text x=\"" << num(Margin) << "\" y=\"" << num(Y + 12)
         << "\" font-size=\"11\">"
         << escapeMarkup("Not drawn: " + llvm::toString(L.takeError()))
         << "</text>\n";
      Y += 24;
      continue;
    }
    double H = L->Height + LegendHeight, W = std::max(L->Width, MinWidth);
    OS << "<svg x=\"0\" y=\"" << num(Y) << "\" width=\"" << num(W)
       << "\" height=\"" << num(H) << "\" viewBox=\"0 0 " << num(W) << ' '
       << num(H) << "\">\n";
    drawUnit(OS, M, *L, "u" + std::to_string(U) + "-");
    OS << "</svg>\n";
    Y += H + Margin;
    Width = std::max(Width, W);
  }
  if (Maps.empty()) {
    OS << "<text x=\"" << num(Margin) << "\" y=\"" << num(Y + 14)
       << "\" font-size=\"12\">No deployment unit was found.</text>\n";
    Y += 24;
  }
  std::string Out;
  llvm::raw_string_ostream Doc(Out);
  Doc << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  openSvg(Doc, Width, Y + Margin, "Rampart network map");
  Doc << "<rect x=\"0\" y=\"0\" width=\"" << num(Width) << "\" height=\""
      << num(Y + Margin) << "\" fill=\"#ffffff\"/>\n"
      << Body << "</svg>\n";
  return Out;
}

} // namespace rampart::report
