// Pure formatting and time logic for the dashboard: no DOM, tested with `node --test`.

const MINUS = '\u2212';
const TIMES = '\u00d7';

// Units the dashboard knows how to say in Korean; any other unit is shown as written.
const UNIT_WORDS = {
  ko: { users: '명', subscribers: '명', people: '명', offices: '곳', countries: '개국' }
};

// Formatters are costly to make (a board of 200 tiles formats thousands of values a second):
// each is made once per locale and options.
const formats = new Map();

function cachedFormat(Kind, locale, options) {
  const key = Kind.name + locale + JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Kind(locale, options);
    formats.set(key, format);
  }
  return format;
}

function numberFormat(locale, options) {
  return cachedFormat(Intl.NumberFormat, locale, options);
}

function language(locale) {
  return String(locale).toLowerCase().split('-')[0];
}

const CURRENCY = /^[A-Z]{3}$/;

/**
 * How a metric's unit makes its numbers read (the server's rule, input.Units): an ISO 4217 code
 * ('KRW', 'USD') is 'currency', '%' is 'percent', 'x' is 'multiple', any other word is 'count'.
 */
export function unitKind(unit) {
  if (unit === '%') {
    return 'percent';
  }
  if (unit === 'x') {
    return 'multiple';
  }
  return typeof unit === 'string' && CURRENCY.test(unit) ? 'currency' : 'count';
}

/** How a metric's values are written: its display kind, else what its unit says. */
export function valueKind({ unit, display } = {}) {
  if (display === 'multiple' || display === 'percent') {
    return display;
  }
  return unitKind(unit);
}

/** An amount of money in the locale's currency format: '$1.2K', '₩7억' (compact) or '$1,234.50'. */
export function formatMoney(value, currency, locale, { compact = true } = {}) {
  const options = compact
    ? { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1 }
    : { style: 'currency', currency };
  return signed(numberFormat(locale, options).format(value), value);
}

/** The unit as written after a number in this locale: 'users' stays 'users' in English, '명' in Korean. */
export function unitWord(unit, locale) {
  const words = UNIT_WORDS[language(locale)];
  return (words && words[unit]) || unit;
}

function signed(text, value) {
  return value < 0 ? text.replace('-', MINUS) : text;
}

/** A number in compact form: 700000000 is '700M' in English and '7억' in Korean. */
export function formatCompact(value, locale) {
  const digits = Math.abs(value) < 10 ? 2 : 1;
  return signed(numberFormat(locale, { notation: 'compact', maximumFractionDigits: digits }).format(value), value);
}

/** A number written out in full, for tables and tooltips: 700,000,000. */
export function formatFull(value, locale) {
  return signed(numberFormat(locale, { maximumFractionDigits: 6 }).format(value), value);
}

function withUnit(number, unit, locale) {
  if (!unit) {
    return number;
  }
  const word = unitWord(unit, locale);
  // Korean counters follow the number without a space when they are a single syllable (12곳, 7억 명 keeps one).
  return language(locale) === 'ko' && word.length === 1 && /\d$/.test(number) ? number + word : number + ' ' + word;
}

/**
 * A metric's value as a person reads it on a tile: '700M users', '7억 명', '×4', '12.5%',
 * '₩1.5K'. `display` is the metric's display kind (number, multiple or percent); for `number`
 * the unit decides (see valueKind).
 */
export function formatValue(value, { unit, display }, locale, { compact = true } = {}) {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  const kind = valueKind({ unit, display });
  if (kind === 'multiple') {
    return TIMES + formatFull(round(value, 2), locale);
  }
  if (kind === 'percent') {
    return formatFull(round(value, 1), locale) + '%';
  }
  if (kind === 'currency') {
    return formatMoney(value, unit, locale, { compact });
  }
  const number = compact ? formatCompact(value, locale) : formatFull(value, locale);
  return withUnit(number, unit, locale);
}

// Half away from zero, as Intl rounds, so -4.25 and 4.25 round alike.
function round(value, digits) {
  const factor = 10 ** digits;
  return Math.sign(value) * Math.round(Math.abs(value) * factor) / factor;
}

/**
 * A change as a person reads it: '+12.5%' for numbers, '×1.3' for multiples, '+2.1 pp' for
 * percentages (percentage points). Null when there is nothing to compare with.
 * `change` is the API's delta: {abs, pct, ratio}; `display` a metric ({unit, display}) or its display kind.
 */
