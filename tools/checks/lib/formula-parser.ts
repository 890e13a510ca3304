/**
 * A recursive-descent parser for Salesforce formulas: validation rules, formula fields, default
 * values, flow formulas, workflow / approval / assignment criteria, quick action field values and
 * report summary formulas. It checks what the platform's formula compiler checks before types:
 * tokens, balanced parentheses, operands around every operator, commas only between function
 * arguments, and names function calls; it builds a small syntax tree for the checks that read
 * calls and operands (function names and arity, picklist operands).
 *
 * Tokens: numbers (`12`, `1.5`, `.5`); strings in single or double quotes with backslash escapes;
 * identifiers with dots (`Account.Owner.Name`, `$User.Id`, `$Setup.Config__c.Field__c`); flow merge
 * fields `{!$Record.StageName}` (read as identifiers); operators `+ - * / ^ & && || = == != <> < >
 * <= >= !`; parentheses and commas; comments; polymorphic lookups (`Owner:User.Email`). In report summary formulas an identifier may carry a
 * summary suffix (`AMOUNT:SUM`, `Opportunity.Amount:AVG`) and a block prefix (`B1#AMOUNT:SUM`).
 *
 * formulon (npm) was evaluated and not used: it rejects comments and flow merge fields, and lacks
 * functions such as INITCAP, REVERSE and ISCHANGED.
 */

export type FormulaNode =
  | { kind: 'number' | 'string'; offset: number; text: string }
  | { kind: 'reference'; offset: number; path: string[]; merge: boolean }
  | { kind: 'call'; offset: number; name: string; args: FormulaNode[] }
  | { kind: 'unary'; offset: number; operator: string; operand: FormulaNode }
  | { kind: 'binary'; offset: number; operator: string; left: FormulaNode; right: FormulaNode }
  | { kind: 'group'; offset: number; inner: FormulaNode };

export interface FormulaSyntaxError {
  /** Offset in the formula text where the parser stopped. */
  offset: number;
  message: string;
}

export interface ParsedFormula {
  /** The syntax tree; absent when the formula does not parse. */
  tree?: FormulaNode;
  /** The first syntax error, as the platform reports only the first. */
  error?: FormulaSyntaxError;
}

export interface ParseOptions {
  /** Report summary formulas: identifiers may end in `:SUM`, `:AVG`, `:MIN`, `:MAX`, `:UNIQUE`. */
  summary?: boolean;
}

type TokenKind =
  | 'number'
  | 'string'
  | 'identifier'
  | 'merge'
  | 'operator'
  | '('
  | ')'
  | ','
  | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
}

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Longest first, so `<>`, `<=`, `==`, `&&` win over their one-character prefixes. */
const OPERATORS = [
  '&&',
  '||',
  '==',
  '!=',
  '<>',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '^',
  '&',
  '=',
  '<',
  '>',
  '!',
];
const SUMMARY_SUFFIX = /^:(SUM|AVG|MIN|MAX|UNIQUE)\b/i;

