//===- LspMessages.cpp - Reading what a language server wrote -------------===//
#include "tests/support/LspMessages.h"

#include "lsp/Transport.h"

#include <sstream>

namespace rampart::testing {

std::vector<nlohmann::json> lspMessagesIn(const std::string &Bytes) {
  std::istringstream In(Bytes);
  std::string Sink;
  llvm::raw_string_ostream Ignored(Sink);
  lsp::Transport T(In, Ignored);
  std::vector<nlohmann::json> Out;
  while (auto M = T.read())
    if (*M)
      Out.push_back(std::move(**M));
    else
      llvm::consumeError(M->takeError());
  return Out;
}

} // namespace rampart::testing
