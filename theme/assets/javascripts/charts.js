/* Kinerja Terbuka: draw the page's charts with the Vega bundle this site serves itself.
 *
 * Each `.kt-grafik__kanvas[data-grafik]` names a local Vega-Lite spec (relative to the page) and holds
 * the static SVG, which is what a reader sees first. A chart is made interactive only when the reader
 * reaches for it: hovers or taps it, or scrolls so that it comes near the screen. Opening a page fetches
 * neither the bundle (~900 KB, ~300 KB compressed) nor the specs, so the first view stays light
 * (benchmarks/first_view.py). Once per page view, on every emission of Material's `document$` (first
 * load and each instant navigation), and redrawn when the reader switches between light and dark.
 * Nothing is fetched but the spec and the bundle, both from this site; if anything fails, the static
 * SVG stays visible.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BUNDLE = new URL("vendor/vega.js", script ? script.src : document.baseURI).href;
  // Vega may load data or images named in a spec; ours carry their data inline, so refuse any load.
  var NO_LOADS = {
    load: function () { return Promise.reject(new Error("grafik: tidak memuat data dari luar spesifikasi")); },
    sanitize: function () { return Promise.reject(new Error("grafik: tidak memuat tautan")); }
  };
  var loading = null;
  var charts = []; // {box, spec, result} of the charts on the current page
  var dark = isDark();
  var scrolled = false; // the reader has scrolled this page (the top of a page, as opened, is not asking)

  function isDark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function bundle() {
    if (window.vegaEmbed) return Promise.resolve(window.vegaEmbed);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = BUNDLE;
        tag.onload = function () {
          if (window.vegaEmbed) resolve(window.vegaEmbed);
          else reject(new Error("grafik: pustaka Vega tidak lengkap"));
        };
        tag.onerror = function () {
          loading = null;
          reject(new Error("grafik: pustaka Vega gagal dimuat"));
        };
        document.body.appendChild(tag); // not <head>: instant navigation prunes it
      });
    }
    return loading;
  }

  function specOf(box) {
    var url = new URL(box.getAttribute("data-grafik"), document.baseURI);
    if (url.origin !== location.origin) return Promise.reject(new Error("grafik: spesifikasi bukan dari situs ini"));
    return fetch(url.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("grafik: " + url.pathname + " " + response.status);
      return response.json();
    });
  }

  // The spec holds the light palette and, in usermeta, each colour's dark twin. Data is left alone.
  function recolour(value, map) {
    if (typeof value === "string") return Object.prototype.hasOwnProperty.call(map, value) ? map[value] : value;
    if (Array.isArray(value)) return value.map(function (item) { return recolour(item, map); });
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) {
        out[key] = key === "data" || key === "datasets" || key === "usermeta" ? value[key] : recolour(value[key], map);
      });
      return out;
    }
    return value;
  }

  function draw(item) {
    var spec = item.spec;
    var map = dark && spec.usermeta && spec.usermeta.warna_gelap;
    var locale = (spec.config && spec.config.locale) || {};
    var scheme = dark;
    var target = document.createElement("div");
    target.className = "kt-grafik__hidup kt-grafik__hidup--baru"; // kept out of sight until drawn
    item.box.appendChild(target);
    return bundle().then(function (vegaEmbed) {
      return vegaEmbed(target, map ? recolour(spec, map) : spec, {
        actions: false,
        renderer: "svg",
        defaultStyle: false,
        loader: NO_LOADS,
        formatLocale: locale.number,
        timeFormatLocale: locale.time,
        tooltip: { theme: dark ? "dark" : "light" }
      });
    }).then(function (result) {
      if (item.result) item.result.finalize();
      Array.prototype.forEach.call(item.box.querySelectorAll(".kt-grafik__hidup"), function (old) {
        if (old !== target) old.remove();
      });
      item.result = result;
      // A screen reader hears the drawn chart as one image with its name (Vega's aria-label, from the
      // spec's description); the figure's "Data grafik" table gives its numbers. Vega's own role words
      // ("visualization", "group mark container") are English, and its marks repeat the table.
      target.setAttribute("role", "img");
      target.removeAttribute("aria-roledescription");
      Array.prototype.forEach.call(target.querySelectorAll("svg"), function (svg) {
        svg.setAttribute("aria-hidden", "true");
      });
      // The drawn chart's name is the caption's summary: heard once, as the image's name.
      var said = item.box.parentNode && item.box.parentNode.querySelector(".kt-grafik__ringkasan");
      if (said) said.setAttribute("aria-hidden", "true");
      target.classList.remove("kt-grafik__hidup--baru");
      item.box.setAttribute("data-status", "hidup");
      if (scheme !== dark) return draw(item); // the reader switched scheme while this was drawing
    }, function (error) {
      target.remove();
      throw error;
    });
  }

  function drawAll() {
    scrolled = window.scrollY > 0 && scrolled;
    // Views of pages left by instant navigation: free their listeners.
    charts = charts.filter(function (item) {
      if (document.body.contains(item.box)) return true;
      if (item.result) item.result.finalize();
      return false;
    });
    var boxes = document.querySelectorAll(".kt-grafik__kanvas[data-grafik]:not([data-status])");
    Array.prototype.forEach.call(boxes, function (box) {
      box.setAttribute("data-status", "menunggu"); // at once, so a second emission skips it
      if (nearScreen) nearScreen.observe(box);
    });
  }

  function start(box) {
    if (box.getAttribute("data-status") !== "menunggu" || !document.body.contains(box)) return;
    if (nearScreen) nearScreen.unobserve(box);
    var item = { box: box, spec: null, result: null };
    box.setAttribute("data-status", "memuat");
    charts.push(item);
    specOf(box).then(function (spec) {
      item.spec = spec;
      return draw(item);
    }).catch(function (error) {
      if (!item.result) box.setAttribute("data-status", "gagal");
      console.warn(error);
    });
  }

  // Once the reader scrolls, charts start drawing when they come within a screen's height of the viewport.
  // Without IntersectionObserver, only hovering or tapping a chart draws it.
  var near = []; // the waiting charts within reach now
  var nearScreen = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      var at = near.indexOf(entry.target);
      if (entry.isIntersecting && at < 0) near.push(entry.target);
      if (!entry.isIntersecting && at >= 0) near.splice(at, 1);
      if (entry.isIntersecting && scrolled) start(entry.target);
    });
  }, { rootMargin: "100% 0px" }) : null;

  window.addEventListener("scroll", function () {
    if (scrolled || window.scrollY <= 0) return;
    scrolled = true;
    near.splice(0).forEach(start);
  }, { passive: true });

  // A reader who points at or taps a chart asks for it.
  function asked(event) {
    var box = event.target && event.target.closest ? event.target.closest(".kt-grafik__kanvas[data-grafik]") : null;
    if (box) start(box);
  }
  document.addEventListener("pointerover", asked, { passive: true });
  document.addEventListener("click", asked);

  new MutationObserver(function () {
    if (isDark() === dark) return;
    dark = isDark();
    charts.forEach(function (item) {
      if (item.result) draw(item).catch(function (error) { console.warn(error); });
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
