import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config';
import { registerSecurityHeaders } from './security-headers';
import { IMMUTABLE, registerWebApp, REVALIDATE } from './web-app';

// A build laid out as vite.config.ts writes it: hashed files under assets/, each text file with its
// Brotli and gzip copies next to it.
const html = '<!doctype html><html><head><title>IPT Workbench</title><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';
const script = `export const app = ${JSON.stringify('x'.repeat(4000))};\n`;
let dir: string;
let app: FastifyInstance;

function writeWithCopies(file: string, text: string) {
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, brotliCompressSync(Buffer.from(text)));
  fs.writeFileSync(`${file}.gz`, gzipSync(Buffer.from(text)));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  writeWithCopies(path.join(dir, 'index.html'), html);
  writeWithCopies(path.join(dir, 'assets', 'index-AbC123.js'), script);
  fs.writeFileSync(path.join(dir, 'assets', 'logo-XyZ789.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  app = Fastify({ logger: false });
  await registerSecurityHeaders(app, { secureCookies: false } as Config);
  app.get('/api/v1/ping', async () => ({ ok: true }));
  await registerWebApp(app, dir);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('web app delivery', () => {
  it('sends a hashed script as Brotli to a browser that accepts it, cached for a year', async () => {
    const res = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
    // The policy of every answer stays: no inline script or style.
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("style-src 'self'");
  });

  it('sends gzip when Brotli is not accepted, and the plain file when nothing is', async () => {
    const gz = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);

    const plain = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(String(plain.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('sends a file that has no compressed copy as it is', async () => {
    const res = await app.inject({ url: '/assets/logo-XyZ789.png', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('does not serve the compressed copies under their own names', async () => {
    const res = await app.inject({ url: '/assets/index-AbC123.js.br' });
    // An unknown non-API path gets the app page (the router shows its own "not found").
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe(REVALIDATE);
  });

  it('answers every app route with index.html, compressed and revalidated on each load', async () => {
    for (const url of ['/', '/clients', '/instruments/phq-9', '/index.html']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
      expect(String(res.headers.vary).toLowerCase(), url).toContain('accept-encoding');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(html);
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
    }
    const plain = await app.inject({ url: '/clients' });
    expect(plain.body).toBe(html);
  });

  it('keeps problem answers for unknown API paths and non-GET requests, and no-store on the API', async () => {
    const api = await app.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    const post = await app.inject({ method: 'POST', url: '/clients' });
    expect(post.statusCode).toBe(404);
    const ping = await app.inject({ url: '/api/v1/ping' });
    expect(ping.headers['cache-control']).toBe('no-store');
  });
});
