//===- Server.h - The language server: methods and scheduling --*- C++ -*-===//
//
// `rampart lsp`: LSP 3.17 over a Transport. Three threads:
// - the reader takes messages off the transport and notes cancellations
//   (`$/cancelRequest`) as they arrive, so a request still queued, or
//   running its first analysis, can be cancelled;
// - the dispatcher handles messages in order and answers requests from
//   the latest analyses;
// - a worker analyses the scopes that edits touched, one at a time, and
//   publishes their diagnostics. A newer edit of the same scope cancels the
//   running analysis at its next phase, and an analysis whose documents
//   changed while it ran is dropped unpublished: superseded versions are
//   never shown late.
// Nothing a client sends ends the server but `exit`: malformed messages and
// failing requests are logged to the client and answered with errors.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_LSP_SERVER_H
#define RAMPART_LSP_SERVER_H

#include "lsp/Protocol.h"
#include "lsp/Transport.h"
#include "lsp/Workspace.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <thread>

namespace rampart::lsp {

class Server {
public:
  /// Synchronous: each notification's analyses are published before the
  /// next message is handled, and the whole input is read before the first
  /// is (transcript tests need a fixed order; a recorded cancellation then
  /// always reaches its request first).
  explicit Server(Transport &T, bool Synchronous = false);
  ~Server();

  /// Serves until `exit` or the end of input: 0 after a shutdown request,
  /// 1 otherwise (as the protocol asks).
  int run();

  /// Handles one message (for tests driving the server directly); a
  /// `$/cancelRequest` cancels the request with that id if it comes later.
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
  Json map(const Json &Params);

  void initialized(const Json &Params);
  void didOpen(const Json &Params);
  void didChange(const Json &Params);
  void didClose(const Json &Params);
  void didSave(const Json &Params);
  void didChangeWatchedFiles(const Json &Params);
  void didChangeConfiguration(const Json &Params);
  void exit(const Json &Params);
  void ignore(const Json &) {}

  /// Takes one message off the transport: a cancellation is noted at once,
  /// anything else is queued for the dispatcher. False at the end of input
  /// or after `exit`.
  bool receive();
  void dispatch();
  void noteCancellation(const Json &Params);
  /// Whether the client cancelled the request with this id (its JSON text).
  bool cancelled(const std::string &Id);

  void schedule(const std::string &Scope);
  /// The scope of Path and the open callers that read it.
  void scheduleFor(const std::string &Path);
  void work();
  /// Waits out the debounce of Scope; false when the server is stopping.
  bool debounce(const std::string &Scope);
  /// Publishes what S changes: its scope's open documents, and the open
  /// modules S or Previous (its scope's snapshot before) read.
  void publish(const Snapshot &S, const Snapshot *Previous = nullptr);
  /// Path's diagnostics from every analysis that read it (its own scope's
  /// and its callers'), without repeats.
  std::vector<std::string> diagnosticsOf(const Workspace::Readers &R,
                                         const std::string &Path) const;
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

  std::mutex InboxLock;
  std::condition_variable InboxChanged;
  std::deque<Json> Inbox;
  bool InputEnded = false;
  /// Ids (as JSON text) of requests cancelled before they were answered.
  std::set<std::string> CancelledIds;
  /// The request being answered, for its analysis to ask after.
  std::string Answering;

  std::mutex QueueLock;
  std::condition_variable QueueChanged;
  std::deque<std::string> Queue;
  /// When each queued scope was last edited, for the debounce.
  std::map<std::string, std::chrono::steady_clock::time_point> EditedAt;
  bool Busy = false;
  bool Stopping = false;
  std::thread Worker;
};

} // namespace rampart::lsp

#endif
