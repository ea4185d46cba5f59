import {
  adapterDefinitionSchema,
  type AdapterDefinition,
  type AdapterInput,
} from '../../contract/adapter-definitions';

// The schema lives in contract/ (issue #16): the collector validates served definitions with it.
export {
  adapterDefinitionSchema,
  apiStepSchema,
  extractorSchema,
  recordPatternSchema,
  type AdapterDefinition,
  type AdapterInput,
  type Extractor,
} from '../../contract/adapter-definitions';

/** Parses a built-in adapter at module load: a broken built-in is a programming error. */
export function defineAdapter(input: AdapterInput): AdapterDefinition {
  return adapterDefinitionSchema.parse(input);
}
