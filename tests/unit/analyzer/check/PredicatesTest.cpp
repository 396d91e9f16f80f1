//===- PredicatesTest.cpp - Shared domain predicates ----------------------===//
#include "analyzer/check/Predicates.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::check;
using model::Member;
using model::Value;

namespace Catch {
template <> struct StringMaker<Truth> {
  static std::string convert(Truth T) { return truthName(T).str(); }
};
} // namespace Catch

namespace {

Value str(std::string S) { return Value::string(std::move(S)); }
Value num(int64_t I) { return Value::integer(I); }
Value list(std::vector<Value> Items) { return Value::array(std::move(Items)); }
Value unknown() { return Value::unknown("parameter 'p' has no default"); }
Value oneOf(std::vector<Value> Alternatives) {
  return Value::oneOf(std::move(Alternatives), "condition 'c' is unknown");
}

Value obj(std::vector<std::pair<std::string, Value>> Members) {
  std::vector<Member> Out;
  for (auto &[K, V] : Members)
    Out.push_back({K, {}, V});
  return Value::object(std::move(Out));
}

/// A statement with the usual elements; Extra adds Condition and friends.
Value statement(std::string Effect, Value Principal,
                std::vector<std::pair<std::string, Value>> Extra = {}) {
  std::vector<std::pair<std::string, Value>> M = {
      {"Effect", str(std::move(Effect))},
      {"Principal", std::move(Principal)},
      {"Action", str("s3:GetObject")},
      {"Resource", str("arn:aws:s3:::bucket/*")}};
  for (auto &E : Extra)
    M.push_back(std::move(E));
  return obj(std::move(M));
}

Truth publicWith(const Value &Condition) {
  Value S = statement("Allow", str("*"), {{"Condition", Condition}});
  return statementAllowsPublicPrincipal(S).T;
}

Value condition(std::string Operator, std::string Key, Value V) {
  return obj({{std::move(Operator), obj({{std::move(Key), std::move(V)}})}});
}

} // namespace

TEST_CASE("predicates: Kleene logic over Truth", "[predicates]") {
  const Truth F = Truth::False, T = Truth::True, U = Truth::Unknown;
  CHECK(truthAnd(T, T) == T);
  CHECK(truthAnd(T, U) == U);
  CHECK(truthAnd(U, F) == F);
  CHECK(truthAnd(F, T) == F);
  CHECK(truthOr(F, F) == F);
  CHECK(truthOr(F, U) == U);
  CHECK(truthOr(U, T) == T);
  CHECK(truthNot(T) == F);
  CHECK(truthNot(F) == T);
  CHECK(truthNot(U) == U);
  CHECK(fromBool(true) == T);
  CHECK(fromBool(false) == F);
}

TEST_CASE("predicates: Azure NSG port specs", "[predicates]") {
  Value Star = str("*"), Single = str("22"), Range = str("20-25");
  Value Number = num(22), Other = num(23);
  CHECK(portCovers(Star, 3389).isTrue());
  CHECK(portCovers(Single, 22).isTrue());
  CHECK(portCovers(Single, 23).isFalse());
  CHECK(portCovers(Range, 20).isTrue());
  CHECK(portCovers(Range, 25).isTrue());
  CHECK(portCovers(Range, 26).isFalse());
  CHECK(portCovers(Number, 22).isTrue());
  CHECK(portCovers(Other, 22).isFalse());
  Value Full = str("0-65535");
  CHECK(portCovers(Full, 65535).isTrue());

  SECTION("the plural form: any element, Where on the one that covers") {
    Value L = list({str("80"), str("20-25"), str("443")});
    Match M = portCovers(L, 22);
    CHECK(M.isTrue());
    CHECK(M.Where == &L.items()[1]);
    Match None = portCovers(L, 3389);
    CHECK(None.isFalse());
    CHECK(None.Where == &L);
    Value Empty = list({});
    CHECK(portCovers(Empty, 22).isFalse());
  }

  SECTION("missing and malformed") {
    Value Null = Value::null();
    CHECK(portCovers(Null, 22).isFalse());
    for (const char *Bad : {"22,80", "ssh", "65536", "25-20", "20-"}) {
      Value B = str(Bad);
      Match M = portCovers(B, 22);
      CHECK(M.isUnknown());
      CHECK(M.Where == &B);
      CHECK_FALSE(M.Reason.empty());
    }
  }

  SECTION("unknowns decide only when they matter") {
    Value U = unknown();
    Match M = portCovers(U, 22);
    CHECK(M.isUnknown());
    CHECK(M.Where == &U);
    CHECK(M.Reason.empty());
    Value Decided = list({unknown(), str("22")});
    Match D = portCovers(Decided, 22);
    CHECK(D.isTrue());
    CHECK(D.Where == &Decided.items()[1]);
    Value Open = list({unknown(), str("80")});
    Match O = portCovers(Open, 22);
    CHECK(O.isUnknown());
    CHECK(O.Where == &Open.items()[0]);
    Value Expr = Value::expression("var.port");
    CHECK(portCovers(Expr, 22).isUnknown());
  }

  SECTION("one-of values decide when the alternatives agree") {
    Value Agree = oneOf({str("22"), str("*")});
    Match A = portCovers(Agree, 22);
    CHECK(A.isTrue());
    CHECK(A.Where == &Agree);
    Value Disagree = oneOf({str("22"), str("80")});
    Match D = portCovers(Disagree, 22);
    CHECK(D.isUnknown());
    CHECK(D.Where == &Disagree);
    Value Neither = oneOf({str("80"), str("443")});
    CHECK(portCovers(Neither, 22).isFalse());
    Value HalfUnknown = oneOf({str("22"), unknown()});
    Match H = portCovers(HalfUnknown, 22);
    CHECK(H.isUnknown());
    CHECK(H.Where == &HalfUnknown.alternatives()[1]);
  }
}

