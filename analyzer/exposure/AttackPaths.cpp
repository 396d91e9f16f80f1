//===- AttackPaths.cpp - From an internet entry point to a target ---------===//
//
// Each built-in path of catalog §4.3 is one function that walks its edges
// in order (exposes, runs_as, grants; or readable_by, encrypts), so the
// search is linear in the unit: every entry is visited once per path, and
// every edge is computed from the network model, the identity relations
// (Identities.h) or a check's own predicate.
//
//===----------------------------------------------------------------------===//
#include "analyzer/exposure/AttackPaths.h"

#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/Engine.h"
#include "analyzer/exposure/Identities.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

#include <algorithm>
#include <optional>

namespace rampart::exposure {

using check::Level;
using check::Outcome;
using model::Resource;

//===----------------------------------------------------------------------===//
// Definitions
//===----------------------------------------------------------------------===//

const std::vector<PathDefinition> &pathDefinitions() {
  static const std::vector<PathDefinition> Definitions = {
      {"AWS-PATH-001",
       "Internet-exposed EC2 instance with an administrative or escalating "
       "instance role",
       Level::Critical,
       "An instance the internet reaches on some port runs with a role whose "
       "policies allow every action, or let it grant itself more "
       "(`iam:PassRole` with `ec2:RunInstances`, `iam:Attach*Policy`, "
       "`sts:AssumeRole` on `*`). One exploited service, or an SSRF that "
       "reaches the instance metadata, hands the attacker the account. Break "
       "the path by closing the port (security group, NACL, public IP) or by "
       "scoping the role's policies to what the instance does.",
       {"AWS-EC2-001", "AWS-EC2-002", "AWS-EC2-003", "AWS-EC2-005",
        "AWS-EC2-008", "AWS-IAM-001"}},
      {"AWS-PATH-002",
       "Publicly readable S3 bucket encrypted with an unrestricted or no "
       "customer key",
       Level::Critical,
       "The bucket grants read to everyone (a public ACL or bucket policy "
       "that Block Public Access does not neutralize), and its objects use "
       "SSE-S3 (no key gate: even unsigned requests succeed) or an SSE-KMS "
       "key whose policy lets any principal decrypt. Behind a restricted "
       "customer key the path is reported as high (public bucket, "
       "key-protected): only principals the key allows can read. Break it "
       "by removing the public grant or turning Block Public Access on.",
       {"AWS-S3-001", "AWS-S3-002", "AWS-S3-003", "AWS-S3-006", "AWS-KMS-002"}},
      {"AWS-PATH-003",
       "Unauthenticated Lambda function URL whose role can read secrets or "
       "buckets",
       Level::High,
       "Anyone can invoke the function (a function URL with auth type NONE, "
       "or a resource policy for principal `*`), and its execution role may "
       "read objects, secrets or decrypt with a key. A bug in the function "
       "becomes a data leak. Break it by requiring IAM authentication on the "
       "URL or by scoping the role.",
       {"AWS-LAMBDA-001", "AWS-LAMBDA-002", "AWS-IAM-001"}},
      {"AZ-PATH-001",
       "Internet-exposed VM whose managed identity controls a subscription "
       "or resource group",
       Level::Critical,
       "The VM accepts SSH, RDP or WinRM (or any port) from the internet and "
       "its managed identity holds Owner, Contributor, User Access "
       "Administrator or Role Based Access Control Administrator on a "
       "resource group, subscription or management group: whoever gets a "
       "shell gets the scope. The cheapest fix is to close the port; else "
       "remove the role assignment or narrow its scope.",
       {"AZ-NET-001", "AZ-NET-002", "AZ-NET-003", "AZ-NET-004", "AZ-NET-006",
        "AZ-IAM-002"}},
      {"AZ-PATH-002",
       "Storage account reachable from the internet without a private "
       "endpoint",
       Level::High,
       "The account's public endpoint accepts traffic from any network and "
       "no private endpoint serves it. Critical when blobs are anonymously "
       "readable (AZ-STORAGE-003 with a public container, AZ-STORAGE-004) or "
       "Shared Key authorization is on (a leaked key works from anywhere, "
       "AZ-STORAGE-007).",
       {"AZ-STORAGE-003", "AZ-STORAGE-004", "AZ-STORAGE-005", "AZ-STORAGE-006",
        "AZ-STORAGE-007"}},
      {"AZ-PATH-002a",
       "Key vault reachable from the internet without a private endpoint",
       Level::High,
       "The vault's public endpoint accepts traffic from any network and no "
       "private endpoint serves it: a leaked credential with secret access "
       "works from anywhere.",
       {"AZ-KV-003"}},
      {"AZ-PATH-002b",
       "Cosmos DB account reachable from the internet without a private "
       "endpoint",
       Level::High,
       "The account's public endpoint accepts traffic from any network and "
       "no private endpoint serves it: a leaked key works from anywhere.",
       {"AZ-COSMOS-001"}},
      {"AZ-PATH-002c",
       "Database server reachable from the internet without a private "
       "endpoint",
       Level::High,
       "Public network access is enabled and no private endpoint serves the "
       "server: only its firewall and credentials stand between the "
       "internet and the data.",
       {"AZ-DB-002"}},
      {"AZ-PATH-002d",
       "Database server with public network access and a firewall open to "
       "the internet",
       Level::Critical,
       "Public network access is enabled and a firewall rule admits every "
       "address: the login page of the database faces the whole internet.",
       {"AZ-DB-001", "AZ-DB-002"}},
      {"AZ-PATH-003",
       "Internet-exposed VM with a data-plane role on a storage account or "
       "key vault",
       Level::High,
       "A compute resource the internet reaches runs with an identity that "
       "reads blobs or secrets (Storage Blob Data Reader, Contributor or "
       "Owner; Key Vault Secrets User or Officer, Key Vault Administrator). "
       "Close the port or narrow the role to what the workload needs.",
       {"AZ-NET-001", "AZ-NET-002", "AZ-NET-004"}},
      {"GCP-PATH-001",
       "Internet-exposed VM running as the default service account with "
       "project-wide rights",
       Level::Critical,
       "The instance has an external IP and a firewall rule opens a port to "
       "the internet, and it runs as a service account holding roles/owner "
       "or roles/editor on the project. The default compute service account "
       "has Editor unless the organization policy "
       "`iam.automaticIamGrantsForDefaultServiceAccounts` is enforced (state "
       "it in `.rampart.yaml` as `environment: {google.automatic_iam_grants_"
       "disabled: true}`).",
       {"GCP-COMPUTE-001", "GCP-COMPUTE-002", "GCP-COMPUTE-003"}},
  };
  return Definitions;
}

namespace {

std::vector<check::Check> makePathChecks() {
  std::vector<check::Check> Out;
  for (const PathDefinition &D : pathDefinitions()) {
    check::Check C;
    C.Id = D.Id;
    C.Title = D.Title;
    C.Severity = D.Severity;
    C.Control = "Attack paths";
    C.Why = D.Description;
    C.Remediation = "Break any edge of the path; closing the entry point is "
                    "usually cheapest";
    C.Source = "analyzer/exposure/AttackPaths.cpp";
    Out.push_back(std::move(C));
  }
  return Out;
}

const std::vector<check::Check> &pathCheckObjects() {
  static const std::vector<check::Check> Checks = makePathChecks();
  return Checks;
}

const PathDefinition &definition(llvm::StringRef Id) {
  for (const PathDefinition &D : pathDefinitions())
    if (D.Id == Id)
      return D;
  llvm_unreachable("no such path definition");
}

} // namespace

const std::vector<const check::Check *> &pathChecks() {
  static const std::vector<const check::Check *> Pointers = [] {
    std::vector<const check::Check *> Out;
    for (const check::Check &C : pathCheckObjects())
      Out.push_back(&C);
    return Out;
  }();
  return Pointers;
}

const check::Check &pathCheck(const PathDefinition &D) {
  size_t Index = &D - pathDefinitions().data();
  assert(Index < pathCheckObjects().size() && "not a built-in definition");
  return pathCheckObjects()[Index];
}

bool isPathCheck(const check::Check *C) {
  const std::vector<check::Check> &All = pathCheckObjects();
  return C && C >= All.data() && C < All.data() + All.size();
}

const Hop *AttackPath::entry() const {
  for (const Hop &H : Chain)
    if (!EntryId.empty() && H.ResourceId == EntryId)
      return &H;
  for (const Hop &H : Chain)
    if (!H.ResourceId.empty())
      return &H;
  return nullptr;
}

std::string chainText(const AttackPath &P) {
  std::string Out;
  for (const Hop &H : P.Chain) {
    if (!Out.empty())
      Out += " → ";
    Out += H.Label;
  }
  return Out;
}

namespace {

//===----------------------------------------------------------------------===//
// Three-valued steps
//===----------------------------------------------------------------------===//

/// Definite until a Possible step joins; the first reason is kept, later
/// ones appended, so the message lists what would decide the path.
struct Certain {
  Certainty State = Certainty::Definite;
  std::string Reason;

