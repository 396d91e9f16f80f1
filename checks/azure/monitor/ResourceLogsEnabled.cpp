//===- ResourceLogsEnabled.cpp - AZ-MON-001 -------------------------------===//
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Engine.h"
#include "analyzer/check/Environment.h"
#include "analyzer/check/Predicates.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

/// How one dialect spells a diagnostic setting.
struct Spelling {
  /// Log lists, each with whether a missing `enabled` means enabled
  /// (azurerm's `enabled_log` has no such attribute, its 3.x `log` block
  /// defaults to true; ARM requires the property).
  std::vector<std::pair<std::string, bool>> LogLists;
  std::string Enabled, Category, CategoryGroup;
  std::vector<std::string> Destinations;
  bool Arm;
};

const Spelling &armSpelling() {
  static const Spelling S{{{"properties.logs", false}},
                          "enabled",
                          "category",
                          "categoryGroup",
                          {"properties.workspaceId",
                           "properties.storageAccountId",
                           "properties.eventHubAuthorizationRuleId",
                           "properties.marketplacePartnerId"},
                          true};
  return S;
}

const Spelling &terraformSpelling() {
  static const Spelling S{{{"enabled_log", true}, {"log", true}},
                          "enabled",
                          "category",
                          "category_group",
                          {"log_analytics_workspace_id", "storage_account_id",
                           "eventhub_authorization_rule_id",
                           "partner_solution_id"},
                          false};
  return S;
}

/// Set and, for a string, not empty (templates pass '' for "none").
Match isSetNonEmpty(const Value *V) {
  if (V && V->is(model::ValueKind::String))
    return {fromBool(!V->asString().empty()), V, {}};
  return isConfigured(V);
}

const Value *member(const Value &Object, llvm::StringRef Key, bool Arm) {
  return Arm ? Object.getInsensitive(Key) : Object.get(Key);
}

/// One log entry collects a category or category group. Where is the
/// entry, or the value that could not be judged.
Match entryEnabled(const Value &Entry, const Spelling &Sp,
                   bool EnabledByDefault) {
  if (!Entry.is(model::ValueKind::Object))
    return {Truth::Unknown, &Entry, {}};
  Match On{fromBool(EnabledByDefault), &Entry, {}};
  if (const Value *E = member(Entry, Sp.Enabled, Sp.Arm); E && !E->isNull())
    On = valueEquals(*E, Value::boolean(true));
  Match Category = isSetNonEmpty(member(Entry, Sp.Category, Sp.Arm));
  Match Group = isSetNonEmpty(member(Entry, Sp.CategoryGroup, Sp.Arm));
  Truth Collects = truthAnd(On.T, truthOr(Category.T, Group.T));
  const Value *Where = &Entry;
  if (Collects == Truth::False && On.isFalse() && On.Where)
    Where = On.Where; // `enabled: false`
  if (Collects == Truth::Unknown)
    for (const Match *M : {&On, &Category, &Group})
      if (M->isUnknown()) {
        Where = M->Where;
        break;
      }
  return {Collects, Where, {}};
}

/// Some log entry collects: Where is the first that does, else the first
/// that cannot be judged, else the first that does not, else the first
/// list.
Match logsEnabled(const Resource &Setting, const Spelling &Sp) {
  Truth Any = Truth::False;
  const Value *TrueAt = nullptr, *UnknownAt = nullptr, *FalseAt = nullptr,
              *ListAt = nullptr;
  for (const auto &[List, ByDefault] : Sp.LogLists) {
    Lookup L = lookupPath(Setting.Properties, List, Sp.Arm);
    if (L.Result == Lookup::State::Missing)
      continue;
    if (!ListAt)
      ListAt = L.Value;
    std::vector<const Value *> Entries;
    if (L.Value->is(model::ValueKind::Array))
      for (const Value &E : L.Value->items())
        Entries.push_back(&E);
    else
      Entries.push_back(L.Value);
    for (const Value *E : Entries) {
      Match M = entryEnabled(*E, Sp, ByDefault);
      if (M.isTrue() && !TrueAt)
        TrueAt = M.Where;
      if (M.isUnknown() && !UnknownAt)
        UnknownAt = M.Where;
      if (M.isFalse() && !FalseAt)
        FalseAt = M.Where;
      Any = truthOr(Any, M.T);
    }
  }
  const Value *Where = TrueAt      ? TrueAt
                       : UnknownAt ? UnknownAt
                       : FalseAt   ? FalseAt
                                   : ListAt;
  return {Any, Where, {}};
}

