//===- Sam.h - The AWS Serverless Application Model transform --*- C++ -*-===//
//
// What the SAM translator (Transform: AWS::Serverless-2016-10-31) makes of a
// template, as a pure function over resources whose Properties are already
// evaluated: every AWS::Serverless::* resource becomes the CloudFormation
// resources the translator creates, with the translator's logical ids, as
// far as security checks need them.
//
// Origins: every generated resource keeps the SAM resource's Declaration, so
// findings point at the SAM resource. Values copied from the SAM resource
// keep their own origins; values SAM generates (the lambda assume-role
// policy, the AWSLambdaBasicExecutionRole ARN, the statements of a policy
// template) take the origin of the SAM text that caused them (the policy
// template entry, the event) or else the SAM resource's declaration.
//
// Three-valued: what the translator would take from an unknown input stays
// Unknown (Policies given as an unknown parameter make the role's Policies
// Unknown). Strings SAM builds with Fn::Sub over pseudo parameters
// ("arn:${AWS::Partition}:iam::aws:policy/...") are Expression values whose
// text is that Fn::Sub template with the known parts substituted; they refer
// to the resource they name, if any (checks treat them as not known).
//
// Deviations from the translator's output, all of them documented where
// they are made: logical ids that SAM hashes from content it alone sees
// (ServerlessRestApiDeployment<hash>, <Function>Version<hash>,
// <Layer><hash>) are written without the hash; a state machine's Definition
// stays an object (CloudFormation's Definition property) instead of SAM's
// Fn::Join'ed DefinitionString; settings SAM writes into an API's OpenAPI
// body (DisableExecuteApiEndpoint, an HTTP API's Name and
// CorsConfiguration) are the CloudFormation properties that mean the same.
//
// Not modelled (the properties that depend on them are Unknown, or a
// diagnostic says so): the resource policy built from Api Auth.ResourcePolicy,
// authorizer and CORS definitions in API bodies, usage plans, HTTP API
// custom domains, DeploymentPreference (CodeDeploy), what SAM changes in
// other resources (an S3 bucket's NotificationConfiguration, a Cognito user
// pool's LambdaConfig), Api events of state machines, and the types
// Connector, GraphQLApi, WebSocketApi and CapacityProvider.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_CLOUDFORMATION_SAM_H
#define RAMPART_ANALYZER_EVAL_CLOUDFORMATION_SAM_H

#include "analyzer/model/ResourceGraph.h"
#include "analyzer/model/Value.h"
#include "parsers/common/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <vector>

namespace rampart::eval::cloudformation {

/// AWS::Serverless::* (Function, Api, HttpApi, SimpleTable, LayerVersion,
/// StateMachine, Application, and the types this file does not expand).
bool isSamType(llvm::StringRef Type);

/// Errors the SAM translator reports for a Globals section: a section other
/// than Function, Api, HttpApi, SimpleTable, StateMachine, LayerVersion
/// (CapacityProvider too), or a property a section does not take (Globals
/// cannot set a function's Role, Policies, FunctionName or Events). The
/// translator rejects such a template; applyGlobals() skips what is wrong.
std::vector<Diagnostic> checkGlobals(const model::Value &Globals);

/// The Globals section applied to one SAM resource's evaluated Properties,
/// with SAM's merge rules: maps merge recursively, lists are concatenated
/// global-first, anything else (scalars, Unknown and Expression values,
/// values of different kinds) takes the resource's value. Only the
/// properties SAM supports in Globals for SamType are merged. IgnoreGlobals
/// is the resource's IgnoreGlobals attribute ("*" or a list of property
/// names), or null. Globals is the evaluated Globals section, or null.
model::Value applyGlobals(llvm::StringRef SamType,
                          const model::Value &Properties,
                          const model::Value &Globals,
                          const model::Value *IgnoreGlobals = nullptr);

/// What a SAM resource becomes.
struct SamExpansion {
  /// The CloudFormation resources that replace the SAM one. The resource
  /// with the SAM resource's logical id (the function, table, API ...)
  /// comes first. Implicit resources that several functions share
  /// (ServerlessRestApi, its deployment and Prod stage; ServerlessHttpApi
  /// and its $default stage) come once per function that uses them: the
  /// caller keeps one per Id and folds the others in with
  /// mergeSharedResource().
  std::vector<model::Resource> Resources;
  /// Reference edges from each generated resource to every resource its
  /// values name (generated or not), and the DependsOn edges SAM adds (an
  /// S3 bucket waits for its notification permission, a log subscription
  /// filter for its permission). The SAM resource's own DependsOn, and the
  /// Attachment edges of association types, are the caller's.
  std::vector<model::Edge> Edges;
  /// Unsupported types, unknown policy templates, invalid input.
  std::vector<Diagnostic> Diagnostics;
};

/// What expandSamResource() may need from the rest of the template.
struct SamContext {
  /// The evaluated Globals section, or null. Its Api and HttpApi sections
  /// configure the implicit APIs that function events create, as SAM does.
  model::Value Globals;
  /// The template's SAM resources before expansion, with their Globals
  /// applied (other resources may be there too). An Api or HttpApi without
  /// a definition gets its routes from the events of the functions here
  /// that name it; without them it has no routes.
  llvm::ArrayRef<model::Resource> Resources;
  /// Finds a template resource by the id a Ref to it gives (the Expression's
  /// refersTo); when empty, Resources are searched by Id. An Api event's
  /// permission is named after the stage of the Api it names; when that
  /// Api is not found, the stage is unknown ("<Fn><Event>PermissionAllStages").
  std::function<const model::Resource *(llvm::StringRef Id)> Find;
};

/// Expands one AWS::Serverless::* resource whose Properties have Globals
/// applied. A type this file does not expand comes back unchanged, with a
/// warning.
SamExpansion expandSamResource(const model::Resource &R,
                               const SamContext &Ctx = {});

/// Folds a shared implicit resource that another function's expansion
/// produced again (same Id) into the one kept: the paths of implicit API
/// bodies are merged. SAM deploys an implicit API when any function that
/// uses it is deployed: the kept resource is unconditional unless both have
/// the same Condition, and Unknown when their conditions differ.
void mergeSharedResource(model::Resource &Kept, const model::Resource &Again);

} // namespace rampart::eval::cloudformation

#endif