  Certain &operator+=(const Certain &Step) {
    if (Step.State == Certainty::Definite)
      return *this;
    State = Certainty::Possible;
    if (!Step.Reason.empty() && !llvm::StringRef(Reason).contains(Step.Reason))
      Reason += (Reason.empty() ? "" : "; ") + Step.Reason;
    return *this;
  }
};

Certain stepOf(Certainty S, const std::string &Reason) { return {S, Reason}; }

std::string quoted(const Resource &R) {
  return "'" + check::resourceLabel(R) + "'";
}

Hop anyoneHop(model::Origin Where) {
  return {"", "Anyone (anonymous callers and principals of any account)",
          Where};
}

/// A check's verdict on one resource, through its own binding: what makes
/// the readable_by and decryptable_by edges agree with the findings.
struct Verdict {
  Outcome Result = Outcome::NotApplicable;
  model::Origin Where;
  std::string Detail;
};

class Checks {
public:
  explicit Checks(llvm::ArrayRef<const check::Check *> Catalog)
      : Catalog(Catalog) {}

  /// Nullopt when the catalog lacks the check or it does not apply.
  std::optional<Verdict> run(llvm::StringRef Id, const model::DeploymentUnit &U,
                             const Resource &R) const {
    for (const check::Check *C : Catalog)
      if (C->Id == Id)
        for (const check::Binding &B : C->Bindings)
          if (applies(B, R))
            return judge(B, U, R);
    return std::nullopt;
  }

