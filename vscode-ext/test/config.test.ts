// The settings, the server's command line and the score table. The score
// fixture is the output of `rampart score --format json examples` (run
// from the repository's root); the expected rows are the ones `rampart score
// examples` prints for it in its console table.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import * as config from '../src/config';

const ROOT = path.resolve(__dirname, '../..');
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures', name), 'utf8'));

describe('resolveServerCommand', () => {
  const ctx = (bundledExists: boolean): config.PathContext => ({
    extensionPath: '/ext',
    workspaceFolder: '/ws',
    homeDir: '/home/u',
    platform: 'linux',
    isExecutable: (p) => bundledExists && p === '/ext/bin/rampart',
  });

  it('prefers the bundled binary when the setting is empty', () => {
    assert.deepEqual(config.resolveServerCommand({ path: '' }, ctx(true)), {
      command: '/ext/bin/rampart',
      args: ['lsp'],
      origin: 'bundled',
    });
  });

  it('falls back to rampart on PATH without a bundled binary', () => {
    assert.deepEqual(config.resolveServerCommand({}, ctx(false)), {
      command: 'rampart',
      args: ['lsp'],
      origin: 'path',
    });
    assert.equal(
      config.resolveServerCommand({}, { ...ctx(false), platform: 'win32' }).command,
      'rampart.exe'
    );
  });

  it('uses the rampart.path setting over the bundled binary', () => {
    const c = config.resolveServerCommand({ path: '/opt/rampart/rampart' }, ctx(true));
    assert.equal(c.command, '/opt/rampart/rampart');
    assert.equal(c.origin, 'setting');
    assert.deepEqual(c.args, ['lsp']);
  });

  it('treats a blank or non-string setting as unset', () => {
    assert.equal(config.resolveServerCommand({ path: '   ' }, ctx(true)).origin, 'bundled');
    assert.equal(config.resolveServerCommand({ path: 42 }, ctx(false)).origin, 'path');
  });

  it('expands ~, ${workspaceFolder} and relative paths, keeps bare names', () => {
    const resolve = (p: string) => config.resolveServerCommand({ path: p }, ctx(false)).command;
    assert.equal(resolve('~/bin/rampart'), '/home/u/bin/rampart');
    assert.equal(resolve('${workspaceFolder}/build/rampart'), '/ws/build/rampart');
    assert.equal(resolve('${userHome}/rampart'), '/home/u/rampart');
    assert.equal(resolve('build/rampart'), '/ws/build/rampart');
    assert.equal(resolve('rampart-nightly'), 'rampart-nightly');
  });

  it('checks the file system for an executable bundled binary', () => {
    const ext = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-ext-'));
    try {
      const realCtx = { extensionPath: ext, platform: 'linux' as const };
      assert.equal(config.resolveServerCommand({}, realCtx).origin, 'path');
      fs.mkdirSync(path.join(ext, 'bin'));
      const bin = path.join(ext, 'bin', 'rampart');
      fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o644 });
      assert.equal(config.resolveServerCommand({}, realCtx).origin, 'path', 'not executable');
      fs.chmodSync(bin, 0o755);
      assert.deepEqual(config.resolveServerCommand({}, realCtx), {
        command: bin,
        args: ['lsp'],
        origin: 'bundled',
      });
    } finally {
      fs.rmSync(ext, { recursive: true, force: true });
    }
  });
});

