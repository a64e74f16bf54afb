// Your data: export (JSON, CSV), import with a preview, backups and restore. Files are chosen
// in the system dialog or typed as a path; SoreMap's Rust side reads and writes them.

import { open, save } from "@tauri-apps/plugin-dialog";
import { toCommandError } from "../api";
import type { ExportSummary } from "../bindings/ExportSummary";
import type { AppInfo } from "../bindings/AppInfo";
import type { ImportPreview } from "../bindings/ImportPreview";
import { h } from "../dom";
import { friendly, localDate } from "../time";

/** What the view asks of the app; it never calls the backend itself. */
export interface DataHandlers {
  exportJson(path: string): Promise<ExportSummary>;
  exportCsv(kind: "entries" | "workouts" | "treatments", path: string): Promise<ExportSummary>;
  previewImport(path: string): Promise<ImportPreview>;
  applyImport(path: string, onProgress: (done: number, total: number) => void): Promise<ImportPreview>;
  backupNow(path: string): Promise<string>;
  /** Resolves to the core's report of what was restored and where the old data went. */
  restoreBackup(path: string): Promise<string>;
  /** The log changed (import, restore): repaint what shows it. */
  onChanged(): Promise<void>;
}

const message = (raw: unknown) => toCommandError(raw).message;

/**
 * A path field with a "Choose…" button that opens the system's file dialog. What the dialog
 * returns fills the field; a dialog that cannot open says why in `statusEl`.
 */
function fileRow(
  name: string,
  placeholder: string,
  statusEl: HTMLElement,
  choose: () => Promise<string | null>,
): { row: HTMLElement; input: HTMLInputElement } {
  const input = h("input", { type: "text", name, placeholder, "aria-label": placeholder, spellcheck: "false" });
  const button = h("button", { type: "button", class: "secondary small", "data-choose": name }, "Choose…");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const path = await choose();
      if (path) input.value = path;
    } catch (raw) {
      say(statusEl, `The file dialog could not open: ${message(raw)} You can type the file's full path instead.`, "error");
    } finally {
      button.disabled = false;
    }
  });
  return { row: h("div", { class: "row file-row" }, input, button), input };
}

