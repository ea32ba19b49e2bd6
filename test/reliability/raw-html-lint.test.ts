import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rule against raw-HTML sinks in the web app (security-reference §8 row 21) fires on a bad sample. */
describe('no raw HTML in the web app', () => {
  it('refuses dangerouslySetInnerHTML, innerHTML and insertAdjacentHTML, and accepts text', async () => {
    const eslint = new ESLint();
    const lint = async (code: string) => (await eslint.lintText(code, { filePath: 'src/web/app/raw-html-sample.tsx' }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
    expect(await lint("export const A = () => <div dangerouslySetInnerHTML={{ __html: 'x' }} />;\n")).toBe(1);
    expect(await lint("export function b(el: HTMLElement) { el.innerHTML = 'x'; }\n")).toBe(1);
    expect(await lint("export function c(element: HTMLElement) { element.insertAdjacentHTML('beforeend', 'x'); }\n")).toBe(1);
    expect(await lint("export const D = ({ t }: { t: string }) => <p>{t}</p>;\n")).toBe(0);
  }, 60_000);
});
