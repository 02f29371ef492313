/// The search page at `/`: one self-contained document (no external files),
/// compiled into the binary.
///
/// Unlike the chapter's `form.html` it encodes the query
/// (`encodeURIComponent`, so `#`, `&` and `+` are searched, not parsed), searches
/// as you type (the last word as a prefix; Enter or the button search exactly),
/// keeps the query in the address bar, renders long results in slices between
/// frames so that the page stays responsive, shows a row's details on click or
/// focus, and works from the keyboard (arrows move through rows, Enter copies).
enum Page {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Mojifinder</title>
        <style>
          :root { color-scheme: light dark; --accent: #3b6ea8; --line: #8884; }
          body { font: 16px/1.4 system-ui, sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
          h1 { font-size: 1.6rem; margin: 0 0 1rem; }
          form { display: flex; gap: .5rem; }
          input[type=search] { flex: 1; font-size: 1.1rem; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: .4rem; }
          button { font-size: 1rem; padding: .45rem 1rem; border: 0; border-radius: .4rem; background: var(--accent); color: white; cursor: pointer; }
          #status { min-height: 1.4em; margin: .5rem 0; color: #888; }
          /* Fixed layout: column widths come from the header, so appending a slice of
             rows does not re-measure every row above it. */
          table { border-collapse: collapse; width: 100%; table-layout: fixed; }
          col.code { width: 7.5rem; } col.char { width: 4.5rem; }
          caption { text-align: left; font-weight: 600; padding: .4rem 0; }
          th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
          td.code { font-family: ui-monospace, monospace; white-space: nowrap; }
          td.char { font-size: 1.6rem; cursor: copy; }
          td.char:hover { background: #8882; }
          tr:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
          #details { margin: .5rem 0; padding: .5rem .8rem; border: 1px solid var(--line); border-radius: .4rem; }
          #details[hidden] { display: none; }
          #details dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
          #details dt { color: #888; } #details dd { margin: 0; font-family: ui-monospace, monospace; }
          footer { margin-top: 1.5rem; font-size: .85rem; color: #888; }
        </style>
        </head>
        <body>
        <h1>Mojifinder</h1>
        <form id="form" role="search">
          <input id="q" type="search" name="q" placeholder="Words (cat face), characters (🐱) or code points (U+2190..U+2193)" autocomplete="off" autofocus>
          <button id="go" type="submit">Search</button>
        </form>
        <div id="status" aria-live="polite"></div>
        <section id="details" hidden aria-live="polite"><dl id="facts"></dl></section>
        <table id="results" data-state="idle" data-query="">
          <caption id="caption"></caption>
          <colgroup><col class="code"><col class="char"><col class="name"></colgroup>
          <thead><tr><th>Code</th><th>Char</th><th>Name</th></tr></thead>
          <tbody id="rows"></tbody>
        </table>
        <footer>Click a character, or press Enter on a row, to copy it; ↑ ↓ move through rows. API: <a href="/docs">/docs</a> · <a href="/openapi.json">/openapi.json</a></footer>
        <script>
        "use strict";
        const input = document.getElementById("q");
        const table = document.getElementById("results");
        const rows = document.getElementById("rows");
        const caption = document.getElementById("caption");
        const statusLine = document.getElementById("status");
        let generation = 0;      // each search bumps it; stale answers and renders stop
        let controller = null;   // aborts the request a newer search replaces
        let timer = null;

        function code(ch) {
          return "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
        }

        function keepInAddressBar(q) {
          const url = q.trim() ? "/?q=" + encodeURIComponent(q) : "/";
          if (location.pathname + location.search !== url) history.replaceState(null, "", url);
        }

        // Typing searches with the last word as a prefix; Enter and the button exactly.
        async function search(q, prefix = false) {
          clearTimeout(timer);
          const mine = ++generation;
          if (controller) controller.abort();
          keepInAddressBar(q);
          table.dataset.state = "loading";
          table.dataset.query = q;
          if (!q.trim()) { show([], mine, ""); return; }
          controller = new AbortController();
          try {
            const url = "/search?q=" + encodeURIComponent(q) + (prefix ? "&prefix=true" : "");
            const response = await fetch(url, { signal: controller.signal });
            const body = await response.json();
            if (mine !== generation) return;
            if (!response.ok) {
              const detail = Array.isArray(body.detail) ? body.detail.map(d => d.msg).join("; ") : body.detail;
              show([], mine, "Error " + response.status + ": " + detail);
              return;
            }
            show(body, mine, null);
          } catch (error) {
            if (error.name !== "AbortError" && mine === generation) show([], mine, "Search failed: " + error.message);
          }
        }

        // Large answers (q=a has thousands) go in slices between frames, so typing
        // and scrolling never wait for the whole table.
        function show(found, mine, message) {
          rows.replaceChildren();
          details.hidden = true;
          caption.textContent = message !== null ? "" :
            found.length === 1 ? "1 character found" : found.length + " characters found";
          statusLine.textContent = message || "";
          let next = 0;
          function slice() {
            if (mine !== generation) return;
            const fragment = document.createDocumentFragment();
            const end = Math.min(found.length, next + 250);
            for (; next < end; next++) {
              const { char, name } = found[next];
              const tr = document.createElement("tr");
              tr.tabIndex = 0;
              const tdCode = document.createElement("td"); tdCode.className = "code"; tdCode.textContent = code(char);
              const tdChar = document.createElement("td"); tdChar.className = "char"; tdChar.textContent = char;
              tdChar.title = "Copy " + char;
              const tdName = document.createElement("td"); tdName.textContent = name;
              tr.append(tdCode, tdChar, tdName);
              fragment.append(tr);
            }
            rows.append(fragment);
            if (next < found.length) requestAnimationFrame(slice);
            else table.dataset.state = "done";
          }
          slice();
        }

        async function copy(text) {
          try {
            await navigator.clipboard.writeText(text);
          } catch {
            // Clipboard API unavailable (plain http on another host): the old way.
            const area = document.createElement("textarea");
            area.value = text; document.body.append(area); area.select();
            document.execCommand("copy"); area.remove();
          }
          statusLine.textContent = "Copied " + text + " (" + code(text) + ")";
        }

        // A row's details come from the API (fields=details), asked by code point.
        const details = document.getElementById("details");
        const facts = document.getElementById("facts");
        let shownCode = null;
        async function showDetails(row) {
          const rowCode = row.querySelector("td.code").textContent;
          if (rowCode === shownCode) return;
          shownCode = rowCode;
          try {
            const response = await fetch("/search?fields=details&q=" + encodeURIComponent(rowCode));
            const [info] = await response.json();
            if (shownCode !== rowCode || !info) return;
            const labels = [["Character", info.char], ["Name", info.name], ["Code", info.code],
              ["Category", info.category], ["Age", info.age ? "Unicode " + info.age : "unassigned"],
              ["UTF-8", info.utf8], ["HTML", info.html]];
            facts.replaceChildren(...labels.flatMap(([label, value]) => {
              const dt = document.createElement("dt"); dt.textContent = label;
              const dd = document.createElement("dd"); dd.textContent = value;
              return [dt, dd];
            }));
            details.dataset.code = info.code;
            details.hidden = false;
          } catch (error) {
            statusLine.textContent = "Details failed: " + error.message;
          }
        }

        rows.addEventListener("click", event => {
          const row = event.target.closest("tr");
          if (row) { row.focus(); showDetails(row); }
          const cell = event.target.closest("td.char");
          if (cell) copy(cell.textContent);
        });
        rows.addEventListener("focusin", event => {
          const row = event.target.closest("tr");
          if (row) showDetails(row);
        });
        rows.addEventListener("keydown", event => {
          const row = event.target.closest("tr");
          if (!row) return;
          if (event.key === "ArrowDown" && row.nextElementSibling) row.nextElementSibling.focus();
          else if (event.key === "ArrowUp") (row.previousElementSibling || input).focus();
          else if (event.key === "Enter") copy(row.querySelector("td.char").textContent);
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

        const initial = new URLSearchParams(location.search).get("q");
        if (initial) { input.value = initial; search(initial); }
        </script>
        </body>
        </html>
        """#
}
