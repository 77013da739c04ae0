/**
 * Text that a spreadsheet would run as a formula when the data is exported again (CSV injection):
 * = + - @ or a tab/CR first. Refused (not neutralised) by the mutations and by the importer, so
 * what is stored is exactly what was typed.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
