'use strict';
// The server options the extension builds, run for real: `draftlint lsp` started as the
// language client starts it, spoken to as VS Code does (UTF-16 positions, no position encoding
// offered), must show the command line's findings, the outline and fix-all.
//
// DRAFTLINT_SERVER names the program (CI sets it to the debug build); without it the test is
// skipped.

const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');
const { pathToFileURL } = require('node:url');
const { resolveExecutable } = require('../src/executable');
const { readSettings, serverOptions } = require('../src/settings');
const { Connection } = require('./lsp');

const setting = process.env.DRAFTLINT_SERVER;

const DRAFT = [
  '关于2023年度法治政府建设情况的报告',
  '',
  '一、主要举措和成效',
  '我们加强了领导,完善了制度。全年办结案件120件。',
  '',
  '（一）健全制度',
  '制定规范性文件3件。',
  '',
].join('\n');

/** Run the command line; exit code 1 only says there are errors among the findings. */
function runCli(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8' });
  } catch (error) {
    if (error.status !== 1) {
      throw error;
    }
    return error.stdout;
  }
}

/** `line:column rule` of each finding the command line reports for `file`, sorted. */
function cliFindings(command, file) {
  const [report] = JSON.parse(runCli(command, ['check', '--format', 'json', file])).files;
  return report.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.rule}`).sort();
}

/** `text` with LSP text edits applied (positions in UTF-16 code units, as JS strings count). */
function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const offset = ({ line, character }) =>
    Math.min((lineStarts[line] ?? text.length) + character, text.length);
  return edits
    .map((edit) => ({ start: offset(edit.range.start), end: offset(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

test(
  'draftlint lsp, started from the settings, shows what the command line finds',
  { skip: !setting, timeout: 60000 },
  async (t) => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'draftlint-vscode-'));
    t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const file = path.join(folder, '某县2023年法治政府建设情况报告.txt');
    fs.writeFileSync(file, DRAFT);

    const command = resolveExecutable(
      readSettings({ get: (key) => (key === 'path' ? setting : undefined) }).path,
      {
        base: process.cwd(),
      },
    );
    assert.ok(command, `no program at ${setting}`);
    const options = serverOptions(command, folder);
    // As vscode-languageclient starts an executable without a transport.
    const child = spawn(options.command, options.args, { ...options.options, stdio: 'pipe' });
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    t.after(() => child.kill());
    const server = new Connection(child);

    const folderUri = pathToFileURL(folder).href;
    const initialized = await server.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'Visual Studio Code' },
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: 'reports' }],
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    assert.equal(initialized.capabilities.positionEncoding ?? 'utf-16', 'utf-16');
    server.notify('initialized', {});

    const uri = pathToFileURL(file).href;
    server.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'plaintext', version: 1, text: DRAFT },
    });
    const published = await server.notification('textDocument/publishDiagnostics', (p) => p.uri === uri);
    const shown = published.diagnostics
      .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`)
      .sort();
    assert.ok(shown.length > 0, 'no diagnostics');
    assert.deepEqual(shown, cliFindings(command, file));
    assert.ok(published.diagnostics.every((d) => d.source === 'draftlint'));

    const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri } });
    const names = [];
    const walk = (list) => list.forEach((s) => names.push(s.name) && walk(s.children ?? []));
    walk(symbols);
    assert.ok(
      names.some((name) => name.includes('主要举措和成效')),
      JSON.stringify(names),
    );
    assert.ok(
      names.some((name) => name.includes('健全制度')),
      JSON.stringify(names),
    );

    const end = { line: DRAFT.split('\n').length - 1, character: 0 };
    const actions = await server.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end },
      context: { diagnostics: published.diagnostics, only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const edits = actions[0].edit.changes?.[uri] ?? actions[0].edit.documentChanges[0].edits;
    const fixedByCli = path.join(folder, 'fixed-by-cli.txt');
    fs.writeFileSync(fixedByCli, DRAFT);
    runCli(command, ['check', '--fix', fixedByCli]);
    const fixed = applyEdits(DRAFT, edits);
    assert.notEqual(fixed, DRAFT);
    assert.equal(fixed, fs.readFileSync(fixedByCli, 'utf8'));

    await server.request('shutdown', null);
    server.notify('exit', null);
    assert.equal(await exited, 0);
  },
);