describe('ensureExecutable', () => {
  it('restores the mode of a bundled binary that lost it, and nothing else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-mode-'));
    try {
      const bin = path.join(dir, 'rampart');
      assert.equal(config.ensureExecutable(bin), false, 'absent');
      assert.equal(fs.existsSync(bin), false);
      fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o644 });
      assert.equal(config.ensureExecutable(bin), true);
      assert.equal(fs.statSync(bin).mode & 0o777, 0o755);
      assert.equal(config.ensureExecutable(dir), false, 'a directory is not a binary');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('initializationOptions', () => {
  const ctx: config.PathContext = { extensionPath: '/ext', workspaceFolder: '/ws', homeDir: '/home/u' };

  it('has the CLI defaults when nothing is set', () => {
    assert.deepEqual(config.initializationOptions({}, ctx), {
      minimumSeverity: 'low',
      failOn: 'low',
      parameterFiles: [],
      strict: false,
      debounceMs: 0,
    });
  });

  it('maps the severity settings, case-insensitively, and drops unknown ones', () => {
    const o = config.initializationOptions({ minimumSeverity: 'High', failOn: ' critical ' }, ctx);
    assert.equal(o.minimumSeverity, 'high');
    assert.equal(o.failOn, 'critical');
    for (const bad of ['severe', '', 3, null, ['high']])
      assert.equal(config.initializationOptions({ failOn: bad }, ctx).failOn, 'low');
    assert.deepEqual(
      config.SEVERITIES.map((s) => config.normalizeSeverity(s, 'low')),
      ['low', 'medium', 'high', 'critical']
    );
  });

  it('resolves parameter files against the workspace folder', () => {
    const o = config.initializationOptions(
      { parameterFiles: ['main.parameters.json', 'env/prod.bicepparam', '/abs/p.json', '~/p.json', 7, ''] },
      ctx
    );
    assert.deepEqual(o.parameterFiles, [
      '/ws/main.parameters.json',
      '/ws/env/prod.bicepparam',
      '/abs/p.json',
      '/home/u/p.json',
    ]);
  });

  it('clamps the debounce to 0..5000 ms, 0 when not a number', () => {
    assert.equal(config.initializationOptions({ debounceMs: 120 }, ctx).debounceMs, 120);
    assert.equal(config.initializationOptions({ debounceMs: 99999 }, ctx).debounceMs, 5000);
    assert.equal(config.initializationOptions({ debounceMs: -5 }, ctx).debounceMs, 0);
    assert.equal(config.initializationOptions({ debounceMs: '50' }, ctx).debounceMs, 0);
  });

  it('is strict only for a true boolean', () => {
    assert.equal(config.initializationOptions({ strict: true }, ctx).strict, true);
    assert.equal(config.initializationOptions({ strict: 'true' }, ctx).strict, false);
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('offers exactly the severities the code accepts', () => {
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['rampart.minimumSeverity'].enum, [...config.SEVERITIES]);
    assert.deepEqual(props['rampart.failOn'].enum, [...config.SEVERITIES]);
    assert.equal(props['rampart.path'].default, '');
    assert.equal(props['rampart.strict'].type, 'boolean');
    assert.equal(props['rampart.parameterFiles'].type, 'array');
    assert.equal(props['rampart.debounceMs'].type, 'integer');
  });

  it('activates on every language the client sends to the server', () => {
    for (const f of config.DOCUMENT_SELECTOR)
      assert.ok(pkg.activationEvents.includes(`onLanguage:${f.language}`), f.language);
    assert.deepEqual(
      config.DOCUMENT_SELECTOR.map((f) => f.language),
      ['bicep', 'terraform', 'json', 'jsonc', 'yaml']
    );
  });

  it('registers in extension.ts every command it contributes', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src/extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(registered, contributed);
    assert.ok(contributed.includes('rampart.showScore'));
    assert.ok(contributed.includes('rampart.showNetworkMap'));
  });

  it('pins @types/vscode no newer than the engine it claims', () => {
    assert.equal(pkg.engines.vscode, '^1.75.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.75.1');
    assert.equal(pkg.main, './out/extension.js');
  });
});