  bool unhealthy(llvm::StringRef Id, const model::DeploymentUnit &U,
                 const Resource &R) const {
    std::optional<Verdict> V = run(Id, U, R);
    return V && V->Result == Outcome::Unhealthy;
  }

private:
  llvm::ArrayRef<const check::Check *> Catalog;

  static bool applies(const check::Binding &B, const Resource &R) {
    if (B.TheFamily != check::familyOf(R.TheDialect) || !B.Evaluate)
      return false;
    return llvm::any_of(B.Types, [&](const std::string &T) {
      return check::isArmResource(R)
                 ? llvm::StringRef(T).equals_insensitive(R.Type)
                 : T == R.Type;
    });
  }

  static Verdict judge(const check::Binding &B, const model::DeploymentUnit &U,
                       const Resource &R) {
    check::Evaluation E = B.Evaluate(check::Subject{R, U});
    Verdict V{E.Result,
              E.Where && E.Where->origin().hasFile() ? E.Where->origin()
                                                     : R.Declaration,
              E.Detail};
    // As the engine does: a resource deployed only under an unknown
    // condition is unknown where it would be unhealthy.
    if (V.Result == Outcome::Unhealthy && R.Condition &&
        !R.Condition->is(model::ValueKind::Bool)) {
      V.Result = Outcome::Unknown;
      V.Detail = "it is deployed only under a condition that is unknown";
    }
    return V;
  }
};

/// The exposures of R that let Wanted ports through (any port when Wanted
/// is empty), definite ones first.
std::vector<const Exposure *> exposuresOn(const NetworkModel &N,
                                          const Resource &R,
                                          llvm::ArrayRef<int> Wanted = {}) {
  std::vector<const Exposure *> Out;
  for (const Exposure *E : N.exposuresOf(R.Id)) {
    bool Matches =
        Wanted.empty() || llvm::any_of(E->Ports, [&](const PortRange &P) {
          return P.any() || llvm::any_of(Wanted, [&](int Port) {
                   return P.First <= Port && Port <= P.Last &&
                          P.Protocol != "udp" && P.Protocol != "icmp";
                 });
        });
    if (Matches)
      Out.push_back(E);
  }
  std::stable_sort(Out.begin(), Out.end(),
                   [](const Exposure *A, const Exposure *B) {
                     return A->State == Certainty::Definite &&
                            B->State != Certainty::Definite;
                   });
  return Out;
}

std::string portsOf(const Exposure &E) {
  std::vector<std::string> Parts;
  for (const PortRange &P : E.Ports)
    Parts.push_back(P.str());
  return Parts.empty() ? "its public endpoint" : llvm::join(Parts, ", ");
}

std::string identityText(const Identity &Id) {
  if (Id.DefaultServiceAccount)
    return "the default compute service account";
  if (Id.SystemAssigned)
    return "its system-assigned identity";
  return "identity " + quoted(*Id.Principal);
}

class PathFinder {
public:
  PathFinder(const model::DeploymentUnit &U, const NetworkModel &N,
             llvm::ArrayRef<const check::Check *> Catalog)
      : U(U), N(N), C(Catalog) {}

  std::vector<AttackPath> run() {
    azureControlPlane();
    azureDataStores();
    azureDataPlane();
    awsInstances();
    awsBuckets();
    awsFunctions();
    googleInstances();
    sortByEntry();
    return std::move(Out);
  }

private:
  const model::DeploymentUnit &U;
  const NetworkModel &N;
  Checks C;
  std::vector<AttackPath> Out;

  void add(llvm::StringRef Id, const Resource &Entry, Level Severity,
           const Certain &State, std::vector<Hop> Chain, std::string Message) {
    AttackPath P;
    P.EntryId = Entry.Id;
    P.Definition = &definition(Id);
    P.Severity = Severity;
    P.State = State.State;
    P.Reason = State.Reason;
    P.Chain = std::move(Chain);
    P.Message = std::move(Message);
    if (P.State == Certainty::Possible)
      P.Message =
          "possible path: " + P.Message + " (unknown: " + P.Reason + ")";
    Out.push_back(std::move(P));
  }

