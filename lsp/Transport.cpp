//===- Transport.cpp - JSON-RPC messages over a byte stream ---------------===//
#include "lsp/Transport.h"

#include "llvm/ADT/StringExtras.h"

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
  std::string Body(*Length, '\0');
  In.read(Body.data(), *Length);
  if (static_cast<size_t>(In.gcount()) != *Length)
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
