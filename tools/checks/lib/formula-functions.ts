/**
 * The functions of the Salesforce formula language, with the number of arguments each takes.
 *
 * Source: Salesforce Help, "Formula Operators and Functions by Context"
 * (https://help.salesforce.com/s/articleView?id=platform.customize_functions.htm), its per-category
 * tables (Date and Time, Logical, Math, Text, Summary, Advanced, Encoding) and each function's
 * "Use" line for the arguments (`[…]` marks an optional argument). Summary functions:
 * "PARENTGROUPVAL and PREVGROUPVAL" (analytics.reports_summary_functions_about.htm). Functions whose
 * argument count the reference leaves open (`AND(logical1, logical2, …)`) have no maximum; a
 * function whose arguments it does not state precisely has no arity (never reported).
 *
 * A name missing here is reported as `formula-unknown-function`: when Salesforce adds a function,
 * add it here with the release that introduced it.
 */

export interface FormulaFunction {
  /** Fewest arguments; absent when the reference does not state them. */
  min?: number;
  /** Most arguments; `Infinity` for a list (`AND`, `OR`, `MAX`, `CASE`, …). */
  max?: number;
  /** The argument count must be even (`CASE(expression, value1, result1, …, else_result)`). */
  even?: boolean;
  /** Usage as the reference writes it, for messages. */
  use: string;
}

const MANY = Number.POSITIVE_INFINITY;

function fn(min: number, max: number, use: string, even = false): FormulaFunction {
  return even ? { min, max, use, even } : { min, max, use };
}

