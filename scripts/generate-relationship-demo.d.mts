/** Types of generate-relationship-demo.mjs, for the tests that import it. */
export declare const DEFAULT_SEED: number;
export declare const DEMO_AS_OF: string;
export declare const SURVEY_MONTH: string;
export interface StageEffect {
  readonly trust: number;
  readonly affective: number;
  readonly calculative: number;
}
export declare const STAGE_EFFECTS: Readonly<Record<string, StageEffect>>;
/** The two library functions `stagesAtResponse` calls (the built or the source library). */
export interface StageLibrary {
  readEventsCsv(path: string, options: { asOf: string }): Promise<{ events: unknown }>;
  stageTimeline(
    events: unknown,
    options: { from: string; to: string },
  ): {
    months: readonly string[];
    customers: readonly { customer: string; stages: readonly (string | null)[] }[];
  };
}
export declare function stagesAtResponse(lib: StageLibrary): Promise<Map<string, string>>;
export declare function generateTrustCsv(
  seed: number,
  stages: ReadonlyMap<string, string>,
  effects?: Readonly<Record<string, StageEffect>>,
): string;
