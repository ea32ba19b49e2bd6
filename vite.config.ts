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

type Catalogue = Record<string, unknown>;

const isCatalogue = (value: unknown): value is Catalogue => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The catalogue split in two: what `paths` name (a section, or a part of one: `risk.levels`), and the rest. */
function splitCatalogue(catalogue: Catalogue, paths: readonly string[]): { first: Catalogue; later: Catalogue } {
  const first: Catalogue = {};
  const later: Catalogue = structuredClone(catalogue);
  for (const path of paths) {
    const keys = path.split('.');
    let from: unknown = catalogue;
    let rest: unknown = later;
    let into = first;
    for (const [index, key] of keys.entries()) {
      if (!isCatalogue(from) || !isCatalogue(rest) || !(key in from)) throw new Error(`the message catalogue has no "${path}"`);
      if (index === keys.length - 1) {
        into[key] = from[key];
        delete rest[key];
      } else {
        into = (into[key] ??= {}) as Catalogue;
        from = from[key];
        rest = rest[key];
      }
    }
  }
  return { first, later };
}

/**
 * `virtual:messages/<language>/first` and `…/later`: the two parts of src/web/i18n/<language>.json,
 * what the first pages need (the sections src/web/i18n/first-page-messages.json names) and the rest,
 * so that the first script carries only the first part (docs/decisions/0004-web-delivery.md). Each
 * is sent as a JSON string, which the browser parses faster than the same object written as code.
 */
function messageParts(): Plugin {
  const prefix = 'virtual:messages/';
  const i18nDir = fileURLToPath(new URL('./src/web/i18n/', import.meta.url));
  return {
    name: 'ipt-message-parts',
    resolveId(source) {
      return source.startsWith(prefix) ? `\0${source}` : null;
    },
    async load(id) {
      if (!id.startsWith(`\0${prefix}`)) return null;
      const match = /^([a-z]{2}(?:-[A-Z]{2})?)\/(first|later)$/.exec(id.slice(prefix.length + 1));
      if (!match) throw new Error(`unknown message part ${id.slice(1)}`);
      const catalogueFile = path.join(i18nDir, `${match[1]}.json`);
      const listFile = path.join(i18nDir, 'first-page-messages.json');
      this.addWatchFile(catalogueFile);
      this.addWatchFile(listFile);
      const [catalogue, list] = await Promise.all([fs.readFile(catalogueFile, 'utf8'), fs.readFile(listFile, 'utf8')]);
      const parts = splitCatalogue(JSON.parse(catalogue) as Catalogue, JSON.parse(list) as string[]);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(parts[match[2] as 'first' | 'later']))});`;
    },
  };
}

// The web app lives in src/web; its build goes to dist/web, which the server serves.
export default defineConfig(({ command }) => ({
  root: 'src/web',
  plugins: [react(), messageParts(), precompress()],
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
