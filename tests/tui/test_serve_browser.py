"""`chipread serve` in a real headless Chromium: the session asks who you are, the library appears, a tag reaches the store."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from chipread.store import AnnotationStore
from tests.cli.conftest import chipread_executable

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None, reason="chromium and chromedriver are not installed"),
]

# Everything the app sends to the browser, kept as text on the page (the terminal draws on a canvas).
RECORD_OUTPUT = """
window.__chipread = "";
const decoder = new TextDecoder();
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      if (typeof event.data === "string") window.__chipread += event.data;
      else if (event.data instanceof ArrayBuffer) window.__chipread += decoder.decode(event.data, {stream: true});
      else if (event.data instanceof Blob) event.data.arrayBuffer().then((b) => { window.__chipread += decoder.decode(b, {stream: true}); });
    });
  }
};
"""
ESCAPES = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what: str, timeout: float = 40.0, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"{what} did not happen within {timeout:.0f} s")


def browser(user_data: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={user_data}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def test_a_browser_session_names_itself_sees_the_library_and_tags(seeds_copy, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    db = tmp_path / "db"
    port = free_port()
    env = {**os.environ, "CHIPREAD_ANNOTATOR": "", "TEXTUAL_ANIMATIONS": "none"}
    server = subprocess.Popen(
        [*chipread_executable(), "--corpus", str(seeds_copy), "--db", str(db), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    driver = None
    try:

        def listening() -> bool:
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", port)) == 0

        wait_until(listening, "the server listening")
        driver = browser(tmp_path / "chromium")
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_OUTPUT})
        driver.get(f"http://127.0.0.1:{port}/")

        def shown() -> str:
            return ESCAPES.sub("", driver.execute_script("return window.__chipread || ''"))

        wait_until(lambda: "who are you?" in shown(), "the name prompt")
        keyboard = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        keyboard.send_keys("ana" + Keys.ENTER)
        wait_until(lambda: "chipread · ana" in shown(), "the library")
        assert "chosen in the browser" in shown()
        keyboard.send_keys(Keys.ENTER)  # the newest article
        wait_until(lambda: "GPE" in shown(), "the article with its entities")
        keyboard.send_keys("a")  # the entity under the cursor, as actor

        def tagged():
            store = AnnotationStore(db, readonly=True)
            try:
                return [s for _, _, ann in store.iter_files("ana") for s in ann.spans]
            finally:
                store.close()

        (span,) = wait_until(tagged, "a tag in the store")
        assert span.label == "actor" and span.annotator == "ana"
    finally:
        if driver is not None:
            driver.quit()
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
