'use strict';
// The VS Code side: starts `draftlint lsp` once a document draftlint should check is open,
// restarts it when its settings change, and says in Chinese what went wrong when it cannot start.

const path = require('node:path');
const vscode = require('vscode');
const { CloseAction, ErrorAction, LanguageClient } = require('vscode-languageclient/node');
const { resolveExecutable } = require('./executable');
const { RestartPolicy } = require('./crashes');
const messages = require('./messages');
const { documentSelector, readSettings, serverOptions } = require('./settings');

/** Settings whose change needs a new server: all that `readSettings` reads (`trace.server` the
 * language client applies by itself). */
const RESTARTING_SETTINGS = Object.keys(readSettings({ get: () => undefined }));
const CONFIG_FILES = '**/.draftlint.toml';
const MAX_CONFIG_FILES = 100;

/** @type {vscode.OutputChannel} */
let output;
/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.DocumentSelector} */
let selector = [];
/** What `selector` was built from, to tell whether a new one differs. */
let selectorKey = '';
/** The last start failed: wait for a change of settings or the restart command. */
let blocked = false;
/** Starts and stops run one after the other, never interleaved. */
let queue = Promise.resolve();

function serialize(job) {
  queue = queue.then(job).catch((error) => output.appendLine(`[draftlint] ${error?.stack ?? error}`));
  return queue;
}

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  output = vscode.window.createOutputChannel('draftlint');
  const configFiles = vscode.workspace.createFileSystemWatcher(CONFIG_FILES, false, true, false);
  const refresh = () => serialize(() => update({}));
  const unblockAndRestart = () =>
    serialize(() => {
      blocked = false;
      return update({ restart: true });
    });
  context.subscriptions.push(
    output,
    configFiles,
    configFiles.onDidCreate(refresh),
    configFiles.onDidDelete(refresh),
    vscode.workspace.onDidChangeWorkspaceFolders(refresh),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (client === undefined && !blocked && vscode.languages.match(selector, document) > 0) {
        serialize(() => update({}));
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTARTING_SETTINGS.some((key) => event.affectsConfiguration(`draftlint.${key}`))) {
        unblockAndRestart();
      }
    }),
    // In a folder not yet trusted VS Code ignores its `draftlint.path`; trusting it may change it.
    vscode.workspace.onDidGrantWorkspaceTrust(unblockAndRestart),
    vscode.commands.registerCommand('draftlint.restart', () =>
      serialize(async () => {
        blocked = false;
        if (await update({ restart: true, force: true })) {
          vscode.window.setStatusBarMessage(messages.RESTARTED, 3000);
        }
      }),
    ),
  );
  void serialize(() => update({}));
}

function deactivate() {
  return serialize(stop);
}

/**
 * Build the document selector from the settings and the folders that hold a `.draftlint.toml`,
 * then (re)start the server when asked to, or when the selector changed while it runs, and it
 * is wanted: forced, or some open document is one draftlint checks. Tells whether it runs.
 */
async function update({ restart = false, force = false }) {
  const settings = readSettings(vscode.workspace.getConfiguration('draftlint'));
  const folders = settings.enable && settings.configuredFolders ? await configuredFolders() : [];
  const key = JSON.stringify([settings, folders]);
  const changed = key !== selectorKey;
  selector = documentSelector(settings, folders, (base, glob) => new vscode.RelativePattern(base, glob));
  selectorKey = key;
  if (client !== undefined && !restart && !changed) {
    return true;
  }
  await stop();
  if (!settings.enable) {
    if (force) {
      void vscode.window.showInformationMessage(messages.DISABLED);
    }
    return false;
  }
  const wanted = force || vscode.workspace.textDocuments.some((d) => vscode.languages.match(selector, d) > 0);
  return wanted && !blocked ? start(settings) : false;
}

/** The folders of the workspace that hold a `.draftlint.toml`, sorted. */
async function configuredFolders() {
  const files = await vscode.workspace.findFiles(CONFIG_FILES, undefined, MAX_CONFIG_FILES);
  return [...new Set(files.map((uri) => path.dirname(uri.fsPath)))].sort();
}

/** Start the server for `selector`; on failure say why and wait for the user. */
async function start(settings) {
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const command = resolveExecutable(settings.path, { base: cwd });
  if (command === undefined) {
    blocked = true;
    output.appendLine(`[draftlint] program not found: ${settings.path}`);
    void vscode.window
      .showErrorMessage(messages.programMissing(settings.path), messages.OPEN_SETTINGS)
      .then((choice) => {
        if (choice === messages.OPEN_SETTINGS) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'draftlint.path');
        }
      });
    return false;
  }
  let running = false;
  const policy = new RestartPolicy();
  const next = new LanguageClient('draftlint', 'draftlint', serverOptions(command, cwd), {
    documentSelector: selector,
    outputChannel: output,
    errorHandler: {
      error: (_error, _message, count) =>
        count !== undefined && count <= 3
          ? { action: ErrorAction.Continue }
          : { action: ErrorAction.Shutdown },
      closed: () => {
        // A server that stops while starting is reported by the failed start below.
        if (!running) {
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        if (policy.shouldRestart(Date.now())) {
          return { action: CloseAction.Restart, handled: true };
        }
        showWithOutput(messages.crashedRepeatedly(policy.limit, policy.windowMs / 60000));
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  });
  try {
    await next.start();
  } catch (error) {
    blocked = true;
    showWithOutput(messages.startFailed(command, error));
    await next.dispose().catch(() => {});
    return false;
  }
  running = true;
  client = next;
  return true;
}

async function stop() {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.dispose().catch((error) => output.appendLine(`[draftlint] stopping: ${error}`));
  }
}

function showWithOutput(message) {
  void vscode.window.showErrorMessage(message, messages.SHOW_OUTPUT).then((choice) => {
    if (choice === messages.SHOW_OUTPUT) {
      output.show(true);
    }
  });
}

module.exports = { activate, deactivate };
