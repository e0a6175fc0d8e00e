import { describe, expect, it } from 'vitest';
import {
  SCENE_TEXT,
  SPEAKER_NOTES,
  STACK_STAGES,
  STACK_TEXT,
  speakerNotes,
  TITLE_TEXT,
} from '../../../src/content/deck-text.js';
import { SCENES } from '../../../src/deck/scene-registry.js';

describe('deck text', () => {
  it('has speaker notes for every scene of the deck, and only for those', () => {
    expect(Object.keys(SPEAKER_NOTES).sort()).toEqual(SCENES.map((s) => s.slug).sort());
    for (const scene of SCENES) expect(speakerNotes(scene.slug).length).toBeGreaterThan(20);
    expect(speakerNotes('nope')).toBe('');
    expect(speakerNotes('__proto__')).toBe('');
  });

  it('labels every stage of the pipeline and every arrow between them', () => {
    for (const stage of STACK_STAGES) {
      expect(STACK_TEXT.nodes[stage].title.length).toBeGreaterThan(0);
      expect(STACK_TEXT.nodes[stage].lines.length).toBeLessThanOrEqual(3);
    }
    expect(Object.keys(STACK_TEXT.flows)).toEqual(STACK_STAGES.slice(0, -1));
  });

  it('has a title and at least one author', () => {
    expect(TITLE_TEXT.title.length).toBeGreaterThan(0);
    expect(TITLE_TEXT.authors.length).toBeGreaterThan(0);
  });

  it('names every scene once: the registry titles are the headings of the scenes', () => {
    const headings: Record<string, string> = { title: TITLE_TEXT.title, stack: STACK_TEXT.heading };
    for (const [slug, words] of Object.entries(SCENE_TEXT)) headings[slug] = words.heading;
    for (const scene of SCENES) expect(scene.title, scene.slug).toBe(headings[scene.slug]);
  });
});