  /// Exposure, identity and grant chains joined into one.
  static std::vector<Hop> join(const Exposure &E, const Identity &Id,
                               const Grant &G) {
    std::vector<Hop> Chain = E.Chain;
    Chain.insert(Chain.end(), Id.Chain.begin(), Id.Chain.end());
    Chain.insert(Chain.end(), G.Chain.begin(), G.Chain.end());
    return Chain;
  }

  //===--------------------------------------------------------------------===//
  // Azure
  //===--------------------------------------------------------------------===//

  void azureControlPlane() {
    static const llvm::StringRef Vms[] = {
        "Microsoft.Compute/virtualMachines",
        "Microsoft.Compute/virtualMachineScaleSets",
        "azurerm_linux_virtual_machine",
        "azurerm_windows_virtual_machine",
        "azurerm_virtual_machine",
        "azurerm_linux_virtual_machine_scale_set",
        "azurerm_windows_virtual_machine_scale_set"};
    static const llvm::StringRef OwnerLevel[] = {
        "Owner", "Contributor", "User Access Administrator",
        "Role Based Access Control Administrator", "an unknown role"};
    static const int Management[] = {22, 3389, 5985, 5986};
    for (const Resource *Vm : check::deployedOfType(U, Vms)) {
      std::vector<const Exposure *> Exposed = exposuresOn(N, *Vm, Management);
      if (Exposed.empty())
        continue;
      const Exposure &E = *Exposed.front();
      for (const Identity &Id : identitiesOf(U, *Vm))
        for (const Grant &G : grantsOf(U, Id)) {
          bool Broad = G.Scope == GrantScope::ResourceGroup ||
                       G.Scope == GrantScope::Subscription ||
                       G.Scope == GrantScope::ManagementGroup ||
                       G.Scope == GrantScope::Tenant ||
                       G.Scope == GrantScope::Unknown;
          if (G.Kind != PrivilegeKind::Role || !Broad ||
              !llvm::is_contained(OwnerLevel, G.Privilege))
            continue;
          Certain S = stepOf(E.State, E.Reason);
          S += stepOf(Id.State, Id.Reason);
          S += stepOf(G.State, G.Reason);
          add("AZ-PATH-001", *Vm, Level::Critical, S, join(E, Id, G),
              "the internet reaches VM " + quoted(*Vm) + " on " + portsOf(E) +
                  " and " + identityText(Id) + " holds " + G.Privilege +
                  (G.Scope == GrantScope::Unknown
                       ? " at a scope that is not known"
                       : " at " + grantScopeName(G.Scope).str() + " scope") +
                  ": close the port first, or remove the role assignment");
        }
    }
  }

  /// An Azure data store's exposes edge: the network model's, else the
  /// network check's verdict.
  std::optional<std::pair<std::vector<Hop>, Certain>>
  dataStoreExposure(const Resource &R, llvm::StringRef CheckId,
                    llvm::StringRef Noun) {
    std::vector<const Exposure *> Exposed = exposuresOn(N, R);
    if (!Exposed.empty())
      return std::make_pair(
          Exposed.front()->Chain,
          stepOf(Exposed.front()->State, Exposed.front()->Reason));
    std::optional<Verdict> V = C.run(CheckId, U, R);
    if (!V ||
        (V->Result != Outcome::Unhealthy && V->Result != Outcome::Unknown))
      return std::nullopt;
    std::vector<Hop> Chain{{"", "Internet", {}},
                           {R.Id,
                            Noun.str() + " " + quoted(R) +
                                " accepts traffic from any "
                                "network (" +
                                V->Detail + ")",
                            V->Where}};
    Certain S;
    if (V->Result == Outcome::Unknown)
      S = {Certainty::Possible, V->Detail};
    return std::make_pair(std::move(Chain), S);
  }

  /// `not exists private_endpoint_of(r)`: a step of its own, possible when
  /// a private endpoint's target cannot be resolved.
  std::optional<Certain> noPrivateEndpoint(const Resource &R) {
    check::Related Endpoints = check::privateEndpointsOf(U, R);
    if (!Endpoints.Resources.empty())
      return std::nullopt;
    if (Endpoints.Undecided)
      return Certain{Certainty::Possible,
                     "a private endpoint's target cannot be resolved"};
    return Certain{};
  }