describe('the secure score of the examples', () => {
  const score = config.parseScore(fixture('score-examples.json'))!;

  it('parses', () => {
    assert.ok(score);
    assert.equal(config.formatPercent(score.percent), '11%');
    assert.equal(score.controls.length, 8);
    assert.equal(score.units.length, 5);
  });

  it('has the rows rampart score prints', () => {
    const rows = config.controlRows(score.controls);
    const brief = rows.map((r) => [r.control, r.points, r.healthy, r.unhealthy]);
    assert.deepEqual(brief, [
      ['Secure management ports', '0.00 / 8.00', 0, 3],
      ['Apply system updates', '6.00 / 6.00', 1, 0],
      ['Manage access and permissions', '0.00 / 4.00', 0, 5],
      ['Enable encryption at rest', '1.00 / 4.00', 1, 3],
      ['Encrypt data in transit', '0.00 / 4.00', 0, 4],
      ['Restrict unauthorized network access', '0.50 / 4.00', 1, 7],
      ['Enable auditing and logging', '0.00 / 1.00', 0, 5],
      ['Implement security best practices', '0.00 / 0.00', 0, 4],
    ]);
  });

  it('renders the Markdown table', () => {
    const lines = config.scoreMarkdown(score).split('\n');
    assert.equal(lines[0], '**Secure score: 11%**');
    assert.ok(lines.includes('| Security control | Current / max | Healthy | Unhealthy |'));
    assert.ok(lines.includes('| Secure management ports | 0.00 / 8.00 | 0 | 3 |'));
    assert.ok(lines.includes('| Restrict unauthorized network access | 0.50 / 4.00 | 1 | 7 |'));
    assert.equal(lines.filter((l) => l.startsWith('| ')).length, 2 + 8, 'header, rule, rows');
  });

  it('renders the HTML page without scripts or remote content', () => {
    const html = config.scoreHtml(score, { nonce: 'N0nce' });
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-N0nce'">/
    );
    assert.doesNotMatch(html, /<script|src=|https?:/);
    const controls = html.split('<table id="controls">')[1].split('</table>')[0];
    assert.equal(controls.match(/<tr>/g)!.length, 1 + 8);
    assert.match(controls, /<td>Secure management ports<\/td><td class="num">0.00 \/ 8.00<\/td>/);
    const units = html.split('<table id="units">')[1].split('</table>')[0];
    assert.match(units, /<td class="num">19%<\/td><td>examples\/terraform<\/td><td>terraform<\/td>/);
    assert.match(units, /<td class="num">10%<\/td><td>examples\/bicep\/main.bicep<\/td>/);
    const recs = html.split('<table id="recommendations">')[1].split('</table>')[0];
    assert.equal(recs.match(/<tr>/g)!.length, 1 + 10, 'the top ten of 28');
    assert.match(recs, /<td class="num">\+17%<\/td><td>AWS-EC2-001<\/td>/);
  });

  it('picks the unit of the active document for the status bar', () => {
    const pick = (p: string) => config.scoreForDocument(score, p);
    assert.equal(config.statusText(pick('examples/bicep/main.bicep')), 'Rampart: 10%');
    assert.equal(pick('examples/bicep/main.bicep').unit!.dialect, 'bicep');
    assert.equal(config.statusText(pick('examples/terraform/main.tf')), 'Rampart: 19%');
    // A module the unit calls is not a unit: the whole scope's score.
    assert.equal(pick('examples/bicep/logs.bicep').unit, undefined);
    assert.equal(config.statusText(pick('examples/bicep/logs.bicep')), 'Rampart: 11%');
    // Nothing assessed in this template.
    assert.equal(config.statusText(pick('examples/cloudformation/queue.json')), 'Rampart: n/a');
    assert.equal(config.statusText(undefined), 'Rampart: –');
  });
});

describe('score edge cases', () => {
  it('rejects what is not a score', () => {
    assert.equal(config.parseScore(null), undefined);
    assert.equal(config.parseScore({ controls: [] }), undefined);
    assert.equal(config.parseScore('11%'), undefined);
  });

  it('escapes names in Markdown and HTML', () => {
    const score = config.parseScore({
      percent: 50,
      controls: [{ control: 'A | <b>x</b>', max: 2, current: 1, healthy: 1, unhealthy: 1 }],
      units: [],
      recommendations: [],
    })!;
    assert.ok(config.scoreMarkdown(score).includes('| A \\| \\<b\\>x\\</b\\> | 1.00 / 2.00 | 1 | 1 |'));
    const html = config.scoreHtml(score, { nonce: 'n' });
    assert.ok(html.includes('<td>A | &lt;b&gt;x&lt;/b&gt;</td>'));
    assert.ok(!html.includes('<b>x'));
    assert.ok(!html.includes('<table id="units">'), 'no units, no table');
  });

  it('makes a fresh nonce each time', () => {
    const a = config.makeNonce();
    assert.match(a, /^[A-Za-z0-9+/=]{24}$/);
    assert.notEqual(a, config.makeNonce());
  });
});
