import { describe, expect, it } from 'vitest';
import { REFERENCES } from '../../../src/content/references.js';
import {
  displayUrl,
  isSmallestLayout,
  isWebLink,
  referenceLayout,
  sentence,
} from '../../../src/scenes/references/reference-layout.js';

describe('the references content', () => {
  it('has complete entries with https links and plausible years', () => {
    expect(REFERENCES.length).toBeGreaterThanOrEqual(12);
    for (const ref of REFERENCES) {
      expect(ref.authors.trim(), ref.title).not.toBe('');
      expect(ref.title.trim()).not.toBe('');
      expect(ref.venue.trim(), ref.title).not.toBe('');
      expect(ref.year, ref.title).toBeGreaterThanOrEqual(1950);
      expect(ref.year, ref.title).toBeLessThanOrEqual(2026);
      expect(new URL(ref.url).protocol, ref.title).toBe('https:');
    }
  });

  it('cites each work once', () => {
    const titles = REFERENCES.map((r) => r.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    const urls = REFERENCES.map((r) => r.url);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('covers the deck: recurrent cells, BERT, nearest neighbours, malware, Pareto, t-SNE, the projector', () => {
    const all = REFERENCES.map((r) => r.title).join(' | ');
    for (const word of [
      'Long Short-Term Memory',
      'Gated Recurrent',
      'BERT',
      'Nearest Neighbor',
      'Malware',
      'NSGA-II',
      't-SNE',
      'Embedding Projector',
    ]) {
      expect(all).toContain(word);
    }
  });
});

describe('reference layout', () => {
  it('moves from one column of large type to more columns of smaller type', () => {
    expect(referenceLayout(5)).toEqual({ columns: 1, fontSize: 24, compact: false });
    expect(referenceLayout(21)).toEqual({ columns: 2, fontSize: 15.5, compact: false });
    expect(referenceLayout(21, 2).fontSize).toBe(14.5);
    // Past the smallest two-column type: three compact columns, shrinking again.
    expect(referenceLayout(21, 10)).toEqual({ columns: 3, fontSize: 13, compact: true });
    expect(isSmallestLayout(21, 0)).toBe(false);
    expect(isSmallestLayout(21, 14)).toBe(true);
    expect(referenceLayout(21, 99).fontSize).toBe(11);
  });

  it('shows links as text without the scheme, and only web links as links', () => {
    expect(displayUrl('https://doi.org/10.1162/neco.1997.9.8.1735')).toBe(
      'doi.org/10.1162/neco.1997.9.8.1735',
    );
    expect(displayUrl('https://attack.mitre.org/')).toBe('attack.mitre.org');
    expect(isWebLink('https://arxiv.org/abs/1706.03762')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink('not a url')).toBe(false);
    expect(sentence('A. Vaswani et al.')).toBe('A. Vaswani et al.');
    expect(sentence('Attention Is All You Need')).toBe('Attention Is All You Need.');
  });
});
