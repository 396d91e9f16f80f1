//===- ServerTest.cpp - Scheduling: callers, debounce, cancellation -------===//
//
// The server driven message by message, its output read back: what a
// client sees when callers open and close, when edits come in bursts, and
// when an analysis is stopped.
//
//===----------------------------------------------------------------------===//
#include "lsp/Server.h"
#include "tests/support/LspMessages.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <thread>

using namespace rampart;
using lsp::Json;

namespace {

/// A server on an empty input whose output the test reads.
class Session {
public:
  explicit Session(bool Synchronous, Json Options = Json::object())
      : Out(Output), T(NoInput, Out), S(T, Synchronous) {
    S.handle({{"jsonrpc", "2.0"},
              {"id", 1},
              {"method", "initialize"},
              {"params",
               {{"capabilities", Json::object()},
                {"initializationOptions", std::move(Options)}}}});
  }

  void open(const std::string &Path, const std::string &Text) {
    S.handle({{"jsonrpc", "2.0"},
              {"method", "textDocument/didOpen"},
              {"params",
               {{"textDocument",
                 {{"uri", lsp::pathToUri(Path)},
                  {"languageId", "plaintext"},
                  {"version", 1},
                  {"text", Text}}}}}});
  }

  /// Replaces the whole text (a change without a range).
  void change(const std::string &Path, int64_t Version,
              const std::string &Text) {
    S.handle({{"jsonrpc", "2.0"},
              {"method", "textDocument/didChange"},
              {"params",
               {{"textDocument",
                 {{"uri", lsp::pathToUri(Path)}, {"version", Version}}},
                {"contentChanges", Json::array({{{"text", Text}}})}}}});
  }

  void close(const std::string &Path) {
    S.handle({{"jsonrpc", "2.0"},
              {"method", "textDocument/didClose"},
              {"params", {{"textDocument", {{"uri", lsp::pathToUri(Path)}}}}}});
  }

  /// The publishDiagnostics params for Path sent since the last call.
  std::vector<Json> published(const std::string &Path) {
    S.waitIdle();
    Out.flush();
    std::vector<Json> All = testing::lspMessagesIn(Output.substr(Read));
    Read = Output.size();
    std::vector<Json> Out;
    for (const Json &M : All)
      if (M.value("method", "") == "textDocument/publishDiagnostics" &&
          M["params"]["uri"] == lsp::pathToUri(Path))
        Out.push_back(M["params"]);
    return Out;
  }

private:
  std::istringstream NoInput;
  std::string Output;
  size_t Read = 0;
  llvm::raw_string_ostream Out;
  lsp::Transport T;
  lsp::Server S;
};

std::vector<std::string> codesOf(const Json &Params) {
  std::vector<std::string> Out;
  for (const Json &D : Params["diagnostics"])
    Out.push_back(D.value("code", ""));
  return Out;
}

const char *CallingRoot = R"(module "logs" {
  source     = "./modules/storage"
  https_only = false
}
)";

const char *StorageModule = R"(resource "azurerm_storage_account" "st" {
  name                            = "stlogs"
  resource_group_name             = "rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  https_traffic_only_enabled      = var.https_only
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
}

variable "https_only" {
  type = bool
}
)";

const char *HttpsOff =
    R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  properties: {
    supportsHttpsTrafficOnly: false
  }
}
)";

} // namespace

TEST_CASE("server: a module's inputs come from its open callers, and stop "
          "when the caller closes",
          "[lsp]") {
  testing::TempDir Dir;
  std::string Root = Dir.write("main.tf", CallingRoot);
  std::string Module = Dir.write("modules/storage/main.tf", StorageModule);
  Session S(/*Synchronous=*/true);

  S.open(Module, StorageModule);
  std::vector<Json> Alone = S.published(Module);
  REQUIRE(!Alone.empty());
  // Without a caller https_only has no value: unknown, not a finding.
  CHECK_FALSE(llvm::is_contained(codesOf(Alone.back()), "AZ-STORAGE-001"));

  S.open(Root, CallingRoot);
  std::vector<Json> Called = S.published(Module);
  REQUIRE(!Called.empty());
  CHECK(llvm::is_contained(codesOf(Called.back()), "AZ-STORAGE-001"));
  CHECK(Called.back()["version"] == 1);

  // Editing the module: its own scope is analysed before the caller's, but
  // nothing is published without the caller's part (no flicker).
  S.change(Module, 2, std::string("# logs\n") + StorageModule);
  std::vector<Json> Edited = S.published(Module);
  REQUIRE(!Edited.empty());
  for (const Json &P : Edited) {
    CHECK(P["version"] == 2);
    CHECK(llvm::is_contained(codesOf(P), "AZ-STORAGE-001"));
  }

  S.close(Root);
  std::vector<Json> Closed = S.published(Module);
  REQUIRE(!Closed.empty());
  CHECK_FALSE(llvm::is_contained(codesOf(Closed.back()), "AZ-STORAGE-001"));
}

TEST_CASE("server: with a debounce, a burst of edits is analysed once, at "
          "its last version",
          "[lsp]") {
  testing::TempDir Dir;
  std::string Path = Dir.write("main.bicep", HttpsOff);
  Session S(/*Synchronous=*/false, {{"debounceMs", 1000}});
  S.open(Path, HttpsOff);
  REQUIRE(S.published(Path).size() == 1);

  S.change(Path, 2, std::string("// one\n") + HttpsOff);
  // Without the debounce, version 2 would be analysed and published
  // while the client waits here.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  S.change(Path, 3, std::string("// two\n") + HttpsOff);
  std::vector<Json> After = S.published(Path);
  REQUIRE(After.size() == 1);
  CHECK(After[0]["version"] == 3);
  CHECK(llvm::is_contained(codesOf(After[0]), "AZ-STORAGE-001"));
}

TEST_CASE("transport: a message shorter than its declared length is an "
          "error, without allocating what it claims",
          "[lsp]") {
  // It claims 200 MB (under the 256 MB limit) and brings 10 bytes.
  std::istringstream In("Content-Length: 209715200\r\n\r\n{\"a\": 1}  ");
  std::string Sink;
  llvm::raw_string_ostream Out(Sink);
  lsp::Transport T(In, Out);
  auto Message = T.read();
  REQUIRE(Message);
  REQUIRE_FALSE(static_cast<bool>(*Message));
  CHECK(llvm::toString(Message->takeError()) == "message cut short");
  CHECK_FALSE(T.read());
}
