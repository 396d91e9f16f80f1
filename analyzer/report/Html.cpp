//===- Html.cpp - `rampart report`: one self-contained HTML page ----------===//
#include "analyzer/report/Html.h"

#include "analyzer/report/HtmlText.h"
#include "analyzer/report/MapSvg.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace rampart::report {

namespace {

using llvm::raw_ostream;

std::string esc(llvm::StringRef S) { return escapeMarkup(S); }

std::string plural(size_t N, llvm::StringRef Word) {
  return std::to_string(N) + " " + Word.str() + (N == 1 ? "" : "s");
}

std::string num1(double V) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::format("%.1f", V);
  return Out;
}

/// Ours, small, and inline; no web font (the system's sans-serif).
constexpr llvm::StringLiteral PageStyle = R"css(
:root { --red: #c62828; --amber: #ef8f00; --green: #2e7d32; --ink: #263238;
  --muted: #607d8b; --line: #e0e6ea; --bg: #f5f7f9; --purple: #6a1b9a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--ink); background: var(--bg); }
header { background: #102a43; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; opacity: 0.8; }
nav { background: #fff; border-bottom: 1px solid var(--line); padding: 8px 32px;
  position: sticky; top: 0; z-index: 2; }
nav a { margin-right: 18px; color: #1565c0; text-decoration: none; font-weight: 600; }
main { padding: 16px 32px 48px; max-width: 1500px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px; margin: 16px 0; }
h2 { margin: 0 0 12px; font-size: 18px; }
h3 { margin: 16px 0 8px; font-size: 15px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px;
  min-width: 150px; }
.card .value { font-size: 26px; font-weight: 700; }
.card .label { color: var(--muted); font-size: 12px; }
.score { display: flex; gap: 28px; align-items: flex-start; flex-wrap: wrap; }
.gauge text { font-weight: 700; }
.gauge .track { stroke: var(--line); }
.controls { flex: 1; min-width: 420px; }
.bar .track { fill: var(--line); }
.bar .fill.good { fill: var(--green); } .bar .fill.fair { fill: var(--amber); }
.bar .fill.poor { fill: var(--red); }
.sev { display: inline-block; min-width: 64px; text-align: center; border-radius: 10px;
  padding: 0 8px; font-size: 11px; font-weight: 700; color: #fff; text-transform: uppercase; }
.sev.critical { background: #7f0000; } .sev.high { background: var(--red); }
.sev.medium { background: var(--amber); } .sev.low { background: #78909c; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 7px;
  font-size: 11px; color: var(--muted); margin-left: 6px; }
.tag.fix { color: var(--green); border-color: var(--green); }
.gain { color: var(--green); font-weight: 700; }
details { border-top: 1px solid var(--line); padding: 6px 0; }
details > summary { cursor: pointer; font-weight: 600; }
.finding { border-left: 4px solid var(--line); padding: 6px 12px; margin: 10px 0; }
.finding.critical { border-color: #7f0000; } .finding.high { border-color: var(--red); }
.finding.medium { border-color: var(--amber); } .finding.low { border-color: #78909c; }
.finding.inactive { opacity: 0.6; }
.finding .title { font-weight: 600; }
.snippet { background: #0f1b26; color: #e3eaf0; border-radius: 6px; padding: 8px 0; overflow-x: auto;
  margin: 6px 0; }
.snippet .ln { display: inline-block; width: 48px; padding-right: 10px; text-align: right;
  color: #7b8d9c; user-select: none; }
.snippet mark { background: #ff8a80; color: #1a0000; border-radius: 2px; }
.snippet .hit { background: #2a3b4b; display: block; }
.snippet .row { display: block; white-space: pre; padding-right: 12px; }
.state.failed { color: var(--red); font-weight: 700; } .state.passed { color: var(--green); font-weight: 700; }
.state.unknown { color: var(--amber); } .state.not-assessed, .state.not-covered { color: var(--muted); }
.unit-map { display: grid; grid-template-columns: minmax(0, 1fr) 380px; gap: 16px; align-items: start; }
.unit-map .drawing { overflow: auto; border: 1px solid var(--line); border-radius: 6px; max-height: 900px; }
.unit-map aside h4 { margin: 4px 0 6px; }
.path { border-left: 4px solid var(--purple); padding: 4px 10px; margin-bottom: 10px; }
.path ol { margin: 4px 0 0; padding-left: 20px; }
.path li { font-size: 12px; }
.exposure { font-size: 12px; margin-bottom: 6px; }
.exposure .ports { color: var(--red); font-weight: 700; }
@media (max-width: 1000px) { .unit-map { grid-template-columns: 1fr; } }
@media print { nav { display: none; } section { break-inside: avoid; } }
)css";

std::string severityClass(check::Level L) { return check::levelName(L).str(); }

std::string badge(check::Level L) {
  return "<span class=\"sev " + severityClass(L) + "\">" +
         check::levelName(L).str() + "</span>";
}

const char *qualityClass(double Fraction) {
  return Fraction >= 0.7 ? "good" : Fraction >= 0.4 ? "fair" : "poor";
}

/// A ring gauge of the score in SVG (no script, no image).
void writeGauge(raw_ostream &OS, double Percent) {
  constexpr double R = 52, Circumference = 2 * 3.14159265358979 * R;
  double P = std::clamp(Percent, 0.0, 100.0);
  const char *Color = P >= 70 ? "#2e7d32" : P >= 40 ? "#ef8f00" : "#c62828";
  OS << "<svg class=\"gauge\" width=\"150\" height=\"150\" viewBox=\"0 0 "
        "150 150\" role=\"img\" aria-label=\"Secure score "
     << formatPercent(Percent) << "\">"
     << "<circle class=\"track\" cx=\"75\" cy=\"75\" r=\"52\" fill=\"none\" "
        "stroke-width=\"14\"/>"
     << "<circle cx=\"75\" cy=\"75\" r=\"52\" fill=\"none\" stroke=\"" << Color
     << "\" stroke-width=\"14\" stroke-linecap=\"round\" "
     << "stroke-dasharray=\"" << num1(Circumference * P / 100) << ' '
     << num1(Circumference) << "\" transform=\"rotate(-90 75 75)\"/>"
     << "<text x=\"75\" y=\"82\" text-anchor=\"middle\" font-size=\"28\">"
     << formatPercent(Percent) << "</text>"
     << "<text x=\"75\" y=\"102\" text-anchor=\"middle\" font-size=\"11\" "
        "fill=\"#607d8b\">secure score</text></svg>";
}

void writeBar(raw_ostream &OS, double Current, double Max) {
  constexpr double Width = 180;
  // A control worth no points (Defender's best practices) has no fill.
  double F = Max > 0 ? std::clamp(Current / Max, 0.0, 1.0) : 0.0;
  OS << "<svg class=\"bar\" width=\"" << Width
     << "\" height=\"12\" role=\"img\" aria-label=\"" << num1(F * 100)
     << "%\"><rect class=\"track\" width=\"" << Width
     << "\" height=\"12\" rx=\"6\"/><rect class=\"fill " << qualityClass(F)
     << "\" width=\"" << num1(Width * F) << "\" height=\"12\" rx=\"6\"/></svg>";
}

void writeHeader(raw_ostream &OS, const HtmlReportInput &In) {
  std::string Paths = In.Paths.empty() ? "." : llvm::join(In.Paths, ", ");
  OS << "<header><h1>Rampart security report</h1><p>" << esc(Paths)
     << " \xC2\xB7 rampart " << RAMPART_VERSION;
  if (!In.Generated.empty())
    OS << " \xC2\xB7 " << esc(In.Generated);
  OS << "</p></header>\n<nav><a href=\"#score\">Secure score</a>"
        "<a href=\"#recommendations\">Recommendations</a>"
        "<a href=\"#findings\">Findings</a>"
        "<a href=\"#compliance\">Compliance</a>"
        "<a href=\"#maps\">Network maps</a></nav>\n";
}

void card(raw_ostream &OS, const std::string &Value, llvm::StringRef Label) {
  OS << "<div class=\"card\"><div class=\"value\">" << esc(Value)
     << "</div><div class=\"label\">" << esc(Label) << "</div></div>";
}

size_t pathCount(llvm::ArrayRef<UnitMap> Maps) {
  size_t N = 0;
  for (const UnitMap &M : Maps)
    N += M.Paths.size();
  return N;
}

size_t exposedCount(llvm::ArrayRef<UnitMap> Maps) {
  size_t N = 0;
  for (const UnitMap &M : Maps)
    for (const MapNode &Node : M.Nodes)
      N += Node.Kind == MapNode::NodeKind::Resource &&
           Node.Exposure == exposure::NodeExposure::Internet;
  return N;
}

void writeSummary(raw_ostream &OS, const HtmlReportInput &In) {
  const Report &R = *In.TheReport;
  std::map<check::Level, size_t> BySeverity;
  for (const posture::Finding &F : R.Findings)
    if (F.active())
      ++BySeverity[F.Severity];
  OS << "<div class=\"cards\">";
  card(OS, formatPercent(R.Score.Percent), "secure score");
  card(OS, std::to_string(R.activeCount()), "findings to act on");
  for (check::Level L : {check::Level::Critical, check::Level::High,
                         check::Level::Medium, check::Level::Low})
    card(OS, std::to_string(BySeverity[L]), check::levelName(L));
  card(OS, std::to_string(pathCount(In.Maps)), "attack paths");
  card(OS, std::to_string(exposedCount(In.Maps)), "internet-exposed resources");
  card(OS, std::to_string(R.Totals.Resources), "resources");
  card(OS, std::to_string(R.Totals.Units), "deployment units");
  card(OS, std::to_string(R.Totals.Files), "files");
  OS << "</div>\n";
}

void writeScore(raw_ostream &OS, const Report &R) {
  OS << "<section id=\"score\"><h2>Secure score</h2><div class=\"score\">";
  writeGauge(OS, R.Score.Percent);
  OS << "<div class=\"controls\"><table><thead><tr><th>Security control</th>"
        "<th></th><th class=\"num\">Current / max</th><th class=\"num\">"
        "Healthy</th><th class=\"num\">Unhealthy</th></tr></thead><tbody>";
  for (const posture::ControlScore &C : R.Score.Controls) {
    OS << "<tr><td>" << esc(C.Control) << "</td><td>";
    writeBar(OS, C.current(), C.MaxPoints);
    OS << "</td><td class=\"num\">" << formatPoints(C.current()) << " / "
       << formatPoints(C.MaxPoints) << "</td><td class=\"num\">" << C.Healthy
       << "</td><td class=\"num\">" << C.Unhealthy << "</td></tr>";
  }
  if (R.Score.Controls.empty())
    OS << "<tr><td colspan=\"5\" class=\"muted\">No resource was "
          "assessed.</td></tr>";
  OS << "</tbody></table>";
  if (R.Score.Units.size() > 1) {
    OS << "<h3>Per deployment unit</h3><table><tbody>";
    for (const posture::UnitScore &U : R.Score.Units) {
      OS << "<tr><td class=\"num\">" << formatPercent(U.percent())
         << "</td><td>";
      writeBar(OS, U.currentPoints(), U.maxPoints());
      OS << "</td><td><code>" << esc(U.Unit)
         << "</code> <span class=\"muted\">(" << dialectName(U.TheDialect)
         << ", " << U.weight() << " assessed)</span></td></tr>";
    }
    OS << "</tbody></table>";
  }
  OS << "</div></div></section>\n";
}

/// How many of a check's active findings come with a fix.
size_t fixableFindings(const Report &R, const check::Check *C) {
  return llvm::count_if(R.Findings, [&](const posture::Finding &F) {
    return F.active() && F.Result.TheCheck == C && F.Fix.has_value();
  });
}

std::string fixAvailability(const Report &R, const check::Check *C) {
  size_t Fixable = fixableFindings(R, C);
  if (Fixable)
    return "<span class=\"tag fix\">fix available: " + std::to_string(Fixable) +
           " (rampart fix)</span>";
  if (C->Fix.Availability == check::FixAvailability::Never)
    return "<span class=\"tag\">manual fix</span>";
  return "<span class=\"tag\">no automatic fix here</span>";
}

void writeRecommendations(raw_ostream &OS, const Report &R) {
  OS << "<section id=\"recommendations\"><h2>Recommendations</h2>"
        "<p class=\"muted\">Ranked by how much fixing them raises the secure "
        "score.</p><table><thead><tr><th class=\"num\">Score gain</th>"
        "<th>Recommendation</th><th>Control</th><th class=\"num\">Resources"
        "</th></tr></thead><tbody>";
  for (const posture::Recommendation &Rec : R.Score.Recommendations) {
    const check::Check *C = Rec.Check;
    OS << "<tr><td class=\"num gain\">+" << formatPercent(Rec.Gain)
       << "</td><td>" << badge(C->Severity) << " <strong>" << esc(C->Title)
       << "</strong> <code class=\"muted\">" << esc(C->Id) << "</code> "
       << fixAvailability(R, C);
    if (!C->Remediation.empty())
      OS << "<div class=\"muted\">" << esc(C->Remediation) << "</div>";
    OS << "</td><td>" << esc(C->Control) << "</td><td class=\"num\">"
       << Rec.UnhealthyResources << "</td></tr>";
  }
  if (R.Score.Recommendations.empty())
    OS << "<tr><td colspan=\"4\" class=\"muted\">Nothing to recommend: every "
          "assessed resource is healthy.</td></tr>";
  OS << "</tbody></table></section>\n";
}

/// One source line with the columns [From, To) marked (1-based bytes).
std::string markedLine(llvm::StringRef Line, unsigned From, unsigned To) {
  if (From == 0 || From > Line.size() + 1 || To <= From)
    return esc(Line);
  size_t B = From - 1, E = std::min<size_t>(To - 1, Line.size());
  return esc(Line.substr(0, B)) + "<mark>" + esc(Line.slice(B, E)) + "</mark>" +
         esc(Line.substr(E));
}

void writeSnippet(raw_ostream &OS, const check::Result &Res) {
  if (!Res.Source || Res.Range.Start.Line == 0)
    return;
  const SourceFile &F = *Res.Source;
  unsigned Start = Res.Range.Start.Line,
           End = std::max(Start, Res.Range.End.Line);
  // A long range shows its first lines only.
  End = std::min(End, Start + 6);
  unsigned First = Start > SnippetContext ? Start - SnippetContext : 1;
  unsigned Last = std::min<unsigned>(End + SnippetContext, F.lineCount());
  OS << "<pre class=\"snippet\">";
  for (unsigned L = First; L <= Last; ++L) {
    llvm::StringRef Text = F.lineText(L).rtrim("\r\n");
    bool Hit = L >= Start && L <= End;
    unsigned From = L == Start ? Res.Range.Start.Column : 1;
    unsigned To = L == Res.Range.End.Line
                      ? Res.Range.End.Column
                      : static_cast<unsigned>(Text.size()) + 1;
    OS << "<span class=\"row" << (Hit ? " hit" : "") << "\"><span class=\"ln\">"
       << L << "</span>" << (Hit ? markedLine(Text, From, To) : esc(Text))
       << "</span>";
  }
  OS << "</pre>";
}

std::string hopLocation(const exposure::Hop &H) {
  if (!H.Where.File)
    return "";
  return H.Where.File->path().str() + ":" +
         std::to_string(H.Where.Range.Start.Line);
}

void writeChain(raw_ostream &OS, const std::vector<exposure::Hop> &Chain) {
  OS << "<ol>";
  for (const exposure::Hop &H : Chain) {
    OS << "<li>" << esc(H.Label.empty() ? H.ResourceId : H.Label);
    std::string At = hopLocation(H);
    if (!At.empty())
      OS << " <code class=\"muted\">" << esc(At) << "</code>";
    OS << "</li>";
  }
  OS << "</ol>";
}

void writeFinding(raw_ostream &OS, const posture::Finding &F) {
  const check::Result &Res = F.Result;
  const check::Check *C = Res.TheCheck;
  OS << "<div class=\"finding " << severityClass(F.Severity)
     << (F.active() ? "" : " inactive") << "\">" << badge(F.Severity)
     << " <span class=\"title\">" << esc(C ? C->Title : "") << "</span> <code "
     << "class=\"muted\">" << esc(C ? C->Id : "") << "</code>";
  if (F.suppressed())
    OS << "<span class=\"tag\">suppressed: "
       << esc(F.SuppressedBy->Reason.empty() ? "no reason given"
                                             : F.SuppressedBy->Reason)
       << "</span>";
  if (F.Baselined)
    OS << "<span class=\"tag\">in the baseline</span>";
  if (F.Fix)
    OS << "<span class=\"tag fix\">fix: " << esc(F.Fix->Title) << " ("
       << check::applicabilityName(F.Fix->Kind) << ")</span>";
  if (F.ScoreGain >= 0.5)
    OS << "<span class=\"tag\">+" << formatPercent(F.ScoreGain)
       << " on its unit</span>";
  OS << "<div>" << esc(Res.Message) << " <span class=\"muted\">line "
     << Res.Range.Start.Line << ", column " << Res.Range.Start.Column
     << "</span></div>";
  writeSnippet(OS, Res);
  // An attack path's finding: every step, with where it is written.
  if (F.Path)
    writeChain(OS, F.Path->Chain);
  if (C && !C->Remediation.empty())
    OS << "<div class=\"muted\">How to fix: " << esc(C->Remediation)
       << "</div>";
  OS << "</div>\n";
}

void writeFindings(raw_ostream &OS, const Report &R) {
  OS << "<section id=\"findings\"><h2>Findings</h2>";
  std::map<std::string, std::vector<const posture::Finding *>> ByFile;
  for (const posture::Finding &F : R.Findings)
    ByFile[F.Result.File].push_back(&F);
  if (ByFile.empty())
    OS << "<p class=\"muted\">No findings.</p>";
  for (auto &[File, List] : ByFile) {
    llvm::stable_sort(
        List, [](const posture::Finding *A, const posture::Finding *B) {
          return A->Result.Range.Start.Line < B->Result.Range.Start.Line;
        });
    size_t Active = llvm::count_if(
        List, [](const posture::Finding *F) { return F->active(); });
    OS << "<details open><summary><code>" << esc(File) << "</code> "
       << "<span class=\"muted\">" << plural(Active, "finding");
    if (Active != List.size())
      OS << ", " << List.size() - Active << " suppressed or baselined";
    OS << "</span></summary>";
    for (const posture::Finding *F : List)
      writeFinding(OS, *F);
    OS << "</details>\n";
  }
  OS << "</section>\n";
}

const char *stateClass(posture::ControlStatus::State S) {
  using State = posture::ControlStatus::State;
  switch (S) {
  case State::Failed:
    return "failed";
  case State::Passed:
    return "passed";
  case State::Unknown:
    return "unknown";
  case State::NotAssessed:
    return "not-assessed";
  case State::NotCovered:
    break;
  }
  return "not-covered";
}

void writeFramework(raw_ostream &OS, const posture::ComplianceReport &C) {
  using State = posture::ControlStatus::State;
  std::map<State, size_t> Count;
  for (const posture::ControlStatus &S : C.Controls)
    ++Count[S.state()];
  const posture::Framework *F = C.TheFramework;
  OS << "<details><summary>" << esc(F ? F->Title : "") << " <span "
     << "class=\"muted\">" << C.Controls.size() << " controls, " << C.covered()
     << " covered by checks: </span><span class=\"state "
        "failed\">"
     << Count[State::Failed]
     << " failing</span>, <span class=\"state "
        "passed\">"
     << Count[State::Passed] << " passing</span></summary>"
     << "<table><thead><tr><th>Control</th><th>State</th><th>Checks (passed "
        "/ failed / unknown / exempt)</th></tr></thead><tbody>";
  // Failing controls first: what to look at.
  for (State Want :
       {State::Failed, State::Unknown, State::Passed, State::NotAssessed}) {
    for (const posture::ControlStatus &S : C.Controls) {
      if (S.state() != Want || !S.Control)
        continue;
      OS << "<tr><td><code>" << esc(S.Control->Id) << "</code> "
         << esc(S.Control->Title) << "</td><td class=\"state "
         << stateClass(Want) << "\">" << esc(posture::stateName(Want))
         << "</td><td>";
      for (const posture::CheckTally &T : S.Checks)
        OS << "<div><code>" << esc(T.Check ? T.Check->Id : "") << "</code> "
           << T.Passed << " / " << T.Failed << " / " << T.Unknown << " / "
           << T.Exempt << "</div>";
      OS << "</td></tr>";
    }
  }
  OS << "</tbody></table>";
  if (Count[State::NotCovered])
    OS << "<p class=\"muted\">" << Count[State::NotCovered]
       << " controls are not covered by any check.</p>";
  OS << "</details>\n";
}

void writeCompliance(raw_ostream &OS, const HtmlReportInput &In) {
  OS << "<section id=\"compliance\"><h2>Compliance</h2>";
  for (const posture::ComplianceReport &C : In.Compliance)
    writeFramework(OS, C);
  if (In.Compliance.empty())
    OS << "<p class=\"muted\">No framework.</p>";
  OS << "</section>\n";
}

void writePaths(raw_ostream &OS, const UnitMap &M) {
  OS << "<h4>Attack paths (" << M.Paths.size() << ")</h4>";
  if (M.Paths.empty())
    OS << "<p class=\"muted\">No attack path found.</p>";
  for (const exposure::AttackPath &P : M.Paths) {
    const exposure::PathDefinition *D = P.Definition;
    OS << "<div class=\"path\">" << badge(P.Severity) << " <strong>"
       << esc(D ? D->Title : "") << "</strong> <code class=\"muted\">"
       << esc(D ? D->Id : "") << "</code>";
    if (P.State == exposure::Certainty::Possible)
      OS << "<span class=\"tag\">possible: " << esc(P.Reason) << "</span>";
    OS << "<div>" << esc(P.Message) << "</div>";
    writeChain(OS, P.Chain);
    OS << "</div>";
  }
}

void writeExposures(raw_ostream &OS, const UnitMap &M) {
  OS << "<h4>Exposed to the internet (" << M.Network.Exposures.size()
     << ")</h4>";
  if (M.Network.Exposures.empty())
    OS << "<p class=\"muted\">No resource is reachable from the "
          "internet.</p>";
  for (const exposure::Exposure &E : M.Network.Exposures) {
    const MapNode *N = M.node(E.ResourceId);
    std::vector<std::string> Ports;
    for (const exposure::PortRange &P : E.Ports)
      Ports.push_back(P.str());
    OS << "<div class=\"exposure\"><strong>" << esc(N ? N->Label : E.ResourceId)
       << "</strong> <span "
       << "class=\"ports\">"
       << esc(Ports.empty() ? "public endpoint" : llvm::join(Ports, ", "))
       << "</span>";
    if (E.State == exposure::Certainty::Possible)
      OS << " <span class=\"tag\">possible: " << esc(E.Reason) << "</span>";
    OS << "<div class=\"muted\">";
    for (size_t I = 0; I < E.Chain.size(); ++I)
      OS << (I ? " \xE2\x86\x92 " : "")
         << esc(E.Chain[I].Label.empty() ? E.Chain[I].ResourceId
                                         : E.Chain[I].Label);
    OS << "</div></div>";
  }
}

void writeUnitMap(raw_ostream &OS, const UnitMap &M, size_t Index) {
  std::string Root = M.Unit ? M.Unit->Root : "";
  OS << "<h3><code>" << esc(Root) << "</code> <span class=\"muted\">("
     << (M.Unit ? dialectName(M.Unit->TheDialect) : "") << ", "
     << plural(M.Nodes.size(), "node") << ")</span></h3>"
     << "<div class=\"unit-map\"><div class=\"drawing\">";
  llvm::Expected<std::string> Svg =
      unitMapSvg(M, "m" + std::to_string(Index) + "-");
  if (Svg)
    OS << *Svg;
  else
    OS << "<p class=\"muted\">The map is not drawn: "
       << esc(llvm::toString(Svg.takeError())) << "</p>";
  OS << "</div><aside>";
  writePaths(OS, M);
  writeExposures(OS, M);
  OS << "</aside></div>\n";
}

void writeMaps(raw_ostream &OS, llvm::ArrayRef<UnitMap> Maps) {
  OS << "<section id=\"maps\"><h2>Network maps and attack paths</h2>"
        "<p class=\"muted\">Resources grouped by network and subnet. Red: "
        "reachable from the internet (edges labelled with the ports); amber "
        "dashed: depends on a value unknown before deployment; purple: "
        "attack paths. Hover a resource for its id and declaration.</p>";
  if (Maps.empty())
    OS << "<p class=\"muted\">No deployment unit.</p>";
  for (size_t I = 0; I < Maps.size() && I < MaxReportMaps; ++I)
    writeUnitMap(OS, Maps[I], I);
  if (Maps.size() > MaxReportMaps)
    OS << "<p class=\"muted\">" << Maps.size() - MaxReportMaps
       << " more units are not drawn; `rampart map` draws them all.</p>";
  OS << "</section>\n";
}

void writeDiagnostics(raw_ostream &OS, const Report &R) {
  if (!R.errorCount() && !R.warningCount())
    return;
  OS << "<section id=\"diagnostics\"><h2>Problems reading the templates</h2>"
        "<table><tbody>";
  for (const ReportDiagnostic &D : R.Diagnostics) {
    if (D.D.Level == Severity::Note)
      continue;
    OS << "<tr><td>" << esc(severityName(D.D.Level)) << "</td><td><code>"
       << esc(D.File) << ':' << D.D.Range.Start.Line << "</code></td><td>"
       << esc(D.D.Message) << "</td></tr>";
  }
  OS << "</tbody></table></section>\n";
}

} // namespace

void writeHtmlReport(raw_ostream &OS, const HtmlReportInput &In) {
  assert(In.TheReport && "a report needs the scan's results");
  const Report &R = *In.TheReport;
  OS << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        // Nothing may be fetched: the page is whole as it is.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
        "'none'; style-src 'unsafe-inline'; img-src data:\">"
        "<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\"><title>Rampart report: secure score "
     << formatPercent(R.Score.Percent) << "</title><style>" << PageStyle
     << "</style></head><body>\n";
  writeHeader(OS, In);
  OS << "<main>\n";
  writeSummary(OS, In);
  writeScore(OS, R);
  writeRecommendations(OS, R);
  writeMaps(OS, In.Maps);
  writeFindings(OS, R);
  writeCompliance(OS, In);
  writeDiagnostics(OS, R);
  OS << "</main></body></html>\n";
}

} // namespace rampart::report
