-- End-to-end: Neovim's own LSP client (not written by us) talks to
-- `rampart lsp`. It opens a Bicep file, waits for Rampart's diagnostics,
-- asks for the code actions of the HTTPS finding, applies the preferred
-- one (the safe fix), and checks the buffer now holds the fixed line.
-- Run: RAMPART=... FILE=... nvim --headless --clean -c "luafile e2e.lua"
-- Exits 0 on success; prints the reason and exits 1 otherwise.

local function fail(msg)
  io.stderr:write('e2e: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  local file = os.getenv('FILE')
  local client_id = vim.lsp.start_client({
    cmd = { os.getenv('RAMPART'), 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  })
  if not client_id then return fail('the client did not start') end
  vim.cmd('edit ' .. file)
  vim.bo.filetype = 'bicep'
  vim.lsp.buf_attach_client(0, client_id)

  local got = vim.wait(20000, function()
    return #vim.diagnostic.get(0) > 0
  end, 50)
  if not got then return fail('no diagnostics within 20 s') end

  -- The diagnostic as the server sent it, rebuilt the way Neovim's own
  -- code-action request does it (user_data.lsp keeps the fields it did not
  -- map, `data` among them).
  local target
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp_d = d.user_data and d.user_data.lsp
    if lsp_d and lsp_d.code == 'AZ-STORAGE-001' then
      target = vim.tbl_extend('force', lsp_d, {
        range = {
          start = { line = d.lnum, character = d.col },
          ['end'] = { line = d.end_lnum, character = d.end_col },
        },
        message = d.message,
        severity = d.severity,
      })
    end
  end
  if not target then return fail('no AZ-STORAGE-001 diagnostic') end

  local client = vim.lsp.get_client_by_id(client_id)
  local response = client.request_sync('textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(),
    range = target.range,
    context = { diagnostics = { target } },
  }, 10000, 0)
  if not response or response.err then return fail('codeAction failed') end
  local preferred
  for _, action in ipairs(response.result or {}) do
    if action.isPreferred then preferred = action end
  end
  if not preferred then
    return fail('no preferred quick fix in ' .. vim.inspect(response.result))
  end
  vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')

  local line = vim.api.nvim_buf_get_lines(0, 8, 9, false)[1]
  if line ~= '    supportsHttpsTrafficOnly: true' then
    return fail('line 9 after the fix is: ' .. tostring(line))
  end
  print('e2e: ' .. preferred.title .. ' applied')
  client.stop()
  vim.cmd('qa!')
end)
if not ok then fail(tostring(err)) end
