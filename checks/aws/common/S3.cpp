//===- S3.cpp - S3 buckets and their split configuration ------------------===//
#include "checks/aws/common/S3.h"

#include "checks/aws/common/Common.h"

namespace rampart::checks::aws {

using namespace check;

Evaluation judgeSplit(const Subject &S, llvm::StringRef Split,
                      const PropertyRule &SplitRule,
                      const std::optional<PropertyRule> &InlineRule,
                      Evaluation None) {
  std::vector<const model::Resource *> Parts =
      joinedTo(S.Unit, S.Resource, {Split}, "bucket");
  if (!Parts.empty()) {
    std::vector<Evaluation> Each;
    for (const model::Resource *P : Parts) {
      Evaluation E = SplitRule.evaluate({*P, S.Unit});
      // A setting missing from the split resource: point into it, not at
      // the bucket.
      if (E.Result != Outcome::Healthy && !E.Where)
        E.Where =
            lookupPath(P->Properties, SplitRule.paths().front(), false).Value;
      Each.push_back(std::move(E));
    }
    return allOf(std::move(Each));
  }
  if (InlineRule) {
    const model::Value *Inline =
        S.Resource.Properties.get(InlineRule->paths().front().substr(
            0, InlineRule->paths().front().find('.')));
    if (Inline && !Inline->isNull() &&
        !(Inline->is(model::ValueKind::Array) && Inline->items().empty()))
      return InlineRule->evaluate(S);
  }
  return None;
}

} // namespace rampart::checks::aws
