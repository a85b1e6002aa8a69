import { Resvg } from '@resvg/resvg-js';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Renders icons/icon.svg to the PNG sizes the manifest names. Run after editing the SVG; the PNGs are committed. */
const iconsDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'icons');
const svg = await readFile(join(iconsDir, 'icon.svg'));
for (const size of [16, 32, 48, 128]) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  await writeFile(join(iconsDir, `icon-${size}.png`), png);
  console.log(`icons/icon-${size}.png ${png.length} bytes`);
}
