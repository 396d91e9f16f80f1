//===- Server.cpp - The language server: methods and scheduling -----------===//
#include "lsp/Server.h"

#include "lsp/Features.h"

#include "analyzer/report/Graph.h"
#include "analyzer/report/Json.h"
#include "analyzer/report/MapJson.h"
#include "analyzer/report/MapSvg.h"
#include "checks/Registry.h"

#include "llvm/ADT/StringMap.h"

namespace rampart::lsp {

namespace {

// JSON-RPC and LSP error codes.
constexpr int MethodNotFound = -32601, InvalidParams = -32602,
              InvalidRequest = -32600, InternalError = -32603,
              RequestCancelled = -32800;

// A client may cancel ids it never sent: past this many unmatched
// cancellations the oldest are forgotten, so memory stays bounded.
constexpr size_t MaxCancelledIds = 4096;

/// Thrown out of a request handler whose analysis the client cancelled.
struct Cancellation {};

/// A message's method, "" for a response (or a message without one).
std::string methodOf(const Json &Message) {
  auto It = Message.find("method");
  return It != Message.end() && It->is_string() ? It->get<std::string>() : "";
}

// window/logMessage types.
constexpr int LogError = 1, LogInfo = 3;

std::string pathOf(const Json &Params) {
  return uriToPath(Params["textDocument"].value("uri", ""));
}

} // namespace

Server::~Server() {
  {
    std::lock_guard<std::mutex> L(QueueLock);
    Stopping = true;
  }
  QueueChanged.notify_all();
  if (Worker.joinable())
    Worker.join();
}

Server::Server(Transport &T, bool Synchronous)
    : T(T), Synchronous(Synchronous), Worker([this] { work(); }) {}

int Server::run() {
  if (Synchronous) {
    while (receive()) {
    }
    dispatch();
  } else {
    std::thread Dispatcher([this] { dispatch(); });
    while (receive()) {
    }
    Dispatcher.join();
  }
  return ShutdownRequested ? 0 : 1;
}

bool Server::receive() {
  std::optional<llvm::Expected<Json>> Message = T.read();
  bool More = true;
  if (!Message) {
    More = false;
  } else if (!*Message) {
    log(LogError,
        "rampart: dropped a message: " + llvm::toString(Message->takeError()));
    return true;
  } else if (!(*Message)->is_object()) {
    log(LogError, "rampart: dropped a message that is not a JSON object");
    return true;
  } else if (methodOf(**Message) == "$/cancelRequest") {
    noteCancellation((*Message)->value("params", Json::object()));
    return true;
  } else {
    More = methodOf(**Message) != "exit";
  }
  {
    std::lock_guard<std::mutex> L(InboxLock);
    if (Message && *Message)
      Inbox.push_back(std::move(**Message));
    InputEnded = !More;
  }
  InboxChanged.notify_all();
  return More;
}

void Server::dispatch() {
  while (!Exited) {
    Json Message;
    {
      std::unique_lock<std::mutex> L(InboxLock);
      InboxChanged.wait(L, [&] { return !Inbox.empty() || InputEnded; });
      if (Inbox.empty())
        return;
      Message = std::move(Inbox.front());
      Inbox.pop_front();
    }
    handle(Message);
  }
}

void Server::noteCancellation(const Json &Params) {
  if (!Params.is_object() || !Params.contains("id"))
    return;
  std::lock_guard<std::mutex> L(InboxLock);
  if (CancelledIds.size() >= MaxCancelledIds)
    CancelledIds.erase(CancelledIds.begin());
  CancelledIds.insert(Params["id"].dump());
}

bool Server::cancelled(const std::string &Id) {
  std::lock_guard<std::mutex> L(InboxLock);
  return CancelledIds.count(Id) != 0;
}

void Server::handle(const Json &Message) {
  if (!Message.is_object())
    return;
  std::string Method = methodOf(Message);
  Json Params = Message.contains("params") ? Message["params"] : Json::object();
  if (Method.empty())
    return; // a response to a request of ours (client/registerCapability)
  if (Message.contains("id"))
    return request(Message["id"], Method, Params);
  notification(Method, Params);
  if (Synchronous)
    waitIdle();
}

void Server::request(const Json &Id, const std::string &Method,
                     const Json &Params) {
  static const llvm::StringMap<Handler> Requests = {
      {"initialize", &Server::initialize},
      {"shutdown", &Server::shutdown},
      {"textDocument/codeAction", &Server::codeAction},
      {"textDocument/hover", &Server::hover},
      {"textDocument/documentSymbol", &Server::documentSymbol},
      {"rampart/score", &Server::score},
      {"rampart/graph", &Server::graph},
      {"rampart/map", &Server::map},
  };
  Json Response = {{"jsonrpc", "2.0"}, {"id", Id}};
  Answering = Id.dump();
  auto It = Requests.find(Method);
  if (cancelled(Answering)) {
    Response["error"] = {{"code", RequestCancelled},
                         {"message", "cancelled by the client"}};
  } else if (It == Requests.end()) {
    Response["error"] = {{"code", MethodNotFound},
                         {"message", "unknown method " + Method}};
  } else if (ShutdownRequested && Method != "shutdown") {
    Response["error"] = {{"code", InvalidRequest},
                         {"message", "the server is shutting down"}};
  } else {
    try {
      Response["result"] = (this->*It->second)(Params);
    } catch (const Json::exception &E) {
      // Params of the wrong shape: the client hears of it, the server
      // goes on.
      Response["error"] = {{"code", InvalidParams}, {"message", E.what()}};
      log(LogError, "rampart: " + Method + ": " + E.what());
    } catch (const Cancellation &) {
      Response["error"] = {{"code", RequestCancelled},
                           {"message", "cancelled by the client"}};
    } catch (const std::exception &E) {
      // Out of memory on a hostile file, say: this request fails, the
      // server goes on.
      Response["error"] = {{"code", InternalError}, {"message", E.what()}};
      log(LogError, "rampart: " + Method + ": " + E.what());
    }
  }
  {
    std::lock_guard<std::mutex> L(InboxLock);
    CancelledIds.erase(Answering);
  }
  Answering.clear();
  T.write(Response);
}

void Server::notification(const std::string &Method, const Json &Params) {
  static const llvm::StringMap<NotificationHandler> Notifications = {
      {"initialized", &Server::initialized},
      {"textDocument/didOpen", &Server::didOpen},
      {"textDocument/didChange", &Server::didChange},
      {"textDocument/didClose", &Server::didClose},
      {"textDocument/didSave", &Server::didSave},
      {"workspace/didChangeWatchedFiles", &Server::didChangeWatchedFiles},
      {"workspace/didChangeWorkspaceFolders", &Server::ignore},
      {"workspace/didChangeConfiguration", &Server::didChangeConfiguration},
      // The reader notes these as they arrive; here for tests that drive
      // handle() directly.
      {"$/cancelRequest", &Server::noteCancellation},
      {"$/setTrace", &Server::ignore},
      {"exit", &Server::exit},
  };
  auto It = Notifications.find(Method);
  if (It == Notifications.end())
    return; // unknown notifications are ignored, as the protocol asks
  try {
    (this->*It->second)(Params);
  } catch (const std::exception &E) {
    log(LogError, "rampart: " + Method + ": " + E.what());
  }
}

Json Server::initialize(const Json &Params) {
  if (Params.contains("initializationOptions"))
    WS.configure(settingsFrom(Params["initializationOptions"]));
  const Json &Caps = Params.value("capabilities", Json::object());
  WatchedFilesDynamic = Caps.value(
      "/workspace/didChangeWatchedFiles/dynamicRegistration"_json_pointer,
      false);
  return {{"capabilities",
           {{"positionEncoding", "utf-16"},
            {"textDocumentSync",
             {{"openClose", true},
              {"change", 2},
              {"save", {{"includeText", false}}}}},
            {"codeActionProvider",
             {{"codeActionKinds",
               Json::array({"quickfix", "source.fixAll.rampart"})}}},
            {"hoverProvider", true},
            {"documentSymbolProvider", true},
            {"workspace",
             {{"workspaceFolders",
               {{"supported", true}, {"changeNotifications", true}}}}}}},
          {"serverInfo", {{"name", "rampart"}, {"version", RAMPART_VERSION}}}};
}

Json Server::shutdown(const Json &) {
  ShutdownRequested = true;
  return nullptr;
}

void Server::exit(const Json &) { Exited = true; }

void Server::initialized(const Json &) {
  if (!WatchedFilesDynamic)
    return;
  Json Watchers = Json::array();
  for (const char *Glob :
       {"**/*.tfvars", "**/*.tfvars.json", "**/*.parameters.json",
        "**/*.bicepparam", "**/.rampart.yaml", "**/*.tf"})
    Watchers.push_back({{"globPattern", Glob}});
  T.write(
      {{"jsonrpc", "2.0"},
       {"id", "rampart-" + std::to_string(NextRequestId++)},
       {"method", "client/registerCapability"},
       {"params",
        {{"registrations",
          Json::array({{{"id", "rampart-watched-files"},
                        {"method", "workspace/didChangeWatchedFiles"},
                        {"registerOptions", {{"watchers", Watchers}}}}})}}}});
}

void Server::didOpen(const Json &Params) {
  std::string Path = pathOf(Params);
  if (Path.empty())
    return;
  WS.open(Path, Params["textDocument"].value("text", ""),
          Params["textDocument"].value("version", 0));
  scheduleFor(Path);
}

void Server::didChange(const Json &Params) {
  std::string Path = pathOf(Params);
  auto Current = WS.document(Path);
  if (!Current)
    return;
  std::string Text = Current->first;
  for (const Json &Change : Params["contentChanges"])
    Text = applyContentChange(Path, Text, Change);
  WS.change(Path, std::move(Text), Params["textDocument"].value("version", 0));
  scheduleFor(Path);
}

void Server::didClose(const Json &Params) {
  std::string Path = pathOf(Params);
  WS.close(Path);
  T.write(
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/publishDiagnostics"},
       {"params", {{"uri", pathToUri(Path)}, {"diagnostics", Json::array()}}}});
  // The disk's text replaces the buffer for the files analysed with it.
  scheduleFor(Path);
}

