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
from selenium.webdriver.support.ui import Select, WebDriverWait

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


def api(path, **params):
    """The server's JSON answer to GET path?params."""
    url = f"{base}{path}?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def settled(query, timeout=15, **expected):
    """Waits until the page has finished rendering the answer to `query`; with
    `source=`, `mode=` or `lang=`, the answer from that endpoint, mode or language."""
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "const t = document.getElementById('results');"
        "return t.dataset.query === arguments[0] && t.dataset.state === 'done'"
        " && Object.entries(arguments[1]).every(([k, v]) => t.dataset[k] === v);", query, expected))
    rows = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
    caption = driver.find_element(By.ID, "caption").text
    return rows, caption


def row_texts():
    """Each row's cells as text (textContent: astral characters and joiners kept exactly)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#rows tr'), tr =>"
        " Array.from(tr.cells, td => td.textContent.replace(/\\s+/g, ' ').trim()));")


def paste(text):
    """Sets the box as a paste does (value, then an input event), then searches
    exactly: chromedriver's send_keys may not type astral characters."""
    driver.execute_script(
        "const box = document.getElementById('q'); box.value = arguments[0];"
        "box.dispatchEvent(new Event('input', { bubbles: true }));"
        "document.getElementById('form').requestSubmit();", text)


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
    # The page copies with navigator.clipboard; reading it back needs permission.
    try:
        driver.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        clipboard_granted = True
    except Exception as error:  # an older Chromium may not know these permissions
        clipboard_granted = False
        print(f"note: clipboard permissions not granted ({error})")

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

    # A pasted text is identified: an emoji sequence is one row, with its CLDR
    # name and all its code points.
    driver.get(base + "/")
    family = "\U0001F468\u200D\U0001F469\u200D\U0001F467"
    paste(family)
    rows, caption = settled(family, source="identify")
    cells = row_texts()
    check(cells == [["U+1F468 U+200D U+1F469 U+200D U+1F467", family, "family: man, woman, girl"]],
          f"pasting the family 👨‍👩‍👧 shows one row, 'family: man, woman, girl' (got {cells})")
    check(caption == "1 part identified", f"caption is '1 part identified' (got {caption!r})")
    flag_and_thumb = "\U0001F1F5\U0001F1F9\U0001F44D\U0001F3FD"
    paste(flag_and_thumb)
    rows, caption = settled(flag_and_thumb, source="identify")
    cells = row_texts()
    check([c[2] for c in cells] == ["flag: Portugal", "thumbs up: medium skin tone"]
          and [c[1] for c in cells] == ["\U0001F1F5\U0001F1F9", "\U0001F44D\U0001F3FD"]
          and cells[0][0] == "U+1F1F5 U+1F1F9",
          f"pasting 🇵🇹👍🏽 shows two rows, the flag and the thumb with its tone (got {cells})")
    # Invisible characters never leave the Char column empty.
    invisible = "e\u0301\u00A0\u200B\u0007"
    paste(invisible)
    rows, caption = settled(invisible, source="identify")
    cells = row_texts()
    check([c[1] for c in cells] == ["e", "\u25CC\u0301", "\u2423", "\u2B1A", "\u2407"]
          and [c[0] for c in cells] == ["U+0065", "U+0301", "U+00A0", "U+200B", "U+0007"],
          f"a combining mark, a no-break space, a format and a control character get stand-ins (got {cells})")
    check(all(len(c) == 3 and c[1] for c in cells), "no Char cell is empty")

    # Emoji mode searches CLDR names and keywords; the mode is kept in the URL.
    driver.find_element(By.ID, "mode-emoji").click()
    type_query("portugal", submit="enter")
    rows, caption = settled("portugal", mode="emoji", source="emoji")
    cells = row_texts()
    expected = api("/emoji", q="portugal")
    check(["\U0001F1F5\U0001F1F9", "flag: Portugal"] in [c[1:] for c in cells],
          f"emoji mode: 'portugal' shows 🇵🇹 'flag: Portugal' (got {cells})")
    check([c[1:] for c in cells] == [[e["emoji"], e["name"]] for e in expected],
          "emoji mode shows /emoji's answer, in its order")
    check(caption == f"{len(expected)} emoji found", f"caption is '{len(expected)} emoji found' (got {caption!r})")
    check(driver.current_url == base + "/?q=portugal&mode=emoji",
          f"the address bar keeps the query and the mode (got {driver.current_url})")

    # The language select lists /emoji/languages by native name; Portuguese finds 😄 by 'sorriso'.
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "lang").get_attribute("data-loaded") == "true")
    languages = api("/emoji/languages")
    select = Select(driver.find_element(By.ID, "lang"))
    check(len(select.options) == len(languages) and select.first_selected_option.get_attribute("value") == "en",
          f"the language select lists the {len(languages)} languages, English chosen ({len(select.options)} options)")
    portuguese = next(o for o in select.options if o.get_attribute("value") == "pt")
    check("português" in portuguese.text, f"languages show their native names ({portuguese.text!r})")
    select.select_by_value("pt")
    type_query("sorriso", submit="enter")
    rows, caption = settled("sorriso", mode="emoji", source="emoji", lang="pt")
    cells = row_texts()
    expected = api("/emoji", q="sorriso", lang="pt")
    grinning = next((c for c in cells if c[1] == "\U0001F604"), None)
    english = next((e["name"] for e in api("/emoji", q="grinning face with smiling eyes") if e["emoji"] == "\U0001F604"),
                   "grinning face with smiling eyes")
    check(grinning is not None, f"lang=pt: 'sorriso' shows 😄 among {len(cells)} rows")
    check([c[1:] for c in cells] == [[e["emoji"], e["name"]] for e in expected] and grinning[2] != english,
          f"the names are Portuguese, as /emoji?lang=pt answers (😄 is {grinning[2]!r}, not {english!r})")
    check(driver.current_url == base + "/?q=sorriso&mode=emoji&lang=pt", f"the URL keeps the language ({driver.current_url})")

    # Each row has a copy button, labelled with its character; it copies the
    # character (document.body.dataset.copied records it) and says so.
    first = rows[0]
    char = row_texts()[0][1]
    button = first.find_element(By.CSS_SELECTOR, "button.copy")
    check(button.get_attribute("aria-label") == "Copy " + char, f"the copy button is labelled 'Copy {char}'")
    button.click()
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.body.dataset.copied") == char)
    WebDriverWait(driver, 5).until(lambda d: ("Copied " + char) in d.execute_script(
        "return document.getElementById('status').textContent"))
    check(True, f"the copy button copies {char} and the status says 'Copied {char}'")
    driver.set_script_timeout(10)
    try:
        clipboard = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "if (!navigator.clipboard || !navigator.clipboard.readText) { done({ error: 'no Clipboard API' }); return; }"
            "navigator.clipboard.readText().then(text => done({ text }), error => done({ error: String(error) }));")
    except Exception as error:  # a read left waiting on a permission prompt
        clipboard = {"error": type(error).__name__}
    if "text" in clipboard:
        check(clipboard["text"] == char, f"the clipboard holds {char} (read {clipboard['text']!r})")
    else:
        print(f"note: the clipboard could not be read back here ({clipboard['error']});"
              f" granted: {clipboard_granted}; document.body.dataset.copied was checked instead")
    driver.save_screenshot(str(artifacts / "emoji.png"))
    print(f"screenshot: {artifacts / 'emoji.png'}")
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                               {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        driver.save_screenshot(str(artifacts / "emoji-dark.png"))
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    except Exception as error:
        print(f"note: no dark screenshot ({error})")

    # A shared emoji URL brings back its mode, language and rows.
    driver.get(base + "/?q=sorriso&mode=emoji&lang=pt")
    rows, caption = settled("sorriso", mode="emoji", source="emoji", lang="pt")
    check(row_texts() == cells and driver.find_element(By.ID, "mode-emoji").is_selected()
          and Select(driver.find_element(By.ID, "lang")).first_selected_option.get_attribute("value") == "pt",
          "loading /?q=sorriso&mode=emoji&lang=pt shows the same rows, in emoji mode and Portuguese")

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
