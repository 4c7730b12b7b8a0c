import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { spawnServer } from './testing/server-process.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('configuration', () => {
  it('defaults to the embedded database in ./data on port 3000 with jobs on and no Redis', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dataDir: resolve(repoRoot, 'data') });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
    expect(config.jobs).toBe(true);
    expect(config.demoData).toBe('auto');
    expect(config.shutdownGraceMs).toBeGreaterThan(0);
  });

  it('keeps the inbound SMTP server off unless SMTP_INBOUND_PORT is set, and then listens on HOST with a 25 MB limit', () => {
    expect(loadConfig({}).mail.inbound).toBeNull();
    expect(loadConfig({}).mail.inboundMaxBytes).toBe(25 * 1024 * 1024);
    expect(loadConfig({ SMTP_INBOUND_PORT: '2525', HOST: '127.0.0.1' }).mail.inbound).toEqual({ port: 2525, host: '127.0.0.1', tls: null });
    expect(loadConfig({ SMTP_INBOUND_PORT: '25', SMTP_INBOUND_HOST: '0.0.0.0', SMTP_INBOUND_TLS_KEY: '/etc/tp/key.pem', SMTP_INBOUND_TLS_CERT: '/etc/tp/cert.pem' }).mail.inbound).toEqual({ port: 25, host: '0.0.0.0', tls: { keyFile: '/etc/tp/key.pem', certFile: '/etc/tp/cert.pem' } });
    expect(() => loadConfig({ SMTP_INBOUND_PORT: '25', SMTP_INBOUND_TLS_KEY: '/etc/tp/key.pem' })).toThrow(/SMTP_INBOUND_TLS_KEY and SMTP_INBOUND_TLS_CERT: set both or neither/);
    expect(() => loadConfig({ SMTP_INBOUND_PORT: 'smtp' })).toThrow(/SMTP_INBOUND_PORT: /);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '' });
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('embedded');
    expect(config.redisUrl).toBeNull();
  });

  it('switches to the PostgreSQL server when DATABASE_URL is set, with the pool size', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://tp:secret@db.internal:5432/touchpoint', DATABASE_POOL_SIZE: '25', REDIS_URL: 'redis://cache:6379' });
    expect(config.database).toEqual({ kind: 'server', url: 'postgres://tp:secret@db.internal:5432/touchpoint', poolSize: 25 });
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('resolves a relative DATA_DIR to an absolute path', () => {
    const config = loadConfig({ DATA_DIR: 'some/where' });
    expect(config.database).toEqual({ kind: 'embedded', dataDir: resolve('some/where') });
  });

  it('reads the boolean flags as true/false/1/0', () => {
    expect(loadConfig({ JOBS: 'false' }).jobs).toBe(false);
    expect(loadConfig({ JOBS: '0' }).jobs).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://root@localhost/touchpoint'],
    ['REDIS_URL', 'http://cache:6379'],
    ['JOBS', 'yes'],
  ])('stops the boot when %s is %s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`Touchpoint cannot start: invalid configuration[\\s\\S]*\\b${name}: `));
  });

  it('names every invalid variable in one message', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'x', DATABASE_URL: 'sqlite://file.db' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT: ');
    expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
  });

  it('makes the server process exit with status 2 and the message on stderr, before opening any database', async () => {
    const server = spawnServer({ PORT: 'eighty', DATABASE_URL: 'mysql://root@localhost/touchpoint', DATA_DIR: '/nonexistent/touchpoint-data' });
    expect(await server.exited).toEqual({ code: 2, signal: null });
    expect(server.output.stderr).toContain('Touchpoint cannot start: invalid configuration');
    expect(server.output.stderr).toMatch(/^ {2}PORT: /m);
    expect(server.output.stderr).toMatch(/^ {2}DATABASE_URL: must be a postgres:\/\/ URL$/m);
    expect(server.output.stdout).toBe('');
  }, 30_000);
});
