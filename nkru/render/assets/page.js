/* nkru page: search, filters, the language switch and the state in the URL's hash.
 *
 * Text from the events is only ever put in the page with textContent; only http(s) links are
 * made links. The search is MiniSearch (inlined before this script), over both languages at
 * once, accent- and case-folded.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("nkru-data").textContent);
  var EVENTS = DATA.events;
  var PEOPLE = DATA.people;
  var SOURCES = DATA.sources;
  var WORDS = DATA.words;
  var LANGS = Object.keys(WORDS);
  var PAGE_SIZE = 25;
  var TONES = ["warming", "cooling", "steady"];
  var FILTERS = ["decade", "person", "topic", "tone"];
  /* Words a question is made of, folded: neither indexed nor looked for. */
  var STOP = new Set(("a an and are at by did do does for from how in is of on or the to was " +
    "were what when where which who why with khi nao gi la cua va co khong nhung cac mot nhu")
    .split(" "));

  var timings = [];
  window.nkruPage = { timings: timings, ready: null, indexed: null };

  var state = { q: "", lang: LANGS.indexOf(DATA.lang) >= 0 ? DATA.lang : LANGS[0],
    decade: "", person: "", topic: "", tone: "" };
  var limit = PAGE_SIZE;
  var matches = [];
  var mode = "date";

  var $ = function (id) { return document.getElementById(id); };
  var input = $("q");
  var list = $("results");
  var status = $("status");
  var more = $("more");
  var selects = {};
  FILTERS.forEach(function (name) { selects[name] = $(name); });

  /* --- text ------------------------------------------------------------------------------ */

  var MARKS = /\p{M}+/gu;
  var SPLIT = /[\s\p{Z}\p{P}\p{S}]+/u;
  var FOLDED = new Map([["đ", "d"]]);

  /* One character without its accents (ệ -> e, ё -> е); a Hangul syllable stays whole. */
  function foldChar(ch) {
    var folded = FOLDED.get(ch);
    if (folded === undefined) {
      folded = ch.normalize("NFD").replace(MARKS, "").normalize("NFC");
      FOLDED.set(ch, folded);
    }
    return folded;
  }

  /* Lower case, accents dropped (Vietnamese included; đ is d), other scripts kept. */
  function fold(text) {
    return String(text).toLowerCase().replace(/[^\x00-\x7f]/g, foldChar);
  }

  /* A folded word's plain English form: treaties -> treaty, sanctions -> sanction. */
  function stem(word) {
    if (word.length > 4 && word.slice(-3) === "ies") return word.slice(0, -3) + "y";
    if (word.length > 3 && word.slice(-1) === "s" && !/[siu]s$/.test(word)) {
      return word.slice(0, -1);
    }
    return word;
  }

  function tokenize(text) {
    return fold(text).split(SPLIT);
  }

  /* Each word of a field once: the index is smaller and builds faster, and how often a word
   * recurs in one short text says little about relevance. */
  function tokenizeOnce(text) {
    return Array.from(new Set(tokenize(text)));
  }

  function indexTerm(term) {
    return term && !STOP.has(term) ? stem(term) : null;
  }

  function queryTerm(term) {
    return term && !STOP.has(term) ? stem(term) : null;
  }

  function both(text) {
    return text ? text.en + " " + text.vi : "";
  }

  function words() {
    return WORDS[state.lang];
  }

  function say(key, values) {
    var text = words()[key] || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  /* 10,000 in English, 10.000 in Vietnamese. */
  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, state.lang === "vi" ? "." : ",");
  }

  /* --- the search index ------------------------------------------------------------------- */

  var index = new MiniSearch({
    fields: ["title", "people", "places", "summary", "more"],
    storeFields: [],
    tokenize: tokenizeOnce,
    processTerm: indexTerm,
    searchOptions: {
      tokenize: tokenize,
      processTerm: queryTerm,
      boost: { title: 3, people: 2.5, places: 1.5, summary: 1, more: 0.5 },
      prefix: function (term) { return term.length > 1; },
      fuzzy: function (term) { return term.length > 4 ? 0.2 : false; },
      maxFuzzy: 2,
    },
  });
  var indexed = false;

  function document_(event, i) {
    var people = event.people.map(function (p) {
      var person = PEOPLE[p];
      return [both(person.name), person.cyrillic || "", person.hangul || ""]
        .concat(person.aliases).join(" ");
    });
    var more = [both(event.period)];
    event.topics.forEach(function (topic) {
      LANGS.forEach(function (lang) { more.push(WORDS[lang].topic_names[topic] || topic); });
    });
    event.claims.forEach(function (claim) {
      more.push(both(claim.says), both(claim.record));
    });
    return {
      id: i,
      title: both(event.title),
      people: people.join(" "),
      places: event.places.map(both).join(" "),
      summary: both(event.summary),
      more: more.join(" "),
    };
  }

  /* The index, built in one go for a page of up to a few thousand events; in slices for a
   * bigger one, so the page answers while it builds (a search typed meanwhile runs when it is
   * ready). */
  function buildIndex(done) {
    var docs = EVENTS.map(document_);
    var finish = function () {
      indexed = true;
      window.nkruPage.indexed = performance.now();
      done();
    };
    if (docs.length <= 2000) {
      index.addAll(docs);
      finish();
    } else {
      index.addAllAsync(docs, { chunkSize: 250 }).then(finish);
    }
  }

  /* --- filters and matching --------------------------------------------------------------- */

  function passes(event) {
    if (state.decade && event.decades.indexOf(+state.decade) < 0) return false;
    if (state.person && !event.people.some(function (p) {
      return PEOPLE[p].id === state.person;
    })) return false;
    if (state.topic && event.topics.indexOf(state.topic) < 0) return false;
    if (state.tone && event.tone !== state.tone) return false;
    return true;
  }

  function filterResult(result) {
    return passes(EVENTS[result.id]);
  }

  function find() {
    var query = state.q.trim();
    var terms = tokenize(query).map(queryTerm).filter(Boolean);
    if (!terms.length) {
      mode = "date";
      matches = [];
      for (var i = 0; i < EVENTS.length; i++) if (passes(EVENTS[i])) matches.push(i);
      return;
    }
    if (!indexed) {
      mode = "preparing";
      matches = [];
      return;
    }
    var options = { filter: filterResult, combineWith: "AND" };
    var found = index.search(query, options);
    mode = "best";
    if (!found.length && terms.length > 1) {
      options.combineWith = "OR";
      found = index.search(query, options);
      mode = "some";
    }
    matches = found.map(function (r) { return r.id; });
  }

  /* --- building the page ------------------------------------------------------------------ */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function local(text) {
    return text ? text[state.lang] || text.en : "";
  }

  /* A source as a reader cites it: publisher, “title”, date, and its link. */
  function citation(source) {
    var w = words();
    var box = el("span", "cite");
    var title = source.title;
    if (source.translated && source.translated[state.lang] && state.lang !== "vi") {
      title += " (" + source.translated[state.lang] + ")";
    }
    var parts = [];
    if (source.publisher) parts.push(source.publisher);
    if (source.container && source.container !== source.publisher) parts.push(source.container);
    if (parts.length) box.appendChild(el("span", "publisher", parts.join(", ") + ", "));
    box.appendChild(el("cite", null, "“" + title + "”"));
    if (source.date) {
      box.appendChild(document.createTextNode(", "));
      var date = el("time", null, local(source.date));
      date.setAttribute("datetime", source.iso);
      box.appendChild(date);
    }
    box.appendChild(document.createTextNode(" (" + (w.kinds[source.kind] || source.kind) + ")"));
    var url = safeUrl(source.url);
    if (url) {
      box.appendChild(document.createTextNode(" "));
      var link = el("a", "link", w.link);
      link.href = url;
      link.rel = "noopener noreferrer";
      link.setAttribute("aria-label", w.link + ": " + source.title);
      box.appendChild(link);
      box.appendChild(el("span", "url", " " + url));
    } else if (source.url) {
      box.appendChild(el("span", "url plain", " " + source.url));
    }
    return box;
  }

  function quote(label, text) {
    var block = el("blockquote", "quote");
    block.appendChild(el("span", "label", label + ": "));
    block.appendChild(document.createTextNode("“" + text + "”"));
    return block;
  }

  function fact(dl, label, value) {
    if (!value) return;
    dl.appendChild(el("dt", null, label));
    dl.appendChild(el("dd", null, value));
  }

  function personName(person) {
    var name = local(person.name);
    var scripts = [person.cyrillic, person.hangul].filter(Boolean);
    return scripts.length ? name + " (" + scripts.join(", ") + ")" : name;
  }

  function renderEvent(i) {
    var w = words();
    var event = EVENTS[i];
    var item = el("li");
    var article = el("article", "event tone-" + event.tone);
    var headingId = "event-" + i;
    article.setAttribute("aria-labelledby", headingId);

    var heading = el("h3", "title");
    heading.id = headingId;
    heading.appendChild(el("span", null, local(event.title)));
    if (event.claims.length) {
      // A source the record shows wrong, or reports that only differ on a detail.
      var differ = event.dispute === "sources-differ";
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(
        el("span", differ ? "disputed differ" : "disputed", differ ? w.sources_differ : w.disputed)
      );
    }

    var meta = el("p", "meta");
    var when = el("time", "when", local(event.when));
    when.setAttribute("datetime", event.start);
    meta.appendChild(when);
    var precision = event.precision.length === 1 || event.precision[0] === event.precision[1]
      ? w[event.precision[0]]
      : say("precision_span", { start: w[event.precision[0]], end: w[event.precision[1]] });
    if (event.period) precision += "; " + say("their_words", { period: local(event.period) });
    meta.appendChild(el("span", "precision", " (" + precision + ")"));
    meta.appendChild(el("span", "tone", w.tones[event.tone]));
    article.appendChild(heading);
    article.appendChild(meta);

    article.appendChild(el("p", "summary", local(event.summary)));

    var facts = el("dl", "facts");
    fact(facts, w.people, event.people.map(function (p) { return personName(PEOPLE[p]); })
      .join("; "));
    fact(facts, w.places, event.places.map(local).join("; "));
    fact(facts, w.topics, event.topics.map(function (t) { return w.topic_names[t] || t; })
      .join(", "));
    article.appendChild(facts);

    if (event.note) {
      var note = el("p", "note");
      note.appendChild(el("strong", null, w.note + ": "));
      note.appendChild(document.createTextNode(local(event.note)));
      article.appendChild(note);
    }

    if (event.claims.length) {
      var claims = el("section", "claims");
      claims.appendChild(el("h4", null, "⚑ " + w.disputes));
      var claimList = el("ol");
      event.claims.forEach(function (claim) {
        var row = el("li", "claim");
        var verdict = el("p", "verdict");
        verdict.appendChild(el("span", "label", w.verdict + ": "));
        verdict.appendChild(el("strong", null, w.verdicts[claim.verdict] || claim.verdict));
        row.appendChild(verdict);
        var sides = el("div", "sides");
        var says = el("div", "says");
        says.appendChild(el("p", "side", w.source_says));
        says.appendChild(el("p", null, local(claim.says)));
        says.appendChild(quote(w.quote, claim.where));
        var by = el("p", "by");
        by.appendChild(el("span", "label", w.claim_by + ": "));
        by.appendChild(citation(SOURCES[claim.source]));
        says.appendChild(by);
        var record = el("div", "record");
        record.appendChild(el("p", "side", w.record_shows));
        record.appendChild(el("p", null, local(claim.record)));
        var refs = el("ul", "refs");
        claim.references.forEach(function (r) {
          var ref = el("li");
          ref.appendChild(citation(SOURCES[r]));
          refs.appendChild(ref);
        });
        record.appendChild(refs);
        sides.appendChild(says);
        sides.appendChild(record);
        row.appendChild(sides);
        claimList.appendChild(row);
      });
      claims.appendChild(claimList);
      article.appendChild(claims);
    }

    /* Each source once, with every passage cited from it beneath. */
    var order = [];
    var passages = {};
    event.sources.forEach(function (cited) {
      if (!passages[cited[0]]) {
        passages[cited[0]] = [];
        order.push(cited[0]);
      }
      if (cited[1]) passages[cited[0]].push([w.quote, cited[1]]);
      if (cited[2]) passages[cited[0]].push([w.passage, cited[2]]);
    });
    /* The list is built when it is first opened: most readers open few. */
    var details = el("details", "sources");
    details.appendChild(el("summary", null, w.sources + " (" + order.length + ")"));
    details.nkruFill = function () {
      details.nkruFill = null;
      var sourceList = el("ul");
      order.forEach(function (s) {
        var li = el("li");
        li.appendChild(citation(SOURCES[s]));
        passages[s].forEach(function (p) { li.appendChild(quote(p[0], p[1])); });
        sourceList.appendChild(li);
      });
      details.appendChild(sourceList);
    };
    details.addEventListener("toggle", function () {
      if (details.open && details.nkruFill) details.nkruFill();
    });
    article.appendChild(details);

    item.appendChild(article);
    return item;
  }

  /* Each event is built once in each language, and moved in and out of the list after. */
  var built = new Map();

  function eventNode(i) {
    var key = state.lang + ":" + i;
    var node = built.get(key);
    if (!node) {
      node = renderEvent(i);
      built.set(key, node);
    }
    return node;
  }

  function renderList() {
    var w = words();
    var count = matches.length;
    var fragment = document.createDocumentFragment();
    var upTo = Math.min(limit, count);
    for (var n = 0; n < upTo; n++) fragment.appendChild(eventNode(matches[n]));
    list.replaceChildren(fragment);
    var text;
    if (mode === "preparing") text = w.preparing;
    else if (!count) text = w.none;
    else if (mode === "date") text = count === 1 ? w.count_one_date : say("count_date", { count: number(count) });
    else if (mode === "best") text = count === 1 ? w.count_one_best : say("count_best", { count: number(count) });
    else text = say("count_some", { count: number(count) });
    if (count > upTo) text += " " + say("showing", { shown: number(upTo), count: number(count) });
    status.textContent = text;
    var left = count - upTo;
    more.hidden = left <= 0;
    more.textContent = say("show_more", { more: number(Math.min(left, PAGE_SIZE)) });
  }

  function option(select, value, text) {
    var node = el("option", null, text);
    node.value = value;
    select.appendChild(node);
  }

  /* The words of the whole page in the current language, and the options of every filter. */
  function renderWords() {
    var w = words();
    document.documentElement.lang = state.lang;
    document.title = w.title;
    document.querySelectorAll("[data-w]").forEach(function (node) {
      node.textContent = w[node.getAttribute("data-w")] || "";
    });
    document.querySelectorAll("[data-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-lang") === state.lang));
    });
    input.placeholder = w.search_placeholder;
    fillFilters();
  }

  var COUNTS = { decade: {}, person: {}, topic: {}, tone: {} };
  EVENTS.forEach(function (event) {
    event.decades.forEach(function (d) { COUNTS.decade[d] = (COUNTS.decade[d] || 0) + 1; });
    event.people.forEach(function (p) {
      var id = PEOPLE[p].id;
      COUNTS.person[id] = (COUNTS.person[id] || 0) + 1;
    });
    event.topics.forEach(function (t) { COUNTS.topic[t] = (COUNTS.topic[t] || 0) + 1; });
    COUNTS.tone[event.tone] = (COUNTS.tone[event.tone] || 0) + 1;
  });

  function fillFilters() {
    var w = words();
    var choices = {
      decade: Object.keys(COUNTS.decade).sort().map(function (d) {
        return [d, w.decade_name.split("{decade}").join(d)];
      }),
      person: w.people_order.map(function (p) { return [PEOPLE[p].id, local(PEOPLE[p].name)]; }),
      topic: w.topic_order.filter(function (t) { return COUNTS.topic[t]; }).map(function (t) {
        return [t, w.topic_names[t] || t];
      }),
      tone: TONES.filter(function (t) { return COUNTS.tone[t]; }).map(function (t) {
        return [t, w.tones[t]];
      }),
    };
    var any = { decade: w.any_decade, person: w.anyone, topic: w.any_topic, tone: w.any_tone };
    FILTERS.forEach(function (name) {
      var select = selects[name];
      select.replaceChildren();
      option(select, "", any[name]);
      choices[name].forEach(function (c) {
        option(select, c[0], c[1] + " (" + number(COUNTS[name][c[0]]) + ")");
      });
      select.value = state[name];
    });
  }

  /* --- state in the URL's hash ------------------------------------------------------------ */

  function resolvePerson(value) {
    if (!value) return "";
    var wanted = fold(value).replace(/[^\p{L}\p{N}]+/gu, "");
    var found = "";
    PEOPLE.some(function (p) {
      var forms = [p.id, p.name.en, p.name.vi, p.cyrillic, p.hangul].concat(p.aliases);
      var hit = forms.some(function (f) {
        return f && fold(f).replace(/[^\p{L}\p{N}]+/gu, "") === wanted;
      });
      if (hit) found = p.id;
      return hit;
    });
    return found;
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var lang = params.get("lang");
    state.lang = LANGS.indexOf(lang) >= 0 ? lang : (LANGS.indexOf(DATA.lang) >= 0 ? DATA.lang : LANGS[0]);
    state.q = params.get("q") || "";
    var decade = (params.get("decade") || "").replace(/s$/i, "");
    state.decade = COUNTS.decade[decade] ? decade : "";
    state.person = resolvePerson(params.get("person"));
    var topic = (params.get("topic") || "").toLowerCase();
    state.topic = COUNTS.topic[topic] ? topic : "";
    var tone = (params.get("tone") || "").toLowerCase();
    state.tone = TONES.indexOf(tone) >= 0 ? tone : "";
  }

  function hashOf() {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.lang !== DATA.lang) params.set("lang", state.lang);
    if (state.decade) params.set("decade", state.decade + "s");
    if (state.person) params.set("person", state.person);
    if (state.topic) params.set("topic", state.topic);
    if (state.tone) params.set("tone", state.tone);
    var text = params.toString();
    return text ? "#" + text : "";
  }

  function writeHash(push) {
    var hash = hashOf();
    if (hash === location.hash || (!hash && !location.hash)) return;
    var url = hash || location.pathname + location.search;
    try {
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    } catch (e) {
      location.hash = hash;
    }
  }

  /* --- wiring ----------------------------------------------------------------------------- */

  function update(fromHash) {
    limit = PAGE_SIZE;
    find();
    renderList();
    if (!fromHash) writeHash(false);
  }

  function applyHash() {
    var before = state.lang;
    readHash();
    input.value = state.q;
    if (state.lang !== before) renderWords();
    else FILTERS.forEach(function (name) { selects[name].value = state[name]; });
    update(true);
  }

  input.addEventListener("input", function (e) {
    var start = e.timeStamp || performance.now();
    state.q = input.value;
    update(false);
    timings.push(performance.now() - start);
  });
  FILTERS.forEach(function (name) {
    selects[name].addEventListener("change", function () {
      state[name] = selects[name].value;
      limit = PAGE_SIZE;
      find();
      renderList();
      writeHash(true);
    });
  });
  document.querySelectorAll("[data-lang]").forEach(function (button) {
    button.addEventListener("click", function () {
      var lang = button.getAttribute("data-lang");
      if (lang === state.lang) return;
      state.lang = lang;
      renderWords();
      renderList();
      writeHash(true);
    });
  });
  $("controls").addEventListener("submit", function (e) {
    e.preventDefault();
    list.focus();
  });
  $("controls").addEventListener("reset", function (e) {
    e.preventDefault();
    state.q = "";
    input.value = "";
    FILTERS.forEach(function (name) { state[name] = ""; selects[name].value = ""; });
    update(false);
    input.focus();
  });
  more.addEventListener("click", function () {
    var first = Math.min(limit, matches.length);
    limit += PAGE_SIZE;
    renderList();
    /* Keep the reader's place: focus the first of the events just shown. */
    var next = list.children[first];
    if (next) {
      next.querySelector("article").tabIndex = -1;
      next.querySelector("article").focus();
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input && !e.ctrlKey && !e.metaKey &&
        !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      e.preventDefault();
      input.focus();
    } else if (e.key === "Escape" && document.activeElement === input && input.value) {
      input.value = "";
      state.q = "";
      update(false);
    }
  });
  window.addEventListener("hashchange", applyHash);
  window.addEventListener("popstate", applyHash);

  /* Print every matching event, with its sources open. */
  var printing = null;
  window.addEventListener("beforeprint", function () {
    printing = limit;
    limit = matches.length;
    renderList();
    list.querySelectorAll("details").forEach(function (d) {
      if (d.nkruFill) d.nkruFill();
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    if (printing !== null) limit = printing;
    printing = null;
    renderList();
  });

  /* First the events (a search in the link waits for the index), then the index. */
  readHash();
  input.value = state.q;
  renderWords();
  var small = EVENTS.length <= 2000;
  var start = function () {
    buildIndex(function () {
      if (state.q.trim()) update(true);
    });
  };
  if (small && state.q.trim()) {
    start();
  } else {
    /* After the first paint (or soon, in a tab that does not paint). */
    var started = false;
    var once = function () {
      if (!started) {
        started = true;
        start();
      }
    };
    requestAnimationFrame(function () { setTimeout(once, 0); });
    setTimeout(once, 100);
  }
  if (!indexed) update(true);
  window.nkruPage.ready = performance.now();
  performance.mark("nkru-ready");
})();
