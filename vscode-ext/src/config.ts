// The parts of the extension that need no VS Code API: which command starts
// the server, what the settings become for it, and how a secure score is
// shown. Kept apart so `node --test` can check them without an editor.

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/// The documents the server is given: the dialects' usual language ids.
/// JSON and YAML are broad (ARM and CloudFormation templates have no
/// extension of their own); the server decides what each file is and stays
/// silent on the others.
export const DOCUMENT_SELECTOR: ReadonlyArray<{
  scheme: string;
  language: string;
}> = ['bicep', 'terraform', 'json', 'jsonc', 'yaml'].map((language) => ({
  scheme: 'file',
  language,
}));

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/// The `rampart.*` settings as VS Code hands them over: user-typed, so any
/// shape.
export interface Settings {
  path?: unknown;
  failOn?: unknown;
  minimumSeverity?: unknown;
  parameterFiles?: unknown;
  strict?: unknown;
  debounceMs?: unknown;
}

/// What the paths in the settings are relative to.
export interface PathContext {
  /// The extension's install folder (where a bundled `bin/rampart` is).
  extensionPath: string;
  /// The first workspace folder, if a folder is open.
  workspaceFolder?: string;
  platform?: NodeJS.Platform;
  homeDir?: string;
  /// Whether a file exists and may be run; the file system by default.
  isExecutable?: (file: string) => boolean;
}

export interface ServerCommand {
  command: string;
  args: string[];
  /// Where the command came from, for the log and error messages.
  origin: 'setting' | 'bundled' | 'path';
}

function defaultIsExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function bundledBinaryPath(
  extensionPath: string,
  platform: NodeJS.Platform = process.platform
): string {
  return path.join(
    extensionPath,
    'bin',
    platform === 'win32' ? 'rampart.exe' : 'rampart'
  );
}

/// Makes the bundled binary executable if it lost its mode on the way
/// (an archive tool that drops it); true when it can be run afterwards.
export function ensureExecutable(file: string): boolean {
  if (defaultIsExecutable(file)) return true;
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.chmodSync(file, 0o755);
  } catch {
    return false;
  }
  return defaultIsExecutable(file);
}

/// Expands `~`, `${userHome}` and `${workspaceFolder}`; a relative path
/// with a directory part is taken from the workspace folder, while a bare
/// name stays as it is for a PATH lookup.
export function expandPath(value: string, ctx: PathContext): string {
  const home = ctx.homeDir ?? os.homedir();
  let p = value.trim();
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\'))
    p = home + p.slice(1);
  p = p.split('${userHome}').join(home);
  if (ctx.workspaceFolder)
    p = p.split('${workspaceFolder}').join(ctx.workspaceFolder);
  const hasDirectory = p.includes('/') || p.includes('\\');
  if (hasDirectory && !path.isAbsolute(p) && ctx.workspaceFolder)
    p = path.join(ctx.workspaceFolder, p);
  return p;
}

/// The command line of the language server: the `rampart.path` setting if
/// set, else the binary bundled in the extension, else `rampart` on PATH.
export function resolveServerCommand(
  settings: Settings,
  ctx: PathContext
): ServerCommand {
  const args = ['lsp'];
  if (typeof settings.path === 'string' && settings.path.trim() !== '')
    return { command: expandPath(settings.path, ctx), args, origin: 'setting' };
  const bundled = bundledBinaryPath(ctx.extensionPath, ctx.platform);
  if ((ctx.isExecutable ?? defaultIsExecutable)(bundled))
    return { command: bundled, args, origin: 'bundled' };
  const onPath = (ctx.platform ?? process.platform) === 'win32'
    ? 'rampart.exe'
    : 'rampart';
  return { command: onPath, args, origin: 'path' };
}

/// A severity setting, or the fallback when it is not one of the four
/// levels (settings.json is hand-edited: "High" is meant as "high").
export function normalizeSeverity(value: unknown, fallback: Severity): Severity {
  if (typeof value !== 'string') return fallback;
  const lower = value.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(lower)
    ? (lower as Severity)
    : fallback;
}

/// What the server is started with. The names follow the CLI's flags
/// (--severity, --fail-on, --parameters, --strict).
export interface InitializationOptions {
  minimumSeverity: Severity;
  failOn: Severity;
  parameterFiles: string[];
  strict: boolean;
  /// The server's debounce (0 to 5000 ms; 0 when not a number).
  debounceMs: number;
}