TEST_CASE("predicates: AWS from/to port pairs", "[predicates]") {
  Value P22 = num(22), P20 = num(20), P25 = num(25), P23 = num(23);
  CHECK(portRangeCovers(P22, P22, 22).isTrue());
  CHECK(portRangeCovers(P20, P25, 22).isTrue());
  CHECK(portRangeCovers(P23, P25, 22).isFalse());
  Value S22 = str("22"), S3389 = str("3389");
  Match Strings = portRangeCovers(S22, S3389, 3389);
  CHECK(Strings.isTrue());
  CHECK(Strings.Where == &S22);

  SECTION("-1 is every port, whichever end has it") {
    Value All = num(-1), AllText = str("-1");
    Match M = portRangeCovers(All, All, 3389);
    CHECK(M.isTrue());
    CHECK(M.Where == &All);
    CHECK(portRangeCovers(AllText, AllText, 22).isTrue());
    Value U = unknown();
    Match Decided = portRangeCovers(U, All, 22);
    CHECK(Decided.isTrue());
    CHECK(Decided.Where == &All);
  }

  SECTION("missing ends are open") {
    Value Null = Value::null();
    CHECK(portRangeCovers(Null, Null, 22).isTrue());
    CHECK(portRangeCovers(Null, P20, 22).isFalse());
    CHECK(portRangeCovers(P20, Null, 22).isTrue());
  }

  SECTION("unknowns and one-of bounds") {
    Value U = unknown();
    Match M = portRangeCovers(U, P25, 22);
    CHECK(M.isUnknown());
    CHECK(M.Where == &U);
    Value Froms = oneOf({num(20), num(22)});
    Match Agree = portRangeCovers(Froms, P25, 22);
    CHECK(Agree.isTrue());
    CHECK(Agree.Where == &Froms);
    Value Split = oneOf({num(20), num(23)});
    CHECK(portRangeCovers(Split, P25, 22).isUnknown());
    Value Tos = oneOf({num(21), num(20)});
    CHECK(portRangeCovers(P20, Tos, 22).isFalse());
    Value Bad = str("ssh");
    Match B = portRangeCovers(Bad, P25, 22);
    CHECK(B.isUnknown());
    CHECK(B.Where == &Bad);
    CHECK_FALSE(B.Reason.empty());
  }
}

TEST_CASE("predicates: GCP allow[].ports", "[predicates]") {
  CHECK(gcpPortsCover(nullptr, 22).isTrue());
  Value Null = Value::null(), Empty = list({});
  CHECK(gcpPortsCover(&Null, 22).isTrue());
  CHECK(gcpPortsCover(&Empty, 3389).isTrue());
  Value Ports = list({str("80"), str("20-30")});
  Match M = gcpPortsCover(&Ports, 22);
  CHECK(M.isTrue());
  CHECK(M.Where == &Ports.items()[1]);
  CHECK(gcpPortsCover(&Ports, 3389).isFalse());
  // GCP has no "*" port: the API rejects it, so it is not read as "all".
  Value Star = list({str("*")});
  CHECK(gcpPortsCover(&Star, 22).isUnknown());
  Value U = unknown();
  CHECK(gcpPortsCover(&U, 22).isUnknown());
}

TEST_CASE("predicates: protocols", "[predicates]") {
  for (Value V : {str("tcp"), str("Tcp"), str("TCP"), str("*"), str("-1"),
                  str("all"), str("6"), num(6), num(-1)})
    CHECK(protocolIncludesTcp(V).isTrue());
  for (Value V : {str("udp"), str("17"), num(17), str("icmp"), str("Icmp")})
    CHECK(protocolIncludesTcp(V).isFalse());
  for (Value V : {str("udp"), str("Udp"), str("17"), num(17), str("*"),
                  str("-1"), str("ALL")})
    CHECK(protocolIncludesUdp(V).isTrue());
  for (Value V : {str("tcp"), str("6"), num(6)})
    CHECK(protocolIncludesUdp(V).isFalse());
  Value U = unknown();
  Match M = protocolIncludesTcp(U);
  CHECK(M.isUnknown());
  CHECK(M.Where == &U);
  Value Agree = oneOf({str("Tcp"), str("*")});
  CHECK(protocolIncludesTcp(Agree).isTrue());
}

