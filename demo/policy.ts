/**
 * Policy compiled into demo builds (`wxt build --mode demo`, used by `npm start`): two small apps
 * on loopback, declared the way an admin would declare in-house tools. Never in store builds.
 */
export const DEMO_ORIGINS = {
  desk: 'http://127.0.0.1:5301',
  crm: 'http://127.0.0.1:5302',
} as const;

/**
 * The local collector `npm start` runs, with the demo team's fixed tokens: public by design, only
 * ever valid for the team `demo` (real teams get tokens from `collector token create`).
 */
export const DEMO_COLLECTOR = {
  url: 'http://127.0.0.1:5400',
  team: 'demo',
  agentToken: 'tp_demo-agent-token-not-a-secret',
  supervisorToken: 'tp_demo-supervisor-token-not-a-secret',
} as const;

/**
 * The demo team's first team policy (set by `npm start` while the team has none, then the
 * supervisor's to change in the console): demo sessions are short, so every solved ticket handled
 * for 10 s or more is asked about.
 */
export const DEMO_TEAM_POLICY = {
  prompts: { samplingRate: 1, minHandleMs: 10_000, minGapMs: 60_000, maxPerHour: 20 },
};

const field = (name: string) => [{ selector: `[data-field="${name}"]` }];

export const DEMO_POLICY = {
  collectorUrl: DEMO_COLLECTOR.url,
  collectorToken: DEMO_COLLECTOR.agentToken,
  // No prompt settings here: managed values would lock them in the console. The demo team's
  // policy on the collector carries them instead (DEMO_TEAM_POLICY), for a supervisor to try.
  // The demo's browser is the admin's: "Build adapter" shows in the side panel (issue #16).
  adapterBuilder: true,
  customAdapters: [
    {
      id: 'demo-desk',
      name: 'Demo Desk',
      hosts: [`${DEMO_ORIGINS.desk}/*`],
      records: [{ type: 'ticket', url: '/tickets/(\\d+)' }],
      fields: {
        subject: field('subject'),
        status: field('status'),
        customerName: field('customer-name'),
        customerEmail: field('customer-email'),
      },
      search: { email: '{origin}/search?email={email}' },
      dock: true,
    },
    {
      id: 'demo-crm',
      name: 'Demo CRM',
      hosts: [`${DEMO_ORIGINS.crm}/*`],
      records: [{ type: 'contact', url: '/contacts/(\\d+)' }],
      fields: {
        customerName: field('customer-name'),
        customerEmail: field('customer-email'),
        customerPhone: field('customer-phone'),
        organisation: field('organisation'),
      },
      search: { email: '{origin}/search?email={email}' },
      dock: true,
    },
  ],
};
