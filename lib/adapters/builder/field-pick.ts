import type { Extractor } from '../definition';
import { firstValue } from '../read-record';
import { labelTextOf, proposeSelectors, type AnchorKind } from './propose-selector';

/** Fields the builder offers, in the order it asks for them (issue #16). */
export const BUILDER_FIELDS = [
  'customerName',
  'customerEmail',
  'customerPhone',
  'customerId',
  'recordNumber',
  'subject',
  'status',
] as const;
export type BuilderField = (typeof BUILDER_FIELDS)[number];

export type SelectorExtractor = Extract<Extractor, { selector: string }>;

/** One way to read the picked field, with what it reads on the page it was proposed on. */
export type CandidateReading = {
  extractor: SelectorExtractor;
  kind: AnchorKind;
  value: string | null;
  /** The label next to the element (e.g. "Status"), to check a second record's match. */
  label: string | null;
};

/** What one selector finds on another page: how many elements, and what the first one reads. */
export type CandidateCheck = { count: number; value: string | null; label: string | null };

const EMAIL_IN_TEXT = '([^\\s@]+@[^\\s@]+\\.[^\\s@]+)';
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalised = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The element that carries the field: the link around a clicked `mailto:`/`tel:` text. */
function carrierOf(element: Element, field: BuilderField): Element {
  if (field === 'customerEmail') return element.closest('a[href^="mailto:"]') ?? element;
  if (field === 'customerPhone') return element.closest('a[href^="tel:"]') ?? element;
  return element;
}

/** How to read the value out of the element: its text, its input value, a link, or after a label. */
function readingFor(element: Element, field: BuilderField): Omit<SelectorExtractor, 'selector'> {
  const plain = { read: 'text' as const, deep: false };
  if (['input', 'textarea', 'select'].includes(element.localName)) {
    return { ...plain, read: 'value' };
  }
  const text = normalised(element.textContent);
  const href = element.getAttribute('href') ?? '';
  if (field === 'customerEmail' && href.startsWith('mailto:') && !text.includes('@')) {
    return { ...plain, read: 'attribute', attribute: 'href', pattern: '^mailto:([^?]+)' };
  }
  if (field === 'customerPhone' && href.startsWith('tel:') && !/\d{3}/.test(text)) {
    return { ...plain, read: 'attribute', attribute: 'href', pattern: '^tel:(.+)$' };
  }
  if (
    field === 'customerEmail' &&
    text.includes('@') &&
    !new RegExp(`^${EMAIL_IN_TEXT}$`).test(text)
  ) {
    return { ...plain, pattern: EMAIL_IN_TEXT };
  }
  // "Status: Open" in one element: keep what follows the label.
  const labelled = /^([\p{L} ]{2,30}):\s*\S/u.exec(text);
  if (labelled) return { ...plain, pattern: `^${escapeRegex(labelled[1]!)}:\\s*(.+)$` };
  return plain;
}

function readWith(extractor: SelectorExtractor, root: ParentNode, doc: Document) {
  return firstValue([extractor], root, doc)?.value ?? null;
}

/**
 * The admin clicked `clicked` for `field`: ranked ways to read it (propose-selector.ts), each with
 * the value it reads now. Every candidate finds exactly one element on this page.
 */
export function proposeFieldReadings(
  clicked: Element,
  field: BuilderField,
  doc: Document,
): CandidateReading[] {
  const element = carrierOf(clicked, field);
  const reading = readingFor(element, field);
  const label = labelTextOf(element);
  return proposeSelectors(element, doc).map(({ selector, kind }) => {
    const extractor = { selector, ...reading };
    return { extractor, kind, value: readWith(extractor, doc, doc), label };
  });
}

/** Runs selectors on the page in front (a second record): what each finds. Never throws. */
export function checkExtractors(extractors: SelectorExtractor[], doc: Document): CandidateCheck[] {
  return extractors.map((extractor) => {
    let found: Element[] = [];
    try {
      found = [...doc.querySelectorAll(extractor.selector)];
    } catch {
      // An invalid selector finds nothing.
    }
    return {
      count: found.length,
      value: found.length > 0 ? readWith(extractor, doc, doc) : null,
      label: found[0] ? labelTextOf(found[0]) : null,
    };
  });
}

export type StabilityVerdict = CandidateReading & {
  /** Unique on the second record, reads a value there, and sits by the same label. */
  stable: boolean;
  secondValue: string | null;
};

/**
 * Which candidates held on a second record: exactly one match, a value, and (when the first
 * record showed a label beside the element) the same label. Stable ones come first, in rank order.
 */
export function judgeStability(
  candidates: CandidateReading[],
  checks: CandidateCheck[],
): StabilityVerdict[] {
  const verdicts = candidates.map((candidate, index) => {
    const check = checks[index];
    const stable =
      !!check &&
      check.count === 1 &&
      check.value !== null &&
      (candidate.label === null || candidate.label === check.label);
    return { ...candidate, stable, secondValue: check?.value ?? null };
  });
  return [...verdicts.filter((v) => v.stable), ...verdicts.filter((v) => !v.stable)];
}