Match hasDestination(const Resource &Setting, const Spelling &Sp) {
  Truth Any = Truth::False;
  const Value *Where = nullptr;
  for (const std::string &Path : Sp.Destinations) {
    Lookup L = lookupPath(Setting.Properties, Path, Sp.Arm);
    Match M =
        isSetNonEmpty(L.Result == Lookup::State::Missing ? nullptr : L.Value);
    if (M.T == Truth::Unknown && !Where)
      Where = M.Where;
    Any = truthOr(Any, M.T);
  }
  return {Any, Where, {}};
}

Evaluation judgeSetting(const Resource &Setting, const Spelling &Sp) {
  std::string Name = "diagnostic setting '" + resourceLabel(Setting) + "'";
  Match Logs = logsEnabled(Setting, Sp);
  if (Logs.isFalse())
    return {Outcome::Unhealthy,
            Logs.Where,
            {},
            Name + " enables no log category or category group"};
  Match Sent = hasDestination(Setting, Sp);
  if (Sent.isFalse())
    return {Outcome::Unhealthy,
            nullptr,
            {},
            Name + " has no destination (workspace, storage account, event "
                   "hub or partner solution)"};
  if (Logs.isTrue() && Sent.isTrue())
    return Evaluation::healthy();
  return {Outcome::Unknown,
          Logs.isUnknown() ? Logs.Where : Sent.Where,
          {},
          "whether " + Name + " sends resource logs is unknown"};
}

// Deploy-if-not-exists policies at scope also satisfy the catalog when the
// `environment:` section of .rampart.yaml declares them
// (`azure: {resource_logs_by_policy: true}`).
Evaluation logsSent(const Subject &S) {
  bool Arm = S.Resource.TheDialect == Dialect::Arm ||
             S.Resource.TheDialect == Dialect::Bicep;
  const Spelling &Sp = Arm ? armSpelling() : terraformSpelling();
  Related Settings = diagSettingsOf(S.Unit, S.Resource);
  std::vector<Evaluation> Es;
  for (const Resource *Setting : Settings.Resources)
    Es.push_back(judgeSetting(*Setting, Sp));
  if (Settings.Undecided)
    Es.push_back({Outcome::Unknown,
                  Settings.Undecided,
                  {},
                  "a diagnostic setting may target this resource, but the "
                  "resource it targets is unknown"});
  if (Es.empty() && environmentSays(S.Unit, "azure.resource_logs_by_policy"))
    return Evaluation::healthy();
  if (Es.empty())
    return {Outcome::Unhealthy,
            nullptr,
            {},
            "no diagnostic setting sends its resource logs anywhere"};
  return azure::anyHealthy(std::move(Es));
}

} // namespace

const Check &monitorResourceLogsEnabled() {
  static const Check C =
      CheckBuilder("AZ-MON-001", __FILE__)
          .title("Key services should send their resource logs to a "
                 "diagnostic destination")
          .severity(Level::Low)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-3")
          .compliance("CIS-Azure", "5.4")
          .why("Without resource logs there is no record of who read a "
               "secret or sent a message.")
          .remediation("Add a diagnostic setting per resource that sends "
                       "allLogs (or audit) to a workspace, storage account or "
                       "event hub, or deploy the built-in \"deploy if not "
                       "exists\" policies at scope")
          .reference("Policy: Resource logs in Key Vault should be enabled")
          .reference("Policy: Resource logs in Event Hub / Service Bus / "
                     "Logic Apps / Batch accounts / Search services / Azure "
                     "Data Lake Store / Azure Stream Analytics / IoT Hub "
                     "should be enabled")
          .reference("Policy: App Service apps should have resource logs "
                     "enabled")
          .onArm({"Microsoft.KeyVault/vaults", "Microsoft.EventHub/namespaces",
                  "Microsoft.ServiceBus/namespaces",
                  "Microsoft.Logic/workflows", "Microsoft.Batch/batchAccounts",
                  "Microsoft.Search/searchServices",
                  "Microsoft.DataLakeStore/accounts",
                  "Microsoft.StreamAnalytics/streamingjobs",
                  "Microsoft.Devices/IotHubs", "Microsoft.Web/sites"},
                 logsSent)
          .onTerraform("azurerm",
                       {"azurerm_key_vault", "azurerm_eventhub_namespace",
                        "azurerm_servicebus_namespace",
                        "azurerm_logic_app_workflow", "azurerm_batch_account",
                        "azurerm_search_service", "azurerm_data_lake_store",
                        "azurerm_stream_analytics_job", "azurerm_iothub",
                        "azurerm_linux_web_app", "azurerm_windows_web_app",
                        "azurerm_linux_function_app",
                        "azurerm_windows_function_app"},
                       logsSent)
          // No automated fix: the fix is a new diagnostic setting resource,
          // with a destination only the user knows.
          .build();
  return C;
}

} // namespace rampart::checks