void Server::didSave(const Json &Params) { scheduleFor(pathOf(Params)); }

void Server::didChangeWatchedFiles(const Json &) {
  // A variable file, a parameter file or a config may change any open
  // document's outcome.
  std::set<std::string> Scopes;
  for (const std::string &Path : WS.openPaths())
    Scopes.insert(Workspace::scopeOf(Path));
  for (const std::string &S : Scopes)
    schedule(S);
}

void Server::didChangeConfiguration(const Json &Params) {
  const Json &Settings = Params.value("settings", Json::object());
  if (!Settings.is_object() || !Settings.contains("rampart"))
    return;
  WS.configure(settingsFrom(Settings["rampart"]));
  didChangeWatchedFiles(Params); // every open document again
}

std::shared_ptr<Snapshot> Server::snapshotOf(const std::string &Path) {
  if (std::shared_ptr<Snapshot> S = WS.snapshotFor(Path))
    return S;
  // The request's own first analysis: the client may cancel it meanwhile.
  std::shared_ptr<Snapshot> S =
      WS.analyze(Workspace::scopeOf(Path),
                 [this, Id = Answering] { return cancelled(Id); });
  if (S->Result->Cancelled)
    throw Cancellation{};
  WS.remember(S);
  return S;
}

Json Server::codeAction(const Json &Params) {
  std::string Path = pathOf(Params);
  return codeActionsFor(WS.snapshotFor(Path).get(), Path, Params);
}

