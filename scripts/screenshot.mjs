// Makes the README's picture of a real report. Runs the bundled CLI on examples/bench under every
// allocator in the stand-in Alpaquita images the tests use, saves the markdown report as
// docs/example-report.md, renders it as a pull-request comment would look (markdown with marked,
// the mermaid chart with mermaid's browser bundle, our own stylesheet) and screenshots the page with
// headless Chromium into docs/report.png.
//
// Needs: a Docker engine, `npm run bundle` done, Chromium (Debian: apt-get install -y chromium) and,
// for the report's emoji, a colour emoji font (Debian: fonts-noto-color-emoji).
// Environment: MUSL_IMAGE and GLIBC_IMAGE to use other images than the stand-ins; CHROMIUM for
// the browser binary; RUNS for the measured runs per cell (default 10).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marked } from 'marked';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'dist', 'cli', 'index.js');
const mermaidBundle = path.join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
const outPng = path.join(root, 'docs', 'report.png');
const outMarkdown = path.join(root, 'docs', 'example-report.md');
const WIDTH = 1280;
const COMMAND = ['./alloc-churn', '500000'];

function fail(message) {
  console.error(`screenshot: ${message}`);
  process.exit(1);
}

function findChromium() {
  const candidates = process.env.CHROMIUM
    ? [process.env.CHROMIUM]
    : ['chromium', 'chromium-browser', 'google-chrome'];
  for (const name of candidates) {
    if (spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0) return name;
  }
  fail(
    `no Chromium found (tried ${candidates.join(', ')}); install it (Debian: apt-get install -y chromium) or set CHROMIUM`,
  );
}

function standinImages() {
  if (process.env.MUSL_IMAGE && process.env.GLIBC_IMAGE) {
    return { musl: process.env.MUSL_IMAGE, glibc: process.env.GLIBC_IMAGE };
  }
  console.error('screenshot: building (or reusing) the stand-in Alpaquita images');
  const printed = execFileSync('bash', [path.join(root, '__tests__', 'standin', 'build.sh')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const image = (name) => new RegExp(`^${name}=(\\S+)$`, 'm').exec(printed)?.[1];
  const musl = image('MUSL_IMAGE');
  const glibc = image('GLIBC_IMAGE');
  if (!musl || !glibc) fail('the stand-in image build did not print MUSL_IMAGE= and GLIBC_IMAGE=');
  return { musl, glibc };
}

/** Runs the real CLI on a private copy of examples/bench (its build output stays out of the repository). */
function measure(work, images) {
  const bench = path.join(work, 'bench');
  mkdirSync(bench);
  for (const file of readdirSync(path.join(root, 'examples', 'bench'))) {
    if (file === 'alloc-churn') continue; // a host build; setup compiles it in each container
    copyFileSync(path.join(root, 'examples', 'bench', file), path.join(bench, file));
  }
  const markdown = path.join(work, 'report.md');
  const args = [
    cli,
    ['--image-musl', images.musl],
    ['--image-glibc', images.glibc],
    ['--pull', 'never'],
    ['--baseline', 'none'],
    ['--setup', 'make'],
    ['--runs', process.env.RUNS ?? '10'],
    ['--json', path.join(work, 'results.json')],
    ['--markdown', markdown],
    '--',
    ...COMMAND,
  ].flat();
  console.error(`screenshot: running malloc-matrix ${args.slice(1).join(' ')}`);
  const run = spawnSync(process.execPath, args, { cwd: bench, stdio: 'inherit' });
  if (run.status !== 0) fail(`the CLI exited with code ${run.status ?? run.signal}; see its output above`);
  return readFileSync(markdown, 'utf8');
}

const escapeHtml = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The report as HTML; mermaid blocks become elements mermaid's bundle renders in the browser. */
function toHtml(markdown) {
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      code({ text, lang }) {
        if (lang === 'mermaid') return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
        return false;
      },
    },
  });
  return marked.parse(markdown);
}

// A light stylesheet in the manner of a GitHub comment (written for this page).
const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; background: #f5f6f8; color: #1c2128;
  font: 14px/1.5 -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", "Noto Color Emoji", sans-serif; }
