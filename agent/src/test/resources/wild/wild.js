/*
 * Shared by every page of the wild corpus, in the manner of MiniWoB's core.js: reads the case id
 * and the page's configuration from the query string (?case=ID&cfg=base64url(JSON)), optionally
 * shows the instruction above the task area, and reports the episode's reward once.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var cfg = {};
  var raw = params.get('cfg');
  if (raw) {
    var b64 = raw.replace(/-/g, '+').replace(/_/g, '/');
    var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
    cfg = JSON.parse(new TextDecoder().decode(bytes));
  }
  var reported = false;

  window.Wild = {
    caseId: params.get('case') || 'unnamed',
    config: cfg,
    /** Reports the reward of this episode; every later call is ignored. */
    score: function (reward, detail) {
      if (reported) { return; }
      reported = true;
      Wild.result = { reward: reward ? 1 : 0, detail: String(detail || '') };
      fetch('/__score', {
        method: 'POST',
        keepalive: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ case: Wild.caseId, reward: reward ? 1 : 0, detail: String(detail || '') })
      });
    },
    reported: function () { return reported; },
    esc: function (s) {
      return String(s).replace(/[&<>"']/g, function (c) {
        return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
      });
    },
    /** Shows the instruction in a query box, as MiniWoB does, when the case asks for it. */
    showQuery: function () {
      if (!cfg.query) { return; }
      var q = document.createElement('div');
      q.id = 'query';
      q.className = 'wild-query';
      q.textContent = cfg.query;
      q.style.cssText = 'background:#ff0;padding:6px;margin:0 0 8px;font:14px sans-serif;max-width:480px';
      document.body.insertBefore(q, document.body.firstChild);
    }
  };
  document.addEventListener('DOMContentLoaded', Wild.showQuery);
})();