TEST_CASE("predicates: Azure internet sources", "[predicates]") {
  for (const char *S : {"*", "0.0.0.0", "0.0.0.0/0", "::/0", "Internet",
                        "internet", "Any", "ANY", "10.0.0.0/0"})
    CHECK(isInternetSourceAzure(str(S)).isTrue());
  for (const char *S : {"10.0.0.0/8", "VirtualNetwork", "AzureLoadBalancer",
                        "1.2.3.4", "0.0.0.0/1", ""})
    CHECK(isInternetSourceAzure(str(S)).isFalse());
  Value Prefixes = list({str("10.0.0.0/8"), str("Internet")});
  Match M = isInternetSourceAzure(Prefixes);
  CHECK(M.isTrue());
  CHECK(M.Where == &Prefixes.items()[1]);
  Value WithUnknown = list({unknown(), str("*")});
  CHECK(isInternetSourceAzure(WithUnknown).isTrue());
  Value OnlyUnknown = list({str("10.0.0.0/8"), unknown()});
  CHECK(isInternetSourceAzure(OnlyUnknown).isUnknown());
  Value Agree = oneOf({str("*"), str("Internet")});
  CHECK(isInternetSourceAzure(Agree).isTrue());
}

TEST_CASE("predicates: AWS and GCP internet CIDRs", "[predicates]") {
  for (const char *S : {"0.0.0.0/0", "::/0", "::0/0", "192.168.0.0/0"})
    CHECK(isInternetCidr(str(S)).isTrue());
  for (const char *S :
       {"0.0.0.0", "10.0.0.0/8", "35.235.240.0/20", "sg-0123", "pl-12", "*"})
    CHECK(isInternetCidr(str(S)).isFalse());
  Value Ranges = list({str("10.0.0.0/8"), str("::/0")});
  Match M = isInternetCidr(Ranges);
  CHECK(M.isTrue());
  CHECK(M.Where == &Ranges.items()[1]);
  Value Missing = Value::null();
  CHECK(isInternetCidr(Missing).isFalse());
  Value Ref = Value::expression("var.cidr");
  CHECK(isInternetCidr(Ref).isUnknown());
}

TEST_CASE("predicates: TLS version spellings", "[predicates]") {
  auto Rank = [](const char *S) { return tlsVersionRank(S); };
  // Azure storage, azurerm, App Service, SQL, Cosmos DB, App Gateway.
  CHECK(Rank("TLS1_0") == 10u);
  CHECK(Rank("TLS1_1") == 11u);
  CHECK(Rank("TLS1_2") == 12u);
  CHECK(Rank("TLS1_3") == 13u);
  CHECK(Rank("1.0") == 10u);
  CHECK(Rank("1.2") == 12u);
  CHECK(Rank("Tls12") == 12u);
  CHECK(Rank("TLS12") == 12u);
  CHECK(Rank("Tls") == 10u);
  CHECK(Rank("TLSv1_2") == 12u);
  CHECK(Rank("None") == 0u);
  // AWS: CloudFront, API Gateway, OpenSearch, ELB.
  CHECK(Rank("SSLv3") == 3u);
  CHECK(Rank("TLSv1") == 10u);
  CHECK(Rank("TLSv1_2016") == 10u);
  CHECK(Rank("TLSv1.1_2016") == 11u);
  CHECK(Rank("TLSv1.2_2021") == 12u);
  CHECK(Rank("TLSv1.2") == 12u);
  CHECK(Rank("TLS_1_0") == 10u);
  CHECK(Rank("TLS_1_2") == 12u);
  CHECK(Rank("Policy-Min-TLS-1-0-2019-07") == 10u);
  CHECK(Rank("Policy-Min-TLS-1-2-PFS-2023-10") == 12u);
  CHECK(Rank("ELBSecurityPolicy-2016-08") == 10u);
  CHECK(Rank("ELBSecurityPolicy-TLS-1-1-2017-01") == 11u);
  CHECK(Rank("ELBSecurityPolicy-TLS-1-2-Ext-2018-06") == 12u);
  CHECK(Rank("ELBSecurityPolicy-FS-2018-06") == 10u);
  CHECK(Rank("ELBSecurityPolicy-FS-1-1-2019-08") == 11u);
  CHECK(Rank("ELBSecurityPolicy-FS-1-2-Res-2019-08") == 12u);
  CHECK(Rank("ELBSecurityPolicy-TLS13-1-0-2021-06") == 10u);
  CHECK(Rank("ELBSecurityPolicy-TLS13-1-2-2021-06") == 12u);
  CHECK(Rank("ELBSecurityPolicy-TLS13-1-3-2021-06") == 13u);
  CHECK(Rank("ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04") == 11u);
  CHECK(Rank("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09") == 12u);
  // MySQL's tls_version lists the versions it enables.
  CHECK(Rank("TLSv1.2,TLSv1.3") == 12u);
  CHECK(Rank("TLSv1,TLSv1.1,TLSv1.2") == 10u);
  for (const char *S : {"ELBSecurityPolicy-TLS13-1-2-2099-01", "12", "1", "1.4",
                        "TLS1_2_1", "banana", "", "TLSv1.2,x"})
    CHECK_FALSE(Rank(S));
}

