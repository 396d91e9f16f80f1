//===- BicepAgreementTest.cpp - Our Bicep parser against tree-sitter-bicep ===//
//
// Rampart reads Bicep with its own parser because tree-sitter-bicep 1.1.0
// rejects a quarter of real modules. Where the grammar does parse a corpus
// file cleanly, it is an independent witness: both must find the same
// top-level statements (kind and name, in order) with the same decorators.
//
// Usage: rampart-bicep-agreement CORPUS_DIR
// Exit: 0 pass, 1 fail, 77 corpus absent (CTest reports "skipped").
//
//===----------------------------------------------------------------------===//
#include "analyzer/workspace/Discovery.h"
#include "parsers/bicep/BicepParser.h"
#include "parsers/common/TreeSitter.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

extern "C" const TSLanguage *tree_sitter_bicep(void);

using namespace rampart;

namespace {

struct Statement {
  std::string Kind, Name;
  unsigned Decorators = 0;
  bool operator==(const Statement &) const = default;
};

std::string describe(const std::vector<Statement> &S) {
  std::string Out;
  for (const Statement &St : S)
    Out +=
        St.Kind + " " + St.Name + " @" + std::to_string(St.Decorators) + "; ";
  return Out;
}

// Statement kinds whose symbol name both sides record.
bool hasName(llvm::StringRef Kind) {
  return Kind == "param" || Kind == "var" || Kind == "resource" ||
         Kind == "module" || Kind == "output" || Kind == "type" ||
         Kind == "func" || Kind == "metadata";
}

std::vector<Statement> fromTreeSitter(TSNode Root, llvm::StringRef Text) {
  static const llvm::StringMap<std::string> Kinds = {
      {"parameter_declaration", "param"},
      {"variable_declaration", "var"},
      {"resource_declaration", "resource"},
      {"module_declaration", "module"},
      {"output_declaration", "output"},
      {"metadata_declaration", "metadata"},
      {"type_declaration", "type"},
      {"user_defined_function", "func"},
      {"target_scope_assignment", "targetScope"},
      {"import_statement", "import"},
      {"import_with_statement", "import"},
      {"import_functionality", "import"},
      {"using_statement", "using"},
      {"test_block", "test"},
      {"assert_statement", "assert"}};
  std::vector<Statement> Out;
  unsigned PendingDecorators = 0;
  for (uint32_t I = 0, N = ts_node_named_child_count(Root); I < N; ++I) {
    TSNode Child = ts_node_named_child(Root, I);
    llvm::StringRef Type = ts::type(Child);
    if (Type == "decorators") {
      PendingDecorators += ts_node_named_child_count(Child);
      continue;
    }
    auto Kind = Kinds.find(Type);
    if (Kind == Kinds.end())
      continue; // comments
    Statement S{Kind->second, "", PendingDecorators};
    PendingDecorators = 0;
    if (hasName(S.Kind))
      for (uint32_t J = 0; J < ts_node_named_child_count(Child); ++J) {
        TSNode Part = ts_node_named_child(Child, J);
        if (ts::type(Part) == "identifier") {
          S.Name = ts::text(Part, Text).str();
          break;
        }
      }
    Out.push_back(S);
  }
  return Out;
}

std::vector<Statement> fromRampart(const Document &Doc) {
  std::vector<Statement> Out;
  if (!Doc.root())
    return Out;
  for (const Node *S : Doc.root()->Items) {
    Statement St{S->Op, hasName(S->Op) ? S->Text : "", 0};
    if (const Node *D = S->get("decorators"))
      St.Decorators = D->Items.size();
    Out.push_back(St);
  }
  return Out;
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2 || !llvm::sys::fs::is_directory(Argv[1])) {
    llvm::outs() << "corpus not found; skipping\n";
    return 77;
  }
  workspace::Discovery Found =
      workspace::discoverFiles({std::string(Argv[1]) + "/bicep"}, {});
  unsigned Compared = 0, GrammarErrors = 0, Disagreements = 0;
  for (const std::string &Path : Found.Files) {
    auto Source = SourceFile::open(Path);
    if (!Source) {
      llvm::consumeError(Source.takeError());
      continue;
    }
    ts::TreePtr Tree = ts::parse(tree_sitter_bicep(), (*Source)->text());
    if (!Tree || ts_node_has_error(ts_tree_root_node(Tree.get()))) {
      ++GrammarErrors;
      continue;
    }
    ++Compared;
    Document Doc = parsers::parseBicep(**Source);
    auto Theirs =
        fromTreeSitter(ts_tree_root_node(Tree.get()), (*Source)->text());
    auto Ours = fromRampart(Doc);
    if (Doc.hasErrors() || Theirs != Ours) {
      ++Disagreements;
      llvm::outs() << "  " << Path << "\n    tree-sitter: " << describe(Theirs)
                   << "\n    rampart:     " << describe(Ours) << "\n";
    }
  }
  llvm::outs() << "bicep agreement: " << Compared << " files compared, "
               << Disagreements << " disagree; " << GrammarErrors
               << " files tree-sitter-bicep cannot parse\n";
  bool Ok = Compared > 0 && Disagreements == 0;
  llvm::outs() << (Ok ? "bicep-agreement: 1 passed, 0 failed\n"
                      : "bicep-agreement: 0 passed, 1 failed\n");
  return Ok ? 0 : 1;
}