export function formatDelta(change, display, locale) {
  if (!change) {
    return null;
  }
  const kind = valueKind(typeof display === 'string' ? { display } : display);
  if (kind === 'multiple') {
    return Number.isFinite(change.ratio) ? TIMES + formatFull(round(change.ratio, 2), locale) : null;
  }
  if (kind === 'percent') {
    if (!Number.isFinite(change.abs)) {
      return null;
    }
    const pp = language(locale) === 'ko' ? '%p' : ' pp';
    return signed(numberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 })
      .format(round(change.abs, 1)), change.abs) + pp;
  }
  if (Number.isFinite(change.pct)) {
    return signed(numberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 })
      .format(round(change.pct, 1)), change.pct) + '%';
  }
  if (Number.isFinite(change.abs)) {
    const money = kind === 'currency' ? { style: 'currency', currency: display.unit, minimumFractionDigits: 0 } : {};
    const text = numberFormat(locale, { ...money, notation: 'compact', signDisplay: 'exceptZero', maximumFractionDigits: 1 })
      .format(change.abs);
    return signed(text, change.abs);
  }
  return null;
}

/** Which way a change goes: 'up', 'down' or 'flat'. */
export function direction(change) {
  if (!change || !Number.isFinite(change.abs) || change.abs === 0) {
    return 'flat';
  }
  return change.abs > 0 ? 'up' : 'down';
}

/** The change from `base` to `value`, in the API's shape {abs, pct, ratio}; null without a base. */
export function delta(value, base) {
  if (!Number.isFinite(value) || !Number.isFinite(base)) {
    return null;
  }
  const zero = base === 0;
  return { abs: value - base, pct: zero ? null : (value / base - 1) * 100, ratio: zero ? null : value / base };
}

const DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const SECOND = 1000;
const DAY = 86400 * SECOND;
// Calendar units at their average length: good enough to say whether a point is overdue.
const UNIT_MS = [365.2425 * DAY, 30.436875 * DAY, 7 * DAY, DAY, 3600 * SECOND, 60 * SECOND, SECOND];

/** An ISO-8601 duration ('P7D', 'PT1H', 'P1Y2M') in milliseconds; null when it is not one. */
export function durationMs(iso) {
  const match = typeof iso === 'string' ? DURATION.exec(iso.toUpperCase()) : null;
  if (!match || iso.length < 3 || /T$/i.test(iso)) {
    return null;
  }
  return UNIT_MS.reduce((sum, unit, i) => sum + (match[i + 1] ? Number(match[i + 1]) * unit : 0), 0);
}

/** Whether a point taken at `ts` is older than the metric's `cadence` at time `now` (ms). */
export function isStale(ts, cadence, now = Date.now()) {
  const period = durationMs(cadence);
  const at = Date.parse(ts);
  if (period === null || Number.isNaN(at)) {
    return false;
  }
  return now - at > period;
}

const RELATIVE_UNITS = [
  ['year', 365.2425 * DAY], ['month', 30.436875 * DAY], ['week', 7 * DAY], ['day', DAY],
  ['hour', 3600 * SECOND], ['minute', 60 * SECOND], ['second', SECOND]
];

/** How long ago `ts` was, in words: '2 weeks ago', '1년 전', 'now'. */
export function formatAgo(ts, locale, now = Date.now()) {
  const elapsed = Date.parse(ts) - now;
  const format = cachedFormat(Intl.RelativeTimeFormat, locale, { numeric: 'auto' });
  for (const [unit, ms] of RELATIVE_UNITS) {
    if (Math.abs(elapsed) >= ms) {
      return format.format(Math.round(elapsed / ms), unit);
    }
  }
  return format.format(0, 'second');
}

/** A date for tiles and tables: 'Sep 10, 2025', '2025. 9. 10.'; in `zone` (an IANA name, UTC by default). */
export function formatDate(ts, locale, { time = false, zone = 'UTC' } = {}) {
  const options = time ? { dateStyle: 'medium', timeStyle: 'short', timeZone: zone } : { dateStyle: 'medium', timeZone: zone };
  return cachedFormat(Intl.DateTimeFormat, locale, options).format(new Date(ts));
}

/** A share (0..1) as a whole percentage: '42%'. */
export function formatPercent(share, locale) {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A series' labels as a short text: 'kr', 'global · web'; '' without labels. */
export function formatLabels(labels) {
  return Object.keys(labels || {}).sort().map((key) => labels[key]).join(' · ');
}
