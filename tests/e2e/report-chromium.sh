#!/usr/bin/env bash
# report.chromium: `rampart report` on the bundled examples, opened in headless
# Chromium (Debian's chromium, which scripts/setup installs). The page must
# render (a screenshot that is not blank) and its text must hold the secure
# score `rampart score` computes and the title of a finding `rampart scan`
# reports: nothing here is hard-coded.
#
#   report-chromium.sh RAMPART EXAMPLES WORKDIR
#
# Exit 77 (skipped) when chromium or python3 is missing.
set -euo pipefail
rampart=$1 examples=$2 work=$3

chromium=$(command -v chromium || command -v chromium-browser || true)
python=$(command -v python3 || true)
if [ -z "$chromium" ] || [ -z "$python" ]; then
  echo "chromium or python3 is missing: skipped"
  exit 77
fi

rm -rf "$work"
mkdir -p "$work"
report=$work/report.html
"$rampart" report "$examples" -o "$report" --no-progress
"$rampart" score "$examples" --format json >"$work/score.json"
"$rampart" scan "$examples" --format json >"$work/scan.json" || true

# As root Chromium needs --no-sandbox; no host resolves, so a page that tried
# to fetch anything would show it broken rather than reach the network.
run_chromium() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
    --no-first-run --user-data-dir="$work/profile" --hide-scrollbars \
    --host-resolver-rules="MAP * ~NOTFOUND" "$@" "file://$report"
}
run_chromium --window-size=1400,2400 --screenshot="$work/report.png" 2>"$work/screenshot.log"
run_chromium --dump-dom >"$work/dom.html" 2>"$work/dom.log"

"$python" - "$work" <<'PY'
import html, json, re, struct, sys, zlib

work = sys.argv[1]

def png_pixels(path):
    """Width, height and the raw RGB(A) scanlines of an 8-bit PNG."""
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, header = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', chunk)
        elif kind == b'IDAT':
            idat += chunk
        pos += 12 + length
    width, height, depth, colour = header[:4]
    assert depth == 8 and colour in (2, 6), f'unexpected PNG format {header}'
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows

width, height, bpp, rows = png_pixels(f'{work}/report.png')
colours, background = {}, None
for y in range(0, height, 4):
    row = rows[y]
    for x in range(0, width * bpp, 4 * bpp):
        px = row[x:x + 3]
        colours[px] = colours.get(px, 0) + 1
samples = sum(colours.values())
common = max(colours.values())
print(f'screenshot {width}x{height}: {len(colours)} colours sampled, '
      f'{100 * (samples - common) / samples:.1f}% off the main colour')
assert width >= 1000 and height >= 1000, 'screenshot too small'
assert len(colours) >= 16, 'the screenshot is (nearly) blank'
assert samples - common > samples * 0.05, 'the screenshot is (nearly) one colour'

dom = open(f'{work}/dom.html', encoding='utf-8').read()
text = html.unescape(re.sub(r'<[^>]+>', ' ', dom))
text = re.sub(r'\s+', ' ', text)
percent = json.load(open(f'{work}/score.json'))['percent']
# As the report prints it: rounded half away from zero, like std::lround.
shown = f'{int(percent + 0.5)}%'
findings = json.load(open(f'{work}/scan.json'))['findings']
assert findings, 'the examples have no finding'
title = findings[0]['title']
for needle in ('Secure score', shown, 'secure score', title, 'Network maps and attack paths'):
    assert needle in text, f'the page text lacks {needle!r}'
print(f'page text has the score {shown} and the finding title {title!r}')
PY
echo "report.chromium: $(stat -c %s "$report") bytes of HTML, $(stat -c %s "$work/report.png") bytes of screenshot"
