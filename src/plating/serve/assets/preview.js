// plating serve: the filter box, the active link, and live updates over server-sent events.
(function () {
  "use strict";

  function applyFilter() {
    var box = document.getElementById("nav-filter");
    var words = box ? box.value.trim().toLowerCase() : "";
    var tree = document.querySelector(".sidebar > #nav-tree");
    if (!tree) { return; }
    tree.querySelectorAll(".nav-link").forEach(function (link) {
      var show = !words || link.dataset.name.indexOf(words) !== -1;
      link.parentElement.classList.toggle("hidden", !show);
    });
    tree.querySelectorAll(".nav-group, .nav-section").forEach(function (block) {
      var visible = block.querySelector("li:not(.hidden)") !== null;
      block.classList.toggle("hidden", !visible);
    });
  }

  function markActive() {
    document.querySelectorAll(".sidebar > #nav-tree .nav-link").forEach(function (link) {
      var active = link.getAttribute("href") === location.pathname;
      link.classList.toggle("active", active);
      if (active) { link.setAttribute("aria-current", "page"); }
    });
  }

  function sizeBars() {
    document.querySelectorAll(".size-fill").forEach(function (bar) {
      bar.style.width = bar.dataset.percent + "%";
    });
  }

  function settle() {
    applyFilter();
    markActive();
    sizeBars();
  }

  // The first element with an id at or below the top of the window, and where it is: the
  // reading position, kept when the page is replaced (findings above it may change height).
  function readingPosition() {
    var page = document.querySelector(".layout > #page");
    var marks = page ? page.querySelectorAll("[id]") : [];
    for (var i = 0; i < marks.length; i++) {
      var top = marks[i].getBoundingClientRect().top;
      if (top >= 0) { return { id: marks[i].id, top: top }; }
    }
    return null;
  }

  function restore(position) {
    var page = document.querySelector(".layout > #page");
    var mark = position && page ? page.querySelector('[id="' + CSS.escape(position.id) + '"]') : null;
    if (mark) { window.scrollBy(0, mark.getBoundingClientRect().top - position.top); }
  }

  var pending = null;
  function refresh() {
    if (pending) { return pending; }
    // The navigation's key: while it is current the server leaves the navigation out.
    var tree = document.querySelector(".sidebar > #nav-tree");
    var known = tree ? tree.dataset.key : "";
    pending = fetch(location.pathname + "?nav=" + encodeURIComponent(known), { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, "text/html");
        var position = readingPosition();
        // By their place, not their id alone: a page may define the same ids (a heading
        // "Nav tree" is #nav-tree), and the fresh page leaves out an unchanged navigation.
        [".sidebar > #nav-tree", ".layout > #page"].forEach(function (selector) {
          var next = fresh.querySelector(selector);
          var old = document.querySelector(selector);
          if (next && old) { old.replaceWith(document.adoptNode(next)); }
        });
        document.title = fresh.title;
        document.documentElement.dataset.version = fresh.documentElement.dataset.version;
        settle();
        restore(position);
      })
      .finally(function () { pending = null; });
    return pending;
  }

  function follow() {
    var live = document.getElementById("live");
    var source = new EventSource("/_plating/events");
    source.addEventListener("update", function (event) {
      var data = JSON.parse(event.data);
      var shown = Number(document.documentElement.dataset.version);
      if (data.version !== shown) {
        refresh().then(function () {
          if (Number(document.documentElement.dataset.version) < data.version) { refresh(); }
        });
      }
    });
    source.addEventListener("open", function () { if (live) { live.classList.remove("offline"); } });
    source.addEventListener("error", function () { if (live) { live.classList.add("offline"); } });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("nav-filter");
    if (box) { box.addEventListener("input", applyFilter); }
    settle();
    follow();
  });
})();
