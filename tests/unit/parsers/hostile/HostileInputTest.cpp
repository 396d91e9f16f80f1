//===- HostileInputTest.cpp - Bad input gets a diagnostic, never a crash --===//
//
// Every dialect's parser, through the same entry point the scan uses, on
// empty, binary, huge, deeply nested, truncated, invalid UTF-8, CRLF and BOM
// input.
//
//===----------------------------------------------------------------------===//
#include "analyzer/workspace/Loader.h"

#include <catch2/catch.hpp>

#include <functional>
#include <random>

using namespace rampart;
using workspace::DialectAndRole;

namespace {

struct DialectCase {
  const char *FileName;
  DialectAndRole Kind;
  /// A valid file whose second line holds the string literal `marker` at
  /// MarkerColumn (1-based, bytes).
  std::string Sample;
  uint32_t MarkerColumn;
  /// An expression nested Depth levels deep, as a whole file.
  std::function<std::string(unsigned Depth)> Nested;
  /// A valid file of about Bytes bytes.
  std::function<std::string(size_t Bytes)> Huge;
};

std::string repeat(llvm::StringRef S, size_t N) {
  std::string Out;
  Out.reserve(S.size() * N);
  for (size_t I = 0; I < N; ++I)
    Out += S;
  return Out;
}

std::string nestedBrackets(llvm::StringRef Prefix, unsigned Depth) {
  return Prefix.str() + std::string(Depth, '[') + std::string(Depth, ']') +
         "\n";
}

std::string fill(llvm::StringRef Head, llvm::StringRef Unit,
                 llvm::StringRef Tail, size_t Bytes) {
  return Head.str() + repeat(Unit, Bytes / Unit.size()) + Tail.str();
}

const std::vector<DialectCase> &dialects() {
  static const std::vector<DialectCase> Cases = {
      {"main.bicep",
       {Dialect::Bicep, FileRole::Template},
       "param a string\nvar b = 'marker'\n",
       9,
       [](unsigned D) { return nestedBrackets("var x = ", D); },
       [](size_t B) {
         return fill("", "var v = {\n  name: 'value'\n  n: [1, 2, 3]\n}\n", "",
                     B);
       }},
      {"main.tf",
       {Dialect::Terraform, FileRole::Template},
       "a = 1\nb = \"marker\"\n",
       5,
       [](unsigned D) { return nestedBrackets("a = ", D); },
       [](size_t B) {
         return fill("",
                     "resource \"t\" \"n\" {\n  name = \"value\"\n  n = "
                     "[1, 2, 3]\n}\n",
                     "", B);
       }},
      {"azuredeploy.json",
       {Dialect::Arm, FileRole::Template},
       "{\n\"b\": \"marker\"}\n",
       6,
       [](unsigned D) { return nestedBrackets("", D); },
       [](size_t B) {
         return fill("{\"resources\": [",
                     "{\"name\": \"value\", \"n\": [1, 2]},", "{}]}", B);
       }},
      {"template.yaml",
       {Dialect::CloudFormation, FileRole::Template},
       "a: 1\nb: marker\n",
       4,
       [](unsigned D) { return nestedBrackets("a: ", D); },
       [](size_t B) {
         return fill("Resources:\n", "  - Name: value\n    N: [1, 2, 3]\n", "",
                     B);
       }},
  };
  return Cases;
}

struct Parsed {
  std::unique_ptr<SourceFile> File;
  Document Doc;
};

Parsed parse(const DialectCase &C, llvm::StringRef Text) {
  auto File = SourceFile::fromText(C.FileName, Text);
  Document Doc = workspace::parseAs(*File, C.Kind);
  return {std::move(File), std::move(Doc)};
}

const Node *findString(const Node *N, llvm::StringRef Value) {
  if (!N)
    return nullptr;
  if (N->is(NodeKind::String) && N->Text == Value)
    return N;
  for (const Node *I : N->Items)
    if (const Node *F = findString(I, Value))
      return F;
  for (const MapEntry &E : N->Entries)
    if (const Node *F = findString(E.Value, Value))
      return F;
  return nullptr;
}

// Every diagnostic must point into the file.
void requirePositionsInFile(const Parsed &P) {
  uint32_t Size = P.File->text().size();
  for (const Diagnostic &D : P.Doc.diagnostics()) {
    INFO(D.Message);
    CHECK(D.Range.Start.Line >= 1);
    CHECK(D.Range.Start.Column >= 1);
    CHECK(D.Range.Start.Offset <= D.Range.End.Offset);
    CHECK(D.Range.End.Offset <= Size);
    CHECK(P.File->position(D.Range.Start.Offset) == D.Range.Start);
  }
}

bool hasError(const Parsed &P, llvm::StringRef Fragment = "") {
  for (const Diagnostic &D : P.Doc.diagnostics())
    if (D.Level == Severity::Error &&
        llvm::StringRef(D.Message).contains(Fragment))
      return true;
  return false;
}

} // namespace