  /// Anonymous blob read (AZ-STORAGE-003 on the account and AZ-STORAGE-004
  /// on one of its containers), or a usable Shared Key (AZ-STORAGE-007).
  std::optional<std::string> storageEscalation(const Resource &Sa) {
    static const llvm::StringRef Containers[] = {
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        "azurerm_storage_container"};
    if (C.unhealthy("AZ-STORAGE-003", U, Sa)) {
      // Once per account: linkedTo walks the unit.
      std::vector<const Resource *> TfContainers =
          check::linkedTo(U, Sa, {"azurerm_storage_container"},
                          {"storage_account_name", "storage_account_id"})
              .Resources;
      for (const Resource *Ct : check::deployedOfType(U, Containers)) {
        bool Ours = false;
        if (check::isArmResource(*Ct)) {
          const Resource *Service = check::armParentOf(U, *Ct);
          Ours = Service && check::armParentOf(U, *Service) == &Sa;
        } else {
          Ours = llvm::is_contained(TfContainers, Ct);
        }
        if (Ours && C.unhealthy("AZ-STORAGE-004", U, *Ct))
          return "container " + quoted(*Ct) + " is anonymously readable";
      }
    }
    if (C.unhealthy("AZ-STORAGE-007", U, Sa))
      return std::string("Shared Key authorization is enabled");
    return std::nullopt;
  }

  struct StoreSpec {
    llvm::StringLiteral PathId, CheckId, Noun;
    std::vector<llvm::StringRef> Types;
  };

  void azureDataStores() {
    static const StoreSpec Specs[] = {
        {"AZ-PATH-002",
         "AZ-STORAGE-005",
         "storage account",
         {"Microsoft.Storage/storageAccounts", "azurerm_storage_account"}},
        {"AZ-PATH-002a",
         "AZ-KV-003",
         "key vault",
         {"Microsoft.KeyVault/vaults", "azurerm_key_vault"}},
        {"AZ-PATH-002b",
         "AZ-COSMOS-001",
         "Cosmos DB account",
         {"Microsoft.DocumentDB/databaseAccounts", "azurerm_cosmosdb_account"}},
        {"AZ-PATH-002c",
         "AZ-DB-002",
         "database server",
         {"Microsoft.Sql/servers", "Microsoft.DBforPostgreSQL/flexibleServers",
          "Microsoft.DBforMySQL/flexibleServers", "azurerm_mssql_server",
          "azurerm_postgresql_flexible_server",
          "azurerm_mysql_flexible_server"}},
    };
    for (const StoreSpec &Spec : Specs)
      for (const Resource *R : check::deployedOfType(U, Spec.Types)) {
        auto Exposed = dataStoreExposure(*R, Spec.CheckId, Spec.Noun);
        if (!Exposed)
          continue;
        // An open firewall on a public server is a path whether or not a
        // private endpoint also reaches it.
        if (Spec.PathId == "AZ-PATH-002c")
          openFirewall(*R, Exposed->first, Exposed->second);
        std::optional<Certain> NoEndpoint = noPrivateEndpoint(*R);
        if (!NoEndpoint)
          continue;
        Certain S = Exposed->second;
        S += *NoEndpoint;
        std::string Message = Spec.Noun.str() + " " + quoted(*R) +
                              " is reachable from the internet and has no "
                              "private endpoint";
        Level Severity = definition(Spec.PathId).Severity;
        if (Spec.PathId == "AZ-PATH-002")
          if (std::optional<std::string> Worse = storageEscalation(*R)) {
            Severity = Level::Critical;
            Message += ", and " + *Worse;
          }
        add(Spec.PathId, *R, Severity, S, Exposed->first,
            Message + ": deny public network access or add a private "
                      "endpoint");
      }
  }

  /// AZ-PATH-002d: a firewall rule of an exposed server open to all.
  void openFirewall(const Resource &Server, const std::vector<Hop> &Exposure,
                    const Certain &Base) {
    static const llvm::StringRef Rules[] = {
        "Microsoft.Sql/servers/firewallRules",
        "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules",
        "Microsoft.DBforMySQL/flexibleServers/firewallRules",
        "azurerm_mssql_firewall_rule",
        "azurerm_postgresql_flexible_server_firewall_rule",
        "azurerm_mysql_flexible_server_firewall_rule"};
    for (const Resource *Rule : check::deployedOfType(U, Rules)) {
      const Resource *Owner =
          check::isArmResource(*Rule)
              ? check::armParentOf(U, *Rule)
              : check::resolveReference(
                    U, check::valueAt(Rule->Properties, "server_id", false))
                    .Resource;
      if (Owner != &Server)
        continue;
      std::optional<Verdict> V = C.run("AZ-DB-001", U, *Rule);
      if (!V ||
          (V->Result != Outcome::Unhealthy && V->Result != Outcome::Unknown))
        continue;
      Certain S = Base;
      if (V->Result == Outcome::Unknown)
        S += Certain{Certainty::Possible, V->Detail};
      std::vector<Hop> Chain = Exposure;
      Chain.insert(Chain.end() - 1,
                   {Rule->Id,
                    "firewall rule " + quoted(*Rule) + " " + V->Detail,
                    V->Where});
      add("AZ-PATH-002d", Server, Level::Critical, S, std::move(Chain),
          "database server " + quoted(Server) +
              " has public network access and its firewall rule " +
              quoted(*Rule) + " admits everyone (" + V->Detail +
              "): remove the rule or deny public network access");
    }
  }

