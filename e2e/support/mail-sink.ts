import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Mail sent by the server under test goes to a real SMTP listener on loopback (`SMTP_URL` in playwright.config.ts),
 * started once per run by Playwright's globalSetup. Each message is kept as a file, so specs in any worker can read it.
 */
export const mailSinkPort = (port: number) => port + 20_000;
export const mailSinkDir = (port: number) => join(tmpdir(), `touchpoint-e2e-${port}-mail`);

const e2ePort = () => Number(process.env.E2E_PORT ?? 3107);

export default async function startMailSink() {
  if (process.env.E2E_BASE_URL) return undefined;
  const dir = mailSinkDir(e2ePort());
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received += 1;
        writeFileSync(join(dir, `${Date.now()}-${String(received).padStart(5, '0')}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(mailSinkPort(e2ePort()), '127.0.0.1', resolve));
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** Every message received so far, parsed, oldest first. */
export async function readSentMail(): Promise<ParsedMail[]> {
  const dir = mailSinkDir(e2ePort());
  const files = readdirSync(dir).filter((name) => name.endsWith('.eml')).sort();
  return Promise.all(files.map((name) => simpleParser(readFileSync(join(dir, name)))));
}

/** The latest message to `to` that `match` accepts, waiting for it to arrive. */
export async function waitForMail(to: string, match: (mail: ParsedMail) => boolean = () => true, timeoutMs = 15_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = (await readSentMail()).filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === to && match(m)).at(-1);
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no email reached ${to}`);
}
