// The wallboard: one EventSource on /events; every message carries the whole view, so the page
// only renders the newest one. EventSource reconnects by itself after the box restarts; the page
// shows "reconnecting" meanwhile and "stale data" once nothing arrived for StaleAfterSeconds.
"use strict";
(function () {
  const DASH = "\u2014";
  let staleAfter = 10;
  let lastMessage = Date.now();
  let view = null;
  let ackAlertId = null;
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else if (k.startsWith("data-")) node.setAttribute(k, v); else node[k] = v;
    }
    for (const child of children) node.append(child);
    return node;
  }

  const num = (v, digits) => (v === null || v === undefined) ? DASH : Number(v).toFixed(digits || 0);
  const pct = (v) => (v === null || v === undefined) ? DASH : Number(v).toFixed(0) + "%";
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return DASH;
    const s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

  function figure(label, value, key) {
    return el("div", { class: "figure", "data-figure": key }, el("div", { class: "value" }, value), el("div", { class: "label" }, label));
  }

  function renderQueues(v) {
    const box = $("queues");
    box.replaceChildren(...v.queues.map((q) => el("div", { class: "queue", "data-queue": q.name, "data-light": q.light || "none" },
      el("h3", {}, q.name),
      el("div", { class: "figures" },
        figure("calls waiting", num(q.callsWaiting), "waiting"),
        figure("longest wait", duration(q.longestWaitSeconds), "longest-wait"),
        figure("agents available", num(q.agentsAvailable), "available"),
        figure("service level", pct(q.serviceLevelPercent), "service-level"),
        figure("abandon rate", pct(q.abandonRatePercent), "abandon-rate")))));
  }

  function renderAgents(v) {
    $("no-agents").hidden = v.agents.length > 0;
    $("agents").replaceChildren(...v.agents.map((a) => el("div", { class: "agent", "data-agent": a.agentId, "data-light": a.light, "data-state": a.state },
      el("div", { class: "id" }, a.agentId),
      el("div", { class: "state" }, a.light === "off" ? a.state : a.state + " \u00b7 " + a.light),
      el("div", { class: "reason" }, a.reason))));
  }

  // The wallboard host's other boxes: one block each, with a status word as well as a colour
  // (LIVE, STALE and the snapshot's age, OFFLINE) and its agents as they were last heard.
  function renderSite(v) {
    const site = v.site;
    $("site").hidden = !site;
    $("agents-title").textContent = site ? "Agents \u00b7 " + site.device + " (this box)" : "Agents";
    if (!site) return;
    $("site-connection").hidden = site.connected;
    $("parts").replaceChildren(...site.parts.map((p) => {
      const word = p.status === "live" ? "LIVE" : p.status === "offline" ? "OFFLINE" : "STALE";
      const age = p.ageSeconds === null || p.ageSeconds === undefined ? "no floor yet" : "updated " + duration(p.ageSeconds) + " ago";
      const head = el("h2", { class: "part-head" }, "Agents \u00b7 " + p.device + " ",
        el("span", { class: "part-status", "data-part-status": p.status }, word), " ", el("span", { class: "dim" }, age));
      const queues = el("div", { class: "part-queues" }, ...p.queues.map((q) => el("span", { class: "part-queue", "data-queue": q.name },
        q.name + ": " + num(q.callsWaiting) + " waiting, longest " + duration(q.longestWaitSeconds))));
      const agents = el("div", { class: "agent-grid" }, ...p.agents.map((a) => el("div", { class: "agent", "data-agent": a.agentId, "data-device": p.device, "data-light": a.light, "data-state": a.state },
        el("div", { class: "id" }, a.agentId),
        el("div", { class: "state" }, a.light === "off" ? a.state : a.state + " \u00b7 " + a.light),
        el("div", { class: "reason" }, a.activeAlerts > 0 ? a.activeAlerts + " open alert" + (a.activeAlerts > 1 ? "s" : "") : ""))));
      return el("div", { class: "part", "data-device": p.device, "data-part-status": p.status }, head, queues, agents);
    }));
  }

  function renderAlerts(v) {
    $("alerts").replaceChildren(...v.alerts.slice(0, 8).map((a) => {
      const done = a.acknowledgedAt !== null && a.acknowledgedAt !== undefined;
      const item = el("li", { class: "alert" + (done ? " acknowledged" : ""), "data-alert": a.alertId, "data-agent": a.agentId },
        el("span", {}, time(a.raisedAt)), el("span", { class: "text" }, (a.device ? "[" + a.device + "] " : "") + (a.agentId ? a.agentId + ": " : "") + a.text));
      if (done) item.append(el("span", { class: "acked" }, "acknowledged by " + a.acknowledgedBy));
      else if (v.canAcknowledge && !a.device) {
        const button = el("button", { type: "button", class: "ack" }, "Acknowledge");
        button.addEventListener("click", () => openAck(a));
        item.append(button);
      }
      return item;
    }));
    $("feed").replaceChildren(...v.feed.slice(0, 15).map((f) => el("li", { "data-kind": f.kind },
      el("span", { class: "kind" }, f.kind === "detection" ? f.category : f.kind), " ", time(f.at), " ", f.agentId, " ", f.text)));
  }

  function renderTrends(v) {
    const box = $("trends");
    if (v.trends.length === 0) { box.replaceChildren(el("p", { class: "empty" }, "No detections in the last hour.")); return; }
    box.replaceChildren(...v.trends.map((t) => {
      const max = Math.max(1, ...t.counts);
      const bars = el("div", { class: "bars", title: t.category + " per minute" },
        ...t.counts.map((c, i) => el("span", { class: t.spikes[i] ? "spike" : "", style: "height:" + (100 * c / max) + "%" })));
      const name = el("div", { class: "name" }, t.category);
      if (t.spikes.some((s) => s)) name.append(" ", el("span", { class: "spike-mark" }, "\u25b2 spike"));
      return el("div", { class: "trend", "data-category": t.category }, name, bars, el("div", { class: "total" }, String(t.total)));
    }));
  }

  function renderHealth(v) {
    $("health").replaceChildren(...v.health.map((h) => el("li", { "data-component": h.name, "data-status": h.status },
      el("span", { class: "status" }, h.name + " " + h.status), h.detail)));
  }

  function render(v) {
    view = v;
    staleAfter = v.staleAfterSeconds;
    renderQueues(v); renderAgents(v); renderSite(v); renderAlerts(v); renderTrends(v); renderHealth(v);
  }

  function setConnection(state, text) {
    document.body.dataset.connection = state;
    $("connection").textContent = text;
  }

  function checkStale() {
    const age = (Date.now() - lastMessage) / 1000;
    const stale = age >= staleAfter;
    document.body.classList.toggle("stale", stale);
    $("stale-banner").hidden = !stale;
    $("stale-seconds").textContent = String(Math.floor(age));
    $("clock").textContent = new Date().toLocaleTimeString([], { hour12: false });
  }

  function openAck(alert) {
    ackAlertId = alert.alertId;
    $("ack-text").textContent = alert.agentId + ": " + alert.text;
    $("ack-error").textContent = "";
    $("ack-pin").value = "";
    $("ack-dialog").showModal();
    $("ack-pin").focus();
  }

  async function submitAck(event) {
    event.preventDefault();
    // A refusal shown from the last try would read as this try's answer until the server replies.
    $("ack-error").textContent = "";
    const response = await fetch("/api/alerts/" + encodeURIComponent(ackAlertId) + "/acknowledge", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pin: $("ack-pin").value, by: $("ack-by").value }),
    });
    if (response.ok) { $("ack-dialog").close(); return; }
    let why = "refused (" + response.status + ")";
    try { why = (await response.json()).error || why; } catch (e) { /* keep the status */ }
    $("ack-error").textContent = why;
    $("ack-pin").value = "";
  }

  function connect() {
    const source = new EventSource("/events");
    source.addEventListener("open", () => setConnection("live", "live"));
    source.addEventListener("floor", (event) => {
      lastMessage = Date.now();
      setConnection("live", "live");
      render(JSON.parse(event.data));
      checkStale();
    });
    source.addEventListener("error", () => {
      // EventSource retries by itself while readyState is CONNECTING; CLOSED means the server refused, so start over.
      setConnection("reconnecting", "reconnecting…");
      if (source.readyState === EventSource.CLOSED) { source.close(); setTimeout(connect, 2000); }
    });
  }

  $("ack-form").addEventListener("submit", submitAck);
  $("ack-cancel").addEventListener("click", () => $("ack-dialog").close());
  setInterval(checkStale, 500);
  connect();
  window.edgeccWallboard = { get view() { return view; } };
})();
