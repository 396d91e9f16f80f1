//===- TranscriptTest.cpp - Recorded LSP conversations --------------------===//
//
// Each file in tests/lsp/transcripts is a conversation, run through the real
// transport (Content-Length framing) and server:
//
//   > {json}     a message the client sends (framed by the test)
//   ! bytes      raw bytes the client sends (\r and \n escaped), for
//                malformed framing
//   < {json}     a message the server must send, after the ones matched
//                before it; other messages in between are allowed
//
// An expected message matches when every key it has is in the actual one
// with a matching value (recursively); arrays must have the same length.
// ${DIR} is tests/lsp/fixtures; ${TEXT:path} is that file's text as a JSON
// string. The server runs synchronously: it reads the whole input first (so
// transport errors are logged before any answer, and a recorded
// `$/cancelRequest` always reaches its request), then handles each message
// in turn, a notification's diagnostics published before the next one.
//
//===----------------------------------------------------------------------===//
#include "lsp/Server.h"
#include "tests/support/LspMessages.h"

#include "llvm/ADT/StringExtras.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace rampart;
using lsp::Json;
namespace fs = std::filesystem;

namespace {

const std::string FixtureDir = RAMPART_SOURCE_DIR "/tests/lsp/fixtures";

std::string readText(const fs::path &P) {
  std::ifstream In(P, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

/// ${DIR} and ${TEXT:path} substituted.
std::string expand(std::string Line) {
  for (size_t At; (At = Line.find("${TEXT:")) != std::string::npos;) {
    size_t End = Line.find('}', At);
    std::string Path = Line.substr(At + 7, End - At - 7);
    Line.replace(At, End - At + 1,
                 Json(readText(FixtureDir + "/" + Path)).dump());
  }
  for (size_t At; (At = Line.find("${DIR}")) != std::string::npos;)
    Line.replace(At, 6, FixtureDir);
  return Line;
}

std::string unescape(llvm::StringRef Raw) {
  std::string Out;
  for (size_t I = 0; I < Raw.size(); ++I) {
    if (Raw[I] == '\\' && I + 1 < Raw.size() &&
        (Raw[I + 1] == 'r' || Raw[I + 1] == 'n')) {
      Out += Raw[++I] == 'r' ? '\r' : '\n';
      continue;
    }
    Out += Raw[I];
  }
  return Out;
}

bool matches(const Json &Expected, const Json &Actual) {
  if (Expected.is_object()) {
    if (!Actual.is_object())
      return false;
    for (const auto &[Key, Value] : Expected.items())
      if (!Actual.contains(Key) || !matches(Value, Actual[Key]))
        return false;
    return true;
  }
  if (Expected.is_array()) {
    if (!Actual.is_array() || Actual.size() != Expected.size())
      return false;
    for (size_t I = 0; I < Expected.size(); ++I)
      if (!matches(Expected[I], Actual[I]))
        return false;
    return true;
  }
  return Expected == Actual;
}

void runTranscript(const fs::path &File) {
  std::string Input;
  std::vector<Json> Expected;
  std::istringstream Lines(readText(File));
  for (std::string Line; std::getline(Lines, Line);) {
    llvm::StringRef L(Line);
    if (L.consume_front("> ")) {
      std::string Body = expand(L.str());
      Input +=
          "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
    } else if (L.consume_front("! ")) {
      Input += unescape(L);
    } else if (L.consume_front("< ")) {
      Expected.push_back(Json::parse(expand(L.str())));
    }
  }
  std::istringstream In(Input);
  std::string Output;
  llvm::raw_string_ostream Out(Output);
  int Exit;
  {
    lsp::Transport T(In, Out);
    lsp::Server S(T, /*Synchronous=*/true);
    Exit = S.run();
  }
  Out.flush();
  std::vector<Json> Sent = testing::lspMessagesIn(Output);
  size_t Next = 0;
  for (const Json &E : Expected) {
    INFO("expected: " << E.dump());
    bool Found = false;
    while (!Found && Next < Sent.size())
      Found = matches(E, Sent[Next++]);
    if (!Found)
      for (const Json &M : Sent)
        UNSCOPED_INFO("sent: " << M.dump().substr(0, 3000));
    REQUIRE(Found);
  }
  CHECK(Exit == 0);
}

} // namespace

TEST_CASE("LSP transcripts", "[lsp]") {
  std::vector<fs::path> Files;
  for (const auto &E :
       fs::directory_iterator(RAMPART_SOURCE_DIR "/tests/lsp/transcripts"))
    Files.push_back(E.path());
  std::sort(Files.begin(), Files.end());
  REQUIRE(Files.size() >= 3);
  for (const fs::path &F : Files)
    DYNAMIC_SECTION(F.filename().string()) { runTranscript(F); }
}
