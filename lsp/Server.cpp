//===- Server.cpp - The language server: methods and scheduling -----------===//
#include "lsp/Server.h"

#include "lsp/Features.h"

#include "analyzer/report/Graph.h"
#include "analyzer/report/Json.h"

#include "llvm/ADT/StringMap.h"

namespace rampart::lsp {

namespace {

// JSON-RPC error codes.
constexpr int MethodNotFound = -32601, InvalidParams = -32602,
              InvalidRequest = -32600, ServerNotInitialized = -32002;

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
  while (!Exited) {
    std::optional<llvm::Expected<Json>> Message = T.read();
    if (!Message)
      break;
    if (!*Message) {
      log(LogError, "rampart: dropped a message: " +
                        llvm::toString(Message->takeError()));
      continue;
    }
    handle(**Message);
  }
  return ShutdownRequested ? 0 : 1;
}

void Server::handle(const Json &Message) {
  std::string Method = Message.value("method", "");
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
  };
  Json Response = {{"jsonrpc", "2.0"}, {"id", Id}};
  auto It = Requests.find(Method);
  if (It == Requests.end()) {
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
    }
  }
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
      // Requests are answered as they arrive, so there is nothing left to
      // cancel by the time a cancellation is read.
      {"$/cancelRequest", &Server::ignore},
      {"$/setTrace", &Server::ignore},
      {"exit", &Server::exit},
  };
  auto It = Notifications.find(Method);
  if (It == Notifications.end())
    return; // unknown notifications are ignored, as the protocol asks
  try {
    (this->*It->second)(Params);
  } catch (const Json::exception &E) {
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
  schedule(Workspace::scopeOf(Path));
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
  schedule(Workspace::scopeOf(Path));
}

void Server::didClose(const Json &Params) {
  std::string Path = pathOf(Params);
  WS.close(Path);
  T.write(
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/publishDiagnostics"},
       {"params", {{"uri", pathToUri(Path)}, {"diagnostics", Json::array()}}}});
  // The disk's text replaces the buffer for the files analysed with it.
  schedule(Workspace::scopeOf(Path));
}

void Server::didSave(const Json &Params) {
  schedule(Workspace::scopeOf(pathOf(Params)));
}

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
  std::shared_ptr<Snapshot> S = WS.analyze(Workspace::scopeOf(Path));
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

void Server::schedule(const std::string &Scope) {
  {
    std::lock_guard<std::mutex> L(QueueLock);
    if (std::find(Queue.begin(), Queue.end(), Scope) == Queue.end())
      Queue.push_back(Scope);
  }
  QueueChanged.notify_all();
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
    std::shared_ptr<Snapshot> S = WS.analyze(Scope);
    // An edit during the analysis queued the scope again: the newer run
    // publishes, this one would show stale positions.
    if (WS.superseded(*S))
      continue;
    WS.remember(S);
    publish(*S);
  }
}

void Server::waitIdle() {
  std::unique_lock<std::mutex> L(QueueLock);
  QueueChanged.wait(L, [&] { return Queue.empty() && !Busy; });
}

void Server::publish(const Snapshot &S) {
  for (const std::string &Path : WS.openPaths()) {
    if (Workspace::scopeOf(Path) != S.Scope)
      continue;
    auto Version = S.Versions.find(Path);
    Json Params = {{"uri", pathToUri(Path)},
                   {"diagnostics", diagnosticsFor(S, Path)}};
    if (Version != S.Versions.end())
      Params["version"] = Version->second;
    T.write({{"jsonrpc", "2.0"},
             {"method", "textDocument/publishDiagnostics"},
             {"params", std::move(Params)}});
  }
}

void Server::log(int Type, const std::string &Message) {
  T.write({{"jsonrpc", "2.0"},
           {"method", "window/logMessage"},
           {"params", {{"type", Type}, {"message", Message}}}});
}

} // namespace rampart::lsp
