import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeZodEval } from '../../scripts/zod-without-eval';

const zodCore = path.join(
  path.dirname(createRequire(import.meta.url).resolve('zod/package.json')),
  'v4/core',
);
/** Code (not comments) that reaches the Function constructor: an alias of it, or `new` on one. */
const FUNCTION_CONSTRUCTOR = /=\s*Function\s*;|new (?:Function|F)\(/;
const read = (file: string) => readFileSync(path.join(zodCore, file), 'utf8');

describe('zod without eval (extension builds)', () => {
  it('removes every Function constructor from the installed zod core it rewrites', () => {
    for (const file of ['util.js', 'doc.js']) {
      const source = read(file);
      expect(source).toMatch(FUNCTION_CONSTRUCTOR);
      const cleaned = removeZodEval(source, path.join(zodCore, file));
      expect(cleaned).not.toMatch(FUNCTION_CONSTRUCTOR);
    }
  });

  it('leaves other modules alone and stops the build when zod changed the code it removes', () => {
    expect(removeZodEval('new Function("")', '/app/lib/x.js')).toBeNull();
    expect(() => removeZodEval('export const allowsEval = 1;', '/n/zod/v4/core/util.js')).toThrow(
      'update scripts/zod-without-eval.ts',
    );
  });
});
