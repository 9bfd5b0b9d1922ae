import { openSync, writeSync, closeSync, readFileSync, unlinkSync } from 'node:fs';
import { StoreLockedError } from './types.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `${file}.lock` for this process. A lock left by a process that has
 * died (crash, SIGKILL) is taken over; a live holder, even this same process
 * through another store instance, makes it fail at once.
 */
export function acquireLock(file: string): () => void {
  const lockPath = `${file}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockPath);
        } catch {
          /* already gone: nothing to release */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new StoreLockedError(file, holder);
      try {
        unlinkSync(lockPath);
      } catch {
        /* another process took it over first; the next attempt decides */
      }
    }
  }
  throw new Error(`Could not take the lock ${lockPath}; remove it if no bot process is running.`);
}
