import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';

// Only this scene's module graph imports highlight.js, so the highlighter and
// its one grammar land in this scene's chunk, not in the deck's main chunk.
hljs.registerLanguage('python', python);

/** A run of text with the highlighter's scope classes ('' for plain text). */
export interface Segment {
  readonly text: string;
  readonly classes: string;
}

const SCOPE_CLASS = /^[A-Za-z][\w-]*$/;

/**
 * Highlights Python and returns it line by line as runs of text with their
 * scope classes, ready for Lit text bindings.
 *
 * Why this is safe without `unsafeHTML`: highlight.js returns HTML, which we
 * never insert. We parse it with an inert `DOMParser` document (no scripts
 * run, nothing is attached) and keep only two things: text nodes, which Lit
 * renders as text, and class names matching a plain identifier pattern. The
 * input is the presenter's static content from `src/content/`, never event
 * data; even if it were, it could only ever show up as text.
 */
export function highlightLines(code: string): Segment[][] {
  // A server render (Node, @lit-labs/ssr) has no DOMParser: plain lines there,
  // highlighted when the browser renders the scene again.
  if (typeof DOMParser === 'undefined') return plainLines(code);
  const highlighted = hljs.highlight(code, { language: 'python', ignoreIllegals: true }).value;
  const doc = new DOMParser().parseFromString(`<div>${highlighted}</div>`, 'text/html');
  const lines: Segment[][] = [[]];
  const walk = (node: Node, classes: readonly string[]) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const parts = (child.textContent ?? '').split('\n');
        parts.forEach((text, i) => {
          if (i > 0) lines.push([]);
          if (text !== '') lines[lines.length - 1]!.push({ text, classes: classes.join(' ') });
        });
      } else if (child instanceof Element) {
        const own = [...child.classList].filter((c) => SCOPE_CLASS.test(c));
        walk(child, [...classes, ...own]);
      }
    }
  };
  walk(doc.body.firstElementChild!, []);
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0 && code.endsWith('\n')) lines.pop();
  return lines;
}

/** `code` line by line as unclassed runs, as `highlightLines` would split it. */
function plainLines(code: string): Segment[][] {
  const lines = code.split('\n').map((text) => (text === '' ? [] : [{ text, classes: '' }]));
  if (lines.length > 1 && code.endsWith('\n')) lines.pop();
  return lines;
}
