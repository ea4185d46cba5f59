/**
 * `npm run generate:icons`: renders assets/icon.svg to public/icon/<size>.png (16, 32, 48, 128),
 * which WXT puts in every build's manifest (`icons` and the toolbar action's `default_icon`, Chrome
 * and Firefox). Chromium rasterises the SVG, so the PNGs match what a browser draws; run it after
 * changing the SVG and commit the PNGs.
 *
 *   npm run generate:icons
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumExecutable } from '../tests/e2e/extension';

export const ICON_SIZES = [16, 32, 48, 128] as const;
const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, 'assets/icon.svg');
const OUT_DIR = path.join(ROOT, 'public/icon');

async function main() {
  const svg = readFileSync(SOURCE, 'utf8');
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_FLAGS,
  });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({
        viewport: { width: size, height: size },
        deviceScaleFactor: 1,
      });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`,
      );
      const file = path.join(OUT_DIR, `${size}.png`);
      await page.screenshot({
        path: file,
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      await page.close();
      console.log(`${path.relative(ROOT, file)} (${size}×${size})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