/** Runs `work` with `buttons` disabled, so a double click cannot write twice. */
async function busy(buttons: HTMLButtonElement[], work: () => Promise<void>): Promise<void> {
  for (const b of buttons) b.disabled = true;
  try {
    await work();
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

type ExportKind = "json" | "entries" | "workouts" | "treatments";

/** The name the save dialog suggests, and its filter, for each kind of export. */
export function exportDefaults(kind: ExportKind, stamp: string): { defaultPath: string; filters: { name: string; extensions: string[] }[] } {
  if (kind === "json") return { defaultPath: `soremap-${stamp}.json`, filters: [{ name: "SoreMap export (JSON)", extensions: ["json"] }] };
  return { defaultPath: `soremap-${kind}-${stamp}.csv`, filters: [{ name: "Spreadsheet (CSV)", extensions: ["csv"] }] };
}

function status(name: string): HTMLElement {
  return h("p", { class: "status", role: "status", "aria-live": "polite", "data-status": name });
}

function say(el: HTMLElement, text: string, kind: "ok" | "error" | "busy") {
  el.textContent = text;
  el.className = `status status-${kind}`;
}

function describe(p: ImportPreview): string {
  const range = p.first && p.last ? ` from ${friendly(p.first)} to ${friendly(p.last)}` : "";
  return `${p.entries} soreness entries, ${p.workouts} workouts, ${p.treatments} treatments${range}. ${p.new_records} new, ${p.duplicates} already in your log (skipped).`;
}

export function renderDataView(info: AppInfo | null, backups: string[], handlers: DataHandlers): HTMLElement {
  const stamp = localDate();

  // Export.
  const exportStatus = status("export");
  const exportKind = h(
    "select",
    { name: "export-kind", "aria-label": "What to export" },
    h("option", { value: "json" }, "Everything (JSON)"),
    h("option", { value: "entries" }, "Soreness entries (CSV)"),
    h("option", { value: "workouts" }, "Workouts (CSV)"),
    h("option", { value: "treatments" }, "Treatments (CSV)"),
  );
  const exportFile = fileRow("export-path", "File to export to", exportStatus, () =>
    save({ title: "Export SoreMap data", ...exportDefaults(exportKind.value as ExportKind, stamp) }),
  );
  const exportButton = h("button", { type: "button", class: "primary", "data-action": "export" }, "Export");
  exportButton.addEventListener("click", () =>
    busy([exportButton], async () => {
      const path = exportFile.input.value.trim();
      say(exportStatus, "Exporting…", "busy");
      try {
        const kind = exportKind.value as ExportKind;
        const s = kind === "json" ? await handlers.exportJson(path) : await handlers.exportCsv(kind, path);
        say(exportStatus, `Exported ${s.entries} entries, ${s.workouts} workouts, ${s.treatments} treatments to ${s.path}.`, "ok");
      } catch (raw) {
        say(exportStatus, message(raw), "error");
      }
    }),
  );

  // Import: preview first, then confirm.
  const importStatus = status("import");
  const importFile = fileRow("import-path", "SoreMap JSON export to import", importStatus, async () => {
    const chosen = await open({ title: "Import a SoreMap export", multiple: false, directory: false, filters: [{ name: "SoreMap export (JSON)", extensions: ["json"] }] });
    return typeof chosen === "string" ? chosen : null;
  });
  const progress = h("progress", { class: "progress", max: 1, value: 0, hidden: true });
  const confirm = h("button", { type: "button", class: "primary", "data-action": "import-confirm", hidden: true }, "Import");
  const previewButton = h("button", { type: "button", class: "secondary", "data-action": "import-preview" }, "Check file");
  previewButton.addEventListener("click", () =>
    busy([previewButton], async () => {
      confirm.hidden = true;
      say(importStatus, "Checking the whole file…", "busy");
      try {
        const p = await handlers.previewImport(importFile.input.value.trim());
        say(importStatus, `Ready to import: ${describe(p)}`, "ok");
        confirm.hidden = p.new_records === 0;
      } catch (raw) {
        say(importStatus, message(raw), "error");
      }
    }),
  );
  confirm.addEventListener("click", async () => {
    confirm.hidden = true;
    previewButton.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    say(importStatus, "Importing…", "busy");
    try {
      const p = await handlers.applyImport(importFile.input.value.trim(), (done, total) => {
        progress.max = total;
        progress.value = done;
        say(importStatus, `Importing… ${done.toLocaleString()} of ${total.toLocaleString()} records`, "busy");
      });
      say(importStatus, `Imported. ${describe(p)}`, "ok");
      await handlers.onChanged();
    } catch (raw) {
      say(importStatus, `${message(raw)} Nothing was changed.`, "error");
    } finally {
      progress.hidden = true;
      previewButton.disabled = false;
    }
  });

  // Backups.
  const backupStatus = status("backup");
  const backupFile = fileRow("backup-path", "File to back up to", backupStatus, () =>
    save({ title: "Back up SoreMap", defaultPath: `soremap-backup-${stamp}.sqlite3`, filters: [{ name: "SoreMap backup", extensions: ["sqlite3"] }] }),
  );
  const backupButton = h("button", { type: "button", class: "primary", "data-action": "backup" }, "Back up now");
  backupButton.addEventListener("click", () =>
    busy([backupButton], async () => {
      say(backupStatus, "Backing up…", "busy");
      try {
        const path = await handlers.backupNow(backupFile.input.value.trim());
        say(backupStatus, `Backed up to ${path}.`, "ok");
      } catch (raw) {
        say(backupStatus, message(raw), "error");
      }
    }),
  );
  const restoreStatus = status("restore");
  const restoreFile = fileRow("restore-path", "Backup file to restore", restoreStatus, async () => {
    const chosen = await open({ title: "Restore a SoreMap backup", multiple: false, directory: false, filters: [{ name: "SoreMap backup", extensions: ["sqlite3"] }] });
    return typeof chosen === "string" ? chosen : null;
  });
  const restoreButton = h("button", { type: "button", class: "secondary", "data-action": "restore" }, "Restore…");
  const restoreConfirm = h(
    "div",
    { class: "confirm", hidden: true, role: "alertdialog", "aria-label": "Confirm restore" },
    h("p", {}, "Replace your data with this backup? Your current data is saved as a backup first, so this can be undone by restoring that one."),
  );
  const yes = h("button", { type: "button", class: "primary", "data-action": "restore-confirm" }, "Replace my data");
  const no = h("button", { type: "button", class: "secondary" }, "Cancel");
  restoreConfirm.append(h("div", { class: "actions" }, yes, no));
  restoreButton.addEventListener("click", () => {
    if (!restoreFile.input.value.trim()) {
      say(restoreStatus, "Choose a backup file first.", "error");
      return;
    }
    restoreConfirm.hidden = false;
  });
  no.addEventListener("click", () => {
    restoreConfirm.hidden = true;
  });
  yes.addEventListener("click", () =>
    busy([yes, restoreButton], async () => {
      restoreConfirm.hidden = true;
      say(restoreStatus, "Restoring…", "busy");
      try {
        // The core's report says what was restored and where the previous data was saved.
        say(restoreStatus, await handlers.restoreBackup(restoreFile.input.value.trim()), "ok");
        await handlers.onChanged();
      } catch (raw) {
        say(restoreStatus, message(raw), "error");
      }
    }),
  );
  const automatic = backups.length
    ? h(
        "ul",
        { class: "backup-list" },
        ...backups.slice(0, 12).map((path) => {
          const use = h("button", { type: "button", class: "link" }, "use");
          use.addEventListener("click", () => {
            restoreFile.input.value = path;
          });
          return h("li", {}, h("code", {}, path.split(/[\\/]/).pop() ?? path), " ", use);
        }),
      )
    : h("p", { class: "empty" }, "No automatic backups yet.");

  return h(
    "article",
    { class: "data-view" },
    h("header", { class: "panel-header" }, h("h2", {}, "Your data")),
    info ? h("p", { class: "summary" }, "Everything is stored on this computer in ", h("code", {}, info.database_path), ".") : null,
    info?.log_file ? h("p", { class: "muted", "data-log-file": "" }, "SoreMap's log (what it did and any errors, useful when reporting a problem): ", h("code", {}, info.log_file), ".") : null,
    h("section", { class: "panel-section", "data-section": "export" }, h("h3", {}, "Export"), h("div", { class: "row" }, exportKind), exportFile.row, h("div", { class: "actions" }, exportButton), exportStatus),
    h(
      "section",
      { class: "panel-section", "data-section": "import" },
      h("h3", {}, "Import"),
      h("p", { class: "muted" }, "A SoreMap JSON export is checked completely before anything is written; records you already have are skipped."),
      importFile.row,
      h("div", { class: "actions" }, previewButton, confirm),
      progress,
      importStatus,
    ),
    h(
      "section",
      { class: "panel-section", "data-section": "backups" },
      h("h3", {}, "Backups"),
      h("p", { class: "muted" }, "SoreMap snapshots your data automatically once a day and before every upgrade, keeping the last week."),
      backupFile.row,
      h("div", { class: "actions" }, backupButton),
      backupStatus,
      h("h4", {}, "Restore"),
      restoreFile.row,
      h("div", { class: "actions" }, restoreButton),
      restoreConfirm,
      restoreStatus,
      h("h4", {}, "Automatic backups"),
      automatic,
    ),
  );
}