export const FORMULA_FUNCTIONS: Readonly<Record<string, FormulaFunction>> = {
  // Date and time
  ADDMONTHS: fn(2, 2, 'ADDMONTHS(date, num)'),
  DATE: fn(3, 3, 'DATE(year, month, day)'),
  DATEVALUE: fn(1, 1, 'DATEVALUE(expression)'),
  DATETIMEVALUE: fn(1, 1, 'DATETIMEVALUE(expression)'),
  DAY: fn(1, 1, 'DAY(date)'),
  DAYOFYEAR: fn(1, 1, 'DAYOFYEAR(date)'),
  FORMATDURATION: fn(
    1,
    2,
    'FORMATDURATION(numSeconds [, includeDays]) or FORMATDURATION(start, end)',
  ),
  FROMUNIXTIME: fn(1, 1, 'FROMUNIXTIME(number)'),
  HOUR: fn(1, 1, 'HOUR(time)'),
  ISOWEEK: fn(1, 1, 'ISOWEEK(date)'),
  ISOYEAR: fn(1, 1, 'ISOYEAR(date)'),
  MILLISECOND: fn(1, 1, 'MILLISECOND(time)'),
  MINUTE: fn(1, 1, 'MINUTE(time)'),
  MONTH: fn(1, 1, 'MONTH(date)'),
  NOW: fn(0, 0, 'NOW()'),
  SECOND: fn(1, 1, 'SECOND(time)'),
  TIMENOW: fn(0, 0, 'TIMENOW()'),
  TIMEVALUE: fn(1, 1, 'TIMEVALUE(value)'),
  TODAY: fn(0, 0, 'TODAY()'),
  UNIXTIMESTAMP: fn(1, 1, 'UNIXTIMESTAMP(date or datetime)'),
  WEEKDAY: fn(1, 1, 'WEEKDAY(date)'),
  YEAR: fn(1, 1, 'YEAR(date)'),
  // Logical
  AND: fn(1, MANY, 'AND(logical1, logical2, …)'),
  BLANKVALUE: fn(2, 2, 'BLANKVALUE(expression, substitute_expression)'),
  CASE: fn(4, MANY, 'CASE(expression, value1, result1, value2, result2, …, else_result)', true),
  IF: fn(3, 3, 'IF(logical_test, value_if_true, value_if_false)'),
  ISBLANK: fn(1, 1, 'ISBLANK(expression)'),
  ISCHANGED: fn(1, 1, 'ISCHANGED(field)'),
  ISCLONE: fn(0, 0, 'ISCLONE()'),
  ISNEW: fn(0, 0, 'ISNEW()'),
  ISNULL: fn(1, 1, 'ISNULL(expression)'),
  ISNUMBER: fn(1, 1, 'ISNUMBER(text)'),
  NOT: fn(1, 1, 'NOT(logical)'),
  NULLVALUE: fn(2, 2, 'NULLVALUE(expression, substitute_expression)'),
  OR: fn(1, MANY, 'OR(logical1, logical2, …)'),
  PRIORVALUE: fn(1, 1, 'PRIORVALUE(field)'),
  // Math
  ABS: fn(1, 1, 'ABS(number)'),
  CEILING: fn(1, 1, 'CEILING(number)'),
  DISTANCE: fn(3, 3, "DISTANCE(location1, location2, 'unit')"),
  EXP: fn(1, 1, 'EXP(number)'),
  FLOOR: fn(1, 1, 'FLOOR(number)'),
  GEOLOCATION: fn(2, 2, 'GEOLOCATION(latitude, longitude)'),
  LN: fn(1, 1, 'LN(number)'),
  LOG: fn(1, 1, 'LOG(number)'),
  MAX: fn(1, MANY, 'MAX(number, number, …)'),
  MCEILING: fn(1, 1, 'MCEILING(number)'),
  MFLOOR: fn(1, 1, 'MFLOOR(number)'),
  MIN: fn(1, MANY, 'MIN(number, number, …)'),
  MOD: fn(2, 2, 'MOD(number, divisor)'),
  ROUND: fn(2, 2, 'ROUND(number, num_digits)'),
  SQRT: fn(1, 1, 'SQRT(number)'),
  // Text
  ASCII: fn(1, 1, 'ASCII(text)'),
  BEGINS: fn(2, 2, 'BEGINS(text, compare_text)'),
  BR: fn(0, 0, 'BR()'),
  CASESAFEID: fn(1, 1, 'CASESAFEID(id)'),
  CHR: fn(1, 1, 'CHR(number)'),
  CONTAINS: fn(2, 2, 'CONTAINS(text, compare_text)'),
  FIND: fn(2, 3, 'FIND(search_text, text [, start_num])'),
  GETSESSIONID: fn(0, 0, 'GETSESSIONID()'),
  HYPERLINK: fn(2, 3, 'HYPERLINK(url, friendly_name [, target])'),
  IMAGE: fn(2, 4, 'IMAGE(image_url, alternate_text [, height, width])'),
  INCLUDES: fn(2, 2, 'INCLUDES(multiselect_picklist_field, text_literal)'),
  INITCAP: fn(1, 1, 'INITCAP(text)'),
  ISPICKVAL: fn(2, 2, 'ISPICKVAL(picklist_field, text_literal)'),
  LEFT: fn(2, 2, 'LEFT(text, num_chars)'),
  LEN: fn(1, 1, 'LEN(text)'),
  LOWER: fn(1, 2, 'LOWER(text [, locale])'),
  LPAD: fn(2, 3, 'LPAD(text, padded_length [, pad_string])'),
  MID: fn(3, 3, 'MID(text, start_num, num_chars)'),
  REVERSE: fn(1, 1, 'REVERSE(text)'),
  RIGHT: fn(2, 2, 'RIGHT(text, num_chars)'),
  RPAD: fn(2, 3, 'RPAD(text, padded_length [, pad_string])'),
  SUBSTITUTE: fn(3, 3, 'SUBSTITUTE(text, old_text, new_text)'),
  TEXT: fn(1, 1, 'TEXT(value)'),
  TRIM: fn(1, 1, 'TRIM(text)'),
  UPPER: fn(1, 2, 'UPPER(text [, locale])'),
  VALUE: fn(1, 1, 'VALUE(text)'),
  // Encoding
  HTMLENCODE: fn(1, 1, 'HTMLENCODE(text)'),
  JSENCODE: fn(1, 1, 'JSENCODE(text)'),
  JSINHTMLENCODE: fn(1, 1, 'JSINHTMLENCODE(text)'),
  URLENCODE: fn(1, 1, 'URLENCODE(text)'),
  // Summary (report custom summary formulas only)
  PARENTGROUPVAL: fn(
    2,
    3,
    'PARENTGROUPVAL(summary_field, grouping_level) or (summary_field, parent_row_grouping, parent_column_grouping)',
  ),
  PREVGROUPVAL: fn(2, 3, 'PREVGROUPVAL(summary_field, grouping_level [, increment])'),
  // Advanced
  CURRENCYRATE: fn(1, 1, 'CURRENCYRATE(IsoCode)'),
  GETRECORDIDS: fn(1, 1, 'GETRECORDIDS(object_type)'),
  IMAGEPROXYURL: fn(1, 1, 'IMAGEPROXYURL(url)'),
  INCLUDE: { use: 'INCLUDE(source [, inputs])' },
  JUNCTIONIDLIST: { use: 'JUNCTIONIDLIST(id, id, …)' },
  LINKTO: { use: 'LINKTO(label, target, id [, inputs, no override])' },
  PREDICT: { use: 'PREDICT(…)' },
  REGEX: fn(2, 2, 'REGEX(text, regex_text)'),
  REQUIRESCRIPT: { use: 'REQUIRESCRIPT(url)' },
  URLFOR: { use: 'URLFOR(target, id [, inputs, no override])' },
  VLOOKUP: fn(3, 3, 'VLOOKUP(field_to_return, field_on_lookup_object, lookup_value)'),
};

