//===- Transport.cpp - JSON-RPC messages over a byte stream ---------------===//
#include "lsp/Transport.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <string>

namespace rampart::lsp {

std::optional<llvm::Expected<nlohmann::json>> Transport::read() {
  std::optional<size_t> Length;
  bool SawHeader = false;
  std::string Line;
  while (std::getline(In, Line)) {
    llvm::StringRef L = llvm::StringRef(Line).rtrim("\r");
    if (L.empty()) {
      if (!SawHeader)
        continue; // blank lines between messages
      break;
    }
    SawHeader = true;
    auto [Name, Value] = L.split(':');
    size_t N = 0;
    if (Name.trim().equals_insensitive("Content-Length") &&
        !Value.trim().getAsInteger(10, N))
      Length = N;
  }
  if (!SawHeader)
    return std::nullopt;
  if (!Length)
    return llvm::Expected<nlohmann::json>(llvm::createStringError(
        llvm::inconvertibleErrorCode(), "message without Content-Length"));
  if (*Length > MaxMessageBytes) {
    In.ignore(*Length);
    return llvm::Expected<nlohmann::json>(llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "message of %zu bytes is over the limit", *Length));
  }
  // Read as the bytes come, not into a buffer of the declared size: a
  // 30-byte message that claims 200 MB must not allocate 200 MB (the
  // transport fuzzer peaked at 944 MB before).
  std::string Body;
  Body.reserve(std::min<size_t>(*Length, 1u << 20));
  char Chunk[1 << 16];
  while (Body.size() < *Length && In) {
    In.read(Chunk, std::min(sizeof Chunk, *Length - Body.size()));
    Body.append(Chunk, static_cast<size_t>(In.gcount()));
  }
  if (Body.size() != *Length)
    return llvm::Expected<nlohmann::json>(llvm::createStringError(
        llvm::inconvertibleErrorCode(), "message cut short"));
  nlohmann::json J = nlohmann::json::parse(Body, nullptr,
                                           /*allow_exceptions=*/false);
  if (J.is_discarded() || !J.is_object())
    return llvm::Expected<nlohmann::json>(llvm::createStringError(
        llvm::inconvertibleErrorCode(), "message is not a JSON object"));
  return llvm::Expected<nlohmann::json>(std::move(J));
}

void Transport::write(const nlohmann::json &Message) {
  // Invalid UTF-8 from a file must not make dump() throw.
  writeText(
      Message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Transport::writeText(llvm::StringRef Body) {
  std::lock_guard<std::mutex> Lock(WriteLock);
  Out << "Content-Length: " << Body.size() << "\r\n\r\n" << Body;
  Out.flush();
}

} // namespace rampart::lsp
