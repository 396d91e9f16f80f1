//===- EvaluateCorpusTest.cpp - Evaluation over real-world templates ------===//
//
// Evaluates every ARM template under ../shared/corpus/arm, every Bicep entry
// file under ../shared/corpus/bicep, every Terraform root module under
// ../shared/corpus/terraform and every CloudFormation stack under
// ../shared/corpus/cloudformation into deployment units. It must finish
// without crashing, and prints per dialect how many resources have a fully
// known name and type, how many have fully known properties, and the share
// of known property values, with no deployment context supplied. Fails if a
// dialect yields no resource at all (an evaluator that skipped everything).
//
// Usage: rampart-evaluate-corpus CORPUS_DIR
// Exit: 0 pass, 1 fail, 77 corpus absent (CTest reports "skipped").
//
//===----------------------------------------------------------------------===//
#include "analyzer/Scan.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace rampart;

namespace {

/// Counts the leaf values of a property tree, and those that are known.
void countLeaves(const model::Value &V, size_t &Leaves, size_t &Known) {
  if (!V.isKnown()) {
    ++Leaves;
    return;
  }
  if (V.is(model::ValueKind::Array) || V.is(model::ValueKind::Object)) {
    for (const model::Value &I : V.items())
      countLeaves(I, Leaves, Known);
    for (const model::Member &M : V.members())
      countLeaves(M.V, Leaves, Known);
    return;
  }
  ++Leaves;
  ++Known;
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2 || !llvm::sys::fs::is_directory(Argv[1])) {
    llvm::outs() << "corpus not found; skipping\n";
    return 77;
  }
  bool Ok = true;
  for (const char *Dialect : {"arm", "bicep", "terraform", "cloudformation"}) {
    ScanOptions Options;
    Options.Paths = {std::string(Argv[1]) + "/" + Dialect};
    ScanResult Scan = scanWorkspace(Options);
    std::vector<model::DeploymentUnit> Units = buildUnits(Scan, {});
    size_t Resources = 0, Known = 0, FullyKnown = 0, Edges = 0, Errors = 0,
           Leaves = 0, KnownLeaves = 0;
    for (const model::DeploymentUnit &U : Units) {
      Edges += U.Graph.edges().size();
      for (const model::Resource &R : U.Graph.resources()) {
        ++Resources;
        Known += R.Name.is(model::ValueKind::String) && !R.Type.empty();
        FullyKnown += R.Properties.isFullyKnown();
        countLeaves(R.Properties, Leaves, KnownLeaves);
      }
      for (const model::FileDiagnostic &D : U.Diagnostics)
        Errors += D.D.Level == Severity::Error;
    }
    llvm::outs() << llvm::format(
        "%s: %zu units, %zu resources, %zu (%.1f%%) with a fully known name "
        "and type, %zu (%.1f%%) with fully known properties, %zu of %zu "
        "(%.1f%%) property values known, %zu edges, %zu evaluation errors\n",
        Dialect, Units.size(), Resources, Known,
        Resources ? 100.0 * Known / Resources : 0.0, FullyKnown,
        Resources ? 100.0 * FullyKnown / Resources : 0.0, KnownLeaves, Leaves,
        Leaves ? 100.0 * KnownLeaves / Leaves : 0.0, Edges, Errors);
    Ok = Ok && Resources > 0;
  }
  llvm::outs() << (Ok ? "evaluate-corpus: 1 passed, 0 failed\n"
                      : "evaluate-corpus: 0 passed, 1 failed\n");
  return Ok ? 0 : 1;
}