TEST_CASE("predicates: TLS at least", "[predicates]") {
  Value Good = str("TLS1_2"), Old = str("TLS1_0"), Newer = str("1.3");
  CHECK(tlsAtLeast(Good, "1.2").isTrue());
  CHECK(tlsAtLeast(Newer, "TLS1_2").isTrue());
  Match M = tlsAtLeast(Old, "1.2");
  CHECK(M.isFalse());
  CHECK(M.Where == &Old);
  Value Float12 = Value::floating(1.2), Float11 = Value::floating(1.1);
  CHECK(tlsAtLeast(Float12, "1.2").isTrue());
  CHECK(tlsAtLeast(Float11, "1.2").isFalse());
  Value Elb = str("ELBSecurityPolicy-2016-08");
  CHECK(tlsAtLeast(Elb, "1.2").isFalse());
  Value Elb13 = str("ELBSecurityPolicy-TLS13-1-2-2021-06");
  CHECK(tlsAtLeast(Elb13, "1.2").isTrue());
  Value Cf = str("TLSv1.2_2021");
  CHECK(tlsAtLeast(Cf, "1.2").isTrue());
  Value NoMinimum = str("None");
  CHECK(tlsAtLeast(NoMinimum, "1.0").isFalse());

  Value Custom = str("ELBSecurityPolicy-Custom-2024");
  Match C = tlsAtLeast(Custom, "1.2");
  CHECK(C.isUnknown());
  CHECK(C.Where == &Custom);
  CHECK_THAT(C.Reason, Catch::Contains("ELBSecurityPolicy-Custom-2024"));
  Value Null = Value::null();
  CHECK(tlsAtLeast(Null, "1.2").isUnknown());
  Value U = unknown();
  Match UM = tlsAtLeast(U, "1.2");
  CHECK(UM.isUnknown());
  CHECK(UM.Where == &U);
  Value Agree = oneOf({str("1.2"), str("1.3")});
  CHECK(tlsAtLeast(Agree, "1.2").isTrue());
  Value Disagree = oneOf({str("1.0"), str("1.2")});
  CHECK(tlsAtLeast(Disagree, "1.2").isUnknown());
}

TEST_CASE("predicates: public principals", "[predicates]") {
  SECTION("Principal forms") {
    Value Star = str("*");
    Match M = principalIsPublic(Star);
    CHECK(M.isTrue());
    CHECK(M.Where == &Star);
    Value Aws = obj({{"AWS", str("*")}});
    Match A = principalIsPublic(Aws);
    CHECK(A.isTrue());
    CHECK(A.Where == Aws.get("AWS"));
    Value AwsList =
        obj({{"AWS", list({str("arn:aws:iam::111122223333:root"), str("*")})}});
    Match L = principalIsPublic(AwsList);
    CHECK(L.isTrue());
    CHECK(L.Where == &AwsList.get("AWS")->items()[1]);
    Value Account = obj({{"AWS", str("arn:aws:iam::111122223333:root")}});
    CHECK(principalIsPublic(Account).isFalse());
    Value Service = obj({{"Service", str("lambda.amazonaws.com")}});
    CHECK(principalIsPublic(Service).isFalse());
    // Only the AWS entry can name everyone: an unknown Service does not
    // matter.
    Value ServiceUnknown =
        obj({{"Service", unknown()}, {"AWS", str("arn:aws:iam::1:root")}});
    CHECK(principalIsPublic(ServiceUnknown).isFalse());
    Value AwsUnknown = obj({{"AWS", unknown()}});
    CHECK(principalIsPublic(AwsUnknown).isUnknown());
  }

  SECTION("a public statement: Where is the Principal's star") {
    Value S = statement("Allow", obj({{"AWS", str("*")}}));
    Match M = statementAllowsPublicPrincipal(S);
    CHECK(M.isTrue());
    CHECK(M.Where == S.get("Principal")->get("AWS"));
  }

  SECTION("Effect must be exactly Allow") {
    Value Deny = statement("Deny", str("*"));
    Match M = statementAllowsPublicPrincipal(Deny);
    CHECK(M.isFalse());
    CHECK(M.Where == Deny.get("Effect"));
    Value Lower = statement("allow", str("*"));
    CHECK(statementAllowsPublicPrincipal(Lower).isFalse());
    Value Private =
        statement("Allow", obj({{"AWS", str("arn:aws:iam::1:root")}}));
    CHECK(statementAllowsPublicPrincipal(Private).isFalse());
    Value NoPrincipal = obj({{"Effect", str("Allow")}, {"Action", str("*")}});
    CHECK(statementAllowsPublicPrincipal(NoPrincipal).isFalse());
  }

  SECTION("Allow with NotPrincipal lets everyone else in") {
    Value S = obj({{"Effect", str("Allow")},
                   {"NotPrincipal", obj({{"AWS", str("arn:aws:iam::1:root")}})},
                   {"Action", str("s3:*")}});
    Match M = statementAllowsPublicPrincipal(S);
    CHECK(M.isTrue());
    CHECK(M.Where == S.get("NotPrincipal"));
    Value Everyone = obj({{"Effect", str("Allow")},
                          {"NotPrincipal", str("*")},
                          {"Action", str("s3:*")}});
    CHECK(statementAllowsPublicPrincipal(Everyone).isFalse());
  }

  SECTION("unknowns in the statement") {
    Value U = statement("Allow", unknown());
    CHECK(statementAllowsPublicPrincipal(U).isUnknown());
    // A Deny decides whatever the principal is.
    Value DenyUnknown = statement("Deny", unknown());
    CHECK(statementAllowsPublicPrincipal(DenyUnknown).isFalse());
    Value Whole = unknown();
    CHECK(statementAllowsPublicPrincipal(Whole).isUnknown());
    Value Effect = oneOf({str("Allow"), str("Deny")});
    Value S = obj({{"Effect", Effect}, {"Principal", str("*")}});
    CHECK(statementAllowsPublicPrincipal(S).isUnknown());
  }
}

