"""Headless Chromium (Debian's chromium + chromium-driver) through Selenium, for the report tests,
the report benchmark and the README screenshot. No network: pages are opened from file://."""
import io
import os
import shutil

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

WIDTH, HEIGHT = 1400, 900


def chromium():
    """A headless Chromium with browser console logs kept (driver.get_log("browser"))."""
    opts = Options()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDTH},{HEIGHT}", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--no-first-run", "--disable-extensions", "--disable-background-networking"]:
        opts.add_argument(arg)
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    opts.binary_location = binary
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(driver_path), options=opts)


def open_report(driver, path, timeout=60):
    """Loads a report and waits until its script has drawn the first frame and built its tables."""
    driver.set_page_load_timeout(timeout)
    driver.get("file://" + os.path.abspath(path))
    driver.set_script_timeout(timeout)
    driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        (function wait() {
          const r = window.coauthorReport;
          if (r && r.stats().frames > 0 && r.stats().ready) done(true); else setTimeout(wait, 20);
        })();""")


def severe_logs(driver):
    """Console errors (and CSP violations, which Chromium logs as errors) since the last call."""
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def drawn_pixels(driver, png_path=None, element="map"):
    """Non-background pixels inside a map canvas (`element`'s id) of a screenshot (saved to png_path)."""
    import numpy
    from PIL import Image
    png = driver.get_screenshot_as_png()
    if png_path:
        os.makedirs(os.path.dirname(png_path), exist_ok=True)
        with open(png_path, "wb") as f:
            f.write(png)
    rect = driver.execute_script("const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                                 "return [r.left, r.top, r.right, r.bottom];", element)
    img = Image.open(io.BytesIO(png)).convert("RGB").crop(tuple(int(v) for v in rect))
    return int((numpy.asarray(img, dtype=numpy.int32).sum(axis=2) < 3 * 235).sum())
