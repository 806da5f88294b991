// The API reference page: Swagger UI (swagger-ui-dist, a kept library), not hand-written HTML.
// The page and its start script are tiny and made here; the library's files are read from
// swagger-ui-dist on first request (Node, Bun, Deno) or taken from `assetsUrl` (Workers).

/** The files of the page under its path: the library's, and the start script. */
export const referenceFiles: Record<string, string> = {
    'swagger-ui.css': 'text/css; charset=utf-8',
    'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
    'start.js': 'text/javascript; charset=utf-8',
};

const escapeHtml = (s: string): string =>
    s.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c] as string);

/** The page's HTML: the library's CSS and bundle, then the start script (no inline script: a strict CSP can stay). */
export function referenceHtml(title: string, pagePath: string, assetsUrl: string | undefined): string {
    const assets = assetsUrl ?? pagePath;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(assets)}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${escapeHtml(assets)}/swagger-ui-bundle.js"></script>
<script src="${escapeHtml(pagePath)}/start.js"></script>
</body>
</html>
`;
}

/** The start script: Swagger UI on the document's URL. */
export function referenceStartScript(documentPath: string): string {
    return `window.ui = SwaggerUIBundle({url: ${JSON.stringify(documentPath)}, dom_id: '#swagger-ui', deepLinking: true});\n`;
}

/** A file of swagger-ui-dist, as text; read once. */
export async function swaggerUiFile(name: string): Promise<string> {
    const {createRequire} = await import('node:module');
    const {readFile} = await import('node:fs/promises');
    const {dirname, join} = await import('node:path');
    let dir: string;
    try {
        dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    } catch {
        throw new Error('the API reference page needs swagger-ui-dist: npm install swagger-ui-dist (or set reference.assetsUrl)');
    }
    return readFile(join(dir, name), 'utf8');
}
