//===- TerraformEvaluator.cpp - Terraform modules to deployment units -----===//
//
// One ModuleScope per module instance (the root, and each instance of each
// module call). Declarations are read once per scope; variables, locals,
// resource instances and module outputs are evaluated on first use and
// memoised, so a module instance costs one pass over its expressions
// whatever its callers do. References are collected into sinks while
// evaluating and become edges at the end.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/terraform/TerraformEvaluator.h"

#include "analyzer/eval/Paths.h"
#include "analyzer/eval/terraform/ProviderVersions.h"

#include "analyzer/eval/Literal.h"
#include "parsers/terraform/HclJson.h"
#include "parsers/terraform/HclParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <memory>
#include <optional>

namespace rampart::eval::terraform {

using model::DeploymentUnit;
using model::EdgeKind;
using model::firstUnknown;
using model::LoopInfo;
using model::Member;
using model::Origin;
using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

/// An object's members in Terraform's iteration order: maps and objects
/// are iterated by key, in lexical order, whatever order they were written.
std::vector<const Member *> lexicalMembers(const Value &Object) {
  std::vector<const Member *> Out;
  for (const Member &M : Object.members())
    Out.push_back(&M);
  llvm::stable_sort(
      Out, [](const Member *A, const Member *B) { return A->Key < B->Key; });
  return Out;
}

/// Path relative to Base ("." when equal), as path.module is.
std::string relativePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> P(Path), B(Base);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::fs::make_absolute(B);
  std::string A = normalizePath(P), R = normalizePath(B);
  llvm::SmallVector<llvm::StringRef, 16> PA, PB;
  llvm::StringRef(A).split(PA, '/', -1, false);
  llvm::StringRef(R).split(PB, '/', -1, false);
  size_t Common = 0;
  while (Common < PA.size() && Common < PB.size() && PA[Common] == PB[Common])
    ++Common;
  std::string Out;
  for (size_t I = Common; I < PB.size(); ++I)
    Out += Out.empty() ? ".." : "/..";
  for (size_t I = Common; I < PA.size(); ++I)
    Out += (Out.empty() ? "" : "/") + PA[I].str();
  return Out.empty() ? "." : Out;
}

bool isLocalSource(llvm::StringRef S) {
  return S.startswith("./") || S.startswith("../") || S == "." || S == "..";
}

const Node *attribute(const Node *Body, llvm::StringRef Name) {
  if (!Body)
    return nullptr;
  for (const Node *I : Body->Items)
    if (I->isExpression("attribute") && I->Text == Name)
      return I->get("value");
  return nullptr;
}

std::vector<std::string> labels(const Node *Block) {
  std::vector<std::string> Out;
  if (const Node *L = Block->get("labels"))
    for (const Node *S : L->Items)
      Out.push_back(S->Text);
  return Out;
}

// The labels List's range: the labels in native syntax; in a .tf.json file
// only the innermost label key, which names the block.
SourceRange labelsRange(const Node *Block) {
  const Node *L = Block->get("labels");
  if (!L || L->Items.empty())
    return Block->Range;
  return L->Range;
}

} // namespace

std::vector<std::string> localModuleDirs(llvm::ArrayRef<const Document *> Files,
                                         llvm::StringRef Dir) {
  std::vector<std::string> Out;
  for (const Document *D : Files) {
    const Node *Root = D->root();
    std::optional<Document> Lowered;
    if (Root && !Root->isExpression("body")) { // a .tf.json file
      Lowered.emplace(parsers::lowerTerraformJson(*D));
      Root = Lowered->root();
    }
    if (!Root || !Root->isExpression("body"))
      continue;
    for (const Node *B : Root->Items) {
      if (!B->isExpression("block") || B->Text != "module")
        continue;
      const Node *Source = attribute(B->get("body"), "source");
      if (Source && Source->is(NodeKind::String) &&
          isLocalSource(Source->Text)) {
        llvm::SmallString<256> P(Dir);
        llvm::sys::path::append(P, Source->Text);
        Out.push_back(normalizePath(P));
      }
    }
  }
  return Out;
}

namespace {

constexpr unsigned MaxDefinitionDepth = 128;
constexpr size_t MaxValueNodes = 1'000'000;

/// Meta-arguments: how Terraform manages a resource, not its arguments.
bool isMetaArgument(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("count", "for_each", "depends_on", "provider", "lifecycle", true)
      .Cases("provisioner", "connection", true)
      .Default(false);
}

/// Terraform's address key for an instance: [0] or ["key"].
std::string instanceKey(const Value &Key) {
  if (Key.is(ValueKind::Int))
    return "[" + std::to_string(Key.asInt()) + "]";
  return "[\"" + Key.asString().str() + "\"]";
}

class ModuleScope;
struct ResourceDecl;
struct Instance;

struct InstanceHandle {
  ModuleScope *Scope;
  ResourceDecl *Decl;
  Instance *Inst;
};

/// What the whole unit shares.
struct UnitContext {
  const TerraformInputs &In;
  DeploymentUnit &Unit;
  unsigned ModuleInstances = 0;
  /// Expression evaluations so far: a for expression over a large range
  /// inside another must end, so the unit has a budget.
  uint64_t Steps = 0;
  bool OutOfSteps = false;
  /// Resource instances by address, for attribute lookups through
  /// references.
  llvm::StringMap<InstanceHandle> InstanceOwner;
  /// .terraform/modules/modules.json of the root: module key -> directory.
  std::optional<llvm::StringMap<std::string>> Downloaded;
  std::vector<std::unique_ptr<ModuleScope>> Scopes;
  /// .tf.json files lowered to the HCL shape, once per unit however many
  /// module instances read them; the unit owns them.
  std::map<const Document *, const Document *> LoweredJson;
  /// Provider local name -> the major versions it may run with.
  ProviderMajors Majors;

  void readModulesJson();
  void readProviderVersions();
  const Node *hclRoot(const Document &D);
};

// The lock file is read like file(): through ReadFile, so a scan never
// reads outside its root, and tests can give one.
void UnitContext::readProviderVersions() {
  std::vector<const Node *> Bodies;
  for (const Document *D : In.Files)
    if (const Node *Root = hclRoot(*D))
      Bodies.push_back(Root);
  std::optional<Document> Lock;
  std::unique_ptr<SourceFile> LockSource;
  if (In.ReadFile) {
    llvm::SmallString<256> Path(In.RootDir);
    llvm::sys::path::append(Path, ".terraform.lock.hcl");
    FileText T = In.ReadFile(std::string(Path));
    if (T.Text) {
      LockSource = SourceFile::fromText(Path, *T.Text);
      Lock.emplace(parsers::parseHcl(*LockSource, FileRole::Variables));
    }
  }
  Majors = resolveProviderMajors(Bodies, Lock ? Lock->root() : nullptr);
}

const Node *UnitContext::hclRoot(const Document &D) {
  const Node *Root = D.root();
  if (!Root || Root->isExpression("body"))
    return Root;
  auto [It, New] = LoweredJson.try_emplace(&D, nullptr);
  if (New) {
    auto Lowered =
        std::make_shared<const Document>(parsers::lowerTerraformJson(D));
    for (const Diagnostic &Diag : Lowered->diagnostics())
      Unit.Diagnostics.push_back({D.file().path().str(), Diag});
    It->second = Lowered.get();
    Unit.OwnedSources.push_back(std::move(Lowered));
  }
  return It->second->root();
}

void UnitContext::readModulesJson() {
  Downloaded.emplace();
  llvm::SmallString<256> P(In.RootDir);
  llvm::sys::path::append(P, ".terraform", "modules", "modules.json");
  auto Buffer = llvm::MemoryBuffer::getFile(P, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer || (*Buffer)->getBufferSize() > (1u << 24))
    return;
  nlohmann::json J =
      nlohmann::json::parse((*Buffer)->getBuffer().begin(),
                            (*Buffer)->getBuffer().end(), nullptr, false);
  if (!J.is_object() || !J.contains("Modules") || !J["Modules"].is_array())
    return;
  for (const auto &M : J["Modules"])
    if (M.is_object() && M.contains("Key") && M["Key"].is_string() &&
        M.contains("Dir") && M["Dir"].is_string()) {
      llvm::SmallString<256> Dir(In.RootDir);
      llvm::sys::path::append(Dir, M["Dir"].get<std::string>());
      (*Downloaded)[M["Key"].get<std::string>()] = normalizePath(Dir);
    }
}

/// A reference found while evaluating: an edge to the resource at To.
struct Ref {
  std::string To;
  EdgeKind Kind;
};

/// Where the references of what is being evaluated go, each once: a local
/// used many times, or through many other locals, would otherwise pass on
/// its references every time (quadratic in a module like CAF's).
struct Sink {
  std::vector<Ref> *Out;
  EdgeKind Kind;
  llvm::StringSet<> Seen;

