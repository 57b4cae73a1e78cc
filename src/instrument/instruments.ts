import { deepFreeze } from "../_lib/deepFreeze";
import { libqualCore22 } from "./builtin/libqualCore22";
import { servperf22 } from "./builtin/servperf22";
import { servqual22 } from "./builtin/servqual22";
import { servqual22Tolerance } from "./builtin/servqual22Tolerance";
import { servqual1988 } from "./builtin/servqual1988";

/**
 * The built-in instruments: SERVQUAL-22 (1991), SERVQUAL-1988, SERVPERF-22, the three-column
 * zone-of-tolerance SERVQUAL-22 and a LibQUAL-style 22-item core.
 *
 * @example
 * instruments.servqual22.dimensions.map((d) => d.id)
 * //=> ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
 */
export const instruments = deepFreeze({
  servqual22,
  servqual1988,
  servperf22,
  servqual22Tolerance,
  libqualCore22,
} as const);
