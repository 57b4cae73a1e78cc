/** Types of generate-relationship-demo.mjs, for the tests that import it. */
export declare const DEFAULT_SEED: number;
export interface StageEffect {
  readonly stage: string;
  readonly trust: number;
  readonly affective: number;
  readonly calculative: number;
}
export declare const STAGE_EFFECTS: Readonly<Record<string, StageEffect>>;
export declare function cohorts(): Map<string, string>;
export declare function generateTrustCsv(seed?: number): string;
