// Tender Game: a team's page in a served session.
// The server sends the whole state of the team's page ("state") whenever it changes; this script
// only draws it and sends requests. Every request that changes something has an id made here
// ("cid") and stays in an outbox (kept in localStorage) until the server answers it, so a request
// whose answer was lost (a dropped connection, a laptop that restarted) is sent again and the
// server, which remembers the ids it has applied, does it once.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let UI = JSON.parse($("ui").textContent);
  const store = window.localStorage;
  const token = store.getItem("tg.token");
  if (!token) { location.replace("/"); return; }
  let lang = new URLSearchParams(location.search).get("lang") || store.getItem("tg.lang") || document.body.dataset.lang || "en";

  let ws = null;
  let state = null;
  let me = null;
  let actions = [];
  let tab = store.getItem("tg.tab") || "people";
  let offset = 0;            // server clock - this device's clock (ms)
  let bestRtt = Infinity;
  let backoff = 500;
  let sheetPerson = null;
  let previewTimer = null;
  let lastEdit = Number(store.getItem("tg.edit") || 0);
  let seenNews = new Set(JSON.parse(store.getItem("tg.news") || "[]"));
  let debrief = null;
  let pendingBid = null;
  let roleList = [];         // the roles a member may take (id, name, short, what)
  let rolesDirty = false;    // the member is changing its roles on the Team tab
  let reviewPick = {};       // teammate id -> 1..5, as picked on the award tab
  const outbox = new Map(JSON.parse(store.getItem("tg.outbox") || "[]"));

  // -- little helpers ---------------------------------------------------------------------------
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid == null || kid === false) continue;
      el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return el;
  }
  function fill(el, ...kids) {
    el.replaceChildren(...kids.flat(Infinity).filter((k) => k != null && k !== false));
  }
  function cid() {
    const a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.from(a, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function saveOutbox() { store.setItem("tg.outbox", JSON.stringify([...outbox])); }
  function toast(text, bad) {
    const t = h("div", { class: "toast" + (bad ? " bad" : ""), text });
    const box = $("toasts");
    while (box.children.length >= 3) box.firstElementChild.remove();  // the latest few, not a wall
    box.append(t);
    setTimeout(() => t.remove(), bad ? 6000 : 3500);
  }
  // -- this member's roles (the state is the team's; what this member may do is read from it) -----------
  function mine() { return state && me ? state.team.members.find((m) => m.id === me.id) || null : null; }
  function acts() { const m = mine(); return new Set(m ? m.acts : []); }
  function actsAny(roles) { const a = acts(); return roles.some((r) => a.has(r)); }
  function badges(ids, labels) {
    return ids.map((r, k) => h("span", { class: "rb rb-" + r, text: labels[k] }));
  }
  function say(template, kw) {
    return template.replace(/\{(\w+)\}/g, (all, k) => (k in kw ? String(kw[k]) : all));
  }
  function applyUi() {
    for (const el of document.querySelectorAll("[data-ui]")) if (UI[el.dataset.ui]) el.textContent = UI[el.dataset.ui];
  }

  function send(msg) {
    if (ws && ws.readyState === 1) ws.send(JSON.stringify(msg));
  }
  function request(msg) {
    msg.cid = cid();
    outbox.set(msg.cid, msg);
    saveOutbox();
    send(msg);
    return msg.cid;
  }

  // -- the connection ---------------------------------------------------------------------------
  function connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws?lang=" + lang;
    ws = new WebSocket(url);
    ws.onopen = () => {
      backoff = 500;
      ws.send(JSON.stringify({ t: "hello", token, lang }));
      syncTime();
    };
    ws.onmessage = (ev) => receive(JSON.parse(ev.data));
    ws.onclose = () => {
      $("conn").hidden = false;
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 4000);
    };
    ws.onerror = () => {};
  }
  function syncTime() {
    for (let i = 0; i < 3; i++) setTimeout(() => send({ t: "time", c: Date.now() }), i * 300);
  }
  // Back from sleep or another network: reconnect at once instead of waiting for the backoff.
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && ws && ws.readyState > 1) connect();
  });
  window.addEventListener("online", () => { if (ws && ws.readyState > 1) connect(); });

  function receive(m) {
    switch (m.t) {
      case "welcome":
        $("conn").hidden = true;
        me = m.me; UI = m.ui; actions = m.actions; lang = m.lang; roleList = m.roles;
        store.setItem("tg.lang", lang);
        document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
        document.title = m.title;
        $("lang").textContent = UI.lang_other;
        applyUi();
        buildRolePicks();
        fillActions();
        // Requests not yet answered go again; the server does each one once.
        for (const msg of outbox.values()) send(msg);
        break;
      case "state": {
        const was = state ? state.clock.phase : null;
        state = m;
        // A round that closes shows its results; the award shows itself; a new round, the committee.
        const now = m.clock.phase;
        if (was && was !== now) {
          if (now === "open") tab = "people";
          else if (now === "done") tab = "award";
          else if (was === "open") tab = "report";
          store.setItem("tg.tab", tab);
        }
        render();
        break;
      }
      case "ack":
        outbox.delete(m.cid); saveOutbox();
        if (m.op === "add") { $("sheet").hidden = true; if (m.proposed) toast(UI.proposed); }
        if (m.op === "roles") { rolesDirty = false; }
        if (m.op === "rename" && me) { me.name = m.name; }
        if (m.op === "forecast") { toast(UI.forecast_saved); $("fc-win").value = ""; $("fc-price").value = ""; }
        if (m.op === "review" && me) { store.setItem("tg.reviewed." + me.id, "1"); renderReview(); }
        if (m.op === "bid") { pendingBid = null; $("bid-check").hidden = true; $("bid-price").value = ""; }
        break;
      case "refused":
        if (m.cid) { outbox.delete(m.cid); saveOutbox(); }
        if (m.fatal && (m.code === "wrong_token")) {
          store.removeItem("tg.token"); store.removeItem("tg.outbox");
          alert(m.msg);
          location.replace("/");
          return;
        }
        toast(m.msg, true);
        break;
      case "preview":
        showPreview(m);
        break;
      case "time": {
        const now = Date.now();
        const rtt = now - m.c;
        if (rtt <= bestRtt) { bestRtt = rtt; offset = m.s + rtt / 2 - now; }
        break;
      }
      case "bid_check":
        outbox.delete(m.cid); saveOutbox();
        showBidCheck(m);
        break;
      case "debrief_wait":
        fill($("tab-debrief"), h("p", { class: "dim", text: UI.debrief_wait }));
        break;
      case "debrief":
        debrief = m;
        renderDebrief();
        break;
    }
  }

  // -- the countdown: the server's clock, whatever this device's clock says ------------------------
  function mmss(s) {
    const neg = s < 0; s = Math.abs(Math.round(s));
    return (neg ? "-" : "") + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function tickClock() {
    if (!state) return;
    const c = state.clock;
    const el = $("clock");
    el.className = "clock";
    if (c.phase !== "open") { el.textContent = "--:--"; return; }
    if (!c.timed) { el.textContent = UI.untimed; el.classList.add("paused"); return; }
    const left = c.running && c.ends != null ? (c.ends - (Date.now() + offset)) / 1000 : c.remaining;
    el.textContent = mmss(left);
    if (!c.running) el.classList.add("paused");
    else if (left < 0) el.classList.add("over");
    else if (left <= 60) el.classList.add("last");
  }
  setInterval(tickClock, 250);

  // -- drawing the state ------------------------------------------------------------------------------
  function tabsFor() {
    const out = ["people", "plan", "report", "brief"];
    const ph = state.clock.phase;
    if (ph === "bids" || ph === "done") out.splice(2, 0, "bid");
    if (ph === "done") out.splice(0, 0, "award", "debrief");
    out.push("team");
    return out;
  }
  function render() {
    const s = state;
    $("team-name").textContent = s.team.name;
    const my = mine();
    fill($("me-badges"), my ? [my.name, " ", badges(my.roles, my.badges)] : null);
    $("vendor").textContent = s.team.vendor + " · " + s.brief.title;
    $("round").textContent = s.clock.round_text || "";
    const tabs = tabsFor();
    if (!tabs.includes(tab)) tab = tabs[0];
    const nav = $("tabs");
    fill(nav, ...tabs.map((k) => {
      let badge = null;
      if (k === "plan" && s.plan.items.length) badge = h("span", { class: "badge", text: String(s.plan.items.length) });
      return h("button", { type: "button", class: k === tab ? "on" : "", "data-tab": k, onclick: () => show(k) }, UI["tab_" + k], badge);
    }));
    const wide = window.matchMedia("(min-width: 900px)").matches && tab === "people" && s.clock.phase === "open";
    $("main").classList.toggle("wide", wide);
    for (const sec of document.querySelectorAll(".tab")) {
      sec.classList.toggle("on", sec.id === "tab-" + tab);
      sec.classList.toggle("side", wide && sec.id === "tab-plan");
    }
    renderPeople(); renderPlan(); renderReport(); renderBrief(); renderBid(); renderAward(); renderTeam();
    renderForecast(); renderReview(); fillActions();
    if (tab === "debrief") renderDebrief();
    renderNews(); noticeEdits(); tickClock();
    if (sheetPerson) fillSheet();
  }
  function show(k) {
    tab = k; store.setItem("tg.tab", k);
    render();
    if (k === "debrief" && !debrief) send({ t: "debrief" });
    window.scrollTo(0, 0);
  }

  function range(lo, hi) {
    const bar = h("div", { class: "range" }, h("span", {}));
    bar.firstChild.style.left = (lo * 100).toFixed(1) + "%";
    bar.firstChild.style.width = Math.max((hi - lo) * 100, 1).toFixed(1) + "%";
    return bar;
  }
  function marks(p) {
    const m = [];
    if (p.veto) m.push(h("span", { class: "mark veto", text: UI.veto }));
    if (p.panel) m.push(h("span", { class: "mark panel", text: UI.panel }));
    if (p.pool) m.push(h("span", { class: "mark pool", text: UI.pool }));
    if (p.coach) m.push(h("span", { class: "mark coach", text: UI.coach }));
    if (p.replaced) m.push(h("span", { class: "mark", text: UI.new }));
    return m.length ? h("div", { class: "marks" }, m) : null;
  }
  function renderPeople() {
    const s = state;
    const planned = new Set(s.plan.items.map((i) => i.stakeholder));
    const levels = [3, 2, 1].map((lv) => s.people.filter((p) => p.seniority === lv)).filter((g) => g.length);
    const org = h("div", { class: "org" }, levels.map((group) => h("div", { class: "org-level" },
      h("h4", { text: UI["seniority_" + group[0].seniority] }),
      h("div", { class: "org-row" }, group.map((p) => h("button", {
        type: "button",
        class: "person role-" + p.role + (p.closed ? " closed" : "") + (planned.has(p.id) ? " planned" : ""),
        "data-person": p.id,
        onclick: () => openSheet(p.id),
      },
        h("span", { class: "nm", text: p.name }),
        h("span", { class: "tt", text: p.title }),
        h("span", { class: "rl", text: p.role_name }),
        h("span", { class: "rl", text: UI.influence + " " + p.influence }),
        marks(p),
        range(p.stance[0], p.stance[1]),
        h("span", { class: "small", text: UI.stance + " " + p.stance_text }),
      ))))));
    const head = [];
    if (s.turn) head.push(h("div", { class: "card" }, h("h3", { text: s.turn.title }), s.turn.lines.map((l) => h("p", { class: "small", text: l }))));
    if (s.clock.phase === "idle") head.push(h("p", { class: "card", text: UI.waiting }));
    fill($("tab-people"), ...head, org);
  }

  function whoText(x) { return x.member === (me && me.id) ? UI.you : x.by; }
  function renderPlan() {
    const s = state, p = s.plan;
    const box = [];
    if (s.clock.phase !== "open") {
      box.push(h("p", { class: "card", text: s.clock.phase === "idle" ? UI.waiting : UI.bid_wait }));
      fill($("plan-body"), ...box);
      return;
    }
    const a = acts();
    const locked = p.submitted;
    box.push(h("h2", { text: UI.tab_plan }));
    // what each role has left (the proposals' days included) and who acts for it
    if (s.roles.length) {
      box.push(h("h4", { text: UI.roles_left }), h("div", { class: "roles-left", id: "roles-left" }, s.roles.map((r) => h("div", { class: "role-card rc-" + r.id + (a.has(r.id) ? " mine" : ""), "data-role": r.id },
        h("div", { class: "rc-head" }, h("span", { class: "rb rb-" + r.id, text: r.short }), h("span", { class: "rc-who", text: r.who.join(", ") || "–" })),
        h("div", { class: "rc-chips" }, r.chips.map((c) => h("span", { class: "chip" + (c.low ? " low" : ""), text: c.label + " " + c.left + " / " + c.total })))))));
    }
    if (!p.items.length && !p.pending.length) box.push(h("p", { class: "dim", text: UI.plan_empty }));
    box.push(h("ul", { class: "items", id: "plan-items" }, p.items.map((i) => {
      const mayTouch = !locked && actsAny(i.roles);
      return h("li", { "data-item": i.id },
        h("div", { class: "what" }, i.text, h("small", {}, badges(i.roles, i.badges), " " + i.cost + " · " + UI.added_by + " " + whoText(i) + (i.confirmed_by ? " · " + UI.confirmed_by + " " + i.confirmed_by : ""))),
        h("button", { type: "button", title: "−", disabled: !mayTouch || i.amount <= 1, onclick: () => request({ t: "amount", id: i.id, amount: i.amount - 1 }) }, "−"),
        h("button", { type: "button", title: "+", disabled: !mayTouch, onclick: () => request({ t: "amount", id: i.id, amount: i.amount + 1 }) }, "+"),
        h("button", { type: "button", title: "×", disabled: !mayTouch, class: "remove", onclick: () => request({ t: "remove", id: i.id }) }, "×"));
    })));
    // joint actions waiting for the other role
    if (p.pending.length) {
      box.push(h("h4", { text: UI.waits }), h("ul", { class: "items pending", id: "plan-pending" }, p.pending.map((x) => {
        const mayAnswer = !locked && x.needs.some((r) => a.has(r));
        const own = me && x.member === me.id;
        return h("li", { "data-pending": x.id },
          h("div", { class: "what" }, x.text, h("small", {}, badges(x.roles, x.badges), " " + x.cost + " · " + UI.proposed_by + " " + whoText(x)), h("small", { class: "warn", text: x.needs_text })),
          mayAnswer ? h("button", { type: "button", class: "txt ok", "data-act": "confirm", onclick: () => request({ t: "confirm", id: x.id }) }, UI.confirm) : null,
          mayAnswer ? h("button", { type: "button", class: "txt", "data-act": "decline", onclick: () => request({ t: "decline", id: x.id }) }, UI.decline) : null,
          own && !locked ? h("button", { type: "button", class: "txt", "data-act": "retract", onclick: () => request({ t: "remove", id: x.id }) }, UI.retract) : null);
      })));
    }
    if (p.unspent && !locked) box.push(h("p", { class: "warn small", text: p.unspent }));
    // who is ready, and this member's own mark (the account manager, when only one acts for it, hands in instead)
    const soleAm = p.hand_in.am.length === 1 ? p.hand_in.am[0] : null;
    const players = s.team.members.filter((m) => m.roles.length && !m.roles.includes("observer") && m.id !== soleAm);
    const my = mine();
    const imReady = p.ready.includes(me && me.id);
    if (players.length) box.push(h("h4", { text: UI.ready_title }), h("div", { class: "ready-row", id: "ready-row" },
      players.map((m) => h("span", { class: "rchip" + (m.ready ? " on" : "") + (m.online ? "" : " away"), "data-member": m.id }, (m.ready ? "✓ " : "… ") + m.name, " ", badges(m.roles, m.badges))),
      my && !my.roles.includes("observer") && my.id !== soleAm && !locked ? h("button", { type: "button", class: "secondary" + (imReady ? "" : " go"), id: "ready", onclick: () => request({ t: "ready", ready: !imReady }) }, imReady ? UI.unready : UI.ready) : null));
    // handing in: the account manager's, once the others are ready
    const hi = p.hand_in;
    const am = a.has("am");
    if (locked) {
      box.push(h("div", { class: "submitted", id: "submitted" }, h("strong", { text: UI.submitted }), p.submitted_by ? " · " + UI.by + " " + p.submitted_by : ""));
      box.push(h("div", { class: "actions-bar" }, h("button", { type: "button", class: "secondary", id: "withdraw", disabled: !am, onclick: () => request({ t: "withdraw" }) }, UI.withdraw)));
      if (!am) box.push(h("p", { class: "why", text: say(UI.handin_only_am, { names: hi.am_names.join(", ") }) }));
    } else {
      const waiting = hi.waiting.filter((w) => !me || w.id !== me.id).map((w) => w.name);
      const why = !am ? say(UI.handin_only_am, { names: hi.am_names.join(", ") }) : waiting.length ? say(UI.handin_waiting, { names: waiting.join(", ") }) : "";
      box.push(h("div", { class: "actions-bar" }, h("button", { type: "button", class: "primary", id: "submit", disabled: !!why, onclick: () => request({ t: "submit", version: p.version }) }, UI.submit)));
      if (why) box.push(h("p", { class: "why", id: "handin-why", text: why }));
      if (hi.pending && am) box.push(h("p", { class: "warn small", text: say(UI.handin_pending, { n: hi.pending }) }));
    }
    if (p.edits.length) {
      box.push(h("h4", { text: UI.edits }), h("ul", { class: "edits" }, p.edits.slice().reverse().map((e) => h("li", { class: me && e.member === me.id ? "mine" : "", text: e.text }))));
    }
    fill($("plan-body"), ...box);
  }
  // The forecast form: under the plan while a round is open, on the bid tab while bids are due.
  function renderForecast() {
    const f = state.forecast, form = $("forecast-form");
    const ph = state.clock.phase;
    form.hidden = !f.open;
    if (!f.open) return;
    const home = ph === "bids" ? $("tab-bid") : $("tab-plan");
    if (form.parentElement !== home) home.append(form);
    const now = f.now;
    fill($("forecast-now"), h("p", { class: now ? "" : "dim", id: "forecast-now-text" },
      now ? [h("strong", { text: UI.forecast_now + ": " + now.win }), now.price ? " · " + now.price : "", " · " + UI.by + " " + now.by] : UI.forecast_none),
      f.history.length > 1 ? h("p", { class: "small dim", text: UI.forecasts + ": " + f.history.map((x) => x.when + " " + x.win).join(" · ") }) : null);
  }
  $("forecast-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const win = parseFloat($("fc-win").value);
    if (!(win >= 0 && win <= 100)) { $("fc-win").focus(); return; }
    const price = $("fc-price").value.trim();
    request({ t: "forecast", win, price: price || null });
  });

  function noticeEdits() {
    const edits = state.plan.edits;
    if (!edits.length) return;
    const newest = edits[edits.length - 1].n;
    if (newest < lastEdit) lastEdit = 0; // a new round numbers its edits from 1
    for (const e of edits) if (e.n > lastEdit && me && e.member !== me.id && lastEdit > 0) toast(e.text);
    lastEdit = newest;
    store.setItem("tg.edit", String(lastEdit));
  }

  function renderReport() {
    const r = state.report;
    if (!r) { fill($("tab-report"), h("p", { class: "card dim", text: UI.no_report })); return; }
    fill($("tab-report"), 
      h("h2", { text: r.title }),
      r.news.length ? h("div", { class: "card" }, h("h4", { text: UI.all_news }), r.news.map((n) => h("p", { text: n }))) : null,
      h("h4", { text: UI.outcomes }),
      r.none ? h("p", { class: "dim", text: r.none }) : null,
      r.outcomes.map((o) => h("div", { class: "outcome " + o.status },
        h("p", { class: "hd", text: o.head }), h("p", { text: o.reason }), h("p", { class: "dim", text: o.changes }),
        o.notes.map((n) => h("p", { class: "warn small", text: n })))),
      h("div", { class: "card lines" }, r.lines.map((l) => h("p", { text: l }))),
    );
  }

  function renderBrief() {
    const b = state.brief;
    fill($("tab-brief"), 
      h("h2", { text: b.title }),
      h("div", { class: "card prose", text: b.text }),
      h("div", { class: "card" }, h("h3", { text: b.vendor }), b.vendor_text ? h("p", { text: b.vendor_text }) : null, h("p", { text: b.resources }),
        h("p", { class: "dim", text: UI.rivals + ": " + b.rivals.join(", ") })),
      h("div", { class: "card" }, h("h3", { text: UI.tender }), state.tender.map((l) => h("p", { class: "small", text: l }))),
      h("div", { class: "card" }, h("h3", { text: UI.all_news }), state.news.length ? state.news.map((n) => h("p", { text: n.text })) : h("p", { class: "dim", text: UI.no_news })),
    );
  }

  function renderBid() {
    const b = state.bid;
    if (!b) { fill($("bid-info"), h("p", { class: "card", text: UI.bid_wait })); $("bid-form").hidden = true; return; }
    $("bid-form").hidden = state.clock.phase !== "bids";
    const am = acts().has("am");
    $("bid-send").disabled = !am;
    $("bid-price").disabled = !am;
    $("bid-why").hidden = am;
    if (!am) $("bid-why").textContent = say(UI.handin_only_am, { names: state.plan.hand_in.am_names.join(", ") });
    fill($("bid-info"), 
      h("div", { class: "card" }, h("h2", { text: UI.tab_bid }), b.facts.map((f) => h("p", { class: "small", text: f }))),
      b.in ? h("div", { class: "submitted", id: "bid-now" }, h("strong", { text: UI.bid_now + ": " + b.price_text }), b.margin ? h("p", { class: "small", text: b.margin }) : null,
        b.warnings.map((w) => h("p", { class: w.serious ? "bad small" : "warn small", text: w.text }))) : null,
    );
  }
  function showBidCheck(m) {
    pendingBid = m.price;
    $("bid-check").hidden = false;
    fill($("bid-check"), 
      m.margin ? h("p", { class: "small", text: m.margin }) : null,
      m.warnings.map((w) => h("p", { class: w.serious ? "bad" : "warn", text: w.text })),
      h("div", { class: "actions-bar" },
        h("button", { type: "button", class: "primary", id: "bid-confirm", onclick: () => { request({ t: "bid", price: pendingBid, confirm: true }); } }, UI.bid_confirm),
        h("button", { type: "button", class: "secondary", onclick: () => { $("bid-check").hidden = true; $("bid-price").focus(); } }, UI.bid_change)),
    );
  }
  $("bid-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const price = $("bid-price").value.trim();
    if (price) request({ t: "bid", price, confirm: false });
  });

  function renderAward() {
    const a = state.award;
    if (!a) { fill($("award-body")); return; }
    fill($("award-body"), 
      h("h2", { text: a.head }),
      h("p", { class: a.won ? "won" : "", id: "award-you", text: a.you }),
      h("table", { class: "award" },
        h("tr", {}, [UI.rank, UI.vendor, UI.bid, UI.status, UI.total].map((x) => h("th", { text: x }))),
        a.rows.map((r) => h("tr", { class: r.you ? "you" : "" }, [r.rank == null ? "-" : String(r.rank), (r.won ? "★ " : "") + r.vendor, r.bid, r.status, r.total].map((x) => h("td", { text: x }))))),
      h("div", { class: "card lines" }, a.lines.map((l) => h("p", { text: l }))),
      h("button", { type: "button", class: "primary", onclick: () => show("debrief") }, UI.debrief_show),
    );
  }
  function renderDebrief() {
    if (!debrief || debrief.lang !== lang) {
      if (state && state.clock.phase === "done" && tab === "debrief") {
        fill($("tab-debrief"), h("p", { class: "dim", text: UI.debrief_wait }));
        if (debrief && debrief.lang !== lang) { debrief = null; send({ t: "debrief" }); }
      }
      return;
    }
    const charts = Object.entries(debrief.charts).map(([name, src]) => h("img", { src, alt: name, "data-chart": name }));
    fill($("tab-debrief"), 
      h("h2", { text: UI.tab_debrief }),
      debrief.sections.map((sec) => h("div", { class: "card" }, h("h3", { text: sec.title }), sec.lines.map((l) => h("p", { class: "small", text: l })))),
      h("div", { class: "charts" }, charts),
    );
  }

  // -- peer review: each member rates its teammates after the award (only the trainer sees it) ---------------
  function renderReview() {
    const form = $("review-form");
    const mates = state && me ? state.team.members.filter((m) => m.id !== me.id) : [];
    form.hidden = !state || state.clock.phase !== "done" || !mates.length;
    if (form.hidden) return;
    const sent = store.getItem("tg.reviewed." + me.id) === "1";
    $("review-sent").hidden = !sent;
    fill($("review-rows"), mates.map((m) => h("div", { class: "rate-row", "data-mate": m.id },
      h("span", { class: "rate-name" }, m.name, " ", badges(m.roles, m.badges)),
      h("div", { class: "rate", role: "radiogroup" }, [1, 2, 3, 4, 5].map((n) => h("button", {
        type: "button", class: reviewPick[m.id] === n ? "on" : "", "data-score": String(n), "aria-pressed": reviewPick[m.id] === n ? "true" : "false",
        onclick: () => { reviewPick[m.id] = n; renderReview(); },
      }, String(n)))))));
  }
  $("review-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const mates = state.team.members.filter((m) => m.id !== me.id);
    if (mates.some((m) => !reviewPick[m.id])) { toast(UI.review_missing, true); return; }
    const ratings = {};
    for (const m of mates) ratings[m.id] = reviewPick[m.id];
    const note = $("review-note").value.trim();
    request({ t: "review", ratings, note: note || null });
  });

  // -- the team: members with their roles; this member's roles, name, leaving ------------------------------
  function buildRolePicks() {
    fill($("my-roles"), roleList.map((r) => h("label", { class: "role-pick" },
      h("input", { type: "checkbox", name: "role", value: r.id, onchange: (ev) => {
        rolesDirty = true;
        if (!ev.target.checked) return;
        for (const other of document.querySelectorAll("#my-roles input")) {
          if (other !== ev.target && (r.id === "observer" || other.value === "observer")) other.checked = false;
        }
      } }),
      h("span", { class: "rb rb-" + r.id, text: r.short }),
      h("span", { class: "rp-text" }, h("strong", { text: r.name }), h("small", { text: r.what })))));
    rolesDirty = false;
  }
  $("roles-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const roles = Array.from(document.querySelectorAll("#my-roles input")).filter((b) => b.checked).map((b) => b.value);
    request({ t: "roles", roles });
  });
  $("rename-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = $("rename").value.trim();
    if (v) request({ t: "rename", name: v });
  });
  $("leave").addEventListener("click", () => {
    if (!confirm(UI.leave_q)) return;
    store.removeItem("tg.token"); store.removeItem("tg.outbox");
    location.replace("/");
  });
  function renderTeam() {
    const s = state;
    fill($("team-body"), 
      h("h2", { text: s.team.name + " · " + s.team.vendor }),
      h("h4", { text: UI.members }),
      h("ul", { class: "members", id: "members" }, s.team.members.map((m) => h("li", { "data-member": m.id }, h("span", { class: "dot" + (m.online ? " on" : "") }), m.name,
        me && m.id === me.id ? " (" + UI.you + ")" : "", " ", m.roles.length ? badges(m.roles, m.badges) : h("span", { class: "dim small", text: UI.no_roles }),
        " · ", m.online ? UI.online : UI.away,
        m.acts.length && m.acts.join() !== m.roles.join() ? h("small", { class: "dim", text: " · " + UI.acts_for + " " + roleList.filter((r) => m.acts.includes(r.id)).map((r) => r.short).join(lang === "zh" ? "、" : ", ") }) : null))),
    );
    const my = mine();
    if (my && !rolesDirty) {
      for (const box of document.querySelectorAll("#my-roles input")) box.checked = my.roles.includes(box.value);
    }
    if (me && document.activeElement !== $("rename") && !$("rename").value) $("rename").value = me.name;
  }

  function renderNews() {
    const fresh = state.news.filter((n) => !seenNews.has(n.seq));
    const b = $("news-banner");
    if (!fresh.length) { b.hidden = true; return; }
    const n = fresh[fresh.length - 1];
    b.hidden = false;
    fill(b, h("strong", { text: UI.news }), n.text, " ", h("button", { type: "button", class: "secondary", onclick: () => {
      for (const x of fresh) seenNews.add(x.seq);
      store.setItem("tg.news", JSON.stringify([...seenNews]));
      b.hidden = true;
    } }, "OK"));
  }

  // -- a person: details, and adding an action with its likely effect ------------------------------------
  function fillActions() {
    const sel = $("add-action");
    const keep = sel.value;
    const key = actions.map((a) => a.id + (actsAny(a.roles) ? "+" : "-")).join() + lang + !!state;
    if (sel.dataset.key === key) return;
    sel.dataset.key = key;
    sel.replaceChildren(...actions.map((a) => {
      const ok = !state || actsAny(a.roles);
      return h("option", { value: a.id, disabled: !ok, text: a.name + " (" + a.cost + ")" + (ok ? "" : " · " + UI.not_mine) });
    }));
    const kept = actions.find((a) => a.id === keep && (!state || actsAny(a.roles)));
    const first = actions.find((a) => !state || actsAny(a.roles));
    if (kept) sel.value = keep; else if (first) sel.value = first.id;
  }
  function openSheet(id) {
    sheetPerson = id;
    $("add-amount").value = "1";
    fill($("add-preview"));
    $("sheet").hidden = false;
    fillSheet();
    askPreview();
  }
  function fillSheet() {
    const p = state.people.find((x) => x.id === sheetPerson);
    if (!p) { $("sheet").hidden = true; sheetPerson = null; return; }
    const facts = [
      [UI.stance, p.stance_text], [UI.relationship, p.relationship_text], [UI.knowledge, p.knowledge_text],
      [UI.cares, p.cares], [UI.favourite, p.favourite || "?"], [UI.coach, p.coach_text], [UI.contact, p.contact],
      [UI.influence, p.influence],
    ];
    const listens = p.listens_to.map((id) => (state.people.find((x) => x.id === id) || { name: id }).name);
    if (listens.length) facts.push([UI.listens_to, listens.join(", ")]);
    fill($("sheet-person"), 
      h("h2", { text: p.name }), h("p", { class: "dim", text: p.title + " · " + p.role_name }), marks(p),
      range(p.stance[0], p.stance[1]),
      h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })])),
      p.notes.map((n) => h("p", { class: "small warn", text: n })),
      p.bio ? h("p", { class: "small dim", text: p.bio }) : null,
    );
    const canAdd = state.clock.phase === "open" && !state.plan.submitted && !p.closed && acts().size > 0;
    $("add-form").hidden = !canAdd;
  }
  function askPreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      if (!sheetPerson || $("add-form").hidden) return;
      const amount = Math.max(1, Math.min(100, parseInt($("add-amount").value, 10) || 1));
      send({ t: "preview", action: $("add-action").value, stakeholder: sheetPerson, amount });
      const a = actions.find((x) => x.id === $("add-action").value);
      $("add-cost").textContent = a ? a.what : "";
    }, 150);
  }
  function showPreview(m) {
    if (m.stakeholder !== sheetPerson) return;
    const box = $("add-preview");
    $("add-send").textContent = m.needs && m.needs.length ? UI.propose : UI.add;
    if (m.refusal) { fill(box, h("p", { class: "bad", text: m.refusal })); $("add-send").disabled = true; return; }
    $("add-send").disabled = false;
    fill(box, ...m.lines.map((l) => h("p", { class: l.tone, text: l.text })), m.propose ? h("p", { class: "warn", id: "add-propose", text: m.propose }) : null);
  }
  $("add-action").addEventListener("change", askPreview);
  $("add-amount").addEventListener("input", askPreview);
  $("add-less").addEventListener("click", () => { $("add-amount").value = String(Math.max(1, (parseInt($("add-amount").value, 10) || 1) - 1)); askPreview(); });
  $("add-more").addEventListener("click", () => { $("add-amount").value = String(Math.min(100, (parseInt($("add-amount").value, 10) || 1) + 1)); askPreview(); });
  $("add-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const amount = Math.max(1, Math.min(100, parseInt($("add-amount").value, 10) || 1));
    request({ t: "add", id: "i" + cid().slice(0, 12), action: $("add-action").value, stakeholder: sheetPerson, amount });
  });
  $("sheet-close").addEventListener("click", () => { $("sheet").hidden = true; sheetPerson = null; });
  $("sheet").addEventListener("click", (ev) => { if (ev.target === $("sheet")) { $("sheet").hidden = true; sheetPerson = null; } });
  $("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    store.setItem("tg.lang", lang);
    send({ t: "lang", lang });
  });
  window.addEventListener("resize", () => { if (state) render(); });

  connect();
})();
