/**
 * A small SOQL reader for the reference check: finds `[SELECT …]` queries in Apex and lists the
 * field paths each query names (select list, WHERE / HAVING conditions, GROUP BY, ORDER BY),
 * with child-relationship subqueries and semi-join subqueries as nested queries. Bind
 * expressions (`:value`) and literals are not field references and are skipped.
 */

export interface SoqlField {
  path: string[];
  /** Offset of the path in the text the query was read from. */
  offset: number;
}

export interface SoqlQuery {
  /** The FROM name: an object, or a child relationship for a select-list subquery. */
  from: string;
  offset: number;
  fields: SoqlField[];
  /** `(SELECT … FROM ChildRelationship)` in the select list. */
  children: SoqlQuery[];
  /** `IN (SELECT … FROM Object)` in conditions: independent queries. */
  semiJoins: SoqlQuery[];
}

const PATH = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/;
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'null',
  'true',
  'false',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
]);
const CLAUSES = [
  'WHERE',
  'WITH',
  'GROUP BY',
  'ORDER BY',
  'LIMIT',
  'OFFSET',
  'FOR',
  'HAVING',
  'USING SCOPE',
];

/** Blanks Apex comments and string literals (keeping offsets and line breaks). */
export function blankApexCommentsAndStrings(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const two = source.slice(i, i + 2);
    if (two === '//') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (two === '/*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (source[i] === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== "'") j += source[j] === '\\' ? 2 : 1;
      out += `'${' '.repeat(Math.max(0, Math.min(j, source.length) - i - 1))}'`;
      i = j + 1;
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out.slice(0, source.length);
}

/** Index of the parenthesis or bracket closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : ']';
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === opener) depth += 1;
    else if (text[i] === closer) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Offset of the first `word` (a keyword, spaces allowed) outside parentheses, or -1. */
function topLevelKeyword(text: string, word: string, from = 0): number {
  const pattern = new RegExp(`^${word.replace(' ', '\\s+')}\\b`, 'i');
  let depth = 0;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (
      depth === 0 &&
      (i === 0 || !/[\w.]/.test(text[i - 1])) &&
      pattern.test(text.slice(i, i + 20))
    ) {
      return i;
    }
  }
  return -1;
}

