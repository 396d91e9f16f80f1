// The extension's requests against the real `rampart lsp`, started as the
// extension starts it (resolveServerCommand with rampart.path set, the
// settings as initializationOptions), over vscode-jsonrpc, the transport
// vscode-languageclient itself uses. Skipped when RAMPART_BINARY does not
// name a built binary (a configure-only build tree).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

import * as config from '../src/config';
import * as g from '../src/graphView';
import * as mv from '../src/mapView';

const binary = process.env.RAMPART_BINARY ?? '';
const examples = process.env.RAMPART_EXAMPLES ?? path.resolve(__dirname, '../../../examples');
const skip = !binary || !fs.existsSync(binary) || !fs.existsSync(examples)
  ? `no rampart binary (RAMPART_BINARY=${binary || 'unset'}) or examples`
  : false;

interface Diagnostic {
  severity?: number;
  code?: string;
  codeDescription?: { href: string };
  source?: string;
  data?: { check?: string };
}

describe('rampart lsp', { skip }, () => {
  it('accepts every severity the settings offer, as the CLI flags', () => {
    for (const s of config.SEVERITIES)
      for (const flag of ['--severity', '--fail-on']) {
        const r = spawnSync(binary, ['scan', flag, s, '--format', 'json', examples]);
        assert.ok(r.status === 0 || r.status === 1, `${flag} ${s}: exit ${r.status}`);
      }
    assert.equal(spawnSync(binary, ['scan', '--severity', 'severe', examples]).status, 2);
  });

  it('applies the settings, then answers rampart/score and rampart/graph', async () => {
    const command = config.resolveServerCommand(
      { path: binary },
      { extensionPath: '/nonexistent', workspaceFolder: examples }
    );
    assert.equal(command.origin, 'setting');
    const child = spawn(command.command, command.args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const conn = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!)
    );
    const file = path.join(examples, 'bicep', 'main.bicep');
    const uri = pathToFileURL(file).href;
    // Each publication for main.bicep, in order.
    const published: Diagnostic[][] = [];
    let wake: (() => void) | undefined;
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      if (p.uri !== uri) return;
      published.push(p.diagnostics);
      wake?.();
    });
    const nextDiagnostics = async (): Promise<Diagnostic[]> => {
      while (!published.length) await new Promise<void>((resolve) => (wake = resolve));
      return published.shift()!;
    };
    const findings = (ds: Diagnostic[]) => ds.filter((d) => d.data?.check);
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    const ctx = { extensionPath: '/nonexistent', workspaceFolder: examples };
    try {
      const init = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(examples).href,
        capabilities: {},
        initializationOptions: config.initializationOptions({ minimumSeverity: 'High' }, ctx),
      })) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
      assert.equal(init.serverInfo.name, 'rampart');
      assert.deepEqual(init.capabilities.codeActionProvider, {
        codeActionKinds: ['quickfix', 'source.fixAll.rampart'],
      });
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'bicep', version: 1, text: fs.readFileSync(file, 'utf8') },
      });

      // What `rampart scan examples/bicep` finds in main.bicep (checks and
      // attack paths), as LSP severities: critical and high as errors,
      // medium as warnings, low as information.
      const lspSeverity: Record<string, number> = { critical: 1, high: 1, medium: 2, low: 3 };
      const scanned = (
        JSON.parse(
          spawnSync(binary, ['scan', '--format', 'json', path.join(examples, 'bicep')]).stdout.toString()
        ).findings as Array<{ file: string; severity: string }>
      )
        .filter((f) => path.resolve(f.file) === file || f.file.endsWith('bicep/main.bicep'))
        .map((f) => lspSeverity[f.severity])
        .sort();
      assert.ok(scanned.includes(1) && scanned.includes(2) && scanned.includes(3), 'every level');

      // With the minimum severity at high, LSP errors only.
      const high = findings(await nextDiagnostics());
      assert.deepEqual(high.map((d) => d.severity), scanned.filter((s) => s === 1));
      for (const d of high) {
        assert.equal(d.code, d.data!.check);
        assert.equal(d.source, 'rampart');
        assert.match(d.codeDescription!.href, /^https?:\/\//);
      }
      // A settings change as the extension sends it, without a restart.
      await conn.sendNotification('workspace/didChangeConfiguration', {
        settings: { rampart: config.initializationOptions({ minimumSeverity: 'low' }, ctx) },
      });
      const all = findings(await nextDiagnostics());
      assert.deepEqual(all.map((d) => d.severity).sort(), scanned);

      // The same numbers as the CLI on the same directory.
      const cli = config.parseScore(
        JSON.parse(spawnSync(binary, ['score', '--format', 'json', path.join(examples, 'bicep')]).stdout.toString())
      )!;
      const score = config.parseScore(await conn.sendRequest('rampart/score', { uri }));
      assert.ok(score, 'a score');
      assert.equal(score.percent, cli.percent);
      assert.deepEqual(config.controlRows(score.controls), config.controlRows(cli.controls));
      const mine = config.scoreForDocument(score, file);
      assert.ok(mine.unit, 'main.bicep is a unit');
      assert.equal(mine.unit.percent, cli.units.find((u) => u.unit.endsWith('main.bicep'))!.percent);
      assert.equal(config.statusText(mine), `Rampart: ${Math.round(mine.unit.percent)}%`);

      const units = g.parseGraph(await conn.sendRequest('rampart/graph', { uri }));
      const unit = units.find((u) => path.resolve(u.root) === file);
      assert.ok(unit, 'the graph has main.bicep\'s unit');
      assert.deepEqual(
        unit.resources.map((r) => r.type).sort(),
        [
          'Microsoft.Network/networkSecurityGroups',
          'Microsoft.OperationalInsights/workspaces',
          'Microsoft.Resources/deployments',
          'Microsoft.Storage/storageAccounts',
        ]
      );
      const html = g.graphHtml(units, { nonce: 'n', documentPath: file });
      assert.equal(html.split('<section class="unit">').length - 1, units.length);

      // The server's own drawing names every resource of the unit.
      const map = mv.parseMap(await conn.sendRequest('rampart/map', { uri }));
      assert.ok(map, 'rampart/map answers an SVG');
      assert.match(map.svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
      for (const r of unit.resources)
        assert.ok(map.svg.includes(config.escapeHtml(r.id)), `the map names ${r.id}`);
      const mapUnit = map.units.find((u) => path.resolve(u.root) === file);
      assert.ok(mapUnit, 'the map JSON has main.bicep\'s unit');
      assert.equal(mapUnit.nodes.filter((n) => n.kind === 'resource').length, unit.resources.length);

      assert.equal(await conn.sendRequest('shutdown'), null);
      await conn.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});
