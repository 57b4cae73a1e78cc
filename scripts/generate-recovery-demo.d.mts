/** Types of generate-recovery-demo.mjs, for the tests that import it. */
export declare const COMPLAINT_SEED: number;
export declare const COMMENT_SEED: number;
export declare const COMPLAINTS: number;
export declare const COMMENTS: number;
export declare const DIRTY_COMPLAINTS: readonly { id: string; reason: string; after: number }[];
export declare const DIRTY_COMMENTS: readonly { reason: string; after: number }[];
export declare function generateComplaintsCsv(seed?: number): string;
export declare function generateCommentsCsv(seed?: number): Buffer;