TEST_CASE("hostile: the sample parses and the marker is where it is",
          "[hostile]") {
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    Parsed P = parse(C, C.Sample);
    CHECK_FALSE(P.Doc.hasErrors());
    const Node *M = findString(P.Doc.root(), "marker");
    REQUIRE(M);
    CHECK(M->Range.Start.Line == 2);
    CHECK(M->Range.Start.Column == C.MarkerColumn);
  }
}

TEST_CASE("hostile: CRLF line endings and a BOM keep positions", "[hostile]") {
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    std::string Crlf;
    for (char Ch : C.Sample)
      Crlf += Ch == '\n' ? std::string("\r\n") : std::string(1, Ch);
    for (const std::string &Text :
         {Crlf, "\xEF\xBB\xBF" + C.Sample, "\xEF\xBB\xBF" + Crlf}) {
      Parsed P = parse(C, Text);
      CHECK_FALSE(P.Doc.hasErrors());
      const Node *M = findString(P.Doc.root(), "marker");
      REQUIRE(M);
      CHECK(M->Range.Start.Line == 2);
      CHECK(M->Range.Start.Column == C.MarkerColumn);
      CHECK(M->Range.End.Column ==
            C.MarkerColumn + 6 +
                (C.Kind.TheDialect == Dialect::CloudFormation ? 0 : 2));
    }
  }
}

TEST_CASE("hostile: empty and whitespace-only files", "[hostile]") {
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    for (llvm::StringRef Text : {"", "\n\n  \n", "\xEF\xBB\xBF"}) {
      Parsed P = parse(C, Text);
      requirePositionsInFile(P);
      // An empty JSON document is an error; an empty Bicep, HCL or YAML file
      // is a valid, empty one.
      CHECK(hasError(P) == (C.Kind.TheDialect == Dialect::Arm));
    }
  }
}

TEST_CASE("hostile: binary input", "[hostile]") {
  std::mt19937 Random(42);
  std::string Bytes(64 * 1024, '\0');
  for (char &B : Bytes)
    B = static_cast<char>(Random() & 0xFF);
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    Parsed P = parse(C, Bytes);
    CHECK(hasError(P, "it looks binary"));
    requirePositionsInFile(P);
  }
}

TEST_CASE("hostile: invalid UTF-8 is reported at its byte", "[hostile]") {
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    std::string Text = C.Sample;
    size_t At = Text.find("marker");
    Text[At + 2] = '\xFF';
    Parsed P = parse(C, Text);
    bool Found = false;
    for (const Diagnostic &D : P.Doc.diagnostics())
      if (D.Message == "invalid UTF-8 byte in file") {
        Found = true;
        CHECK(D.Range.Start.Line == 2);
        CHECK(D.Range.Start.Column ==
              C.MarkerColumn + 2 +
                  (C.Kind.TheDialect == Dialect::CloudFormation ? 0 : 1));
      }
    CHECK(Found);
    requirePositionsInFile(P);
  }
}

TEST_CASE("hostile: 10,000-deep nesting gives a diagnostic, not a stack "
          "overflow",
          "[hostile]") {
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    Parsed P = parse(C, C.Nested(10000));
    CHECK(hasError(P));
    requirePositionsInFile(P);
    Parsed Shallow = parse(C, C.Nested(50));
    CHECK_FALSE(Shallow.Doc.hasErrors());
  }
}

TEST_CASE("hostile: truncated files", "[hostile]") {
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    std::string Text = C.Huge(2000);
    for (size_t Cut : {Text.size() / 3, Text.size() / 2, Text.size() - 3}) {
      Parsed P = parse(C, llvm::StringRef(Text).take_front(Cut));
      requirePositionsInFile(P);
    }
  }
}

TEST_CASE("hostile: a 50 MB file gets a diagnostic, not a parse", "[hostile]") {
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    Parsed P = parse(C, C.Huge(50u << 20));
    REQUIRE(P.Doc.diagnostics().size() == 1);
    const Diagnostic &D = P.Doc.diagnostics()[0];
    CHECK(D.Level == Severity::Error);
    CHECK(D.Message ==
          "file is 50.0 MB, over the 16.0 MB limit; not parsed (see "
          "--max-file-size)");
    CHECK(D.Range.Start == SourcePosition{0, 1, 1});
    CHECK(P.Doc.dialect() == C.Kind.TheDialect);
  }
}

TEST_CASE("hostile: large files parse when the limit allows", "[hostile]") {
  workspace::LoadOptions Unlimited;
  Unlimited.MaxFileBytes = 1u << 30;
  for (const DialectCase &C : dialects()) {
    INFO(C.FileName);
    // The JSON reader and the Bicep parser take 50 MB in seconds; tree-sitter
    // HCL and yaml-cpp need tens of seconds, so they get a smaller file here
    // (bench/ measures throughput).
    bool Fast = C.Kind.TheDialect == Dialect::Arm ||
                C.Kind.TheDialect == Dialect::Bicep;
    auto File =
        SourceFile::fromText(C.FileName, C.Huge(Fast ? 50u << 20 : 4u << 20));
    Document Doc = workspace::parseAs(*File, C.Kind, Unlimited);
    CHECK_FALSE(Doc.hasErrors());
    REQUIRE(Doc.root());
    CHECK(Doc.root()->Range.End.Offset >= File->text().size() - 1);
  }
}
