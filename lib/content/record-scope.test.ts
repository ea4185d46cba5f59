// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mayChangeReading } from './record-watcher';
import { zendesk } from '../adapters/zendesk';

const URL_42 = 'https://acme.zendesk.com/agent/tickets/42';

function change(type: MutationRecordType, target: Node, added: Node[] = []) {
  return { type, target, addedNodes: added as unknown as NodeList } as MutationRecord;
}

let list: HTMLElement;
let pane: HTMLElement;
let front: { root: Node; url: string; adapter: typeof zendesk };

beforeEach(() => {
  document.head.innerHTML = '<title>Ticket 42</title>';
  document.body.innerHTML = `<ul id="list"><li>row</li></ul>
    <main><div class="ticket-panes-grid-layout" data-is-active="true"><p id="status">open</p></div></main>`;
  list = document.getElementById('list')!;
  pane = document.querySelector('.ticket-panes-grid-layout')!;
  front = { root: pane, url: URL_42, adapter: zendesk };
});

describe('mayChangeReading (issue #15 item 7)', () => {
  it('ignores a live list replacing rows outside the record’s part of the page', () => {
    const row = document.createElement('li');
    list.append(row);
    const batch = [change('childList', list, [row]), change('characterData', row)];
    expect(mayChangeReading(batch, front, document, URL_42)).toBe(false);
  });

  it('reads again for a change inside the record’s part, or in the title', () => {
    const status = document.getElementById('status')!;
    expect(mayChangeReading([change('characterData', status)], front, document, URL_42)).toBe(true);
    expect(mayChangeReading([change('childList', document.head)], front, document, URL_42)).toBe(
      true,
    );
  });

  it('reads again when the address changed, the part left the page, or a watched attribute moved', () => {
    const rowChange = [change('childList', list)];
    expect(mayChangeReading(rowChange, front, document, `${URL_42}3`)).toBe(true);
    expect(mayChangeReading([change('attributes', list)], front, document, URL_42)).toBe(true);
    pane.remove();
    expect(mayChangeReading(rowChange, front, document, URL_42)).toBe(true);
  });

  it('reads again when another candidate part is added anywhere', () => {
    const next = document.createElement('section');
    next.innerHTML = '<div class="ticket-panes-grid-layout" data-is-active="true"></div>';
    list.append(next);
    expect(mayChangeReading([change('childList', list, [next])], front, document, URL_42)).toBe(
      true,
    );
  });

  it('without a scope, every change may matter', () => {
    const whole = { ...front, root: document };
    expect(mayChangeReading([change('childList', list)], whole, document, URL_42)).toBe(true);
  });
});
