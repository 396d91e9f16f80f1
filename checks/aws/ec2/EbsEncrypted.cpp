//===- EbsEncrypted.cpp - AWS-EC2-006 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Environment.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Whether EBS encryption by default is on in the unit (an
/// aws_ebs_encryption_by_default that is not disabled) or in the account
/// (the config's environment says so).
bool encryptedByDefault(const model::DeploymentUnit &U) {
  if (check::environmentSays(U, "aws.ebs_encryption_by_default"))
    return true;
  for (const model::Resource *R :
       check::deployedOfType(U, {"aws_ebs_encryption_by_default"})) {
    const Value *On = R->Properties.get("enabled");
    if (!On || On->isNull() ||
        valueEquals(*On, Value::boolean(true), true).isTrue())
      return true;
  }
  return false;
}

/// A Terraform block is a list of one object.
const Value *unwrap(const Value *V) {
  if (V && V->is(model::ValueKind::Array) && V->items().size() == 1)
    return &V->items()[0];
  return V;
}

/// One volume's settings: Encrypted true, or missing with encryption by
/// default on. Missing otherwise is unencrypted, unless the volume comes
/// from a snapshot (its encryption follows the snapshot). Where is the
/// volume's own object, or null for the resource itself.
Evaluation volume(const Value &Ebs, const Value *Where, const char *Encrypted,
                  const char *Snapshot, bool DefaultOn,
                  const std::string &Path) {
  const Value *E = Ebs.isKnown() ? Ebs.get(Encrypted) : &Ebs;
  if (E && !E->isNull()) {
    Match On = valueEquals(*E, Value::boolean(true), true);
    if (On.isTrue())
      return Evaluation::healthy();
    if (On.isUnknown())
      return {Outcome::Unknown, E, {Path}, Path + " is unknown"};
    return {Outcome::Unhealthy, E, {Path}, Path + " is " + describeValue(*E)};
  }
  if (DefaultOn)
    return Evaluation::healthy();
  if (const Value *Snap = Ebs.get(Snapshot); Snap && !Snap->isNull())
    return {Outcome::Unknown,
            Snap,
            {Path},
            Path + " is not set: the volume's encryption follows its snapshot"};
  return {Outcome::Unhealthy,
          Where,
          {Path},
          Path + " is not set (the default is false)"};
}

/// Block-device mappings: every EBS mapping must be encrypted. Without
/// any, the root volume comes from the AMI (unknown).
Evaluation mappings(const Subject &S, const char *List, const char *EbsKey,
                    const char *Encrypted, const char *Snapshot,
                    bool RootFromAmi) {
  bool DefaultOn = encryptedByDefault(S.Unit);
  Lookup L = aws::lookup(S, List);
  std::string Path = List;
  std::vector<Evaluation> Parts;
  if (L.Result == Lookup::State::Unknown)
    return {Outcome::Unknown, L.Value, {Path}, Path + " is unknown"};
  if (L.Result == Lookup::State::Found && L.Value->is(model::ValueKind::Array))
    for (const Value &M : L.Value->items()) {
      const Value *Ebs = EbsKey ? unwrap(M.isKnown() ? M.get(EbsKey) : &M) : &M;
      if (!Ebs || Ebs->isNull())
        continue;
      Parts.push_back(volume(*Ebs, Ebs, Encrypted, Snapshot, DefaultOn, Path));
    }
  if (RootFromAmi && Parts.empty() && !DefaultOn)
    Parts.push_back({Outcome::Unknown,
                     nullptr,
                     {Path},
                     "the root volume comes from the AMI, whose encryption is "
                     "not known"});
  if (Parts.empty())
    return Evaluation::healthy();
  return aws::allOf(std::move(Parts));
}

