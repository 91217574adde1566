// The dashboard's words in English and Korean, and the choice between them. Pure: no DOM.

export const LANGUAGES = ['en', 'ko'];

const MESSAGES = {
  en: {
    title: 'Pulseboard',
    tagline: 'Live KPIs',
    skip: 'Skip to the figures',
    region: 'Region',
    regionAll: 'All',
    themeDark: 'Dark theme',
    language: 'Language',
    statusConnecting: 'Connecting',
    statusLive: 'Live',
    statusReconnecting: 'Reconnecting',
    statusOffline: 'Offline',
    statusLabel: 'Live updates: {status}',
    vsPrevious: 'vs previous',
    vsYearAgo: 'vs a year earlier',
    stale: 'Stale',
    staleHint: 'No new point for longer than the expected cadence ({cadence})',
    goal: 'Goal {goal}',
    goalProgress: '{pct} of goal',
    source: 'Source: {source}',
    updated: 'As of {date}',
    noData: 'No data yet',
    loading: 'Loading…',
    loadFailed: 'Could not load the figures: {detail}',
    empty: 'No metrics match this filter.',
    details: 'Details for {name}',
    back: 'All metrics',
    range: 'Range',
    range30d: '30 days',
    range1y: '1 year',
    rangeAll: 'All',
    chartLabel: 'Chart of {name}, {series}',
    annotations: 'Events',
    noAnnotations: 'No events in this range.',
    points: 'Points',
    colTime: 'Time ({zone})',
    colValue: 'Value',
    colSource: 'Source',
    downloadCsv: 'Download CSV',
    csvImport: 'Import CSV',
    csvDrop: 'Drop a CSV file here, or choose one',
    csvChoose: 'Choose a CSV file',
    csvFormat: 'Header: metric,ts,value[,source][,label…]; UTF-8. Importing needs a write token.',
    csvRows: '{count} rows in {name}',
    csvPreview: 'First lines of the file',
    csvStart: 'Import {count} rows',
    csvCancel: 'Clear',
    csvUploading: 'Importing… {pct}',
    csvWriting: 'Uploaded; writing the rows…',
    csvDone: 'Imported {rows} rows: {written} written, {unchanged} unchanged.',
    csvFailed: 'Nothing was imported: {detail}',
    csvHeader: 'Header',
    csvRow: 'Row {row}',
    csvRowColumn: 'Row {row}, column {column}',
    csvNotCsv: 'Choose a .csv file.',
    noPoints: 'No points in this range.',
    tableLimited: 'Showing the latest {count} points.',
    unknownMetric: 'There is no metric “{id}”.',
    tokenTitle: 'Access token',
    tokenHelp: 'This dashboard needs a read token. It is kept for this browser session only.',
    forgetKey: 'Forget key',
    tvLinkOpen: 'TV link',
    tvLinkTitle: 'Create a TV link',
    tvLinkHelp: 'Makes a read-only token and a link that opens the dashboard full screen with it. Open the link once on the TV: the browser keeps the key, even after a restart.',
    tvLinkName: 'Name of the screen',
    tvLinkDefaultName: 'lobby',
    tvLinkAdmin: 'Admin token (used once, not kept)',
    tvLinkCreate: 'Create link',
    tvLinkClose: 'Close',
    tvLinkUrl: 'TV link (keep it secret: it lets anyone read the dashboard)',
    tvLinkCopy: 'Copy link',
    tvLinkCopied: 'Copied.',
    tvLinkCopyByHand: 'The link is selected: copy it with Ctrl+C.',
    tvLinkFailed: 'Could not create the link: {detail}',
    tokenLabel: 'Token',
    tokenSubmit: 'Open dashboard',
    tokenRejected: 'That token was not accepted.',
    timeZone: 'Time zone',
    asOfLabel: 'As of',
    asOfClear: 'Back to live',
    asOfBanner: 'Showing the figures as they were known at the end of {date} ({zone}). Live updates are paused.',
    revised: 'revised {ago}',
    revisedFrom: 'Was {value} until {date}',
    monthToDate: 'This month: {value}',
    quarterToDate: 'This quarter: {value}',
    announceUpdate: '{name}{series}: {value}'
  },
  ko: {
    title: 'Pulseboard',
    tagline: '실시간 KPI',
    skip: '지표로 건너뛰기',
    region: '지역',
    regionAll: '전체',
    themeDark: '어두운 테마',
    language: '언어',
    statusConnecting: '연결 중',
    statusLive: '실시간',
    statusReconnecting: '다시 연결 중',
    statusOffline: '오프라인',
    statusLabel: '실시간 업데이트: {status}',
    vsPrevious: '직전 대비',
    vsYearAgo: '전년 대비',
    stale: '지연',
    staleHint: '예상 주기({cadence})보다 오래 새 값이 없습니다',
    goal: '목표 {goal}',
    goalProgress: '목표의 {pct}',
    source: '출처: {source}',
    updated: '{date} 기준',
    noData: '아직 데이터가 없습니다',
    loading: '불러오는 중…',
    loadFailed: '지표를 불러오지 못했습니다: {detail}',
    empty: '이 필터에 맞는 지표가 없습니다.',
    details: '{name} 자세히 보기',
    back: '모든 지표',
    range: '기간',
    range30d: '30일',
    range1y: '1년',
    rangeAll: '전체',
    chartLabel: '{name} 차트, {series}',
    annotations: '이벤트',
    noAnnotations: '이 기간에는 이벤트가 없습니다.',
    points: '데이터',
    colTime: '시각 ({zone})',
    colValue: '값',
    colSource: '출처',
    downloadCsv: 'CSV 내려받기',
    csvImport: 'CSV 가져오기',
    csvDrop: 'CSV 파일을 여기에 놓거나 선택하세요',
    csvChoose: 'CSV 파일 선택',
    csvFormat: '머리글: metric,ts,value[,source][,라벨…]; UTF-8. 가져오려면 쓰기 토큰이 필요합니다.',
    csvRows: '{name}: {count}행',
    csvPreview: '파일의 첫 줄',
    csvStart: '{count}행 가져오기',
    csvCancel: '지우기',
    csvUploading: '가져오는 중… {pct}',
    csvWriting: '올렸습니다. 행을 기록하는 중…',
    csvDone: '{rows}행을 가져왔습니다: {written}개 기록, {unchanged}개 변경 없음.',
    csvFailed: '아무것도 가져오지 않았습니다: {detail}',
    csvHeader: '머리글',
    csvRow: '{row}행',
    csvRowColumn: '{row}행, {column} 열',
    csvNotCsv: '.csv 파일을 선택하세요.',
    noPoints: '이 기간에는 데이터가 없습니다.',
    tableLimited: '최근 {count}개만 표시합니다.',
    unknownMetric: '“{id}” 지표가 없습니다.',
    tokenTitle: '접근 토큰',
    tokenHelp: '이 대시보드는 읽기 토큰이 필요합니다. 토큰은 이 브라우저 세션 동안만 보관됩니다.',
    forgetKey: '키 지우기',
    tvLinkOpen: 'TV 링크',
    tvLinkTitle: 'TV 링크 만들기',
    tvLinkHelp: '읽기 전용 토큰과, 그 토큰으로 대시보드를 전체 화면으로 여는 링크를 만듭니다. TV에서 링크를 한 번 열면 브라우저를 다시 시작해도 키가 유지됩니다.',
    tvLinkName: '화면 이름',
    tvLinkDefaultName: '로비',
    tvLinkAdmin: '관리자 토큰 (한 번만 쓰고 보관하지 않음)',
    tvLinkCreate: '링크 만들기',
    tvLinkClose: '닫기',
    tvLinkUrl: 'TV 링크 (비밀로 하세요: 누구나 대시보드를 읽을 수 있게 됩니다)',
    tvLinkCopy: '링크 복사',
    tvLinkCopied: '복사했습니다.',
    tvLinkCopyByHand: '링크가 선택되었습니다. Ctrl+C로 복사하세요.',
    tvLinkFailed: '링크를 만들 수 없습니다: {detail}',
    tokenLabel: '토큰',
    tokenSubmit: '대시보드 열기',
    tokenRejected: '토큰이 승인되지 않았습니다.',
    timeZone: '시간대',
    asOfLabel: '기준일',
    asOfClear: '실시간으로 돌아가기',
    asOfBanner: '{date} 끝({zone}) 시점에 알려진 값을 보여 줍니다. 실시간 업데이트는 멈춰 있습니다.',
    revised: '{ago} 수정됨',
    revisedFrom: '{date}까지 {value}',
    monthToDate: '이번 달: {value}',
    quarterToDate: '이번 분기: {value}',
    announceUpdate: '{name}{series}: {value}'
  }
};