  /// The data stores a data-plane grant reaches: its resource, or every
  /// store of the role's service in a broader scope.
  std::vector<const Resource *> dataTargets(const Grant &G) {
    bool Storage = llvm::StringRef(G.Privilege).startswith("Storage");
    std::vector<llvm::StringRef> Types =
        Storage ? std::vector<llvm::StringRef>{"Microsoft.Storage/"
                                               "storageAccounts",
                                               "azurerm_storage_account"}
                : std::vector<llvm::StringRef>{"Microsoft.KeyVault/vaults",
                                               "azurerm_key_vault"};
    if (G.Scope == GrantScope::Resource) {
      const Resource *T = G.Target;
      // A container or secret scope is inside the store.
      while (T && !check::hasType(*T, Types) && check::isArmResource(*T))
        T = check::armParentOf(U, *T);
      if (T && check::hasType(*T, Types))
        return {T};
      return {};
    }
    return check::deployedOfType(U, Types);
  }

  void azureDataPlane() {
    static const llvm::StringRef DataRoles[] = {
        "Storage Blob Data Reader",  "Storage Blob Data Contributor",
        "Storage Blob Data Owner",   "Key Vault Secrets User",
        "Key Vault Secrets Officer", "Key Vault Administrator"};
    for (const Resource *Vm : check::deployedOfType(U, azureComputeTypes())) {
      std::vector<const Exposure *> Exposed = exposuresOn(N, *Vm);
      if (Exposed.empty())
        continue;
      const Exposure &E = *Exposed.front();
      for (const Identity &Id : identitiesOf(U, *Vm))
        for (const Grant &G : grantsOf(U, Id)) {
          if (G.Kind != PrivilegeKind::Role ||
              !llvm::is_contained(DataRoles, G.Privilege))
            continue;
          for (const Resource *Store : dataTargets(G)) {
            Certain S = stepOf(E.State, E.Reason);
            S += stepOf(Id.State, Id.Reason);
            S += stepOf(G.State, G.Reason);
            std::vector<Hop> Chain = join(E, Id, G);
            Chain.push_back(stepAt(*Store, check::resourceNoun(*Store) + " " +
                                               quoted(*Store)));
            add("AZ-PATH-003", *Vm, Level::High, S, std::move(Chain),
                check::resourceNoun(*Vm) + " " + quoted(*Vm) +
                    " is reachable from the internet on " + portsOf(E) +
                    " and " + identityText(Id) + " holds " + G.Privilege +
                    " on " + quoted(*Store) +
                    ": close the port, or narrow the role");
          }
        }
    }
  }

  //===--------------------------------------------------------------------===//
  // AWS
  //===--------------------------------------------------------------------===//

  void awsInstances() {
    for (const Resource *Ec2 :
         check::deployedOfType(U, {"AWS::EC2::Instance", "aws_instance"})) {
      std::vector<const Exposure *> Exposed = exposuresOn(N, *Ec2);
      if (Exposed.empty())
        continue;
      const Exposure &E = *Exposed.front();
      for (const Identity &Id : identitiesOf(U, *Ec2))
        for (const Grant &G : grantsOf(U, Id)) {
          if (G.Kind != PrivilegeKind::Admin &&
              G.Kind != PrivilegeKind::Escalation)
            continue;
          Certain S = stepOf(E.State, E.Reason);
          S += stepOf(Id.State, Id.Reason);
          S += stepOf(G.State, G.Reason);
          add("AWS-PATH-001", *Ec2, Level::Critical, S, join(E, Id, G),
              "the internet reaches instance " + quoted(*Ec2) + " on " +
                  portsOf(E) + " and its role " + quoted(*Id.Principal) +
                  (G.Kind == PrivilegeKind::Admin
                       ? " may do anything in the account"
                       : " can escalate its own privileges") +
                  ": close the port first, or scope the role's policies");
          break; // One path per role: its strongest grant comes first.
        }
    }
  }

  /// readable_by(bucket → Anyone): a public ACL (AWS-S3-002) or policy
  /// (AWS-S3-003) that Block Public Access (AWS-S3-001) does not
  /// neutralize.
  std::optional<std::pair<Verdict, Certain>> publicRead(const Resource &B) {
    std::optional<Verdict> Public;
    Certain S;
    for (llvm::StringRef Id : {"AWS-S3-002", "AWS-S3-003"}) {
      std::optional<Verdict> V = C.run(Id, U, B);
      if (V && V->Result == Outcome::Unhealthy) {
        Public = V;
        S = {};
        break;
      }
      if (V && V->Result == Outcome::Unknown && !Public) {
        Public = V;
        S = {Certainty::Possible, V->Detail};
      }
    }
    if (!Public)
      return std::nullopt;
    std::optional<Verdict> Block = C.run("AWS-S3-001", U, B);
    if (Block && Block->Result == Outcome::Healthy)
      return std::nullopt;
    if (Block && Block->Result == Outcome::Unknown)
      S += Certain{Certainty::Possible,
                   "whether Block Public Access neutralizes it is unknown"};
    return std::make_pair(*Public, S);
  }

