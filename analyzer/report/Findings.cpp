//===- Findings.cpp - Check results for terminals and JSON ----------------===//
#include "analyzer/report/Findings.h"

#include "analyzer/report/Text.h"
#include "parsers/common/DocumentJson.h"

namespace rampart::report {

namespace {
llvm::raw_ostream::Colors colorOf(check::Level L) {
  return L >= check::Level::High ? llvm::raw_ostream::RED
                                 : llvm::raw_ostream::MAGENTA;
}
} // namespace

void printFinding(llvm::raw_ostream &OS, const check::Result &R,
                  check::Level Severity) {
  const check::Check &C = *R.TheCheck;
  bool Unknown = R.TheOutcome == check::Outcome::Unknown;
  OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << R.File << ':' << R.Range.Start.Line << ':' << R.Range.Start.Column
     << ": ";
  OS.changeColor(Unknown ? llvm::raw_ostream::BLUE : colorOf(Severity),
                 /*Bold=*/true);
  OS << (Unknown ? "unknown" : check::levelName(Severity)) << ": ";
  OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << '[' << C.Id << "] " << R.Message << '\n';
  OS.resetColor();
  if (R.Source)
    printSnippet(OS, *R.Source, R.Range);
  if (!C.Remediation.empty())
    OS << "  hint: " << C.Remediation << '\n';
}

nlohmann::ordered_json findingToJson(const check::Result &R) {
  const check::Check &C = *R.TheCheck;
  const model::Resource &Res = *R.Resource;
  return {{"check", C.Id},
          {"title", C.Title},
          {"severity", check::levelName(C.Severity)},
          {"control", C.Control},
          {"resource",
           {{"id", Res.Id},
            {"type", Res.Type},
            {"name", check::resourceLabel(Res)}}},
          {"file", R.File},
          {"range", rangeToJson(R.Range)},
          {"message", R.Message},
          // A result alone has no planned fix; a finding's JSON has.
          {"fix", {{"available", false}}}};
}

std::string pathLines(const exposure::AttackPath &P) {
  std::string Out = "Path:";
  for (const exposure::Hop &H : P.Chain) {
    Out += "\n  -> ";
    if (H.Where.hasFile())
      Out += H.Where.File->path().str() + ":" +
             std::to_string(H.Where.Range.Start.Line) + ":" +
             std::to_string(H.Where.Range.Start.Column) + ": ";
    Out += H.Label;
  }
  return Out;
}

void printPath(llvm::raw_ostream &OS, const exposure::AttackPath &P) {
  // Indented under the finding, as its hint is.
  std::string Lines = pathLines(P);
  for (llvm::StringRef Line : llvm::split(Lines, '\n'))
    OS << "  " << Line << '\n';
}

nlohmann::ordered_json pathToJson(const exposure::AttackPath &P) {
  nlohmann::ordered_json Hops = nlohmann::ordered_json::array();
  for (const exposure::Hop &H : P.Chain) {
    bool InFile = H.Where.hasFile();
    Hops.push_back(
        {{"resource", H.ResourceId.empty()
                          ? nlohmann::ordered_json(nullptr)
                          : nlohmann::ordered_json(H.ResourceId)},
         {"label", H.Label},
         {"file", InFile ? nlohmann::ordered_json(H.Where.File->path().str())
                         : nlohmann::ordered_json(nullptr)},
         {"range", InFile ? rangeToJson(H.Where.Range)
                          : nlohmann::ordered_json(nullptr)}});
  }
  return Hops;
}

} // namespace rampart::report
