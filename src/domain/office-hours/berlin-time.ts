/**
 * Wall-clock time in Europe/Berlin, whatever time zone the server runs in. The opening_hours
 * library evaluates rules on a Date's *local* fields (getDay, getHours), so instants are turned
 * into a "wall-clock Date" whose local fields are Berlin's, evaluated, and turned back.
 */

export const BERLIN = 'Europe/Berlin';

/** A moment as it reads on a Berlin clock: "2026-12-09" and "14:00". */
export interface WallTime {
  date: string;
  time: string;
}

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BERLIN,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function fieldsOf(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of parts.formatToParts(instant)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** A Date whose local fields (year … second) show `instant` on a Berlin clock. */
export function berlinWallClock(instant: Date): Date {
  const f = fieldsOf(instant);
  return new Date(f.year!, f.month! - 1, f.day, f.hour, f.minute, f.second);
}

/** The instant at which a Berlin clock shows the local fields of `wallClock` (the inverse of berlinWallClock). */
export function instantOfWallClock(wallClock: Date): Date {
  const asUtc = Date.UTC(
    wallClock.getFullYear(),
    wallClock.getMonth(),
    wallClock.getDate(),
    wallClock.getHours(),
    wallClock.getMinutes(),
    wallClock.getSeconds(),
  );
  // Berlin is UTC+1 or UTC+2: guess with the offset at that moment, then correct once (DST edges).
  let instant = new Date(asUtc - offsetMs(new Date(asUtc)));
  instant = new Date(asUtc - offsetMs(instant));
  return instant;
}

/** Berlin's offset from UTC at `instant`, in milliseconds. */
function offsetMs(instant: Date): number {
  const f = fieldsOf(instant);
  return Date.UTC(f.year!, f.month! - 1, f.day, f.hour, f.minute, f.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The wall-clock Date's fields as text. */
export function wallTimeOf(wallClock: Date): WallTime {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${wallClock.getFullYear()}-${pad(wallClock.getMonth() + 1)}-${pad(wallClock.getDate())}`,
    time: `${pad(wallClock.getHours())}:${pad(wallClock.getMinutes())}`,
  };
}