  /// encrypts(k → bucket): the KMS key of the bucket's default encryption,
  /// inline or from a separate encryption configuration resource.
  const model::Value *bucketKey(const Resource &B) {
    bool Tf = B.TheDialect == Dialect::Terraform;
    if (!Tf)
      for (const model::Value *Rule : check::elementsOf(check::valueAt(
               B.Properties,
               "BucketEncryption.ServerSideEncryptionConfiguration", false)))
        if (const model::Value *K = check::valueAt(
                *Rule, "ServerSideEncryptionByDefault.KMSMasterKeyID", false))
          return K;
    if (!Tf)
      return nullptr;
    static constexpr llvm::StringLiteral KeyPath =
        "rule.apply_server_side_encryption_by_default.kms_master_key_id";
    if (const model::Value *K = check::valueAt(
            B.Properties,
            ("server_side_encryption_configuration." + KeyPath).str(), false))
      return K;
    for (const Resource *Config :
         check::linkedTo(U, B,
                         {"aws_s3_bucket_server_side_encryption_configuration"},
                         {"bucket"})
             .Resources)
      if (const model::Value *K =
              check::valueAt(Config->Properties, KeyPath, false))
        return K;
    return nullptr;
  }

  void awsBuckets() {
    for (const Resource *B :
         check::deployedOfType(U, {"AWS::S3::Bucket", "aws_s3_bucket"})) {
      auto Read = publicRead(*B);
      if (!Read)
        continue;
      const auto &[Public, S] = *Read;
      std::vector<Hop> Chain{
          anyoneHop(Public.Where),
          {B->Id, "bucket " + quoted(*B) + ": " + Public.Detail, Public.Where}};
      const model::Value *Key = bucketKey(*B);
      std::string Base = "anyone can read bucket " + quoted(*B);
      if (!Key || Key->isNull()) {
        add("AWS-PATH-002", *B, Level::Critical, S, std::move(Chain),
            Base + " and its objects use SSE-S3, so even unsigned requests "
                   "succeed: remove the public grant or block public access");
        continue;
      }
      check::Target K = check::resolveReference(U, Key);
      std::optional<Verdict> KeyPolicy =
          K.Result == check::Target::State::Resolved
              ? C.run("AWS-KMS-002", U, *K.Resource)
              : std::nullopt;
      if (KeyPolicy && KeyPolicy->Result != Outcome::Healthy) {
        Certain Path = S;
        if (KeyPolicy->Result == Outcome::Unknown)
          Path += Certain{Certainty::Possible, KeyPolicy->Detail};
        Chain.push_back(
            {K.Resource->Id,
             "KMS key " + quoted(*K.Resource) + ": " + KeyPolicy->Detail,
             KeyPolicy->Where});
        add("AWS-PATH-002", *B, Level::Critical, Path, std::move(Chain),
            Base + " and key " + quoted(*K.Resource) +
                " lets any principal decrypt: remove the public grant, or "
                "restrict the key policy");
        continue;
      }
      Chain.push_back(
          K.Resource
              ? stepAt(*K.Resource,
                       "KMS key " + quoted(*K.Resource) + " (restricted)", Key)
              : stepAt(*B, "a customer KMS key", Key));
      add("AWS-PATH-002", *B, Level::High, S, std::move(Chain),
          Base + " (public bucket, key-protected: only principals the key "
                 "allows can decrypt): remove the public grant");
    }
  }

  /// readable_by(function → Anyone): a public resource policy
  /// (AWS-LAMBDA-001) or a function URL without IAM auth (AWS-LAMBDA-002).
  std::optional<std::pair<Hop, Certain>> publicInvoke(const Resource &F) {
    std::optional<Verdict> Policy = C.run("AWS-LAMBDA-001", U, F);
    if (Policy && Policy->Result == Outcome::Unhealthy)
      return std::make_pair(Hop{F.Id,
                                "function " + quoted(F) + ": " + Policy->Detail,
                                Policy->Where},
                            Certain{});
    std::optional<std::pair<Hop, Certain>> Undecided;
    if (Policy && Policy->Result == Outcome::Unknown)
      Undecided = std::make_pair(
          Hop{F.Id, "function " + quoted(F) + ": " + Policy->Detail,
              Policy->Where},
          Certain{Certainty::Possible, Policy->Detail});
    for (const Resource *Url :
         check::linkedTo(U, F, {"AWS::Lambda::Url", "aws_lambda_function_url"},
                         {"TargetFunctionArn", "function_name"})
             .Resources) {
      std::optional<Verdict> Auth = C.run("AWS-LAMBDA-002", U, *Url);
      if (!Auth)
        continue;
      Hop Step{Url->Id, "function URL " + quoted(*Url) + ": " + Auth->Detail,
               Auth->Where};
      if (Auth->Result == Outcome::Unhealthy)
        return std::make_pair(std::move(Step), Certain{});
      // An auth type from a parameter: the URL may be open.
      if (Auth->Result == Outcome::Unknown && !Undecided)
        Undecided = std::make_pair(std::move(Step),
                                   Certain{Certainty::Possible, Auth->Detail});
    }
    return Undecided;
  }

