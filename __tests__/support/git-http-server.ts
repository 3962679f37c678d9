// A loopback git smart-HTTP server: Node's http server in front of git's own CGI program,
// `git http-backend`. Like GitHub, it answers a request carrying two Authorization headers
// with 400 and one without an accepted token with 401, and it records every request's headers.
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface SeenRequest {
  method: string;
  url: string;
  /** Every Authorization header of the request, as sent. */
  authorizations: string[];
  status: number;
}

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`: repositories are below it by their path in the project root. */
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** The Authorization value git sends for an `AUTHORIZATION: basic ...` extra header. */
export function authorizationValue(extraHeader: string): string {
  return extraHeader.replace(/^authorization:\s*/i, '');
}

function authorizationsOf(req: IncomingMessage): string[] {
  const values: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() === 'authorization') values.push(req.rawHeaders[i + 1]);
  }
  return values;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Runs git http-backend for one request and relays its CGI answer. */
async function serveWithBackend(
  backend: string,
  projectRoot: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<number> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const child = spawn(backend, [], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(body.length),
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_ADDR: '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(body);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => child.on('close', resolve));
  const output = Buffer.concat(chunks);
  const crlf = output.indexOf('\r\n\r\n');
  const lf = output.indexOf('\n\n');
  const [end, gap] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of output.subarray(0, Math.max(end, 0)).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  res.writeHead(status, headers);
  res.end(end >= 0 ? output.subarray(end + gap) : output);
  return status;
}

/** Serves the bare repositories under `projectRoot` to requests carrying one accepted header. */
export async function startGitHttpServer(options: {
  projectRoot: string;
  /** Authorization values accepted, e.g. `basic eC1hY2Nlc3MtdG9rZW46...`. */
  accepted: string[];
}): Promise<GitHttpServer> {
  const backend = path.join(
    execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(),
    'git-http-backend',
  );
  // The scheme's case does not matter; the credentials must match exactly.
  const normal = (value: string): string => value.replace(/^basic\s+/i, 'basic ');
  const accepted = new Set(options.accepted.map(normal));
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const entry: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      authorizations: authorizationsOf(req),
      status: 0,
    };
    seen.push(entry);
    const refuse = (status: number, text: string, headers: Record<string, string> = {}): void => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(`${text}\n`);
    };
    if (entry.authorizations.length > 1) {
      refuse(400, 'Duplicate header: "Authorization"');
    } else if (entry.authorizations.length === 0 || !accepted.has(normal(entry.authorizations[0]))) {
      refuse(401, 'Unauthorized', { 'www-authenticate': 'Basic realm="loopback"' });
    } else {
      serveWithBackend(backend, options.projectRoot, req, res).then(
        (status) => (entry.status = status),
        (error: unknown) => refuse(500, String(error)),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
