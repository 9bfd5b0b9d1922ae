import { openSync, writeSync, closeSync, readFileSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { hostname } from 'node:os';
import { StoreLockedError } from './types.js';

/**
 * Who holds a lock: the PID alone is not enough, because PIDs are reused
 * (a container restarts and the bot gets the same small PID again, or
 * another program gets the dead bot's PID). The process's start time (from
 * /proc, in clock ticks since boot) and the boot id tell a live holder from
 * a stale lock whose PID now belongs to someone else.
 */
interface Holder {
  pid: number;
  /** /proc/<pid>/stat field 22; absent off Linux. */
  start?: string;
  /** /proc/sys/kernel/random/boot_id; absent off Linux. */
  boot?: string;
  /** For a person reading the lock; not used to decide (a new container has a new hostname). */
  host?: string;
}

/** Locks this process holds now, so a second open in the same process is refused, and a lock naming our PID but not held is stale. */
const held = new Set<string>();

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** A process's start time in clock ticks since boot, or undefined where /proc is not there. */
export function processStart(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19]; // field 22 overall: fields[0] is field 3
}

const bootId = () => readProc('/proc/sys/kernel/random/boot_id')?.trim() || undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): Holder | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { pid: Number(t) }; // a lock written before start times were recorded
  try {
    const h = JSON.parse(t) as Partial<Holder>;
    return Number.isInteger(h.pid) && (h.pid as number) > 0 ? (h as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process named in a lock is the one that wrote it, and still running. */
export function holderLive(h: Holder, lockPath: string): boolean {
  // Our own PID in a lock we do not hold: written by an earlier process that had this PID.
  if (h.pid === process.pid) return held.has(lockPath);
  if (h.boot && bootId() && h.boot !== bootId()) return false; // written before the last reboot
  if (!alive(h.pid)) return false;
  const now = processStart(h.pid);
  if (h.start && now && h.start !== now) return false; // the PID now belongs to another process
  return true;
}

/**
 * Takes `${file}.lock` for this process. A lock left by a process that has
 * died (crash, SIGKILL), or whose PID now belongs to another process, is
 * taken over; a live holder, even this same process through another store
 * instance, makes it fail at once.
 */
export function acquireLock(file: string): () => void {
  const lockPath = resolve(`${file}.lock`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      const me: Holder = { pid: process.pid, start: processStart(process.pid), boot: bootId(), host: hostname() };
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      held.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(lockPath);
        try {
          unlinkSync(lockPath);
        } catch {
          /* already gone: nothing to release */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = parseHolder(readProc(lockPath) ?? '');
      if (holder && holderLive(holder, lockPath)) throw new StoreLockedError(file, holder.pid);
      try {
        unlinkSync(lockPath);
      } catch {
        /* another process took it over first; the next attempt decides */
      }
    }
  }
  throw new Error(`Could not take the lock ${lockPath}; remove it if no bot process is running.`);
}
