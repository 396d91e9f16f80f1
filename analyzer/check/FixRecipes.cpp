//===- FixRecipes.cpp - How a check's fix is declared ---------------------===//
#include "analyzer/check/FixRecipes.h"

#include "analyzer/check/Policy.h"
#include "analyzer/check/Property.h"

namespace rampart::check {

namespace {

/// The rule of B that reads Path (by any of its spellings).
const PropertyRule *ruleReading(const Binding &B, llvm::StringRef Path) {
  auto Reads = [&](const PropertyRule &R) {
    return llvm::is_contained(R.paths(), Path);
  };
  if (B.Rule && Reads(*B.Rule))
    return B.Rule.get();
  if (B.Declared)
    for (const auto *Rules : {&B.Declared->Rules, &B.Declared->AnyOf})
      for (const PropertyRule &R : *Rules)
        if (Reads(R))
          return &R;
  return nullptr;
}

std::optional<model::Value> expectedBy(const PropertyRule &R) {
  const TestSpec &T = R.test();
  if ((T.TheKind == TestSpec::Kind::Equals ||
       T.TheKind == TestSpec::Kind::OneOf) &&
      !T.Values.empty())
    return T.Values.front();
  return std::nullopt;
}

} // namespace

llvm::StringRef applicabilityName(Applicability A) {
  switch (A) {
  case Applicability::Safe:
    return "safe";
  case Applicability::Unsafe:
    return "unsafe";
  case Applicability::Suggested:
    return "suggested";
  }
  return "safe";
}

llvm::StringRef fixAvailabilityName(FixAvailability A) {
  switch (A) {
  case FixAvailability::Never:
    return "never";
  case FixAvailability::Sometimes:
    return "sometimes";
  case FixAvailability::Always:
    return "always";
  }
  return "never";
}

FixRecipe setToExpected() {
  return [](const Subject &, const Evaluation &E,
            const Binding &B) -> std::vector<FixIntent> {
    if (E.Path.empty())
      return {};
    const PropertyRule *R = ruleReading(B, E.Path.front());
    std::optional<model::Value> V = R ? expectedBy(*R) : std::nullopt;
    if (!V)
      return {};
    return {{FixIntent::Action::Set, E.Path.front(), *V}};
  };
}

FixRecipe setTo(model::Value V) {
  return [V](const Subject &, const Evaluation &E,
             const Binding &) -> std::vector<FixIntent> {
    if (E.Path.empty())
      return {};
    return {{FixIntent::Action::Set, E.Path.front(), V}};
  };
}

FixRecipe setProperty(std::string Path, model::Value V) {
  return [Path, V](const Subject &, const Evaluation &,
                   const Binding &) -> std::vector<FixIntent> {
    return {{FixIntent::Action::Set, Path, V}};
  };
}

FixRecipe removeProperty() {
  return [](const Subject &, const Evaluation &E,
            const Binding &) -> std::vector<FixIntent> {
    if (E.Path.empty())
      return {};
    return {{FixIntent::Action::Remove, E.Path.front(), {}}};
  };
}

FixRecipe removeProperty(std::string Path) {
  return [Path](const Subject &, const Evaluation &,
                const Binding &) -> std::vector<FixIntent> {
    return {{FixIntent::Action::Remove, Path, {}}};
  };
}

FixRecipe combined(std::vector<FixRecipe> Recipes) {
  return [Recipes](const Subject &S, const Evaluation &E,
                   const Binding &B) -> std::vector<FixIntent> {
    std::vector<FixIntent> Out;
    for (const FixRecipe &R : Recipes) {
      std::vector<FixIntent> Part = R(S, E, B);
      if (Part.empty())
        return {};
      llvm::append_range(Out, std::move(Part));
    }
    return Out;
  };
}

} // namespace rampart::check
