// The one typed doorway to the Rust commands. The typed function for each command is generated
// by build.rs from its declaration in src-tauri/commands.rs (bindings/commands.ts); this file
// adds error normalisation and the few places where the window wants a narrower or friendlier
// signature. Views never call `invoke` with string names themselves.

import { Channel, invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { CalendarDay } from "./bindings/CalendarDay";
import { commands, type Progress } from "./bindings/commands";

/** A failed command, with the Rust error's kind and its message for the person. */
export class CommandError extends Error {
  readonly kind: AppError["kind"] | "ipc";
  constructor(kind: AppError["kind"] | "ipc", message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Normalises whatever a rejected `invoke` gives into a `CommandError`. */
export function toCommandError(raw: unknown): CommandError {
  if (raw instanceof CommandError) return raw;
  if (raw && typeof raw === "object" && "kind" in raw && "message" in raw) {
    const { kind, message } = raw as AppError;
    return new CommandError(kind, String(message));
  }
  // Tauri itself rejects with a string when arguments cannot be read (missing or mistyped).
  if (typeof raw === "string") return new CommandError("ipc", raw);
  if (raw instanceof Error) return new CommandError("ipc", raw.message);
  return new CommandError("ipc", "Something went wrong talking to SoreMap's core.");
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toCommandError(raw);
  }
}

export type { CalendarDay };

const generated = commands(call);

export const api = {
  ...generated,
  /** `kind` is one of the three tables the core exports. */
  exportCsv: (kind: "entries" | "workouts" | "treatments", path: string) => generated.exportCsv(kind, path),
  /** Reports progress to a callback rather than through a `Channel`. */
  applyImport: (path: string, onProgress: (done: number, total: number) => void) => {
    const channel = new Channel<Progress>();
    channel.onmessage = (p) => onProgress(p.done, p.total);
    return generated.applyImport(path, channel);
  },
};
