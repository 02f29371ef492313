/// The search page at `/`: one self-contained document (no external files),
/// compiled into the binary.
///
/// Unlike the chapter's `form.html` it encodes the query
/// (`encodeURIComponent`, so `#`, `&` and `+` are searched, not parsed), searches
/// as you type (the last word as a prefix; Enter or the button search exactly),
/// keeps the query, mode and language in the address bar, renders long results
/// in slices between frames so that the page stays responsive, shows a row's
/// details on click or focus, and works from the keyboard (arrows move through
/// rows, Enter copies).
///
/// It searches character names (`/search`) or emoji by their CLDR names and
/// keywords in a chosen language (`/emoji`, the languages from
/// `/emoji/languages`); a pasted text goes to `/identify`, an emoji sequence as
/// one row, an invisible character shown by a stand-in. Each row's character is
/// a copy button; the copied text is kept in `document.body.dataset.copied`.
enum Page {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Mojifinder</title>
        <style>
          :root { color-scheme: light dark; --accent: #3b6ea8; --line: #8884; --muted: #888; }
          body { font: 16px/1.4 system-ui, sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
          h1 { font-size: 1.6rem; margin: 0 0 1rem; }
          form { display: grid; gap: .5rem; }
          .bar { display: flex; gap: .5rem; }
          input[type=search] { flex: 1; min-width: 0; font-size: 1.1rem; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: .4rem; }
          button { font-size: 1rem; padding: .45rem 1rem; border: 0; border-radius: .4rem; background: var(--accent); color: white; cursor: pointer; }
          .options { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1.4rem; }
          .options label { display: inline-flex; align-items: center; gap: .3rem; }
          [role=radiogroup] { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem 1rem; }
          .muted { color: var(--muted); }
          select { font: inherit; padding: .2rem .4rem; border: 1px solid var(--line); border-radius: .4rem; background: Canvas; color: CanvasText; max-width: 16rem; }
          label:has(input:disabled) { opacity: .5; }
          #status { min-height: 1.4em; margin: .5rem 0; color: var(--muted); }
          /* Fixed layout: column widths come from the header, so appending a slice of
             rows does not re-measure every row above it. */
          table { border-collapse: collapse; width: 100%; table-layout: fixed; }
          col.code { width: 7.5rem; } col.char { width: 5.5rem; }
          caption { text-align: left; font-weight: 600; padding: .4rem 0; }
          th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
          /* An emoji sequence lists all its code points, one per line if need be. */
          td.code { font-family: ui-monospace, monospace; overflow-wrap: normal; }
          td.char { padding: .1rem .3rem; cursor: copy; }
          /* The character is its own copy button; the icon is drawn by CSS, so the
             cell's text stays the character. */
          button.copy { display: inline-flex; align-items: center; gap: .25rem; max-width: 100%; padding: 0 .3rem;
            font: inherit; font-size: 1.6rem; line-height: 1.3; background: none; color: inherit; border-radius: .3rem; cursor: copy; }
          button.copy .glyph { min-width: 0; overflow-wrap: anywhere; }
          button.copy::after { content: ""; flex: none; width: .85rem; height: .85rem; background: currentColor; opacity: .3;
            -webkit-mask: var(--copy-icon) center / contain no-repeat; mask: var(--copy-icon) center / contain no-repeat; }
          :root { --copy-icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16' fill='none' stroke='black' stroke-width='1.5'%3E%3Crect x='5.5' y='5.5' width='8.5' height='8.5' rx='1.5'/%3E%3Cpath d='M10.5 5.5V3.5a1.5 1.5 0 0 0-1.5-1.5H3.5A1.5 1.5 0 0 0 2 3.5V9a1.5 1.5 0 0 0 1.5 1.5h2'/%3E%3C/svg%3E"); }
          button.copy:hover { background: #8882; }
          button.copy:hover::after, button.copy:focus-visible::after, tr:focus button.copy::after { opacity: .85; }
          button.copy:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
          tr:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
          .offscreen { position: fixed; top: 0; left: -9999px; opacity: 0; }
          #details { margin: .5rem 0; padding: .5rem .8rem; border: 1px solid var(--line); border-radius: .4rem; }
          #details[hidden] { display: none; }
          #details dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
          #details dt { color: var(--muted); } #details dd { margin: 0; font-family: ui-monospace, monospace; }
          #details dd:first-of-type { font-family: inherit; font-size: 1.5rem; line-height: 1.2; }
          footer { margin-top: 1.5rem; font-size: .85rem; color: var(--muted); }
        </style>
        </head>
        <body>
        <h1>Mojifinder</h1>
        <form id="form" role="search">
          <div class="bar">
            <input id="q" type="search" name="q" aria-label="Search" placeholder="Words (cat face), characters (🐱) or code points (U+2190..U+2193)" autocomplete="off" autofocus>
            <button id="go" type="submit">Search</button>
          </div>
          <div class="options">
            <div role="radiogroup" aria-labelledby="mode-label">
              <span id="mode-label" class="muted">Search</span>
              <label><input type="radio" name="mode" id="mode-names" value="names" checked> character names</label>
              <label><input type="radio" name="mode" id="mode-emoji" value="emoji"> emoji</label>
            </div>
            <label><span class="muted">Emoji names in</span>
              <select id="lang" name="lang"><option value="en">English</option></select></label>
            <label><input type="checkbox" id="tones" name="tones"> skin tones</label>
          </div>
        </form>
        <div id="status" aria-live="polite"></div>
        <section id="details" hidden aria-live="polite"><dl id="facts"></dl></section>
        <table id="results" data-state="idle" data-query="">
          <caption id="caption"></caption>
          <colgroup><col class="code"><col class="char"><col class="name"></colgroup>
          <thead><tr><th>Code</th><th>Char</th><th>Name</th></tr></thead>
          <tbody id="rows"></tbody>
        </table>
        <footer>Click a character, or press Enter on a row, to copy it; ↑ ↓ move through rows. Paste a text to see what it is made of. API: <a href="/docs">/docs</a> · <a href="/openapi.json">/openapi.json</a></footer>
        <script>
        "use strict";
        const input = document.getElementById("q");
        const table = document.getElementById("results");
        const rows = document.getElementById("rows");
        const caption = document.getElementById("caption");
        const statusLine = document.getElementById("status");
        const langSelect = document.getElementById("lang");
        const tonesBox = document.getElementById("tones");
        const details = document.getElementById("details");
        const facts = document.getElementById("facts");
        let generation = 0;      // each search bumps it; stale answers and renders stop
        let controller = null;   // aborts the request a newer search replaces
        let timer = null;
        let lastPrefix = false;  // how the shown answer was asked, for a change of mode or language
        let shownRow = null;     // the row whose details are shown
        const entries = new WeakMap();  // each row: what it shows and copies

        function code(text) {
          return Array.from(text, ch => "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")).join(" ");
        }

        function currentMode() {
          return document.getElementById("mode-emoji").checked ? "emoji" : "names";
        }

        // Blank means only spaces: a pasted tab or no-break space is identified.
        function isBlank(q) {
          return /^ *$/.test(q);
        }

        // Which endpoint answers: code points are listed by /search in either mode;
        // a pasted text goes to /identify. With names, that is a query none of whose
        // tokens is a name word or code point (a mixed query such as `cat face #` is
        // a name search that lists `#` first, as /search does). With emoji, words
        // may be in any language, so a text is one with anything but letters, marks,
        // digits, punctuation and spaces, or an emoji joiner, selector or keycap.
        const CODE_TOKEN = /^[Uu]\+[0-9A-Fa-f]{4,6}(?:\.\.[Uu]\+[0-9A-Fa-f]{4,6})?$/;
        const NAME_TOKEN = /^[A-Za-z0-9-]+$/;
        const EMOJI_TEXT = /[^\p{L}\p{M}\p{N}\p{P} ]|[\u200D\uFE0F\u20E3]/u;
        function endpoint(q, mode) {
          const tokens = q.split(" ").filter(Boolean);
          if (tokens.every(t => CODE_TOKEN.test(t))) return "search";
          if (mode === "emoji") return EMOJI_TEXT.test(q) ? "identify" : "emoji";
          return tokens.some(t => NAME_TOKEN.test(t) || CODE_TOKEN.test(t)) ? "search" : "identify";
        }

        function keepInAddressBar(q, mode, lang, tones) {
          const parts = [];
          if (!isBlank(q)) parts.push("q=" + encodeURIComponent(q));
          if (mode === "emoji") parts.push("mode=emoji");
          if (lang.toLowerCase() !== "en") parts.push("lang=" + encodeURIComponent(lang));
          if (tones) parts.push("tones=true");
          const url = "/" + (parts.length ? "?" + parts.join("&") : "");
          if (location.pathname + location.search !== url) history.replaceState(null, "", url);
        }

        function problem(response, body) {
          if (body && Array.isArray(body.detail)) return body.detail.map(d => d.msg).join("; ");
          if (body && body.detail) return String(body.detail);
          return response.statusText;
        }

        // Typing searches with the last word as a prefix; Enter and the button exactly.
        async function search(q, prefix = false) {
          clearTimeout(timer);
          const mine = ++generation;
          if (controller) controller.abort();
          lastPrefix = prefix;
          const mode = currentMode();
          const lang = langSelect.value || "en";
          const tones = mode === "emoji" && tonesBox.checked;
          keepInAddressBar(q, mode, lang, tones);
          table.dataset.state = "loading";
          table.dataset.query = q;
          table.dataset.mode = mode;
          table.dataset.lang = lang;
          if (isBlank(q)) { table.dataset.source = ""; show([], mine, "", ""); return; }
          const source = endpoint(q, mode);
          table.dataset.source = source;
          const params = ["q=" + encodeURIComponent(q)];
          if (prefix && source !== "identify") params.push("prefix=true");
          if (source !== "search" && lang.toLowerCase() !== "en") params.push("lang=" + encodeURIComponent(lang));
          if (tones && source === "emoji") params.push("tones=true");
          controller = new AbortController();
          try {
            const response = await fetch("/" + source + "?" + params.join("&"), { signal: controller.signal });
            const body = await response.json().catch(() => null);
            if (mine !== generation) return;
            if (!response.ok) { show([], mine, "Error " + response.status + ": " + problem(response, body), source); return; }
            if (!Array.isArray(body)) { show([], mine, "Search failed: the answer is not a list", source); return; }
            show(body, mine, null, source);
          } catch (error) {
            if (error.name !== "AbortError" && mine === generation) show([], mine, "Search failed: " + error.message, source);
          }
        }

        function captionFor(count, source) {
          if (source === "emoji") return count + " emoji found";
          if (source === "identify") return count === 1 ? "1 part identified" : count + " parts identified";
          return count === 1 ? "1 character found" : count + " characters found";
        }

        // A character that would show as nothing, or as a mark on the cell's edge,
        // gets a visible stand-in (as `mojifinder identify` does). `category` comes
        // with details; without it, the name's label or the browser's Unicode data decides.
        function visible(ch, category, name = "") {
          const cp = ch.codePointAt(0);
          const gc = category || (/^<(?:unassigned|noncharacter|surrogate)-/.test(name) ? "Cn" : /^\p{Cc}/u.test(ch) ? "Cc" : /^\p{Cf}/u.test(ch) ? "Cf" : /^\p{Zs}/u.test(ch) ? "Zs"
            : /^[\p{Zl}\p{Zp}]/u.test(ch) ? "Zl" : /^\p{M}/u.test(ch) ? "Mn" : "");
          if (gc === "Cc") return cp <= 0x1F ? String.fromCodePoint(0x2400 + cp) : cp === 0x7F ? "\u2421" : "\uFFFD";
          if (gc === "Cn" || gc === "Cs") return "\uFFFD";
          if (gc === "Zs") return "\u2423";
          if (gc === "Zl" || gc === "Zp") return "\u2424";
          if (gc === "Cf" || /^\p{Default_Ignorable_Code_Point}/u.test(ch)) return "\u2B1A";
          if (gc === "Mn" || gc === "Mc" || gc === "Me") return "\u25CC" + ch;
          return ch;
        }

        // One answer element as a row: /search gives {char, name} (or details),
        // /emoji the emoji shape, /identify either.
        function entryFor(item) {
          if (typeof item.emoji === "string") {
            return { text: item.emoji, shown: item.emoji, code: item.code || code(item.emoji), name: item.name, emoji: item };
          }
          const text = String(item.char);
          return { text, shown: visible(text, item.category, item.name), code: item.code || code(text), name: item.name,
            info: item.category ? item : null };
        }

        function rowFor(entry) {
          const tr = document.createElement("tr");
          tr.tabIndex = 0;
          const tdCode = document.createElement("td"); tdCode.className = "code"; tdCode.textContent = entry.code;
          const tdChar = document.createElement("td"); tdChar.className = "char";
          const button = document.createElement("button");
          button.type = "button"; button.className = "copy";
          button.setAttribute("aria-label", "Copy " + entry.shown);
          button.title = "Copy " + entry.shown;
          const glyph = document.createElement("span"); glyph.className = "glyph"; glyph.textContent = entry.shown;
          button.append(glyph);
          tdChar.append(button);
          const tdName = document.createElement("td"); tdName.textContent = entry.name;
          if (entry.emoji) tdName.title = entry.emoji.group + " › " + entry.emoji.subgroup;
          tr.append(tdCode, tdChar, tdName);
          entries.set(tr, entry);
          return tr;
        }

        // Large answers (q=a has thousands) go in slices between frames, so typing
        // and scrolling never wait for the whole table.
        function show(found, mine, message, source) {
          rows.replaceChildren();
          details.hidden = true;
          shownRow = null;
          caption.textContent = message !== null ? "" : captionFor(found.length, source);
          statusLine.textContent = message || "";
          let next = 0;
          function slice() {
            if (mine !== generation) return;
            const fragment = document.createDocumentFragment();
            const end = Math.min(found.length, next + 250);
            for (; next < end; next++) fragment.append(rowFor(entryFor(found[next])));
            rows.append(fragment);
            if (next < found.length) requestAnimationFrame(slice);
            else table.dataset.state = "done";
          }
          slice();
        }

        // The old way, for plain http on another host (no Clipboard API) or a refusal.
        function copyWithTextarea(text) {
          const focused = document.activeElement;
          const area = document.createElement("textarea");
          area.value = text; area.readOnly = true; area.className = "offscreen";
          area.setAttribute("aria-hidden", "true");
          document.body.append(area);
          area.select();
          let copied = false;
          try { copied = document.execCommand("copy"); } catch { copied = false; }
          area.remove();
          if (focused && focused !== document.body) focused.focus({ preventScroll: true });
          return copied;
        }

        async function copy(entry) {
          let copied = false;
          try {
            if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error("no Clipboard API");
            await navigator.clipboard.writeText(entry.text);
            copied = true;
          } catch {
            copied = copyWithTextarea(entry.text);
          }
          if (copied) {
            document.body.dataset.copied = entry.text;
            statusLine.textContent = "Copied " + entry.shown + " (" + entry.code + ")";
          } else {
            statusLine.textContent = "Could not copy " + entry.shown + ": select it and press Ctrl+C";
          }
        }

        // A row's details: an emoji's come with it, identified characters' too;
        // a name search's come from the API (fields=details), asked by code point.
        function showFacts(labels, shownCode) {
          facts.replaceChildren(...labels.flatMap(([label, value]) => {
            const dt = document.createElement("dt"); dt.textContent = label;
            const dd = document.createElement("dd"); dd.textContent = value;
            return [dt, dd];
          }));
          details.dataset.code = shownCode;
          details.hidden = false;
        }
        function characterFacts(info) {
          return [["Character", visible(String(info.char), info.category, info.name)], ["Name", info.name], ["Code", info.code],
            ["Category", info.category], ["Age", info.age ? "Unicode " + info.age : "unassigned"],
            ["UTF-8", info.utf8], ["HTML", info.html]];
        }
        async function showDetails(row) {
          const entry = entries.get(row);
          if (!entry || row === shownRow) return;
          shownRow = row;
          if (entry.emoji) {
            const { emoji, name, code: codes, group, subgroup } = entry.emoji;
            showFacts([["Emoji", emoji], ["Name", name], ["Code", codes], ["Group", group], ["Subgroup", subgroup]], entry.code);
            return;
          }
          if (entry.info) { showFacts(characterFacts(entry.info), entry.code); return; }
          try {
            const response = await fetch("/search?fields=details&q=" + encodeURIComponent(entry.code));
            const [info] = await response.json();
            if (shownRow !== row || !info) return;
            showFacts(characterFacts(info), info.code);
          } catch (error) {
            statusLine.textContent = "Details failed: " + error.message;
          }
        }

        rows.addEventListener("click", event => {
          const row = event.target.closest("tr");
          if (!row) return;
          row.focus();
          showDetails(row);
          if (event.target.closest("td.char")) copy(entries.get(row));
        });
        // Focus from the keyboard shows a row's details at once; focus from a press
        // waits for its click, since the details opening above the table would move
        // the row away from under the pointer before the button is released.
        let pressing = false;
        rows.addEventListener("pointerdown", () => { pressing = true; });
        document.addEventListener("pointerup", () => setTimeout(() => { pressing = false; }), true);
        document.addEventListener("pointercancel", () => { pressing = false; }, true);
        rows.addEventListener("focusin", event => {
          const row = event.target.closest("tr");
          if (row && !pressing) showDetails(row);
        });
        rows.addEventListener("keydown", event => {
          const row = event.target.closest("tr");
          if (!row) return;
          if (event.key === "ArrowDown" && row.nextElementSibling) row.nextElementSibling.focus();
          else if (event.key === "ArrowUp") (row.previousElementSibling || input).focus();
          else if (event.key === "Enter") copy(entries.get(row));
          else return;
          event.preventDefault();
        });
        input.addEventListener("keydown", event => {
          if (event.key === "ArrowDown" && rows.firstElementChild) {
            event.preventDefault();
            rows.firstElementChild.focus();
          }
        });
        input.addEventListener("input", () => {
          clearTimeout(timer);
          timer = setTimeout(() => search(input.value, true), 250);
        });
        document.getElementById("form").addEventListener("submit", event => {
          event.preventDefault();
          search(input.value);
        });

        // Mode, language and skin tones: the same query asked again.
        function syncOptions() {
          const emoji = currentMode() === "emoji";
          tonesBox.disabled = !emoji;
          input.placeholder = emoji ? "Words in the chosen language (smile, sorriso) or emoji (🇵🇹👍🏽)"
            : "Words (cat face), characters (🐱) or code points (U+2190..U+2193)";
        }
        function optionsChanged() {
          syncOptions();
          search(input.value, lastPrefix);
        }
        for (const radio of document.querySelectorAll("input[name=mode]")) radio.addEventListener("change", optionsChanged);
        langSelect.addEventListener("change", optionsChanged);
        tonesBox.addEventListener("change", optionsChanged);

        // Codes compare as CLDR does: case-insensitive, `-` or `_`.
        const sameLang = (a, b) => a.toLowerCase().replace(/-/g, "_") === b.toLowerCase().replace(/-/g, "_");
        function selectLang(wanted) {
          let option = Array.from(langSelect.options).find(o => sameLang(o.value, wanted));
          if (!option) { option = new Option(wanted, wanted); langSelect.append(option); }
          langSelect.value = option.value;
        }
        async function loadLanguages() {
          try {
            const response = await fetch("/emoji/languages");
            if (!response.ok) return;
            const languages = await response.json();
            if (!Array.isArray(languages) || !languages.length) return;
            const wanted = langSelect.value;
            langSelect.replaceChildren(...languages.map(({ code: lang, name, nativeName }) =>
              new Option(nativeName && nativeName !== name ? nativeName + " (" + name + ")" : name || lang, lang)));
            selectLang(wanted);
            langSelect.dataset.loaded = "true";
          } catch {
            // The select keeps English (and a language from the URL); searches still work.
          }
        }

        const start = new URLSearchParams(location.search);
        document.getElementById(start.get("mode") === "emoji" ? "mode-emoji" : "mode-names").checked = true;
        if (start.get("lang")) selectLang(start.get("lang"));
        tonesBox.checked = start.get("tones") === "true";
        syncOptions();
        loadLanguages();
        const initial = start.get("q");
        if (initial) { input.value = initial; search(initial); }
        </script>
        </body>
        </html>
        """#
}
