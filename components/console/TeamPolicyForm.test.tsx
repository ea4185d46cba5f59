// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleAccess } from '@/lib/messaging/settings-requests';
import { ConsoleApp } from '@/entrypoints/console/ConsoleApp';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The console's policy form driven as a supervisor drives it; the background answers through a
// stand-in for `request` (the console's only way out).
const background = vi.hoisted(() => ({
  answer: vi.fn<(type: string, payload: unknown) => Promise<unknown>>(),
}));
vi.mock('@/lib/platform/pages/extension-client', () => ({
  request: (type: string, payload: unknown) => background.answer(type, payload),
}));

const granted = (policy: Record<string, unknown>, version: number): ConsoleAccess => ({
  access: 'granted',
  whoami: { team: 'emea-1', role: 'supervisor', tokenName: 'Sam Lee' },
  signedIn: false,
  policy: { team: 'emea-1', version, updatedAt: null, policy },
  etag: `"${version}"`,
  audit: [],
  settings: [],
});

let root: Root | undefined;
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  document.body.replaceChildren();
  background.answer.mockReset();
});

/** Opens the console on `loads` (one per load, the last repeated) and answers saves with `saves`. */
async function openConsole(loads: ConsoleAccess[], saves: ('saved' | 'conflict')[] = []) {
  background.answer.mockImplementation(async (type) => {
    if (type === 'console.load') return loads.length > 1 ? loads.shift() : loads[0];
    if (type === 'console.save') return { status: saves.shift() ?? 'saved' };
    throw new Error(`unexpected request ${type}`);
  });
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root!.render(<ConsoleApp />));
  const field = (id: string) =>
    container.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"]`)!;
  const save = () =>
    [...container.querySelectorAll('button')].find(
      (button) => button.textContent === 'Save for the team',
    )!;
  return {
    field,
    problem: (id: string) => container.querySelector(`[data-testid="${id}-problem"]`)?.textContent,
    save,
    status: () => container.querySelector('[role="status"]')?.textContent,
    preview: () => container.querySelector('[data-testid="console-preview"]')!.textContent,
    saved: () =>
      background.answer.mock.calls
        .filter(([type]) => type === 'console.save')
        .map(([, payload]) => (payload as { policy: Record<string, unknown> }).policy),
    type: async (id: string, text: string) => {
      const element = field(id);
      const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!;
      await act(async () => {
        setValue.set!.call(element, text);
        element.dispatchEvent(new Event('input', { bubbles: true }));
      });
    },
    click: (button: HTMLElement) => act(async () => button.click()),
    resetButton: (setting: string) =>
      container.querySelector<HTMLButtonElement>(
        `[data-testid="console-setting-${setting}"] legend button`,
      )!,
  };
}

