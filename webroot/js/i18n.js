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
    colTime: 'Time (UTC)',
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
    tokenLabel: 'Token',
    tokenSubmit: 'Open dashboard',
    tokenRejected: 'That token was not accepted.',
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
    colTime: '시각 (UTC)',
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
    tokenLabel: '토큰',
    tokenSubmit: '대시보드 열기',
    tokenRejected: '토큰이 승인되지 않았습니다.',
    announceUpdate: '{name}{series}: {value}'
  }
};

// Metric names the server stores in English, said in Korean. Unknown ids keep the server's name.
const METRIC_NAMES = {
  ko: {
    weekly_users: '주간 활성 사용자',
    weekly_users_yoy: '주간 사용자 (전년 대비)',
    paid_subscribers_yoy: '유료 구독자 (전년 대비)',
    offices: '지사'
  }
};

const LABEL_VALUES = {
  ko: { global: '전 세계', kr: '한국', asia: '아시아' }
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

/** A metric's name in this language. */
export function metricName(metric, lang) {
  return (METRIC_NAMES[lang] && METRIC_NAMES[lang][metric.id]) || metric.name;
}

/** A label value ('kr') as shown in this language ('한국'). */
export function labelValue(value, lang) {
  return (LABEL_VALUES[lang] && LABEL_VALUES[lang][value]) || value;
}
