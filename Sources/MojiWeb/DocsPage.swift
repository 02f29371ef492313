/// `/docs`: a small reader for `/openapi.json`, compiled into the binary, so
/// the API's documentation works offline (FastAPI's `/docs` loads Swagger UI
/// from a CDN). It lists each operation with its parameters and responses,
/// the schemas, and a form to try GET operations.
enum DocsPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>API docs</title>
        <style>
          :root { color-scheme: light dark; --line: #8884; }
          body { font: 15px/1.45 system-ui, sans-serif; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; }
          h1 { margin-bottom: .2rem; } .version { color: #888; }
          section.op { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem 1rem; margin: 1rem 0; }
          .method { font-weight: 700; text-transform: uppercase; background: #3b6ea8; color: white; border-radius: .3rem; padding: .1rem .5rem; margin-right: .5rem; }
          code, pre { font-family: ui-monospace, monospace; }
          pre { background: #8881; padding: .5rem; border-radius: .3rem; overflow-x: auto; max-height: 24rem; }
          table { border-collapse: collapse; margin: .3rem 0; }
          th, td { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
          form { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin-top: .5rem; }
        </style>
        </head>
        <body>
        <div id="doc">Loading <a href="/openapi.json">/openapi.json</a>…</div>
        <script>
        "use strict";
        const el = (tag, props = {}, ...children) => {
          const node = Object.assign(document.createElement(tag), props);
          node.append(...children.filter(c => c !== null && c !== undefined));
          return node;
        };
        let spec;
        // Descriptions use `code` spans: odd pieces between backticks become <code>.
        const prose = text => el("span", {}, ...(text || "").split("`").map((piece, i) => i % 2 ? el("code", {}, piece) : piece));
        function resolve(schema) {
          if (schema && schema.$ref) return resolve(schema.$ref.split("/").slice(1).reduce((o, k) => o[k], spec));
          return schema || {};
        }
        function describe(schema) {
          if (!schema) return "";
          if (schema.$ref) return schema.$ref.split("/").pop();
          if (schema.type === "array") return describe(schema.items) + "[]";
          if (schema.anyOf) return schema.anyOf.map(describe).join(" | ");
          let text = schema.type || "any";
          if (schema.maxLength !== undefined) text += " (max " + schema.maxLength + " characters)";
          return text;
        }
        function parametersTable(parameters) {
          return el("table", {},
            el("tr", {}, el("th", {}, "Name"), el("th", {}, "In"), el("th", {}, "Type"), el("th", {}, "Required"), el("th", {}, "Description")),
            ...parameters.map(p => el("tr", {},
              el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, describe(p.schema)),
              el("td", {}, p.required ? "yes" : "no"), el("td", {}, prose(p.description)))));
        }
        function responsesTable(responses) {
          return el("table", {},
            el("tr", {}, el("th", {}, "Status"), el("th", {}, "Description"), el("th", {}, "Body"), el("th", {}, "Headers")),
            ...Object.entries(responses).map(([status, r]) => el("tr", {},
              el("td", {}, el("code", {}, status)), el("td", {}, prose(r.description)),
              el("td", {}, Object.entries(r.content || {}).map(([type, c]) => type + ": " + describe(c.schema)).join(", ")),
              el("td", {}, Object.keys(r.headers || {}).join(", ")))));
        }
        function tryIt(path, op) {
          const queryParameters = (op.parameters || []).filter(p => p.in === "query");
          const inputs = queryParameters.map(p => el("input", { name: p.name, placeholder: p.name, value: p.example || "" }));
          const output = el("pre", { hidden: true });
          const form = el("form", {}, ...inputs, el("button", { type: "submit" }, "Try it"));
          form.addEventListener("submit", async event => {
            event.preventDefault();
            const query = new URLSearchParams();
            // Optional parameters left empty are left out, as a client library would.
            inputs.forEach((i, k) => { if (i.value !== "" || queryParameters[k].required) query.append(i.name, i.value); });
            const url = path + "?" + query.toString();
            const response = await fetch(url);
            const text = await response.text();
            let body = text;
            try { body = JSON.stringify(JSON.parse(text), null, 2); } catch {}
            output.hidden = false;
            output.textContent = "GET " + url + "\n" + response.status + " " + response.statusText + "\n\n" + body;
          });
          return el("div", {}, form, output);
        }
        function render() {
          const doc = document.getElementById("doc");
          document.title = spec.info.title + " - API docs";
          doc.replaceChildren(
            el("h1", {}, spec.info.title, " ", el("span", { className: "version" }, spec.info.version)),
            el("p", {}, prose(spec.info.description)),
            el("p", {}, "OpenAPI ", spec.openapi, ": ", el("a", { href: "/openapi.json" }, "openapi.json"), " · ",
              el("a", { href: "/openapi.yaml" }, "openapi.yaml")));
          for (const [path, item] of Object.entries(spec.paths)) {
            for (const [method, op] of Object.entries(item)) {
              doc.append(el("section", { className: "op", id: op.operationId },
                el("h2", {}, el("span", { className: "method" }, method), el("code", {}, path), " ", op.summary || ""),
                el("p", {}, prose(op.description)),
                op.parameters ? el("h3", {}, "Parameters") : null,
                op.parameters ? parametersTable(op.parameters) : null,
                el("h3", {}, "Responses"), responsesTable(op.responses),
                method === "get" ? tryIt(path, op) : null));
            }
          }
          doc.append(el("h2", {}, "Schemas"));
          for (const [name, schema] of Object.entries(spec.components?.schemas || {})) {
            const properties = resolve(schema).properties || {};
            const required = new Set(schema.required || []);
            doc.append(el("h3", { id: "schema-" + name }, name),
              el("table", {},
                el("tr", {}, el("th", {}, "Field"), el("th", {}, "Type"), el("th", {}, "Required"), el("th", {}, "Description")),
                ...Object.entries(properties).map(([field, s]) => el("tr", {},
                  el("td", {}, el("code", {}, field)), el("td", {}, describe(s)),
                  el("td", {}, required.has(field) ? "yes" : "no"), el("td", {}, prose(s.description))))));
          }
        }
        fetch("/openapi.json").then(r => r.json()).then(json => { spec = json; render(); })
          .catch(error => { document.getElementById("doc").textContent = "Could not load /openapi.json: " + error; });
        </script>
        </body>
        </html>
        """#
}
