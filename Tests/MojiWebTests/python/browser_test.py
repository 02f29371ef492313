#!/usr/bin/env python3
"""Drives the mojifinder page at --base-url in headless Chromium (selenium).

Run by BrowserTests.swift against a live server it started. Exits non-zero,
with a message, on the first failed check; saves screenshots in --artifacts.
"""
import os
import argparse, json, pathlib, sys, time, urllib.parse, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

# scripts/sanitize sets it: an instrumented server and a busy machine are slower.
TIME_SCALE = max(1.0, float(os.environ.get("TEST_TIME_SCALE", "1") or 1))

parser = argparse.ArgumentParser()
parser.add_argument("--base-url", required=True)
parser.add_argument("--artifacts", required=True)
args = parser.parse_args()
base = args.base_url.rstrip("/")
artifacts = pathlib.Path(args.artifacts)
artifacts.mkdir(parents=True, exist_ok=True)


def check(condition, message):
    if not condition:
        driver.save_screenshot(str(artifacts / "failure.png"))
        sys.exit(f"FAILED: {message} (screenshot: {artifacts / 'failure.png'})")
    print(f"ok: {message}")


def api_count(query, prefix=False):
    url = f"{base}/search?q={urllib.parse.quote(query)}" + ("&prefix=true" if prefix else "")
    with urllib.request.urlopen(url, timeout=10) as response:
        return len(json.load(response))


def settled(query, timeout=15):
    """Waits until the page has finished rendering the answer to `query`."""
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "const t = document.getElementById('results');"
        "return t.dataset.query === arguments[0] && t.dataset.state === 'done';", query))
    rows = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
    caption = driver.find_element(By.ID, "caption").text
    return rows, caption


def type_query(text, submit=None):
    box = driver.find_element(By.ID, "q")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)
    if submit == "enter":
        box.send_keys(Keys.ENTER)
    elif submit == "button":
        driver.find_element(By.ID, "go").click()


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,900",
             "--disable-gpu", "--no-first-run", "--disable-extensions"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(15)
