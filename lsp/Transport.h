//===- Transport.h - JSON-RPC messages over a byte stream ------*- C++ -*-===//
//
// The LSP base protocol: each message is a header block (`Content-Length:
// N`, optionally `Content-Type`), an empty line, and N bytes of JSON. A
// malformed message (no length, a length past the limit, bad JSON) is an
// error value for the caller to log: the stream goes on with the next one.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_LSP_TRANSPORT_H
#define RAMPART_LSP_TRANSPORT_H

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <istream>
#include <mutex>
#include <optional>

namespace rampart::lsp {

class Transport {
public:
  /// A message longer than this is refused (and skipped), so a hostile
  /// client cannot make the server allocate without bound.
  static constexpr size_t MaxMessageBytes = 256u << 20;

  Transport(std::istream &In, llvm::raw_ostream &Out) : In(In), Out(Out) {}

  /// The next message; nullopt at the end of the input.
  std::optional<llvm::Expected<nlohmann::json>> read();
  /// Writes one message; safe to call from several threads.
  void write(const nlohmann::json &Message);
  /// Writes one message already serialized (valid JSON, valid UTF-8).
  void writeText(llvm::StringRef Body);

private:
  std::istream &In;
  llvm::raw_ostream &Out;
  std::mutex WriteLock;
};

} // namespace rampart::lsp

#endif