  void add(std::string To) {
    if (Seen.insert(To).second)
      Out->push_back({std::move(To), Kind});
  }
};

struct Definition {
  const Node *Decl = nullptr; ///< The variable block or the local attribute.
  const Node *Expr = nullptr;
  const SourceFile *File = nullptr;
  std::optional<Value> Resolved;
  bool Busy = false;
  std::vector<Ref> Refs;
};

/// A value given to a variable (by the caller of a module, a tfvars file,
/// the command line), with the references its expression made.
struct GivenValue {
  Value V;
  std::vector<Ref> Refs;
};

struct Instance {
  std::string Address;
  std::optional<Value> Key; ///< count.index (Int) or each.key (String)
  Value EachValue;
  Value Properties;
  enum class State { New, Busy, Done } St = State::New;
  std::vector<Ref> Refs;
  /// An association resource: per attaching argument, what it names.
  std::vector<std::vector<std::string>> Attached;
};

struct ResourceDecl {
  bool Data = false;
  std::string Type, Name;
  const Node *Block = nullptr;
  const Node *Body = nullptr;
  const SourceFile *File = nullptr;
  enum class State { New, Busy, Done } St = State::New;
  LoopInfo Loop;
  bool ForEach = false;
  std::vector<Instance> Instances;
  std::vector<Ref> LoopRefs;
  /// What `type.name` evaluates to (before any index).
  Value RefValue;
};

struct ModuleInstance {
  std::string Prefix; ///< "module.net." or "module.net[0]."
  std::optional<Value> Key;
  Value EachValue;
  ModuleScope *Scope = nullptr;
  bool Busy = false;
  bool Refused = false; ///< Not evaluated, with a diagnostic already.
};

struct ModuleCall {
  std::string Name;
  const Node *Block = nullptr;
  const Node *Body = nullptr;
  const SourceFile *File = nullptr;
  enum class State { New, Busy, Done } St = State::New;
  LoopInfo Loop;
  bool ForEach = false;
  std::vector<ModuleInstance> Instances;
  std::vector<Ref> LoopRefs;
  bool LimitReported = false;
};

//===- Attachments --------------------------------------------------------===//

struct Attachment {
  llvm::StringLiteral Type;
  /// The arguments that name what is attached to; two for an association
  /// that binds two resources (a subnet and a security group).
  std::vector<llvm::StringLiteral> Arguments;
};

const std::vector<Attachment> &attachments() {
  static const std::vector<Attachment> Table = {
      {"aws_s3_bucket_public_access_block", {"bucket"}},
      {"aws_s3_bucket_server_side_encryption_configuration", {"bucket"}},
      {"aws_s3_bucket_versioning", {"bucket"}},
      {"aws_s3_bucket_logging", {"bucket"}},
      {"aws_s3_bucket_policy", {"bucket"}},
      {"aws_s3_bucket_acl", {"bucket"}},
      {"aws_s3_bucket_ownership_controls", {"bucket"}},
      {"aws_s3_bucket_lifecycle_configuration", {"bucket"}},
      {"aws_s3_bucket_object_lock_configuration", {"bucket"}},
      {"aws_s3_bucket_replication_configuration", {"bucket"}},
      {"aws_s3_bucket_cors_configuration", {"bucket"}},
      {"aws_s3_bucket_website_configuration", {"bucket"}},
      {"aws_s3_bucket_notification", {"bucket"}},
      {"aws_security_group_rule", {"security_group_id"}},
      {"aws_vpc_security_group_ingress_rule", {"security_group_id"}},
      {"aws_vpc_security_group_egress_rule", {"security_group_id"}},
      {"aws_network_acl_rule", {"network_acl_id"}},
      {"aws_network_acl_association", {"subnet_id", "network_acl_id"}},
      {"aws_route_table_association", {"subnet_id", "route_table_id"}},
      {"aws_iam_role_policy", {"role"}},
      {"aws_iam_role_policy_attachment", {"role", "policy_arn"}},
      {"aws_iam_user_policy_attachment", {"user", "policy_arn"}},
      {"aws_iam_group_policy_attachment", {"group", "policy_arn"}},
      {"aws_kms_key_policy", {"key_id"}},
      {"aws_ecr_repository_policy", {"repository"}},
      {"aws_sqs_queue_policy", {"queue_url"}},
      {"aws_sns_topic_policy", {"arn"}},
      {"aws_lambda_permission", {"function_name"}},
      {"aws_flow_log", {"vpc_id"}},
      {"aws_volume_attachment", {"instance_id", "volume_id"}},
      {"aws_network_interface_sg_attachment",
       {"network_interface_id", "security_group_id"}},
      {"azurerm_subnet_network_security_group_association",
       {"subnet_id", "network_security_group_id"}},
      {"azurerm_network_interface_security_group_association",
       {"network_interface_id", "network_security_group_id"}},
      {"azurerm_subnet_route_table_association",
       {"subnet_id", "route_table_id"}},
      {"azurerm_storage_account_network_rules", {"storage_account_id"}},
      {"azurerm_mssql_server_extended_auditing_policy", {"server_id"}},
      {"azurerm_mssql_database_extended_auditing_policy", {"database_id"}},
      {"azurerm_mssql_server_security_alert_policy", {"server_name"}},
      {"azurerm_mssql_firewall_rule", {"server_id"}},
      {"azurerm_key_vault_access_policy", {"key_vault_id"}},
      {"azurerm_role_assignment", {"scope"}},
      {"azurerm_monitor_diagnostic_setting", {"target_resource_id"}},
      {"azurerm_network_security_rule", {"network_security_group_name"}},
      {"azurerm_storage_account_customer_managed_key", {"storage_account_id"}},
      {"google_storage_bucket_iam_member", {"bucket"}},
      {"google_storage_bucket_iam_binding", {"bucket"}},
  };
  return Table;
}

const Attachment *attachmentOf(llvm::StringRef Type) {
  for (const Attachment &A : attachments())
    if (A.Type == Type)
      return &A;
  return nullptr;
}

/// Names bound while evaluating: count, each, for-expression variables, a
/// splat's element, a dynamic block's iterator.
struct Frame {
  std::vector<std::pair<std::string, Value>> Names;
};

class ModuleScope {
public:
  ModuleScope(UnitContext &U, std::string Dir,
              std::vector<const Document *> Files,
              llvm::StringMap<GivenValue> Given, std::string Prefix,
              unsigned Depth, std::vector<std::string> Callers)
      : U(U), Dir(std::move(Dir)), Files(std::move(Files)),
        Given(std::move(Given)), Prefix(std::move(Prefix)), Depth(Depth),
        Callers(std::move(Callers)) {
    readDeclarations();
  }

  /// Evaluates every resource instance into the graph, and the modules'.
  void build();
  /// Adds the edges of this scope's instances (and its modules').
  void link();
  /// The value of output Name, with its references passed to the sink.
  Value output(llvm::StringRef Name, const Origin &Where);
  Value allOutputs(const Origin &Where);
  /// What an evaluated output's value refers to (in this module or below).
  std::vector<Ref> outputReferences(llvm::StringRef Name) const {
    auto It = OutputValues.find(Name);
    return It == OutputValues.end() ? std::vector<Ref>{} : It->second.Refs;
  }
  std::vector<Ref> allOutputReferences() const {
    std::vector<Ref> Out;
    for (const auto &O : OutputValues)
      llvm::append_range(Out, O.getValue().Refs);
    return Out;
  }
  bool declaresVariable(llvm::StringRef Name) const {
    return Variables.count(Name);
  }
  const Node *variableType(llvm::StringRef Name) const {
    auto It = Variables.find(Name);
    if (It == Variables.end())
      return nullptr;
    return attribute(It->second.Decl->get("body"), "type");
  }
  /// The configured arguments of one instance (evaluated on demand).
  const Value *instanceProperties(ResourceDecl &D, Instance &I);
  void setRootValues(llvm::StringMap<GivenValue> Values) {
    Given = std::move(Values);
  }
  /// Evaluates a tfvars expression (no references).
  Value evaluateLiteral(const Node *N, const SourceFile *F);
  void error(SourceRange R, std::string Message, Severity S = Severity::Error) {
    U.Unit.Diagnostics.push_back(
        {File ? File->path().str() : Dir, {S, std::move(Message), R}});
  }

private:
  void readDeclarations();
  void readBlock(const Node *B, const SourceFile *F);

  // Evaluation of expressions.
  Value eval(const Node *N);
  Value evalNode(const Node *N);
  Value evalTemplate(const Node *N);
  Value evalTemplateIf(const Node *N);
  Value evalTemplateFor(const Node *N);
  Value evalObject(const Node *N);
  Value evalMember(const Node *N);
  Value evalIndex(const Node *N);
  Value evalSplat(const Node *N);
  Value evalCall(const Node *N);
  Value evalConditional(const Node *N);
  Value evalBinary(const Node *N);
  Value binaryOperation(const Node *N, const Value &L, const Value &R);
  Value evalUnary(const Node *N);
  Value evalFor(const Node *N);
  Value lookupName(const Node *N);
  Value attributeOf(const Value &Base, llvm::StringRef Name, const Origin &O,
                    SourceRange NameRange);
  Value plainAttributeOf(const Value &Base, llvm::StringRef Name,
                         const Origin &O, SourceRange NameRange);
  Value plainIndexOf(const Value &Base, const Value &Key, const Origin &O,
                     const Node *KeyNode);
  Value indexOf(const Value &Base, const Value &Key, const Origin &O,
                const Node *KeyNode);
  std::optional<Value> resourceReference(const Node *N,
                                         const Node *IndexKey = nullptr);
  Value moduleReference(const Node *Member);
  FileText readFile(const std::string &Path);
  Value templateFile(const Node *Call, llvm::ArrayRef<Value> Args);
  /// module.name[key]: the call and the instance, when the key is known.
  std::optional<std::pair<ModuleCall *, ModuleInstance *>>
  indexedModule(const Node *Index);
  Value moduleOutput(ModuleCall &C, ModuleInstance &I, llvm::StringRef Name,
                     const Origin &O);

  Value variable(llvm::StringRef Name, const Origin &Where);
  Value resolveVariable(Definition &D);
  Value resolveVariableValue(Definition &D);
  Value local(llvm::StringRef Name, const Origin &Where);
  Value resolveOnce(Definition &D, const std::string &What, const Origin &Where,
                    llvm::function_ref<Value()> Compute);

  void expand(ResourceDecl &D);
  void expandModule(ModuleCall &C);
  ModuleScope *moduleScope(ModuleCall &C, ModuleInstance &I);
  /// count / for_each: the instance keys, or nullopt (one representative).
  std::optional<std::vector<std::pair<Value, Value>>>
  instanceKeys(const Node *Body, LoopInfo &Loop, bool &ForEach,
               std::vector<Ref> &Refs);
  Value evalBody(const Node *Body, bool TopLevel);
  void
  evalDynamic(const Node *Block,
              std::vector<std::pair<std::string, std::vector<Value>>> &Lists,
              std::vector<std::pair<std::string, Value>> &Unknowns);
  void addResource(ResourceDecl &D, Instance &I);
  void linkAttachments(const Instance &I);
  void addProvider(const Node *B, const SourceFile *F);

  // Sinks and frames.
  template <typename F>
  auto collecting(std::vector<Ref> &Out, EdgeKind K, F &&Fn);
  template <typename F> auto isolated(F &&Fn);
  void note(Ref R) {
    if (!Sinks.empty())
      Sinks.back().add(std::move(R.To));
  }
  void passOn(const std::vector<Ref> &Refs) {
    if (!Sinks.empty())
      for (const Ref &R : Refs)
        Sinks.back().add(R.To);
  }
  /// Makes F the file whose nodes are evaluated until the result dies.
  auto at(const SourceFile *F) {
    const SourceFile *Outer = File;
    File = F;
    return llvm::make_scope_exit([this, Outer] { File = Outer; });
  }
  Origin origin(const Node *N) const { return {File, N->Range}; }
  Value invalid(const Node *N, std::string Message) {
    error(N->Range, Message);
    return Value::unknown("invalid expression: " + Message, origin(N));
  }
  Value bounded(Value V, const std::string &What) {
    if (V.hasAtMostNodes(MaxValueNodes))
      return V;
    error(V.origin().Range, What + " is too large to evaluate",
          Severity::Warning);
    return Value::unknown(What + " is too large to evaluate", V.origin());
  }

  UnitContext &U;
  std::string Dir;
  std::vector<const Document *> Files;
  llvm::StringMap<GivenValue> Given;
  std::string Prefix;
  unsigned Depth;
  std::vector<std::string> Callers; ///< Module directories above, for cycles.

  llvm::StringMap<Definition> Variables, Locals;
  llvm::StringMap<std::pair<const Node *, const SourceFile *>> Outputs;
  llvm::StringMap<Definition> OutputValues;
  std::vector<std::unique_ptr<ResourceDecl>> Resources;
  llvm::StringMap<ResourceDecl *> ManagedByName, DataByName;
  std::vector<std::unique_ptr<ModuleCall>> Calls;
  llvm::StringMap<ModuleCall *> CallByName;
  std::vector<std::pair<const Node *, const SourceFile *>> Providers;

