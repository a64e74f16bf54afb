// SoreMap's window: the body map on the left and, on the right, the Today view, a region's
// panel (its log, then what helps it) or a form for logging several regions or a workout.

import "./styles.css";
import "./views/figure.css";
import "./views/trends.css";
import { api, attempt, deleteWithUndo, dotsFor, message } from "./app/actions";
import { type AppState, type Mode, coarseOf, enter, initialState, labelOf, mapView, navOf, togglePick as pickToggled, withDots, withHot } from "./app/state";
import type { SearchResult } from "./bindings/SearchResult";
import type { Side } from "./bindings/Side";
import type { SorenessEntry } from "./bindings/SorenessEntry";
import type { Timeline } from "./bindings/Timeline";
import type { DayView } from "./bindings/DayView";
import { h } from "./dom";
import { localDate } from "./time";
import { type BodyMap, renderBodyMap, renderLegend } from "./views/bodyMap";
import { renderBouts, renderEpisodeChart } from "./views/episodeChart";
import { renderHealthView } from "./views/health";
import { renderSettingsView } from "./views/settings";
import { renderEntries } from "./views/entries";
import { renderRaisedFlags } from "./views/flags";
import { renderLogForm } from "./views/logForm";
import { renderError, renderRegionPanel } from "./views/regionPanel";
import { renderSearch } from "./views/search";
import { renderTimer } from "./views/timer";
import { showToast } from "./views/toast";
import { renderToday } from "./views/today";
import { renderWorkoutForm } from "./views/workoutForm";
import { renderDataView } from "./views/dataView";
import { buildReport, chartSvg, rangeCells } from "./views/report";
import { renderRoutine } from "./views/routine";
import { type TrendsView, rangeOf, renderTrends } from "./views/trends";
import { save } from "@tauri-apps/plugin-dialog";
import { listen } from "@tauri-apps/api/event";
import type { Insights } from "./bindings/Insights";
import type { Region } from "./bindings/Region";
import mapRegions from "./bindings/regions.json";

/** The regions SoreMap was built with, in the map's order (`list_regions` answers the same). */
const MAP_REGIONS = mapRegions as Region[];

const DISCLAIMER =
  "SoreMap is not medical advice. It shows what its sources say about self-care for ordinary " +
  "muscle soreness. Urgent, seek care now: dark (tea- or cola-coloured) urine, fever or chills " +
  "with the pain, pain far worse than expected with weakness or swelling, chest pain or sudden " +
  "breathlessness, numbness between the legs or new bladder or bowel trouble. See a doctor if " +
  "pain is severe, keeps getting worse, lasts beyond a week, or comes with numbness or tingling.";

/** What to open inside the region panel once it is shown. */
interface Focus {
  point?: string;
  technique?: string;
  muscle?: string;
  /** Open on the log form (a reminder was clicked). */
  log?: boolean;
}

/** Resolves once what the DOM holds now has been painted (two animation frames). */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

