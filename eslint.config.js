// Lint rules, including the import direction of docs/architecture.md:
// domain ← contracts ← server, web, cli; server and web never import each other;
// web features do not import each other; no barrel files.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (name) => ({ regex: `(^|/)(src/)?${name}(/|$)`, message: `this layer may not import ${name}/ (see docs/architecture.md)` });
const nodeBuiltins = { regex: '^node:', message: 'the domain is pure: no node:* modules' };
const noBarrels = { selector: 'ExportAllDeclaration', message: 'no barrel files: import from the module that defines the thing' };
// Stored XSS (security-reference §8 row 21): the web app never writes raw HTML; React escapes text.
const noRawHtml = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'no raw HTML: render text through React (stored XSS)' },
  { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'no raw HTML: set textContent instead (stored XSS)' },
  { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/][callee.object.name=/^(document|.*[Ee]lement|el|node)$/]", message: 'no raw HTML sinks (stored XSS)' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', noBarrels],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('contracts'), layer('server'), layer('web'), layer('cli'), nodeBuiltins,
        { regex: '^(fs|path|os|crypto|child_process|http|https|net)$', message: 'the domain is pure: no I/O modules' }] }],
      'no-restricted-syntax': ['error', noBarrels,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'the domain has no clock: pass the time in' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'the domain has no clock: pass the time in' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'the domain is deterministic' }],
      'no-restricted-globals': ['error', 'fetch', 'process', 'setTimeout', 'setInterval'],
    },
  },
  {
    // Migrations take Kysely<any> on purpose (DESIGN.md): they must not depend on today's table types.
    files: ['src/server/db/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('server'), layer('web'), layer('cli'), nodeBuiltins] }] },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('web'), layer('cli')] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('web')] }] },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [layer('server'), layer('cli'), nodeBuiltins] }],
      'no-restricted-syntax': ['error', noBarrels, ...noRawHtml],
    },
  },
  // In web/, a feature may not import another feature: compose them in app/.
  ...['auth', 'clients', 'users', 'audit', 'setup', 'account', 'instruments', 'supervision', 'episodes'].map((feature) => ({
    files: [`src/web/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('server'), layer('cli'), nodeBuiltins,
        { regex: `(^|/)features/(?!${feature}/)[^/]+/`, message: 'features do not import each other: compose them in web/app' },
        { regex: `^\\.\\./\\.\\./(?!${feature}/)[a-z-]+/(api|components|pages)/`, message: 'features do not import each other: compose them in web/app' }] }],
    },
  })),
);
