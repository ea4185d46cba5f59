import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'collector.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: a second process opening the same folder (say `token
 * create` while `serve` runs) would corrupt it. A pid file refuses that with a clear message and
 * is taken over when the process that left it is gone.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new Error(
          `data folder ${dir} is in use by process ${holder}: stop it first, or set DATABASE_URL to share a PostgreSQL`,
        );
      }
      if (holder === process.pid) {
        throw new Error(`data folder ${dir} is already open in this process`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock data folder ${dir}`);
}