async function start(root: HTMLElement): Promise<void> {
  const panel = h("aside", { class: "panel", "aria-live": "polite" });
  const mapArea = h("section", { class: "map-area", "aria-label": "Body map" });
  // The window scrolls, not the panel (a scrolling panel costs WebKit a layer of its own, and
  // each frame twice the time); the header and the map column stay where they are.
  const page = document.scrollingElement ?? document.documentElement;
  let shownKind = "";
  /** Shows a view in the panel: another view from its top, the same one (refreshed after a
   * change) where the person was. */
  const swap = (...nodes: Node[]) => {
    if (state.mode.kind !== shownKind) page.scrollTop = 0;
    shownKind = state.mode.kind;
    panel.replaceChildren(...nodes);
  };
  const todayButton = h("button", { type: "button", class: "header-button", "data-action": "today" }, "Today");
  const trendsButton = h("button", { type: "button", class: "header-button", "data-action": "trends" }, "Trends");
  const dataButton = h("button", { type: "button", class: "header-button", "data-action": "data" }, "Your data");
  const healthButton = h("button", { type: "button", class: "header-button", "data-action": "health" }, "Your health");
  const settingsButton = h("button", { type: "button", class: "header-button", "data-action": "settings" }, "Settings");

  let map: BodyMap | null = null;
  /** The one current state; change it only through `set`. */
  let state: AppState = initialState();
  let ticket = 0;
  let pickedChips: HTMLElement | null = null;

  /** Everything outside the panel that follows the state, synced in this one place. */
  const sync = () => {
    const which = navOf(state.mode);
    for (const [name, button] of [["today", todayButton], ["trends", trendsButton], ["data", dataButton], ["health", healthButton], ["settings", settingsButton]] as const) {
      // Written only when it changes: the header is a layer of its own, repainted otherwise.
      if (name === which) {
        if (button.getAttribute("aria-current") !== "page") button.setAttribute("aria-current", "page");
      } else if (button.hasAttribute("aria-current")) button.removeAttribute("aria-current");
    }
    const title = mapArea.querySelector(".legend-title");
    const titleText = state.mode.kind === "trends" ? "Soreness in Trends" : "Soreness today";
    if (title && title.textContent !== titleText) title.textContent = titleText;
    const view = mapView(state);
    map?.select(view.selected?.region ?? null, view.selected?.side);
    map?.pick(view.picked);
    map?.showDots(view.dots, view.hot);
    for (const card of panel.querySelectorAll<HTMLElement>("details.point")) {
      card.classList.toggle("hot", view.hot !== null && card.dataset.point === view.hot);
    }
  };
  const set = (next: AppState) => {
    state = next;
    sync();
  };
  /** Enters a mode: a new ticket, so answers for the mode left behind are dropped. */
  const go = (mode: Mode): number => {
    // Trends paint the map with a range or a day; every other view shows today.
    const leavingTrends = state.mode.kind === "trends" && mode.kind !== "trends";
    set(enter(state, mode));
    if (leavingTrends) void paintDay();
    return ++ticket;
  };
  const label = (region: string, side: Side) => labelOf(state, region, side);

  const paintDay = async () => {
    try {
      const day = await api.day(localDate());
      map?.paint(day.cells);
    } catch {
      // The panel shows errors; the colours simply stay as they were.
    }
  };

  const refresh = async () => {
    await paintDay();
    const mode = state.mode;
    if (mode.kind === "today") await showToday();
    else if (mode.kind === "region") await showRegion(mode.region, mode.side, {}, true);
    else if (mode.kind === "trends") await showTrends(mode.region, mode.side, mode.preset);
  };

  /** The Trends view on screen, if any: a click on the map only changes its chart. */
  let trendsView: TrendsView | null = null;
  const showTrends = async (region: string, side: Side, preset: string, range?: [string, string]) => {
    const mine = go({ kind: "trends", region, side, preset });
    const [from, to] = range ?? rangeOf(preset);
    try {
      // The overview comes first and is painted at once; the rest is asked for and filled in
      // below it once the overview is on screen, so the two never compete for the machine.
      const insights = await api.insights(from, to);
      if (mine !== ticket) return;
      const view = renderTrends(insights, preset, { region, side }, {
        onDay: async (date) => {
          const cells = await attempt(() => api.heatmap(date));
          if (cells && mine === ticket) map?.paint(cells);
        },
        onRange: (f, t) => {
          const p = (view.element.querySelector("select[name=range]") as HTMLSelectElement | null)?.value ?? preset;
          void showTrends(state.mode.kind === "trends" ? state.mode.region : region, state.mode.kind === "trends" ? state.mode.side : side, p, [f, t]);
        },
        onRangeMap: (o) => {
          if (mine === ticket) map?.paint(rangeCells(o.sides, [...state.regions.values()]));
        },
        onSaveReport: (v) => void saveReport(v, insights),
        onHover: (r, s) => {
          if (r) map?.select(r, s);
          else sync();
        },
        onCharted: (r, s) => {
          if (mine === ticket && state.mode.kind === "trends") set({ ...state, mode: { ...state.mode, region: r, side: s } });
        },
        loadSeries: (r, s, f, t) => api.trend(r, s, f, t),
        loadYear: (y) => api.calendar(`${y}-01-01`, `${y}-12-31`),
      });
      trendsView = view;
      swap(view.element);
      await afterPaint();
      if (mine !== ticket) return;
      const overview = await api.trends(from, to);
      if (mine !== ticket) return;
      view.fill(overview);
    } catch (raw) {
      if (mine === ticket) swap(renderError("Could not show trends", message(raw)));
    }
  };

  /** Writes the report for the range on screen as a PDF where the person chooses. */
  const saveReport = async (view: TrendsView, insights: Insights) => {
    const snap = view.snapshot();
    if (!snap.overview) {
      showToast("The report is still loading; try again in a moment.");
      return;
    }
    let path: string | null;
    try {
      path = await save({ title: "Save SoreMap report", defaultPath: `soremap-report-${localDate()}.pdf`, filters: [{ name: "PDF document", extensions: ["pdf"] }] });
    } catch (raw) {
      showToast(`The file dialog could not open: ${message(raw)}`);
      return;
    }
    if (!path) return;
    const day = await api.day(localDate()).catch(() => null);
    const document = buildReport({
      insights,
      overview: snap.overview,
      regions: [...state.regions.values()],
      series: snap.series,
      chart: snap.canvas ? chartSvg(snap.canvas) : null,
      year: snap.year,
      yearDays: snap.yearDays,
      open: day?.open_episodes ?? [],
      made: new Date().toLocaleString(),
    });
    const done = await attempt(() => api.saveReport(path, document));
    if (done) showToast(`Report saved to ${done.path} (${Math.max(1, Math.round(done.bytes / 1024))} KB).`);
  };

  const showData = async () => {
    const mine = go({ kind: "data" });
    const [info, backups] = await Promise.all([api.appInfo().catch(() => null), api.backups().catch(() => [])]);
    if (mine !== ticket) return;
    // After a restore over a database that could not be opened, start the window afresh.
    const onChanged = async () => (state.unavailable ? window.location.reload() : paintDay());
    swap(
      renderDataView(info, backups, {
        onChanged,
        exportJson: api.exportJson,
        exportCsv: api.exportCsv,
        previewImport: api.previewImport,
        applyImport: api.applyImport,
        backupNow: api.backupNow,
        restoreBackup: api.restoreBackup,
      }),
    );
  };

  const showHealth = async () => {
    const mine = go({ kind: "health" });
    try {
      const settings = await api.settings();
      if (mine !== ticket) return;
      swap(
        renderHealthView(settings, {
          onToggle: (id, on) => api.setHealth(id, on),
          onError: (text) => showToast(`Could not save the setting: ${text}`),
        }),
      );
    } catch (raw) {
      if (mine === ticket) swap(renderError("Could not show your health settings", message(raw)));
    }
  };

  const showSettings = async () => {
    const mine = go({ kind: "settings" });
    try {
      const settings = await api.reminderSettings();
      if (mine !== ticket) return;
      swap(
        renderSettingsView(settings, {
          onSave: (next) => api.setReminderSettings(next),
          onError: (text) => showToast(`Could not save the setting: ${text}`),
        }),
      );
    } catch (raw) {
      if (mine === ticket) swap(renderError("Could not show the settings", message(raw)));
    }
  };

  const deleteEntry = (entry: SorenessEntry) => deleteWithUndo(entry, refresh);

  const acknowledge = async (key: string) => {
    if ((await attempt(() => api.acknowledgeFlag(key))) !== undefined) await refresh();
  };

  const editEntry = (entry: SorenessEntry, host: Element | null) => {
    const form = renderLogForm({
      options: state.options,
      target: `Edit: ${entry.label}`,
      initial: entry,
      submitLabel: "Save changes",
      onSubmit: async (input) => {
        // A failure is thrown back to the form, which shows it in place.
        await api.updateSoreness(entry.id, { ...input, targets: [{ region: entry.region, side: entry.side }] });
        await refresh();
      },
      onCancel: () => void refresh(),
    });
    const li = host?.querySelector(`[data-entry="${CSS.escape(entry.id)}"]`);
    if (li) li.replaceChildren(form);
    else swap(form);
    form.querySelector<HTMLButtonElement>(`.scale [value="${entry.intensity}"]`)?.focus();
  };

  /** Shows Today; `asked` is today's answer when it was already asked for (at start-up). */
  const showToday = async (asked?: Promise<DayView>) => {
    const mine = go({ kind: "today" });
    try {
      const day = await (asked ?? api.day(localDate()));
      if (mine !== ticket) return;
      map?.paint(day.cells);
      const view = renderToday(day, true, {
        onSameAsYesterday: async () => {
          const copied = await attempt(() => api.sameAsYesterday());
          if (!copied) return;
          await refresh();
          showToast(`Copied ${copied.length} region${copied.length === 1 ? "" : "s"} from yesterday.`);
        },
        onLogWorkout: () => showWorkout(),
        onLogSeveral: () => showSeveral(),
        onRoutine: () => void showRoutine(),
        onEdit: (entry) => editEntry(entry, panel),
        onDelete: (entry) => void deleteEntry(entry),
        onOpen: (region, side) => void showRegion(region, side as Side),
        onAcknowledge: acknowledge,
        onDeleteWorkout: async (id) => {
          if ((await attempt(() => api.deleteWorkout(id))) !== undefined) await refresh();
        },
      });
      swap(view);
    } catch (raw) {
      if (mine === ticket) swap(renderError("Could not show today", message(raw)));
    }
  };

  const showRoutine = async () => {
    const mine = go({ kind: "routine" });
    try {
      const routine = await api.routine();
      if (mine !== ticket) return;
      swap(
        renderRoutine(routine, {
          onSave: async (done, before, after) => {
            let saved = 0;
            for (const d of done) {
              await api.logTreatment({
                region: d.step.region,
                side: d.side,
                technique: d.step.kind === "technique" ? d.step.id : undefined,
                point: d.step.kind === "point" ? d.step.id : undefined,
                duration_sec: d.seconds,
                before,
                after,
                note: "Tonight's routine",
              });
              saved += 1;
            }
            await paintDay();
            return saved;
          },
          onClose: () => void showToday(),
        }),
      );
    } catch (raw) {
      if (mine === ticket) swap(renderError("Could not make tonight's routine", message(raw)));
    }
  };

  const chips = () =>
    h(
      "div",
      { class: "chips", "data-picked": state.picked.length },
      ...(state.picked.length ? state.picked.map((p) => h("span", { class: "chip chip-caution" }, p.label)) : [h("span", { class: "muted" }, "Click regions on the map to add them.")]),
    );

  const togglePick = (region: string, side: Side) => {
    set(pickToggled(state, region, side));
    pickedChips?.replaceWith((pickedChips = chips()));
    if (state.mode.kind === "workout") showWorkout();
  };

  const showSeveral = () => {
    go({ kind: "several" });
    pickedChips = chips();
    const form = renderLogForm({
      options: state.options,
      target: "Log the same soreness for several regions",
      submitLabel: "Save",
      onSubmit: async (input) => {
        const picked = state.picked;
        if (!picked.length) throw new Error("Click at least one region on the map first.");
        await api.logSoreness({ ...input, targets: picked.map((p) => ({ region: p.region, side: p.side })) });
        showToast(`Logged ${picked.length} region${picked.length === 1 ? "" : "s"}.`);
        await showToday();
      },
      onCancel: () => void showToday(),
    });
    swap(h("div", { class: "several" }, h("h2", {}, "Log several regions"), pickedChips, form));
  };

  const showWorkout = () => {
    go({ kind: "workout" });
    const picked = state.picked;
    const form = renderWorkoutForm(
      picked.map((p) => ({ region: p.region, side: p.side, label: p.label })),
      async (input) => {
        await api.logWorkout({ ...input, targets: state.picked.map((p) => ({ region: p.region, side: p.side })) });
        showToast("Workout saved.");
        await showToday();
      },
      () => void showToday(),
    );
    const old = panel.querySelector<HTMLFormElement>("form[data-form=workout]");
    if (old) {
      // Keep what was typed while regions are picked.
      for (const name of ["activity", "effort", "duration", "at", "note"]) {
        const from = old.querySelector<HTMLInputElement>(`[name=${name}]`);
        const to = form.querySelector<HTMLInputElement>(`[name=${name}]`);
        if (from && to) to.value = from.value;
      }
    }
    swap(form);
  };

  /** What the "Your log" section shows, asked for all at once. */
  const loadLog = (region: string, side: Side) => Promise.all([api.episode(region, side), api.regionEntries(region, side), api.episodes(region, side)]);

  const logSection = (region: string, side: Side, timeline: Timeline, [episode, entries, bouts]: Awaited<ReturnType<typeof loadLog>>): HTMLElement => {
    const form = renderLogForm({
      options: state.options,
      target: `How sore is your ${label(region, side).toLowerCase()}?`,
      submitLabel: "Log soreness",
      onSubmit: async (input) => {
        await api.logSoreness({ ...input, targets: [{ region, side }] });
        await refresh();
      },
    });
    const section = h(
      "section",
      { class: "panel-section your-log", "data-section": "log" },
      h("h3", {}, "Your log"),
      episode ? renderRaisedFlags(episode.flags, acknowledge) : null,
      form,
      episode ? renderEpisodeChart(episode, timeline) : null,
      renderBouts(bouts),
      h("h4", {}, "Recent entries ", h("span", { class: "muted" }, "(daily views use each day's latest)")),
      renderEntries(entries, { onEdit: (e) => editEntry(e, section), onDelete: (e) => void deleteEntry(e) }, false, false, "No entries for this side yet."),
    );
    return section;
  };

  const showRegion = async (region: string, side: Side, focus: Focus = {}, keepScroll = false) => {
    const mine = go({ kind: "region", region, side });
    const scroll = page.scrollTop;
    try {
      // The region and its log are asked for together: one wait, not two.
      const [detail, logged] = await Promise.all([api.regionDetail(region, side), loadLog(region, side)]);
      const log = logSection(region, side, detail.timeline, logged);
      if (mine !== ticket) return;
      const view = renderRegionPanel(detail, {
        onPointHot: (id) => set(withHot(state, id)),
        related: (() => {
          const me = state.regions.get(region);
          const parent = me?.parent ? state.regions.get(me.parent) : undefined;
          const children = [...state.regions.values()].filter((r) => r.parent === region);
          return {
            up: parent ? { id: parent.id, name: parent.name } : undefined,
            down: children.map((r) => ({ id: r.id, name: r.name })),
          };
        })(),
        onRegion: (other) => {
          const target = state.regions.get(other);
          const otherSide: Side = !target?.sided ? "center" : side === "center" ? state.lastSide : side;
          void showRegion(other, otherSide);
        },
        onSide: (other) => void showRegion(region, other),
        logSection: log,
        tools: (kind, id, name, guidance) =>
          h(
            "div",
            { class: "tools" },
            h("h4", {}, "Guided timer"),
            renderTimer(name, guidance, async (r) => {
              await api.logTreatment({
                region,
                side,
                technique: kind === "technique" ? id : undefined,
                point: kind === "point" ? id : undefined,
                duration_sec: r.seconds,
                before: r.before,
                after: r.after,
                note: r.note,
              });
              await paintDay();
            }),
          ),
      });
      const target = focus.point
        ? view.querySelector<HTMLDetailsElement>(`details.point[data-point="${CSS.escape(focus.point)}"]`)
        : focus.technique
          ? view.querySelector<HTMLDetailsElement>(`details[data-technique="${CSS.escape(focus.technique)}"]`)
          : focus.muscle
            ? view.querySelector<HTMLElement>(`[data-muscle="${CSS.escape(focus.muscle)}"]`)
            : null;
      // The panel's first frame lays out and paints only what is on screen; right after it
      // the rest is laid out below the fold. Settled at once when it opens further down.
      const settle = () => view.classList.add("settled");
      if (target || keepScroll) settle();
      // Scrolled back before the swap, while the old panel's layout is still clean: after
      // it, setting scrollTop would lay the whole new panel out at once, outside a frame.
      if (!keepScroll) page.scrollTop = 0;
      panel.replaceChildren(view);
      shownKind = "region";
      set(withDots(state, dotsFor(detail, side, label)));
      if (keepScroll) page.scrollTop = scroll;
      else if (!target) void afterPaint().then(settle);
      if (focus.log) {
        // From a reminder: the log form, ready for the first answer.
        view.querySelector<HTMLElement>("[data-section=log]")?.scrollIntoView({ block: "start" });
        view.querySelector<HTMLElement>("[data-section=log] form")?.querySelector<HTMLElement>("input, button, select")?.focus({ preventScroll: true });
      }
      if (target) {
        if (target instanceof HTMLDetailsElement) target.open = true;
        target.classList.add("highlight");
        target.scrollIntoView({ block: "nearest" });
      }
    } catch (raw) {
      if (mine !== ticket) return;
      swap(renderError("Could not show this region", message(raw)));
    }
  };

  const openResult = (result: SearchResult) => {
    const region = state.regions.get(result.region);
    const side: Side = region && !region.sided ? "center" : state.lastSide;
    const focus: Focus = result.kind === "region" ? {} : { [result.kind]: result.id };
    void showRegion(result.region, side, focus);
  };

  todayButton.addEventListener("click", () => void showToday());
  trendsButton.addEventListener("click", () => {
    const current = state.mode.kind === "region" ? state.mode : { region: "calf", side: state.lastSide };
    void showTrends(current.region, current.side, "30");
  });
  dataButton.addEventListener("click", () => void showData());
  healthButton.addEventListener("click", () => void showHealth());
  settingsButton.addEventListener("click", () => void showSettings());

  root.replaceChildren(
    h(
      "header",
      { class: "app-header" },
      h("div", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }), "SoreMap"),
      h("nav", { class: "nav" }, todayButton, trendsButton, dataButton, healthButton, settingsButton),
      renderSearch(openResult, api.search),
      h("p", { class: "not-advice", title: DISCLAIMER }, "Not medical advice"),
    ),
    h("main", { class: "layout" }, h("div", { class: "map-column" }, mapArea, h("footer", { class: "app-footer" }, DISCLAIMER)), panel),
  );

  // `#/region/<id>/<side>` opens a region: links and tests can point straight at one.
  const fromHash = () => {
    const match = /^#\/region\/([^/]+)\/([^/]+)$/.exec(window.location.hash);
    if (match) void showRegion(decodeURIComponent(match[1]), decodeURIComponent(match[2]) as Side);
  };

  // Today is asked for with the regions and the log's options: start-up waits for the core once.
  const today = api.day(localDate());
  today.catch(() => undefined);
  const asked = Promise.all([api.listRegions(), api.logOptions()]);
  asked.catch(() => undefined);
  // The map is drawn at once, before the core has answered, from the regions SoreMap was built
  // with: the list `list_regions` answers (a test keeps the two the same).
  state = { ...state, regions: new Map(MAP_REGIONS.map((r) => [r.id, r])) };
  map = renderBodyMap(
    MAP_REGIONS,
    // A click in the first moments waits for the core's answer, which every view needs.
    (region, side) =>
      void asked.then(() => {
        const mode = state.mode;
        if (mode.kind === "several" || mode.kind === "workout") togglePick(region, side);
        else if (mode.kind === "trends") {
          // Trends read at the coarse level: a muscle charts the region it belongs to.
          const coarse = coarseOf(state, region, side);
          if (trendsView?.element.isConnected) void trendsView.chartTo(coarse.region, [coarse.side]);
          else void showTrends(coarse.region, coarse.side, mode.preset);
        }
        else void showRegion(region, side);
      }, () => undefined),
    {
      onHot: (id) => set(withHot(state, id)),
      onOpen: (id) => {
        const card = panel.querySelector<HTMLDetailsElement>(`details.point[data-point="${CSS.escape(id)}"]`);
        if (!card) return;
        card.open = true;
        card.scrollIntoView({ block: "nearest" });
        card.querySelector<HTMLElement>("summary")?.focus({ preventScroll: true });
        set(withHot(state, id));
      },
    },
  );
  mapArea.replaceChildren(map.element, renderLegend());

  try {
    const [list, logOptions] = await asked;
    state = { ...state, regions: new Map(list.map((r) => [r.id, r])), options: logOptions };
    window.addEventListener("hashchange", fromHash);
    // A clicked reminder: a check-in opens its area's log form, the daily one opens Today.
    void listen<{ region: string | null; side: Side | null }>("reminder-open", (event) => {
      const { region, side } = event.payload;
      if (region && side) void showRegion(region, side, { log: true });
      else void showToday();
    }).catch(() => undefined);
    if (window.location.hash) fromHash();
    else await showToday(today);
  } catch (raw) {
    // No database (damaged, or from a newer SoreMap): the way out is a backup.
    state = { ...state, unavailable: true };
    mapArea.replaceChildren(renderError("SoreMap could not open your data", message(raw)));
    const restore = h("button", { type: "button", class: "primary", "data-action": "offer-restore" }, "Restore from a backup…");
    restore.addEventListener("click", () => void showData());
    swap(
      renderError("Nothing to show", "SoreMap needs its database to show your log. You can restore one of the automatic backups, or another backup file, in Your data."),
      h("div", { class: "actions" }, restore),
    );
  }
}

const root = document.getElementById("app");
if (root) {
  start(root).catch((e: unknown) => {
    // Never a blank window: say what went wrong.
    root.replaceChildren(renderError("SoreMap could not start", e instanceof Error ? `${e.message}` : String(e)));
  });
}
