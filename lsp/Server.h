//===- Server.h - The language server: methods and scheduling --*- C++ -*-===//
//
// `rampart lsp`: LSP 3.17 over a Transport. The main thread reads messages
// and answers requests from the latest analyses; a worker thread analyses
// the scopes that edits touched, one at a time, and publishes their
// diagnostics. An analysis whose documents changed while it ran is dropped
// unpublished (the change queued a newer one): superseded versions are
// cancelled instead of shown late. Nothing a client sends ends the server
// but `exit`: malformed messages and failing requests are logged to the
// client and answered with errors.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_LSP_SERVER_H
#define RAMPART_LSP_SERVER_H

#include "lsp/Protocol.h"
#include "lsp/Transport.h"
#include "lsp/Workspace.h"

#include <condition_variable>
#include <deque>
#include <thread>

namespace rampart::lsp {

class Server {
public:
  /// Synchronous: each notification's analyses are published before the
  /// next message is read (transcript tests need a fixed order).
  explicit Server(Transport &T, bool Synchronous = false);
  ~Server();

  /// Serves until `exit` or the end of input: 0 after a shutdown request,
  /// 1 otherwise (as the protocol asks).
  int run();

  /// Handles one message (for tests driving the server directly).
  void handle(const Json &Message);
  /// Waits until every scheduled analysis is done and published.
  void waitIdle();

private:
  using Handler = Json (Server::*)(const Json &Params);
  using NotificationHandler = void (Server::*)(const Json &Params);

  void request(const Json &Id, const std::string &Method, const Json &Params);
  void notification(const std::string &Method, const Json &Params);

  Json initialize(const Json &Params);
  Json shutdown(const Json &Params);
  Json codeAction(const Json &Params);
  Json hover(const Json &Params);
  Json documentSymbol(const Json &Params);
  Json score(const Json &Params);
  Json graph(const Json &Params);

  void initialized(const Json &Params);
  void didOpen(const Json &Params);
  void didChange(const Json &Params);
  void didClose(const Json &Params);
  void didSave(const Json &Params);
  void didChangeWatchedFiles(const Json &Params);
  void didChangeConfiguration(const Json &Params);
  void exit(const Json &Params);
  void ignore(const Json &) {}

  void schedule(const std::string &Scope);
  void work();
  void publish(const Snapshot &S);
  Json diagnosticsOf(const Snapshot &S, const std::string &Path) const;
  void log(int Type, const std::string &Message);
  /// The latest analysis of a document's scope, analysing it now if there
  /// is none yet.
  std::shared_ptr<Snapshot> snapshotOf(const std::string &Path);

  Transport &T;
  bool Synchronous;
  Workspace WS;
  bool ShutdownRequested = false;
  bool Exited = false;
  bool WatchedFilesDynamic = false;
  int NextRequestId = 1;

  std::mutex QueueLock;
  std::condition_variable QueueChanged;
  std::deque<std::string> Queue;
  bool Busy = false;
  bool Stopping = false;
  std::thread Worker;
};

} // namespace rampart::lsp

#endif