export function initializationOptions(
  settings: Settings,
  ctx: PathContext
): InitializationOptions {
  const files = Array.isArray(settings.parameterFiles)
    ? settings.parameterFiles
    : [];
  return {
    minimumSeverity: normalizeSeverity(settings.minimumSeverity, 'low'),
    failOn: normalizeSeverity(settings.failOn, 'low'),
    parameterFiles: files
      .filter((f): f is string => typeof f === 'string' && f.trim() !== '')
      .map((f) => {
        const p = expandPath(f, ctx);
        // A bare file name is a file in the workspace, not a command.
        return path.isAbsolute(p) || !ctx.workspaceFolder
          ? p
          : path.join(ctx.workspaceFolder, p);
      }),
    strict: settings.strict === true,
    debounceMs:
      typeof settings.debounceMs === 'number' && Number.isFinite(settings.debounceMs)
        ? Math.min(5000, Math.max(0, Math.round(settings.debounceMs)))
        : 0,
  };
}

// ---------------------------------------------------------------------------
// The secure score: the JSON of `rampart score --format json`, which is also
// the result of the server's `rampart/score` request.

export interface ControlScore {
  control: string;
  max: number;
  current: number;
  healthy: number;
  unhealthy: number;
}

export interface UnitScore {
  unit: string;
  dialect: string;
  percent: number;
  current: number;
  max: number;
  controls: ControlScore[];
}

export interface Recommendation {
  check: string;
  title: string;
  control: string;
  unhealthyResources: number;
  gain: number;
}

