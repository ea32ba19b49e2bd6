import { loadConfig, ConfigError } from './config';
import { buildApp } from './app';
import { openDatabase, DatabaseUnavailableError, SQLITE_PAGE_CACHE_KIB } from './db/create-db';
import { migrateToLatest } from './db/migrator';
import { ReadPool } from './db/read-pool';

/** config → database → migrations → listen; stops cleanly on SIGINT/SIGTERM. Nothing else. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Checkpoints run in a worker thread so no request waits for one (src/server/db/wal-checkpointer.ts).
  const opened = await openDatabase(config, { backgroundCheckpoints: { onError: (message) => console.error(message) } });
  await migrateToLatest(opened.db);
  // Audited reads run on worker threads with their own read-only connections (src/server/db/read-pool.ts).
  const readPool = config.readWorkers > 0 && !opened.sqlite?.memory
    ? await ReadPool.start(config, { size: config.readWorkers, onError: (message) => console.error(message) })
    : undefined;
  // The workers' connections now hold the pages reads use; the main connection needs fewer (sessions,
  // writes, audit appends), so its page cache shrinks to keep the process within its memory budget.
  if (readPool) opened.sqlite?.pragma(`cache_size = -${SQLITE_PAGE_CACHE_KIB / 2}`);
  const { app } = await buildApp({ config, db: opened.db, dialect: opened.dialect, ...(config.webRoot ? { webRoot: config.webRoot } : {}), ...(readPool ? { readPool } : {}) });
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'stopping');
    await app.close();
    await readPool?.close();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`IPT Workbench is running at http://${shown}:${port} (database: ${opened.dialect === 'sqlite' ? config.database.kind === 'sqlite' ? config.database.file : '' : 'PostgreSQL'})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else if (error instanceof DatabaseUnavailableError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
