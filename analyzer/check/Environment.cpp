//===- Environment.cpp - Facts about the account, outside templates -------===//
#include "analyzer/check/Environment.h"

namespace rampart::check {

model::Resource
environmentResource(std::vector<std::pair<std::string, model::Value>> Facts) {
  model::Resource R;
  R.Id = EnvironmentType.str();
  R.Type = EnvironmentType.str();
  R.Name = model::Value::string("environment");
  R.Existing = true;
  std::vector<model::Member> Members;
  for (auto &[Key, Value] : Facts)
    Members.push_back({Key, {}, std::move(Value)});
  R.Properties = model::Value::object(std::move(Members));
  return R;
}

const model::Value *environmentFact(const model::DeploymentUnit &U,
                                    llvm::StringRef Key) {
  const model::Resource *Env = U.Graph.find(EnvironmentType);
  return Env ? Env->Properties.get(Key) : nullptr;
}

bool environmentSays(const model::DeploymentUnit &U, llvm::StringRef Key) {
  const model::Value *V = environmentFact(U, Key);
  return V && V->is(model::ValueKind::Bool) && V->asBool();
}

} // namespace rampart::check
