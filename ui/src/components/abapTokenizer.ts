// A small ABAP (and CDS) tokenizer for highlighting, one line at a time.
// Line-based on purpose: ABAP literals and comments do not span lines, and it
// lets the SourceView tokenize only the lines on screen.

export type TokenType = 'keyword' | 'string' | 'comment' | 'number' | 'pragma' | 'operator' | 'identifier' | 'text';

export interface Token {
  type: TokenType;
  text: string;
}

// Statement keywords and common additions; matched case-insensitively as whole words.
const KEYWORDS = new Set(
  `abap-source abstract add alias aliases all and append appending as ascending assert assign assigned at authority-check
   begin between binary boolean break-point by bypassing call case casting catch changing check class class-data class-events
   class-methods class-pool clear cleanup close collect commit components concatenate condense cond constants context continue
   conv copying corresponding create currency data default define definition delete deleting demand descending describe do
   else elseif end end-of-definition end-of-selection endat endcase endclass endcatch enddo endform endfunction endif
   endinterface endloop endmethod endmodule endselect endtry endwhile endwith enum eq event events exceptions exit exporting
   export field-symbols field fields final find first for form format free from full function function-pool ge get group gt
   handle handler hashed having if implementation implementations import importing in include index inheriting initial
   initialization inner insert instance instances interface interface-pool interfaces into is join key kind le left like line
   lines loop lt me message method methods modify module move ne new not null object occurrences of on open optional or order
   others output parameters partially perform private program protected public raise raising range ranges read receiving redefinition
   reduce ref reference refresh regex replace report respecting result returning rollback section select select-options
   selection-screen set shift single skip sort sorted split standard start-of-selection static statics structure submit subtract switch
   table tables test testing text then times to top-of-page transporting try type type-pool types unassign unique unpack update
   using value values via when where while with work write xsd zone abstract final risk level harmless dangerous critical duration short
   medium long for testing define view entity association composition projection root annotate extend as select distinct union`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD = /[A-Za-z_][A-Za-z0-9_\-/~]*/y;
const NUMBER = /\d+(?:\.\d+)?/y;
const SPACE = /\s+/y;

function readQuoted(line: string, start: number, quote: string): number {
  // ABAP escapes a quote by doubling it ('it''s'); templates escape with a backslash.
  let i = start + 1;
  while (i < line.length) {
    const ch = line[i];
    if (quote === '|' && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (quote !== '|' && line[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return line.length;
}

function matchAt(re: RegExp, line: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(line);
  return m ? m[0] : null;
}

export function tokenizeLine(line: string): Token[] {
  const tokens: Token[] = [];
  const push = (type: TokenType, text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.type === type && (type === 'text' || type === 'operator')) last.text += text;
    else tokens.push({ type, text });
  };
  // A star in the first column makes the whole line a comment.
  if (line.startsWith('*')) return [{ type: 'comment', text: line }];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '"' || (ch === '/' && line[i + 1] === '/')) {
      // `"` starts an ABAP comment; `//` a CDS comment.
      push('comment', line.slice(i));
      break;
    }
    if (ch === "'" || ch === '`' || ch === '|') {
      const end = readQuoted(line, i, ch);
      push('string', line.slice(i, end));
      i = end;
      continue;
    }
    if (ch === '#' && line[i + 1] === '#') {
      const word = matchAt(/##[A-Za-z0-9_]+(?:\[[^\]]*\])*/y, line, i) ?? '##';
      push('pragma', word);
      i += word.length;
      continue;
    }
    const space = matchAt(SPACE, line, i);
    if (space) {
      push('text', space);
      i += space.length;
      continue;
    }
    const num = matchAt(NUMBER, line, i);
    if (num) {
      push('number', num);
      i += num.length;
      continue;
    }
    const word = matchAt(WORD, line, i);
    if (word) {
      // `lv_x-field` and `zcl=>m` parts: a trailing hyphen belongs to the next token.
      const clean = word.replace(/-+$/, '');
      push(KEYWORDS.has(clean.toLowerCase()) ? 'keyword' : 'identifier', clean);
      i += clean.length;
      continue;
    }
    push('operator', ch);
    i += 1;
  }
  return tokens;
}

/** Splits source into lines, accepting \n and \r\n. */
export function splitLines(source: string): string[] {
  return source.split(/\r?\n/);
}

// Lines come back into view while scrolling; their tokens are kept, up to a bound.
const TOKEN_CACHE_LIMIT = 20_000;
const tokenCache = new Map<string, Token[]>();

/** `tokenizeLine` with a cache of recent lines (tokens are never mutated by readers). */
export function tokenizeLineCached(line: string): readonly Token[] {
  const cached = tokenCache.get(line);
  if (cached) return cached;
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  const tokens = tokenizeLine(line);
  tokenCache.set(line, tokens);
  return tokens;
}
