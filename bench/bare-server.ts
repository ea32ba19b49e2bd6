/**
 * The baseline for the mixed workload: a bare Fastify route answering a fixed JSON body of the same
 * size as an audited client read, with no session, database or audit. `BENCH_BARE_BYTES` sets the size.
 */
import Fastify from 'fastify';

const bytes = Number(process.env.BENCH_BARE_BYTES ?? 600);
const payload = { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', displayName: 'Synthetic Client', filler: 'x'.repeat(Math.max(0, bytes - 110)) };
const app = Fastify({ logger: false });
app.get('/bare', async () => payload);
app.listen({ host: '127.0.0.1', port: Number(process.env.IPT_PORT ?? 0) }).then((address) => {
  console.log(`bare Fastify baseline running at ${address.replace('[::1]', '127.0.0.1')}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
