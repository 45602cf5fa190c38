// Outdial's live dashboard (docs/DASHBOARD.md). Plain script, no build step. Reads GET_LIST
// (POST /api/autodial/action) and GET /dashboard/api/overview every POLL_MS with the API key the
// user typed, kept in sessionStorage and sent only in the Authorization header. Controls are
// UniTalk's PAUSE, UNPAUSE and CANCEL. Every value from the server is written with textContent,
// never as HTML: campaign names and notes are user data.
"use strict";

(function () {
  const POLL_MS = 2000;
  const KEY = "outdial.apiKey";
  const ACTION = "/api/autodial/action";
  const OVERVIEW = "/dashboard/api/overview";
  // Which control applies in which status; the engine decides, this only hides buttons that would be refused.
  const CONTROLS = [
    {action: "PAUSE", label: "Pause", when: ["IN_PROGRESS", "WAITING", "WAITING_OPERATORS", "WAITING_REPEAT", "NO_NUMBERS"]},
    {action: "UNPAUSE", label: "Unpause", when: ["PAUSED"]},
    {action: "CANCEL", label: "Cancel", when: ["IN_PROGRESS", "WAITING", "WAITING_OPERATORS", "WAITING_REPEAT", "NO_NUMBERS", "PAUSED"]},
  ];

  const $ = (id) => document.getElementById(id);
  let timer = null;
  let chart = null;
  let chartSeries = "";
  const cards = new Map();

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function key() {
    return sessionStorage.getItem(KEY);
  }

  class Refused extends Error {}

  async function call(path, body) {
    const init = {headers: {"Authorization": "Bearer " + key()}, cache: "no-store"};
    if (body !== undefined) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const json = await response.json().catch(() => ({}));
    if (response.status === 401) throw new Refused(json.message || "Invalid API key");
    if (!response.ok || json.status === "Error") throw new Error(json.message || ("HTTP " + response.status));
    return json;
  }

  // ---- login

  function showLogin(message) {
    stop();
    sessionStorage.removeItem(KEY);
    $("board").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
    $("api-key").value = "";
    $("api-key").focus();
  }

  async function logIn(event) {
    event.preventDefault();
    const typed = $("api-key").value.trim();
    if (!typed) return;
    sessionStorage.setItem(KEY, typed);
    $("api-key").value = "";
    try {
      await call(OVERVIEW);
    } catch (e) {
      showLogin(e instanceof Refused ? "That key was refused: " + e.message : "Cannot reach Outdial: " + e.message);
      return;
    }
    showBoard();
  }

  function showBoard() {
    $("login").hidden = true;
    $("board").hidden = false;
    refresh();
  }

  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  // ---- refresh

  async function refresh() {
    stop();
    try {
      const [tasks, overview] = await Promise.all([call(ACTION, {action: "GET_LIST"}), call(OVERVIEW)]);
      render(tasks, overview);
      $("board-error").textContent = "";
    } catch (e) {
      if (e instanceof Refused) {
        showLogin("The key was refused (revoked?): " + e.message);
        return;
      }
      $("board-error").textContent = "Update failed: " + e.message + " (retrying)";
    }
    timer = setTimeout(refresh, POLL_MS);
  }

  function render(tasks, overview) {
    $("updated").textContent = "updated " + new Date(overview.at).toLocaleTimeString();
    renderCampaigns(tasks, overview.campaigns);
    renderChart(tasks, overview);
    renderTrunks(overview.trunks);
    $("webhooks").textContent = overview.webhooks.available
        ? overview.webhooks.pending + " deliveries waiting"
        : "Not available: " + overview.webhooks.note;
    renderOperators(overview.operators, overview.at);
    renderCalls(overview.recentCalls);
  }

  // ---- campaigns

  function renderCampaigns(tasks, live) {
    const seen = new Set();
    for (const task of tasks) {
      seen.add(task.id);
      let card = cards.get(task.id);
      if (!card) {
        card = newCard(task.id);
        cards.set(task.id, card);
        $("campaigns").appendChild(card.root);
      }
      updateCard(card, task, live[String(task.id)] || {});
    }
    for (const [id, card] of cards) {
      if (!seen.has(id)) {
        card.root.remove();
        cards.delete(id);
      }
    }
    $("no-campaigns").hidden = tasks.length > 0;
  }

  function newCard(id) {
    const root = el("article", "campaign");
    root.id = "campaign-" + id;
    const head = el("div", "campaign-head");
    const name = el("h3", "name");
    const status = el("span", "status");
    head.append(name, status);
    const note = el("p", "note muted");
    const progress = el("progress", "progress");
    const done = el("span", "done");
    const counts = el("div", "counts");
    const figures = el("dl", "figures");
    const abandonment = el("p", "abandonment");
    const controls = el("div", "controls");
    const buttons = {};
    for (const c of CONTROLS) {
      const button = el("button", "control " + c.action.toLowerCase(), c.label);
      button.type = "button";
      button.dataset.action = c.action;
      button.addEventListener("click", () => control(id, c.action, button));
      buttons[c.action] = button;
      controls.appendChild(button);
    }
    const error = el("p", "error control-error");
    const progressRow = el("div", "progress-row");
    progressRow.append(progress, done);
    root.append(head, note, progressRow, counts, figures, abandonment, controls, error);
    return {root, name, status, note, progress, done, counts, figures, abandonment, buttons, error};
  }

  function updateCard(card, task, live) {
    const s = task.statistics || {};
    card.name.textContent = task.name + "  #" + task.id + "  " + task.autodialerType + " / " + task.autodialerMode;
    card.status.textContent = task.status;
    card.status.className = "status status-" + task.status.toLowerCase();
    card.note.textContent = task.statusNote || "";
    card.progress.max = Math.max(1, s.totalCount || 0);
    card.progress.value = s.doneCount || 0;
    card.done.textContent = (s.doneCount || 0) + " of " + (s.totalCount || 0) + " done, " + (s.callsDoneCount || 0) + " calls";
    card.done.dataset.done = String(s.doneCount || 0);
    card.counts.replaceChildren(...Object.entries(s.statesCount || {}).map(([state, n]) => {
      const chip = el("span", "chip state-" + state.toLowerCase(), state + " " + n);
      chip.dataset.state = state;
      chip.dataset.count = String(n);
      return chip;
    }));
    card.figures.replaceChildren(
        ...figure("in flight", live.callsInFlight, "in-flight"),
        ...figure("calls/min", live.callsPerMinute, "rate"),
        ...figure("ASR", live.asr == null ? "–" : (live.asr * 100).toFixed(1) + " %", "asr"),
        ...figure("ACD", live.acdSeconds == null ? "–" : live.acdSeconds.toFixed(1) + " s", "acd"),
        ...figure("post-dial delay", live.postDialDelayMillis == null ? "–" : millis(live.postDialDelayMillis), "pdd"),
        ...figure("last hour", (live.endedLastHour || 0) + " calls, " + (live.answeredLastHour || 0) + " answered", "hour"));
    const a = s.abandonment;
    if (a) {
      const over = a.window.percent > a.targetPercent;
      card.abandonment.textContent = "Abandonment " + a.window.percent.toFixed(2) + " % of " + a.window.liveAnswered
          + " live-answered over " + a.window.days + " days (cap " + a.targetPercent + " %); today "
          + a.today.percent.toFixed(2) + " %";
      card.abandonment.className = "abandonment " + (over ? "over-cap" : "under-cap");
    } else {
      card.abandonment.textContent = "";
    }
    for (const c of CONTROLS) {
      card.buttons[c.action].hidden = !c.when.includes(task.status);
    }
  }

  function figure(label, value, name) {
    const dt = el("dt", null, label);
    const dd = el("dd", "figure-" + name, value === undefined ? "–" : value);
    return [dt, dd];
  }

  async function control(id, action, button) {
    const card = cards.get(id);
    if (action === "CANCEL" && !window.confirm("Cancel campaign #" + id + "? Its remaining numbers will not be dialed.")) {
      return;
    }
    button.disabled = true;
    try {
      await call(ACTION, {action: action, id: id});
      card.error.textContent = "";
    } catch (e) {
      if (e instanceof Refused) {
        showLogin("The key was refused (revoked?): " + e.message);
        return;
      }
      card.error.textContent = action + " refused: " + e.message;
    } finally {
      button.disabled = false;
    }
    refresh();
  }

  // ---- chart

  function renderChart(tasks, overview) {
    if (typeof uPlot === "undefined") return;
    const xs = overview.chart.minuteEnds;
    const withCalls = tasks.filter((t) => (overview.campaigns[String(t.id)] || {}).endedLastHour > 0);
    const total = xs.map((_, i) => withCalls.reduce((sum, t) => sum + overview.campaigns[String(t.id)].perMinute[i], 0));
    const data = [xs, total, ...withCalls.map((t) => overview.campaigns[String(t.id)].perMinute)];
    const names = withCalls.map((t) => "#" + t.id + " " + t.name).join("\n");
    const width = Math.max(300, $("chart").clientWidth || 800);
    if (!chart || names !== chartSeries) {
      if (chart) chart.destroy();
      chartSeries = names;
      const palette = ["#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed", "#0891b2"];
      chart = new uPlot({
        width: width,
        height: 220,
        scales: {y: {range: (u, min, max) => [0, Math.max(5, max * 1.1)]}},
        series: [
          {},
          {label: "all campaigns", stroke: "#111827", width: 2},
          ...withCalls.map((t, i) => ({label: "#" + t.id + " " + t.name, stroke: palette[i % palette.length]})),
        ],
        axes: [{}, {label: "calls / min"}],
      }, data, $("chart"));
    } else {
      chart.setData(data);
      if (Math.abs(chart.width - width) > 20) chart.setSize({width: width, height: 220});
    }
  }

  // ---- tables

  function row(cells) {
    const tr = el("tr");
    for (const cell of cells) {
      tr.appendChild(el("td", null, cell === null || cell === undefined ? "" : cell));
    }
    return tr;
  }

  function renderTrunks(trunks) {
    $("trunks").tBodies[0].replaceChildren(...trunks.map((t) => {
      const use = t.maxCalls ? Math.round(100 * t.callsInFlight / t.maxCalls) + " % of " + t.maxCalls : "";
      const tr = row([t.name, t.status + (t.downSince ? " since " + new Date(t.downSince).toLocaleTimeString() : ""),
        t.callsInFlight, use, t.maxCps]);
      tr.className = "trunk-" + t.status.toLowerCase();
      return tr;
    }));
  }

  function renderOperators(lines, now) {
    $("operators").tBodies[0].replaceChildren(...lines.map((o) => row([o.number, o.state,
      o.sinceMillis == null ? "" : duration((now - o.sinceMillis) / 1000), o.talks, duration(o.talkSeconds)])));
    $("no-operators").hidden = lines.length > 0;
  }

  function renderCalls(calls) {
    $("recent-calls").tBodies[0].replaceChildren(...calls.map((c) => row([new Date(c.endedAt).toLocaleTimeString(),
      "#" + c.campaignId + " " + c.campaign, c.phone, c.state, c.sipCode, c.secondsTalk == null ? "" : c.secondsTalk + " s",
      c.hangupBy, c.operatorNumber])));
  }

  function millis(ms) {
    return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(1) + " s";
  }

  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = String(s % 60).padStart(2, "0");
    return h > 0 ? h + ":" + String(m).padStart(2, "0") + ":" + rest : m + ":" + rest;
  }

  // ---- start

  document.addEventListener("DOMContentLoaded", () => {
    $("login-form").addEventListener("submit", logIn);
    $("logout").addEventListener("click", () => showLogin("Logged out."));
    if (key()) {
      showBoard();
    } else {
      showLogin("");
    }
  });
})();