describe('the team policy form shows the draft it saves', () => {
  it('shows the other supervisor’s lists after a save conflict, not the text typed before it', async () => {
    const mine = granted({ trackedApps: ['zendesk'], prompts: { maxPerDay: 4 } }, 1);
    const theirs = granted(
      {
        trackedApps: ['zendesk', 'jira'],
        catalogueAdditions: [
          { id: 'wiki', name: 'Wiki', category: 'wiki', hosts: ['https://wiki.acme.com/*'] },
        ],
        prompts: { maxPerDay: 3, quietHours: [{ start: '12:00', end: '13:00' }] },
      },
      2,
    );
    const page = await openConsole([mine, theirs], ['conflict']);
    await page.type('field-trackedApps', 'zendesk, chat');
    await page.type('field-prompts-quietHours', '22:00-06:00');
    await page.click(page.save());

    expect(page.status()).toBe(
      'Someone else saved first: their version is loaded; make your change again.',
    );
    expect(page.field('field-trackedApps').value).toBe('zendesk, jira');
    expect(page.field('field-prompts-quietHours').value).toBe('12:00-13:00');
    expect(page.field('field-catalogueAdditions').value).toContain('"id": "wiki"');
    expect(page.field('field-prompts-maxPerDay').value).toBe('3');

    // What is saved next is what the form shows, with only the change made again.
    await page.type('field-trackedApps', 'zendesk, jira, chat');
    await page.click(page.save());
    expect(page.saved()[1]).toMatchObject({
      trackedApps: ['zendesk', 'jira', 'chat'],
      prompts: { maxPerDay: 3, quietHours: [{ start: '12:00', end: '13:00' }] },
    });
  });

  it('empties the quiet hours on screen when prompts are reset to their default', async () => {
    const page = await openConsole([
      granted({ prompts: { quietHours: [{ start: '12:00', end: '13:00' }] } }, 1),
    ]);
    expect(page.field('field-prompts-quietHours').value).toBe('12:00-13:00');
    expect(page.preview()).toContain('12:00–13:00');

    await page.click(page.resetButton('prompts'));
    expect(page.field('field-prompts-quietHours').value).toBe('');
    expect(page.field('field-prompts-reasons').value).toBe(
      'too-many-tools, missing-information, slow-system, policy, unclear-process, other',
    );
    expect(page.preview()).not.toContain('12:00–13:00');
  });

  it('starts a reset field afresh also when its value was already the default', async () => {
    const page = await openConsole([granted({ catalogueAdditions: [] }, 1)]);
    await page.type('field-catalogueAdditions', '[{');
    expect(page.save().disabled).toBe(true);

    await page.click(page.resetButton('catalogueAdditions'));
    expect(page.field('field-catalogueAdditions').value).toBe('[]');
    expect(page.problem('field-catalogueAdditions')).toBeUndefined();
    expect(page.save().disabled).toBe(false);
  });

  it('keeps what is typed while it is being typed', async () => {
    const page = await openConsole([granted({ trackedApps: ['zendesk'] }, 1)]);
    await page.type('field-trackedApps', 'zendesk, ');
    expect(page.field('field-trackedApps').value).toBe('zendesk, ');
    await page.type('field-trackedApps', 'zendesk, j');
    expect(page.field('field-trackedApps').value).toBe('zendesk, j');
    await page.type('field-prompts-quietHours', '12:00-1');
    expect(page.field('field-prompts-quietHours').value).toBe('12:00-1');
  });

  it('holds Save while the catalogue is not valid JSON, and says what is wrong', async () => {
    const page = await openConsole([granted({}, 1)]);
    await page.type('field-catalogueAdditions', '[{"id": "wiki",');
    expect(page.problem('field-catalogueAdditions')).toBe(
      'Not valid JSON yet: check brackets, quotes and commas.',
    );
    expect(page.save().disabled).toBe(true);
    await page.click(page.save());
    expect(page.saved()).toEqual([]);

    await page.type('field-catalogueAdditions', '[{"id": "wiki", "name": "Wiki"}]');
    expect(page.problem('field-catalogueAdditions')).toMatch(/^Each tool needs an id/);
    expect(page.save().disabled).toBe(true);

    await page.type(
      'field-catalogueAdditions',
      '[{"id": "wiki", "name": "Wiki", "category": "wiki", "hosts": ["https://wiki.acme.com/*"]}]',
    );
    expect(page.problem('field-catalogueAdditions')).toBeUndefined();
    await page.click(page.save());
    expect(page.saved()[0]).toMatchObject({ catalogueAdditions: [{ id: 'wiki' }] });
  });

  it('holds Save while a list holds what is not one of its values', async () => {
    const page = await openConsole([granted({}, 1)]);
    await page.type('field-trackedApps', 'zendesk, Sales Force');
    expect(page.problem('field-trackedApps')).toMatch(/^Name the apps to measure by their ids/);
    expect(page.save().disabled).toBe(true);
    await page.type('field-trackedApps', 'zendesk');

    await page.type('field-prompts-quietHours', '12:00');
    expect(page.problem('field-prompts-quietHours')).toMatch(/^Write each range as start-end/);
    expect(page.save().disabled).toBe(true);
    // Typed with the en dash a word processor or macOS puts in place of the hyphen.
    await page.type('field-prompts-quietHours', '12:00–13:00');
    expect(page.problem('field-prompts-quietHours')).toBeUndefined();

    await page.type('field-prompts-reasons', 'policy, policy');
    expect(page.problem('field-prompts-reasons')).toBe(
      'Use the ids listed below, each at most once, separated by commas.',
    );
    expect(page.save().disabled).toBe(true);
    await page.type('field-prompts-reasons', 'policy');

    expect(page.save().disabled).toBe(false);
    await page.click(page.save());
    expect(page.saved()[0]).toMatchObject({
      trackedApps: ['zendesk'],
      prompts: { quietHours: [{ start: '12:00', end: '13:00' }], reasons: ['policy'] },
    });
  });
});

describe('tracked apps: measuring every app is asked for by name', () => {
  const problem =
    'Name the apps to measure by their ids (lower-case letters, digits and -), separated by commas, or write “all” alone to measure every app.';

  it('refuses an emptied field instead of measuring every app', async () => {
    const page = await openConsole([granted({ trackedApps: ['zendesk', 'jira'] }, 1)]);
    const named = 'Only zendesk and jira are measured by name';
    expect(page.preview()).toContain(named);
    for (const text of ['', ',', '   ', ' , ', 'all, zendesk']) {
      await page.type('field-trackedApps', text);
      expect(page.problem('field-trackedApps'), JSON.stringify(text)).toBe(problem);
      expect(page.save().disabled).toBe(true);
      expect(page.preview()).toContain(named);
    }

    await page.type('field-trackedApps', 'all');
    expect(page.problem('field-trackedApps')).toBeUndefined();
    expect(page.preview()).not.toContain('measured by name');
    await page.click(page.save());
    expect(page.saved()).toEqual([expect.objectContaining({ trackedApps: 'all' })]);
  });

  it('shows every app again, without the mark, when an emptied field is reset', async () => {
    const page = await openConsole([granted({ trackedApps: 'all' }, 1)]);
    await page.type('field-trackedApps', '');
    expect(page.save().disabled).toBe(true);

    await page.click(page.resetButton('trackedApps'));
    expect(page.field('field-trackedApps').value).toBe('all');
    expect(page.problem('field-trackedApps')).toBeUndefined();
    expect(page.save().disabled).toBe(false);
  });
});
