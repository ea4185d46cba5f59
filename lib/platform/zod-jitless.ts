import { z } from 'zod';

// Extension code never compiles validators with `new Function` (zod's JIT): Firefox Add-ons
// reviewers flag it (web-ext lint DANGEROUS_EVAL) and an extension's CSP forbids it anyway. zod
// decides per object schema when the schema is built, so each extension entry imports this module
// first, before any module that builds a schema. wxt.config.ts removes the JIT's probe from the
// bundle as well (issue #12).
z.config({ jitless: true });
