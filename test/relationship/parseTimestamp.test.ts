import { describe, expect, it } from "vitest";
import { parseTimestamp, timestampOf } from "../../src/relationship/parseTimestamp";

describe("parseTimestamp", () => {
  it("reads dates and date-times, without an offset as UTC", () => {
    expect(parseTimestamp("2024-03-05")).toBe(Date.UTC(2024, 2, 5));
    expect(parseTimestamp("2024-03-05T10:22")).toBe(Date.UTC(2024, 2, 5, 10, 22));
    expect(parseTimestamp("2024-03-05 10:22:33")).toBe(Date.UTC(2024, 2, 5, 10, 22, 33));
    expect(parseTimestamp("2024-03-05T10:22:33.5Z")).toBe(Date.UTC(2024, 2, 5, 10, 22, 33, 500));
    expect(parseTimestamp("2024-03-05T10:22:33.123456Z")).toBe(
      Date.UTC(2024, 2, 5, 10, 22, 33, 123),
    );
  });

  it("applies offsets: local time minus the offset is UTC", () => {
    expect(parseTimestamp("2024-02-29T12:00:00+01:00")).toBe(Date.UTC(2024, 1, 29, 11));
    expect(parseTimestamp("2024-02-29T12:00:00-0530")).toBe(Date.UTC(2024, 1, 29, 17, 30));
    expect(parseTimestamp("2024-01-01T00:30:00+01:00")).toBe(Date.UTC(2023, 11, 31, 23, 30));
  });

  it("agrees with Date.parse on well-formed UTC timestamps", () => {
    for (const text of [
      "1999-12-31T23:59:59Z",
      "2000-02-29T00:00:00Z",
      "2038-01-19T03:14:07.999Z",
    ]) {
      expect(parseTimestamp(text)).toBe(Date.parse(text));
    }
  });

  it("rejects impossible dates and other text", () => {
    for (const text of [
      "2023-02-29",
      "1900-02-29",
      "2024-04-31",
      "2024-13-01",
      "2024-00-10",
      "2024-01-01T24:00",
      "2024-01-01T10:60",
      "2024-01-01T10:00:61",
      "2024-01-01T10:00+25:00",
      "2024-01-01T10:00:00.Z",
      "2024/01/01",
      "01.02.2024",
      "yesterday",
      "",
      "2024-01-01Tx",
      "2024-01-01T10:00:00Z junk",
    ]) {
      expect(parseTimestamp(text), text).toBeNaN();
    }
    expect(parseTimestamp("2000-02-29")).toBe(Date.UTC(2000, 1, 29));
  });

  it("timestampOf takes strings, Dates and milliseconds", () => {
    expect(timestampOf(" 2024-01-01 ")).toBe(Date.UTC(2024, 0, 1));
    expect(timestampOf(new Date(5))).toBe(5);
    expect(timestampOf(7)).toBe(7);
    expect(timestampOf(Number.NaN)).toBeNaN();
    expect(timestampOf(null)).toBeNaN();
  });
});