export interface SecureScore {
  percent: number;
  controls: ControlScore[];
  units: UnitScore[];
  recommendations: Recommendation[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function parseControls(v: unknown): ControlScore[] {
  return (Array.isArray(v) ? v : []).filter(isObject).map((c) => ({
    control: str(c.control),
    max: num(c.max),
    current: num(c.current),
    healthy: num(c.healthy),
    unhealthy: num(c.unhealthy),
  }));
}

/// The score, or undefined when the value is not one (a null result: no
/// document open on the server's side).
export function parseScore(v: unknown): SecureScore | undefined {
  if (!isObject(v) || typeof v.percent !== 'number') return undefined;
  const units = (Array.isArray(v.units) ? v.units : [])
    .filter(isObject)
    .map((u) => ({
      unit: str(u.unit),
      dialect: str(u.dialect),
      percent: num(u.percent),
      current: num(u.current),
      max: num(u.max),
      controls: parseControls(u.controls),
    }));
  const recommendations = (
    Array.isArray(v.recommendations) ? v.recommendations : []
  )
    .filter(isObject)
    .map((r) => ({
      check: str(r.check),
      title: str(r.title),
      control: str(r.control),
      unhealthyResources: num(r.unhealthyResources),
      gain: num(r.gain),
    }));
  return {
    percent: v.percent,
    controls: parseControls(v.controls),
    units,
    recommendations,
  };
}

/// Rounded as `rampart score` prints it.
export function formatPercent(p: number): string {
  return `${Math.round(p)}%`;
}

export function formatPoints(current: number, max: number): string {
  return `${current.toFixed(2)} / ${max.toFixed(2)}`;
}

export interface ScoreRow {
  control: string;
  points: string;
  healthy: number;
  unhealthy: number;
  current: number;
  max: number;
}

export function controlRows(controls: ControlScore[]): ScoreRow[] {
  return controls.map((c) => ({
    control: c.control,
    points: formatPoints(c.current, c.max),
    healthy: c.healthy,
    unhealthy: c.unhealthy,
    current: c.current,
    max: c.max,
  }));
}

/// What the status bar shows for a document: its unit's score when the
/// document is a unit's root (a Bicep, ARM or CloudFormation template) or
/// a file directly in one (a Terraform module's directory), else the score
/// of everything analysed with it.
export interface DocumentScore {
  percent: number;
  unit?: UnitScore;
  /// Whether anything was assessed: 100 % of nothing is no news.
  assessed: boolean;
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

export function scoreForDocument(
  score: SecureScore,
  documentPath: string
): DocumentScore {
  const unit =
    score.units.find((u) => samePath(u.unit, documentPath)) ??
    score.units.find((u) => samePath(u.unit, path.dirname(documentPath)));
  if (unit) return { percent: unit.percent, unit, assessed: unit.max > 0 };
  const max = score.controls.reduce((sum, c) => sum + c.max, 0);
  return { percent: score.percent, assessed: max > 0 };
}

export function statusText(s: DocumentScore | undefined): string {
  if (!s) return 'Rampart: –';
  if (!s.assessed) return 'Rampart: n/a';
  return `Rampart: ${formatPercent(s.percent)}`;
}

/// Text in a Markdown table cell: pipes would end the cell, and the
/// Markdown specials would format it.
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/// The per-control table, as `rampart score` prints it, in Markdown (the
/// status bar's tooltip).
export function scoreMarkdown(score: SecureScore, doc?: DocumentScore): string {
  const lines: string[] = [];
  lines.push(`**Secure score: ${formatPercent(score.percent)}**`);
  if (doc?.unit)
    lines.push(
      '',
      `This unit (${escapeMarkdownCell(doc.unit.unit)}): ${formatPercent(doc.unit.percent)}`
    );
  lines.push(
    '',
    '| Security control | Current / max | Healthy | Unhealthy |',
    '| --- | ---: | ---: | ---: |'
  );
  for (const r of controlRows(score.controls))
    lines.push(
      `| ${escapeMarkdownCell(r.control)} | ${r.points} | ${r.healthy} | ${r.unhealthy} |`
    );
  return lines.join('\n');
}

/// A nonce for a webview's Content-Security-Policy.
export function makeNonce(): string {
  return crypto.randomBytes(18).toString('base64');
}

/// The Content-Security-Policy of our webviews: nothing from anywhere,
/// except our own nonce'd style and script blocks.
export function contentSecurityPolicy(nonce: string, scripts: boolean): string {
  const parts = ["default-src 'none'", `style-src 'nonce-${nonce}'`];
  if (scripts) parts.push(`script-src 'nonce-${nonce}'`);
  return parts.join('; ');
}

export const WEBVIEW_STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size);
  color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { padding: 0.25em 0.8em; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
th { text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
meter { width: 8em; }
.muted { opacity: 0.75; }
h1 .percent { font-variant-numeric: tabular-nums; }
`;

export function webviewPage(
  title: string,
  nonce: string,
  scripts: boolean,
  style: string,
  body: string
): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, scripts)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/// The score view: the per-control table, the units and the top
/// recommendations, as `rampart score` prints them.
export function scoreHtml(
  score: SecureScore,
  opts: { nonce: string; subject?: string; maxRecommendations?: number }
): string {
  const b: string[] = [];
  b.push(
    `<h1>Secure score: <span class="percent">${formatPercent(score.percent)}</span></h1>`
  );
  if (opts.subject)
    b.push(`<p class="muted">Analysed with ${escapeHtml(opts.subject)}</p>`);
  b.push(
    '<h2>Security controls</h2>',
    '<table id="controls"><thead><tr><th>Security control</th><th>Current / max</th><th></th><th>Healthy</th><th>Unhealthy</th></tr></thead><tbody>'
  );
  for (const r of controlRows(score.controls))
    b.push(
      `<tr><td>${escapeHtml(r.control)}</td><td class="num">${r.points}</td>` +
        `<td><meter min="0" max="${r.max}" value="${r.current}"></meter></td>` +
        `<td class="num">${r.healthy}</td><td class="num">${r.unhealthy}</td></tr>`
    );
  b.push('</tbody></table>');
  if (score.units.length) {
    b.push(
      '<h2>Units</h2>',
      '<table id="units"><thead><tr><th>Score</th><th>Unit</th><th>Dialect</th><th>Current / max</th></tr></thead><tbody>'
    );
    for (const u of score.units)
      b.push(
        `<tr><td class="num">${formatPercent(u.percent)}</td><td>${escapeHtml(u.unit)}</td>` +
          `<td>${escapeHtml(u.dialect)}</td><td class="num">${formatPoints(u.current, u.max)}</td></tr>`
      );
    b.push('</tbody></table>');
  }
  const recs = score.recommendations.slice(0, opts.maxRecommendations ?? 10);
  if (recs.length) {
    b.push(
      '<h2>Top recommendations</h2>',
      '<table id="recommendations"><thead><tr><th>Gain</th><th>Check</th><th>Title</th><th>Resources</th></tr></thead><tbody>'
    );
    for (const r of recs)
      b.push(
        `<tr><td class="num">+${formatPercent(r.gain)}</td><td>${escapeHtml(r.check)}</td>` +
          `<td>${escapeHtml(r.title)}</td><td class="num">${r.unhealthyResources}</td></tr>`
      );
    b.push('</tbody></table>');
  }
  return webviewPage('Rampart secure score', opts.nonce, false, WEBVIEW_STYLE, b.join('\n'));
}
