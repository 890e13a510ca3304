/**
 * `npm run preview`: builds the preview (tools/preview/build.ts) and serves it on localhost —
 * the page from build/preview, SLDS from node_modules. Options: `--port N` (default 4173, or
 * PORT), `--no-build` (serve the last build), `--production` (smaller, faster bundle).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { OUT_DIR, ROOT, buildPreview } from './build';

const SLDS_ASSETS = path.join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The file a URL path names, or null when it is outside the served folders. */
function fileFor(urlPath: string): string | null {
  const clean = decodeURIComponent(urlPath.split('?')[0]);
  const [base, rest] = clean.startsWith('/slds/')
    ? [SLDS_ASSETS, clean.slice('/slds/'.length)]
    : [OUT_DIR, clean === '/' ? 'index.html' : clean.slice(1)];
  const file = path.resolve(base, rest);
  if (!file.startsWith(base + path.sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Serves the built preview; resolves once listening (port 0 picks a free port). */
export function startServer(port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const file = fileFor(request.url ?? '/');
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      resolve({ server, url: `http://localhost:${address.port}/` });
    });
  });
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(option('--port') ?? process.env.PORT ?? 4173);
  if (!process.argv.includes('--no-build')) {
    const mode = process.argv.includes('--production') ? 'production' : 'development';
    const built = await buildPreview({ mode });
    console.log(`preview: built in ${built.seconds.toFixed(1)} s (${mode})`);
  } else if (!existsSync(path.join(OUT_DIR, 'app.js'))) {
    throw new Error('no build in build/preview: run npm run preview without --no-build');
  }
  const { url } = await startServer(port);
  console.log(`preview: Close Won with sample data at ${url}  (Ctrl+C stops)`);
  console.log(`preview: scenarios via the page's Scenario menu, or ${url}?scenario=blocked`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`preview: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