function tokenize(text: string, options: ParseOptions): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) throw new SyntaxFailure(at, 'unterminated comment: /* has no closing */');
      at = end + 2;
      continue;
    }
    if (char === '"' || char === "'") {
      let end = at + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) {
        throw new SyntaxFailure(at, `unterminated string: the ${char} quote is never closed`);
      }
      tokens.push({ kind: 'string', text: text.slice(at, end + 1), offset: at });
      at = end + 1;
      continue;
    }
    if (text.startsWith('{!', at)) {
      const end = text.indexOf('}', at);
      if (end < 0) throw new SyntaxFailure(at, 'unterminated merge field: {! has no closing }');
      const inner = text.slice(at + 2, end).trim();
      if (
        !/^[$A-Za-z_][\w$]*(?::[A-Za-z_]\w*)?(?:\.[$A-Za-z_][\w$]*(?::[A-Za-z_]\w*)?)*$/.test(inner)
      ) {
        throw new SyntaxFailure(at, `malformed merge field {!${inner}}`);
      }
      tokens.push({ kind: 'merge', text: inner, offset: at });
      at = end + 1;
      continue;
    }
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(text.slice(at));
    if (number) {
      const after = text[at + number[0].length];
      if (after !== undefined && /[A-Za-z_$]/.test(after)) {
        throw new SyntaxFailure(at, `malformed number or name ${number[0]}${after}…`);
      }
      tokens.push({ kind: 'number', text: number[0], offset: at });
      at += number[0].length;
      continue;
    }
    const identifierPattern = options.summary
      ? /^(?:B\d+#)?[$A-Za-z_][\w$]*(?:\.[$A-Za-z_][\w$]*)*/
      : // A polymorphic lookup names its target type: `Owner:User.Email`, `Owner:Queue.Name`.
        /^[$A-Za-z_][\w$]*(?::[A-Za-z_]\w*(?=\.))?(?:\.[$A-Za-z_][\w$]*(?::[A-Za-z_]\w*(?=\.))?)*/;
    const identifier = identifierPattern.exec(text.slice(at));
    if (identifier) {
      let name = identifier[0];
      if (options.summary) {
        const suffix = SUMMARY_SUFFIX.exec(text.slice(at + name.length));
        if (suffix) name += suffix[0];
      }
      if (text[at + name.length] === '.') {
        throw new SyntaxFailure(at + name.length, `malformed name ${name}.`);
      }
      tokens.push({ kind: 'identifier', text: name, offset: at });
      at += name.length;
      continue;
    }
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, offset: at });
      at += 1;
      continue;
    }
    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, at));
    if (operator) {
      tokens.push({ kind: 'operator', text: operator, offset: at });
      at += operator.length;
      continue;
    }
    throw new SyntaxFailure(at, `unexpected character ${JSON.stringify(char)}`);
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

/** An operator followed by something that cannot start an operand. */
function missingOperand(operator: Token, after: Token): SyntaxFailure {
  if (after.kind === 'operator') {
    return new SyntaxFailure(
      after.offset,
      `operator ${operator.text} is followed by operator ${after.text}: an operand is missing between them (${operator.text}${after.text} is not an operator)`,
    );
  }
  const what = after.kind === 'end' ? 'the end of the formula' : after.text;
  return new SyntaxFailure(
    operator.offset,
    `operator ${operator.text} has no operand after it (found ${what})`,
  );
}

