import { defineAdapter } from '../definition';
import { FRONT_FIELDS } from './selectors';

export const front = defineAdapter({
  id: 'front',
  name: 'Front',
  hosts: ['https://app.frontapp.com/*'],
  records: [
    // CRM-FACTS.md (unverified): conversation links /open/cnv_…
    { type: 'conversation', url: '^https://app\\.frontapp\\.com/open/(cnv_[0-9a-z]+)(?:[/?#]|$)' },
    // Our assumption: inbox URLs carry the same cnv_ id as a path segment.
    {
      type: 'conversation',
      url: '^https://app\\.frontapp\\.com/[^?#]*/(cnv_[0-9a-z]+)(?:[/?#]|$)',
    },
  ],
  fields: FRONT_FIELDS,
  note: 'Written from CRM-FACTS.md, not from a saved Front page. URL only: Front has no known stable selectors.',
});
