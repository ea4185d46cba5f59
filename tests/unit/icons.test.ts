import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue #17: a real icon (not Chrome's grey letter) in every build, legible on light and dark
// toolbars. WXT puts public/icon/<size>.png into the manifest's `icons` and `action.default_icon`.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SIZES = [16, 32, 48, 128];
const svg = readFileSync(path.join(ROOT, 'assets/icon.svg'), 'utf8');

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngHeader(file: string) {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), file).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('latin1'), file).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] };
}

/** WCAG relative luminance and contrast ratio of two #rrggbb colours. */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
const colourOf = (role: string) =>
  new RegExp(`data-role="${role}"[^>]*(?:fill|stroke)="(#[0-9a-f]{6})"`, 'i').exec(svg)?.[1];

describe('extension icon', () => {
  it.each(SIZES)('has a %i px PNG with transparency', (size) => {
    const header = pngHeader(path.join(ROOT, 'public/icon', `${size}.png`));
    // Colour type 6: RGBA, so the rounded corners are transparent on any toolbar.
    expect(header).toEqual({ width: size, height: size, colourType: 6 });
  });

  it('stands out on light and dark toolbars, its mark on its plate (WCAG 3:1 for graphics)', () => {
    const plate = colourOf('plate')!;
    const mark = colourOf('mark')!;
    // Chrome's light toolbar, its dark one, Firefox's dark one.
    for (const toolbar of ['#f1f3f4', '#35363a', '#2b2a33'])
      expect(contrast(plate, toolbar), `${plate} on ${toolbar}`).toBeGreaterThanOrEqual(3);
    expect(contrast(mark, plate)).toBeGreaterThanOrEqual(3);
  });
});
