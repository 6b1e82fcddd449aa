"""The Nu Html Checker (vnu) over every page the browser tests are served: 0 errors.

vnu.jar comes from the npm registry (package vnu-jar, the version and checksum pinned below) and
is kept in the virtual environment; `make test` fetches it before the tests run
(`python -m e2e.html_check --install`), and the fixture does too when pytest is started by hand.
It runs as a local HTTP service for the whole session (starting Java once costs about 15 s;
a page then costs about 50 ms). Without Java the check is skipped and says so once.

    python -m e2e.html_check --install      fetch vnu.jar
    python -m e2e.html_check URL_OR_FILE…   check pages by hand
"""

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

VERSION = "26.9.27"
TARBALL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VERSION}.tgz"
INTEGRITY = "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
JAR = Path(sys.prefix) / "share" / f"vnu-{VERSION}" / "vnu.jar"


def install() -> Path:
    """vnu.jar in the virtual environment, fetched from the npm registry and checked against the
    registry's integrity hash when it is not there yet."""
    if JAR.exists():
        return JAR
    with urllib.request.urlopen(TARBALL, timeout=120) as answer:
        tarball = answer.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != INTEGRITY:
        raise RuntimeError(f"vnu-jar {VERSION}: checksum klopt niet ({digest})")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        member = archive.extractfile("package/build/dist/vnu.jar")
        JAR.parent.mkdir(parents=True, exist_ok=True)
        partial = JAR.with_suffix(".part")
        partial.write_bytes(member.read())
        partial.replace(JAR)
    return JAR


def java() -> str | None:
    return shutil.which("java")


class Checker:
    """vnu as an HTTP service on loopback; `errors(html)` lists the errors in one document."""

    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}/?out=json"
        self.process = subprocess.Popen(
            [java(), "-Xss1m", "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", str(install()),
             "nu.validator.servlet.Main", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.errors("<!doctype html><html lang=nl><title>.</title></html>")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("De Nu Html Checker (vnu) start niet.") from None
                time.sleep(0.5)

    def errors(self, html: str) -> list[str]:
        request = urllib.request.Request(self.url, data=html.encode(), method="POST",
                                         headers={"Content-Type": "text/html; charset=utf-8"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            messages = json.load(answer)["messages"]
        return [f"regel {m.get('lastLine', '?')}: {m['message']} «{m.get('extract', '').strip()}»"
                for m in messages if m["type"] in ("error", "non-document-error")]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main(argv: list[str]) -> int:
    if argv == ["--install"]:
        if java() is None:
            print("Java ontbreekt: de browsertests slaan de HTML-controle (vnu) over. "
                  "Installeer het met 'sudo apt-get install -y default-jre-headless'.")
            return 0
        print(f"vnu.jar {VERSION}: {install()}")
        return 0
    from tests.support import free_port

    checker = Checker(free_port())
    try:
        checker.wait_ready()
        failed = 0
        for target in argv:
            html = (urllib.request.urlopen(target).read().decode() if target.startswith("http")
                    else Path(target).read_text())
            found = checker.errors(html)
            failed += bool(found)
            print(f"{target}: {len(found)} fout(en)", *found, sep="\n  ")
        return 1 if failed else 0
    finally:
        checker.stop()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main(sys.argv[1:]))
