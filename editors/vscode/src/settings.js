'use strict';
// What the settings mean for the language client: which documents draftlint checks and how its
// server is started. Nothing here needs VS Code, so the tests run under plain Node.

/** The languages VS Code gives the files draftlint reads as text: .txt and Markdown. */
const LANGUAGES = ['plaintext', 'markdown'];

/** The default of `draftlint.files`: files with 报告 in their name. */
const DEFAULT_FILES = ['**/*报告*'];

/**
 * @typedef {object} Settings
 * @property {boolean} enable
 * @property {string} path
 * @property {string[]} files
 * @property {boolean} configuredFolders
 */

/**
 * The `draftlint.*` settings with their defaults, from anything with a `get(key)` like
 * VS Code's WorkspaceConfiguration. Values of the wrong type count as unset.
 *
 * @param {{ get(key: string): unknown }} config
 * @returns {Settings}
 */
function readSettings(config) {
  const enable = config.get('enable');
  const path = config.get('path');
  const files = config.get('files');
  const configuredFolders = config.get('configuredFolders');
  return {
    enable: enable !== false,
    path: typeof path === 'string' && path.trim() !== '' ? path.trim() : 'draftlint',
    files: Array.isArray(files)
      ? files.filter((glob) => typeof glob === 'string' && glob.trim() !== '')
      : DEFAULT_FILES,
    configuredFolders: configuredFolders !== false,
  };
}

/**
 * The documents the client hands to the server: text and Markdown files whose path matches one
 * of `files` (saved or not yet saved), every text and Markdown file in or below a folder that
 * holds a `.draftlint.toml` (`folders`, when `configuredFolders` is on) with the rule packs
 * there, and any `.draftlint.toml`, which the server validates as it is typed. Nothing when
 * `enable` is off. Every filter names a scheme: documents of other schemes (a file as it was in
 * git, shown beside it in a diff) are not checked a second time.
 *
 * @template Pattern
 * @param {Settings} settings
 * @param {string[]} folders absolute paths of the folders that hold a `.draftlint.toml`
 * @param {(folder: string, glob: string) => Pattern} relativePattern a glob rooted at a folder
 * @returns {Array<{ scheme: string, language?: string, pattern: string | Pattern }>}
 */
function documentSelector(settings, folders, relativePattern) {
  if (!settings.enable) {
    return [];
  }
  const selector = [{ scheme: 'file', pattern: '**/.draftlint.toml' }];
  for (const pattern of settings.files) {
    for (const language of LANGUAGES) {
      for (const scheme of ['file', 'untitled']) {
        selector.push({ scheme, language, pattern });
      }
    }
  }
  if (settings.configuredFolders) {
    for (const folder of folders) {
      for (const language of LANGUAGES) {
        selector.push({ scheme: 'file', language, pattern: relativePattern(folder, '**') });
      }
      selector.push({ scheme: 'file', pattern: relativePattern(folder, '**/*.toml') });
    }
  }
  return selector;
}

/**
 * How the language client starts the server: `draftlint lsp` from `cwd` (the first workspace
 * folder, where an untitled document's `.draftlint.toml` is looked for). No transport is named:
 * the client would add `--stdio`, which `draftlint lsp` does not take; it speaks over stdio
 * anyway.
 *
 * @param {string} command the absolute path of the program
 * @param {string | undefined} cwd
 */
function serverOptions(command, cwd) {
  return {
    command,
    args: ['lsp'],
    options: cwd === undefined ? {} : { cwd },
  };
}

module.exports = { DEFAULT_FILES, LANGUAGES, documentSelector, readSettings, serverOptions };
