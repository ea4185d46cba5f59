import { defineConfig } from 'wxt';
import { BUILTIN_HOST_PATTERNS } from './lib/adapters/builtin-hosts';
import { TEST_EXTENSION_KEY } from './tests/e2e/extension-identity';
import { SIDEBAR_PAGE, TOGGLE_SIDEBAR_COMMAND } from './lib/constants';
import { DEMO_ORIGINS } from './demo/policy';
import { zodWithoutEval } from './scripts/zod-without-eval';

/**
 * Self-distribution outside the stores (docs/admin.md "Outside the stores"): the address of the
 * admin's update manifest, built into the package only when the variable is set.
 */
function selfUpdateUrl(variable: string): string | undefined {
  const value = process.env[variable];
  if (!value) return undefined;
  if (!/^https:\/\/[^\s]+$/.test(value)) throw new Error(`${variable} must be an https:// address`);
  return value;
}
const chromeUpdateUrl = selfUpdateUrl('TOUCHPOINT_CHROME_UPDATE_URL');
const firefoxUpdateUrl = selfUpdateUrl('TOUCHPOINT_FIREFOX_UPDATE_URL');

const ACTION_ICONS = Object.fromEntries(
  [16, 32, 48, 128].map((size) => [String(size), `icon/${size}.png`]),
);

// Test builds know the demo apps too: e2e drives the README's tour on them (issue #15, #17).
const demoPatterns = (mode: string) =>
  mode === 'demo' || mode === 'e2e'
    ? Object.values(DEMO_ORIGINS).map((origin) => `${origin}/*`)
    : [];

const testHosts = (mode: string) => (mode === 'e2e' ? ['https://*.acme.test/*'] : []);

// See README "Architecture" and docs/admin.md "Permissions" for why each permission is needed.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  webExt: { disabled: true },
  // No `Function` constructor in extension code (web-ext lint DANGEROUS_EVAL): issue #12.
  vite: ({ command }) => {
    // Every build runs React's production code and JSX transform, the e2e and demo builds too:
    // Vite makes a build in any mode but "production" a development build unless NODE_ENV says
    // otherwise, and e2e and bench:page must measure what agents run (React's development build
    // is 380 KB and renders several times slower). Set before Vite resolves its config.
    if (command === 'build') process.env.NODE_ENV = 'production';
    return { plugins: [zodWithoutEval()] };
  },
  hooks: {
    // The content script's matches live here, not in its entrypoint, whose options are bundled.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) {
        if (script.js?.includes('content-scripts/crm.js'))
          script.matches = [...BUILTIN_HOST_PATTERNS];
      }
    },
  },
  manifest: ({ mode, browser }) => ({
    // Texts in public/_locales (issue #4); English is the fallback for every other UI language.
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // Toolbar icon from public/icon (npm run generate:icons); WXT fills `icons` from the same files.
    action: { default_icon: ACTION_ICONS },
    permissions: ['storage', 'alarms', 'scripting', 'tabs', 'idle'],
    // The built-in CRM hosts the content script already matches (no new warning): needed to
    // inject it into a CRM tab Chromium skipped while starting the extension (issue #17 item 6).
    host_permissions: [...BUILTIN_HOST_PATTERNS, ...demoPatterns(mode), ...testHosts(mode)],
    // Self-hosted helpdesks and admin-defined adapters: granted at run time, never <all_urls> upfront.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Only CRM pages may frame the sidebar; it still shows data only to a frame tied to a known tab.
    // Self-hosted and admin-defined CRMs (granted at run time) use the browser's side panel instead.
    web_accessible_resources: [
      { resources: [SIDEBAR_PAGE], matches: [...BUILTIN_HOST_PATTERNS, ...demoPatterns(mode)] },
    ],
    commands: {
      [TOGGLE_SIDEBAR_COMMAND]: {
        suggested_key: { default: 'Alt+Shift+Y' },
        description: '__MSG_commandToggleSidebar__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'touchpoint@touchpoint.dev',
              // MV3 with optional host permissions and the sidebar: Firefox 128 ESR and later.
              strict_min_version: '128.0',
              ...(firefoxUpdateUrl && { update_url: firefoxUpdateUrl }),
              // Interaction timing and effort answers go to the company's collector (no customer
              // data, no addresses): docs/admin.md "Data disclosure".
              data_collection_permissions: { required: ['websiteActivity'] },
            },
          },
        }
      : {}),
    ...(browser === 'firefox'
      ? {}
      : {
          storage: { managed_schema: 'managed_schema.json' },
          // The side panel's open() (116) and the 30-second focus check alarm (120).
          minimum_chrome_version: '120',
          ...(chromeUpdateUrl && { update_url: chromeUpdateUrl }),
        }),
    // Test builds: a fixed id (so managed policy can name it) and the test's self-hosted origins
    // already granted, standing in for the agent's click on "Allow" (no permission prompt
    // headless). The collector is not granted: tests reach it through its CORS answers, as store
    // builds do.
    // The demo build (npm start) knows its two loopback apps like built-in CRMs.
    // It has the test builds' fixed id too, so that `npm start` can print its pages' addresses.
    ...(mode === 'demo' || mode === 'e2e' ? { key: TEST_EXTENSION_KEY } : {}),
  }),
});