TEST_CASE("predicates: conditions that restrict the caller", "[predicates]") {
  const Truth Public = Truth::True, NotPublic = Truth::False;
  SECTION("each listed key under StringEquals exempts the statement") {
    for (const char *Key :
         {"aws:SourceArn", "aws:SourceAccount", "aws:SourceVpc",
          "aws:SourceVpce", "aws:PrincipalAccount", "aws:PrincipalOrgID",
          "kms:CallerAccount", "kms:ViaService"}) {
      INFO(Key);
      CHECK(publicWith(condition("StringEquals", Key, str("x"))) == NotPublic);
    }
    // Context keys ignore case.
    CHECK(publicWith(condition("StringEquals", "AWS:SOURCEACCOUNT",
                               str("111122223333"))) == NotPublic);
    CHECK(publicWith(condition("ArnLike", "aws:SourceArn",
                               str("arn:aws:s3:::logs"))) == NotPublic);
    CHECK(publicWith(condition("ForAnyValue:StringEquals", "aws:PrincipalOrgID",
                               str("o-123"))) == NotPublic);
    // The value of an exact match does not matter (a Ref AWS::AccountId).
    CHECK(publicWith(condition("StringEquals", "aws:SourceAccount",
                               unknown())) == NotPublic);
  }

  SECTION("source IPs restrict only without a world CIDR") {
    CHECK(publicWith(condition("IpAddress", "aws:SourceIp",
                               str("203.0.113.0/24"))) == NotPublic);
    CHECK(publicWith(condition("IpAddress", "aws:SourceIp",
                               list({str("10.0.0.0/8"), str("::/0")}))) ==
          Public);
    CHECK(publicWith(condition("IpAddress", "aws:SourceIp",
                               str("0.0.0.0/0"))) == Public);
    CHECK(publicWith(condition("NotIpAddress", "aws:SourceIp",
                               str("10.0.0.0/8"))) == Public);
    CHECK(publicWith(condition("IpAddress", "aws:SourceIp", unknown())) ==
          Truth::Unknown);
  }

  SECTION("tests that do not restrict") {
    CHECK(publicWith(condition("StringNotEquals", "aws:SourceAccount",
                               str("1"))) == Public);
    CHECK(publicWith(condition("StringEqualsIfExists", "aws:SourceAccount",
                               str("1"))) == Public);
    CHECK(publicWith(condition("ForAllValues:StringEquals",
                               "aws:PrincipalOrgID", str("o-1"))) == Public);
    CHECK(publicWith(condition("StringLike", "aws:PrincipalOrgID", str("*"))) ==
          Public);
    CHECK(publicWith(condition("Null", "aws:SourceAccount", str("false"))) ==
          Public);
    // Not in the catalog's list: sts:ExternalId alone does not restrict.
    CHECK(publicWith(condition("StringEquals", "sts:ExternalId",
                               str("secret"))) == Public);
    CHECK(publicWith(Value::null()) == Public);
    CHECK(publicWith(obj({})) == Public);
  }

  SECTION("unknown patterns and blocks") {
    CHECK(publicWith(condition("StringLike", "aws:SourceArn", unknown())) ==
          Truth::Unknown);
    CHECK(publicWith(obj({{"StringEquals", unknown()}})) == Truth::Unknown);
    CHECK(publicWith(unknown()) == Truth::Unknown);
    // One restricting test is enough, whatever the others are.
    Value Mixed =
        obj({{"StringLike", obj({{"aws:SourceArn", unknown()}})},
             {"StringEquals", obj({{"aws:SourceAccount", str("1")}})}});
    CHECK(publicWith(Mixed) == NotPublic);
  }

  SECTION("Where is the restricting value") {
    Value C = condition("StringEquals", "aws:SourceVpce", str("vpce-1"));
    Match M = conditionRestrictsCaller(C);
    CHECK(M.isTrue());
    CHECK(M.Where == C.get("StringEquals")->get("aws:SourceVpce"));
  }
}

