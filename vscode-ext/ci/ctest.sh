#!/usr/bin/env bash
# The extension's ctest steps (VscodeExt.cmake), run in the build tree: the
# sources are copied there, so nothing is written into the source tree.
#
#   ctest.sh unit    SRC DIR NODE RAMPART EXAMPLES
#       type-checks the extension, compiles the unit tests and runs them
#       with `node --test` (the server tests use RAMPART when it is built)
#   ctest.sh package SRC DIR NODE RAMPART BUNDLE
#       compiles the extension into DIR/out, bundles RAMPART as bin/rampart
#       when BUNDLE is 1 and it is built, packages DIR/rampart-VERSION.vsix
#       and checks what is in it
#
# DIR holds the npm packages of package-lock.json (npm ci at configure
# time). Exit 77 (skipped) when node or npm is missing.
set -euo pipefail
mode=$1 src=$2 dir=$3 node=${4:-}

if [ -z "$node" ] || ! command -v "$node" >/dev/null || ! command -v npm >/dev/null; then
  echo "node or npm is missing: skipped"
  exit 77
fi
[ -d "$dir/node_modules" ] || { echo "no $dir/node_modules: npm ci did not run"; exit 1; }
tsc=("$node" "$dir/node_modules/typescript/bin/tsc")

# A fresh copy of the given files of SRC in $1.
stage() {
  local to=$1
  shift
  mkdir -p "$to"
  for f in "$@"; do
    rm -rf "${to:?}/$f"
    cp -R "$src/$f" "$to/$f"
  done
}

unit() {
  local rampart=$1 examples=$2 work=$dir/unit
  rm -rf "$work"
  stage "$work" src test package.json tsconfig.json tsconfig.test.json
  # The extension itself against @types/vscode and the language client...
  "${tsc[@]}" -p "$work/tsconfig.json"
  # ...and what needs no VS Code, with its tests.
  "${tsc[@]}" -p "$work/tsconfig.test.json"
  RAMPART_BINARY=$rampart RAMPART_EXAMPLES=$examples \
    "$node" --test "$work/out-test/test/"
}

# Fails unless the listing has a line ending in each given path.
expect_entries() {
  local listing=$1
  shift
  for e in "$@"; do
    grep -qE "[[:space:]]$e\$" "$listing" || { echo "missing from the .vsix: $e"; exit 1; }
  done
}

package() {
  local rampart=$1 bundle=$2
  cd "$dir"
  rm -rf out bin ./*.vsix
  stage "$dir" src package.json tsconfig.json README.md .vscodeignore
  "${tsc[@]}" -p tsconfig.json

  local version target=() bundled=no
  version=$("$node" -p 'require("./package.json").version')
  if [ "$bundle" = 1 ] && [ -x "$rampart" ]; then
    mkdir bin
    cp "$rampart" bin/rampart
    strip bin/rampart 2>/dev/null || true
    bundled=yes
    # A native binary makes the package platform-specific.
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) target=(--target linux-x64) ;;
      Linux-aarch64) target=(--target linux-arm64) ;;
    esac
  fi
  local vsix=rampart-$version.vsix
  # No repository and no LICENSE file in the project yet: the flags keep
  # vsce from asking about them. Standard input closed: it must not ask.
  "$node" node_modules/@vscode/vsce/vsce package --allow-missing-repository \
    --skip-license "${target[@]}" --out "$vsix" </dev/null

  unzip -l "$vsix" >listing.txt
  expect_entries listing.txt extension/package.json "extension/(readme|README)\.md" \
    extension/out/extension.js extension/out/config.js extension/out/graphView.js extension/out/mapView.js \
    extension/node_modules/vscode-languageclient/node.js \
    extension/node_modules/vscode-languageclient/lib/node/main.js \
    extension/node_modules/vscode-languageserver-protocol/lib/node/main.js \
    extension/node_modules/vscode-jsonrpc/lib/node/main.js
  if [ $bundled = yes ]; then
    expect_entries listing.txt extension/bin/rampart
    # The server must stay executable once VS Code unpacks it.
    zipinfo "$vsix" extension/bin/rampart | grep -q '^-rwx' \
      || { echo "bin/rampart is not executable in the .vsix"; exit 1; }
  fi
  # Only the compiled extension and its runtime dependencies.
  if grep -E 'extension/(src|test|unit|out-test|ci)/|\.ts$|node_modules/(typescript|@vscode/vsce|@types)/' listing.txt; then
    echo "the .vsix has files it should not"
    exit 1
  fi

  # The packaged extension finds its dependencies inside the package.
  unpacked=$(mktemp -d)
  trap 'rm -rf "$unpacked"' EXIT
  unzip -q "$vsix" -d "$unpacked"
  "$node" -e '
    const ext = process.argv[1];
    const client = require.resolve("vscode-languageclient/node", { paths: [ext + "/out"] });
    // The client loads vscode itself, so not here; its own dependencies are
    // all packaged, minimatch included (nested: vsce needs a newer one).
    for (const [dep, from] of [["vscode-languageserver-protocol/node", ext + "/out"], ["minimatch", client], ["semver", client]]) {
      const found = require.resolve(dep, { paths: [from] });
      if (!found.startsWith(ext + "/")) throw new Error(dep + " resolved outside the package: " + found);
      require(found);
    }
    if (!client.startsWith(ext + "/node_modules/")) throw new Error("resolved outside: " + client);
    const config = require(ext + "/out/config.js");
    const cmd = config.resolveServerCommand({}, { extensionPath: ext });
    const want = process.argv[2] === "yes" ? "bundled" : "path";
    if (cmd.origin !== want) throw new Error("server command " + JSON.stringify(cmd) + ", expected " + want);
  ' "$unpacked/extension" "$bundled"
  echo "packaged $dir/$vsix ($(stat -c %s "$vsix") bytes, bundled binary: $bundled)"
  tail -n 1 listing.txt
}

case $mode in
unit) unit "${5:-}" "${6:-}" ;;
package) package "${5:-}" "${6:-1}" ;;
*) echo "unknown mode $mode"; exit 2 ;;
esac
