//===- ParseBench.cpp - Parse throughput per dialect ----------------------===//
//
// Reads every template of a corpus (default: ../shared/corpus) into memory,
// then parses each dialect's files several times and prints the best run's
// throughput (MB/s, files/s), and the process's peak RSS at the end.
//
// Usage: rampart-bench-parse [CORPUS_DIR] [REPETITIONS]
//
//===----------------------------------------------------------------------===//
#include "analyzer/workspace/Discovery.h"
#include "analyzer/workspace/Loader.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>

using namespace rampart;

namespace {

struct Input {
  std::unique_ptr<SourceFile> Source;
  workspace::DialectAndRole Kind;
};

std::vector<Input> readDialect(const std::string &Root, Dialect D) {
  std::vector<Input> Out;
  workspace::Discovery Found =
      workspace::discoverFiles({Root + "/" + dialectName(D).str()}, {});
  for (const std::string &Path : Found.Files) {
    auto Source = SourceFile::open(Path);
    if (!Source) {
      llvm::consumeError(Source.takeError());
      continue;
    }
    auto Kind = workspace::dialectFromFileName(Path).value_or(
        workspace::DialectAndRole{D, FileRole::Template});
    Out.push_back({std::move(*Source), Kind});
  }
  return Out;
}

double parseAllSeconds(const std::vector<Input> &Inputs, size_t &Nodes) {
  auto Start = std::chrono::steady_clock::now();
  for (const Input &I : Inputs) {
    Document Doc = workspace::parseAs(*I.Source, I.Kind);
    Nodes += Doc.root() != nullptr; // keeps the parse from being optimised out
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

} // namespace

int main(int Argc, char **Argv) {
  std::string Root = Argc > 1 ? Argv[1] : RAMPART_CORPUS_DIR;
  int Repetitions = Argc > 2 ? std::max(1, std::atoi(Argv[2])) : 3;
  if (!llvm::sys::fs::is_directory(Root)) {
    llvm::errs() << "corpus not found at " << Root << "\n";
    return 2;
  }
  llvm::outs() << "dialect           files         MB       MB/s    files/s\n";
  size_t Sink = 0;
  for (Dialect D : {Dialect::Arm, Dialect::Bicep, Dialect::Terraform,
                    Dialect::CloudFormation}) {
    std::vector<Input> Inputs = readDialect(Root, D);
    double Bytes = 0;
    for (const Input &I : Inputs)
      Bytes += I.Source->text().size();
    double Best = 1e30;
    for (int R = 0; R < Repetitions; ++R)
      Best = std::min(Best, parseAllSeconds(Inputs, Sink));
    llvm::outs() << llvm::format(
        "%-15s %7zu %10.2f %10.1f %10.0f\n", dialectName(D).str().c_str(),
        Inputs.size(), Bytes / 1e6, Bytes / 1e6 / Best, Inputs.size() / Best);
  }
  rusage Usage{};
  getrusage(RUSAGE_SELF, &Usage);
  llvm::outs() << llvm::format("peak RSS: %.1f MB (includes the corpus held "
                               "in memory)\n",
                               Usage.ru_maxrss / 1024.0);
  return Sink == 0 ? 1 : 0;
}
