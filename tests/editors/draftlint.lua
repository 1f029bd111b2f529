-- draftlint for Neovim 0.7 to 0.10 (Debian 12 ships 0.7.2): one language server for every text
-- and Markdown buffer, started at the first one. Newer Neovim can use the README's
-- vim.lsp.config snippet instead.
local draftlint_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'text', 'markdown' },
  callback = function(args)
    if not draftlint_client then
      local config = vim.fn.findfile('.draftlint.toml', '.;')
      draftlint_client = vim.lsp.start_client({
        name = 'draftlint',
        cmd = { vim.g.draftlint_command or 'draftlint', 'lsp' },
        root_dir = config ~= '' and vim.fn.fnamemodify(config, ':p:h') or vim.fn.getcwd(),
      })
    end
    vim.lsp.buf_attach_client(args.buf, draftlint_client)
  end,
})
