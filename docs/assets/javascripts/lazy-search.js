/* Load the search only when the reader goes for it, not with every page.
 *
 * Material starts its search at page load: it downloads the whole search index (search/search_index.json
 * over http, search/search_index.js from file://) and starts a worker that indexes it, while the page is
 * still loading. This script, run before Material's bundle, holds both back until the reader focuses or
 * opens the search box, hovers or touches the search button, or opens a page with ?q= in its address; then
 * everything Material asked for goes out, in the same order. Search works as before, over http and from
 * file:// (where the worker is iframe-worker's shim), once the index arrives. Without JavaScript nothing
 * changes: Material's search needs it anyway. */
(function () {
  "use strict";
  var started = false;
  var waiting = [];
  var INDEX = /search\/search_index\.js(on)?(\?|$)/;

  function start() {
    if (started) return;
    started = true;
    var queue = waiting;
    waiting = [];
    queue.forEach(function (go) { go(); });
  }
  function later(go) {
    if (started) go(); else waiting.push(go);
  }

  // The index over http: Material asks for it with XMLHttpRequest.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__lazySearch = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.__lazySearch || started) return send.apply(request, args);
    later(function () { send.apply(request, args); });
  };

  // The index from file://: Material adds a <script> for search_index.js to the head.
  var append = Node.prototype.appendChild;
  Node.prototype.appendChild = function (node) {
    if (!started && node && node.tagName === "SCRIPT" && INDEX.test(node.src || "")) {
      var parent = this;
      later(function () { append.call(parent, node); });
      return node;
    }
    return append.call(this, node);
  };

  // The worker that indexes: started on first use; messages sent before that wait in order.
  var Real = window.Worker;
  if (typeof Real === "function" && typeof EventTarget === "function") {
    var Lazy = function (url, options) {
      var target = new EventTarget(), real = null, queue = [];
      function relay(event) {
        var copy = event.type === "message" ? new MessageEvent("message", { data: event.data }) : new Event(event.type);
        target.dispatchEvent(copy);
        var handler = target["on" + event.type];
        if (typeof handler === "function") handler.call(target, copy);
      }
      target.postMessage = function (message) {
        if (real) real.postMessage(message); else queue.push(message);
      };
      target.terminate = function () {
        if (real) real.terminate();
        queue = [];
      };
      later(function () {
        real = new Real(url, options);
        real.addEventListener("message", relay);
        real.addEventListener("error", relay);
        queue.splice(0).forEach(function (message) { real.postMessage(message); });
      });
      return target;
    };
    window.Worker = function (url, options) {
      return /search/.test(String(url)) ? Lazy(url, options) : new Real(url, options);
    };
  }

  // What counts as going for the search.
  if (/[?&]q=/.test(location.search)) start();
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches("[data-md-component=search-query]")) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") start();
  });
  ["pointerover", "touchstart", "mousedown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target && event.target.closest && event.target.closest("label[for=__search], .md-search")) start();
    }, { passive: true });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" || event.key === "s" || event.key === "f" || event.key === "S" || event.key === "F") start();
  });
})();