.comment { max-width: ${WIDTH - 48}px; margin: 0 auto; background: #fff; border: 1px solid #d3d8de; border-radius: 6px; }
.comment > header { padding: 8px 16px; background: #eef3f8; border-bottom: 1px solid #d3d8de;
  border-radius: 6px 6px 0 0; color: #57606a; }
.comment > header b { color: #1c2128; }
.body { padding: 4px 16px 16px; }
h2 { font-size: 1.5em; margin: 16px 0 12px; padding-bottom: 6px; border-bottom: 1px solid #dde1e6; }
h3 { font-size: 1.2em; margin: 20px 0 10px; }
p, ul, table, pre, details { margin: 0 0 14px; }
ul { padding-left: 2em; }
table { border-collapse: collapse; display: block; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d3d8de; padding: 5px 12px; text-align: left; vertical-align: top; white-space: nowrap; }
td em { white-space: normal; }
th { font-weight: 600; background: #fff; }
tr:nth-child(2n) td { background: #f7f8fa; }
code, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; }
:not(pre) > code { background: #eaeef2; padding: 2px 5px; border-radius: 5px; }
pre { background: #f5f6f8; padding: 14px; border-radius: 6px; overflow: auto; }
pre.mermaid { background: #fff; text-align: center; padding: 0; }
summary { cursor: pointer; color: #1c2128; }
details { border-top: 1px solid #eceff2; padding-top: 8px; }
em { color: #444c56; }
`;

function page(html, withMermaid) {
  const script = withMermaid
    ? `<script src="${pathToFileURL(mermaidBundle)}"></script>
<script>
  // Wider than mermaid's default 700 px, so the eight cell labels of the x axis do not overlap.
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    themeVariables: { fontFamily: 'Liberation Sans, DejaVu Sans, sans-serif', xyChart: { plotColorPalette: '#5b8fc9' } },
    xyChart: { width: 1040, height: 380, xAxis: { labelFontSize: 13 }, yAxis: { labelFontSize: 13 } },
  });
  mermaid.run({ querySelector: 'pre.mermaid' })
    .catch((error) => { document.body.dataset.mermaidError = String(error && error.message || error); })
    .finally(() => {
      document.body.dataset.height = String(Math.ceil(document.documentElement.scrollHeight));
      document.body.dataset.done = 'yes';
    });
</script>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>malloc-matrix report</title><style>${CSS}</style></head>
<body>
<div class="comment"><header><b>github-actions</b> bot commented</header><div class="body">
<!--report:start-->${html}<!--report:end-->
</div></div>
${script}
</body></html>
`;
}

function chromium(browser, work, extra) {
  const profile = mkdtempSync(path.join(work, 'profile-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    ...extra,
  ];
  const result = spawnSync(browser, args, { encoding: 'utf8', timeout: 180_000, maxBuffer: 64 << 20 });
  rmSync(profile, { recursive: true, force: true });
  if (result.status !== 0) {
    const why = (result.stderr || '').trim().split('\n').pop() || `exit ${result.status ?? result.signal}`;
    fail(`${browser} failed: ${why}`);
  }
  return result.stdout;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function main() {
  if (!existsSync(cli)) fail(`${path.relative(root, cli)} is missing; run npm run bundle first`);
  if (!existsSync(mermaidBundle)) fail('node_modules/mermaid is missing; run npm ci first');
  const browser = findChromium();
  const work = mkdtempSync(path.join(os.tmpdir(), 'malloc-matrix-screenshot-'));
  try {
    const markdown = measure(work, standinImages());
    mkdirSync(path.dirname(outMarkdown), { recursive: true });
    writeFileSync(outMarkdown, markdown.endsWith('\n') ? markdown : `${markdown}\n`);

    // Pass 1: render the chart and measure the page; pass 2: screenshot the rendered page, static.
    const live = path.join(work, 'live.html');
    writeFileSync(live, page(toHtml(markdown), true));
    const dom = chromium(browser, work, [
      `--window-size=${WIDTH},900`,
      '--virtual-time-budget=20000',
      '--dump-dom',
      pathToFileURL(live).href,
    ]);
    if (!/data-done="yes"/.test(dom)) fail('the page did not finish rendering within the time budget');
    const mermaidError = /data-mermaid-error="([^"]*)"/.exec(dom)?.[1];
    if (mermaidError) fail(`mermaid could not render the chart: ${mermaidError}`);
    const height = Number(/data-height="(\d+)"/.exec(dom)?.[1]);
    if (!(height > 0)) fail('could not measure the rendered page');
    const rendered = /<!--report:start-->([\s\S]*)<!--report:end-->/.exec(dom)?.[1];
    if (!rendered) fail('the rendered page lost its report');

    const still = path.join(work, 'still.html');
    writeFileSync(still, page(rendered, false));
    mkdirSync(path.dirname(outPng), { recursive: true });
    chromium(browser, work, [
      `--window-size=${WIDTH},${height}`,
      `--screenshot=${outPng}`,
      pathToFileURL(still).href,
    ]);
    const size = pngSize(outPng);
    console.error(
      `screenshot: wrote ${path.relative(root, outPng)} (${size.width}×${size.height}) and ${path.relative(root, outMarkdown)}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
