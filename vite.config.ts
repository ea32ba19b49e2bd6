import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text files worth compressing; images other than SVG are already compressed. */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy next to every text file of the build, once, at the
 * highest levels, so the server sends compressed bytes without compressing on each request
 * (@fastify/static `preCompressed`; see docs/decisions/0004-web-delivery.md). A copy that would not
 * be smaller than the file is not written, and the server then sends the file itself.
 */
function precompress(): Plugin {
  return {
    name: 'ipt-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? (options.file ? path.dirname(options.file) : undefined);
      if (!outDir) return;
      const files = Object.keys(bundle).filter((name) => compressible.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const raw = await fs.readFile(file);
          const [br, gz] = await Promise.all([
            brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < raw.length) await fs.writeFile(`${file}.br`, br);
          if (gz.length < raw.length) await fs.writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

// The web app lives in src/web; its build goes to dist/web, which the server serves.
export default defineConfig(({ command }) => ({
  root: 'src/web',
  plugins: [react(), precompress()],
  resolve: {
    // React Router's package exports name only its development build, which differs from the
    // production one in the warnings it checks for while running; the build ships the latter.
    alias:
      command === 'build'
        ? [{ find: /^react-router$/, replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url)) }]
        : [],
  },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // The first page's script is one file of about 530 KB raw; what counts is its gzipped size,
    // which `npm run check:bundle` holds to the 200 KB budget.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first page needs (every module the entry imports statically) in one
          // file beside the entry, instead of a dozen small shared files: on a slow network each
          // extra file costs a round trip and a connection. Lazy pages keep their own files.
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
      '/readyz': 'http://127.0.0.1:3000',
    },
  },
}));
