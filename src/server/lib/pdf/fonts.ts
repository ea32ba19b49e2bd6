import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * DejaVu Sans from the `dejavu-fonts-ttf` package, embedded (subset) in every PDF: names and texts
 * in Latin, Greek or Cyrillic scripts print the same on every server, whatever fonts the system has.
 */
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_REGULAR = path.join(fontDir, 'DejaVuSans.ttf');
export const FONT_BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');
export const FONT_ITALIC = path.join(fontDir, 'DejaVuSans-Oblique.ttf');
