/*
 * Revierfinder widget, inside the frame: reports the content's height to the host page, so the
 * loader can size the frame without an inner scrollbar. Sends only to the host origin the server
 * has checked against the allowlist (data-origin), and only the height: no data about anyone.
 */
(function () {
  'use strict';
  var root = document.documentElement;
  var id = root.getAttribute('data-widget');
  var origin = root.getAttribute('data-origin');
  if (!id || !origin || window.parent === window) return;
  var last = -1;
  function send() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'revierfinder:size', id: id, height: height }, origin);
  }
  var started = false;
  function start() {
    if (started) return;
    started = true;
    if ('ResizeObserver' in window) new ResizeObserver(send).observe(root);
    else window.addEventListener('resize', send);
    send();
  }
  // After the frame's own scripts, which may add a line (the next Sprechstunde): this deferred
  // script runs before the page's module scripts, DOMContentLoaded after all of them. The host
  // then sizes the frame once, not twice.
  if (document.readyState === 'complete') start();
  else {
    document.addEventListener('DOMContentLoaded', start);
    window.addEventListener('load', start);
  }
})();