Json Server::hover(const Json &Params) {
  std::string Path = pathOf(Params);
  return hoverAt(*snapshotOf(Path), Path, Params["position"]);
}

Json Server::documentSymbol(const Json &Params) {
  std::string Path = pathOf(Params);
  return symbolsOf(*snapshotOf(Path), Path);
}

Json Server::score(const Json &Params) {
  std::string Path = uriToPath(Params.value("uri", ""));
  if (Path.empty()) {
    std::vector<std::string> Open = WS.openPaths();
    if (Open.empty())
      return nullptr;
    Path = Open.front();
  }
  return report::scoreToJson(snapshotOf(Path)->Result->Report.Score);
}

Json Server::graph(const Json &Params) {
  std::string Path = uriToPath(Params.value("uri", ""));
  if (Path.empty())
    return nullptr;
  return report::unitsToJson(snapshotOf(Path)->Result->Units);
}

/// `rampart/map`: the network maps of the document's scope, as `rampart
/// map` draws them (svg) and lists them (units, its JSON's).
Json Server::map(const Json &Params) {
  std::string Path = uriToPath(Params.value("uri", ""));
  if (Path.empty())
    return nullptr;
  // The maps point into the snapshot's units: it stays alive until they
  // are written.
  std::shared_ptr<Snapshot> S = snapshotOf(Path);
  std::vector<report::UnitMap> Maps =
      report::buildMaps(S->Result->Units, checks::builtinChecks());
  return {{"svg", report::mapsToSvg(Maps)},
          {"units", report::mapsToJson(Maps)["units"]}};
}

void Server::schedule(const std::string &Scope) {
  {
    std::lock_guard<std::mutex> L(QueueLock);
    EditedAt[Scope] = std::chrono::steady_clock::now();
    if (std::find(Queue.begin(), Queue.end(), Scope) == Queue.end())
      Queue.push_back(Scope);
  }
  QueueChanged.notify_all();
}

void Server::scheduleFor(const std::string &Path) {
  schedule(Workspace::scopeOf(Path));
  // A module's findings depend on what its open callers pass in.
  for (const std::string &Caller : WS.callerScopesOf(Path))
    schedule(Caller);
}

