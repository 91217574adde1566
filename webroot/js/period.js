// Time zones, "as of" dates and revised values for the dashboard. Pure: no DOM, tested with `node --test`.
import { formatAgo, formatDate, formatValue } from './format.js';

export const ZONE_KEY = 'pulseboard.timeZone';

// Offered first in the time zone list; every other zone the browser knows follows, sorted.
const COMMON_ZONES = ['UTC', 'Asia/Seoul', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York',
  'America/Los_Angeles'];

/** Whether the browser knows `name` as an IANA time zone. */
export function isTimeZone(name) {
  if (typeof name !== 'string' || !name) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone to use: the one chosen before if valid, else the browser's, else UTC. */
export function pickZone(stored, browserZone) {
  if (isTimeZone(stored)) {
    return stored;
  }
  return isTimeZone(browserZone) ? browserZone : 'UTC';
}

/** The zones to offer: the current and the browser's first, then common ones, then all others. */
export function zoneChoices(current, browserZone, supported = []) {
  const seen = new Set();
  const out = [];
  for (const zone of [current, browserZone, ...COMMON_ZONES, ...[...supported].sort()]) {
    if (zone && !seen.has(zone)) {
      seen.add(zone);
      out.push(zone);
    }
  }
  return out;
}

// The wall-clock time in `zone` of the instant `ms`, read as if it were UTC, in milliseconds.
function wallClock(ms, zone) {
  const parts = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit'
  });
  for (const { type, value } of format.formatToParts(new Date(ms))) {
    parts[type] = Number(value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The instant of local midnight at the start of `y-m-d` in `zone` (ms). */
export function localMidnight(y, m, d, zone) {
  const guess = Date.UTC(y, m - 1, d);
  let instant = guess - (wallClock(guess, zone) - guess);
  // Once more with the offset in force at the first answer (it differs across a change of offset).
  instant = guess - (wallClock(instant, zone) - instant);
  return instant;
}

/**
 * The `as_of` instant for a date chosen in the page ('2025-09-10'): the last millisecond of that
 * day in `zone`, as RFC 3339 in UTC; null for an empty or malformed date.
 */
export function asOfInstant(dateText, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText || '');
  if (!match) {
    return null;
  }
  const [y, m, d] = match.slice(1).map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return new Date(localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone) - 1)
    .toISOString();
}

/** Query parameters for the API with the page's time zone and, when on, its as-of instant. */
export function periodParams(params, { zone, asOf }) {
  const out = { ...params, tz: zone };
  if (asOf) {
    out.as_of = asOf;
  }
  return out;
}

/**
 * The marker of a latest value that replaced an earlier one: {text: 'revised 2 days ago',
 * title: 'Was 690M users until Sep 8, 2025'}; null when the value was never revised.
 */
export function revisedNote(latest, metric, { locale, t, zone = 'UTC', now = Date.now() }) {
  if (!latest || !latest.revised) {
    return null;
  }
  const at = latest.revised.replaced_at;
  return {
    text: t('revised', { ago: formatAgo(at, locale, now) }),
    title: t('revisedFrom', {
      value: formatValue(latest.revised.value, metric, locale, { compact: false }),
      date: formatDate(at, locale, { time: true, zone })
    })
  };
}

/**
 * The month and quarter totals so far of a sum metric's series, as one line:
 * 'This month: 1.2K · This quarter: 3.4K'. Null for other metrics, for a series without them,
 * and for totals counted in another zone than `zone` (the live snapshot's are in UTC).
 */
export function periodToDateText(series, metric, { locale, t, zone = 'UTC' }) {
  const totals = series && series.period_to_date;
  if (!metric || metric.aggregation !== 'sum' || !totals || totals.tz !== zone || !totals.month || !totals.quarter) {
    return null;
  }
  return [
    t('monthToDate', { value: formatValue(totals.month.value, metric, locale) }),
    t('quarterToDate', { value: formatValue(totals.quarter.value, metric, locale) })
  ].join(' \u00b7 ');
}