try:
    # Typing searches (debounced, the last word as a prefix), and the results
    # come as a table with a caption; Enter searches the exact words.
    driver.get(base + "/")
    type_query("cat face")
    rows, caption = settled("cat face")
    typed = api_count("cat face", prefix=True)
    check(len(rows) == typed, f"typing 'cat face' shows the {typed} prefix results (got {len(rows)})")
    type_query("cat face", submit="enter")
    rows, caption = settled("cat face")
    check(len(rows) == 10, f"Enter on 'cat face' shows 10 rows (got {len(rows)})")
    check(caption == "10 characters found", f"caption is '10 characters found' (got {caption!r})")
    cells = [[td.text for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    check(["U+1F63A", "😺", "SMILING CAT FACE WITH OPEN MOUTH"] in cells, "😺 is among the rows, with its code and name")
    check(driver.current_url == base + "/?q=cat%20face", f"the address bar keeps the query (got {driver.current_url})")
    driver.save_screenshot(str(artifacts / "cat-face.png"))
    print(f"screenshot: {artifacts / 'cat-face.png'}")

    # The query is encoded: '#' reaches the server (and is identified) instead of cutting the URL.
    type_query("cat face #", submit="enter")
    rows, caption = settled("cat face #")
    check(len(rows) == 11, f"'cat face #' shows # and the 10 cat faces (got {len(rows)})")
    check(rows[0].find_element(By.CSS_SELECTOR, "td.char").text == "#", "# comes first, identified")

    # Typing 'cat fa' already shows the cat faces, before the word is complete.
    type_query("cat fa")
    rows, caption = settled("cat fa")
    chars = [row.find_element(By.CSS_SELECTOR, "td.char").text for row in rows]
    check("🐱" in chars and "🙀" in chars and len(rows) == api_count("cat fa", prefix=True),
          f"typing 'cat fa' shows the cat faces ({len(rows)} rows)")

    # Pasting characters identifies each of them (set as a paste does: value, then an input event).
    driver.execute_script(
        "const box = document.getElementById('q'); box.value = arguments[0];"
        "box.dispatchEvent(new Event('input', { bubbles: true }));", "é🐱")
    rows, caption = settled("é🐱")
    cells = [[td.text for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    check(cells == [["U+00E9", "é", "LATIN SMALL LETTER E WITH ACUTE"], ["U+1F431", "🐱", "CAT FACE"]],
          f"pasting 'é🐱' identifies both (got {cells})")

    # A range lists its code points; the keyboard alone moves through rows,
    # shows each row's details, and copies with Enter.
    type_query("U+2190..U+2193")
    rows, caption = settled("U+2190..U+2193")
    chars = [row.find_element(By.CSS_SELECTOR, "td.char").text for row in rows]
    check(chars == ["←", "↑", "→", "↓"], f"'U+2190..U+2193' lists four arrows (got {chars})")
    box = driver.find_element(By.ID, "q")
    box.send_keys(Keys.ARROW_DOWN)
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "details").get_attribute("data-code") == "U+2190")
    details = driver.find_element(By.ID, "details").text
    check("LEFTWARDS ARROW" in details and "Sm" in details and "E2 86 90" in details and "&#x2190;" in details,
          f"ArrowDown focuses the first row and shows its details ({details!r})")
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "details").get_attribute("data-code") == "U+2191")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: "Copied ↑" in d.find_element(By.ID, "status").text)
    check(True, "ArrowDown moves to the next row, Enter copies ↑")
    driver.save_screenshot(str(artifacts / "arrows.png"))

    # A shared URL brings its results back without typing. The index finds 3
    # characters for these words (😸 GRINNING CAT FACE WITH SMILING EYES has
    # all three too), the same as `mojifinder smiling cat face`.
    driver.get(base + "/?q=smiling%20cat%20face")
    rows, caption = settled("smiling cat face")
    chars = [row.find_element(By.CSS_SELECTOR, "td.char").text for row in rows]
    check(chars == ["😸", "😺", "😻"], f"loading /?q=smiling%20cat%20face shows its rows 😸 😺 😻 (got {chars})")
    check(caption == "3 characters found", f"caption is '3 characters found' (got {caption!r})")
    check(driver.find_element(By.ID, "q").get_attribute("value") == "smiling cat face", "the box shows the query")

    # Enter and the button search too; one result says "1 character found".
    type_query("cat face grinning", submit="enter")
    rows, caption = settled("cat face grinning")
    check(len(rows) == 1 and caption == "1 character found", f"Enter searches; one row says '1 character found' (got {caption!r})")
    type_query("smiling cat", submit="button")
    rows, _ = settled("smiling cat")
    check(len(rows) == api_count("smiling cat"), "the Search button searches exactly")

    # Clicking a character copies it.
    cell = next(r for r in rows if r.find_element(By.CSS_SELECTOR, "td.char").text == "😺")
    cell.find_element(By.CSS_SELECTOR, "td.char").click()
    WebDriverWait(driver, 5).until(lambda d: "Copied 😺" in d.find_element(By.ID, "status").text)
    check(True, "clicking 😺 copies it")
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "details").get_attribute("data-code") == "U+1F63A")
    check("Unicode 6.0" in driver.find_element(By.ID, "details").text, "clicking a row shows its details")

    # Large answers render completely, and the page answers scripts (so it
    # is not frozen) while they do: the longest wait for a trivial script
    # while rendering stays a small part of the render.
    for query in ("a", "letter"):
        expected = api_count(query)
        started = time.monotonic()
        type_query(query, submit="enter")
        longest = 0.0
        while True:
            before = time.monotonic()
            state = driver.execute_script(
                "const t = document.getElementById('results');"
                "return t.dataset.query === arguments[0] && t.dataset.state === 'done';", query)
            longest = max(longest, time.monotonic() - before)
            if state or time.monotonic() - started > 30:
                break
            time.sleep(0.02)
        rows, caption = settled(query, timeout=1)
        took = time.monotonic() - started
        check(len(rows) == expected and caption == f"{expected} characters found",
              f"q={query} renders all {expected} rows in {took:.1f} s; longest script wait {longest * 1000:.0f} ms")
        # A page that rendered in one go would wait about the whole render
        # time; a loaded machine slows the render and its slices alike.
        check(longest < max(1.5 * TIME_SCALE, took / 3), f"the page stays responsive while rendering q={query}")
    driver.save_screenshot(str(artifacts / "large.png"))

    # /docs renders the OpenAPI document from the server alone and can try /search.
    driver.get(base + "/docs")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "section#search"))
    section = driver.find_element(By.CSS_SELECTOR, "section#search")
    check("/search" in section.text and "CharName" in driver.page_source, "/docs shows the search operation and its schema")
    section.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(driver, 10).until(lambda d: "200" in section.find_element(By.TAG_NAME, "pre").text)
    check("CAT FACE" in section.find_element(By.TAG_NAME, "pre").text, "Try it on /docs answers 200 with results")
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    check(all(r.startswith(base) for r in resources), f"/docs loads nothing from another host ({resources})")
    driver.save_screenshot(str(artifacts / "docs.png"))
finally:
    driver.quit()
print("browser test passed")
