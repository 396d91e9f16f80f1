//===- CheckBuilder.h - Declaring a check as one expression ----*- C++ -*-===//
//
// Built-in checks are C++ written as data: one builder expression per check
// reads like its doc page.
//
//   CheckBuilder("AZ-STORAGE-001", __FILE__)
//       .title("Storage accounts should require secure transfer")
//       .severity(Level::High)
//       .control("Encrypt data in transit")
//       .compliance("MCSB", "DP-3")
//       .why("...")
//       .remediation("Set supportsHttpsTrafficOnly to true")
//       .onArm({"Microsoft.Storage/storageAccounts"}, property(...))
//       .onTerraform("azurerm", {"azurerm_storage_account"}, property(...))
//       .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
//       .build();
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_CHECKBUILDER_H
#define RAMPART_ANALYZER_CHECK_CHECKBUILDER_H

#include "analyzer/check/Check.h"
#include "analyzer/check/FixRecipes.h"
#include "analyzer/check/Policy.h"
#include "analyzer/check/Property.h"

#include <memory>

namespace rampart::check {

/// Property rules combined as data: all of All must hold and, when Any is
/// not empty, one of Any. A binding built from one can be exported as a
/// policy (its `property` and `anyOf` keys).
struct RuleSet {
  std::vector<PropertyRule> All, Any;
};

inline RuleSet allOf(std::vector<PropertyRule> Rules) {
  return {std::move(Rules), {}};
}
inline RuleSet anyOf(std::vector<PropertyRule> Rules) {
  return {{}, std::move(Rules)};
}

class CheckBuilder {
public:
  CheckBuilder(std::string Id, std::string Source) {
    C.Id = std::move(Id);
    C.Source = std::move(Source);
  }

  CheckBuilder &title(std::string T) { return set(C.Title, std::move(T)); }
  CheckBuilder &severity(Level L) {
    C.Severity = L;
    return *this;
  }
  CheckBuilder &control(std::string Control) {
    return set(C.Control, std::move(Control));
  }
  CheckBuilder &compliance(std::string Framework, std::string Id) {
    C.Compliance.push_back({std::move(Framework), std::move(Id)});
    return *this;
  }
  CheckBuilder &why(std::string Text) { return set(C.Why, std::move(Text)); }
  CheckBuilder &remediation(std::string Text) {
    return set(C.Remediation, std::move(Text));
  }
  CheckBuilder &reference(std::string R) {
    C.References.push_back(std::move(R));
    return *this;
  }
  CheckBuilder &onArm(std::vector<std::string> Types, Predicate P) {
    return bind(Family::Arm, "", std::move(Types), std::move(P));
  }
  CheckBuilder &onArm(std::vector<std::string> Types, const PropertyRule &R) {
    return bindRule(Family::Arm, "", std::move(Types), R);
  }
  CheckBuilder &onArm(std::vector<std::string> Types, RuleSet Rules) {
    return bindRules(Family::Arm, "", std::move(Types), std::move(Rules));
  }
  CheckBuilder &onTerraform(std::string Provider,
                            std::vector<std::string> Types, Predicate P) {
    return bind(Family::Terraform, std::move(Provider), std::move(Types),
                std::move(P));
  }
  CheckBuilder &onTerraform(std::string Provider,
                            std::vector<std::string> Types,
                            const PropertyRule &R) {
    return bindRule(Family::Terraform, std::move(Provider), std::move(Types),
                    R);
  }
  CheckBuilder &onTerraform(std::string Provider,
                            std::vector<std::string> Types, RuleSet Rules) {
    return bindRules(Family::Terraform, std::move(Provider), std::move(Types),
                     std::move(Rules));
  }
  CheckBuilder &onCloudFormation(std::vector<std::string> Types, Predicate P) {
    return bind(Family::CloudFormation, "", std::move(Types), std::move(P));
  }
  CheckBuilder &onCloudFormation(std::vector<std::string> Types,
                                 const PropertyRule &R) {
    return bindRule(Family::CloudFormation, "", std::move(Types), R);
  }
  CheckBuilder &onCloudFormation(std::vector<std::string> Types,
                                 RuleSet Rules) {
    return bindRules(Family::CloudFormation, "", std::move(Types),
                     std::move(Rules));
  }

  /// The check's fix: how often one is available, its applicability, and
  /// the recipe of every binding that fixFor does not give one.
  CheckBuilder &fix(FixAvailability Availability, Applicability A,
                    FixRecipe Recipe = setToExpected()) {
    C.Fix.Availability = Availability;
    C.Fix.Declared = A;
    DefaultFix = std::move(Recipe);
    return *this;
  }
  /// The recipe of this family's bindings (its paths differ).
  CheckBuilder &fixFor(Family F, FixRecipe Recipe) {
    FamilyFixes.push_back({F, std::move(Recipe)});
    return *this;
  }
  CheckBuilder &fixTitle(std::string Title) {
    return set(C.Fix.Title, std::move(Title));
  }

  Check build() {
    if (C.Fix.Availability != FixAvailability::Never)
      for (Binding &B : C.Bindings) {
        B.Fix = DefaultFix;
        for (const auto &[F, Recipe] : FamilyFixes)
          if (F == B.TheFamily)
            B.Fix = Recipe;
      }
    return std::move(C);
  }

private:
  CheckBuilder &set(std::string &Field, std::string V) {
    Field = std::move(V);
    return *this;
  }
  CheckBuilder &bind(Family F, std::string Provider,
                     std::vector<std::string> Types, Predicate P) {
    Binding B;
    B.TheFamily = F;
    B.Provider = std::move(Provider);
    B.Types = std::move(Types);
    B.Evaluate = std::move(P);
    C.Bindings.push_back(std::move(B));
    return *this;
  }
  /// The rule is kept beside its predicate, so the check can be exported.
  CheckBuilder &bindRule(Family F, std::string Provider,
                         std::vector<std::string> Types,
                         const PropertyRule &R) {
    auto Rule = std::make_shared<const PropertyRule>(R);
    bind(F, std::move(Provider), std::move(Types),
         [Rule](const Subject &S) { return Rule->evaluate(S); });
    C.Bindings.back().Rule = std::move(Rule);
    return *this;
  }
  /// Bound as a policy's binding is, so it exports the same way.
  CheckBuilder &bindRules(Family F, std::string Provider,
                          std::vector<std::string> Types, RuleSet Rules) {
    auto Declared = std::make_shared<DeclaredBinding>();
    Declared->TheFamily = F;
    Declared->Rules = std::move(Rules.All);
    Declared->AnyOf = std::move(Rules.Any);
    bind(F, std::move(Provider), std::move(Types),
         [Declared](const Subject &S) { return Declared->evaluate(S); });
    C.Bindings.back().Declared = std::move(Declared);
    return *this;
  }

  Check C;
  FixRecipe DefaultFix;
  std::vector<std::pair<Family, FixRecipe>> FamilyFixes;
};

} // namespace rampart::check

#endif
