// Tender Game: the projector page (the trainer's key in its address): the countdown, who has
// handed in, the announcements, and the leaderboard only when the trainer shows it.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const key = params.get("key") || "";
  const lang = params.get("lang") || document.body.dataset.lang || "en";
  let state = null, offset = 0, best = Infinity, backoff = 500, ws = null;

  function h(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function mmss(s) { const neg = s < 0; s = Math.abs(Math.round(s)); return (neg ? "-" : "") + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"); }

  function connect() {
    ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/projector");
    ws.onopen = () => { backoff = 500; ws.send(JSON.stringify({ t: "hello", key, lang })); ws.send(JSON.stringify({ t: "time", c: Date.now() })); };
    ws.onmessage = (ev) => {
      const m = JSON.parse(ev.data);
      if (m.t === "projector") { state = m; render(); }
      else if (m.t === "time") { const now = Date.now(), rtt = now - m.c; if (rtt <= best) { best = rtt; offset = m.s + rtt / 2 - now; } }
      else if (m.t === "refused" && m.fatal) { document.body.textContent = m.msg; ws.onclose = null; }
    };
    ws.onclose = () => { setTimeout(connect, backoff); backoff = Math.min(backoff * 2, 4000); };
  }
  function tick() {
    if (!state) return;
    const c = state.clock, el = $("pj-clock");
    el.className = "pj-clock";
    if (c.phase !== "open" || !c.timed) { el.textContent = ""; return; }
    const left = c.running && c.ends != null ? (c.ends - (Date.now() + offset)) / 1000 : c.remaining;
    el.textContent = mmss(left);
    if (!c.running) el.classList.add("paused"); else if (left < 0) el.classList.add("over"); else if (left <= 60) el.classList.add("last");
  }
  function render() {
    const s = state, ui = s.ui;
    $("pj-round").textContent = s.clock.round_text + " · " + s.phase_text;
    $("pj-teams").replaceChildren(...s.teams.map((t) => {
      const li = h("li", t.in ? "in" : "out", (t.in ? "✔ " : "… ") + t.name);
      li.append(h("span", "out", "  " + (t.in ? ui.handed_in : ui.not_yet) + " · " + t.online + " " + ui.devices));
      return li;
    }));
    $("pj-news").replaceChildren(...s.news.slice().reverse().map((n) => h("li", "", n.text)));
    const board = $("pj-board");
    board.hidden = !s.board;
    document.body.classList.toggle("board", !!s.board);
    if (s.board) {
      const head = h("tr");
      for (const k of ["rank", "team", "actual", "expected", "win", "score"]) head.append(h("th", "", ui[k]));
      $("pj-table").replaceChildren(head, ...s.board.map((r) => {
        const tr = h("tr");
        for (const k of ["rank", "team", "actual", "expected", "win", "score"]) tr.append(h("td", "", String(r[k])));
        return tr;
      }));
    }
    tick();
  }
  setInterval(tick, 250);
  connect();
})();
