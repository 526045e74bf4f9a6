// A listener on Vite's HMR WebSocket, as the browser's Vite client connects to it. Node 20 has no
// WebSocket without a flag and `ws` is not a dependency, so this speaks just enough of RFC 6455:
// the upgrade, and unmasked text frames from the server.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

/** A message Vite sent: `{ type: 'connected' }`, `{ type: 'full-reload' }`, `{ type: 'update', … }`. */
export type HmrMessage = { type: string } & Record<string, unknown>;

/** An open HMR connection and every message received on it. */
export interface HmrSocket {
  messages: HmrMessage[];
  /** The next message of `type` at index `since` or later; rejects after `timeoutMs`. */
  waitFor(type: string, since: number, timeoutMs?: number): Promise<HmrMessage>;
  close(): void;
}

/** Connects to the dev server at `url` with Vite's `vite-hmr` protocol and waits for its `connected`. */
export function connectHmr(url: string): Promise<HmrSocket> {
  return new Promise((resolve, reject) => {
    const upgrade = request(url, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-version': '13',
        'sec-websocket-protocol': 'vite-hmr',
      },
    });
    upgrade.on('response', (response) => reject(new Error(`Expected a WebSocket upgrade, got HTTP ${response.statusCode}`)));
    upgrade.on('error', reject);
    upgrade.on('upgrade', (_response, socket: Socket, head: Buffer) => {
      const messages: HmrMessage[] = [];
      const waiters = new Set<() => void>();
      let pending = head;
      let fragments: Buffer[] = [];
      const onData = (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        for (;;) {
          const frame = readFrame(pending);
          if (!frame) break;
          pending = pending.subarray(frame.length);
          if (frame.opcode === 0x8) socket.end();
          if (frame.opcode !== 0x1 && frame.opcode !== 0x0) continue;
          fragments.push(frame.payload);
          if (!frame.fin) continue;
          messages.push(JSON.parse(Buffer.concat(fragments).toString('utf8')) as HmrMessage);
          fragments = [];
          for (const wake of waiters) wake();
        }
      };
      socket.on('data', onData);
      const socketApi: HmrSocket = {
        messages,
        waitFor(type, since, timeoutMs = 5000) {
          return new Promise((resolveMessage, rejectMessage) => {
            const check = () => {
              const found = messages.slice(since).find((message) => message.type === type);
              if (!found) return;
              waiters.delete(check);
              clearTimeout(timer);
              resolveMessage(found);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              rejectMessage(new Error(`No \`${type}\` message within ${timeoutMs} ms; got ${JSON.stringify(messages.slice(since))}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close: () => socket.destroy(),
      };
      socketApi.waitFor('connected', 0).then(() => resolve(socketApi), reject);
      if (head.length > 0) onData(Buffer.alloc(0));
    });
    upgrade.end();
  });
}

interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
  /** Bytes the frame takes, header included. */
  length: number;
}

// One frame from the start of `buffer`, or undefined until all of it has arrived.
function readFrame(buffer: Buffer): Frame | undefined {
  if (buffer.length < 2) return undefined;
  const fin = (buffer[0]! & 0x80) !== 0;
  const opcode = buffer[0]! & 0x0f;
  const masked = (buffer[1]! & 0x80) !== 0;
  let size = buffer[1]! & 0x7f;
  let offset = 2;
  if (size === 126) {
    if (buffer.length < 4) return undefined;
    size = buffer.readUInt16BE(2);
    offset = 4;
  } else if (size === 127) {
    if (buffer.length < 10) return undefined;
    size = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const mask = masked ? buffer.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (buffer.length < offset + size) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + size));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
  return { fin, opcode, payload, length: offset + size };
}
