import { describe, expect, it } from "vitest";
import { CommandError, toCommandError } from "./api";

describe("toCommandError", () => {
  it("keeps the kind and message of a core error", () => {
    const e = toCommandError({ kind: "unknown_region", message: 'There is no body region called "x".' });
    expect(e).toBeInstanceOf(CommandError);
    expect(e.kind).toBe("unknown_region");
    expect(e.message).toBe('There is no body region called "x".');
  });

  it("wraps the string Tauri gives for unreadable arguments", () => {
    const e = toCommandError("invalid args `side` for command `region_detail`");
    expect(e.kind).toBe("ipc");
    expect(e.message).toContain("side");
  });

  it("never loses an error, whatever it is", () => {
    expect(toCommandError(undefined).message).toMatch(/went wrong/);
    expect(toCommandError(new Error("boom")).message).toBe("boom");
  });
});
