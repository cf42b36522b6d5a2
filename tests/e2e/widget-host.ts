/**
 * A tiny static web server standing in for a station's website: another origin on loopback that
 * embeds the widget. Each test file starts its own on a free port and stops it afterwards.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostSite {
  origin: string;
  /** Serves `html` at `path` (e.g. "/zwei.html"). */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

/** Starts a host site on `address` (127.0.0.1 is on the demo allowlist, 127.0.0.2 is not). */
export async function startHostSite(address: string): Promise<HostSite> {
  const pages = new Map<string, string>();
  const server = http.createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? '/', 'http://host').pathname);
    response.writeHead(html === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html ?? 'nicht gefunden');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, resolve);
  });
  const origin = `http://${address}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(path, html) {
      pages.set(path, html);
      return `${origin}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A host page around the given snippets. Before any snippet it notes the window's own property
 * names (to prove the loader leaks none) and records every height the frames are given.
 */
export function hostPage(title: string, snippets: Array<{ width: number; html: string }>): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>${title}</title>
<script>
  window.hostBefore = Object.getOwnPropertyNames(window);
  window.hostHeights = [];
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      var frame = record.target;
      if (frame.tagName === 'IFRAME' && frame.style.height) window.hostHeights.push([frame.src, frame.style.height]);
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['style'] });
</script>
</head>
<body style="margin:0;font-family:sans-serif">
<main>
<h1>${title}</h1>
${snippets.map((snippet, index) => `<div class="spalte" style="width:${snippet.width}px">\n${snippet.html}\n</div>\n<p>Absatz nach Widget ${index + 1}</p>`).join('\n')}
</main>
</body>
</html>`;
}
