//===- NoPublicIp.cpp - AWS-EC2-005 ---------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

struct InstanceShape {
  const char *Associate;  ///< TF: on the instance; CFN: on interface 0
  const char *Interfaces; ///< CFN NetworkInterfaces (null for TF)
  const char *Subnet, *SubnetType, *MapPublic;
  std::vector<std::pair<llvm::StringRef, llvm::StringRef>> Eips;
};
const InstanceShape CfnPublicIp{"AssociatePublicIpAddress",
                                "NetworkInterfaces",
                                "SubnetId",
                                "AWS::EC2::Subnet",
                                "MapPublicIpOnLaunch",
                                {{"AWS::EC2::EIP", "InstanceId"},
                                 {"AWS::EC2::EIPAssociation", "InstanceId"}}};
const InstanceShape TfPublicIp{
    "associate_public_ip_address",
    nullptr,
    "subnet_id",
    "aws_subnet",
    "map_public_ip_on_launch",
    {{"aws_eip", "instance"}, {"aws_eip_association", "instance_id"}}};

Evaluation judgeAssociate(const Value &V, const std::string &Path) {
  Match On = valueEquals(V, Value::boolean(true), true);
  if (On.isTrue())
    return {Outcome::Unhealthy, &V, {Path}, Path + " is true"};
  if (On.isUnknown())
    return {Outcome::Unknown, &V, {Path}, Path + " is unknown"};
  return Evaluation::healthy();
}

/// The subnet decides a missing setting: its MapPublicIpOnLaunch when it
/// is in the unit, a default subnet (public) when none is named.
Evaluation bySubnet(const Subject &S, const InstanceShape &I) {
  const Value *Subnet = S.Resource.Properties.get(I.Subnet);
  if (!Subnet || Subnet->isNull())
    return {Outcome::Unhealthy,
            nullptr,
            {I.Subnet},
            std::string(I.Subnet) + " is not set: default subnets assign "
                                    "public IPs"};
  std::vector<const model::Resource *> Subnets = aws::referencedOfType(
      S.Unit, *Subnet, {I.SubnetType, "aws_default_subnet"});
  if (Subnets.empty())
    return {Outcome::Unknown,
            Subnet,
            {I.Subnet},
            "whether the subnet assigns public IPs is not known"};
  const Value *Map = Subnets.front()->Properties.get(I.MapPublic);
  bool DefaultSubnet = Subnets.front()->Type == "aws_default_subnet";
  if (!Map || Map->isNull())
    return DefaultSubnet ? Evaluation{Outcome::Unhealthy,
                                      nullptr,
                                      {I.Subnet},
                                      "the default subnet assigns public IPs"}
                         : Evaluation::healthy();
  Evaluation E = judgeAssociate(*Map, I.MapPublic);
  if (E.Result == Outcome::Unhealthy)
    E.Detail = "its subnet assigns public IPs (" + E.Detail + ")";
  return E;
}

Predicate noPublicIp(const InstanceShape &I) {
  return [&I](const Subject &S) -> Evaluation {
    for (const auto &[Type, Prop] : I.Eips)
      for (const model::Resource *E :
           aws::joinedTo(S.Unit, S.Resource, {Type}, Prop))
        return {Outcome::Unhealthy,
                E->Properties.get(Prop),
                {},
                "an Elastic IP (" + E->Type + ") is attached to the instance"};
    if (I.Interfaces) {
      const Value *Nics = S.Resource.Properties.get(I.Interfaces);
      if (Nics && !Nics->isNull()) {
        if (!Nics->isKnown() || !Nics->is(model::ValueKind::Array))
          return {Outcome::Unknown,
                  Nics,
                  {I.Interfaces},
                  std::string(I.Interfaces) + " is unknown"};
        for (const Value &N : Nics->items()) {
          const Value *Index = N.isKnown() ? N.get("DeviceIndex") : &N;
          if (!Index || valueEquals(*Index, Value::integer(0)).isFalse())
            continue;
          const Value *A = N.get(I.Associate);
          if (A && !A->isNull())
            return judgeAssociate(*A, I.Associate);
          // Interface 0's own subnet decides.
          return Evaluation{Outcome::Unknown,
                            &N,
                            {I.Interfaces},
                            "whether interface 0's subnet assigns public IPs "
                            "is not known"};
        }
        return Evaluation::healthy();
      }
    } else if (const Value *A = S.Resource.Properties.get(I.Associate);
               A && !A->isNull()) {
      return judgeAssociate(*A, I.Associate);
    }
    return bySubnet(S, I);
  };
}