function splitTopLevel(text: string, offset: number): { item: string; offset: number }[] {
  const items: { item: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const c = text[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if ((c === ',' && depth === 0) || i === text.length) {
      const raw = text.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      if (raw.trim()) items.push({ item: raw.trim(), offset: offset + start + lead });
      start = i + 1;
    }
  }
  return items;
}

/** The field path an item names: `Name`, `Account.Name`, `toLabel(StageName)`, `COUNT(Id) n`. */
function pathOfItem(item: string, offset: number): SoqlField | undefined {
  const fn = /^([A-Za-z_]\w*)\s*\(/.exec(item);
  if (fn) {
    if (/^fields$/i.test(fn[1])) return undefined;
    const open = item.indexOf('(');
    const inner = item.slice(open + 1, closing(item, open));
    const lead = inner.length - inner.trimStart().length;
    return pathOfItem(inner.trim(), offset + open + 1 + lead);
  }
  const match = PATH.exec(item);
  if (!match || KEYWORDS.has(match[0].toLowerCase())) return undefined;
  return { path: match[0].split('.'), offset };
}

/** Reads one query: `text` starts with SELECT. */
export function parseSoql(text: string, offset = 0): SoqlQuery | undefined {
  const fromAt = topLevelKeyword(text, 'FROM');
  if (!/^SELECT\b/i.test(text) || fromAt < 0) return undefined;
  const fromMatch = /^FROM\s+([A-Za-z_][\w.]*)/i.exec(text.slice(fromAt));
  if (!fromMatch) return undefined;
  const query: SoqlQuery = {
    from: fromMatch[1],
    offset: offset + fromAt + fromMatch[0].length - fromMatch[1].length,
    fields: [],
    children: [],
    semiJoins: [],
  };
  const selectStart = 'SELECT'.length;
  for (const { item, offset: at } of splitTopLevel(
    text.slice(selectStart, fromAt),
    offset + selectStart,
  )) {
    if (item.startsWith('(')) {
      const inner = item.slice(1, closing(item, 0));
      const child = parseSoql(inner.trim(), at + 1 + (inner.length - inner.trimStart().length));
      if (child) query.children.push(child);
    } else if (!/^TYPEOF\b/i.test(item)) {
      const field = pathOfItem(item, at);
      if (field) query.fields.push(field);
    }
  }
  let rest = text.slice(fromAt + fromMatch[0].length);
  const restOffset = offset + fromAt + fromMatch[0].length;
  // Semi-joins: parse and blank them so their fields are not read as this query's.
  for (let at = rest.search(/\(\s*SELECT\b/i); at >= 0; at = rest.search(/\(\s*SELECT\b/i)) {
    const end = closing(rest, at);
    if (end < 0) break;
    const inner = rest.slice(at + 1, end);
    const lead = inner.length - inner.trimStart().length;
    const semiJoin = parseSoql(inner.trim(), restOffset + at + 1 + lead);
    if (semiJoin) query.semiJoins.push(semiJoin);
    rest = `${rest.slice(0, at)}${' '.repeat(end - at + 1)}${rest.slice(end + 1)}`;
  }
  rest = rest.replace(
    /:\s*[A-Za-z_][\w]*(?:\s*\([^()]*\))?(?:\s*\.\s*[A-Za-z_]\w*(?:\s*\([^()]*\))?)*/g,
    (bind) => ' '.repeat(bind.length),
  );
  const clauseStarts = CLAUSES.map((clause) => ({ clause, at: topLevelKeyword(rest, clause) }))
    .filter((entry) => entry.at >= 0)
    .sort((a, b) => a.at - b.at);
  clauseStarts.forEach(({ clause, at }, index) => {
    const end = index + 1 < clauseStarts.length ? clauseStarts[index + 1].at : rest.length;
    const keyword = new RegExp(`^${clause.replace(' ', '\\s+')}`, 'i').exec(rest.slice(at));
    const bodyStart = at + (keyword?.[0].length ?? clause.length);
    const body = rest.slice(bodyStart, end);
    const bodyOffset = restOffset + bodyStart;
    if (clause === 'WHERE' || clause === 'HAVING') {
      const condition =
        /([A-Za-z_][\w.]*)\s*(?=(?:=|!=|<>|<=|>=|<|>)|\s(?:NOT\s+)?(?:LIKE|IN|INCLUDES|EXCLUDES)\b)/gi;
      for (let match = condition.exec(body); match; match = condition.exec(body)) {
        const before = body.slice(0, match.index);
        if (/[\w.]$/.test(before) || KEYWORDS.has(match[1].toLowerCase())) continue;
        query.fields.push({ path: match[1].split('.'), offset: bodyOffset + match.index });
      }
    } else if (clause === 'GROUP BY' || clause === 'ORDER BY') {
      const list = body.replace(/^\s*(ROLLUP|CUBE)\s*\(/i, (m) => ' '.repeat(m.length));
      for (const { item, offset: at } of splitTopLevel(list, bodyOffset)) {
        const field = pathOfItem(item, at);
        if (field) query.fields.push(field);
      }
    }
  });
  return query;
}

/** Every `[SELECT …]` query in Apex source (comments and strings already blanked). */
export function findApexQueries(blanked: string): SoqlQuery[] {
  const queries: SoqlQuery[] = [];
  const start = /\[\s*SELECT\b/gi;
  for (let match = start.exec(blanked); match; match = start.exec(blanked)) {
    const end = closing(blanked, match.index);
    if (end < 0) continue;
    const inner = blanked.slice(match.index + 1, end);
    const lead = inner.length - inner.trimStart().length;
    const query = parseSoql(inner.trim(), match.index + 1 + lead);
    if (query) queries.push(query);
  }
  return queries;
}
