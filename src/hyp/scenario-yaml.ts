// The YAML a scenario may be written in, read with bounds: YAML 1.2 plain data (mappings with plain keys,
// sequences, scalars), no tags (`!!binary`, `!custom`), nesting at most MAX_DEPTH deep, aliases that expand to a
// bounded amount (the `yaml` package's maxAliasCount: a "billion laughs" alias bomb is refused, not expanded).
// Every refusal names the line it is on.
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

/** Deeper than any scenario needs (it is 5 levels deep), far shallower than what would exhaust the stack. */
const MAX_DEPTH = 32;
/** Alias expansions allowed (the package's own default): a scenario can reuse a region or two. */
const MAX_ALIAS_COUNT = 100;
/** Scalar tags that only restate a plain type, which the core schema reads the same way. */
const PLAIN_TAGS = ['str', 'int', 'float', 'bool', 'null'].map((t) => `tag:yaml.org,2002:${t}`);

/** A problem with the YAML itself, on a 1-based line. */
export interface YamlProblem {
  readonly line: number;
  readonly message: string;
}

export interface ScenarioYaml {
  readonly doc: Document.Parsed;
  /** The plain JavaScript value (objects, arrays, strings, numbers, booleans, null). */
  readonly value: unknown;
  /** The 1-based line of a position in the text. */
  readonly lineOf: (offset: number) => number;
}

/** Parse `text` as a scenario's YAML: the document and its value, or the problems found (at least one). */
export function parseScenarioYaml(text: string): ScenarioYaml | YamlProblem[] {
  const lc = new LineCounter();
  const lineOf = (offset: number): number => lc.linePos(offset).line;
  const flow = flowDepth(text);
  if (flow !== undefined) return [{ line: text.slice(0, flow).split('\n').length, message: `YAML: nested more than ${MAX_DEPTH} levels deep` }];
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    // the parser catches its own stack overflow (deep block nesting): say what caused it
    const messages = doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? 1, message: `YAML: ${/call stack/i.test(e.message) ? 'nested too deeply' : e.message.split('\n')[0]}` }));
    return messages.filter((m, i) => messages.findIndex((o) => o.line === m.line && o.message === m.message) === i);
  }
  if (doc.directives.yaml.version !== '1.2') {
    return [{ line: 1, message: `YAML: %YAML ${doc.directives.yaml.version} reads plain words differently (y, no, on are booleans there): scenarios are YAML 1.2` }];
  }
  const problem = shapeProblem(doc.contents, lineOf);
  if (problem !== undefined) return [problem];
  try {
    return { doc, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), lineOf };
  } catch (e) {
    // the yaml package refuses an alias bomb while expanding it (ReferenceError: "Excessive alias count …")
    const alias = walk(doc.contents).find((w) => isAlias(w.node))?.node;
    const line = isNode(alias) && alias.range ? lineOf(alias.range[0]) : 1;
    return [{ line, message: `YAML: its aliases expand to too much data (${e instanceof Error ? e.message : String(e)})` }];
  }
}

/** Flow brackets open at once past which the parser is not even started (a plain scalar may hold a few `[`). */
const MAX_FLOW_BRACKETS = 1000;

/**
 * The offset where `[`/`{` nesting first passes MAX_FLOW_BRACKETS (outside quotes and comments), else undefined:
 * found in one pass before the parser, whose recursion over a deeply nested flow collection takes seconds to fail.
 * The exact limit, MAX_DEPTH, is checked once the text is parsed.
 */
function flowDepth(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_BRACKETS) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (c === '"' || c === "'") {
      // a quoted scalar: skip to its closing quote ('' and \" are escapes)
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    }
  }
  return undefined;
}

/** Every node under `root` with its depth, in document order (keys before values), walked with an explicit stack. */
function walk(root: unknown): { node: unknown; depth: number }[] {
  const out: { node: unknown; depth: number }[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    out.push(top);
    const { node, depth } = top;
    const children: unknown[] = [];
    if (isMap(node)) for (const p of node.items) if (isPair(p)) children.push(p.key, p.value);
    if (isSeq(node)) for (const item of node.items) children.push(item);
    for (let i = children.length - 1; i >= 0; i--) if (children[i] !== null && children[i] !== undefined) stack.push({ node: children[i], depth: depth + 1 });
  }
  return out;
}

/** The first node that is not plain data, or nests too deeply. */
function shapeProblem(root: unknown, lineOf: (offset: number) => number): YamlProblem | undefined {
  for (const { node, depth } of walk(root)) {
    const line = isNode(node) && node.range ? lineOf(node.range[0]) : 1;
    if (depth > MAX_DEPTH) return { line, message: `YAML: nested more than ${MAX_DEPTH} levels deep` };
    if ((isMap(node) || isSeq(node) || isScalar(node)) && node.tag !== undefined && !(isScalar(node) && PLAIN_TAGS.includes(node.tag))) {
      return { line, message: `YAML: tag '${node.tag}' is not part of a scenario (plain mappings, lists and values only)` };
    }
    if (isMap(node)) {
      const complex = node.items.find((p) => isPair(p) && (isMap(p.key) || isSeq(p.key)));
      if (complex !== undefined) {
        const k = complex.key;
        return { line: isNode(k) && k.range ? lineOf(k.range[0]) : line, message: 'YAML: a key must be a plain name, not a list or mapping' };
      }
    }
  }
  return undefined;
}
