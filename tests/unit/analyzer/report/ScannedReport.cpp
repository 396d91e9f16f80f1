//===- ScannedReport.cpp - A Report from a real scan, for reporter tests --===//
#include "tests/unit/analyzer/report/ScannedReport.h"

#include "checks/Registry.h"

#include <catch2/catch.hpp>

namespace rampart::testing {

const char *const StorageBicep =
    R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    /* é😀 */ supportsHttpsTrafficOnly: false
    minimumTlsVersion: 'TLS1_0'
    allowBlobPublicAccess: true
  }
}
)";

posture::Finding &ScannedReport::finding(llvm::StringRef Id) {
  for (posture::Finding &F : Report.Findings)
    if (F.Result.TheCheck->Id == Id)
      return F;
  FAIL("no finding of " << Id.str());
  return Report.Findings.front();
}

void ScannedReport::suppress(posture::Finding &F,
                             posture::Suppression::Form Form,
                             llvm::StringRef Reason) {
  auto S = std::make_unique<posture::Suppression>();
  S->TheForm = Form;
  S->Ids = {F.Result.TheCheck->Id};
  S->Reason = Reason.str();
  S->File = F.Result.File;
  S->Target = F.Result.Range;
  F.SuppressedBy = S.get();
  Suppressions.push_back(std::move(S));
}

std::unique_ptr<ScannedReport> scanReport(llvm::StringRef File,
                                          llvm::StringRef Text) {
  auto S = std::make_unique<ScannedReport>();
  S->Evaluated = evaluateFile(File, Text);
  const std::vector<const check::Check *> &Checks = checks::builtinChecks();
  S->Results = check::Engine(Checks).run(S->Evaluated->Units, 1);
  report::Report &R = S->Report;
  R.Checks = Checks;
  std::vector<posture::Scored> Scored;
  for (const check::Result &Res : S->Results)
    Scored.push_back({&Res, posture::Exemption::None});
  R.Score = posture::computeScore(S->Evaluated->Units, Scored);
  for (const check::Result &Res : S->Results) {
    if (Res.TheOutcome != check::Outcome::Unhealthy)
      continue;
    posture::Finding F;
    F.Result = Res;
    F.Severity = Res.TheCheck->Severity;
    F.Fingerprint = posture::fingerprintOf(Res);
    R.Findings.push_back(std::move(F));
  }
  posture::setScoreGains(R.Score, Scored, R.Findings);
  for (const workspace::LoadedFile &LF : S->Evaluated->Scan.Files)
    if (LF.Doc)
      for (const Diagnostic &D : LF.Doc->diagnostics())
        R.Diagnostics.push_back({LF.Path, D, LF.Source.get()});
  return S;
}

} // namespace rampart::testing
