// Whether a host name or address is loopback, by address or by reserved name.
import { isIP } from 'node:net';

const unbracket = (host: string): string => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and the names RFC 6761 §6.3 reserves for loopback: `localhost`, `*.localhost`. */
export function isLoopback(host: string): boolean {
  const name = unbracket(host).toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (name.startsWith('::ffff:')) return name.slice(7).startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}