  void awsFunctions() {
    for (const Resource *F : check::deployedOfType(
             U, {"AWS::Lambda::Function", "aws_lambda_function",
                 "AWS::Serverless::Function"})) {
      auto Invoke = publicInvoke(*F);
      if (!Invoke)
        continue;
      for (const Identity &Id : identitiesOf(U, *F))
        for (const Grant &G : grantsOf(U, Id)) {
          if (G.Kind != PrivilegeKind::Data && G.Kind != PrivilegeKind::Admin)
            continue;
          Certain S = Invoke->second;
          S += stepOf(Id.State, Id.Reason);
          S += stepOf(G.State, G.Reason);
          std::vector<Hop> Chain{anyoneHop(Invoke->first.Where), Invoke->first};
          if (Invoke->first.ResourceId != F->Id)
            Chain.push_back(stepAt(*F, "function " + quoted(*F)));
          Chain.insert(Chain.end(), Id.Chain.begin(), Id.Chain.end());
          Chain.insert(Chain.end(), G.Chain.begin(), G.Chain.end());
          std::string What = G.Kind == PrivilegeKind::Admin
                                 ? "may do anything in the account"
                                 : "may " + G.Privilege;
          if (G.Target) {
            Chain.push_back(stepAt(*G.Target, check::resourceNoun(*G.Target) +
                                                  " " + quoted(*G.Target)));
            What += " on " + quoted(*G.Target);
          } else if (G.Kind == PrivilegeKind::Data) {
            What += " on every resource of its kind";
          }
          add("AWS-PATH-003", *F, Level::High, S, std::move(Chain),
              "anyone can invoke function " + quoted(*F) + " and its role " +
                  quoted(*Id.Principal) + " " + What +
                  ": require IAM authentication, or scope the role");
        }
    }
  }

  //===--------------------------------------------------------------------===//
  // Google
  //===--------------------------------------------------------------------===//

  void googleInstances() {
    for (const Resource *Vm :
         check::deployedOfType(U, {"google_compute_instance"})) {
      std::vector<const Exposure *> Exposed = exposuresOn(N, *Vm);
      if (Exposed.empty())
        continue;
      const Exposure &E = *Exposed.front();
      for (const Identity &Id : identitiesOf(U, *Vm))
        for (const Grant &G : grantsOf(U, Id)) {
          if (G.Privilege != "roles/owner" && G.Privilege != "roles/editor" &&
              G.Privilege != "an unknown role")
            continue;
          Certain S = stepOf(E.State, E.Reason);
          S += stepOf(Id.State, Id.Reason);
          S += stepOf(G.State, G.Reason);
          add("GCP-PATH-001", *Vm, Level::Critical, S, join(E, Id, G),
              "the internet reaches instance " + quoted(*Vm) + " on " +
                  portsOf(E) + " and " + identityText(Id) + " holds " +
                  G.Privilege +
                  " on the project: close the firewall rule, or run it as a "
                  "dedicated service account with narrow roles");
          break;
        }
    }
  }

  void sortByEntry() {
    llvm::StringMap<size_t> Order;
    for (const Resource &R : U.Graph.resources())
      Order.try_emplace(R.Id, Order.size());
    auto Rank = [&](const AttackPath &P) {
      const Hop *H = P.entry();
      return H ? Order.lookup(H->ResourceId) : 0;
    };
    std::stable_sort(Out.begin(), Out.end(),
                     [&](const AttackPath &A, const AttackPath &B) {
                       return std::make_pair(Rank(A), A.Definition->Id) <
                              std::make_pair(Rank(B), B.Definition->Id);
                     });
  }
};

} // namespace

std::vector<AttackPath>
findAttackPaths(const model::DeploymentUnit &U, const NetworkModel &Network,
                llvm::ArrayRef<const check::Check *> Catalog) {
  return PathFinder(U, Network, Catalog).run();
}

std::vector<AttackPath> findAttackPaths(const model::DeploymentUnit &U,
                                        const NetworkModel &Network) {
  return findAttackPaths(U, Network, {});
}

} // namespace rampart::exposure
