// Local date and time helpers. The log is kept in the person's local wall-clock time.

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY-MM-DD` for a local date. */
export function localDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM-DDTHH:MM`, the value of a `datetime-local` input. */
export function localDateTime(d: Date = new Date()): string {
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One formatter per format, made when first needed: making one costs far more than using it,
 * and a panel formats dozens of times. */
function formatter(options: Intl.DateTimeFormatOptions): (d: Date) => string {
  let made: Intl.DateTimeFormat | undefined;
  return (d) => (made ??= new Intl.DateTimeFormat(undefined, options)).format(d);
}

const friendlyFormat = formatter({ weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const shortDateFormat = formatter({ day: "numeric", month: "short", year: "numeric" });

/** "Sun 22 Nov, 08:30" from a stored `YYYY-MM-DDTHH:MM:SS`. */
export function friendly(stored: string): string {
  const d = new Date(stored);
  if (Number.isNaN(d.getTime())) return stored;
  return friendlyFormat(d);
}

/** "22 Nov 2026" from a `YYYY-MM-DD` date. */
export function shortDate(date: string): string {
  return shortDateFormat(new Date(`${date}T12:00:00`));
}

/** "08:30" from a stored time. */
export function clock(stored: string): string {
  return stored.slice(11, 16);
}

/** Words for a soreness intensity, as the scale says them. */
export function intensityWord(n: number): string {
  if (n <= 0) return "none";
  if (n <= 3) return "mild";
  if (n <= 6) return "moderate";
  if (n <= 8) return "severe";
  return "worst";
}
