'use strict';
// What the extension tells the user, in Chinese, each with what to do next.

/** The program named by `draftlint.path` (`setting`) was not found. */
function programMissing(setting) {
  if (setting === 'draftlint') {
    return (
      '找不到 draftlint 程序，报告检查没有启动。请先安装 draftlint（见 draftlint 说明的“安装”一节），' +
      '或在设置“draftlint.path”中填写 draftlint 程序的完整路径（例如 C:\\draftlint\\draftlint.exe）。'
    );
  }
  return (
    `找不到设置“draftlint.path”指定的程序：${setting}，报告检查没有启动。` +
    '请检查路径是否正确、是否指向 draftlint 程序本身；改好设置后检查会自动重新启动。'
  );
}

/** The program was found but the server did not come up. */
function startFailed(command, error) {
  const reason = error instanceof Error ? error.message : String(error);
  return (
    `draftlint 语言服务器未能启动（${command}）：${reason}。` +
    '请确认这是 draftlint 程序，并且版本支持“draftlint lsp”；详细信息见“输出”面板中的 draftlint。'
  );
}

/** The server kept stopping on its own and is not restarted any more. */
function crashedRepeatedly(limit, minutes) {
  return (
    `draftlint 语言服务器在 ${minutes} 分钟内意外退出了 ${limit + 1} 次，已停止自动重启。` +
    '详细信息见“输出”面板中的 draftlint；排除问题后可运行命令“draftlint：重启语言服务器”。'
  );
}

/** The restart command was run while checking is switched off. */
const DISABLED = '报告检查已在设置中关闭（draftlint.enable）。打开这项设置后检查会自动启动。';

/** Shown for a few seconds in the status bar after the restart command. */
const RESTARTED = 'draftlint 语言服务器已重新启动';

const OPEN_SETTINGS = '打开设置';
const SHOW_OUTPUT = '查看输出';

module.exports = {
  DISABLED,
  OPEN_SETTINGS,
  RESTARTED,
  SHOW_OUTPUT,
  crashedRepeatedly,
  programMissing,
  startFailed,
};
