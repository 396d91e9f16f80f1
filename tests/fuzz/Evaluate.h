//===- Evaluate.h - Shared body of the evaluator fuzz targets --*- C++ -*-===//
//
// The evaluator targets wrap a small input (an expression) in a template
// and run discovery, parsing and evaluation on it, as `rampart graph` does,
// from memory: the file is an unsaved buffer at a path that does not exist.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_TESTS_FUZZ_EVALUATE_H
#define RAMPART_TESTS_FUZZ_EVALUATE_H

#include "analyzer/Analyze.h"
#include "analyzer/posture/Posture.h"

#include <string>

namespace rampart::fuzz {

inline void evaluateText(const std::string &Path, const std::string &Text) {
  auto Overlay = std::make_shared<llvm::StringMap<std::string>>();
  (*Overlay)[Path] = Text;
  AnalyzeOptions O;
  O.Scan.Paths = {Path};
  O.Scan.Jobs = 1;
  O.Scan.Load.Overlay = std::move(Overlay);
  posture::ConfigResolver Resolver;
  posture::Scopes Scopes(Resolver);
  (void)rampart::evaluate(O, Scopes);
}

/// S as a JSON string literal (quotes and escapes), for ARM's `"[...]"`.
inline std::string jsonString(const std::string &S) {
  return nlohmann::json(S).dump(-1, ' ', false,
                                nlohmann::json::error_handler_t::replace);
}

} // namespace rampart::fuzz

#endif
