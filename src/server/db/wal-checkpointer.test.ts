import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openDatabase, type OpenedDatabase } from './create-db';
import { startWalCheckpointer } from './wal-checkpointer';

const dirs: string[] = [];
const opened: OpenedDatabase[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function open(onError: (m: string) => void = () => undefined) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-ckpt-'));
  dirs.push(dir);
  const o = await openDatabase(loadConfig({ IPT_DATA_DIR: dir, IPT_LOG_LEVEL: 'silent' }), { backgroundCheckpoints: { onError } });
  opened.push(o);
  return { o, file: path.join(dir, 'ipt.sqlite') };
}

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('background WAL checkpoints', () => {
  it('raises the server connection\'s own threshold to a fallback, and checkpoints from a worker without losing a row', async () => {
    const { o, file } = await open();
    expect(o.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(10000);
    o.sqlite!.exec('create table t (v text)');
    for (let i = 0; i < 50; i += 1) await o.db.transaction().execute((tx) => tx.insertInto('t' as never).values({ v: 'x'.repeat(2000) } as never).execute());
    const checkpointer = startWalCheckpointer(file, { intervalMs: 20 });
    try {
      await until(() => checkpointer.completed > 0 && checkpointer.last!.checkpointed === checkpointer.last!.log && checkpointer.last!.log > 0);
    } finally {
      await checkpointer.stop();
    }
    expect(o.sqlite!.prepare('select count(*) as n from t').get()).toEqual({ n: 50 });
    expect(o.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('reports a failure without stopping anything', async () => {
    const messages: string[] = [];
    const checkpointer = startWalCheckpointer(path.join(os.tmpdir(), 'no-such-dir-ipt', 'x.sqlite'), { intervalMs: 20, onError: (m) => messages.push(m) });
    await until(() => messages.length > 0);
    expect(messages[0]).toMatch(/checkpointer stopped|checkpoint failed/);
    await checkpointer.stop();
  });

  it('stops when the database is closed', async () => {
    const { o } = await open();
    await o.close();
    opened.splice(0);
  });
});
