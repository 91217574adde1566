// The words of goals and alerts in English and Korean, and the lines a tile and the alert list
// show. Pure (no DOM), tested with `node --test`. Kept beside i18n.js's table so that goals and
// alerts bring their words with them; a missing word falls back to i18n.js, then English.
import { formatAgo, formatDate, formatFull, formatValue, valueKind } from './format.js';
import { translator } from './i18n.js';

const MESSAGES = {
  en: {
    goalStatus_ok: 'On track',
    goalStatus_warn: 'Warn',
    goalStatus_critical: 'Critical',
    goalStatus_met: 'Met',
    goalStatusLabel: 'Goal status: {status}',
    goalBy: 'Goal {goal} by {due}',
    goalBehind: 'behind by {gap}',
    goalAhead: 'ahead by {gap}',
    goalOnPace: 'on pace',
    goalLower: 'Lower is better',
    goalHigher: 'Higher is better',
    changeGood: 'better',
    changeBad: 'worse',
    goalLine: 'Goal {goal}',
    alertsFiring_one: '{count} alert firing',
    alertsFiring_other: '{count} alerts firing',
    alertsTitle: 'Firing alerts',
    alertsShort: 'Alerts',
    alertSince: 'since {ago}',
    alertSinceAt: 'Firing since {date}',
    alertOpen: 'Open {name}',
    alertNew: 'Alert firing: {rule}, {series}: {value}',
    alertNoValue: 'no value',
    alertsMore: 'and {count} more'
  },
  ko: {
    goalStatus_ok: '순조',
    goalStatus_warn: '경고',
    goalStatus_critical: '위험',
    goalStatus_met: '달성',
    goalStatusLabel: '목표 상태: {status}',
    goalBy: '{due}까지 목표 {goal}',
    goalBehind: '{gap} 뒤처짐',
    goalAhead: '{gap} 앞섬',
    goalOnPace: '계획대로',
    goalLower: '낮을수록 좋음',
    goalHigher: '높을수록 좋음',
    changeGood: '개선',
    changeBad: '악화',
    goalLine: '목표 {goal}',
    alertsFiring_one: '알림 {count}건 발생 중',
    alertsFiring_other: '알림 {count}건 발생 중',
    alertsTitle: '발생 중인 알림',
    alertsShort: '알림',
    alertSince: '{ago}부터',
    alertSinceAt: '{date}부터 발생 중',
    alertOpen: '{name} 열기',
    alertNew: '알림 발생: {rule}, {series}: {value}',
    alertNoValue: '값 없음',
    alertsMore: '외 {count}건'
  }
};

/** A translator with the words of goals and alerts, then the dashboard's (i18n.js). */
export function goalTranslator(lang) {
  const own = MESSAGES[lang] || MESSAGES.en;
  const rest = translator(lang);
  return (key, params = {}) => {
    const text = own[key] ?? MESSAGES.en[key];
    if (text === undefined) {
      return rest(key, params);
    }
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}

/** The keys of both languages, so a test can check that neither misses one. */
export function messageKeys(lang) {
  return Object.keys(MESSAGES[lang] || {});
}

/** A goal status as words: 'Warn', '경고'. */
export function statusText(status, t) {
  return status ? t(`goalStatus_${status}`) : '';
}

/**
 * A gap between a value and where it should be, without sign and as the metric reads it: '0.2'
 * for a multiple (not '×0.2'), '1.5 pp' for a percentage, '42M users' for a count.
 */
export function formatGap(delta, metric, locale) {
  const gap = Math.abs(delta);
  const kind = valueKind(metric);
  if (kind === 'multiple') {
    return formatFull(Math.round(gap * 100) / 100, locale);
  }
  if (kind === 'percent') {
    const rounded = formatFull(Math.round(gap * 10) / 10, locale);
    return String(locale).toLowerCase().startsWith('ko') ? `${rounded}%p` : `${rounded} pp`;
  }
  return formatValue(gap, metric, locale);
}

function zoneYear(ms, zone) {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: zone }).format(new Date(ms));
}

/**
 * A due date ('2026-12-31', a calendar day) in the locale: 'Dec 31' within this year in `zone`,
 * 'Dec 31, 2027' otherwise. The day is written as it is, not moved into `zone`: a goal due on
 * Dec 31 is due on Dec 31 wherever it is read.
 */
export function formatDue(due, locale, { now = Date.now(), zone = 'UTC' } = {}) {
  const [year, month, day] = String(due).slice(0, 10).split('-').map(Number);
  const at = Date.UTC(year, month - 1, day);
  const sameYear = String(year) === zoneYear(now, zone);
  const options = sameYear ? { month: 'short', day: 'numeric', timeZone: 'UTC' }
    : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(at));
}

/** Ahead or behind the straight line to the due date, in words: 'behind by 0.2'; '' without pacing. */
export function pacingText(pace, metric, { locale, t }) {
  if (!pace) {
    return '';
  }
  if (Math.abs(pace.delta) < 1e-9 * Math.max(1, Math.abs(pace.expected))) {
    return t('goalOnPace');
  }
  const gap = formatGap(pace.delta, metric, locale);
  return t(pace.ahead ? 'goalAhead' : 'goalBehind', { gap });
}

/**
 * A tile's goal line: 'Goal ×3 by Dec 31 · behind by 0.2' with a due date, else
 * '70% of goal · Goal 1B users'. `share` is the progress towards the target (0..1).
 */
export function goalText(goal, pace, metric, { locale, t, now = Date.now(), zone = 'UTC', share }) {
  const target = formatValue(goal.target, metric, locale);
  if (goal.due) {
    const head = t('goalBy', { goal: target, due: formatDue(goal.due, locale, { now, zone }) });
    const pacingPart = pacingText(pace, metric, { locale, t });
    return pacingPart ? `${head} · ${pacingPart}` : head;
  }
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  return `${t('goalProgress', { pct })} · ${t('goal', { goal: target })}`;
}

/** The number of firing alerts in words: '1 alert firing', '알림 3건 발생 중'. */
export function firingText(count, { lang, t }) {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  return t(`alertsFiring_${form}`, { count: new Intl.NumberFormat(lang).format(count) });
}

/** Since when an alert fires: 'since 5 minutes ago', with the exact time in `zone` for a title. */
export function sinceText(since, { locale, t, now = Date.now(), zone = 'UTC' }) {
  return {
    text: t('alertSince', { ago: formatAgo(since, locale, now) }),
    title: t('alertSinceAt', { date: formatDate(since, locale, { time: true, zone }) })
  };
}
