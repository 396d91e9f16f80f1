//===- StressProject.h - A synthetic Terraform project of many modules -*-===//
//
// Generates a Terraform root module that calls RootCalls modules, each with
// InstancesPerCall instances (even calls use count, odd calls for_each over
// a map built by a for expression), nested three deep:
//
//   root --m000[0..N)--> level1 --inner--> level2 --leaf[0]--> level3
//
// (leaf has `count = var.enabled ? 1 : 0`, enabled defaulting to true: the
// usual switch for an optional module, giving the one instance [0]).
//
// Per level1 instance there are 7 resource instances:
//   level1: aws_cloudwatch_log_group.logs
//   level2: aws_sns_topic.t (tagged with the log group's configured name)
//   level3: aws_s3_bucket.b (tagged with the topic's arn, known after apply),
//           aws_s3_bucket_public_access_block.pab (attached to b),
//           aws_security_group.sg (a dynamic ingress block per non-zero port,
//             from a for expression with a condition),
//           aws_security_group_rule.egress[0..2) (attached to sg)
// and 3 module instances. The root adds provider.aws and
// aws_s3_bucket_policy.first, which reads module.m000[0].bucket through
// three levels of outputs.
//
// Names flow down through variables and locals: module.m000[3]'s bucket is
// "m000-3-l1-l2-bucket", module.m001["k07"]'s is "m001-k07-l1-l2-bucket".
//
// Only literals, templates, operators and for expressions are used (no
// function calls), so the project is valid Terraform and its evaluation
// does not depend on the function library.
//
// Header-only so that both rampart-bench-evaluate and the [tfstress] unit
// test (which tests/CMakeLists.txt builds from tests/ only) share it.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_BENCH_EVALUATE_STRESSPROJECT_H
#define RAMPART_BENCH_EVALUATE_STRESSPROJECT_H

#include <string>
#include <vector>

namespace rampart::bench {

struct StressShape {
  unsigned RootCalls = 40;
  unsigned InstancesPerCall = 40;
};

/// "200 module calls x 40 instances, three deep" taken literally: 24000
/// module instances, past MaxModuleInstances (5000).
inline StressShape literalStressShape() { return {200, 40}; }
/// The same shape within MaxModuleInstances: 40 x 40 x 3 = 4800.
inline StressShape inLimitsStressShape() { return {40, 40}; }
/// Wide instead of deep per call: 200 x 8 x 3 = 4800.
inline StressShape wideStressShape() { return {200, 8}; }

constexpr unsigned StressModulesPerInstance = 3;
constexpr unsigned StressResourcesPerInstance = 7;
constexpr unsigned StressRootResources = 2; // provider.aws, the policy

inline unsigned stressModuleInstances(const StressShape &S) {
  return S.RootCalls * S.InstancesPerCall * StressModulesPerInstance;
}

inline unsigned stressResourceInstances(const StressShape &S) {
  return S.RootCalls * S.InstancesPerCall * StressResourcesPerInstance +
         StressRootResources;
}

struct StressFile {
  std::string Path; ///< Relative to the project directory.
  std::string Text;
};

/// Prefix and N zero-padded to Width digits: call and key names sort as
/// numbers do. (Appending, not `"m" + S`: GCC 12 warns falsely about that.)
inline std::string padded(char Prefix, unsigned N, unsigned Width) {
  std::string Digits = std::to_string(N);
  std::string S(1, Prefix);
  S.append(Digits.size() < Width ? Width - Digits.size() : 0, '0');
  return S.append(Digits);
}

/// The name of the I-th root module call: "m000", "m001", ...
inline std::string stressCallName(unsigned I) { return padded('m', I, 3); }

/// The I-th for_each key: "k00", "k01", ...
inline std::string stressKey(unsigned I) { return padded('k', I, 2); }

inline std::string quoted(const std::string &S) {
  std::string Q(1, '"');
  return Q.append(S).append(1, '"');
}

inline bool stressCallUsesCount(unsigned Call) { return Call % 2 == 0; }

/// The address prefix of one level1 instance: `module.m000[3].` or
/// `module.m001["k03"].`.
inline std::string stressInstancePrefix(unsigned Call, unsigned Instance) {
  std::string Key = stressCallUsesCount(Call) ? std::to_string(Instance)
                                              : quoted(stressKey(Instance));
  return "module." + stressCallName(Call) + "[" + Key + "].";
}

inline std::string stressRootCall(unsigned Call, unsigned Instances) {
  std::string Name = stressCallName(Call);
  std::string Loop =
      stressCallUsesCount(Call)
          ? "  count    = " + std::to_string(Instances) + "\n"
          : std::string("  for_each = { for k in local.keys : k => k }\n");
  std::string InstanceName = stressCallUsesCount(Call)
                                 ? Name + "-${count.index}"
                                 : Name + "-${each.key}";
  return "module \"" + Name + "\" {\n" + "  source   = \"./modules/level1\"\n" +
         Loop + "  name     = \"" + InstanceName + "\"\n" +
         "  ports    = local.ports\n" + "}\n\n";
}

inline std::string stressRoot(const StressShape &S) {
  std::string Keys;
  for (unsigned I = 0; I < S.InstancesPerCall; ++I)
    Keys.append(I ? ", " : "").append(quoted(stressKey(I)));
  std::string Text = "provider \"aws\" {\n"
                     "  region = \"eu-west-1\"\n"
                     "}\n\n"
                     "locals {\n"
                     "  ports = [22, 0, 443]\n"
                     "  keys  = [" +
                     Keys +
                     "]\n"
                     "}\n\n";
  for (unsigned C = 0; C < S.RootCalls; ++C)
    Text += stressRootCall(C, S.InstancesPerCall);
  Text += "resource \"aws_s3_bucket_policy\" \"first\" {\n"
          "  bucket = module.m000[0].bucket\n"
          "  policy = \"{}\"\n"
          "}\n";
  return Text;
}

inline std::string stressLevel1() {
  return R"(variable "name" {
  type = string
}

variable "ports" {
  type = list(number)
}

locals {
  prefix = "${var.name}-l1"
}

resource "aws_cloudwatch_log_group" "logs" {
  name              = "/stress/${local.prefix}"
  retention_in_days = 30
}

module "inner" {
  source    = "../level2"
  name      = local.prefix
  ports     = var.ports
  log_group = aws_cloudwatch_log_group.logs.name
}

output "bucket" {
  value = module.inner.bucket
}
)";
}

