// PGlite lets two processes open one data folder without complaint, and both then write the
// same files: corruption. A lock file holding the owner's pid refuses the second opener; a
// lock left by a process that died (SIGKILL, power loss) is taken over.
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  readonly pid: number;
  constructor(lockPath: string, pid: number) {
    super(
      `the data folder is in use by process ${pid} (lock file ${lockPath}). ` +
        'The embedded database serves one process: stop the other one, or set DATABASE_URL to share a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
    this.pid = pid;
  }
}

export interface DirLock {
  readonly path: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/**
 * Creates `lockPath` holding this process's pid. The file is written aside and hard-linked
 * into place, so the lock never exists without its pid (link fails if the name is taken).
 */
export function acquireDirLock(lockPath: string): DirLock {
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const temp = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temp, `${process.pid}\n`);
  try {
    // A few rounds: each lost race against another opener taking over a stale lock retries.
    for (let round = 0; round < 5; round++) {
      try {
        linkSync(temp, lockPath);
        return ownedLock(lockPath);
      } catch (e) {
        if (errCode(e) !== 'EEXIST') throw e;
      }
      const owner = readPid(lockPath);
      if (owner !== null && isAlive(owner)) throw new DataDirLockedError(lockPath, owner);
      takeOverStale(lockPath, owner);
    }
    throw new Error(`could not take the lock ${lockPath}: other processes keep taking it over`);
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Moves a dead owner's lock aside under a private name (rename is atomic: of two openers
 * racing, one moves it). If what was moved is not the dead owner's lock, a racer created a
 * fresh one in between: it is put back.
 */
function takeOverStale(lockPath: string, deadPid: number | null): void {
  const aside = `${lockPath}.stale.${process.pid}`;
  try {
    renameSync(lockPath, aside);
  } catch (e) {
    if (errCode(e) === 'ENOENT') return;
    throw e;
  }
  if (readPid(aside) !== deadPid) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // Someone holds the name again: their lock stands.
    }
  }
  unlinkSync(aside);
}

function ownedLock(lockPath: string): DirLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readPid(lockPath) === process.pid) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Already gone: nothing to release.
      }
    }
  };
  // A normal exit that forgot close() must not leave a lock that looks alive.
  process.on('exit', release);
  return { path: lockPath, release };
}
