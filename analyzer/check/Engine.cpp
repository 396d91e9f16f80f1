//===- Engine.cpp - Running checks over deployment units ------------------===//
#include "analyzer/check/Engine.h"

#include "analyzer/check/Relations.h"

#include "analyzer/check/Property.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

namespace rampart::check {

using model::Value;

llvm::StringRef levelName(Level L) {
  switch (L) {
  case Level::Low:
    return "low";
  case Level::Medium:
    return "medium";
  case Level::High:
    return "high";
  case Level::Critical:
    return "critical";
  }
  return "medium";
}

std::optional<Level> levelNamed(llvm::StringRef Name) {
  for (Level L : {Level::Low, Level::Medium, Level::High, Level::Critical})
    if (Name.equals_insensitive(levelName(L)))
      return L;
  return std::nullopt;
}

llvm::StringRef outcomeName(Outcome O) {
  switch (O) {
  case Outcome::Healthy:
    return "healthy";
  case Outcome::Unhealthy:
    return "unhealthy";
  case Outcome::Unknown:
    return "unknown";
  case Outcome::NotApplicable:
    return "not-applicable";
  }
  return "not-applicable";
}

llvm::StringRef familyName(Family F) {
  switch (F) {
  case Family::Arm:
    return "arm";
  case Family::Terraform:
    return "terraform";
  case Family::CloudFormation:
    return "cloudformation";
  }
  return "arm";
}

Family familyOf(Dialect D) {
  switch (D) {
  case Dialect::Arm:
  case Dialect::Bicep:
    return Family::Arm;
  case Dialect::Terraform:
    return Family::Terraform;
  case Dialect::CloudFormation:
    return Family::CloudFormation;
  }
  return Family::Arm;
}

namespace {

std::string indexKey(Family F, llvm::StringRef Type) {
  return familyName(F).str() + ":" +
         (F == Family::Arm ? Type.lower() : Type.str());
}

/// Where a value came from, when it came through a parameter or variable.
std::string provenance(const Value &V) {
  const model::Origin &Set = V.setAt();
  if (!Set.hasFile())
    return {};
  return " (set at " + Set.File->path().str() + ":" +
         std::to_string(Set.Range.Start.Line) + ")";
}

} // namespace

std::string resourceNoun(const model::Resource &R) {
  // "Microsoft.Storage/storageAccounts" -> "storageAccounts";
  // "aws_s3_bucket" -> "aws_s3_bucket"; "AWS::S3::Bucket" -> "AWS::S3::Bucket".
  llvm::StringRef T = R.Type;
  if (familyOf(R.TheDialect) == Family::Arm)
    return T.rsplit('/').second.str();
  return T.str();
}

std::string resourceLabel(const model::Resource &R) {
  if (R.Name.is(model::ValueKind::String))
    return R.Name.asString().str();
  return R.Id;
}

const model::Origin *nearestKeyOrigin(const model::Resource &R,
                                      llvm::StringRef Path) {
  bool Insensitive = familyOf(R.TheDialect) == Family::Arm;
  llvm::SmallVector<llvm::StringRef, 8> Steps;
  Path.split(Steps, '.');
  const Value *Cur = &R.Properties;
  const model::Origin *Best = nullptr;
  for (llvm::StringRef Step : Steps) {
    if (Cur->is(model::ValueKind::Array) && Cur->items().size() == 1)
      Cur = &Cur->items()[0];
    const model::Member *M = Cur->memberNamed(Step, Insensitive);
    if (!M || M->V.isNull())
      break;
    if (M->KeyOrigin.hasFile())
      Best = &M->KeyOrigin;
    Cur = &M->V;
  }
  return Best;
}

Engine::Engine(std::vector<const Check *> TheChecks)
    : Checks(std::move(TheChecks)) {
  for (const Check *C : Checks)
    for (const Binding &B : C->Bindings)
      for (const std::string &T : B.Types)
        ByType[indexKey(B.TheFamily, T)].push_back({C, &B});
}

const std::vector<Engine::Applicable> *
Engine::applicable(const model::Resource &R) const {
  auto It = ByType.find(indexKey(familyOf(R.TheDialect), R.Type));
  return It == ByType.end() ? nullptr : &It->second;
}

std::vector<Result> Engine::runUnit(const model::DeploymentUnit &U) const {
  std::vector<Result> Out;
  for (const model::Resource &R : U.Graph.resources()) {
    if (!isDeployed(R))
      continue;
    const std::vector<Applicable> *List = applicable(R);
    if (!List)
      continue;
    for (const Applicable &A : *List) {
      Evaluation E = A.TheBinding->Evaluate({R, U});
      // A resource that is deployed only when an unknown condition holds is
      // not failed for it: unknown is not false.
      if (E.Result == Outcome::Unhealthy && R.Condition &&
          !R.Condition->is(model::ValueKind::Bool)) {
        E.Result = Outcome::Unknown;
        E.Detail += "; the resource is deployed only when its condition "
                    "holds, which is unknown";
      }
      Result Res{A.TheCheck, &U, &R, E.Result, nullptr, {}, {}, {}, {}, {}};
      if (E.Result == Outcome::Unhealthy || E.Result == Outcome::Unknown) {
        const model::Origin *At = &R.Declaration;
        if (E.Where && E.Where->origin().hasFile())
          At = &E.Where->origin();
        else if (!E.Path.empty())
          if (const model::Origin *Ancestor = nearestKeyOrigin(R, E.Path[0]))
            At = Ancestor;
        if (At->hasFile()) {
          Res.Source = At->File;
          Res.File = At->File->path().str();
        }
        Res.Range = At->Range;
        if (!E.Path.empty())
          Res.PropertyPath = E.Path[0];
        Res.Message = resourceNoun(R) + " '" + resourceLabel(R) +
                      "': " + E.Detail + (E.Where ? provenance(*E.Where) : "");
      }
      if (E.Result == Outcome::Unhealthy && A.TheBinding->Fix)
        Res.Fix = A.TheBinding->Fix({R, U}, E, *A.TheBinding);
      Out.push_back(std::move(Res));
    }
  }
  return Out;
}

std::vector<Result> Engine::run(const std::vector<model::DeploymentUnit> &Units,
                                unsigned Jobs) const {
  std::vector<std::vector<Result>> PerUnit(Units.size());
  llvm::ThreadPool Pool(llvm::hardware_concurrency(Jobs));
  for (size_t I = 0; I < Units.size(); ++I)
    Pool.async([&, I] { PerUnit[I] = runUnit(Units[I]); });
  Pool.wait();
  std::vector<Result> Out;
  for (std::vector<Result> &R : PerUnit)
    llvm::append_range(Out, std::move(R));
  return Out;
}

std::vector<const Check *> selectChecks(const std::vector<const Check *> &All,
                                        llvm::ArrayRef<std::string> Include,
                                        llvm::ArrayRef<std::string> Exclude,
                                        std::string &Error) {
  // GlobPattern keeps references into its pattern text: the upper-cased
  // patterns must outlive the matching.
  std::vector<std::string> Texts;
  for (llvm::ArrayRef<std::string> Patterns : {Include, Exclude})
    for (const std::string &P : Patterns)
      Texts.push_back(llvm::StringRef(P).upper());
  size_t Next = 0;
  auto Compile = [&](llvm::ArrayRef<std::string> Patterns) {
    std::vector<llvm::GlobPattern> Out;
    for (const std::string &P : Patterns) {
      auto G = llvm::GlobPattern::create(Texts[Next++]);
      if (!G) {
        Error = "invalid check pattern '" + P +
                "': " + llvm::toString(G.takeError());
        continue;
      }
      Out.push_back(std::move(*G));
    }
    return Out;
  };
  std::vector<llvm::GlobPattern> In = Compile(Include), Out = Compile(Exclude);
  auto Matches = [](const std::vector<llvm::GlobPattern> &Gs,
                    llvm::StringRef Id) {
    return llvm::any_of(
        Gs, [&](const llvm::GlobPattern &G) { return G.match(Id.upper()); });
  };
  std::vector<const Check *> Selected;
  for (const Check *C : All)
    if ((In.empty() || Matches(In, C->Id)) && !Matches(Out, C->Id))
      Selected.push_back(C);
  return Selected;
}

} // namespace rampart::check
