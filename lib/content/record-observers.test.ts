// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://acme.zendesk.com/agent/tickets/42"}
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordObservers, type PageChange } from './record-observers';
import { zendesk } from '../adapters/zendesk';

const URL_42 = 'https://acme.zendesk.com/agent/tickets/42';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let list: HTMLElement;
let panes: HTMLElement;
let pane: HTMLElement;
let changes: PageChange[];
let observers: ReturnType<typeof createRecordObservers>;

function observe(root: Node, url = URL_42, fieldSelector: string | null = null) {
  observers = createRecordObservers({
    document,
    watchAttributes: zendesk.watchAttributes,
    currentUrl: () => location.href,
    onChange: (change) => changes.push(change),
  });
  observers.follow(root, url, fieldSelector);
}

beforeEach(() => {
  history.replaceState(null, '', URL_42);
  document.head.innerHTML = '<title>Ticket 42</title>';
  document.body.innerHTML = `<ul id="list"><li><span class="updated">1 min ago</span></li></ul>
    <main id="panes"><div class="ticket-panes-grid-layout" data-is-active="true">
      <p id="status">open</p><div class="editor" contenteditable="true"></div></div></main>`;
  list = document.getElementById('list')!;
  panes = document.getElementById('panes')!;
  pane = document.querySelector('.ticket-panes-grid-layout')!;
  changes = [];
});
afterEach(() => {
  observers.stop();
  delete (window as { navigation?: unknown }).navigation;
});

describe('createRecordObservers (issue #15 item 7)', () => {
  it('says nothing while a live list changes outside the record’s part of the page', async () => {
    observe(pane);
    for (let row = 0; row < 50; row += 1) {
      const fresh = list.firstElementChild!.cloneNode(true) as HTMLElement;
      fresh.querySelector('.updated')!.textContent = 'just now';
      list.firstElementChild!.replaceWith(fresh);
      list.classList.toggle('highlight');
    }
    await settle();
    expect(changes).toEqual([]);
  });

  it('reports a change of the record’s state in its part, and not the agent typing', async () => {
    observe(pane);
    document.getElementById('status')!.textContent = 'solved';
    await settle();
    expect(changes).toEqual(['field']); // no field selectors given: every change may be a field's
    pane.querySelector('.editor')!.textContent = 'Dear Ada';
    await settle();
    expect(changes).toEqual(['field']);
  });

  it('given the field selectors, counts only changes that touch a field', async () => {
    pane.insertAdjacentHTML('beforeend', '<span id="viewers">1 agent viewing</span>');
    observe(pane, URL_42, '#status, .requester');
    for (let tick = 0; tick < 20; tick += 1) {
      document.getElementById('viewers')!.textContent = `${tick} agents viewing`;
      pane.append(document.createElement('hr'));
    }
    await settle();
    // A presence badge and a divider: no field read from the page changed, the API may know more.
    expect(changes).toEqual(['record']);

    document.getElementById('status')!.firstChild!.textContent = 'solved'; // the text itself
    await settle();
    expect(changes).toEqual(['record', 'field']);

    const requester = document.createElement('div');
    requester.innerHTML = '<b class="requester">Ada Lovelace</b>';
    pane.append(requester); // a field appears inside a new element
    await settle();
    expect(changes).toEqual(['record', 'field', 'field']);

    requester.remove(); // and goes again
    await settle();
    expect(changes).toEqual(['record', 'field', 'field', 'field']);
  });

  it('names the elements whose text alone changed beside the fields, and none for a structural change', async () => {
    pane.insertAdjacentHTML(
      'beforeend',
      '<span id="viewers">1 agent viewing</span><time id="ago">1 min ago</time>',
    );
    const texts: (readonly Element[] | undefined)[] = [];
    observers = createRecordObservers({
      document,
      watchAttributes: [],
      currentUrl: () => location.href,
      onChange: (change, changed) => {
        changes.push(change);
        texts.push(changed);
      },
    });
    observers.follow(pane, URL_42, '#status');
    const viewers = document.getElementById('viewers')!;
    const ago = document.getElementById('ago')!;
    viewers.textContent = '2 agents viewing'; // text replaced
    ago.firstChild!.textContent = '2 min ago'; // text edited in place
    await settle();
    expect(changes).toEqual(['record']);
    expect(texts[0]).toEqual([viewers, ago]);

    viewers.textContent = '3 agents viewing';
    pane.append(document.createElement('article')); // an update appended
    await settle();
    expect(changes).toEqual(['record', 'record']);
    expect(texts[1]).toBeUndefined();
  });

  it('reports the title, the part replaced, another pane beside it and a watched attribute', async () => {
    observe(pane);
    document.title = 'Ticket 43';
    await settle();
    expect(changes).toEqual(['page']);

    panes.append(document.createElement('div'));
    await settle();
    expect(changes).toHaveLength(2);

    list.setAttribute('data-is-active', 'false');
    await settle();
    expect(changes).toHaveLength(3);

    document.body.innerHTML = '<main><div class="ticket-panes-grid-layout"></div></main>';
    await settle();
    expect(changes).toHaveLength(4);
  });

  it('without the Navigation API, notices a new address at the next change anywhere', async () => {
    observe(pane);
    history.pushState(null, '', 'https://acme.zendesk.com/agent/tickets/43');
    list.append(document.createElement('li'));
    await settle();
    expect(changes).toEqual(['page']);
  });

  it('with the Navigation API, follows the address from its events alone', async () => {
    const navigation = new EventTarget();
    (window as { navigation?: unknown }).navigation = navigation;
    observe(pane);
    list.append(document.createElement('li'));
    await settle();
    expect(changes).toEqual([]);
    navigation.dispatchEvent(new Event('currententrychange'));
    expect(changes).toEqual(['page']);
  });

  it('observes the whole page while no record part is known', async () => {
    observe(document);
    list.append(document.createElement('li'));
    await settle();
    expect(changes).toEqual(['page']);
  });

  it('stops observing when told to follow another part', async () => {
    observe(pane);
    const next = document.createElement('div');
    panes.append(next);
    await settle();
    observers.follow(next, URL_42);
    changes.length = 0;
    document.getElementById('status')!.textContent = 'pending';
    await settle();
    expect(changes).toEqual([]);
  });
});