/** The function of that name (formula function names are case-insensitive). */
export function formulaFunction(name: string): FormulaFunction | undefined {
  return Object.prototype.hasOwnProperty.call(FORMULA_FUNCTIONS, name.toUpperCase())
    ? FORMULA_FUNCTIONS[name.toUpperCase()]
    : undefined;
}

/**
 * Functions the reference limits to some formula contexts, with where each may not be used.
 * ISCHANGED and PRIORVALUE: "available only in assignment rules, validation rules, field updates,
 * workflow rules … and formula criteria … in Process Builder" (customize_functions_ischanged.htm,
 * customize_functions_priorvalue.htm); ISNEW: "only in validation rules, field updates, workflow
 * rules, assignment rules, and processes" (customize_functions_isnew.htm): never in a formula
 * field, a default value or a report formula. PARENTGROUPVAL and PREVGROUPVAL: "only in custom
 * summary formulas" of reports.
 */
export const RECORD_CHANGE_FUNCTIONS = new Set(['ISCHANGED', 'PRIORVALUE', 'ISNEW']);
export const SUMMARY_FUNCTIONS = new Set(['PARENTGROUPVAL', 'PREVGROUPVAL']);

/**
 * Standard picklist fields (Salesforce Help, "Tips for Working with Picklist and Multi-Select
 * Picklist Values in Formulas": a picklist is referenced only through ISPICKVAL, CASE or TEXT;
 * `=` or `!=` on it is an error). The sobject-types jar types picklists as String, so the
 * standard ones the project's objects use are listed here; custom picklists come from the
 * project's field metadata.
 */
export const STANDARD_PICKLISTS: Readonly<Record<string, readonly string[]>> = {
  Opportunity: ['StageName', 'ForecastCategoryName', 'Type', 'LeadSource'],
  Account: ['Type', 'Industry', 'Rating', 'Ownership', 'AccountSource'],
  Lead: ['Status', 'LeadSource', 'Industry', 'Rating'],
  Case: ['Status', 'Priority', 'Origin', 'Type', 'Reason'],
  Contact: ['LeadSource'],
  Contract: ['Status'],
  Order: ['Status'],
  Asset: ['Status'],
  Task: ['Status', 'Priority'],
};
