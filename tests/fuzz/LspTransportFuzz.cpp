//===- LspTransportFuzz.cpp - Fuzz target: LSP Content-Length framing -----===//
//
// The bytes a client sends: every message is read until the input ends, as
// the server's reader does, malformed ones as error values.
//
//===----------------------------------------------------------------------===//
#include "lsp/Transport.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::istringstream In(
      std::string(reinterpret_cast<const char *>(Data), Size));
  std::string Sink;
  llvm::raw_string_ostream Out(Sink);
  rampart::lsp::Transport T(In, Out);
  while (auto Message = T.read())
    if (!*Message)
      llvm::consumeError(Message->takeError());
  return 0;
}
