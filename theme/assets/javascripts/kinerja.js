/*
 * Kinerja Terbuka theme behaviour, on every page (also after Material's instant navigation):
 *  - a table wider than the screen scrolls sideways; it becomes a labelled, focusable region so
 *    that keyboard users can scroll it too (WCAG 2.1.1), checked again when the window is resized
 *    or a <details> is opened;
 *  - content links get their full address in data-kt-url, which the print stylesheet prints
 *    after the link text;
 *  - terms explained where first used open on a tap and close with Esc (.kt-istilah);
 *  - the DIP filter, sortable tables, and the 404 page's search button.
 */
(function () {
  "use strict";

  /* What the table is about: its caption, else the summary of the <details> it sits in, else the
     nearest heading before it. */
  function tableName(wrap) {
    var table = wrap.querySelector("table");
    if (table && table.caption) {
      return table.caption.textContent.replace(/\s+/g, " ").trim();
    }
    // a table's own title line just above it ("Tabel 2. Unit kerja ...", as the report numbers its tables)
    var before = wrap.previousElementSibling;
    if (before && before.tagName === "P" && /^Tabel\s/.test(before.textContent.trim())) {
      return before.textContent.replace(/\s+/g, " ").trim();
    }
    var details = wrap.closest("details");
    var summary = details && details.querySelector("summary");
    var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4");
    var name = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING) {
        name = headings[i].textContent;
      }
    }
    if (summary) {
      name = summary.textContent + (name ? ": " + name : "");
    }
    return name.replace(/\s+/g, " ").trim();
  }

  function markScrollableTables() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap, .kt-gulung");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var name = tableName(wrap);
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        name = /^Tabel\b/.test(name) ? name : "Tabel" + (name ? " " + name : "");
        wrap.setAttribute("aria-label", name + ", dapat digeser ke samping");
        wrap.classList.add("kt-geser");
      } else if (wrap.classList.contains("kt-geser")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        wrap.classList.remove("kt-geser");
      }
    }
  }

  function markLinkAddresses() {
    var links = document.querySelectorAll(".md-content a[href], .md-footer-meta a[href]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || /^(javascript|mailto|tel):/i.test(href) ||
          link.classList.contains("headerlink") || link.classList.contains("md-content__button")) {
        continue;
      }
      if (link.textContent.trim() !== link.href) {
        link.setAttribute("data-kt-url", link.href);
      }
    }
  }

  /* The register's filter (Daftar Informasi Publik): a category select and a text search, shown only
     when this script runs; without it every row stays visible, grouped by category. Hidden rows and
     empty groups get a class, and a live region says how many items are shown. */
  function setupFilter() {
    var boxes = document.querySelectorAll("[data-kt-saring]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var table = document.getElementById(box.getAttribute("data-kt-saring"));
      if (!table || box.getAttribute("data-kt-siap")) {
        continue;
      }
      box.setAttribute("data-kt-siap", "1");
      box.hidden = false;
      var select = box.querySelector("select");
      var search = box.querySelector("input[type=search]");
      var count = box.querySelector(".kt-saring__jumlah");
      var apply = (function (table, select, search, count) {
        return function () {
          var kind = select ? select.value : "";
          var words = search ? search.value.toLowerCase().trim().split(/\s+/).filter(Boolean) : [];
          var groups = table.querySelectorAll("tbody[data-kategori]");
          var shown = 0, total = 0;
          for (var g = 0; g < groups.length; g++) {
            var rows = groups[g].querySelectorAll("tr[data-kt-teks]");
            var visible = 0;
            for (var r = 0; r < rows.length; r++) {
              var text = rows[r].getAttribute("data-kt-teks");
              var ok = (!kind || groups[g].getAttribute("data-kategori") === kind);
              for (var w = 0; ok && w < words.length; w++) {
                ok = text.indexOf(words[w]) !== -1;
              }
              rows[r].classList.toggle("kt-saring-sembunyi", !ok);
              visible += ok ? 1 : 0;
            }
            total += rows.length;
            shown += visible;
            groups[g].classList.toggle("kt-saring-sembunyi", visible === 0);
          }
          if (count) {
            count.textContent = shown === total ? "Menampilkan semua " + total + " informasi." :
              "Menampilkan " + shown + " dari " + total + " informasi.";
          }
        };
      })(table, select, search, count);
      if (select) { select.addEventListener("change", apply); }
      if (search) { search.addEventListener("input", apply); }
      apply();
    }
  }

  /* Sortable tables (class kt-urut): a button in each sortable header; the cells carry the value to
     sort by in data-nilai. aria-sort tells screen readers the current order. */
  function setupSort() {
    var tables = document.querySelectorAll("table.kt-urut");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.getAttribute("data-kt-siap")) {
        continue;
      }
      table.setAttribute("data-kt-siap", "1");
      var heads = table.querySelectorAll("thead th");
      for (var h = 0; h < heads.length; h++) {
        var button = heads[h].querySelector("button");
        if (button) {
          button.addEventListener("click", (function (table, heads, index) {
            return function () { sortBy(table, heads, index); };
          })(table, heads, h));
        }
      }
    }
  }

  function sortBy(table, heads, index) {
    var head = heads[index];
    var numeric = head.getAttribute("data-urut") === "angka";
    var descending = head.getAttribute("aria-sort") === "ascending" || (numeric && !head.getAttribute("aria-sort"));
    for (var h = 0; h < heads.length; h++) {
      heads[h].removeAttribute("aria-sort");
    }
    head.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].getAttribute("data-nilai") || "";
      var y = b.cells[index].getAttribute("data-nilai") || "";
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "id");
      return descending ? -order : order;
    });
    for (var r = 0; r < rows.length; r++) {
      body.appendChild(rows[r]);
    }
  }

  /* Terms explained where first used (.kt-istilah): hover and keyboard focus show the explanation (CSS);
     a first tap shows it too instead of following the link, a second tap follows it; a tap elsewhere or
     Esc closes it (WCAG 1.4.13: dismissible without moving the pointer or the focus). */
  var touched = false;
  function closeTerms(except) {
    var open = document.querySelectorAll(".kt-istilah--buka");
    for (var i = 0; i < open.length; i++) {
      if (open[i] !== except) { open[i].classList.remove("kt-istilah--buka"); }
    }
  }
  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType === "touch" || event.pointerType === "pen";
    if (!event.target.closest || !event.target.closest(".kt-istilah")) { closeTerms(null); }
  }, true);
  document.addEventListener("click", function (event) {
    var word = event.target.closest ? event.target.closest(".kt-istilah__kata") : null;
    if (!word || !touched) { return; }
    var term = word.parentNode;
    if (!term.classList.contains("kt-istilah--buka")) {
      event.preventDefault();
      closeTerms(term);
      term.classList.remove("kt-istilah--tutup");
      term.classList.add("kt-istilah--buka");
    }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    closeTerms(null);
    var shown = document.querySelectorAll(".kt-istilah:hover, .kt-istilah:focus-within");
    for (var i = 0; i < shown.length; i++) { shown[i].classList.add("kt-istilah--tutup"); }
  });
  function reopen(event) {
    var term = event.target.closest ? event.target.closest(".kt-istilah") : null;
    if (term) { term.classList.remove("kt-istilah--tutup"); }
  }
  document.addEventListener("focusout", reopen);
  document.addEventListener("mouseout", reopen);

  /* The 404 page's "Cari di portal" (a label for Material's search toggle): opened by keyboard too, and
     the search field takes the focus. */
  function openSearch(event) {
    var button = event.target.closest ? event.target.closest(".kt-404__cari") : null;
    if (!button || (event.type === "keydown" && event.key !== "Enter" && event.key !== " ")) { return; }
    event.preventDefault();
    var toggle = document.getElementById("__search");
    var field = document.querySelector("[data-md-component=search-query]");
    if (toggle) { toggle.checked = true; toggle.dispatchEvent(new Event("change", { bubbles: true })); }
    if (field) { field.focus(); }
  }
  document.addEventListener("click", openSearch);
  document.addEventListener("keydown", openSearch);

  function setup() {
    markScrollableTables();
    markLinkAddresses();
    setupFilter();
    setupSort();
  }

  var pending = null;
  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(markScrollableTables, 150);
  }
  window.addEventListener("resize", later);
  /* a table in a <details> has no width until the details is opened */
  document.addEventListener("toggle", function () { markScrollableTables(); }, true);

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
