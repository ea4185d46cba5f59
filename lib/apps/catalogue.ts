import type { AppCategory } from '../../contract/ids';

export type CatalogueEntry = {
  id: string;
  name: string;
  category: AppCategory;
  /** Match patterns (manifest syntax) of the app's pages. */
  hosts: readonly string[];
};

/**
 * Common agent tools recognised by address (issue #3). CRMs with adapters are classified by their
 * adapter first; these are the tools around them. Paths narrow shared hosts (Google's).
 */
export const APP_CATALOGUE: readonly CatalogueEntry[] = [
  { id: 'gmail', name: 'Gmail', category: 'mail', hosts: ['https://mail.google.com/*'] },
  {
    id: 'outlook',
    name: 'Outlook',
    category: 'mail',
    hosts: [
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
    ],
  },
  { id: 'yahoo-mail', name: 'Yahoo Mail', category: 'mail', hosts: ['https://mail.yahoo.com/*'] },
  {
    id: 'slack',
    name: 'Slack',
    category: 'chat',
    hosts: ['https://app.slack.com/*', 'https://*.slack.com/*'],
  },
  {
    id: 'teams',
    name: 'Microsoft Teams',
    category: 'chat',
    hosts: ['https://teams.microsoft.com/*', 'https://teams.live.com/*'],
  },
  {
    id: 'google-chat',
    name: 'Google Chat',
    category: 'chat',
    hosts: ['https://chat.google.com/*'],
  },
  { id: 'whatsapp', name: 'WhatsApp Web', category: 'chat', hosts: ['https://web.whatsapp.com/*'] },
  { id: 'discord', name: 'Discord', category: 'chat', hosts: ['https://discord.com/*'] },
  {
    id: 'confluence',
    name: 'Confluence',
    category: 'wiki',
    hosts: ['https://*.atlassian.net/wiki/*'],
  },
  {
    id: 'jira',
    name: 'Jira',
    category: 'docs',
    hosts: ['https://*.atlassian.net/browse/*', 'https://*.atlassian.net/jira/*'],
  },
  {
    id: 'notion',
    name: 'Notion',
    category: 'wiki',
    hosts: ['https://www.notion.so/*', 'https://*.notion.site/*'],
  },
  { id: 'guru', name: 'Guru', category: 'knowledge-base', hosts: ['https://app.getguru.com/*'] },
  {
    id: 'zendesk-guide',
    name: 'Zendesk Guide',
    category: 'knowledge-base',
    hosts: ['https://*.zendesk.com/hc/*'],
  },
  {
    id: 'document360',
    name: 'Document360',
    category: 'knowledge-base',
    hosts: ['https://*.document360.io/*'],
  },
  {
    id: 'helpjuice',
    name: 'Helpjuice',
    category: 'knowledge-base',
    hosts: ['https://*.helpjuice.com/*'],
  },
  { id: 'sharepoint', name: 'SharePoint', category: 'wiki', hosts: ['https://*.sharepoint.com/*'] },
  {
    id: 'google-docs',
    name: 'Google Docs',
    category: 'docs',
    hosts: ['https://docs.google.com/*'],
  },
  {
    id: 'google-drive',
    name: 'Google Drive',
    category: 'docs',
    hosts: ['https://drive.google.com/*'],
  },
  {
    id: 'office-online',
    name: 'Microsoft 365',
    category: 'docs',
    hosts: ['https://www.office.com/*', 'https://*.officeapps.live.com/*'],
  },
  { id: 'dropbox', name: 'Dropbox', category: 'docs', hosts: ['https://www.dropbox.com/*'] },
  { id: 'aircall', name: 'Aircall', category: 'phone', hosts: ['https://phone.aircall.io/*'] },
  { id: 'talkdesk', name: 'Talkdesk', category: 'phone', hosts: ['https://*.mytalkdesk.com/*'] },
  { id: 'dialpad', name: 'Dialpad', category: 'phone', hosts: ['https://dialpad.com/app/*'] },
  {
    id: 'ringcentral',
    name: 'RingCentral',
    category: 'phone',
    hosts: ['https://app.ringcentral.com/*'],
  },
  { id: 'five9', name: 'Five9', category: 'phone', hosts: ['https://app.five9.com/*'] },
  {
    id: 'genesys-cloud',
    name: 'Genesys Cloud',
    category: 'phone',
    hosts: [
      'https://apps.mypurecloud.com/*',
      'https://apps.mypurecloud.de/*',
      'https://apps.mypurecloud.ie/*',
    ],
  },
  {
    id: 'amazon-connect',
    name: 'Amazon Connect',
    category: 'phone',
    hosts: ['https://*.my.connect.aws/*', 'https://*.awsapps.com/connect/*'],
  },
  {
    id: 'google-meet',
    name: 'Google Meet',
    category: 'phone',
    hosts: ['https://meet.google.com/*'],
  },
  { id: 'zoom', name: 'Zoom', category: 'phone', hosts: ['https://*.zoom.us/*'] },
  {
    id: 'stripe',
    name: 'Stripe Dashboard',
    category: 'back-office',
    hosts: ['https://dashboard.stripe.com/*'],
  },
  {
    id: 'shopify-admin',
    name: 'Shopify admin',
    category: 'back-office',
    hosts: ['https://admin.shopify.com/*'],
  },
];
