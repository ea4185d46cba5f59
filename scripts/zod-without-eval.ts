import type { Plugin } from 'vite';

/**
 * zod 4 compiles object validators with the `Function` constructor unless `jitless` is set. The
 * extension sets it before any schema exists (lib/platform/zod-jitless.ts), so that code never
 * runs, but it is still in the bundle, and web-ext lint reports it as DANGEROUS_EVAL, which an
 * add-on reviewer asks about (issue #12). This removes the two places from extension builds: the
 * probe that tries `new Function("")`, and the compiler that only jit mode calls. If a zod release
 * changes either, the build stops here rather than shipping the warning again.
 */
export const ZOD_EVAL_SITES = [
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    code: /const F = Function;\s*new F\(""\);\s*return true;/,
    replacement: 'return false;',
  },
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]doc\.js$/,
    code: /const F = Function;[^]*?return factory\(\.\.\.Object\.values\(this\.closed\)\);/,
    replacement: 'throw new Error("zod: jit compilation is disabled in Touchpoint builds");',
  },
] as const;

/** `code` of the module `id` with zod's eval sites removed; throws when an expected one is gone. */
export function removeZodEval(code: string, id: string): string | null {
  const site = ZOD_EVAL_SITES.find((candidate) => candidate.file.test(id));
  if (!site) return null;
  if (!site.code.test(code)) {
    throw new Error(
      `zod-without-eval: ${id} no longer has the code this plugin removes; update scripts/zod-without-eval.ts`,
    );
  }
  return code.replace(site.code, site.replacement);
}

export function zodWithoutEval(): Plugin {
  return {
    name: 'touchpoint:zod-without-eval',
    enforce: 'pre',
    transform(code, id) {
      const cleaned = removeZodEval(code, id.split('?')[0]!);
      return cleaned === null ? null : { code: cleaned, map: null };
    },
  };
}
