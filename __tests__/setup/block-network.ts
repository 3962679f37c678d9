// Unit and integration tests must never reach the internet. Loopback stays open for the
// local GitHub API stand-in server; everything else is refused before a socket is opened.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;
const originalConnect = net.Socket.prototype.connect;

type ConnectArgs = Parameters<typeof originalConnect>;

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs) {
  const first = args[0] as unknown;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const opts = first as { host?: string; path?: string };
    if (opts.path === undefined) host = opts.host ?? 'localhost';
  } else if (typeof first === 'number') {
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  if (host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`network access to ${host} is blocked in tests`);
  }
  return originalConnect.apply(this, args);
} as typeof originalConnect;
