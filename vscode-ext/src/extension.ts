// The Rampart extension: starts `rampart lsp` (diagnostics, quick fixes, fix
// all, hover and outline all come from the server), shows the active
// document's secure score in the status bar, and opens the score and the
// network map in webviews.

import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

import * as config from './config';
import * as graphView from './graphView';
import * as mapView from './mapView';

const SCORE_REQUEST = 'rampart/score';
const GRAPH_REQUEST = 'rampart/graph';
const MAP_REQUEST = 'rampart/map';

function settings(): config.Settings {
  const c = vscode.workspace.getConfiguration('rampart');
  return {
    path: c.get('path'),
    failOn: c.get('failOn'),
    minimumSeverity: c.get('minimumSeverity'),
    parameterFiles: c.get('parameterFiles'),
    strict: c.get('strict'),
    debounceMs: c.get('debounceMs'),
  };
}

function pathContext(context: vscode.ExtensionContext): config.PathContext {
  const folder = vscode.workspace.workspaceFolders?.find(
    (f) => f.uri.scheme === 'file'
  );
  return {
    extensionPath: context.extensionPath,
    workspaceFolder: folder?.uri.fsPath,
  };
}

function isOurs(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return (
    doc !== undefined &&
    vscode.languages.match(config.DOCUMENT_SELECTOR as vscode.DocumentFilter[], doc) > 0
  );
}

/// The language client and what is built on it.
class Rampart implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly output = vscode.window.createOutputChannel('Rampart');
  private readonly status: ScoreStatus;
  private scorePanel: vscode.WebviewPanel | undefined;
  private graphPanel: vscode.WebviewPanel | undefined;
  /// The last document of ours that was active, for the commands run while
  /// a webview has the focus.
  private lastDocument: vscode.Uri | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status = new ScoreStatus(this);
  }

  dispose(): void {
    this.status.dispose();
    this.scorePanel?.dispose();
    this.graphPanel?.dispose();
    this.output.dispose();
  }

  async start(): Promise<void> {
    const ctx = pathContext(this.context);
    if (process.platform !== 'win32')
      config.ensureExecutable(config.bundledBinaryPath(ctx.extensionPath));
    const command = config.resolveServerCommand(settings(), ctx);
    const serverOptions: ServerOptions = {
      command: command.command,
      args: command.args,
      transport: TransportKind.stdio,
      options: ctx.workspaceFolder ? { cwd: ctx.workspaceFolder } : undefined,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: config.DOCUMENT_SELECTOR.map((f) => ({ ...f })),
      initializationOptions: config.initializationOptions(settings(), ctx),
      outputChannel: this.output,
    };
    this.output.appendLine(
      `Starting ${command.command} ${command.args.join(' ')} (${command.origin})`
    );
    const client = new LanguageClient('rampart', 'Rampart', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.status.schedule(0);
    });
    try {
      await client.start();
    } catch (e) {
      this.client = undefined;
      const message = e instanceof Error ? e.message : String(e);
      const hint =
        command.origin === 'setting'
          ? 'Check the rampart.path setting.'
          : 'Install rampart on PATH or set rampart.path.';
      // Not awaited: activation must not wait for the message's dismissal.
      void vscode.window
        .showErrorMessage(
          `Rampart: could not start the language server "${command.command}": ${message}. ${hint}`,
          'Open Settings'
        )
        .then((choice) => {
          if (choice === 'Open Settings')
            void vscode.commands.executeCommand('workbench.action.openSettings', 'rampart.path');
        });
    }
  }

  async restart(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    if (old) await old.stop().catch(() => undefined);
    await this.start();
    this.status.schedule(0);
  }

  /// The settings again, as workspace/didChangeConfiguration's `rampart`
  /// section: the server re-analyses the open documents with them.
  async sendSettings(): Promise<void> {
    if (!this.client?.isRunning()) return;
    await this.client.sendNotification('workspace/didChangeConfiguration', {
      settings: { rampart: config.initializationOptions(settings(), pathContext(this.context)) },
    });
  }

  async stop(): Promise<void> {
    await this.client?.stop();
  }

  /// The document the commands and the status bar are about.
  targetDocument(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (isOurs(doc)) this.lastDocument = doc.uri;
    return isOurs(doc) ? doc.uri : this.lastDocument;
  }

  /// The target document; when there is none, tells the user to open one.
  targetDocumentOrSay(): vscode.Uri | undefined {
    const uri = this.targetDocument();
    if (!uri)
      void vscode.window.showInformationMessage(
        'Rampart: open a Bicep, ARM, Terraform or CloudFormation file first.'
      );
    return uri;
  }

  async request(method: string, uri: vscode.Uri): Promise<unknown> {
    if (!this.client || !this.client.isRunning())
      throw new Error('the Rampart language server is not running');
    return this.client.sendRequest(method, {
      uri: this.client.code2ProtocolConverter.asUri(uri),
    });
  }

  async score(uri: vscode.Uri): Promise<config.SecureScore | undefined> {
    return config.parseScore(await this.request(SCORE_REQUEST, uri));
  }

  async showScore(): Promise<void> {
    const uri = this.targetDocumentOrSay();
    if (!uri) return;
    try {
      const score = await this.score(uri);
      if (!score) throw new Error('the server returned no score');
      const panel = this.panel('score', 'Rampart secure score', false);
      panel.webview.html = config.scoreHtml(score, {
        nonce: config.makeNonce(),
        subject: vscode.workspace.asRelativePath(uri),
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`Rampart: ${e instanceof Error ? e.message : e}`);
    }
  }

  async showNetworkMap(): Promise<void> {
    const uri = this.targetDocumentOrSay();
    if (!uri) return;
    try {
      const map = await this.serverMap(uri);
      const panel = this.panel('graph', 'Rampart network map', true);
      if (map) {
        panel.webview.html = mapView.mapHtml(map, { nonce: config.makeNonce() });
        return;
      }
      // A server without rampart/map (or one that could not draw): the
      // dependency graph, laid out here.
      const units = graphView.parseGraph(await this.request(GRAPH_REQUEST, uri));
      panel.webview.html = graphView.graphHtml(units, {
        nonce: config.makeNonce(),
        documentPath: uri.fsPath,
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`Rampart: ${e instanceof Error ? e.message : e}`);
    }
  }

  /// The server's drawing of the network map, or undefined when it has
  /// none (an older server answers MethodNotFound).
  private async serverMap(uri: vscode.Uri): Promise<mapView.MapResult | undefined> {
    try {
      return mapView.parseMap(await this.request(MAP_REQUEST, uri));
    } catch (e) {
      this.output.appendLine(`rampart/map failed, showing the graph instead: ${e instanceof Error ? e.message : e}`);
      return undefined;
    }
  }

  /// One panel of each kind, reused; no local resources (the pages are
  /// self-contained).
  private panel(kind: 'score' | 'graph', title: string, scripts: boolean): vscode.WebviewPanel {
    const existing = kind === 'score' ? this.scorePanel : this.graphPanel;
    if (existing) {
      existing.reveal(vscode.ViewColumn.Beside, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      `rampart.${kind}`,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: scripts, localResourceRoots: [] }
    );
    panel.onDidDispose(() => {
      if (kind === 'score') this.scorePanel = undefined;
      else this.graphPanel = undefined;
    });
    if (scripts)
      panel.webview.onDidReceiveMessage((m) => void this.reveal(m));
    if (kind === 'score') this.scorePanel = panel;
    else this.graphPanel = panel;
    return panel;
  }

  /// Shows a resource's declaration, from a click in the network map.
  private async reveal(message: unknown): Promise<void> {
    const m = message as { command?: string; file?: string; line?: number; column?: number };
    if (m.command !== 'reveal' || typeof m.file !== 'string') return;
    const at = new vscode.Position(Math.max(0, (m.line ?? 1) - 1), Math.max(0, (m.column ?? 1) - 1));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(m.file));
    await vscode.window.showTextDocument(doc, {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(at, at),
    });
  }
}

