import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { wilsonInterval } from "../../src/stats/wilsonInterval";
import { expectClose } from "./kiosk";

describe("wilsonInterval", () => {
  it("hand-worked: 8 successes in 10 trials at 95%", () => {
    // z = 1.959964, z² = 3.841459, p̂ = 0.8, n = 10.
    // centre = (0.8 + 3.841459/20)/(1 + 3.841459/10) = 0.9920729/1.3841459 = 0.716740
    // half   = 1.959964·sqrt(0.8·0.2/10 + 3.841459/400)/1.3841459
    //        = 1.959964·sqrt(0.016 + 0.0096036)/1.3841459 = 1.959964·0.1600114/1.3841459 = 0.226578
    // → (0.490162, 0.943318). R: prop.test(8, 10, correct = FALSE)$conf.int =
    //   0.49016247153664183, 0.9433178485456247.
    const result = wilsonInterval(8, 10);
    expect(result.proportion).toBe(0.8);
    expectClose(result.lower, 0.49016247153664183, 1e-9);
    expectClose(result.upper, 0.9433178485456247, 1e-9);
    expect(result.lower).toBeCloseTo(0.71674 - 0.226578, 5);
    expect(result.upper).toBeCloseTo(0.71674 + 0.226578, 5);
  });

  it("matches prop.test(correct = FALSE) at the edges and another level", () => {
    // R 4.2.2 prop.test(x, n, conf.level, correct = FALSE)$conf.int:
    // (0, 10, .95): 0, 0.27753279986288915; (10, 10): 0.7224672001371109, 1;
    // (37, 207, .90): 0.1391729253156092, 0.22660445085988642; (1, 1): 0.2065493143772375, 1.
    const zero = wilsonInterval(0, 10);
    expect(zero.lower).toBe(0);
    expectClose(zero.upper, 0.27753279986288915, 1e-9);
    const all = wilsonInterval(10, 10);
    expectClose(all.lower, 0.7224672001371109, 1e-9);
    expect(all.upper).toBe(1);
    const ninety = wilsonInterval(37, 207, 0.9);
    expectClose(ninety.lower, 0.1391729253156092, 1e-9);
    expectClose(ninety.upper, 0.22660445085988642, 1e-9);
    expectClose(wilsonInterval(1, 1).lower, 0.2065493143772375, 1e-9);
  });

  it("returns null + warning for n = 0 and throws on impossible counts", () => {
    const none = wilsonInterval(0, 0);
    expect(none.lower).toBeNull();
    expect(none.warnings.length).toBe(1);
    expect(() => wilsonInterval(5, 4)).toThrow(ServqualError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(ServqualError);
    expect(() => wilsonInterval(-1, 4)).toThrow(ServqualError);
    expect(() => wilsonInterval(1, Number.POSITIVE_INFINITY)).toThrow(ServqualError);
    expect(() => wilsonInterval(1, 4, 2)).toThrow(ServqualError);
  });
});