bool Server::debounce(const std::string &Scope) {
  auto Quiet = std::chrono::milliseconds(WS.settings().DebounceMs);
  if (Quiet.count() == 0)
    return true;
  std::unique_lock<std::mutex> L(QueueLock);
  for (;;) {
    if (Stopping)
      return false;
    // An edit while waiting re-queued the scope: this run reads it anyway.
    Queue.erase(std::remove(Queue.begin(), Queue.end(), Scope), Queue.end());
    auto Due = EditedAt[Scope] + Quiet;
    if (std::chrono::steady_clock::now() >= Due)
      return true;
    QueueChanged.wait_until(L, Due);
  }
}

void Server::work() {
  for (;;) {
    std::string Scope;
    {
      std::unique_lock<std::mutex> L(QueueLock);
      Busy = false;
      QueueChanged.notify_all();
      QueueChanged.wait(L, [&] { return Stopping || !Queue.empty(); });
      if (Stopping)
        return;
      Scope = Queue.front();
      Queue.pop_front();
      Busy = true;
    }
    if (!debounce(Scope))
      return;
    // Its last document was closed (a caller or a module): nothing to show,
    // and a closed caller must not give its modules inputs any more.
    if (!WS.hasOpenDocumentIn(Scope)) {
      // The open modules it read lose what it found in them.
      if (std::shared_ptr<Snapshot> Gone = WS.forget(Scope))
        publish(*Gone);
      continue;
    }
    // An edit during the analysis queues the scope again: the newer run
    // publishes, this one would show stale positions, so it stops early.
    std::shared_ptr<Snapshot> S;
    try {
      S = WS.analyze(Scope, [this, Scope] {
        std::lock_guard<std::mutex> L(QueueLock);
        return Stopping ||
               std::find(Queue.begin(), Queue.end(), Scope) != Queue.end();
      });
    } catch (const std::exception &E) {
      log(LogError, "rampart: analysing " + Scope + ": " + E.what());
      // Its last analysis is stale now and would hold back the publishing
      // of the modules it read (publish waits for callers to catch up).
      if (std::shared_ptr<Snapshot> Gone = WS.forget(Scope))
        publish(*Gone);
      continue;
    }
    if (S->Result->Cancelled || WS.superseded(*S))
      continue;
    std::shared_ptr<Snapshot> Previous = WS.remember(S);
    publish(*S, Previous.get());
  }
}

void Server::waitIdle() {
  std::unique_lock<std::mutex> L(QueueLock);
  QueueChanged.wait(L, [&] { return Queue.empty() && !Busy; });
}

void Server::publish(const Snapshot &S, const Snapshot *Previous) {
  for (const std::string &Path : WS.openPaths()) {
    // Its own scope's documents, and the modules it called (or called
    // before: a removed module block takes its findings away) that are open.
    if (Workspace::scopeOf(Path) != S.Scope && !S.file(Path) &&
        !(Previous && Previous->file(Path)))
      continue;
    Workspace::Readers R = WS.snapshotsReading(Path);
    // Edited again since, or a caller has yet to catch up with the edit: the
    // run already queued publishes it.
    if (R.Snapshots.empty() || R.Stale)
      continue;
    std::vector<std::string> Diagnostics = diagnosticsOf(R, Path);
    std::string Body;
    llvm::raw_string_ostream OS(Body);
    OS.SetBuffered(); // it starts unbuffered: a call per small write
    llvm::json::OStream J(OS);
    J.object([&] {
      J.attribute("jsonrpc", "2.0");
      J.attribute("method", "textDocument/publishDiagnostics");
      J.attributeObject("params", [&] {
        J.attribute("uri", jsonText(pathToUri(Path)));
        if (R.Version)
          J.attribute("version", *R.Version);
        J.attributeArray("diagnostics", [&] {
          for (const std::string &D : Diagnostics)
            J.rawValue(D);
        });
      });
    });
    OS.flush();
    T.writeText(Body);
  }
}

std::vector<std::string> Server::diagnosticsOf(const Workspace::Readers &R,
                                               const std::string &Path) const {
  if (R.Snapshots.size() == 1)
    return diagnosticTexts(*R.Snapshots.front(), Path);
  // Two callers passing the same values find the same things.
  std::vector<std::string> Out;
  std::set<std::string> Seen;
  for (const std::shared_ptr<Snapshot> &S : R.Snapshots)
    for (std::string &D : diagnosticTexts(*S, Path))
      if (Seen.insert(D).second)
        Out.push_back(std::move(D));
  return Out;
}

void Server::log(int Type, const std::string &Message) {
  T.write({{"jsonrpc", "2.0"},
           {"method", "window/logMessage"},
           {"params", {{"type", Type}, {"message", Message}}}});
}

} // namespace rampart::lsp
