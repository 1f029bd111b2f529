#!/usr/bin/env bash
# Runs draftlint's language server in a real Neovim, headless, with the snippet the README gives
# for Neovim 0.7-0.10 (tests/editors/draftlint.lua): opens a draft, waits for the diagnostics,
# asks for the code actions on a finding with a quick fix, and prints what Neovim holds, one
# line per diagnostic (`line:col code`), then the code action titles (`action: title`).
#
#   bash tests/editors/neovim.sh target/debug/draftlint DRAFT.txt
set -euo pipefail
bin=$(realpath "$1")
draft=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$(dirname "$draft")"
nvim --headless --clean -n \
  --cmd "let g:draftlint_command = '$bin'" \
  --cmd "luafile $here/draftlint.lua" \
  -c "lua vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)" \
  -c "lua local lines = {}
      for _, d in ipairs(vim.diagnostic.get(0)) do
        table.insert(lines, (d.lnum + 1) .. ':' .. (d.col + 1) .. ' ' .. tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)))
      end
      local fixable
      for _, d in ipairs(vim.diagnostic.get(0)) do
        local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
        if code == 'punctuation-width' then fixable = d break end
      end
      if fixable then
        local params = vim.lsp.util.make_given_range_params(
          { fixable.lnum + 1, fixable.col }, { fixable.end_lnum + 1, fixable.end_col }, 0, 'utf-16')
        params.context = { diagnostics = {} }
        local replies = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000) or {}
        for _, reply in pairs(replies) do
          for _, action in ipairs(reply.result or {}) do
            table.insert(lines, 'action: ' .. action.title)
          end
        end
      end
      vim.fn.writefile(lines, '$out')" \
  -c "qa!" "$draft" >/dev/null 2>&1 || true
cat "$out"
