/*!
 * Revierfinder widget loader (Polizei Niedersachsen). Replaces each link
 * <a data-revierfinder data-view="…" …> with a frame of the portal, sized to its content.
 * Without JavaScript, or when the portal cannot be reached, the link simply stays.
 * Sets no cookies, stores nothing, defines no global names. Guide: /widget on the portal.
 *
 * Hand-written and unbundled on purpose: it runs on other websites' pages, so it depends on
 * nothing, runs in old browsers, and stays within 3 KB compressed (the library usually taken,
 * iframe-resizer, is many times that, and GPL-3.0 since version 5).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.URLSearchParams || !window.Map) return;
  var portal = new URL(script.src).origin;
  var frames = new Map(); // widget id -> { frame, link, shown }
  var OPTIONS = ['lang', 'theme', 'layout', 'map'];
  // Give up (and keep the link) when the frame has not reported its size this long after
  // loading, e.g. because the portal is down or refuses this website; or after 20 s in any case.
  var GRACE_MS = 4000;
  var MAX_WAIT_MS = 20000;

  function giveUp(id) {
    var widget = frames.get(id);
    if (!widget || widget.shown) return;
    frames.delete(id);
    widget.frame.remove();
    widget.link.setAttribute('data-revierfinder', 'failed');
  }

  function mount(link) {
    // Already handled: every snippet brings the loader, so it may run several times on a page.
    if (/^(loading|ready|failed)$/.test(link.getAttribute('data-revierfinder'))) return;
    link.setAttribute('data-revierfinder', 'loading');
    var data = link.dataset;
    var id = 'rf-' + Math.random().toString(36).slice(2, 12);
    // Only plain words and ids go into the path; the portal explains anything it does not know.
    var view = /^[a-z]{1,30}$/.test(data.view || '') ? data.view : '';
    var path = '/embed/' + view;
    if (view && view !== 'suche') path += '/' + (/^[\w-]{1,100}$/.test(data.id || '') ? data.id : '-');
    var query = new URLSearchParams();
    OPTIONS.forEach(function (name) {
      if (data[name] != null) query.set(name, data[name]);
    });
    query.set('widget', id);
    query.set('origin', location.origin);

    var frame = document.createElement('iframe');
    frame.src = portal + path + '?' + query;
    frame.title = (link.textContent || '').trim() || 'Revierfinder';
    frame.referrerPolicy = 'no-referrer';
    // Laid out (so the content can measure itself) but invisible until it reports its size.
    frame.style.cssText = 'display:block;width:100%;height:0;border:0;visibility:hidden';
    frames.set(id, { frame: frame, link: link, shown: false });
    frame.addEventListener('load', function () {
      setTimeout(giveUp, GRACE_MS, id);
    });
    setTimeout(giveUp, MAX_WAIT_MS, id);
    link.parentNode.insertBefore(frame, link.nextSibling);
  }

  window.addEventListener('message', function (event) {
    var message = event.data;
    if (event.origin !== portal || !message || message.type !== 'revierfinder:size') return;
    var widget = typeof message.id === 'string' && frames.get(message.id);
    if (!widget || event.source !== widget.frame.contentWindow) return;
    var height = message.height;
    if (typeof height !== 'number' || !(height > 0 && height < 100000)) return;
    widget.frame.style.height = Math.ceil(height) + 'px';
    if (!widget.shown) {
      widget.shown = true;
      widget.frame.style.visibility = '';
      widget.link.style.display = 'none';
      widget.link.setAttribute('data-revierfinder', 'ready');
    }
  });

  function scan() {
    document.querySelectorAll('a[data-revierfinder]').forEach(mount);
  }
  scan();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
})();