/**
 * The language to show: `?lang=` when it names one we have, else the browser's first
 * preferred language we have, else English.
 */
export function pickLanguage(search, preferred = []) {
  const asked = new URLSearchParams(search).get('lang');
  const candidates = [asked, ...preferred].filter(Boolean).map((tag) => tag.toLowerCase().split('-')[0]);
  return candidates.find((lang) => LANGUAGES.includes(lang)) || 'en';
}

/** A translator for one language: t('goal', {goal: '1B'}). Missing keys fall back to English. */
export function translator(lang) {
  const messages = MESSAGES[lang] || MESSAGES.en;
  return (key, params = {}) => {
    const text = messages[key] ?? MESSAGES.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}

/** A metric's name in this language, from the server's names per language; else its English name. */
export function metricName(metric, lang) {
  return (metric.names && metric.names[lang]) || metric.name;
}

/** A metric's description in this language; else its English one. */
export function metricDescription(metric, lang) {
  return (metric.descriptions && metric.descriptions[lang]) || metric.description || '';
}

/**
 * A label value ('jp') as shown in this language ('일본'): its name from the first of `metrics`
 * (one metric or several) that names it for label `key`; else the value as stored.
 */
export function labelValue(value, lang, metrics = [], key = 'region') {
  for (const metric of [].concat(metrics)) {
    const names = metric && metric.label_values && metric.label_values[key] && metric.label_values[key][value];
    if (names && names[lang]) {
      return names[lang];
    }
  }
  return value;
}

/** A series' labels as shown in this language, in key order: '일본', 'web · 일본'; '' without labels. */
export function labelsText(metric, labels, lang) {
  return Object.keys(labels || {}).sort().map((key) => labelValue(labels[key], lang, metric, key)).join(' · ');
}
