"""Opens each executed notebook's HTML (from `nb.py html`) in headless Chromium: the page must load,
its DOM must hold the notebook's tables and PNG images, and a screenshot is saved beside it.

    python render_check.py CHROMIUM DIR
"""
import subprocess
import sys
import zlib
import struct
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--hide-scrollbars"]


def png_colours(path: Path, sample=4000):
    """Number of distinct pixel values in a sample of the screenshot (a blank page has 1)."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return 0
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, _, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    # the filtered bytes still separate a blank page from a rendered one
    step = max(1, len(raw) // sample)
    return len({raw[i:i + 3] for i in range(0, len(raw) - 3, step)})


def main():
    chrome, folder = sys.argv[1], Path(sys.argv[2])
    pages = sorted(folder.glob("*.html"))
    if not pages:
        sys.exit(f"render check: no HTML files in {folder}")
    failed = 0
    for page in pages:
        url = page.resolve().as_uri()
        dom = subprocess.run([chrome, *FLAGS, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
        shot = page.with_suffix(".png")
        subprocess.run([chrome, *FLAGS, f"--screenshot={shot}", "--window-size=1280,2400", url],
                       capture_output=True, timeout=120)
        tables, images = dom.count("<table"), dom.count('src="data:image/png')
        colours = png_colours(shot) if shot.exists() else 0
        ok = tables > 0 and images > 0 and colours > 20
        failed += 0 if ok else 1
        print(f"render check {page.stem}: {'ok' if ok else 'FAILED'} ({tables} tables, {images} images in the DOM;"
              f" screenshot {shot.name}, {colours} distinct samples)")
    print(f"rendered: {len(pages) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
