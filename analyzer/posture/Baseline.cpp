//===- Baseline.cpp - Findings known before, by fingerprint ---------------===//
#include "analyzer/posture/Baseline.h"

#include "llvm/Support/MemoryBuffer.h"

namespace rampart::posture {

namespace {
constexpr int FormatVersion = 1;

llvm::Error baselineError(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument), Path + ": " + Why);
}
} // namespace

nlohmann::ordered_json baselineToJson(llvm::ArrayRef<Finding> Findings) {
  nlohmann::ordered_json List = nlohmann::ordered_json::array();
  for (const Finding &F : Findings) {
    if (F.suppressed())
      continue;
    // Check, resource and file are for people reading the file in review;
    // only the fingerprint is matched.
    List.push_back({{"fingerprint", F.Fingerprint},
                    {"check", F.Result.TheCheck->Id},
                    {"resource", F.Result.Resource->Id},
                    {"file", F.Result.File}});
  }
  return {{"rampartBaseline", FormatVersion}, {"findings", std::move(List)}};
}

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return baselineError(Path, Buffer.getError().message());
  nlohmann::json J = nlohmann::json::parse((*Buffer)->getBuffer().begin(),
                                           (*Buffer)->getBuffer().end(),
                                           nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded())
    return baselineError(Path, "not valid JSON");
  auto Version = J.find("rampartBaseline");
  if (!J.is_object() || Version == J.end() || !Version->is_number_integer())
    return baselineError(Path, "not a Rampart baseline (no "
                               "\"rampartBaseline\" version)");
  if (*Version != FormatVersion)
    return baselineError(Path, "baseline format " + Version->dump() +
                                   " is not supported (this Rampart reads " +
                                   std::to_string(FormatVersion) + ")");
  Baseline B;
  auto List = J.find("findings");
  if (List == J.end() || !List->is_array())
    return baselineError(Path, "\"findings\" must be an array");
  for (const nlohmann::json &Entry : *List) {
    auto Print = Entry.is_object() ? Entry.find("fingerprint") : Entry.end();
    if (Print == Entry.end() || !Print->is_string())
      return baselineError(Path, "a finding without a \"fingerprint\" string");
    B.Fingerprints.insert(Print->get<std::string>());
  }
  return B;
}

void applyBaseline(const Baseline &B, std::vector<Finding> &Findings) {
  for (Finding &F : Findings)
    F.Baselined = B.contains(F);
}

} // namespace rampart::posture