/// Launch templates: any interface asking for a public address.
Predicate templateNoPublicIp(std::string Interfaces, std::string Associate) {
  return [=](const Subject &S) -> Evaluation {
    Lookup L = aws::lookup(S, Interfaces);
    if (L.Result == Lookup::State::Missing)
      return Evaluation::healthy();
    if (L.Result == Lookup::State::Unknown ||
        !L.Value->is(model::ValueKind::Array))
      return {
          Outcome::Unknown, L.Value, {Interfaces}, Interfaces + " is unknown"};
    std::vector<Evaluation> Parts{Evaluation::healthy()};
    for (const Value &N : L.Value->items())
      if (const Value *A = N.isKnown() ? N.get(Associate) : &N;
          A && !A->isNull())
        Parts.push_back(judgeAssociate(*A, Associate));
    return aws::allOf(std::move(Parts));
  };
}

/// Terraform: associate_public_ip_address = false, on the instance (it
/// overrides the subnet's default) or on a launch template's only network
/// interface. No fix for an attached Elastic IP (another resource), for a
/// template with several interfaces, or in CloudFormation, where the
/// setting is on a list element.
std::vector<FixIntent> noPublicAddress(const Subject &S, const Evaluation &E,
                                       const Binding &) {
  llvm::StringRef Type = S.Resource.Type;
  // An instance that attaches its own network_interface takes its address
  // from it: associate_public_ip_address does not apply there.
  if (Type == "aws_instance" && !E.Path.empty() &&
      aws::lookup(S, "network_interface").Result == Lookup::State::Missing)
    return {{FixIntent::Action::Set, "associate_public_ip_address",
             Value::boolean(false)}};
  if (Type == "aws_launch_template") {
    Lookup L = aws::lookup(S, "network_interfaces");
    if (L.Result == Lookup::State::Found &&
        L.Value->is(model::ValueKind::Array) && L.Value->items().size() == 1)
      return {{FixIntent::Action::Set,
               "network_interfaces.associate_public_ip_address",
               Value::boolean(false)}};
  }
  return {};
}

} // namespace

const Check &ec2NoPublicIp() {

  static const Check C =
      CheckBuilder("AWS-EC2-005", __FILE__)
          .title("EC2 instances should not have public IPv4 addresses")
          .severity(Level::High)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("FSBP", "EC2.9")
          .compliance("FSBP", "EC2.25")
          .why("Instances with public addresses are directly reachable "
               "whenever a security group is too broad.")
          .remediation("Place instances in private subnets behind load "
                       "balancers and NAT, and reach them with Session Manager")
          .reference("Checkov CKV_AWS_88")
          .onCloudFormation({"AWS::EC2::Instance"}, noPublicIp(CfnPublicIp))
          .onCloudFormation(
              {"AWS::EC2::LaunchTemplate"},
              templateNoPublicIp("LaunchTemplateData.NetworkInterfaces",
                                 "AssociatePublicIpAddress"))
          .onTerraform("aws", {"aws_instance"}, noPublicIp(TfPublicIp))
          .onTerraform("aws", {"aws_launch_template"},
                       templateNoPublicIp("network_interfaces",
                                          "associate_public_ip_address"))
          // Suggested: whatever reaches the instance by its public address
          // stops.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               noPublicAddress)
          .build();
  return C;
}

} // namespace rampart::checks
