import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A provider's HTTP API on loopback, for tests of outbound clients: it records every request (path, headers, raw
 * body) and answers with what `respond` returns — by default 200 and `{}`. Tests check what Touchpoint sent.
 */
export async function startFakeProvider(respond: (request: ReceivedRequest) => FakeReply | Promise<FakeReply> = () => ({ json: {} })) {
  const received: ReceivedRequest[] = [];
  let responder = respond;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const request = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, text: body.toString('utf8') };
      received.push(request);
      void Promise.resolve(responder(request)).then((reply) => {
        const payload = reply.json !== undefined ? JSON.stringify(reply.json) : reply.body ?? '';
        res.writeHead(reply.status ?? 200, { 'content-type': reply.json !== undefined ? 'application/json' : 'text/plain', ...reply.headers });
        res.end(payload);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Answers the next requests differently (a provider going down and coming back). */
    setResponder(next: typeof respond) {
      responder = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
