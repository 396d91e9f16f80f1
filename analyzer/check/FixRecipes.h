//===- FixRecipes.h - How a check's fix is declared ------------*- C++ -*-===//
//
// A check declares its fix as an intent, not as text (style.md): set the
// property it read to the value its rule expects, set it (or another) to a
// given value, or remove it. The intents are data; each dialect's editor
// lowers them to text edits that keep the user's formatting.
//
//   .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_FIXRECIPES_H
#define RAMPART_ANALYZER_CHECK_FIXRECIPES_H

#include "analyzer/check/Check.h"

namespace rampart::check {

/// Sets the property the evaluation read to the value its rule expects:
/// the `mustEqual` value, or the first of `mustBeOneOf`. No fix for a rule
/// that tests anything else.
FixRecipe setToExpected();
/// Sets the property the evaluation read to V.
FixRecipe setTo(model::Value V);
/// Sets Path (dotted, from the resource's properties) to V.
FixRecipe setProperty(std::string Path, model::Value V);
/// Removes the property the evaluation read (its default is healthy).
FixRecipe removeProperty();
/// Removes Path.
FixRecipe removeProperty(std::string Path);
/// The intents of every recipe, in order; none unless each gives some.
FixRecipe combined(std::vector<FixRecipe> Recipes);

} // namespace rampart::check

#endif