/// "Rampart: NN%" for the active document, refreshed (debounced) when the
/// active editor changes or its diagnostics do; a click shows the table.
class ScoreStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'rampart.score',
    vscode.StatusBarAlignment.Left,
    10
  );
  private timer: NodeJS.Timeout | undefined;
  /// Answers to superseded requests are dropped.
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly rampart: Rampart) {
    this.item.name = 'Rampart secure score';
    this.item.command = 'rampart.showScore';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(150)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule(500);
      })
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }

  schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (!isOurs(doc)) {
      this.item.hide();
      return;
    }
    try {
      const score = await this.rampart.score(doc.uri);
      if (generation !== this.generation) return;
      // JSON and YAML files that are no template: nothing to say.
      if (score && score.units.length === 0) {
        this.item.hide();
        return;
      }
      const forDoc = score && config.scoreForDocument(score, doc.uri.fsPath);
      this.item.text = `$(shield) ${config.statusText(forDoc)}`;
      this.item.tooltip = score
        ? new vscode.MarkdownString(config.scoreMarkdown(score, forDoc))
        : 'Rampart: no score for this document';
      this.item.show();
    } catch (e) {
      if (generation !== this.generation) return;
      this.item.text = '$(shield) Rampart: –';
      this.item.tooltip = `Rampart: ${e instanceof Error ? e.message : e}`;
      this.item.show();
    }
  }
}

let rampart: Rampart | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const r = new Rampart(context);
  rampart = r;
  context.subscriptions.push(
    r,
    vscode.commands.registerCommand('rampart.showScore', () => r.showScore()),
    vscode.commands.registerCommand('rampart.showNetworkMap', () => r.showNetworkMap()),
    vscode.commands.registerCommand('rampart.restartServer', () => r.restart()),
    // Another binary needs a new server; the other settings reach the
    // running one.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rampart.path')) void r.restart();
      else if (e.affectsConfiguration('rampart')) void r.sendSettings();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void r.sendSettings())
  );
  await r.start();
}

export async function deactivate(): Promise<void> {
  await rampart?.stop();
  rampart = undefined;
}
