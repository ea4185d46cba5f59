/**
 * Policy compiled into demo builds (`wxt build --mode demo`, used by `npm start`): two small apps
 * on loopback, declared the way an admin would declare in-house tools. Never in store builds.
 */
export const DEMO_ORIGINS = {
  desk: 'http://127.0.0.1:5301',
  crm: 'http://127.0.0.1:5302',
} as const;

const field = (name: string) => [{ selector: `[data-field="${name}"]` }];

export const DEMO_POLICY = {
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
    },
  ],
};
