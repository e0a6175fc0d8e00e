import { describe, expect, it } from 'vitest';
import { decodeFrame, isOversize, replaceNonFiniteTokens } from '../../../src/contract/wire.js';

describe('decodeFrame', () => {
  it('reads one object', () => {
    expect(decodeFrame('{"type":"phase","phase":"clean"}')).toEqual({
      candidates: [{ type: 'phase', phase: 'clean' }],
      garbage: 0,
    });
  });

  it('reads an array of events', () => {
    const frame = decodeFrame('[{"type":"phase","phase":"clean"},{"type":"phase","phase":"armed"}]');
    expect(frame.candidates).toHaveLength(2);
  });

  it('reads NDJSON and keeps every line that parses', () => {
    const frame = decodeFrame(
      '{"type":"phase","phase":"clean"}\n\n{oops\n[{"type":"phase","phase":"armed"}]\n',
    );
    expect(frame.candidates).toEqual([
      { type: 'phase', phase: 'clean' },
      { type: 'phase', phase: 'armed' },
    ]);
    expect(frame.garbage).toBe(1);
    expect(frame.dropped).toBeUndefined();
  });

  it('reads pretty-printed JSON spanning lines as one value', () => {
    expect(decodeFrame('{\n  "type": "phase",\n  "phase": "dormant"\n}').candidates).toEqual([
      { type: 'phase', phase: 'dormant' },
    ]);
  });

  it("reads Python's NaN and Infinity as absent values", () => {
    const frame = decodeFrame(
      '{"type":"live_detection","host_id":"h","predicted":"armed","confidence":NaN,"latency_ms":Infinity,"t_wall":-Infinity}',
    );
    expect(frame.candidates).toEqual([{ type: 'live_detection', host_id: 'h', predicted: 'armed' }]);
  });

  it('leaves NaN inside strings alone', () => {
    const frame = decodeFrame('{"type":"phase","phase":"NaN \\" Infinity","x":NaN}');
    expect(frame.candidates).toEqual([{ type: 'phase', phase: 'NaN " Infinity' }]);
  });

  it('makes a required NaN field absent, so validation can name it', () => {
    expect(decodeFrame('{"type":"embedding","x":NaN,"y":0.5}').candidates).toEqual([
      { type: 'embedding', y: 0.5 },
    ]);
  });

  it('reads null as absent, also in nested objects', () => {
    const frame = decodeFrame(
      '{"type":"snapshot","t_wall":null,"hosts":[{"host_id":"a","online":true,"phase":null}],"totals":{"episodes":1,"windows":1,"samples":1,"bytes":null}}',
    );
    expect(frame.candidates).toEqual([
      {
        type: 'snapshot',
        hosts: [{ host_id: 'a', online: true }],
        totals: { episodes: 1, windows: 1, samples: 1 },
      },
    ]);
  });

  it('drops a frame over the cap before parsing', () => {
    const big = `{"type":"phase","phase":"${'x'.repeat(2 * 1024 * 1024)}"}`;
    const frame = decodeFrame(big);
    expect(frame.dropped).toBe('oversize');
    expect(frame.candidates).toEqual([]);
    expect(decodeFrame('{"type":"phase","phase":"clean"}', { maxBytes: 10 }).dropped).toBe('oversize');
  });

  it('counts multi-byte characters as UTF-8 bytes for the cap', () => {
    expect(isOversize('é'.repeat(600), 1000)).toBe(true);
    expect(isOversize('e'.repeat(600), 1000)).toBe(false);
    expect(isOversize('😀'.repeat(200), 1000)).toBe(false);
    expect(isOversize('😀'.repeat(300), 1000)).toBe(true);
  });

  it('ignores binary frames', () => {
    expect(decodeFrame(new ArrayBuffer(8)).dropped).toBe('binary');
    expect(decodeFrame(new Uint8Array(3)).dropped).toBe('binary');
    expect(decodeFrame(new Blob(['x'])).dropped).toBe('binary');
  });

  it('describes garbage and empty frames without throwing', () => {
    const garbage = decodeFrame('{"type": ');
    expect(garbage.dropped).toBe('garbage');
    expect(garbage.detail).toBeTruthy();
    expect(decodeFrame('').dropped).toBe('empty');
    expect(decodeFrame('   \n  ').dropped).toBe('empty');
  });

  it('passes scalars through as candidates for validation to reject', () => {
    expect(decodeFrame('42').candidates).toEqual([42]);
    expect(decodeFrame('null').candidates).toEqual([null]);
  });
});

describe('replaceNonFiniteTokens', () => {
  it('replaces only tokens outside strings', () => {
    expect(replaceNonFiniteTokens('[NaN,-Infinity,"NaN",Infinity]')).toBe('[null,null,"NaN",null]');
    expect(replaceNonFiniteTokens('{"a":"\\\\",b:NaN}')).toBe('{"a":"\\\\",b:null}');
  });
});
