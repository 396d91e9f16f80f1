//===- LspMessages.h - Reading what a language server wrote ----*- C++ -*-===//
#ifndef RAMPART_TESTS_SUPPORT_LSPMESSAGES_H
#define RAMPART_TESTS_SUPPORT_LSPMESSAGES_H

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace rampart::testing {

/// The messages a Content-Length framed byte stream holds, read with the
/// server's own transport; malformed ones are skipped.
std::vector<nlohmann::json> lspMessagesIn(const std::string &Bytes);

} // namespace rampart::testing

#endif
