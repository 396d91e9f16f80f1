//===- StackEvaluator.h - CloudFormation templates to units ----*- C++ -*-===//
//
// Evaluates a CloudFormation or SAM template (YAML or JSON; intrinsic
// functions in short `!Ref` and long `{"Ref": ..}` form) into a
// DeploymentUnit: one Resource per logical id, its Properties evaluated.
//
// Parameters take, last wins: Default; the parameter file; --param. A
// parameter without any is Unknown; with AllowedValues it is one-of those
// values. Ref to a parameter gives a string (a list for List<> and
// CommaDelimitedList types), as CloudFormation does; its origin is the use
// and setAt() where the value was set. AWS::SSM::Parameter::Value<> types
// are Unknown (resolved at deploy time); NoEcho values are sensitive.
// Pseudo parameters (AWS::Region, AWS::AccountId, ...) are Unknown unless
// given with --context (`--context AWS::Region=eu-west-1`); AWS::NoValue
// removes the property or list item that holds it.
//
// Conditions are evaluated once each, three-valued: And/Or decide on one
// known operand when they can, and Equals against a one-of value is decided
// when every alternative agrees. A resource whose condition is known false
// is left out (a Note says so); an unknown condition is kept in
// Resource::Condition. Fn::If with an unknown condition gives a one-of
// value of both branches (a removed branch is null). Nothing enumerates
// condition scenarios, so evaluation is linear in the template.
//
// Edges: DependsOn; Reference for every Ref, GetAtt and Sub that names a
// resource; Attachment for the association resources (AWS::S3::BucketPolicy,
// AWS::EC2::SecurityGroupIngress, AWS::EC2::SubnetRouteTableAssociation,
// AWS::IAM::Policy, ...) from the association to what it attaches to; Parent
// from the resources of a nested stack to the stack resource.
//
// SAM (Transform AWS::Serverless-2016-10-31): Globals are applied and every
// AWS::Serverless::* resource is replaced by the CloudFormation resources
// the SAM translator creates (Sam.h); they keep the SAM resource's position.
//
// Fn::ForEach in Resources (AWS::LanguageExtensions) gives one resource per
// element of a known collection, its logical id and values substituted; an
// unknown collection is reported and gives none.
//
// Nested stacks: an AWS::CloudFormation::Stack whose TemplateURL is a local
// relative path is evaluated with its Parameters (up to MaxStackDepth
// deep); its resources join the unit as "<stack id>/<logical id>" and
// GetAtt Stack.Outputs.X gives the nested output. Other TemplateURLs are
// not followed (a Note names them).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_CLOUDFORMATION_STACKEVALUATOR_H
#define RAMPART_ANALYZER_EVAL_CLOUDFORMATION_STACKEVALUATOR_H

#include "analyzer/model/ResourceGraph.h"
#include "parsers/common/Document.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace rampart::eval::cloudformation {

constexpr unsigned MaxStackDepth = 8;
/// Intrinsic evaluations per unit: far above any real template, reached
/// only by hostile ones.
constexpr uint64_t MaxUnitSteps = 4'000'000;

/// A nested template read from disk; Error when it could not be read.
struct LoadedTemplate {
  const Document *Doc = nullptr;
  std::string Error;
};
using TemplateLoader = std::function<LoadedTemplate(const std::string &Path)>;

struct StackInputs {
  const Document *Template = nullptr;
  /// A parameter file: `[{"ParameterKey": .., "ParameterValue": ..}]` (the
  /// CloudFormation CLI form) or `{"Parameters": {..}}` (CodePipeline).
  const Document *Parameters = nullptr;
  /// --param Name=Value and --context AWS::Region=..., in command-line order.
  std::vector<std::pair<std::string, std::string>> ParamOverrides;
  std::vector<std::pair<std::string, std::string>> Context;
  /// Reads nested stack templates (resolved, normalized paths); null: nested
  /// stacks are not followed.
  TemplateLoader LoadTemplate;
  /// Nested templates must stay under this directory.
  std::string ScanRoot;
  bool AllowOutsideRoot = false;
};

model::DeploymentUnit evaluateStack(const StackInputs &In);

/// The local templates a template's nested stacks point at (resolved
/// against the template's directory), to tell roots from nested stacks.
std::vector<std::string> localNestedTemplates(const Document &Template);

/// Whether a parameter file is in one of the CloudFormation forms above.
bool isStackParameterFile(const Document &D);

} // namespace rampart::eval::cloudformation

#endif