  const SourceFile *File = nullptr;
  std::vector<Frame> Frames;
  std::vector<Sink> Sinks;
  unsigned DefinitionDepth = 0;
  unsigned EvalDepth = 0;
};

//===- Declarations -------------------------------------------------------===//

void ModuleScope::readDeclarations() {
  for (const Document *D : Files) {
    const Node *Root = U.hclRoot(*D); // .tf.json files are lowered first
    if (!Root)
      continue;
    for (const Node *B : Root->Items) {
      if (B->isExpression("block"))
        readBlock(B, &D->file());
    }
  }
}

void ModuleScope::readBlock(const Node *B, const SourceFile *F) {
  llvm::StringRef Kind = B->Text;
  std::vector<std::string> L = labels(B);
  const Node *Body = B->get("body");
  if (Kind == "variable" && L.size() == 1) {
    Definition &D = Variables[L[0]];
    if (!D.Decl)
      D = {B, attribute(Body, "default"), F, {}, false, {}};
  } else if (Kind == "locals" && Body) {
    for (const Node *A : Body->Items)
      if (A->isExpression("attribute") && !Locals.count(A->Text))
        Locals[A->Text] = {A, A->get("value"), F, {}, false, {}};
  } else if (Kind == "output" && L.size() == 1) {
    Outputs.try_emplace(L[0], B, F);
  } else if ((Kind == "resource" || Kind == "data") && L.size() == 2) {
    auto D = std::make_unique<ResourceDecl>();
    D->Data = Kind == "data";
    D->Type = L[0];
    D->Name = L[1];
    D->Block = B;
    D->Body = Body;
    D->File = F;
    auto &ByName = D->Data ? DataByName : ManagedByName;
    if (ByName.try_emplace(L[0] + "." + L[1], D.get()).second)
      Resources.push_back(std::move(D));
  } else if (Kind == "module" && L.size() == 1) {
    auto C = std::make_unique<ModuleCall>();
    C->Name = L[0];
    C->Block = B;
    C->Body = Body;
    C->File = F;
    if (CallByName.try_emplace(L[0], C.get()).second)
      Calls.push_back(std::move(C));
  } else if (Kind == "provider" && L.size() == 1 && Depth == 0) {
    Providers.emplace_back(B, F);
  }
  // terraform, moved, import, check and removed blocks configure Terraform
  // itself: nothing in them is a resource.
}

Value ModuleScope::evaluateLiteral(const Node *N, const SourceFile *F) {
  auto Restore = at(F);
  return eval(N);
}

//===- Sinks, frames ------------------------------------------------------===//

template <typename F>
auto ModuleScope::collecting(std::vector<Ref> &Out, EdgeKind K, F &&Fn) {
  Sinks.push_back({&Out, K, {}});
  auto Pop = llvm::make_scope_exit([&] { Sinks.pop_back(); });
  return Fn();
}

// A definition is evaluated where it is declared: without the frames and
// sinks of whoever needed it first.
template <typename F> auto ModuleScope::isolated(F &&Fn) {
  std::vector<Frame> OuterFrames;
  std::vector<Sink> OuterSinks;
  std::swap(OuterFrames, Frames);
  std::swap(OuterSinks, Sinks);
  const SourceFile *OuterFile = File;
  auto Restore = llvm::make_scope_exit([&] {
    std::swap(OuterFrames, Frames);
    std::swap(OuterSinks, Sinks);
    File = OuterFile;
  });
  return Fn();
}

Value ModuleScope::resolveOnce(Definition &D, const std::string &What,
                               const Origin &Where,
                               llvm::function_ref<Value()> Compute) {
  if (!D.Resolved) {
    if (D.Busy) {
      error(Where.Range, What + " refers to itself");
      return Value::unknown(What + " refers to itself", Where);
    }
    if (DefinitionDepth >= MaxDefinitionDepth) {
      error(Where.Range, What + ": definitions nest more than " +
                             std::to_string(MaxDefinitionDepth) +
                             " levels deep");
      return Value::unknown(What + " is nested too deeply", Where);
    }
    D.Busy = true;
    ++DefinitionDepth;
    Value V = isolated([&] {
      return collecting(D.Refs, EdgeKind::Reference, [&] { return Compute(); });
    });
    --DefinitionDepth;
    D.Busy = false;
    D.Resolved = bounded(std::move(V), What);
  }
  passOn(D.Refs);
  return *D.Resolved;
}

//===- Variables and locals -----------------------------------------------===//

/// Converts V to a type constraint: primitive conversions, collections
/// element by element, object attributes with optional() defaults.
Value convertType(const Value &V, const Node *Type, ModuleScope &S,
                  const SourceFile *F, unsigned Depth = 0);

// Terraform marks the values of a `sensitive` variable or output, and keeps
// the mark on everything computed from them; the mark travels with the
// value here through attribute access, indexing, operators, templates and
// function calls.
bool declaredSensitive(const Node *Body) {
  const Node *S = attribute(Body, "sensitive");
  return S && S->is(NodeKind::Bool) && S->BoolValue;
}

bool anySensitive(llvm::ArrayRef<Value> Values) {
  return llvm::any_of(Values, [](const Value &V) { return V.isSensitive(); });
}

Value ModuleScope::resolveVariable(Definition &D) {
  Value V = resolveVariableValue(D);
  return declaredSensitive(D.Decl->get("body")) ? V.markedSensitive() : V;
}

Value ModuleScope::resolveVariableValue(Definition &D) {
  std::string Name = labels(D.Decl)[0]; // labels() is a temporary
  const Node *Body = D.Decl->get("body");
  const Node *Type = attribute(Body, "type");
  const Node *Nullable = attribute(Body, "nullable");
  bool NotNullable =
      Nullable && Nullable->is(NodeKind::Bool) && !Nullable->BoolValue;
  auto Default = [&]() -> std::optional<Value> {
    if (!D.Expr)
      return std::nullopt;
    auto Restore = at(D.File);
    return convertType(eval(D.Expr), Type, *this, D.File);
  };
  auto It = Given.find(Name);
  if (It != Given.end()) {
    passOn(It->second.Refs);
    Value V = It->second.V;
    if (V.is(ValueKind::Null) && (NotNullable || !D.Expr))
      if (auto Def = Default(); Def && NotNullable)
        return *Def;
    return convertType(V, Type, *this, V.origin().File);
  }
  if (auto Def = Default())
    return *Def;
  return Value::unknown("variable '" + Name +
                            "' has no value (set it in a .tfvars file or "
                            "with --var)",
                        {D.File, labelsRange(D.Decl)});
}

Value ModuleScope::variable(llvm::StringRef Name, const Origin &Where) {
  auto It = Variables.find(Name);
  if (It == Variables.end()) {
    error(Where.Range, "variable '" + Name.str() + "' is not declared");
    return Value::unknown("variable '" + Name.str() + "' is not declared",
                          Where);
  }
  Definition &D = It->second;
  return resolveOnce(D, "variable '" + Name.str() + "'", Where,
                     [&] { return resolveVariable(D); });
}

Value ModuleScope::local(llvm::StringRef Name, const Origin &Where) {
  auto It = Locals.find(Name);
  if (It == Locals.end()) {
    error(Where.Range, "local value '" + Name.str() + "' is not declared");
    return Value::unknown("local value '" + Name.str() + "' is not declared",
                          Where);
  }
  Definition &D = It->second;
  return resolveOnce(D, "local." + Name.str(), Where, [&] {
    auto Restore = at(D.File);
    return eval(D.Expr);
  });
}

Value ModuleScope::output(llvm::StringRef Name, const Origin &Where) {
  auto It = Outputs.find(Name);
  if (It == Outputs.end()) {
    error(Where.Range, "the module has no output '" + Name.str() + "'");
    return Value::unknown("the module has no output '" + Name.str() + "'",
                          Where);
  }
  // Not a structured binding: clang 14 (the fuzzing build) cannot capture
  // one in a lambda.
  const Node *Block = It->second.first;
  const SourceFile *F = It->second.second;
  Definition &D = OutputValues[Name];
  return resolveOnce(D, "output '" + Name.str() + "'", Where, [&] {
    auto Restore = at(F);
    const Node *Body = Block->get("body");
    const Node *V = attribute(Body, "value");
    if (!V)
      return Value::unknown("output has no value", {F, Block->Range});
    Value Out = eval(V);
    return declaredSensitive(Body) ? Out.markedSensitive() : Out;
  });
}

Value ModuleScope::allOutputs(const Origin &Where) {
  std::vector<Member> Members;
  std::vector<std::string> Names;
  for (const auto &O : Outputs)
    Names.push_back(O.getKey().str());
  llvm::sort(Names);
  for (const std::string &N : Names)
    Members.push_back({N, {}, output(N, Where)});
  return Value::object(std::move(Members), Where);
}

//===- Expressions --------------------------------------------------------===//

Value ModuleScope::eval(const Node *N) {
  if (EvalDepth > 2 * MaxNestingDepth)
    return invalid(N, "expression nests too deeply");
  if (++U.Steps > MaxUnitSteps) {
    if (!U.OutOfSteps)
      error(N->Range,
            "the module needs more than " + std::to_string(MaxUnitSteps) +
                " evaluation steps; the rest is not evaluated",
            Severity::Warning);
    U.OutOfSteps = true;
    return Value::unknown("evaluation step limit reached", origin(N));
  }
  ++EvalDepth;
  Value V = evalNode(N);
  --EvalDepth;
  return V;
}

Value ModuleScope::evalNode(const Node *N) {
  Origin O = origin(N);
  switch (N->Kind) {
  case NodeKind::Null:
    return Value::null(O);
  case NodeKind::Bool:
    return Value::boolean(N->BoolValue, O);
  case NodeKind::Number:
  case NodeKind::String:
    return literalValue(N, File);
  case NodeKind::List: {
    std::vector<Value> Items;
    for (const Node *I : N->Items)
      Items.push_back(eval(I));
    return Value::array(std::move(Items), O);
  }
  case NodeKind::Map: {
    std::vector<Member> Members;
    for (const MapEntry &E : N->Entries)
      Members.push_back({E.Key, {File, E.KeyRange}, eval(E.Value)});
    return Value::object(std::move(Members), O);
  }
  case NodeKind::Expression:
    break;
  }
  llvm::StringRef Op = N->Op;
  if (Op == "template")
    return evalTemplate(N);
  if (Op == "template-if")
    return evalTemplateIf(N);
  if (Op == "template-for")
    return evalTemplateFor(N);
  if (Op == "object")
    return evalObject(N);
  if (Op == "identifier")
    return lookupName(N);
  if (Op == "member")
    return evalMember(N);
  if (Op == "index")
    return evalIndex(N);
  if (Op == "splat")
    return evalSplat(N);
  if (Op == "splat-each")
    return lookupName(N);
  if (Op == "call")
    return evalCall(N);
  if (Op == "conditional")
    return evalConditional(N);
  if (Op == "binary")
    return evalBinary(N);
  if (Op == "unary")
    return evalUnary(N);
  if (Op == "for")
    return evalFor(N);
  return invalid(N, "'" + N->Op + "' is not an expression");
}

Value ModuleScope::evalTemplate(const Node *N) {
  // "${x}" alone is x itself, unconverted.
  if (N->Items.size() == 1 && N->Items[0]->Kind == NodeKind::Expression &&
      N->Items[0]->Op != "template-if" && N->Items[0]->Op != "template-for")
    return eval(N->Items[0]);
  std::string Out;
  bool Sensitive = false;
  for (const Node *Part : N->Items) {
    if (Part->is(NodeKind::String)) {
      Out += Part->Text;
      continue;
    }
    Value V = eval(Part);
    if (!V.isKnown())
      return unknownBecause(V);
    Sensitive |= V.isSensitive();
    auto S = toTerraformString(V);
    if (!S)
      return invalid(Part, "cannot interpolate " +
                               valueKindName(V.kind()).str() +
                               " into a string");
    Out += *S;
    if (Out.size() > MaxStringBytes)
      return invalid(N, "the string is longer than " +
                            std::to_string(MaxStringBytes) + " bytes");
  }
  return Value::string(std::move(Out), origin(N)).markedSensitive(Sensitive);
}

Value ModuleScope::evalTemplateIf(const Node *N) {
  Value C = eval(N->get("condition"));
  if (!C.isKnown())
    return unknownBecause(C);
  if (!C.is(ValueKind::Bool))
    return invalid(N->get("condition"), "a template condition must be a bool");
  if (C.asBool())
    return evalTemplate(N->get("then"));
  if (const Node *Else = N->get("else"))
    return evalTemplate(Else);
  return Value::string("", origin(N));
}

Value ModuleScope::evalTemplateFor(const Node *N) {
  Value Collection = eval(N->get("collection"));
  if (!Collection.isKnown())
    return unknownBecause(Collection);
  const Node *KeyName = N->get("key");
  const Node *ValueName = N->get("value");
  std::string Out;
  auto Each = [&](Value K, Value V) -> std::optional<Value> {
    Frame F;
    if (KeyName)
      F.Names.emplace_back(KeyName->Text, std::move(K));
    F.Names.emplace_back(ValueName->Text, std::move(V));
    Frames.push_back(std::move(F));
    Value Part = evalTemplate(N->get("body"));
    Frames.pop_back();
    if (!Part.is(ValueKind::String))
      return Part;
    Out += Part.asString();
    return std::nullopt;
  };
  if (Collection.is(ValueKind::Array)) {
    for (size_t I = 0; I < Collection.items().size(); ++I)
      if (auto Stop = Each(Value::integer(I), Collection.items()[I]))
        return *Stop;
  } else if (Collection.is(ValueKind::Object)) {
    for (const Member *M : lexicalMembers(Collection))
      if (auto Stop = Each(Value::string(M->Key), M->V))
        return *Stop;
  } else {
    return invalid(N->get("collection"), "a template for needs a collection");
  }
  return Value::string(std::move(Out), origin(N));
}

Value ModuleScope::evalObject(const Node *N) {
  std::vector<Member> Members;
  for (const Node *Item : N->Items) {
    const Node *K = Item->get("key");
    const Node *V = Item->get("value");
    if (!K || !V)
      continue;
    Value Key = K->is(NodeKind::String) ? Value::string(K->Text) : eval(K);
    if (!Key.isKnown())
      return unknownBecause(Key);
    auto S = toTerraformString(Key);
    if (!S)
      return invalid(K, "an object key must be a string");
    Members.push_back({*S, {File, K->Range}, eval(V)});
  }
  return Value::object(std::move(Members), origin(N));
}

Value ModuleScope::lookupName(const Node *N) {
  llvm::StringRef Name = N->isExpression("splat-each")
                             ? llvm::StringRef("*")
                             : llvm::StringRef(N->Text);
  for (auto F = Frames.rbegin(); F != Frames.rend(); ++F)
    for (auto It = F->Names.rbegin(); It != F->Names.rend(); ++It)
      if (It->first == Name)
        return It->second.withOrigin(origin(N));
  if (Name == "count" || Name == "each")
    return invalid(N, "'" + Name.str() +
                          "' is only available in a block with " +
                          (Name == "count" ? "count" : "for_each"));
  if (Name == "self")
    return Value::unknown("self is known only in provisioners", origin(N));
  return invalid(N, "unknown name '" + Name.str() + "'");
}

/// `a.b` where a is a plain name: the root of a reference.
const Node *rootName(const Node *Member) {
  if (Member->isExpression("member") && Member->Items.size() == 1 &&
      Member->Items[0]->isExpression("identifier"))
    return Member->Items[0];
  return nullptr;
}

std::optional<double> numberOf(const Value &V);

/// Moves a parsed tree's ranges back by Shift bytes, onto File's lines.
void shiftRanges(Node *N, const SourceFile &File, uint32_t Shift) {
  auto Move = [&](SourceRange &R) {
    uint32_t B = R.Start.Offset >= Shift ? R.Start.Offset - Shift : 0;
    uint32_t E = R.End.Offset >= Shift ? R.End.Offset - Shift : 0;
    uint32_t Size = static_cast<uint32_t>(File.text().size());
    R = File.range(std::min(B, Size), std::min(E, Size));
  };
  Move(N->Range);
  for (Node *I : N->Items)
    shiftRanges(I, File, Shift);
  for (MapEntry &E : N->Entries) {
    Move(E.KeyRange);
    shiftRanges(E.Value, File, Shift);
  }
}

/// An argument whose configured value is the resource's attribute: not a
/// nested block (a list of objects), whose computed attributes the
/// configuration does not hold.
bool isPlainArgument(const Value &V) {
  if (!V.is(ValueKind::Array))
    return true;
  return llvm::none_of(V.items(),
                       [](const Value &I) { return I.is(ValueKind::Object); });
}

bool isBound(const std::vector<Frame> &Frames, llvm::StringRef Name) {
  for (const Frame &F : Frames)
    for (const auto &N : F.Names)
      if (N.first == Name)
        return true;
  return false;
}

// type.name, data.type.name (optionally with the index that follows, so
// that aws_instance.web[0] refers to that instance only); nullopt when N is
// not a resource reference.
std::optional<Value> ModuleScope::resourceReference(const Node *N,
                                                    const Node *IndexKey) {
  ResourceDecl *D = nullptr;
  if (const Node *Root = rootName(N)) {
    llvm::StringRef Type = Root->Text;
    static constexpr llvm::StringLiteral NotResources[] = {
        "var",  "local", "module", "path", "terraform",
        "data", "count", "each",   "self"};
    if (isBound(Frames, Type) || llvm::is_contained(NotResources, Type))
      return std::nullopt;
    auto It = ManagedByName.find((Type + "." + N->Text).str());
    if (It == ManagedByName.end())
      return invalid(N, "reference to undeclared resource '" + Type.str() +
                            "." + N->Text + "'");
    D = It->second;
  } else if (N->isExpression("member") && N->Items.size() == 1) {
    const Node *Inner = N->Items[0];
    const Node *Root = rootName(Inner);
    if (!Root || Root->Text != "data" || isBound(Frames, "data"))
      return std::nullopt;
    auto It = DataByName.find(Inner->Text + "." + N->Text);
    if (It == DataByName.end())
      return invalid(N, "reference to undeclared data source 'data." +
                            Inner->Text + "." + N->Text + "'");
    D = It->second;
  } else {
    return std::nullopt;
  }
  expand(*D);
  passOn(D->LoopRefs);
  if (IndexKey && D->Loop.Expanded) {
    Value Key = eval(IndexKey);
    for (Instance &I : D->Instances)
      if (I.Key && Key.isKnown() && I.Key->sameAs(Key)) {
        note({I.Address, EdgeKind::Reference});
        return Value::expression(I.Address, origin(N), I.Address, {});
      }
  }
  for (Instance &I : D->Instances)
    note({I.Address, EdgeKind::Reference});
  return D->RefValue.withOrigin(origin(N));
}

Value ModuleScope::moduleReference(const Node *Member) {
  auto It = CallByName.find(Member->Text);
  if (It == CallByName.end())
    return invalid(Member, "module '" + Member->Text + "' is not declared");
  ModuleCall &C = *It->second;
  expandModule(C);
  passOn(C.LoopRefs);
  Origin O = origin(Member);
  auto Outputs = [&](ModuleInstance &I) -> Value {
    ModuleScope *S = moduleScope(C, I);
    if (!S)
      return Value::unknown("module '" + C.Name + "' is not evaluated", O);
    Value V = S->allOutputs(O);
    passOn(S->allOutputReferences());
    return V;
  };
  if (!C.Loop.Expanded && C.Loop.Kind != LoopInfo::LoopKind::None)
    return Value::unknown(
        "the instances of module '" + C.Name + "' are not known", O);
  if (C.Loop.Kind == LoopInfo::LoopKind::None)
    return Outputs(C.Instances[0]);
  std::vector<Value> Items;
  std::vector<model::Member> Members;
  for (ModuleInstance &I : C.Instances) {
    if (C.ForEach)
      Members.push_back({I.Key->asString().str(), {}, Outputs(I)});
    else
      Items.push_back(Outputs(I));
  }
  return C.ForEach ? Value::object(std::move(Members), O)
                   : Value::array(std::move(Items), O);
}

std::optional<std::pair<ModuleCall *, ModuleInstance *>>
ModuleScope::indexedModule(const Node *Index) {
  if (!Index->isExpression("index") || Index->Items.size() != 2)
    return std::nullopt;
  const Node *Call = Index->Items[0];
  const Node *Root = rootName(Call);
  if (!Root || Root->Text != "module" || isBound(Frames, "module"))
    return std::nullopt;
  auto It = CallByName.find(Call->Text);
  if (It == CallByName.end())
    return std::nullopt;
  ModuleCall &C = *It->second;
  expandModule(C);
  if (!C.Loop.Expanded)
    return std::nullopt;
  Value Key = eval(Index->Items[1]);
  if (!Key.isKnown())
    return std::nullopt;
  for (ModuleInstance &I : C.Instances) {
    bool Same = I.Key && (I.Key->sameAs(Key) ||
                          (I.Key->is(ValueKind::Int) && numberOf(Key) &&
                           *numberOf(Key) == I.Key->asInt()));
    if (Same)
      return std::make_pair(&C, &I);
  }
  return std::nullopt;
}

// One output of one module instance, and the references of that output
// alone: module.m[0].bucket must not point at every instance of m.
Value ModuleScope::moduleOutput(ModuleCall &C, ModuleInstance &I,
                                llvm::StringRef Name, const Origin &O) {
  passOn(C.LoopRefs);
  ModuleScope *S = moduleScope(C, I);
  if (!S)
    return Value::unknown("module '" + C.Name + "' is not evaluated", O);
  Value V = S->output(Name, O);
  passOn(S->outputReferences(Name));
  return V.withOrigin(V.origin().File ? V.origin() : O);
}

Value ModuleScope::evalMember(const Node *N) {
  Origin O = origin(N);
  if (N->Items.size() == 1)
    if (auto M = indexedModule(N->Items[0]))
      return moduleOutput(*M->first, *M->second, N->Text, O);
  if (const Node *Root = rootName(N); Root && !isBound(Frames, Root->Text)) {
    llvm::StringRef R = Root->Text;
    if (R == "var")
      return variable(N->Text, O).through(O);
    if (R == "local")
      return local(N->Text, O);
    if (R == "path") {
      // As Terraform gives them: relative to the working directory (the
      // root module), which is absolute in path.cwd.
      if (N->Text == "module")
        return Value::string(relativePath(Dir, U.In.RootDir), O);
      if (N->Text == "root")
        return Value::string(".", O);
      if (N->Text == "cwd") {
        llvm::SmallString<256> Abs(U.In.RootDir);
        llvm::sys::fs::make_absolute(Abs);
        return Value::string(normalizePath(Abs), O);
      }
      return invalid(N, "path has no attribute '" + N->Text + "'");
    }
    if (R == "terraform" && N->Text == "workspace")
      return Value::unknown("terraform.workspace is chosen when Terraform runs",
                            O);
  }
  // module.name.output: only that output is evaluated.
  if (N->Items.size() == 1)
    if (const Node *Inner = N->Items[0]; rootName(Inner) &&
                                         rootName(Inner)->Text == "module" &&
                                         !isBound(Frames, "module")) {
      auto It = CallByName.find(Inner->Text);
      if (It != CallByName.end() &&
          It->second->Loop.Kind == LoopInfo::LoopKind::None) {
        ModuleCall &C = *It->second;
        expandModule(C);
        return moduleOutput(C, C.Instances[0], N->Text, O);
      }
    }
  if (const Node *Root = rootName(N);
      Root && Root->Text == "module" && !isBound(Frames, "module"))
    return moduleReference(N);
  if (auto Ref = resourceReference(N))
    return *Ref;
  Value Base = eval(N->Items[0]);
  SourceRange NameRange = N->Range;
  return attributeOf(Base, N->Text, O, NameRange);
}

Value ModuleScope::attributeOf(const Value &Base, llvm::StringRef Name,
                               const Origin &O, SourceRange NameRange) {
  Value V = plainAttributeOf(Base, Name, O, NameRange);
  return Base.isSensitive() ? V.markedSensitive() : V;
}

Value ModuleScope::plainAttributeOf(const Value &Base, llvm::StringRef Name,
                                    const Origin &O, SourceRange NameRange) {
  if (Base.is(ValueKind::Expression)) {
    // An attribute the configuration sets is known at plan time.
    if (Base.attribute().empty())
      if (auto It = U.InstanceOwner.find(Base.refersTo());
          It != U.InstanceOwner.end() && !It->second.Decl->Data)
        if (const Value *Props = It->second.Scope->instanceProperties(
                *It->second.Decl, *It->second.Inst))
          if (const Value *M = Props->get(Name); M && isPlainArgument(*M))
            return *M;
    std::vector<std::string> Path(Base.attribute().begin(),
                                  Base.attribute().end());
    Path.push_back(Name.str());
    return Value::expression(Base.asString().str() + "." + Name.str(), O,
                             Base.refersTo().str(), std::move(Path));
  }
  if (!Base.isKnown())
    return Base;
  if (Base.is(ValueKind::Object)) {
    if (const Value *M = Base.get(Name))
      return *M;
    error(NameRange, "the object has no attribute '" + Name.str() + "'");
    return Value::unknown("missing attribute '" + Name.str() + "'", O);
  }
  if (Base.is(ValueKind::Null)) {
    error(NameRange, "cannot read attribute '" + Name.str() + "' of null");
    return Value::unknown("attribute of null", O);
  }
  error(NameRange, "cannot read attribute '" + Name.str() + "' of " +
                       valueKindName(Base.kind()).str());
  return Value::unknown("invalid attribute access", O);
}

Value ModuleScope::evalIndex(const Node *N) {
  if (N->Items.size() != 2)
    return invalid(N, "incomplete index");
  if (auto M = indexedModule(N)) {
    auto [C, I] = *M;
    passOn(C->LoopRefs);
    ModuleScope *S = moduleScope(*C, *I);
    if (!S)
      return Value::unknown("module '" + C->Name + "' is not evaluated",
                            origin(N));
    Value V = S->allOutputs(origin(N));
    passOn(S->allOutputReferences());
    return V;
  }
  if (auto Ref = resourceReference(N->Items[0], N->Items[1])) {
    if (Ref->is(ValueKind::Expression) && !Ref->refersTo().empty() &&
        Ref->asString() == Ref->refersTo())
      return *Ref; // the one instance already
    return indexOf(*Ref, eval(N->Items[1]), origin(N), N->Items[1]);
  }
  return indexOf(eval(N->Items[0]), eval(N->Items[1]), origin(N), N->Items[1]);
}

Value ModuleScope::indexOf(const Value &Base, const Value &Key, const Origin &O,
                           const Node *KeyNode) {
  Value V = plainIndexOf(Base, Key, O, KeyNode);
  return Base.isSensitive() || Key.isSensitive() ? V.markedSensitive() : V;
}

Value ModuleScope::plainIndexOf(const Value &Base, const Value &Key,
                                const Origin &O, const Node *KeyNode) {
  if (Base.is(ValueKind::Expression) && Key.isKnown()) {
    std::vector<std::string> Path(Base.attribute().begin(),
                                  Base.attribute().end());
    auto K = toTerraformString(Key);
    if (!K)
      return invalid(KeyNode, "an index must be a number or a string");
    Path.push_back(*K);
    return Value::expression(Base.asString().str() + "[" + *K + "]", O,
                             Base.refersTo().str(), std::move(Path));
  }
  if (!Base.isKnown())
    return unknownBecause(Base);
  if (!Key.isKnown())
    return unknownBecause(Key);
  if (Base.is(ValueKind::Array)) {
    std::optional<int64_t> I;
    if (Key.is(ValueKind::Int))
      I = Key.asInt();
    else if (Key.is(ValueKind::String)) {
      int64_t X;
      if (!Key.asString().getAsInteger(10, X))
        I = X;
    }
    if (!I)
      return invalid(KeyNode, "a list index must be a number");
    if (*I < 0 || static_cast<uint64_t>(*I) >= Base.items().size())
      return invalid(KeyNode, "index " + std::to_string(*I) +
                                  " is out of range for a list of " +
                                  std::to_string(Base.items().size()));
    return Base.items()[*I];
  }
  if (Base.is(ValueKind::Object)) {
    auto K = toTerraformString(Key);
    if (!K)
      return invalid(KeyNode, "a map key must be a string");
    if (const Value *M = Base.get(*K))
      return *M;
    return invalid(KeyNode, "the map has no element '" + *K + "'");
  }
  return invalid(KeyNode, "cannot index " + valueKindName(Base.kind()).str());
}

Value ModuleScope::evalSplat(const Node *N) {
  if (N->Items.size() != 2)
    return invalid(N, "incomplete splat");
  Value Source = eval(N->Items[0]);
  if (!Source.isKnown())
    return unknownBecause(Source);
  std::vector<Value> Elements;
  if (Source.is(ValueKind::Array))
    Elements.assign(Source.items().begin(), Source.items().end());
  else if (!Source.is(ValueKind::Null))
    Elements.push_back(Source);
  std::vector<Value> Out;
  for (const Value &E : Elements) {
    Frame F;
    F.Names.emplace_back("*", E);
    Frames.push_back(std::move(F));
    Out.push_back(eval(N->Items[1]));
    Frames.pop_back();
  }
  return Value::array(std::move(Out), origin(N));
}

Value ModuleScope::evalConditional(const Node *N) {
  if (N->Items.size() != 3)
    return invalid(N, "incomplete conditional");
  Value C = eval(N->Items[0]);
  if (C.is(ValueKind::Bool))
    return eval(N->Items[C.asBool() ? 1 : 2]);
  if (!C.isKnown()) {
    // Either way the same value: known anyway. The branch Terraform will
    // not take may fail (`c ? "${x}-" : null` with x null): quietly.
    size_t Before = U.Unit.Diagnostics.size();
    Value A = eval(N->Items[1]), B = eval(N->Items[2]);
    U.Unit.Diagnostics.resize(Before);
    if (A.isFullyKnown() && A.sameAs(B))
      return A;
    return unknownBecause(C);
  }
  return invalid(N->Items[0], "a condition must be a bool, found " +
                                  valueKindName(C.kind()).str());
}

std::optional<double> numberOf(const Value &V) {
  if (V.is(ValueKind::Int) || V.is(ValueKind::Float))
    return V.asNumber();
  if (V.is(ValueKind::String)) {
    double D;
    if (!V.asString().getAsDouble(D))
      return D;
  }
  return std::nullopt;
}

Value numberValue(double D, const Origin &O) {
  if (std::nearbyint(D) == D && std::fabs(D) < 9.0e15)
    return Value::integer(static_cast<int64_t>(D), O);
  return Value::floating(D, O);
}

Value ModuleScope::evalBinary(const Node *N) {
  if (N->Items.size() != 2)
    return invalid(N, "incomplete operator");
  Value L = eval(N->Items[0]);
  Value R = eval(N->Items[1]);
  Value V = binaryOperation(N, L, R);
  return L.isSensitive() || R.isSensitive() ? V.markedSensitive() : V;
}

Value ModuleScope::binaryOperation(const Node *N, const Value &L,
                                   const Value &R) {
  llvm::StringRef Op = N->Text;
  Origin O = origin(N);
  if (Op == "&&" || Op == "||") {
    bool IsAnd = Op == "&&";
    // A known false (&&) or true (||) decides alone.
    for (const Value *V : {&L, &R})
      if (V->is(ValueKind::Bool) && V->asBool() != IsAnd)
        return Value::boolean(!IsAnd, O);
    for (const Value *V : {&L, &R})
      if (!V->isKnown())
        return unknownBecause(*V);
    if (!L.is(ValueKind::Bool) || !R.is(ValueKind::Bool))
      return invalid(N, "'" + Op.str() + "' needs bools");
    return Value::boolean(IsAnd, O);
  }
  if (Op == "==" || Op == "!=") {
    if (const Value *U = firstUnknown(L))
      return unknownBecause(*U);
    if (const Value *U = firstUnknown(R))
      return unknownBecause(*U);
    bool Same = L.sameAs(R);
    if (!Same && numberOf(L) && numberOf(R) && !L.is(ValueKind::String) &&
        !R.is(ValueKind::String))
      Same = *numberOf(L) == *numberOf(R);
    return Value::boolean(Same == (Op == "=="), O);
  }
  for (const Value *V : {&L, &R})
    if (!V->isKnown())
      return unknownBecause(*V);
  auto A = numberOf(L), B = numberOf(R);
  if (!A || !B)
    return invalid(N, "'" + Op.str() + "' needs numbers");
  if (Op == "<")
    return Value::boolean(*A < *B, O);
  if (Op == "<=")
    return Value::boolean(*A <= *B, O);
  if (Op == ">")
    return Value::boolean(*A > *B, O);
  if (Op == ">=")
    return Value::boolean(*A >= *B, O);
  if (Op == "+")
    return numberValue(*A + *B, O);
  if (Op == "-")
    return numberValue(*A - *B, O);
  if (Op == "*")
    return numberValue(*A * *B, O);
  if ((Op == "/" || Op == "%") && *B == 0)
    return invalid(N, "division by zero");
  if (Op == "/")
    return numberValue(*A / *B, O);
  if (Op == "%")
    return numberValue(std::fmod(*A, *B), O);
  return invalid(N, "unknown operator '" + Op.str() + "'");
}

Value ModuleScope::evalUnary(const Node *N) {
  if (N->Items.size() != 1)
    return invalid(N, "incomplete operator");
  Value V = eval(N->Items[0]);
  if (!V.isKnown())
    return unknownBecause(V);
  if (N->Text == "!") {
    if (!V.is(ValueKind::Bool))
      return invalid(N, "'!' needs a bool");
    return Value::boolean(!V.asBool(), origin(N));
  }
  auto D = numberOf(V);
  if (!D)
    return invalid(N, "'-' needs a number");
  return numberValue(-*D, origin(N));
}

// [for k, v in c : r if cond] and {for k, v in c : rk => rv... if cond}.
Value ModuleScope::evalFor(const Node *N) {
  const Node *KeyName = N->get("key");
  const Node *ValueName = N->get("value");
  const Node *Condition = N->get("condition");
  bool IsObject = N->Text == "object";
  bool Grouping = N->get("grouping") != nullptr;
  Value Collection = eval(N->get("collection"));
  if (!Collection.isKnown())
    return unknownBecause(Collection);
  std::vector<std::pair<Value, Value>> Elements;
  if (Collection.is(ValueKind::Array)) {
    for (size_t I = 0; I < Collection.items().size(); ++I)
      Elements.emplace_back(Value::integer(I), Collection.items()[I]);
  } else if (Collection.is(ValueKind::Object)) {
    for (const Member *M : lexicalMembers(Collection))
      Elements.emplace_back(Value::string(M->Key, M->KeyOrigin), M->V);
  } else {
    return invalid(N->get("collection"),
                   "a for expression needs a collection, found " +
                       valueKindName(Collection.kind()).str());
  }
  std::vector<Value> Items;
  std::vector<Member> Members;
  for (auto &[K, V] : Elements) {
    Frame F;
    if (KeyName && ValueName)
      F.Names.emplace_back(KeyName->Text, K);
    F.Names.emplace_back(ValueName ? ValueName->Text : KeyName->Text, V);
    Frames.push_back(std::move(F));
    auto Pop = llvm::make_scope_exit([&] { Frames.pop_back(); });
    if (Condition) {
      Value C = eval(Condition);
      if (!C.isKnown())
        return unknownBecause(C);
      if (!C.is(ValueKind::Bool))
        return invalid(Condition, "a for condition must be a bool");
      if (!C.asBool())
        continue;
    }
    Value Result = eval(N->get("result"));
    if (!IsObject) {
      Items.push_back(std::move(Result));
      continue;
    }
    Value Key = eval(N->get("result-key"));
    if (!Key.isKnown())
      return unknownBecause(Key);
    auto S = toTerraformString(Key);
    if (!S)
      return invalid(N->get("result-key"), "an object key must be a string");
    Member *Existing = nullptr;
    for (Member &M : Members)
      if (M.Key == *S)
        Existing = &M;
    if (Grouping) {
      if (Existing) {
        std::vector<Value> Group(Existing->V.items().begin(),
                                 Existing->V.items().end());
        Group.push_back(std::move(Result));
        Existing->V = Value::array(std::move(Group), Existing->V.origin());
      } else {
        Members.push_back({*S, Key.origin(), Value::array({Result})});
      }
    } else if (Existing) {
      return invalid(N->get("result-key"),
                     "duplicate key '" + *S + "' (use ... to group)");
    } else {
      Members.push_back({*S, Key.origin(), std::move(Result)});
    }
  }
  if (!IsObject)
    return Value::array(std::move(Items), origin(N));
  llvm::sort(Members,
             [](const Member &A, const Member &B) { return A.Key < B.Key; });
  return Value::object(std::move(Members), origin(N));
}

// Terraform reads files relative to the working directory (the root
// module), and Rampart only under the scanned path.
FileText ModuleScope::readFile(const std::string &Path) {
  if (!U.In.ReadFile)
    return {std::nullopt, "files are not read here"};
  llvm::SmallString<256> P;
  if (llvm::sys::path::is_absolute(Path)) {
    P = Path;
  } else {
    P = U.In.RootDir;
    llvm::sys::path::append(P, Path);
  }
  std::string Full = normalizePath(P);
  if (!U.In.AllowOutsideRoot && !U.In.ScanRoot.empty() &&
      !isUnder(Full, U.In.ScanRoot))
    return {std::nullopt, "'" + Full + "' is outside the scanned directory"};
  return U.In.ReadFile(Full);
}

// templatefile(path, vars): the file is a template in HCL's template
// language. It is parsed as the body of a heredoc, then every range is moved
// back by the heredoc's opening line, so values point into the real file.
Value ModuleScope::templateFile(const Node *Call, llvm::ArrayRef<Value> Args) {
  Origin O = origin(Call);
  if (Args.size() != 2)
    return invalid(Call, "templatefile() takes a path and an object");
  if (!Args[0].isKnown() || !Args[1].isKnown())
    return unknownBecause(Args[0].isKnown() ? Args[1] : Args[0]);
  if (!Args[0].is(ValueKind::String) || !Args[1].is(ValueKind::Object))
    return invalid(Call, "templatefile() takes a path and an object");
  FileText T = readFile(Args[0].asString().str());
  if (!T.Text) {
    error(Call->Range, "templatefile(): " + T.Error, Severity::Warning);
    return Value::unknown("templatefile(): " + T.Error, O);
  }
  std::string Text = *T.Text;
  bool AddedNewline = Text.empty() || Text.back() != '\n';
  static constexpr llvm::StringLiteral Marker = "RAMPART_TEMPLATE_END";
  std::string Opener = "x = <<" + Marker.str() + "\n";
  auto Parsed = SourceFile::fromText(
      Args[0].asString(),
      Opener + Text + (AddedNewline ? "\n" : "") + Marker.str() + "\n");
  Document Doc = parsers::parseHcl(*Parsed, FileRole::Variables);
  const Node *Root = Doc.root();
  const Node *Body =
      Root && Root->Items.size() == 1 ? Root->Items[0]->get("value") : nullptr;
  if (Doc.hasErrors() || !Body) {
    error(Call->Range,
          "templatefile(): '" + Args[0].asString().str() +
              "' is not a valid template",
          Severity::Warning);
    return Value::unknown("templatefile(): the template has errors", O);
  }
  auto Real = std::shared_ptr<SourceFile>(
      SourceFile::fromText(Args[0].asString(), Text).release());
  U.Unit.OwnedSources.push_back(Real);
  shiftRanges(const_cast<Node *>(Body), *Real,
              static_cast<uint32_t>(Opener.size()));
  Value V = isolated([&] {
    File = Real.get();
    Frame F;
    for (const Member &M : Args[1].members())
      F.Names.emplace_back(M.Key, M.V);
    Frames.push_back(std::move(F));
    return Body->is(NodeKind::String) ? Value::string(Body->Text, O)
                                      : eval(Body);
  });
  if (AddedNewline && V.is(ValueKind::String) && V.asString().endswith("\n"))
    V = Value::string(V.asString().drop_back().str(), V.origin());
  return V;
}

Value ModuleScope::evalCall(const Node *N) {
  llvm::StringRef Name = N->Text;
  Name.consume_front("core::");
  Origin O = origin(N);
  // try() and can() look at their arguments' failures, so they evaluate
  // them one by one with the errors kept aside.
  if (Name == "try" || Name == "can") {
    for (const Node *A : N->Items) {
      size_t Before = U.Unit.Diagnostics.size();
      Value V = eval(A);
      bool Failed = U.Unit.Diagnostics.size() > Before;
      U.Unit.Diagnostics.resize(Before);
      if (!Failed && !V.isKnown())
        return Name == "can" ? Value::unknown("can(): " + V.asString().str(), O)
                             : V;
      if (Name == "can")
        return Value::boolean(!Failed, O);
      if (!Failed)
        return V;
    }
    return invalid(N, Name.str() + "(): every argument failed");
  }
  std::vector<Value> Args;
  CallContext Ctx;
  Ctx.Call = O;
  for (const Node *A : N->Items) {
    Args.push_back(eval(A));
    Ctx.Args.push_back(origin(A));
  }
  if (N->get("expand") && !Args.empty()) {
    Value Last = Args.back();
    if (!Last.isKnown())
      return unknownBecause(Last);
    if (!Last.is(ValueKind::Array))
      return invalid(N->Items.back(), "only a list can be expanded with ...");
    Args.pop_back();
    Ctx.Args.pop_back();
    for (const Value &V : Last.items()) {
      Args.push_back(V);
      Ctx.Args.push_back(Last.origin());
    }
  }
  if (Name == "sensitive" || Name == "nonsensitive") {
    if (Args.size() != 1)
      return invalid(N, Name.str() + "() takes one argument");
    return Args[0].markedSensitive(Name == "sensitive");
  }
  if (Name == "templatefile")
    return templateFile(N, Args).markedSensitive(anySensitive(Args));
  std::vector<Diagnostic> Diags;
  Ctx.Diagnostics = &Diags;
  if (U.In.ReadFile)
    Ctx.ReadFile = [this](const std::string &Path) { return readFile(Path); };
  std::optional<Value> V = callFunction(Name, Args, Ctx);
  for (Diagnostic &D : Diags)
    U.Unit.Diagnostics.push_back(
        {File ? File->path().str() : Dir, std::move(D)});
  if (!V)
    return invalid(N, "unknown function '" + N->Text + "'");
  return V->markedSensitive(anySensitive(Args));
}

//===- Resources and modules ----------------------------------------------===//

std::optional<std::vector<std::pair<Value, Value>>>
ModuleScope::instanceKeys(const Node *Body, LoopInfo &Loop, bool &ForEach,
                          std::vector<Ref> &Refs) {
  const Node *Count = attribute(Body, "count");
  const Node *Each = attribute(Body, "for_each");
  if (!Count && !Each)
    return std::vector<std::pair<Value, Value>>{};
  ForEach = Each != nullptr;
  Loop.Kind = ForEach ? LoopInfo::LoopKind::ForEach : LoopInfo::LoopKind::Count;
  const Node *Expr = ForEach ? Each : Count;
  Value V = collecting(Refs, EdgeKind::Reference, [&] { return eval(Expr); });
  std::vector<std::pair<Value, Value>> Keys;
  if (!ForEach) {
    auto N = numberOf(V);
    if (!V.isKnown() || !N || V.is(ValueKind::String))
      return std::nullopt;
    if (*N < 0 || *N > MaxInstances) {
      error(Expr->Range,
            "count " + std::to_string(static_cast<int64_t>(*N)) +
                " is outside 0.." + std::to_string(MaxInstances) +
                "; one representative instance is kept",
            Severity::Warning);
      return std::nullopt;
    }
    for (int64_t I = 0; I < static_cast<int64_t>(*N); ++I)
      Keys.emplace_back(Value::integer(I, V.origin()), Value::null());
    return Keys;
  }
  if (!V.isKnown())
    return std::nullopt;
  if (V.is(ValueKind::Object)) {
    for (const Member *M : lexicalMembers(V))
      Keys.emplace_back(Value::string(M->Key, M->KeyOrigin), M->V);
  } else if (V.is(ValueKind::Array)) {
    // A set of strings: each.key and each.value are the element.
    for (const Value &E : V.items()) {
      if (!E.isKnown())
        return std::nullopt;
      auto S = toTerraformString(E);
      if (!S) {
        error(Expr->Range, "for_each needs a map or a set of strings");
        return std::nullopt;
      }
      Keys.emplace_back(Value::string(*S, E.origin()), E);
    }
  } else {
    error(Expr->Range, "for_each needs a map or a set of strings, found " +
                           valueKindName(V.kind()).str());
    return std::nullopt;
  }
  llvm::sort(Keys, [](const auto &A, const auto &B) {
    return A.first.asString() < B.first.asString();
  });
  Keys.erase(std::unique(Keys.begin(), Keys.end(),
                         [](const auto &A, const auto &B) {
                           return A.first.asString() == B.first.asString();
                         }),
             Keys.end());
  if (Keys.size() > static_cast<size_t>(MaxInstances)) {
    error(Expr->Range,
          "for_each has " + std::to_string(Keys.size()) +
              " elements, more than " + std::to_string(MaxInstances) +
              "; one representative instance is kept",
          Severity::Warning);
    return std::nullopt;
  }
  return Keys;
}

/// The names count and each give in an instance's expressions.
Frame instanceFrame(const LoopInfo &Loop, const std::optional<Value> &Key,
                    const Value &EachValue, const Origin &Unknown) {
  Frame F;
  if (Loop.Kind == LoopInfo::LoopKind::Count) {
    Value Index =
        Key ? *Key : Value::unknown("the count is not known", Unknown);
    F.Names.emplace_back("count", Value::object({{"index", {}, Index}}));
  } else if (Loop.Kind == LoopInfo::LoopKind::ForEach) {
    Value K = Key ? *Key : Value::unknown("the for_each is not known", Unknown);
    Value V =
        Key ? EachValue : Value::unknown("the for_each is not known", Unknown);
    F.Names.emplace_back("each",
                         Value::object({{"key", {}, K}, {"value", {}, V}}));
  }
  return F;
}

void ModuleScope::expand(ResourceDecl &D) {
  if (D.St != ResourceDecl::State::New) {
    if (D.St == ResourceDecl::State::Busy)
      error(D.Block->Range, "the count or for_each of '" + D.Type + "." +
                                D.Name + "' refers to itself");
    return;
  }
  D.St = ResourceDecl::State::Busy;
  std::string Base = Prefix + (D.Data ? "data." : "") + D.Type + "." + D.Name;
  Origin Decl{D.File, labelsRange(D.Block)};
  D.RefValue = Value::unknown("'" + Base + "' refers to itself", Decl);
  auto Keys = isolated([&] {
    auto Restore = at(D.File);
    return instanceKeys(D.Body, D.Loop, D.ForEach, D.LoopRefs);
  });
  if (!Keys || Keys->empty()) {
    if (Keys && D.Loop.Kind != LoopInfo::LoopKind::None)
      D.Loop.Expanded = true; // zero instances
    if (!Keys || D.Loop.Kind == LoopInfo::LoopKind::None) {
      Instance &I = D.Instances.emplace_back();
      I.Address = Base;
    }
  } else {
    D.Loop.Expanded = true;
    for (auto &[K, V] : *Keys) {
      Instance &I = D.Instances.emplace_back();
      I.Key = K;
      I.EachValue = V;
      I.Address = Base + instanceKey(K);
    }
  }
  for (Instance &I : D.Instances)
    U.InstanceOwner[I.Address] = {this, &D, &I};
  std::vector<Value> Items;
  std::vector<Member> Members;
  for (Instance &I : D.Instances) {
    Value Ref = Value::expression(I.Address, Decl, I.Address, {});
    if (D.ForEach && I.Key)
      Members.push_back({I.Key->asString().str(), {}, Ref});
    else
      Items.push_back(Ref);
  }
  if (D.Loop.Kind == LoopInfo::LoopKind::None)
    D.RefValue = Items[0];
  else if (!D.Loop.Expanded)
    D.RefValue =
        Value::unknown("the instances of '" + Base + "' are not known", Decl);
  else if (D.ForEach)
    D.RefValue = Value::object(std::move(Members), Decl);
  else
    D.RefValue = Value::array(std::move(Items), Decl);
  D.St = ResourceDecl::State::Done;
}

// Arguments as members; nested blocks as lists of objects, one member per
// block type, in order of first appearance.
Value ModuleScope::evalBody(const Node *Body, bool TopLevel) {
  std::vector<Member> Members;
  std::vector<std::pair<std::string, std::vector<Value>>> Lists;
  std::vector<std::pair<std::string, Value>> Unknowns;
  std::vector<std::pair<std::string, Origin>> Order;
  if (!Body)
    return Value::object({});
  for (const Node *I : Body->Items) {
    if (TopLevel && isMetaArgument(I->Text))
      continue;
    if (I->isExpression("attribute")) {
      const Node *V = I->get("value");
      const Node *Name = I->get("name");
      if (V)
        Members.push_back(
            {I->Text, {File, Name ? Name->Range : I->Range}, eval(V)});
      continue;
    }
    if (!I->isExpression("block"))
      continue;
    auto Remember = [&](const std::string &Type, const Node *At) {
      for (const auto &O : Order)
        if (O.first == Type)
          return;
      Order.emplace_back(Type, Origin{File, At->Range});
    };
    if (I->Text == "dynamic") {
      std::vector<std::string> L = labels(I);
      if (!L.empty())
        Remember(L[0], I);
      evalDynamic(I, Lists, Unknowns);
      continue;
    }
    Remember(I->Text, I);
    Value V = evalBody(I->get("body"), false);
    auto It = llvm::find_if(Lists, [&](auto &P) { return P.first == I->Text; });
    if (It == Lists.end())
      Lists.emplace_back(I->Text, std::vector<Value>{V});
    else
      It->second.push_back(V);
  }
  for (const auto &Entry : Order) {
    // Named, not bound: clang 14 cannot capture a structured binding.
    const auto &Type = Entry.first;
    const auto &At = Entry.second;
    auto U = llvm::find_if(Unknowns, [&](auto &P) { return P.first == Type; });
    if (U != Unknowns.end()) {
      Members.push_back({Type, At, U->second});
      continue;
    }
    auto It = llvm::find_if(Lists, [&](auto &P) { return P.first == Type; });
    Members.push_back(
        {Type, At,
         Value::array(It == Lists.end() ? std::vector<Value>{} : It->second,
                      At)});
  }
  return Value::object(std::move(Members), {File, Body->Range});
}

// dynamic "ingress" { for_each = x, iterator = rule, content { ... } }: one
// "ingress" block per element, with rule.key and rule.value bound.
void ModuleScope::evalDynamic(
    const Node *Block,
    std::vector<std::pair<std::string, std::vector<Value>>> &Lists,
    std::vector<std::pair<std::string, Value>> &Unknowns) {
  std::vector<std::string> L = labels(Block);
  const Node *Body = Block->get("body");
  if (L.size() != 1 || !Body)
    return;
  std::string Type = L[0];
  std::string Iterator = Type;
  if (const Node *It = attribute(Body, "iterator");
      It && It->isExpression("identifier"))
    Iterator = It->Text;
  const Node *Content = nullptr;
  for (const Node *I : Body->Items)
    if (I->isExpression("block") && I->Text == "content")
      Content = I->get("body");
  const Node *ForEach = attribute(Body, "for_each");
  if (!ForEach || !Content) {
    error(Block->Range, "a dynamic block needs for_each and content");
    return;
  }
  Value Collection = eval(ForEach);
  auto &Out = [&]() -> std::vector<Value> & {
    auto It = llvm::find_if(Lists, [&](auto &P) { return P.first == Type; });
    if (It != Lists.end())
      return It->second;
    return Lists.emplace_back(Type, std::vector<Value>{}).second;
  }();
  if (!Collection.isKnown()) {
    Unknowns.emplace_back(Type, unknownBecause(Collection));
    return;
  }
  std::vector<std::pair<Value, Value>> Elements;
  if (Collection.is(ValueKind::Array))
    for (size_t I = 0; I < Collection.items().size(); ++I)
      Elements.emplace_back(Value::integer(I), Collection.items()[I]);
  else if (Collection.is(ValueKind::Object))
    for (const Member *M : lexicalMembers(Collection))
      Elements.emplace_back(Value::string(M->Key), M->V);
  else if (!Collection.is(ValueKind::Null)) {
    error(ForEach->Range, "a dynamic block's for_each needs a collection");
    return;
  }
  for (auto &[K, V] : Elements) {
    Frame F;
    F.Names.emplace_back(Iterator,
                         Value::object({{"key", {}, K}, {"value", {}, V}}));
    Frames.push_back(std::move(F));
    Out.push_back(evalBody(Content, false));
    Frames.pop_back();
  }
}

const Value *ModuleScope::instanceProperties(ResourceDecl &D, Instance &I) {
  if (I.St == Instance::State::Done)
    return &I.Properties;
  if (I.St == Instance::State::Busy)
    return nullptr;
  I.St = Instance::State::Busy;
  I.Properties = isolated([&] {
    auto Restore = at(D.File);
    Frames.push_back(instanceFrame(D.Loop, I.Key, I.EachValue,
                                   {D.File, labelsRange(D.Block)}));
    Value V = collecting(I.Refs, EdgeKind::Reference,
                         [&] { return evalBody(D.Body, true); });
    if (const Node *Deps = attribute(D.Body, "depends_on"))
      collecting(I.Refs, EdgeKind::DependsOn, [&] { return eval(Deps); });
    if (const Attachment *A = attachmentOf(D.Type))
      for (llvm::StringRef Arg : A->Arguments) {
        std::vector<Ref> Refs;
        if (const Node *E = attribute(D.Body, Arg))
          collecting(Refs, EdgeKind::Attachment, [&] { return eval(E); });
        auto &Group = I.Attached.emplace_back();
        for (Ref &R : Refs)
          Group.push_back(std::move(R.To));
      }
    return bounded(std::move(V), "'" + I.Address + "'");
  });
  I.St = Instance::State::Done;
  return &I.Properties;
}

/// The local name of the provider a resource uses: `provider = aws.west`
/// names it, else the prefix of its type.
std::string providerName(const ResourceDecl &D) {
  const Node *P = attribute(D.Body, "provider");
  while (P && P->isExpression("member") && !P->Items.empty())
    P = P->Items[0];
  if (P && P->isExpression("identifier"))
    return P->Text;
  return llvm::StringRef(D.Type).split('_').first.str();
}

void ModuleScope::addResource(ResourceDecl &D, Instance &I) {
  instanceProperties(D, I);
  Resource R;
  R.Id = I.Address;
  R.TheDialect = Dialect::Terraform;
  R.Type = D.Type;
  R.Name = Value::string(D.Name, {D.File, labelsRange(D.Block)});
  R.Properties = I.Properties;
  R.Declaration = {D.File, labelsRange(D.Block)};
  R.SymbolicName = (D.Data ? "data." : "") + D.Type + "." + D.Name;
  R.Loop = D.Loop;
  if (I.Key && I.Key->is(ValueKind::Int))
    R.Loop.Index = I.Key->asInt();
  if (I.Key)
    R.Loop.Key = *I.Key;
  R.Existing = D.Data;
  if (auto It = U.Majors.find(providerName(D)); It != U.Majors.end())
    R.ProviderMajors = It->second;
  if (U.Unit.Graph.find(R.Id)) {
    error(D.Block->Range, "'" + R.Id + "' is declared twice");
    return;
  }
  U.Unit.Graph.add(std::move(R));
}

void ModuleScope::addProvider(const Node *B, const SourceFile *F) {
  auto Restore = at(F);
  std::string Name = labels(B)[0];
  const Node *Body = B->get("body");
  if (const Node *Alias = attribute(Body, "alias");
      Alias && Alias->is(NodeKind::String))
    Name += "." + Alias->Text;
  Resource R;
  R.Id = "provider." + Name;
  R.TheDialect = Dialect::Terraform;
  R.Type = "provider";
  R.Name = Value::string(Name, {F, labelsRange(B)});
  R.Declaration = {F, labelsRange(B)};
  R.Properties = isolated([&] {
    File = F;
    return evalBody(Body, true);
  });
  if (!U.Unit.Graph.find(R.Id))
    U.Unit.Graph.add(std::move(R));
}

void ModuleScope::expandModule(ModuleCall &C) {
  if (C.St != ModuleCall::State::New)
    return;
  C.St = ModuleCall::State::Busy;
  auto Keys = isolated([&] {
    auto Restore = at(C.File);
    return instanceKeys(C.Body, C.Loop, C.ForEach, C.LoopRefs);
  });
  std::string Base = Prefix + "module." + C.Name;
  if (!Keys || Keys->empty()) {
    if (Keys && C.Loop.Kind != LoopInfo::LoopKind::None)
      C.Loop.Expanded = true;
    if (!Keys || C.Loop.Kind == LoopInfo::LoopKind::None)
      C.Instances.emplace_back().Prefix = Base + ".";
  } else {
    C.Loop.Expanded = true;
    for (auto &[K, V] : *Keys) {
      ModuleInstance &I = C.Instances.emplace_back();
      I.Key = K;
      I.EachValue = V;
      I.Prefix = Base + instanceKey(K) + ".";
    }
  }
  C.St = ModuleCall::State::Done;
}

/// The directory of a module call: a local path, or the copy `terraform
/// init` downloaded. Empty with a reason when there is none.
std::string moduleDirectory(UnitContext &U, llvm::StringRef CallerDir,
                            llvm::StringRef Source, llvm::StringRef Key,
                            std::string &Why) {
  if (isLocalSource(Source)) {
    llvm::SmallString<256> P(CallerDir);
    llvm::sys::path::append(P, Source);
    std::string Dir = normalizePath(P);
    if (!U.In.AllowOutsideRoot && !U.In.ScanRoot.empty() &&
        !isUnder(Dir, U.In.ScanRoot)) {
      Why = "module path '" + Source.str() +
            "' leaves the scanned directory (see --allow-outside-root)";
      return "";
    }
    return Dir;
  }
  if (!U.Downloaded)
    U.readModulesJson();
  if (auto It = U.Downloaded->find(Key); It != U.Downloaded->end())
    return It->second;
  Why = "module source '" + Source.str() +
        "' is not local and was not downloaded (run terraform init to "
        "evaluate it)";
  return "";
}

ModuleScope *ModuleScope::moduleScope(ModuleCall &C, ModuleInstance &I) {
  if (I.Scope || I.Busy || I.Refused)
    return I.Scope;
  // Diagnostics below are about the call, in the caller's file.
  auto InCallerFile = at(C.File);
  // Whatever stops the module now would stop it again: say it once.
  I.Refused = true;
  const Node *SourceNode = attribute(C.Body, "source");
  if (!SourceNode || !SourceNode->is(NodeKind::String)) {
    error(C.Block->Range, "a module needs a literal source");
    return nullptr;
  }
  // The key modules.json uses: the call names from the root, dotted.
  std::string Key;
  for (llvm::StringRef P = Prefix; !P.empty();) {
    auto [Step, Rest] = P.split('.');
    if (Step == "module") {
      auto [Name, After] = Rest.split('.');
      Key += (Key.empty() ? "" : ".") + Name.split('[').first.str();
      P = After;
    } else {
      P = Rest;
    }
  }
  Key += (Key.empty() ? "" : ".") + C.Name;
  std::string Why;
  std::string ModuleDir = moduleDirectory(U, Dir, SourceNode->Text, Key, Why);
  if (ModuleDir.empty()) {
    error(SourceNode->Range, Why, Severity::Warning);
    return nullptr;
  }
  if (llvm::is_contained(Callers, ModuleDir) || ModuleDir == Dir) {
    error(SourceNode->Range, "module '" + C.Name + "' calls itself (through '" +
                                 ModuleDir + "'); not evaluated again");
    return nullptr;
  }
  if (Depth + 1 >= MaxModuleDepth || U.ModuleInstances >= MaxModuleInstances) {
    if (!C.LimitReported)
      error(SourceNode->Range,
            "module nesting (" + std::to_string(MaxModuleDepth) +
                " levels) or module instances (" +
                std::to_string(MaxModuleInstances) +
                " per unit) exceed Rampart's limits; instances of '" + C.Name +
                "' from here on are not evaluated",
            Severity::Warning);
    C.LimitReported = true;
    return nullptr;
  }
  if (!U.In.LoadDirectory)
    return nullptr;
  ModuleFiles M = U.In.LoadDirectory(ModuleDir);
  if (M.Files.empty()) {
    error(
        SourceNode->Range,
        "module '" + C.Name + "': " +
            (M.Error.empty() ? "no .tf files in '" + ModuleDir + "'" : M.Error),
        Severity::Warning);
    return nullptr;
  }
  ++U.ModuleInstances;
  I.Refused = false;
  I.Busy = true;
  // The call's arguments, evaluated here, are the module's variables.
  llvm::StringMap<GivenValue> Inputs;
  isolated([&] {
    auto Restore = at(C.File);
    Frames.push_back(instanceFrame(C.Loop, I.Key, I.EachValue,
                                   {C.File, labelsRange(C.Block)}));
    for (const Node *A : C.Body->Items) {
      if (!A->isExpression("attribute") || isMetaArgument(A->Text) ||
          A->Text == "source" || A->Text == "version" || A->Text == "providers")
        continue;
      GivenValue G;
      G.V = collecting(G.Refs, EdgeKind::Reference,
                       [&] { return eval(A->get("value")); });
      Inputs[A->Text] = std::move(G);
    }
    return 0;
  });
  std::vector<std::string> Chain = Callers;
  Chain.push_back(Dir);
  auto Scope = std::make_unique<ModuleScope>(U, ModuleDir, std::move(M.Files),
                                             std::move(Inputs), I.Prefix,
                                             Depth + 1, std::move(Chain));
  for (const auto &In : Scope->Given)
    if (!Scope->declaresVariable(In.getKey()))
      error(C.Block->Range, "module '" + C.Name + "' has no variable '" +
                                In.getKey().str() + "'");
  I.Scope = Scope.get();
  U.Scopes.push_back(std::move(Scope));
  I.Busy = false;
  return I.Scope;
}

void ModuleScope::build() {
  for (const auto &[B, F] : Providers)
    addProvider(B, F);
  for (auto &D : Resources) {
    expand(*D);
    for (Instance &I : D->Instances)
      addResource(*D, I);
  }
  for (auto &C : Calls) {
    expandModule(*C);
    for (ModuleInstance &I : C->Instances)
      if (ModuleScope *S = moduleScope(*C, I))
        S->build();
  }
}

// The association is attached to what it names; a two-sided association
// (subnet and security group) also attaches its two sides to each other.
void ModuleScope::linkAttachments(const Instance &I) {
  for (const auto &Group : I.Attached)
    for (const std::string &To : Group)
      if (To != I.Address && U.Unit.Graph.find(To))
        U.Unit.Graph.connect(I.Address, To, EdgeKind::Attachment);
  if (I.Attached.size() < 2)
    return;
  for (const std::string &A : I.Attached[0])
    for (const std::string &B : I.Attached[1])
      if (A != B && U.Unit.Graph.find(A) && U.Unit.Graph.find(B))
        U.Unit.Graph.connect(A, B, EdgeKind::Attachment);
}

void ModuleScope::link() {
  for (auto &D : Resources)
    for (Instance &I : D->Instances) {
      if (!U.Unit.Graph.find(I.Address))
        continue;
      for (const Ref &R : D->LoopRefs)
        if (R.To != I.Address && U.Unit.Graph.find(R.To))
          U.Unit.Graph.connect(I.Address, R.To, R.Kind);
      for (const Ref &R : I.Refs)
        if (R.To != I.Address && U.Unit.Graph.find(R.To))
          U.Unit.Graph.connect(I.Address, R.To, R.Kind);
      linkAttachments(I);
    }
  for (auto &C : Calls)
    for (ModuleInstance &I : C->Instances)
      if (I.Scope)
        I.Scope->link();
}

//===- Type constraints ---------------------------------------------------===//

Value convertPrimitive(const Value &V, llvm::StringRef Type, ModuleScope &S,
                       const Origin &At) {
  if (!V.isKnown() || V.is(ValueKind::Null) || Type == "any")
    return V;
  if (Type == "string") {
    if (auto T = toTerraformString(V))
      return Value::string(*T, V.origin());
  } else if (Type == "number") {
    if (V.is(ValueKind::Int) || V.is(ValueKind::Float))
      return V;
    if (auto D = numberOf(V))
      return numberValue(*D, V.origin());
  } else if (Type == "bool") {
    if (V.is(ValueKind::Bool))
      return V;
    if (V.is(ValueKind::String) &&
        (V.asString() == "true" || V.asString() == "false"))
      return Value::boolean(V.asString() == "true", V.origin());
  } else {
    return V;
  }
  S.error(At.Range, "a " + valueKindName(V.kind()).str() +
                        " value does not convert to " + Type.str());
  return Value::unknown("the value does not convert to " + Type.str(),
                        V.origin());
}

Value convertType(const Value &V, const Node *Type, ModuleScope &S,
                  const SourceFile *F, unsigned Depth) {
  if (!Type || Depth > 64 || !V.isKnown() || V.is(ValueKind::Null))
    return V;
  Origin At{F, V.origin().Range};
  if (Type->isExpression("identifier"))
    return convertPrimitive(V, Type->Text, S, At);
  if (!Type->isExpression("call") || Type->Items.empty())
    return V;
  llvm::StringRef Kind = Type->Text;
  const Node *Arg = Type->Items[0];
  if (Kind == "list" || Kind == "set") {
    if (!V.is(ValueKind::Array))
      return V;
    std::vector<Value> Items;
    for (const Value &I : V.items())
      Items.push_back(convertType(I, Arg, S, F, Depth + 1));
    return Value::array(std::move(Items), V.origin());
  }
  if (Kind == "map") {
    if (!V.is(ValueKind::Object))
      return V;
    std::vector<Member> Members(V.members().begin(), V.members().end());
    for (Member &M : Members)
      M.V = convertType(M.V, Arg, S, F, Depth + 1);
    return Value::object(std::move(Members), V.origin());
  }
  if (Kind == "object" && V.is(ValueKind::Object) && Arg->is(NodeKind::Map)) {
    std::vector<Member> Members(V.members().begin(), V.members().end());
    for (const MapEntry &A : Arg->Entries) {
      const Node *T = A.Value;
      const Node *Default = nullptr;
      bool Optional = T->isExpression("call") && T->Text == "optional";
      if (Optional) {
        Default = T->Items.size() > 1 ? T->Items[1] : nullptr;
        T = T->Items.empty() ? nullptr : T->Items[0];
      }
      auto It = llvm::find_if(Members,
                              [&](const Member &M) { return M.Key == A.Key; });
      if (It != Members.end() && !It->V.is(ValueKind::Null)) {
        It->V = convertType(It->V, T, S, F, Depth + 1);
        continue;
      }
      if (!Optional) {
        if (It == Members.end())
          S.error(At.Range, "attribute '" + A.Key + "' is required");
        continue;
      }
      Value D = Default ? S.evaluateLiteral(Default, F) : Value::null();
      D = convertType(D, T, S, F, Depth + 1);
      if (It != Members.end())
        It->V = D;
      else
        Members.push_back({A.Key, {}, D});
    }
    llvm::sort(Members,
               [](const Member &A, const Member &B) { return A.Key < B.Key; });
    return Value::object(std::move(Members), V.origin());
  }
  return V;
}

//===- The unit -----------------------------------------------------------===//

bool isStringType(const Node *T) {
  return T && T->isExpression("identifier") && T->Text == "string";
}

/// Root variable values, later sources overriding earlier ones.
llvm::StringMap<GivenValue> rootValues(const TerraformInputs &In,
                                       ModuleScope &Root) {
  llvm::StringMap<GivenValue> Values;
  auto Set = [&](const std::string &Name, Value V, const SourceFile *F,
                 SourceRange At) {
    if (!Root.declaresVariable(Name)) {
      DeploymentUnit *Unused = nullptr;
      (void)Unused;
      Root.error(At,
                 "a value for undeclared variable '" + Name + "'" +
                     (F ? " in " + F->path().str() : std::string()),
                 Severity::Warning);
      return;
    }
    Values[Name] = {std::move(V), {}};
  };
  for (const auto &[Name, Text] : In.EnvVars)
    if (Root.declaresVariable(Name))
      Values[Name] = {
          commandLineValue(Text, isStringType(Root.variableType(Name))), {}};
  for (const Document *D : In.VarFiles) {
    const Node *R = D->root();
    if (!R)
      continue;
    const SourceFile *F = &D->file();
    if (R->isExpression("body")) {
      for (const Node *A : R->Items)
        if (A->isExpression("attribute") && A->get("value"))
          Set(A->Text, Root.evaluateLiteral(A->get("value"), F), F,
              A->get("name") ? A->get("name")->Range : A->Range);
    } else if (R->is(NodeKind::Map)) {
      for (const MapEntry &E : R->Entries)
        if (E.Key != "//") // a comment, as in Terraform
          Set(E.Key, literalValue(E.Value, F), F, E.KeyRange);
    }
  }
  for (const auto &[Name, Text] : In.Vars)
    Set(Name, commandLineValue(Text, isStringType(Root.variableType(Name))),
        nullptr, {});
  return Values;
}

/// Each resource uses its provider's configuration (default tags, region):
/// an edge to the provider block of its type's prefix, or the one named
/// by `provider = aws.west`.
void linkProviders(DeploymentUnit &Unit) {
  std::vector<std::pair<std::string, std::string>> Edges;
  for (const Resource &R : Unit.Graph.resources()) {
    if (R.Type == "provider")
      continue;
    std::string Provider =
        "provider." + llvm::StringRef(R.Type).split('_').first.str();
    if (Unit.Graph.find(Provider))
      Edges.emplace_back(R.Id, Provider);
  }
  for (auto &[From, To] : Edges)
    Unit.Graph.connect(From, To, EdgeKind::Reference);
}

} // namespace

model::DeploymentUnit evaluateTerraform(const TerraformInputs &In) {
  DeploymentUnit Unit;
  Unit.TheDialect = Dialect::Terraform;
  Unit.Root = In.RootDir;
  UnitContext U{In, Unit, 0, 0, false, {}, std::nullopt, {}, {}, {}};
  U.readProviderVersions();
  ModuleScope Root(U, normalizePath(In.RootDir), In.Files, {}, "", 0, {});
  Root.setRootValues(rootValues(In, Root));
  Root.build();
  Root.link();
  linkProviders(Unit);
  return Unit;
}

} // namespace rampart::eval::terraform