/** Binary operators by precedence level, loosest first. */
const BINARY_LEVELS: string[][] = [
  ['||'],
  ['&&'],
  ['=', '==', '!=', '<>', '<', '>', '<=', '>='],
  ['+', '-', '&'],
  ['*', '/'],
  ['^'],
];
const UNARY = new Set(['-', '+', '!']);

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  parseFormula(): FormulaNode {
    if (this.peek().kind === 'end') throw new SyntaxFailure(0, 'the formula is empty');
    const tree = this.expression(0);
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.unexpected(rest, 'end of formula');
    return tree;
  }

  private unexpected(token: Token, expected: string): SyntaxFailure {
    if (token.kind === 'end')
      return new SyntaxFailure(token.offset, `expected ${expected}, found the end of the formula`);
    if (token.kind === ')')
      return new SyntaxFailure(
        token.offset,
        `unbalanced parentheses: ) without a matching (, or ${expected} missing`,
      );
    if (token.kind === ',')
      return new SyntaxFailure(
        token.offset,
        `comma outside a function's argument list, or ${expected} missing`,
      );
    if (token.kind === 'operator')
      return new SyntaxFailure(
        token.offset,
        `operator ${token.text} has no operand before it (expected ${expected})`,
      );
    return new SyntaxFailure(
      token.offset,
      `expected ${expected}, found ${token.text}: an operator is missing between two operands`,
    );
  }

  /** After operator `token`: the next token must begin an operand (a unary operator may). */
  private expectOperand(token: Token): void {
    const operand = this.peek();
    if (
      operand.kind === 'end' ||
      operand.kind === ')' ||
      operand.kind === ',' ||
      (operand.kind === 'operator' && !UNARY.has(operand.text))
    ) {
      throw missingOperand(token, operand);
    }
  }

  private expression(level: number): FormulaNode {
    if (level >= BINARY_LEVELS.length) return this.unary();
    let left = this.expression(level + 1);
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || !BINARY_LEVELS[level].includes(token.text)) return left;
      this.next();
      this.expectOperand(token);
      const right = this.expression(level + 1);
      left = { kind: 'binary', offset: token.offset, operator: token.text, left, right };
    }
  }

  private unary(): FormulaNode {
    const token = this.peek();
    if (token.kind === 'operator' && UNARY.has(token.text)) {
      this.next();
      this.expectOperand(token);
      return { kind: 'unary', offset: token.offset, operator: token.text, operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const token = this.next();
    switch (token.kind) {
      case 'number':
      case 'string':
        return { kind: token.kind, offset: token.offset, text: token.text };
      case 'merge':
        return {
          kind: 'reference',
          offset: token.offset,
          path: token.text.split('.'),
          merge: true,
        };
      case 'identifier':
        if (this.peek().kind === '(') return this.call(token);
        return {
          kind: 'reference',
          offset: token.offset,
          path: token.text.split('.'),
          merge: false,
        };
      case '(': {
        if (this.peek().kind === ')') throw new SyntaxFailure(token.offset, 'empty parentheses ()');
        const inner = this.expression(0);
        const close = this.next();
        if (close.kind !== ')') {
          if (close.kind === 'end')
            throw new SyntaxFailure(token.offset, 'unbalanced parentheses: ( is never closed');
          this.position -= 1;
          throw this.unexpected(close, ')');
        }
        return { kind: 'group', offset: token.offset, inner };
      }
      default:
        this.position -= token.kind === 'end' ? 0 : 1;
        throw this.unexpected(token, 'an operand');
    }
  }

  private call(name: Token): FormulaNode {
    const open = this.next();
    const args: FormulaNode[] = [];
    if (this.peek().kind === ')') {
      this.next();
      return { kind: 'call', offset: name.offset, name: name.text, args };
    }
    for (;;) {
      const start = this.peek();
      if (start.kind === ',' || start.kind === ')') {
        throw new SyntaxFailure(
          start.offset,
          `empty argument in ${name.text}(…): two commas in a row, or a comma before )`,
        );
      }
      if (start.kind === 'end')
        throw new SyntaxFailure(
          open.offset,
          `unbalanced parentheses: ${name.text}( is never closed`,
        );
      args.push(this.expression(0));
      const separator = this.next();
      if (separator.kind === ')')
        return { kind: 'call', offset: name.offset, name: name.text, args };
      if (separator.kind === ',') continue;
      if (separator.kind === 'end')
        throw new SyntaxFailure(
          open.offset,
          `unbalanced parentheses: ${name.text}( is never closed`,
        );
      this.position -= 1;
      throw this.unexpected(separator, `, or ) in ${name.text}(…)`);
    }
  }
}

/** Parses one formula; never throws. */
export function parseFormula(text: string, options: ParseOptions = {}): ParsedFormula {
  try {
    const tokens = tokenize(text, options);
    return { tree: new Parser(tokens).parseFormula() };
  } catch (error) {
    if (error instanceof SyntaxFailure)
      return { error: { offset: error.offset, message: error.message } };
    throw error;
  }
}

/** Every node of a tree, parents before children, in source order. */
export function walkFormula(
  node: FormulaNode,
  visit: (node: FormulaNode, parent?: FormulaNode) => void,
  parent?: FormulaNode,
): void {
  visit(node, parent);
  switch (node.kind) {
    case 'call':
      for (const arg of node.args) walkFormula(arg, visit, node);
      break;
    case 'unary':
      walkFormula(node.operand, visit, node);
      break;
    case 'binary':
      walkFormula(node.left, visit, node);
      walkFormula(node.right, visit, node);
      break;
    case 'group':
      walkFormula(node.inner, visit, node);
      break;
    default:
      break;
  }
}

/** 1-based line and column of `offset` in `text`. */
export function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
