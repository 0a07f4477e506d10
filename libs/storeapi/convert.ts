import { Matcher, type Labels, type MatchType } from '../model/index.js';
import { epimetheus } from '../../proto/gen/store.js';

const pb = epimetheus.store;
const TYPES: readonly MatchType[] = ['=', '!=', '=~', '!~'];

/** Matchers to their wire form. */
export function matchersToProto(ms: readonly Matcher[]): epimetheus.store.ILabelMatcher[] {
  return ms.map((m) => ({ type: TYPES.indexOf(m.type), name: m.name, value: m.value }));
}

/** Wire matchers back to `Matcher`s. @throws SyntaxError for a regex that does not compile. */
export function matchersFromProto(
  ms: readonly epimetheus.store.ILabelMatcher[] | null | undefined,
): Matcher[] {
  return (ms ?? []).map((m) => new Matcher(TYPES[m.type ?? 0] ?? '=', m.name ?? '', m.value ?? ''));
}

/** Labels from the wire; senders keep them sorted. */
export function labelsFromProto(ls: readonly epimetheus.store.ILabel[] | null | undefined): Labels {
  return (ls ?? []).map((l) => ({ name: l.name ?? '', value: l.value ?? '' }));
}

/** The chunk encoding enum on the wire for a TSDB encoding id (1 = XOR). */
export const WIRE_XOR = pb.Chunk.Encoding.XOR;
