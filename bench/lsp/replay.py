#!/usr/bin/env python3
"""Replays a typing session against `rampart lsp` and prints latency.

For each FILE: open it, then type a comment line character by character
at the top (each keystroke a didChange with a new version), waiting for the
publishDiagnostics of that version; prints p50/p95/p99 of didChange ->
publishDiagnostics, and the time from starting the server to the first
diagnostics. The file is copied to a temporary directory with the files
beside it, so its module or parameter files come along; nothing is written
to the original.

With --rss, also prints the server's resident memory (VmRSS) after the
first diagnostics, after a tenth of the edits and at the end: over a long
session (--edits 10000) it must stay flat.

With --synthetic instead of files, it writes the sessions the issue names
into a temporary directory and replays them: a 3,000-line ARM template, a
2,000-line Bicep file and a 40-file Terraform module (storage accounts and
network security groups, the kinds most checks read).

Usage: bench/lsp/replay.py RAMPART (FILE...|--synthetic) [--edits N] [--rss]
"""
import json, os, shutil, subprocess, sys, tempfile, time


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, rampart):
        self.p = subprocess.Popen([rampart, "lsp"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)

    def send(self, message):
        self.p.stdin.write(frame(message))
        self.p.stdin.flush()

    def receive(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.p.stdout.read(1)
            if not byte:
                raise EOFError("server closed")
            header += byte
        length = next(int(l.split(b":")[1]) for l in header.split(b"\r\n")
                      if l.lower().startswith(b"content-length"))
        return json.loads(self.p.stdout.read(length))

    def diagnostics(self, uri, version):
        while True:
            m = self.receive()
            if (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                    and m["params"].get("version") == version):
                return m["params"]["diagnostics"]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def replay(rampart, path, edits, rss=False):
    work = tempfile.mkdtemp(prefix="rampart-lsp-bench-")
    try:
        copy = os.path.join(work, "project")
        shutil.copytree(os.path.dirname(os.path.abspath(path)), copy)
        target = os.path.join(copy, os.path.basename(path))
        uri = "file://" + target
        text = open(target, encoding="utf-8", errors="replace").read()
        started = time.perf_counter()
        c = Client(rampart)
        c.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"capabilities": {}}})
        c.receive()
        c.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "x",
                                            "version": 1, "text": text}}})
        found = c.diagnostics(uri, 1)
        first = (time.perf_counter() - started) * 1000
        marker = "#" if path.endswith((".tf", ".yaml", ".yml")) else "//"
        memory = [rss_kb(c.p.pid)]
        latencies = []
        # Types a comment line of 60 characters, deletes it, and again, so a
        # long session keeps the text the same size.
        line = marker + (" typing" * 10)[:58]
        for i in range(edits):
            version = i + 2
            at = i % (2 * len(line))
            if at < len(line):
                change = {"range": {"start": {"line": 0, "character": at},
                                    "end": {"line": 0, "character": at}},
                          "text": line[at] + ("\n" if at == 0 else "")}
            else:
                # Delete the line again, one character from the end.
                left = 2 * len(line) - at
                change = {"range": {"start": {"line": 0, "character": left - 1},
                                    "end": {"line": 0 if left > 1 else 1,
                                            "character": left if left > 1 else 0}},
                          "text": ""}
            t = time.perf_counter()
            c.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": version},
                               "contentChanges": [change]}})
            c.diagnostics(uri, version)
            latencies.append((time.perf_counter() - t) * 1000)
            if i + 1 == max(1, edits // 10):
                memory.append(rss_kb(c.p.pid))
        memory.append(rss_kb(c.p.pid))
        c.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        c.send({"jsonrpc": "2.0", "method": "exit"})
        c.p.wait(timeout=10)
        lines = text.count("\n") + 1
        print(f"{os.path.basename(path)} ({lines} lines, {len(found)} diagnostics): "
              f"start to first diagnostics {first:.1f} ms; {len(latencies)} edits: "
              f"p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
              f"p99 {percentile(latencies, 99):.1f} ms")
        if rss:
            print(f"  server RSS: {memory[0] / 1024:.1f} MB after opening, "
                  f"{memory[1] / 1024:.1f} MB after {max(1, edits // 10)} edits, "
                  f"{memory[-1] / 1024:.1f} MB after {edits} edits")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def arm_template(lines):
    resources = []
    i = 0
    while True:
        resources.append(f"""    {{
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "[concat(parameters('prefix'), '{i}')]",
      "location": "[parameters('location')]",
      "kind": "StorageV2",
      "sku": {{ "name": "Standard_LRS" }},
      "properties": {{
        "supportsHttpsTrafficOnly": {"false" if i % 3 == 0 else "true"},
        "minimumTlsVersion": "TLS1_2",
        "allowBlobPublicAccess": false
      }}
    }}""")
        i += 1
        if 13 * len(resources) + 12 >= lines:
            break
    return ("""{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "prefix": { "type": "string", "defaultValue": "st" },
    "location": { "type": "string", "defaultValue": "westeurope" }
  },
  "resources": [
""" + ",\n".join(resources) + "\n  ]\n}\n")


def bicep_file(lines):
    out = ["param location string = 'westeurope'", ""]
    i = 0
    while len(out) < lines:
        out += [f"resource st{i} 'Microsoft.Storage/storageAccounts@2023-01-01' = {{",
                f"  name: 'st{i}'",
                "  location: location",
                "  kind: 'StorageV2'",
                "  sku: { name: 'Standard_LRS' }",
                "  properties: {",
                f"    supportsHttpsTrafficOnly: {'false' if i % 3 == 0 else 'true'}",
                "    minimumTlsVersion: 'TLS1_2'",
                "  }",
                "}", ""]
        i += 1
    return "\n".join(out) + "\n"


def terraform_module(directory, files):
    os.makedirs(directory)
    with open(os.path.join(directory, "variables.tf"), "w") as f:
        f.write('variable "location" {\n  default = "westeurope"\n}\n')
    for n in range(files - 1):
        with open(os.path.join(directory, f"part{n:02}.tf"), "w") as f:
            f.write(f"""resource "azurerm_storage_account" "st{n}" {{
  name                       = "st{n}"
  resource_group_name        = "rg"
  location                   = var.location
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = {"false" if n % 3 == 0 else "true"}
}}

resource "azurerm_network_security_group" "nsg{n}" {{
  name                = "nsg{n}"
  location            = var.location
  resource_group_name = "rg"

  security_rule {{
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "{"*" if n % 4 == 0 else "10.0.0.0/8"}"
    destination_address_prefix = "*"
  }}
}}
""")
    return os.path.join(directory, "part00.tf")


def synthetic_files(root):
    arm = os.path.join(root, "arm", "azuredeploy.json")
    os.makedirs(os.path.dirname(arm))
    with open(arm, "w") as f:
        f.write(arm_template(3000))
    bicep = os.path.join(root, "bicep", "main.bicep")
    os.makedirs(os.path.dirname(bicep))
    with open(bicep, "w") as f:
        f.write(bicep_file(2000))
    tf = terraform_module(os.path.join(root, "terraform"), 40)
    return [arm, bicep, tf]


def main():
    args = sys.argv[1:]
    edits = 200
    rss = "--rss" in args
    if rss:
        args.remove("--rss")
    if "--edits" in args:
        i = args.index("--edits")
        edits = int(args[i + 1])
        del args[i:i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    if args[1] == "--synthetic":
        root = tempfile.mkdtemp(prefix="rampart-lsp-synthetic-")
        try:
            for path in synthetic_files(root):
                replay(args[0], path, edits, rss)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        return
    for path in args[1:]:
        replay(args[0], path, edits, rss)


if __name__ == "__main__":
    main()
