/* app.js: the Kervi dashboard page: WebSocket, state, layout.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Protocol: data/dashboard-protocol.md. The page keeps the last snapshot,
 * applies "values", "action" and "module" messages to it, and rebuilds the
 * layout only when a new snapshot changes it.
 */
"use strict";

(() => {
  const { h } = KerviWidgets;
  const $ = (id) => document.getElementById(id);

  /* The dashboard named in the address; a malformed one (#%zz) is none. */
  function hashId() {
    try {
      return decodeURIComponent(location.hash.slice(1)) || null;
    } catch (e) {
      return null;
    }
  }

  const state = {
    snapshot: null,
    values: new Map(),
    actions: new Map(),
    components: new Map(),
    modules: new Map(),
    history: {},
    layoutKey: "",
    widgets: new Map(), /* value or action id -> [widget] */
    current: hashId(),
  };

  /* Connection, with back-off */

  let ws = null;
  let nextId = 1;
  let retryDelay = 500;
  const pending = new Map(); /* request id -> {resolve, reject} */

  function setConnection(kind, label) {
    const el = $("connection");
    el.dataset.state = kind;
    el.querySelector(".label").textContent = label;
  }

  function connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    setConnection("connecting", "Connecting…");
    ws = new WebSocket(url);
    ws.onopen = () => { retryDelay = 500; setConnection("live", "Live"); };
    ws.onmessage = (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch (err) { console.warn("Bad message", err); return; }
      handle(msg);
    };
    ws.onclose = () => {
      for (const p of pending.values()) p.reject(new Error("Connection lost"));
      pending.clear();
      const delay = retryDelay;
      retryDelay = Math.min(retryDelay * 2, 10000);
      setConnection("offline", "Offline, retrying in " + Math.ceil(delay / 1000) + " s");
      setTimeout(connect, delay * (0.8 + Math.random() * 0.4));
    };
  }

  function request(msg) {
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      toast("Not connected");
      return Promise.reject(new Error("Not connected"));
    }
    const id = nextId++;
    ws.send(JSON.stringify(Object.assign({ id }, msg)));
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  }

  let toastTimer = 0;
  function toast(text) {
    const el = $("toast");
    el.textContent = text;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, 5000);
  }

  /* Messages */

  function handle(msg) {
    switch (msg.type) {
      case "snapshot": applySnapshot(msg); break;
      case "values":
        for (const c of msg.changes) {
          const v = state.values.get(c.id);
          if (!v) continue;
          v.value = c.value;
          v.timestamp = c.timestamp;
          refresh(c.id);
        }
        break;
      case "action": {
        const a = msg.action;
        state.actions.set(a.id, a);
        refresh(a.id);
        break;
      }
      case "module":
        state.modules.set(msg.module.id, msg.module);
        renderModules();
        break;
      case "result":
      case "error": {
        const p = pending.get(msg.id);
        if (msg.type === "error") {
          console.warn("Dashboard error", msg);
          toast(msg.message);
        }
        if (!p) break;
        pending.delete(msg.id);
        if (msg.type === "error") p.reject(new Error(msg.message)); else p.resolve(msg.result);
        break;
      }
      default:
        console.warn("Unknown message", msg.type);
    }
  }

  function applySnapshot(s) {
    state.snapshot = s;
    state.values = new Map(s.values.map((v) => [v.id, v]));
    state.actions = new Map(s.actions.map((a) => [a.id, a]));
    state.components = new Map(s.components.map((c) => [c.id, c]));
    state.modules = new Map(s.modules.map((m) => [m.id, m]));
    state.history = s.history || {};
    $("app-name").textContent = s.app.name || "Kervi";
    document.title = s.app.name || "Kervi";
    /* The layout depends on dashboards, links and the static facts of
     * values; values and online states are updated in place. */
    const key = JSON.stringify([s.dashboards, s.links,
      s.values.map((v) => [v.id, v.type, v.input, v.unit, v.min, v.max, v.options]),
      s.actions.map((a) => [a.id, a.signature])]);
    if (key !== state.layoutKey) {
      state.layoutKey = key;
      render();
    } else {
      for (const id of state.widgets.keys()) refresh(id);
    }
    renderModules();
  }

  function refresh(id) {
    for (const w of state.widgets.get(id) || []) w.update();
  }

  const ctx = {
    value: (id) => state.values.get(id),
    action: (id) => state.actions.get(id),
    component: (id) => state.components.get(id),
    history: (id) => state.history[id] || [],
    set: (value, data) => request({ type: "set", value, data }),
    call: (action, args) => request({ type: "call", action, args }),
  };

  /* Layout: dashboards -> panels -> widgets */

  function dashboards(s) {
    const declared = s.dashboards.map((d) => ({ id: d.id, name: d.name || d.id,
                                                isDefault: d.is_default, panels: d.panels.slice() }));
    const boards = new Map(declared.map((d) => [d.id, d]));
    const def = declared.find((d) => d.isDefault) || declared[0] || null;
    const all = { id: "", name: "Dashboard", panels: [], links: [] };
    for (const d of boards.values()) d.links = [];
    for (const link of s.links) {
      if (link.dashboard === "*" && link.panel === "header") continue;
      if (declared.length === 0) { all.links.push(link); continue; }
      if (link.dashboard === "*") { for (const d of boards.values()) d.links.push(link); continue; }
      let board = link.dashboard === "" ? def : boards.get(link.dashboard);
      if (!board) {
        board = { id: link.dashboard, name: link.dashboard, panels: [], links: [] };
        boards.set(board.id, board);
      }
      board.links.push(link);
    }
    return declared.length === 0 ? [all] : Array.from(boards.values());
  }

  function panelsOf(board) {
    const panels = board.panels.map((p) => ({ id: p.id, title: p.title || p.id, width: p.width || 0, links: [] }));
    const byId = new Map(panels.map((p) => [p.id, p]));
    for (const link of board.links) {
      let p = byId.get(link.panel);
      if (!p) {
        p = { id: link.panel, title: link.panel, width: 0, links: [] };
        byId.set(p.id, p);
        if (link.panel === "") panels.unshift(p); else panels.push(p);
      }
      p.links.push(link);
    }
    return panels.filter((p) => p.links.length > 0 || board.panels.some((q) => q.id === p.id));
  }

  function addWidget(link, parent) {
    const w = KerviWidgets.create(link, ctx);
    parent.append(w.el);
    const ids = [link.value, link.action, link.options && link.options.value].filter(Boolean);
    for (const id of ids) {
      if (!state.widgets.has(id)) state.widgets.set(id, []);
      state.widgets.get(id).push(w);
    }
    w.update();
  }

  function render() {
    const s = state.snapshot;
    state.widgets = new Map();

    const header = $("header-widgets");
    header.replaceChildren();
    for (const link of s.links)
      if (link.dashboard === "*" && link.panel === "header") addWidget(link, header);

    const boards = dashboards(s);
    if (!boards.some((b) => b.id === state.current)) {
      const def = boards.find((b) => b.isDefault) || boards[0];
      state.current = def ? def.id : null;
    }
    const tabs = $("tabs");
    tabs.replaceChildren(...boards.map((b) => h("a", {
      href: "#" + encodeURIComponent(b.id), class: "tab",
      "aria-current": b.id === state.current ? "page" : null,
      onclick: (e) => { e.preventDefault(); select(b.id); } }, b.name)));
    tabs.hidden = boards.length < 2;

    const main = $("dashboard");
    main.replaceChildren();
    const board = boards.find((b) => b.id === state.current);
    const panels = board ? panelsOf(board) : [];
    if (panels.length === 0) {
      main.append(h("p", { class: "empty" }, "Nothing is linked to this dashboard yet."));
      return;
    }
    for (const p of panels) {
      const body = h("div", { class: "panel-body" });
      const panel = h("section", { class: "panel", "data-panel": p.id },
                      p.title ? h("h2", { class: "panel-title" }, p.title) : null, body);
      if (p.width > 0) panel.style.setProperty("--panel-width", p.width + "%");
      else panel.classList.add("auto");
      for (const link of p.links) addWidget(link, body);
      main.append(panel);
    }
  }

  function select(id) {
    state.current = id;
    history.replaceState(null, "", "#" + encodeURIComponent(id));
    render();
  }

  function renderModules() {
    const list = $("modules");
    const modules = Array.from(state.modules.values()).sort((a, b) => a.id.localeCompare(b.id));
    list.replaceChildren(...modules.map((m) => h("li", { class: "module", "data-module": m.id,
                                                         "data-state": m.state, title: m.message || "" },
      h("span", { class: "module-dot", "aria-hidden": "true" }),
      h("span", { class: "module-name" }, m.id),
      h("span", { class: "module-state" }, m.state))));
    list.closest("section").hidden = modules.length === 0;
  }

  window.addEventListener("hashchange", () => {
    const id = hashId();
    if (state.snapshot && id !== state.current) select(id);
  });

  connect();
})();
