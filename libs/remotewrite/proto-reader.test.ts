import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { DecodeFault, ProtoReader } from './proto-reader.js';
import { ProtoWriter } from './proto-writer.js';

// Integers exactly representable as doubles, around every varint byte boundary.
const EDGES = [
  0,
  1,
  127,
  128,
  16383,
  16384,
  2 ** 21,
  2 ** 28 - 1,
  2 ** 28,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  2 ** 35,
  2 ** 42 + 7,
  1_767_225_600_000,
  2 ** 53 - 1,
];
const SIGNED = [...EDGES, ...EDGES.filter((v) => v > 0).map((v) => -v)];

type Kind = 'int64' | 'uint64' | 'sint64';

function viaProtobufjs(kind: Kind, v: number): Uint8Array {
  return protobuf.Writer.create()[kind](v).finish();
}

function viaOurs(kind: Kind, v: number): Uint8Array {
  const w = new ProtoWriter(16);
  w[kind](v);
  return w.finish();
}

describe('varints against protobufjs', () => {
  const cases: { kind: Kind; values: number[] }[] = [
    { kind: 'int64', values: SIGNED },
    { kind: 'uint64', values: EDGES },
    { kind: 'sint64', values: SIGNED.filter((v) => Math.abs(v) <= 2 ** 52) },
  ];
  it.each(cases)('$kind encodes like protobufjs and reads back exactly', ({ kind, values }) => {
    for (const v of values) {
      const ours = viaOurs(kind, v);
      expect(Array.from(ours), `${kind} ${v}`).toEqual(Array.from(viaProtobufjs(kind, v)));
      const r = new ProtoReader(ours);
      expect(r[kind](), `${kind} ${v}`).toBe(v);
      expect(r.pos).toBe(ours.length);
    }
  });

  it('reads sint32 and uint32 like protobufjs', () => {
    for (const v of [0, 1, -1, 63, -64, 2 ** 30, -(2 ** 31), 2 ** 31 - 1]) {
      expect(new ProtoReader(protobuf.Writer.create().sint32(v).finish()).sint32()).toBe(v);
    }
    for (const v of [0, 300, 2 ** 31, 2 ** 32 - 1]) {
      expect(new ProtoReader(protobuf.Writer.create().uint32(v).finish()).uint32()).toBe(v);
    }
  });

  it('keeps the low 32 bits of a 64-bit varint read as uint32 (negative int32 fields)', () => {
    expect(new ProtoReader(protobuf.Writer.create().int32(-5).finish()).uint32()).toBe(2 ** 32 - 5);
  });

  it('fails on a truncated varint with the offset', () => {
    const r = new ProtoReader(new Uint8Array([0x80, 0x80]));
    expect(() => r.int64()).toThrow(DecodeFault);
    expect(() => new ProtoReader(new Uint8Array([0x80, 0x80])).uint64()).toThrow(
      /truncated varint at byte 2/,
    );
  });
});

describe('ProtoWriter', () => {
  it('moves a payload when its length needs more than one byte', () => {
    const w = new ProtoWriter(8);
    w.tag(1, 2);
    const start = w.beginLen();
    for (let i = 0; i < 300; i++) w.uint32(i & 0x7f);
    w.endLen(start);
    const out = w.finish();
    const r = new ProtoReader(out);
    expect(r.tag()).toBe(0x0a);
    const end = r.lenEnd(out.length);
    expect(end - r.pos).toBe(300);
    expect(out[r.pos + 299]).toBe(299 & 0x7f);
  });

  it('writes strings as UTF-8, including astral characters', () => {
    const w = new ProtoWriter(4);
    w.stringField(1, 'a😀é');
    const out = w.finish();
    expect(new ProtoReader(out).tag()).toBe(0x0a);
    const r = new ProtoReader(out);
    r.tag();
    expect(r.string(out.length)).toBe('a😀é');
  });
});
