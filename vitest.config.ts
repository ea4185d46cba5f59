import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'contract/**/*.test.ts',
      'lib/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'components/**/*.test.tsx',
      'components/**/*.test.ts',
      'demo/**/*.test.ts',
      'server/**/*.test.ts',
    ],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    // Fixture pages are saved HTML that link stylesheets and scripts: parse them, fetch nothing.
    environmentOptions: {
      happyDOM: {
        settings: {
          disableCSSFileLoading: true,
          disableJavaScriptFileLoading: true,
          handleDisabledFileLoadingAsSuccess: true,
        },
      },
    },
  },
});
