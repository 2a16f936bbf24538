/**
 * CSV for spreadsheets (RFC 4180: comma, CRLF, quotes doubled), safe to open in Excel, LibreOffice
 * or Google Sheets. Kept to these two functions so that a library (csv-stringify with
 * `escape_formulas`) could replace `toCsv` alone.
 */

/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and the tab and carriage
 * return some of them strip first, in ASCII or full width) gets a leading apostrophe, as OWASP
 * recommends for CSV injection. Numbers we produce ourselves are not text cells and are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type Cell = string | number;

/** Rows to CSV text: text cells neutralised, then quoted when they hold a comma, quote or line break. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const text = safeCell(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
