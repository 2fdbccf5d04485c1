/* widgets.js: the widgets of the Kervi dashboard, one per link type.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each factory takes (link, ctx) and returns {el, update()}. ctx gives
 * value(id), action(id), history(id), set(valueId, data), call(actionId,
 * args). The app calls update() when a value or action the widget shows
 * changes. Link types and options: data/dashboard-protocol.md.
 */
"use strict";

const KerviWidgets = (() => {
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) el.append(c);
    return el;
  }

  function formatNumber(v, decimals) {
    if (typeof v !== "number" || !isFinite(v)) return "–";
    if (decimals !== undefined) return v.toFixed(decimals);
    if (Number.isInteger(v)) return String(v);
    return v.toFixed(Math.abs(v) < 10 ? 2 : 1);
  }

  function formatValue(value, options) {
    if (!value || value.value === null || value.value === undefined) return "–";
    if (value.type === "number") return formatNumber(value.value, options.decimals);
    if (value.type === "boolean") return value.value ? "On" : "Off";
    if (value.type === "date-time" && value.value) {
      const d = new Date(value.value);
      return isNaN(d) ? value.value : d.toLocaleString();
    }
    return String(value.value);
  }

  function labelOf(link, ctx) {
    const o = link.options || {};
    if (o.label) return o.label;
    if (link.value) { const v = ctx.value(link.value); return v ? v.name : link.value; }
    if (link.action) return link.action.split(".").pop().replace(/_/g, " ");
    return "";
  }

  /* Greys out widgets whose value is offline (its process is gone). */
  function markOnline(el, record, ctx) {
    const online = !!record && record.online !== false;
    const component = record && ctx.component(record.component);
    const unavailable = online && component && component.available === false;
    el.classList.toggle("offline", !online);
    el.classList.toggle("unavailable", !!unavailable);
    el.title = !online ? "Offline: its module is not running" :
      unavailable ? (component.status || "Unavailable") : "";
  }

  function frame(link, ctx, body, extraClass) {
    return h("div", { class: "widget widget-" + link.type + (extraClass ? " " + extraClass : ""),
                      "data-link": link.value || link.action },
             h("div", { class: "widget-label" }, labelOf(link, ctx)), body);
  }

  /* value: any value; inputs get an editor fitting their type. */
  function valueWidget(link, ctx) {
    const o = link.options || {};
    const v0 = ctx.value(link.value);
    const out = h("span", { class: "value-text" });
    const unit = h("span", { class: "value-unit" }, v0 && v0.unit ? v0.unit : "");
    let editor = null;
    if (v0 && v0.input) {
      const send = (data) => ctx.set(link.value, data);
      if (v0.type === "boolean") {
        editor = h("input", { type: "checkbox", class: "value-edit",
                              onchange: (e) => send(e.target.checked) });
      } else if (v0.type === "enum") {
        editor = h("select", { class: "value-edit", onchange: (e) => send(e.target.value) },
                   ...(v0.options || []).map((k) => h("option", { value: k }, k)));
      } else if (v0.type === "number") {
        editor = h("input", { type: "number", class: "value-edit", step: "any",
                              min: v0.min < v0.max ? v0.min : null,
                              max: v0.min < v0.max ? v0.max : null,
                              onchange: (e) => { const n = parseFloat(e.target.value);
                                                 if (!isNaN(n)) send(n); } });
      } else {
        editor = h("input", { type: v0.type === "color" ? "color" : "text", class: "value-edit",
                              onchange: (e) => send(e.target.value) });
      }
    }
    const el = frame(link, ctx, h("div", { class: "value-line" }, editor ? editor : out,
                                  editor ? null : unit));
    return {
      el,
      update() {
        const v = ctx.value(link.value);
        markOnline(el, v, ctx);
        if (!editor) { out.textContent = formatValue(v, o); return; }
        if (document.activeElement === editor || !v) return;
        if (editor.type === "checkbox") editor.checked = !!v.value;
        else if (v.type === "number" && typeof v.value === "number")
          editor.value = formatNumber(v.value, o.decimals);
        else if (v.value !== null) editor.value = v.value;
      },
    };
  }

  function textWidget(link, ctx) {
    const out = h("span", { class: "text-value" });
    const el = frame(link, ctx, out);
    return { el, update() { const v = ctx.value(link.value); markOnline(el, v, ctx);
                            out.textContent = formatValue(v, {}); } };
  }

  /* gauge: a half circle from min to max. */
  function gaugeWidget(link, ctx) {
    const o = link.options || {};
    const v0 = ctx.value(link.value) || {};
    const min = o.min !== undefined ? o.min : v0.min;
    const max = o.max !== undefined ? o.max : (v0.max > min ? v0.max : min + 100);
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 120 70");
    svg.setAttribute("class", "gauge");
    const arc = (cls) => { const p = document.createElementNS(ns, "path");
                           p.setAttribute("d", "M10 62 A50 50 0 0 1 110 62");
                           p.setAttribute("pathLength", "100"); p.setAttribute("class", cls);
                           svg.append(p); return p; };
    arc("gauge-track");
    const bar = arc("gauge-bar");
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", "60"); text.setAttribute("y", "58"); text.setAttribute("class", "gauge-text");
    svg.append(text);
    const el = frame(link, ctx, svg);
    return {
      el,
      update() {
        const v = ctx.value(link.value);
        markOnline(el, v, ctx);
        const n = v && typeof v.value === "number" ? v.value : null;
        const f = n === null ? 0 : Math.min(1, Math.max(0, (n - min) / (max - min)));
        bar.setAttribute("stroke-dasharray", (f * 100).toFixed(1) + " 100");
        bar.style.opacity = f > 0 ? 1 : 0; /* a round cap would show a dot at 0 */
        text.textContent = n === null ? "–" : formatNumber(n, o.decimals) + (v.unit ? " " + v.unit : "");
      },
    };
  }

  /* chart: a Chart.js line of the recent past (option history, seconds). */
  function chartWidget(link, ctx) {
    const o = link.options || {};
    const span = (o.history || 300) * 1000;
    const canvas = h("canvas", { "aria-label": labelOf(link, ctx) + " chart" });
    const now = h("span", { class: "chart-now" });
    const el = frame(link, ctx, h("div", { class: "chart-box" }, canvas), "wide");
    el.querySelector(".widget-label").append(" ", now);
    let chart = null;
    let pending = false;
    const data = [];
    const v0 = ctx.value(link.value);
    for (const [t, y] of ctx.history(link.value)) data.push({ x: t, y });
    if (window.Chart) {
      const css = getComputedStyle(document.documentElement);
      const color = css.getPropertyValue("--accent").trim() || "#1f6feb";
      const grid = css.getPropertyValue("--grid").trim() || "rgba(128,128,128,.2)";
      const ink = css.getPropertyValue("--muted").trim() || "#888";
      chart = new window.Chart(canvas, {
        type: "line",
        data: { datasets: [{ data, borderColor: color, backgroundColor: color + "22", fill: true,
                             pointRadius: 0, borderWidth: 2, tension: 0.25 }] },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
          plugins: { legend: { display: false }, tooltip: { enabled: false } },
          scales: {
            x: { type: "linear", grid: { color: grid },
                 ticks: { color: ink, maxTicksLimit: 4, maxRotation: 0,
                          callback: (t) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit",
                                                                                second: "2-digit", hour12: false }) } },
            y: { grid: { color: grid }, ticks: { color: ink, maxTicksLimit: 5 },
                 suggestedMin: o.min !== undefined ? o.min : (v0 && v0.min < v0.max ? v0.min : undefined),
                 suggestedMax: o.max !== undefined ? o.max : (v0 && v0.min < v0.max ? v0.max : undefined) },
          },
        },
      });
    } else {
      canvas.replaceWith(h("p", { class: "muted" }, "Charts need Chart.js (libjs-chart.js)."));
    }
    let lastTs = data.length ? data[data.length - 1].x : 0;
    return {
      el,
      update() {
        const v = ctx.value(link.value);
        markOnline(el, v, ctx);
        now.textContent = v ? formatValue(v, o) + (v.unit ? " " + v.unit : "") : "";
        if (!v || typeof v.value !== "number" || v.timestamp <= lastTs) return;
        lastTs = v.timestamp;
        data.push({ x: v.timestamp, y: v.value });
        const cut = Date.now() - span;
        while (data.length > 2 && data[0].x < cut) data.shift();
        if (chart) {
          chart.options.scales.x.min = Math.max(data[0].x, lastTs - span);
          chart.options.scales.x.max = lastTs;
        }
        if (chart && !pending) {
          pending = true;
          requestAnimationFrame(() => { pending = false; chart.update("none"); });
        }
      },
    };
  }

  function actionBadge(link, ctx) {
    const badge = h("span", { class: "action-state" });
    return {
      badge,
      update() {
        const a = ctx.action(link.action);
        const state = a ? a.state : "";
        badge.dataset.state = state;
        badge.textContent = state === "running" ? "running…" : state === "failed" ? "failed" : "";
        badge.title = a && a.message ? a.message : "";
      },
    };
  }

  /* switch: a boolean input, or an action that takes one boolean. */
  function switchWidget(link, ctx) {
    const o = link.options || {};
    const input = h("input", { type: "checkbox", role: "switch", class: "switch-input" });
    const text = h("span", { class: "switch-text" });
    const state = link.action ? actionBadge(link, ctx) : null;
    const body = h("label", { class: "switch" }, input, h("span", { class: "switch-track" }), text,
                   state ? state.badge : null);
    const el = frame(link, ctx, body);
    input.addEventListener("change", () => {
      const on = input.checked;
      text.textContent = on ? (o.on_text || "On") : (o.off_text || "Off");
      if (link.action) ctx.call(link.action, [on]).catch(() => self.update());
      else ctx.set(link.value, on).catch(() => self.update());
    });
    const self = {
      el,
      update() {
        let on = null;
        let record = null;
        if (link.action) {
          record = ctx.action(link.action);
          const shown = o.value ? ctx.value(o.value) : null;
          on = shown ? shown.value : record ? record.switch : null;
          state.update();
        } else {
          record = ctx.value(link.value);
          on = record ? record.value : null;
        }
        markOnline(el, record, ctx);
        input.checked = on === true;
        input.indeterminate = on === null || on === undefined;
        text.textContent = on === true ? (o.on_text || "On") : on === false ? (o.off_text || "Off") : "–";
      },
    };
    return self;
  }

  /* button: calls an action with option args; on a boolean input it holds
   * the input true while pressed. */
  function buttonWidget(link, ctx) {
    const o = link.options || {};
    const button = h("button", { type: "button", class: "button" }, o.label || labelOf(link, ctx));
    const state = link.action ? actionBadge(link, ctx) : null;
    const el = h("div", { class: "widget widget-button", "data-link": link.value || link.action },
                 button, state ? state.badge : null);
    if (link.action) {
      button.addEventListener("click", () => ctx.call(link.action, o.args || []).catch(() => {}));
    } else {
      const press = (on) => (e) => { e.preventDefault(); ctx.set(link.value, on).catch(() => {}); };
      button.addEventListener("pointerdown", press(true));
      button.addEventListener("pointerup", press(false));
      button.addEventListener("pointercancel", press(false));
      button.addEventListener("keydown", (e) => { if (e.key === " " || e.key === "Enter") press(true)(e); });
      button.addEventListener("keyup", (e) => { if (e.key === " " || e.key === "Enter") press(false)(e); });
    }
    return {
      el,
      update() {
        const record = link.action ? ctx.action(link.action) : ctx.value(link.value);
        markOnline(el, record, ctx);
        if (state) state.update();
        else button.classList.toggle("pressed", !!(record && record.value));
      },
    };
  }

  /* slider: a number input between min and max. */
  function sliderWidget(link, ctx) {
    const o = link.options || {};
    const v0 = ctx.value(link.value) || {};
    const min = o.min !== undefined ? o.min : v0.min;
    const max = o.max !== undefined ? o.max : (v0.max > min ? v0.max : min + 100);
    const input = h("input", { type: "range", class: "slider", min, max, step: o.step || "any" });
    const out = h("output", { class: "slider-value" });
    const el = frame(link, ctx, h("div", { class: "slider-line" }, input, out));
    let dragging = false;
    input.addEventListener("input", () => { dragging = true; out.textContent = formatNumber(parseFloat(input.value)); });
    input.addEventListener("change", () => {
      dragging = false;
      ctx.set(link.value, parseFloat(input.value)).catch(() => {});
    });
    return {
      el,
      update() {
        const v = ctx.value(link.value);
        markOnline(el, v, ctx);
        if (dragging || !v || typeof v.value !== "number") return;
        input.value = v.value;
        out.textContent = formatNumber(v.value) + (v.unit ? " " + v.unit : "");
      },
    };
  }

  const factories = { value: valueWidget, text: textWidget, gauge: gaugeWidget, chart: chartWidget,
                      switch: switchWidget, button: buttonWidget, slider: sliderWidget };

  return {
    h,
    create(link, ctx) {
      const make = factories[link.type] || valueWidget;
      return make(link, ctx);
    },
  };
})();