TEST_CASE("predicates: policy documents", "[predicates]") {
  Value Private =
      statement("Allow", obj({{"Service", str("ec2.amazonaws.com")}}));
  Value Public = statement("Allow", str("*"));

  SECTION("Statement as an object or a list") {
    Value One = obj({{"Version", str("2012-10-17")}, {"Statement", Public}});
    PolicyDocument D1(One);
    CHECK(D1.readable().isTrue());
    REQUIRE(D1.statements().size() == 1);
    Match M = D1.anyStatement(statementAllowsPublicPrincipal);
    CHECK(M.isTrue());
    CHECK(M.Where == One.get("Statement")->get("Principal"));

    Value Two = obj({{"Statement", list({Private, Public})}});
    PolicyDocument D2(Two);
    REQUIRE(D2.statements().size() == 2);
    CHECK(D2.statements()[0] == &Two.get("Statement")->items()[0]);
    Match M2 = D2.anyStatement(statementAllowsPublicPrincipal);
    CHECK(M2.isTrue());
    CHECK(M2.Where == Two.get("Statement")->items()[1].get("Principal"));

    Value OnlyPrivate = obj({{"Statement", list({Private})}});
    CHECK(PolicyDocument(OnlyPrivate)
              .anyStatement(statementAllowsPublicPrincipal)
              .isFalse());
    Value NoStatements = obj({{"Version", str("2012-10-17")}});
    CHECK(PolicyDocument(NoStatements)
              .anyStatement(statementAllowsPublicPrincipal)
              .isFalse());
  }

  SECTION("a JSON string is parsed; its values carry the string's origin") {
    std::string Text =
        R"({"Version":"2012-10-17","Statement":[)"
        R"({"Effect":"Deny","Principal":"*","Action":"s3:*"},)"
        R"({"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1:root","*"]},)"
        R"("Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b/*"}]})";
    auto File = SourceFile::fromText("template.yaml", "Policy: '...'\n");
    model::Origin O{File.get(), File->range(8, 13)};
    Value Doc = Value::string(Text, O);
    PolicyDocument D(Doc);
    CHECK(D.readable().isTrue());
    CHECK(D.statements().size() == 2);
    Match M = D.anyStatement(statementAllowsPublicPrincipal);
    REQUIRE(M.isTrue());
    REQUIRE(M.Where);
    CHECK(M.Where->asString() == "*");
    CHECK(M.Where->origin().File == File.get());
    CHECK(M.Where->origin().Range == O.Range);
  }

  SECTION("a string that is not JSON is unknown") {
    Value Doc = str("{\"Statement\": [");
    PolicyDocument D(Doc);
    Match R = D.readable();
    CHECK(R.isUnknown());
    CHECK(R.Where == &Doc);
    CHECK_THAT(R.Reason, Catch::Contains("JSON"));
    CHECK(D.anyStatement(statementAllowsPublicPrincipal).isUnknown());
    Value NotAnObject = str("[1, 2]");
    CHECK(PolicyDocument(NotAnObject).readable().isUnknown());
  }

  SECTION("unknown documents, statements and elements") {
    Value U = unknown();
    PolicyDocument D(U);
    CHECK(D.readable().isUnknown());
    CHECK(D.anyStatement(statementAllowsPublicPrincipal).Where == &U);

    Value WithUnknown = obj({{"Statement", list({unknown(), Public})}});
    CHECK(PolicyDocument(WithUnknown)
              .anyStatement(statementAllowsPublicPrincipal)
              .isTrue());
    Value Undecided = obj({{"Statement", list({unknown(), Private})}});
    CHECK(PolicyDocument(Undecided)
              .anyStatement(statementAllowsPublicPrincipal)
              .isUnknown());
  }

  SECTION("one-of documents and statements must agree") {
    Value PublicDoc = obj({{"Statement", Public}});
    Value PrivateDoc = obj({{"Statement", Private}});
    Value Split = oneOf({PublicDoc, PrivateDoc});
    PolicyDocument D(Split);
    CHECK(D.statements().size() == 2);
    Match M = D.anyStatement(statementAllowsPublicPrincipal);
    CHECK(M.isUnknown());
    CHECK(M.Where == &Split);
    Value Both = oneOf({PublicDoc, str(R"({"Statement":{"Effect":"Allow",)"
                                       R"("Principal":{"AWS":"*"}}})")});
    Match B = PolicyDocument(Both).anyStatement(statementAllowsPublicPrincipal);
    CHECK(B.isTrue());
    CHECK(B.Where == &Both);

    // An Fn::If inside Statement.
    Value Inner =
        obj({{"Statement", oneOf({list({Public}), list({Private})})}});
    CHECK(PolicyDocument(Inner)
              .anyStatement(statementAllowsPublicPrincipal)
              .isUnknown());
  }
}

TEST_CASE("predicates: administrator statements", "[predicates]") {
  auto Admin = [](Value Action, Value Resource,
                  std::vector<std::pair<std::string, Value>> Extra = {}) {
    std::vector<std::pair<std::string, Value>> M = {
        {"Effect", str("Allow")}, {"Action", Action}, {"Resource", Resource}};
    for (auto &E : Extra)
      M.push_back(E);
    return obj(M);
  };
  Value S = Admin(str("*"), str("*"));
  Match M = statementGrantsAllActions(S);
  CHECK(M.isTrue());
  CHECK(M.Where == S.get("Action"));
  Value Colon =
      Admin(list({str("s3:GetObject"), str("*:*")}), list({str("*")}));
  Match C = statementGrantsAllActions(Colon);
  CHECK(C.isTrue());
  CHECK(C.Where == &Colon.get("Action")->items()[1]);
  CHECK(statementGrantsAllActions(Admin(str("s3:*"), str("*"))).isFalse());
  CHECK(statementGrantsAllActions(Admin(str("*"), str("arn:aws:s3:::b")))
            .isFalse());
  Value Conditional =
      Admin(str("*"), str("*"),
            {{"Condition",
              condition("Bool", "aws:MultiFactorAuthPresent", str("true"))}});
  CHECK(statementGrantsAllActions(Conditional).isFalse());
  Value EmptyCondition = Admin(str("*"), str("*"), {{"Condition", obj({})}});
  CHECK(statementGrantsAllActions(EmptyCondition).isTrue());
  Value Deny = obj(
      {{"Effect", str("Deny")}, {"Action", str("*")}, {"Resource", str("*")}});
  CHECK(statementGrantsAllActions(Deny).isFalse());
  Value NotAction = obj({{"Effect", str("Allow")},
                         {"NotAction", str("iam:*")},
                         {"Resource", str("*")}});
  CHECK(statementGrantsAllActions(NotAction).isFalse());
  CHECK(statementGrantsAllActions(Admin(unknown(), str("*"))).isUnknown());
  CHECK(statementGrantsAllActions(Admin(str("*"), unknown())).isUnknown());
  // A known non-match decides over an unknown elsewhere.
  CHECK(statementGrantsAllActions(Admin(str("s3:*"), unknown())).isFalse());

  Value Doc = str(R"({"Statement":{"Effect":"Allow","Action":"*",)"
                  R"("Resource":"*"}})");
  CHECK(PolicyDocument(Doc).anyStatement(statementGrantsAllActions).isTrue());
}

TEST_CASE("predicates: actions and services of a statement", "[predicates]") {
  auto WithAction = [](Value A) {
    return obj({{"Effect", str("Allow")}, {"Action", A}});
  };
  auto WithNotAction = [](Value A) {
    return obj({{"Effect", str("Allow")}, {"NotAction", A}});
  };
  CHECK(
      statementCoversAction(WithAction(str("sts:AssumeRole")), "sts:AssumeRole")
          .isTrue());
  CHECK(statementCoversAction(WithAction(str("sts:Assume*")),
                              "sts:AssumeRoleWithWebIdentity")
            .isTrue());
  CHECK(
      statementCoversAction(WithAction(str("STS:assumerole")), "sts:AssumeRole")
          .isTrue());
  CHECK(
      statementCoversAction(WithAction(str("sts:AssumeRol?")), "sts:AssumeRole")
          .isTrue());
  CHECK(statementCoversAction(WithAction(list({str("s3:*"), str("*")})),
                              "sts:AssumeRole")
            .isTrue());
  CHECK(statementCoversAction(WithAction(str("s3:*")), "sts:AssumeRole")
            .isFalse());
  Value Not = WithNotAction(list({str("s3:*")}));
  Match M = statementCoversAction(Not, "sts:AssumeRole");
  CHECK(M.isTrue());
  CHECK(M.Where == Not.get("NotAction"));
  CHECK(statementCoversAction(WithNotAction(str("sts:*")), "sts:AssumeRole")
            .isFalse());

  CHECK(statementCoversService(WithAction(str("s3:GetObject")), "s3").isTrue());
  CHECK(statementCoversService(WithAction(str("S3:Get*")), "s3").isTrue());
  CHECK(statementCoversService(WithAction(str("*")), "kms").isTrue());
  CHECK(statementCoversService(WithAction(str("*:*")), "kms").isTrue());
  CHECK(statementCoversService(WithAction(str("kms:Decrypt")), "s3").isFalse());
  CHECK(statementCoversService(WithAction(str("s3")), "s3").isFalse());
  CHECK(statementCoversService(WithNotAction(str("iam:*")), "s3").isTrue());
  CHECK(statementCoversService(WithNotAction(str("s3:*")), "s3").isFalse());
  CHECK(statementCoversService(WithNotAction(str("*")), "s3").isFalse());
  // Excluding one s3 action still leaves the others.
  CHECK(statementCoversService(WithNotAction(str("s3:DeleteBucket")), "s3")
            .isTrue());
  CHECK(statementCoversService(WithAction(unknown()), "s3").isUnknown());
}

TEST_CASE("predicates: Azure role definition actions", "[predicates]") {
  const char *Write = "Microsoft.Authorization/roleAssignments/write";
  Value All = list({str("*")});
  Match M = azureActionsGrant(All, nullptr, Write);
  CHECK(M.isTrue());
  CHECK(M.Where == &All.items()[0]);
  Value Authorization = list({str("Microsoft.Authorization/*")});
  CHECK(azureActionsGrant(Authorization, nullptr, Write).isTrue());
  Value Lower = list({str("microsoft.authorization/roleassignments/write")});
  CHECK(azureActionsGrant(Lower, nullptr, Write).isTrue());
  Value Storage = list({str("Microsoft.Storage/*")});
  CHECK(azureActionsGrant(Storage, nullptr, Write).isFalse());
  Value Removed = list({str("Microsoft.Authorization/*/write")});
  CHECK(azureActionsGrant(All, &Removed, Write).isFalse());
  Value Other = list({str("Microsoft.Compute/*")});
  CHECK(azureActionsGrant(All, &Other, Write).isTrue());
  Value U = unknown();
  CHECK(azureActionsGrant(All, &U, Write).isUnknown());

  Match W = containsWildcard(All);
  CHECK(W.isTrue());
  CHECK(W.Where == &All.items()[0]);
  CHECK(containsWildcard(Authorization).isFalse());
  Value Single = str("*");
  CHECK(containsWildcard(Single).isTrue());
}

TEST_CASE("predicates: generic value tests", "[predicates]") {
  SECTION("isNonEmpty") {
    CHECK(isNonEmpty(obj({})).isFalse());
    CHECK(isNonEmpty(obj({{"SSEAlgorithm", str("aws:kms")}})).isTrue());
    CHECK(isNonEmpty(list({})).isFalse());
    CHECK(isNonEmpty(list({num(1)})).isTrue());
    CHECK(isNonEmpty(str("")).isFalse());
    CHECK(isNonEmpty(str("alias/aws/s3")).isTrue());
    CHECK(isNonEmpty(Value::null()).isFalse());
    CHECK(isNonEmpty(Value::boolean(false)).isTrue());
    Value U = unknown();
    Match M = isNonEmpty(U);
    CHECK(M.isUnknown());
    CHECK(M.Where == &U);
    CHECK(isNonEmpty(oneOf({list({num(1)}), str("x")})).isTrue());
    CHECK(isNonEmpty(oneOf({list({}), str("x")})).isUnknown());
  }

  SECTION("isConfigured") {
    CHECK(isConfigured(nullptr).isFalse());
    Value Null = Value::null(), Key = str("alias/aws/s3");
    CHECK(isConfigured(&Null).isFalse());
    CHECK(isConfigured(&Key).isTrue());
    Value Ref =
        Value::expression("aws_kms_key.k.arn", {}, "aws_kms_key.k", {"arn"});
    Match M = isConfigured(&Ref);
    CHECK(M.isTrue());
    CHECK(M.Where == &Ref);
    Value Var = Value::expression("var.key");
    CHECK(isConfigured(&Var).isUnknown());
    Value U = unknown();
    CHECK(isConfigured(&U).isUnknown());
    Value Agree = oneOf({Ref, Key});
    CHECK(isConfigured(&Agree).isTrue());
    Value NoValue = oneOf({Value::null(), Key});
    CHECK(isConfigured(&NoValue).isUnknown());
  }

  SECTION("equalsInsensitive") {
    Value Enabled = str("Enabled");
    Match M = equalsInsensitive(Enabled, "enabled");
    CHECK(M.isTrue());
    CHECK(M.Where == &Enabled);
    CHECK(equalsInsensitive(str("Disabled"), "enabled").isFalse());
    CHECK(equalsInsensitive(num(1), "1").isFalse());
    CHECK(equalsInsensitive(unknown(), "enabled").isUnknown());
    CHECK(equalsInsensitive(oneOf({str("ENABLED"), str("enabled")}), "Enabled")
              .isTrue());
  }
}

TEST_CASE("predicates: valueEquals leniency", "[predicates]") {
  auto Eq = [](Value A, Value B, bool IgnoreCase = false) {
    return valueEquals(A, B, IgnoreCase).T;
  };
  const Truth T = Truth::True, F = Truth::False, U = Truth::Unknown;
  Value True = Value::boolean(true), False = Value::boolean(false);
  CHECK(Eq(True, str("true")) == T);
  CHECK(Eq(str("True"), True) == T);
  CHECK(Eq(str("false"), False) == T);
  CHECK(Eq(str("false"), True) == F);
  CHECK(Eq(str("yes"), True) == F);
  CHECK(Eq(num(1), True) == F);
  CHECK(Eq(num(22), str("22")) == T);
  CHECK(Eq(str("22"), num(22)) == T);
  CHECK(Eq(str("-1"), num(-1)) == T);
  CHECK(Eq(num(1), Value::floating(1.0)) == T);
  CHECK(Eq(str("1.5"), Value::floating(1.5)) == T);
  CHECK(Eq(str("22 "), num(22)) == F);
  CHECK(Eq(str("0x16"), num(22)) == F);
  CHECK(Eq(str("abc"), str("abc")) == T);
  CHECK(Eq(str("abc"), str("ABC")) == F);
  CHECK(Eq(str("abc"), str("ABC"), true) == T);
  CHECK(Eq(Value::null(), Value::null()) == T);
  CHECK(Eq(Value::null(), str("null")) == F);
  CHECK(Eq(Value::null(), str("")) == F);
  CHECK(Eq(list({num(1), str("a")}), list({str("1"), str("a")})) == T);
  CHECK(Eq(list({num(1)}), list({num(1), num(2)})) == F);
  CHECK(Eq(list({unknown()}), list({num(1), num(2)})) == F);
  CHECK(Eq(list({unknown(), num(2)}), list({num(1), num(2)})) == U);
  CHECK(Eq(list({unknown(), num(3)}), list({num(1), num(2)})) == F);
  CHECK(Eq(obj({{"a", num(1)}, {"b", True}}),
           obj({{"b", str("true")}, {"a", num(1)}})) == T);
  CHECK(Eq(obj({{"a", num(1)}}), obj({{"b", num(1)}})) == F);
  CHECK(Eq(obj({{"a", num(1)}}), list({num(1)})) == F);
  CHECK(Eq(unknown(), str("x")) == U);
  CHECK(Eq(str("x"), unknown()) == U);
  CHECK(Eq(oneOf({str("a"), str("A")}), str("a"), true) == T);
  CHECK(Eq(oneOf({str("a"), str("b")}), str("a")) == U);
  CHECK(Eq(str("a"), oneOf({str("a"), str("b")})) == U);

  Value V = str("Enabled");
  Value E = str("Enabled");
  CHECK(valueEquals(V, E).Where == &V);
}
