import type { EffortScale } from '../../../contract/prompt-settings';

/**
 * One interaction as the collector holds it after joining (issue #7): the `interaction.summary`
 * figures, the effort answer of its `prompt.outcome` if any, and the CSAT imported for the same
 * record hash if any.
 */
export type ReportRow = {
  team: string;
  /** The agent id a supervisor may see; null in anonymous mode (PRODUCT.md, identity modes). */
  agentId: string | null;
  /**
   * The internal key the report counts people by (issue #14), never shown: the agent id, or in
   * anonymous mode a per-install pseudonym. Defaults to `agentId`; null is an unknown person,
   * and all of a figure's unknown persons count as one.
   */
  agentKey?: string | null;
  /** The keyed record hash: interactions of one ticket share it, and its CSAT (issue #14). */
  recordHash: string;
  /** The record's app. */
  app: string;
  /** When the interaction ended (ms since the epoch). */
  occurredAt: number;
  handleMs: number;
  awayMs: number;
  switchCount: number;
  /** Apps with focus time during the interaction, the record's own included. */
  appsUsed: readonly string[];
  /** Ease score: 1 = very hard … 5 (or 7) = very easy; null when not asked or not answered. */
  effortScore: number | null;
  effortScale: EffortScale | null;
  reasons: readonly string[];
  /** 1–5; null when the customer gave none. */
  csat: number | null;
};

/** CSAT at or below this counts as low (1–2 of 5: the "dissatisfied" answers). */
export const LOW_CSAT_MAX = 2;
