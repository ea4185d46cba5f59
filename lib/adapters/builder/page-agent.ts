import type { AdapterDefinition } from '../definition';
import { readRecord, type ReadResult } from '../read-record';
import { pickElement, type PickHandle } from './element-picker';
import {
  checkExtractors,
  proposeFieldReadings,
  type BuilderField,
  type CandidateCheck,
  type CandidateReading,
  type SelectorExtractor,
} from './field-pick';

/**
 * What the builder injects into the page it builds on (entrypoints/adapter-picker.ts), only when
 * the admin starts it: never part of the content script every CRM tab loads. Each call returns
 * plain data the side panel receives through `scripting.executeScript`.
 */
export type PageAgent = {
  /** Lets the admin click the element for `field`; its ranked readings, or null (Esc). */
  pick(field: BuilderField, prompt: string): Promise<CandidateReading[] | null>;
  /** What each selector finds on the page as it is now (the second record). */
  check(extractors: SelectorExtractor[]): CandidateCheck[];
  /** The record the draft adapter reads on this page, for the card preview. */
  preview(adapter: AdapterDefinition): ReadResult;
  /** Removes a picker still on the page (the side panel closed or the admin moved on). */
  cancel(): void;
};

/** The global the injected script sets in the extension's isolated world of the page. */
export const PAGE_AGENT_GLOBAL = '__touchpointAdapterBuilder';

export function createPageAgent(doc: Document): PageAgent {
  let picking: PickHandle | undefined;
  return {
    async pick(field, prompt) {
      picking?.cancel();
      const handle = pickElement(doc, { prompt });
      picking = handle;
      const element = await handle.result;
      if (picking === handle) picking = undefined;
      return element ? proposeFieldReadings(element, field, doc) : null;
    },
    check: (extractors) => checkExtractors(extractors, doc),
    preview: (adapter) =>
      readRecord(adapter, { url: doc.location.href, document: doc }, Date.now()),
    cancel() {
      picking?.cancel();
      picking = undefined;
    },
  };
}