inline std::string stressLevel2() {
  return R"(variable "name" {
  type = string
}

variable "ports" {
  type = list(number)
}

variable "log_group" {
  type = string
}

variable "enabled" {
  type    = bool
  default = true
}

resource "aws_sns_topic" "t" {
  name = "${var.name}-topic"
  tags = {
    LogGroup = var.log_group
  }
}

module "leaf" {
  source    = "../level3"
  count     = var.enabled ? 1 : 0
  name      = "${var.name}-l2"
  ports     = var.ports
  topic_arn = aws_sns_topic.t.arn
}

output "bucket" {
  value = module.leaf[0].bucket
}
)";
}

inline std::string stressLevel3() {
  return R"(variable "name" {
  type = string
}

variable "ports" {
  type = list(number)
}

variable "topic_arn" {
  type = string
}

locals {
  bucket_name = "${var.name}-bucket"
  rules       = [for p in var.ports : { port = p, cidr = "10.0.0.0/16" } if p != 0]
}

resource "aws_s3_bucket" "b" {
  bucket = local.bucket_name
  tags = {
    Name  = local.bucket_name
    Topic = var.topic_arn
  }
}

resource "aws_s3_bucket_public_access_block" "pab" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_security_group" "sg" {
  name        = "${local.bucket_name}-sg"
  description = "Access to ${aws_s3_bucket.b.bucket}"

  dynamic "ingress" {
    for_each = local.rules
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = [rule.value.cidr]
    }
  }
}

resource "aws_security_group_rule" "egress" {
  count             = 2
  type              = "egress"
  security_group_id = aws_security_group.sg.id
  from_port         = 1024 * (count.index + 1)
  to_port           = 1024 * (count.index + 1)
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

output "bucket" {
  value = aws_s3_bucket.b.bucket
}
)";
}

/// The project's files: main.tf at the root, modules/level{1,2,3}/main.tf.
inline std::vector<StressFile> stressProject(const StressShape &S) {
  return {{"main.tf", stressRoot(S)},
          {"modules/level1/main.tf", stressLevel1()},
          {"modules/level2/main.tf", stressLevel2()},
          {"modules/level3/main.tf", stressLevel3()}};
}

} // namespace rampart::bench

#endif
