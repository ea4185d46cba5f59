import { z } from 'zod';
import {
  CX_IMPORT_MAX_BODY_BYTES,
  cxImportResponseSchema,
  REPORT_CSV_TABLES,
  reportQuerySchema,
  reportSchema,
} from '../../contract/report';

// Issue #7: the supervisor console's EX × CX report. The background fetches it from the
// collector with the console's token (which never reaches the page) and validates it with the
// shared `reportSchema`; the page validates the reply again when it arrives.

export const REPORT_REQUESTS = {
  /** `GET /v1/reports` for whole ISO weeks, with the console's token. */
  'console.report': {
    from: 'extension',
    request: reportQuerySchema,
    response: reportSchema,
  },
  /**
   * `GET /v1/reports/csv` for one table. `csv` is null when this collector has no CSV endpoint
   * (404): the console then writes the CSV from the report it shows.
   */
  'console.reportCsv': {
    from: 'extension',
    request: reportQuerySchema.extend({ table: z.enum(REPORT_CSV_TABLES) }),
    response: z.object({ csv: z.string().max(20_000_000).nullable() }),
  },
  /**
   * `POST /v1/cx/import` with a CSV file the supervisor chose in the console (issue #14, item 6):
   * the collector hashes record ids as for the API and answers with per-line errors.
   */
  'console.cxImport': {
    from: 'extension',
    request: z.object({ csv: z.string().min(1).max(CX_IMPORT_MAX_BODY_BYTES) }),
    response: cxImportResponseSchema,
  },
} as const;
