// What the page shows of a CSV file before importing it, and how it words the server's faults.
// Pure (no DOM): the rows are counted as the server counts them (RFC 4180 quotes, blank lines
// skipped, the header not counted), so the preview's count is the count the import answers with.

/** Lines of the file shown as text before importing. */
export const PREVIEW_LINES = 6;

/**
 * A counter of CSV records fed chunk by chunk (a large file is read as a stream): a line break
 * inside quotes does not end a record. count() is the number of data rows (header excluded).
 */
export function rowCounter() {
  let quoted = false;
  let lineHasText = false;
  let records = 0;
  let lastWasCr = false;
  return {
    add(text) {
      for (let i = 0; i < text.length; i += 1) {
        const c = text[i];
        if (c === '"') {
          quoted = !quoted;
          lineHasText = true;
        } else if ((c === '\n' || c === '\r') && !quoted) {
          if (!(c === '\n' && lastWasCr) && lineHasText) {
            records += 1;
          }
          lineHasText = false;
        } else if (c !== '\n' && c !== '\r' || quoted) {
          lineHasText = true;
        }
        lastWasCr = c === '\r';
      }
    },
    count() {
      return Math.max(0, records + (lineHasText ? 1 : 0) - 1);
    }
  };
}

/** The first `lines` lines of the text, without a byte order mark. */
export function previewLines(text, lines = PREVIEW_LINES) {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).slice(0, lines).join('\n');
}

/**
 * One fault of a problem as the page words it: `/rows/12/ts` is row 12, column ts; `/rows/0` is
 * the header.
 */
export function describeError(error, t) {
  const match = /^\/rows\/(\d+)(?:\/(.+))?$/.exec(error.pointer || '');
  if (!match) {
    return error.detail;
  }
  const row = Number(match[1]);
  const where = row === 0 ? t('csvHeader')
    : match[2] ? t('csvRowColumn', { row, column: match[2].replace(/~1/g, '/').replace(/~0/g, '~') })
      : t('csvRow', { row });
  return `${where}: ${error.detail}`;
}
