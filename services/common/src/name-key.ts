/**
 * How names typed by people are compared (a unit in a spreadsheet cell, a special action's
 * title): NFKC folds full-width characters, and spaces are dropped ("市 商务局" is 市商务局).
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}
