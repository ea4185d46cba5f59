import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdpBrowser } from '../../scripts/bench/cdp-browser';

/** A browser process whose pipe the test plays: what the bench wrote, and answers to feed back. */
function fakeBrowser() {
  const process = Object.assign(new EventEmitter(), { exitCode: null, signalCode: null });
  const commands = new PassThrough();
  const answers = new PassThrough();
  const written: Array<{ id: number; method: string; sessionId?: string }> = [];
  commands.on('data', (chunk: Buffer) => {
    for (const part of chunk.toString().split('\0').filter(Boolean)) written.push(JSON.parse(part));
  });
  const browser = new CdpBrowser(process as unknown as ChildProcess, commands, answers);
  return { browser, process, written, answer: (text: string) => answers.write(text) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the first-card bench's DevTools pipe", () => {
  it('matches answers split across reads, or sharing one, to their commands, and passes events on', async () => {
    const { browser, written, answer } = fakeBrowser();
    const events: unknown[] = [];
    browser.on('Target.targetCreated', (params: unknown, sessionId: unknown) =>
      events.push([params, sessionId]),
    );
    const first = browser.send('Target.createTarget', { url: 'about:blank' });
    const second = browser.send('Runtime.evaluate', { expression: '1' }, 'session-1');
    await tick();
    expect(written.map(({ method, sessionId }) => [method, sessionId])).toEqual([
      ['Target.createTarget', undefined],
      ['Runtime.evaluate', 'session-1'],
    ]);

    answer(`{"id":${written[1]!.id},"result":{"value":2}}\0{"method":"Target.targetCreated",`);
    answer(`"params":{"targetInfo":{"type":"iframe"}},"sessionId":"s"}\0{"id":${written[0]!.id},`);
    answer(`"result":{"targetId":"T1"}}\0`);

    expect(await second).toEqual({ value: 2 });
    expect(await first).toEqual({ targetId: 'T1' });
    expect(events).toEqual([[{ targetInfo: { type: 'iframe' } }, 's']]);
  });

  it("rejects a command with the browser's error, and every pending one when the browser exits", async () => {
    const { browser, process, written, answer } = fakeBrowser();
    const refused = browser.send('Target.attachToTarget', { targetId: 'gone' });
    const pending = browser.send('Browser.getVersion');
    await tick();
    answer(`{"id":${written[0]!.id},"error":{"message":"No target with given id found"}}\0`);
    await expect(refused).rejects.toThrow('No target with given id found');

    process.emit('exit', 1);
    await expect(pending).rejects.toThrow('Chromium exited (code 1) before it answered');
  });
});