Evaluation cfnVolume(const Subject &S) {
  return volume(S.Resource.Properties, nullptr, "Encrypted", "SnapshotId",
                false, "Encrypted");
}
Evaluation cfnInstance(const Subject &S) {
  return mappings(S, "BlockDeviceMappings", "Ebs", "Encrypted", "SnapshotId",
                  true);
}
Evaluation cfnLaunchTemplate(const Subject &S) {
  return mappings(S, "LaunchTemplateData.BlockDeviceMappings", "Ebs",
                  "Encrypted", "SnapshotId", true);
}
Evaluation tfVolume(const Subject &S) {
  return volume(S.Resource.Properties, nullptr, "encrypted", "snapshot_id",
                encryptedByDefault(S.Unit), "encrypted");
}
/// Instances and launch configurations: the root device (from the AMI
/// when not declared) and every extra EBS device.
Evaluation tfInstance(const Subject &S) {
  return aws::allOf({mappings(S, "root_block_device", nullptr, "encrypted",
                              "snapshot_id", true),
                     mappings(S, "ebs_block_device", nullptr, "encrypted",
                              "snapshot_id", false)});
}
Evaluation tfLaunchTemplate(const Subject &S) {
  return mappings(S, "block_device_mappings", "ebs", "encrypted", "snapshot_id",
                  true);
}

/// Terraform block-device lists that fail, each fixed through its only
/// device (a list of several cannot be edited by index): none when a
/// failing list holds more than one.
std::vector<FixIntent> encryptOnlyDevices(
    const Subject &S,
    llvm::ArrayRef<std::pair<const char *, const char *>> Lists) {
  std::vector<FixIntent> Out;
  for (const auto &[List, EbsKey] : Lists) {
    if (mappings(S, List, EbsKey, "encrypted", "snapshot_id", false).Result !=
        Outcome::Unhealthy)
      continue;
    Lookup L = aws::lookup(S, List);
    if (L.Result != Lookup::State::Found ||
        !L.Value->is(model::ValueKind::Array) || L.Value->items().size() != 1)
      return {};
    std::string Path = List;
    if (EbsKey)
      Path += std::string(".") + EbsKey;
    Out.push_back(
        {FixIntent::Action::Set, Path + ".encrypted", Value::boolean(true)});
  }
  return Out;
}

/// Volumes are set to encrypted; Terraform devices when their list holds
/// one; CloudFormation mappings are list elements (no fix).
std::vector<FixIntent> encryptVolumes(const Subject &S, const Evaluation &E,
                                      const Binding &B) {
  llvm::StringRef Type = S.Resource.Type;
  if (Type == "AWS::EC2::Volume" || Type == "aws_ebs_volume")
    return setTo(Value::boolean(true))(S, E, B);
  if (Type == "aws_instance" || Type == "aws_launch_configuration")
    return encryptOnlyDevices(
        S, {{"root_block_device", nullptr}, {"ebs_block_device", nullptr}});
  if (Type == "aws_launch_template")
    return encryptOnlyDevices(S, {{"block_device_mappings", "ebs"}});
  return {};
}

} // namespace

const Check &ec2EbsEncrypted() {
  // Encryption by default is known only from the unit (Terraform's
  // aws_ebs_encryption_by_default); CloudFormation has no such resource.
  static const Check C =
      CheckBuilder("AWS-EC2-006", __FILE__)
          .title("EBS volumes and block-device mappings should be encrypted")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .compliance("FSBP", "EC2.3")
          .why("Unencrypted volumes and their snapshots can be copied and read "
               "by anyone who gets snapshot access.")
          .remediation("Encrypt every volume, ideally with a customer-managed "
                       "key, and turn on EBS encryption by default per Region")
          .reference("Checkov CKV_AWS_3")
          .reference("Checkov CKV_AWS_8")
          .reference("Checkov CKV2_AWS_2")
          .onCloudFormation({"AWS::EC2::Volume"}, cfnVolume)
          .onCloudFormation(
              {"AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"},
              cfnInstance)
          .onCloudFormation({"AWS::EC2::LaunchTemplate"}, cfnLaunchTemplate)
          .onTerraform("aws", {"aws_ebs_volume"}, tfVolume)
          .onTerraform("aws", {"aws_instance", "aws_launch_configuration"},
                       tfInstance)
          .onTerraform("aws", {"aws_launch_template"}, tfLaunchTemplate)
          // Suggested: encrypting an existing volume replaces it.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               encryptVolumes)
          .build();
  return C;
}

} // namespace rampart::checks
