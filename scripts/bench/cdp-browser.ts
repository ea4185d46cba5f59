import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void };
type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: unknown;
  error?: { message: string };
};

/** A browser target as CDP describes it (`Target.targetCreated`). */
export type TargetInfo = { targetId: string; type: string; url: string };

/**
 * Chromium driven over its DevTools pipe (`--remote-debugging-pipe`: commands on fd 3, answers
 * on fd 4, each message ended by a NUL), with nothing attached that the bench does not attach.
 * Playwright attaches to every new frame and holds it paused until it has set the frame up
 * (`waitForDebuggerOnStart`): 30–90 ms per frame on this machine, in the middle of what the
 * first-card figures measure and in no agent's browser.
 */
export class CdpBrowser extends EventEmitter {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered = '';

  constructor(
    private readonly process: ChildProcess,
    private readonly commands: Writable,
    answers: Readable,
  ) {
    super();
    answers.setEncoding('utf8');
    answers.on('data', (chunk: string) => this.receive(chunk));
    // Writing to a browser that has gone fails its pending commands (below), not the process.
    commands.on('error', () => undefined);
    process.once('exit', (code) => {
      for (const { reject } of this.pending.values()) {
        reject(new Error(`Chromium exited (code ${code}) before it answered`));
      }
      this.pending.clear();
    });
  }

  static launch(executable: string, args: readonly string[]): CdpBrowser {
    const child = spawn(executable, [...args, '--remote-debugging-pipe'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    return new CdpBrowser(child, child.stdio[3] as Writable, child.stdio[4] as Readable);
  }

  /** Sends one command (to a session's target when `sessionId` is given) and awaits its result. */
  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    const id = this.nextId++;
    this.commands.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
    });
  }

  /** Evaluates `expression` in a session's page and returns its value (awaited if a promise). */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: { value: T };
      exceptionDetails?: { text: string };
    }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
    if (exceptionDetails) throw new Error(`evaluation failed: ${exceptionDetails.text}`);
    return result.value;
  }

  /**
   * The first target from now on that `matches` as it is created or changes (a frame's target is
   * created before its address is known), within `timeoutMs`.
   */
  waitForTarget(matches: (target: TargetInfo) => boolean, timeoutMs: number): Promise<TargetInfo> {
    const events = ['Target.targetCreated', 'Target.targetInfoChanged'];
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        for (const event of events) this.off(event, listener);
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no matching target within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = ({ targetInfo }: { targetInfo: TargetInfo }) => {
        if (!matches(targetInfo)) return;
        stop();
        resolve(targetInfo);
      };
      for (const event of events) this.on(event, listener);
    });
  }

  /** Closes the browser and waits until its process has ended. */
  async close(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    await this.send('Browser.close').catch(() => undefined);
    await exited;
  }

  private receive(chunk: string) {
    const parts = (this.buffered + chunk).split('\0');
    this.buffered = parts.pop()!;
    for (const part of parts) {
      const message = JSON.parse(part) as Message;
      if (message.id === undefined) {
        this.emit(message.method!, message.params, message.sessionId);
        continue;
      }
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result);
    }
  }
}
