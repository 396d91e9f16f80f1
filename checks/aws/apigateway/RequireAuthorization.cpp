//===- RequireAuthorization.cpp - AWS-APIGW-001 ---------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// REST API methods: an authorizer or a required API key; OPTIONS
/// (CORS preflight) is not judged.
Predicate restMethod(std::string HttpMethod, std::string Authorization,
                     std::string ApiKey) {
  PropertyRule NoAuth = property(Authorization)
                            .mustNotBeOneOf({Value::string("NONE")})
                            .missingIsUnhealthy();
  PropertyRule KeyRequired = property(ApiKey).mustEqual(Value::boolean(true));
  return [=](const Subject &S) -> Evaluation {
    const Value *M = S.Resource.Properties.get(HttpMethod);
    if (M && equalsInsensitive(*M, "OPTIONS").isTrue())
      return Evaluation::notApplicable();
    Evaluation Auth = NoAuth.evaluate(S);
    if (Auth.Result == Outcome::Healthy)
      return Auth;
    const Value *Key = S.Resource.Properties.get(ApiKey);
    if (Key && !Key->isNull()) {
      Evaluation K = KeyRequired.evaluate(S);
      if (K.Result == Outcome::Healthy)
        return K;
      if (K.Result == Outcome::Unknown)
        return K;
    }
    if (Auth.Result == Outcome::Unhealthy)
      Auth.Detail += " and no API key is required";
    if (M && !M->isKnown() && Auth.Result == Outcome::Unhealthy)
      return {Outcome::Unknown, M, {HttpMethod}, HttpMethod + " is unknown"};
    return Auth;
  };
}

/// HTTP and WebSocket API routes; a WebSocket API's $disconnect and
/// $default routes cannot take an authorizer.
Predicate route(std::string RouteKey, std::string Authorization,
                std::string ApiId, std::string ApiType,
                std::string ProtocolType) {
  PropertyRule NoAuth = property(Authorization)
                            .mustNotBeOneOf({Value::string("NONE")})
                            .missingIsUnhealthy();
  return [=](const Subject &S) -> Evaluation {
    Evaluation Auth = NoAuth.evaluate(S);
    if (Auth.Result == Outcome::Healthy)
      return Auth;
    const Value *Key = S.Resource.Properties.get(RouteKey);
    if (Key && equalsInsensitive(*Key, "$disconnect").isTrue())
      return Evaluation::notApplicable();
    if (Key && equalsInsensitive(*Key, "$default").isTrue()) {
      const Value *Api = S.Resource.Properties.get(ApiId);
      std::vector<const model::Resource *> Apis =
          Api ? aws::referencedOfType(S.Unit, *Api, {ApiType})
              : std::vector<const model::Resource *>{};
      if (Apis.empty())
        return {Outcome::Unknown,
                Key,
                {RouteKey},
                "whether the API of this $default route is a WebSocket API "
                "is not known"};
      const Value *P = Apis.front()->Properties.get(ProtocolType);
      Match Ws = P ? equalsInsensitive(*P, "WEBSOCKET") : Match{};
      if (Ws.isTrue())
        return Evaluation::notApplicable();
      if (Ws.isUnknown())
        return {
            Outcome::Unknown, P, {RouteKey}, "the API's protocol is unknown"};
    }
    return Auth;
  };
}

} // namespace

const Check &apigatewayRequireAuthorization() {

  static const Check C =
      CheckBuilder("AWS-APIGW-001", __FILE__)
          .title("API Gateway methods and routes should require authorization")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-1")
          .compliance("FSBP", "APIGateway.8")
          .why("Unauthenticated methods expose the integration behind them to "
               "the internet.")
          .remediation(
              "Attach an IAM, Cognito or Lambda authorizer; suppress with a "
              "reason for endpoints that are intentionally public")
          .reference("Checkov CKV2_AWS_70")
          .reference("Checkov CKV_AWS_309")
          .onCloudFormation(
              {"AWS::ApiGateway::Method"},
              restMethod("HttpMethod", "AuthorizationType", "ApiKeyRequired"))
          .onCloudFormation({"AWS::ApiGatewayV2::Route"},
                            route("RouteKey", "AuthorizationType", "ApiId",
                                  "AWS::ApiGatewayV2::Api", "ProtocolType"))
          .onTerraform(
              "aws", {"aws_api_gateway_method"},
              restMethod("http_method", "authorization", "api_key_required"))
          .onTerraform("aws", {"aws_apigatewayv2_route"},
                       route("route_key", "authorization_type", "api_id",
                             "aws_apigatewayv2_api", "protocol_type"))
          .build();
  return C;
}

} // namespace rampart::checks
