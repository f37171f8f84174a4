(function () {
  'use strict';
  var db = NoteStore.data;
  var view = document.getElementById('view');
  var filterText = '';

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function byId(id) {
    return db.notes.filter(function (n) { return n.id === id; })[0];
  }

  function sorted(list) {
    var s = db.settings.sort;
    return list.slice().sort(function (a, b) {
      if (s === 'title') { return a.title.localeCompare(b.title); }
      if (s === 'oldest') { return a.created < b.created ? -1 : a.created > b.created ? 1 : a.id - b.id; }
      return a.created < b.created ? 1 : a.created > b.created ? -1 : b.id - a.id;
    });
  }

  function toast(text) {
    var t = document.getElementById('toast');
    document.getElementById('toast-text').textContent = text;
    t.hidden = false;
    t.classList.add('show');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { t.classList.remove('show'); t.hidden = true; }, 4000);
  }

  function updateTotal() {
    var active = db.notes.filter(function (n) { return !n.archived; }).length;
    document.getElementById('note-total').textContent = active + (active === 1 ? ' note' : ' notes');
  }

  // ---- notes list ----
  function noteItems() {
    var q = filterText.toLowerCase();
    var items = sorted(db.notes.filter(function (n) {
      return !n.archived && (q === '' || (n.title + ' ' + n.body).toLowerCase().indexOf(q) >= 0);
    }));
    if (items.length === 0) {
      return '<p class="text-muted" id="empty">No notes match.</p>';
    }
    return '<div class="list-group' + (db.settings.compact ? ' list-group-flush' : '') + '">' +
      items.map(function (n) {
        return '<a href="#/notes/' + n.id + '" class="list-group-item list-group-item-action">' +
          '<div class="d-flex"><h5 class="mb-1">' + esc(n.title) + '</h5>' +
          '<span class="badge bg-secondary ms-auto">' + esc(n.category) + '</span></div>' +
          (db.settings.previews ? '<p class="mb-1 small text-muted">' + esc(n.body) + '</p>' : '') +
          '</a>';
      }).join('') + '</div>';
  }

  function renderNotes() {
    view.innerHTML =
      '<div class="d-flex align-items-center mb-3">' +
      '<h1 class="h3 me-auto">Notes</h1>' +
      '<button type="button" class="btn btn-primary" id="new-note">New note</button></div>' +
      '<input type="search" class="form-control mb-3" id="filter" placeholder="Filter notes…" aria-label="Filter notes" value="' + esc(filterText) + '">' +
      '<div id="note-list">' + noteItems() + '</div>';
    var f = document.getElementById('filter');
    f.addEventListener('input', function () {
      filterText = f.value;
      document.getElementById('note-list').innerHTML = noteItems();
    });
    document.getElementById('new-note').addEventListener('click', openNoteModal);
  }

  // ---- one note ----
  function renderNote(id) {
    var n = byId(id);
    if (!n) {
      view.innerHTML = '<div class="alert alert-warning" role="alert">That note does not exist. <a href="#/notes" class="alert-link">Back to notes</a></div>';
      return;
    }
    var words = n.body.split(/\s+/).filter(Boolean).length;
    view.innerHTML =
      '<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="#/notes">Notes</a></li>' +
      '<li class="breadcrumb-item active" aria-current="page">' + esc(n.title) + '</li></ol></nav>' +
      '<h1 class="h3">' + esc(n.title) + (n.archived ? ' <span class="badge bg-warning">Archived</span>' : '') + '</h1>' +
      '<ul class="nav nav-tabs" role="tablist">' +
      tab('content', 'Content', true) + tab('details', 'Details', false) + tab('history', 'History', false) +
      '</ul>' +
      '<div class="tab-content border border-top-0 p-3 mb-3">' +
      '<div class="tab-pane" role="tabpanel" id="pane-content" aria-labelledby="tab-content"><p>' + esc(n.body) + '</p></div>' +
      '<div class="tab-pane" role="tabpanel" id="pane-details" aria-labelledby="tab-details" hidden><dl>' +
      '<dt>Category</dt><dd>' + esc(n.category) + '</dd><dt>Created</dt><dd>' + esc(n.created) + '</dd>' +
      '<dt>Words</dt><dd>' + words + '</dd></dl></div>' +
      '<div class="tab-pane" role="tabpanel" id="pane-history" aria-labelledby="tab-history" hidden><p>Created on ' + esc(n.created) + '.</p></div>' +
      '</div>' +
      '<div class="accordion" id="more">' +
      '<div class="accordion-item"><h2 class="accordion-header">' +
      '<button class="accordion-button collapsed" type="button" aria-expanded="false" aria-controls="more-body" id="more-toggle">More actions</button></h2>' +
      '<div id="more-body" class="accordion-collapse" hidden><div class="accordion-body">' +
      (n.archived
        ? '<button type="button" class="btn btn-outline-secondary me-2" id="restore">Restore</button>'
        : '<button type="button" class="btn btn-outline-secondary me-2" id="archive">Archive</button>') +
      '<button type="button" class="btn btn-outline-danger" id="delete">Delete</button>' +
      '</div></div></div></div>';

    var tabs = view.querySelectorAll('[role=tab]');
    tabs.forEach(function (t) {
      t.addEventListener('click', function () { selectTab(t); });
      t.addEventListener('keydown', function (e) {
        var i = Array.prototype.indexOf.call(tabs, t);
        if (e.key === 'ArrowRight') { selectTab(tabs[(i + 1) % tabs.length]); tabs[(i + 1) % tabs.length].focus(); }
        if (e.key === 'ArrowLeft') { selectTab(tabs[(i + tabs.length - 1) % tabs.length]); tabs[(i + tabs.length - 1) % tabs.length].focus(); }
      });
    });
    var toggle = document.getElementById('more-toggle');
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      toggle.classList.toggle('collapsed', open);
      document.getElementById('more-body').hidden = open;
    });
    var archive = document.getElementById('archive') || document.getElementById('restore');
    archive.addEventListener('click', function () {
      n.archived = !n.archived;
      NoteStore.save();
      toast(n.archived ? 'Note archived' : 'Note restored');
      location.hash = n.archived ? '#/archive' : '#/notes';
    });
    document.getElementById('delete').addEventListener('click', function () {
      confirmDelete(n);
    });
  }

  function tab(key, label, selected) {
    return '<li class="nav-item" role="presentation"><button class="nav-link' + (selected ? ' active' : '') +
      '" id="tab-' + key + '" role="tab" type="button" aria-controls="pane-' + key + '" aria-selected="' + selected +
      '"' + (selected ? '' : ' tabindex="-1"') + '>' + label + '</button></li>';
  }

  function selectTab(t) {
    view.querySelectorAll('[role=tab]').forEach(function (o) {
      var on = o === t;
      o.setAttribute('aria-selected', String(on));
      o.classList.toggle('active', on);
      if (on) { o.removeAttribute('tabindex'); } else { o.setAttribute('tabindex', '-1'); }
      document.getElementById(o.getAttribute('aria-controls')).hidden = !on;
    });
  }

  // ---- archive ----
  function renderArchive() {
    var items = sorted(db.notes.filter(function (n) { return n.archived; }));
    view.innerHTML = '<h1 class="h3 mb-3">Archive</h1>' + (items.length === 0
      ? '<p class="text-muted">Nothing archived.</p>'
      : '<ul class="list-group">' + items.map(function (n) {
        return '<li class="list-group-item d-flex"><a class="me-auto" href="#/notes/' + n.id + '">' + esc(n.title) + '</a>' +
          '<button type="button" class="btn btn-sm btn-link" data-restore="' + n.id + '">Restore</button></li>';
      }).join('') + '</ul>');
    view.querySelectorAll('[data-restore]').forEach(function (b) {
      b.addEventListener('click', function () {
        byId(parseInt(b.getAttribute('data-restore'), 10)).archived = false;
        NoteStore.save();
        toast('Note restored');
        render();
      });
    });
  }

  // ---- settings ----
  function sw(key, label) {
    var on = !!db.settings[key];
    return '<div class="form-check form-switch">' +
      '<div class="switch' + (on ? ' on' : '') + '" role="switch" tabindex="0" aria-checked="' + on + '" aria-labelledby="lbl-' + key + '" data-key="' + key + '"></div>' +
      '<span class="form-check-label" id="lbl-' + key + '">' + label + '</span></div>';
  }

  function radio(value, label) {
    return '<div class="form-check"><input class="form-check-input" type="radio" name="sort" id="sort-' + value + '" value="' + value + '"' +
      (db.settings.sort === value ? ' checked' : '') + '><label class="form-check-label" for="sort-' + value + '">' + label + '</label></div>';
  }

  function renderSettings() {
    view.innerHTML = '<h1 class="h3 mb-3">Settings</h1>' +
      '<section class="card mb-3"><div class="card-body"><h2 class="h5 card-title">Display</h2>' +
      sw('darkMode', 'Dark mode') + sw('previews', 'Show previews') + sw('compact', 'Compact list') +
      '</div></section>' +
      '<section class="card"><div class="card-body"><h2 class="h5 card-title">Sort notes by</h2>' +
      '<div role="radiogroup" aria-label="Sort notes by">' +
      radio('newest', 'Newest first') + radio('oldest', 'Oldest first') + radio('title', 'Title') +
      '</div></div></section>';
    view.querySelectorAll('[role=switch]').forEach(function (s) {
      function flip() {
        var key = s.getAttribute('data-key');
        db.settings[key] = !db.settings[key];
        s.setAttribute('aria-checked', String(db.settings[key]));
        s.classList.toggle('on', db.settings[key]);
        NoteStore.save();
        applyTheme();
      }
      s.addEventListener('click', flip);
      s.addEventListener('keydown', function (e) {
        if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); flip(); }
      });
    });
    view.querySelectorAll('input[name=sort]').forEach(function (r) {
      r.addEventListener('change', function () {
        db.settings.sort = r.value;
        NoteStore.save();
      });
    });
  }

  function applyTheme() {
    document.body.classList.toggle('theme-dark', !!db.settings.darkMode);
  }

  // ---- the new-note dialog and its category picker ----
  var modal = document.getElementById('note-modal');
  var backdrop = document.getElementById('backdrop');
  var combo = document.getElementById('category-combo');
  var list = document.getElementById('category-list');
  var lastFocus = null;

  function openNoteModal() {
    lastFocus = document.activeElement;
    document.getElementById('note-title').value = '';
    document.getElementById('note-body').value = '';
    document.getElementById('note-title').classList.remove('is-invalid');
    pickCategory(document.getElementById('cat-personal'));
    modal.hidden = false;
    backdrop.hidden = false;
    modal.classList.add('show');
    document.getElementById('note-title').focus();
  }

  function closeModal(m) {
    m.hidden = true;
    m.classList.remove('show');
    backdrop.hidden = true;
    closeList();
    if (lastFocus && lastFocus.focus) { lastFocus.focus(); }
  }

  modal.querySelectorAll('[data-dismiss=modal]').forEach(function (b) {
    b.addEventListener('click', function () { closeModal(modal); });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') { return; }
    if (!list.hidden) { closeList(); combo.focus(); return; }
    if (!modal.hidden) { closeModal(modal); }
    var c = document.getElementById('confirm-modal');
    if (!c.hidden) { closeModal(c); }
  });

  document.getElementById('save-note').addEventListener('click', function () {
    var title = document.getElementById('note-title').value.trim();
    if (!title) {
      document.getElementById('note-title').classList.add('is-invalid');
      document.getElementById('note-title').setAttribute('aria-invalid', 'true');
      return;
    }
    var today = new Date().toISOString().slice(0, 10);
    db.notes.push({ id: db.nextId++, title: title, body: document.getElementById('note-body').value.trim(),
      category: document.getElementById('category-value').textContent, archived: false, created: today });
    NoteStore.save();
    closeModal(modal);
    toast('Note saved');
    render();
  });

  function openList() {
    list.hidden = false;
    combo.setAttribute('aria-expanded', 'true');
    var sel = list.querySelector('[aria-selected=true]');
    highlight(sel);
  }

  function closeList() {
    list.hidden = true;
    combo.setAttribute('aria-expanded', 'false');
    combo.removeAttribute('aria-activedescendant');
  }

  function highlight(opt) {
    list.querySelectorAll('[role=option]').forEach(function (o) { o.classList.toggle('active', o === opt); });
    combo.setAttribute('aria-activedescendant', opt.id);
  }

  function pickCategory(opt) {
    list.querySelectorAll('[role=option]').forEach(function (o) {
      o.setAttribute('aria-selected', String(o === opt));
    });
    document.getElementById('category-value').textContent = opt.textContent;
  }

  combo.addEventListener('click', function () {
    if (list.hidden) { openList(); } else { closeList(); }
  });
  combo.addEventListener('keydown', function (e) {
    var opts = Array.prototype.slice.call(list.querySelectorAll('[role=option]'));
    var cur = opts.indexOf(document.getElementById(combo.getAttribute('aria-activedescendant')));
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) { openList(); return; }
      var next = e.key === 'ArrowDown' ? Math.min(opts.length - 1, cur + 1) : Math.max(0, cur - 1);
      highlight(opts[next]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (list.hidden) { openList(); } else { pickCategory(opts[Math.max(0, cur)]); closeList(); }
    }
  });
  list.querySelectorAll('[role=option]').forEach(function (o) {
    o.addEventListener('click', function () { pickCategory(o); closeList(); combo.focus(); });
  });

  // ---- delete confirmation ----
  function confirmDelete(n) {
    var c = document.getElementById('confirm-modal');
    lastFocus = document.activeElement;
    document.getElementById('confirm-text').textContent = '"' + n.title + '" will be deleted. This cannot be undone.';
    c.hidden = false;
    backdrop.hidden = false;
    c.classList.add('show');
    document.getElementById('confirm-cancel').focus();
    document.getElementById('confirm-ok').onclick = function () {
      db.notes = db.notes.filter(function (x) { return x !== n; });
      NoteStore.save();
      closeModal(c);
      toast('Note deleted');
      location.hash = '#/notes';
    };
  }
  document.getElementById('confirm-cancel').addEventListener('click', function () {
    closeModal(document.getElementById('confirm-modal'));
  });

  // ---- routing ----
  function render() {
    var parts = (location.hash || '#/notes').replace(/^#\/?/, '').split('/');
    var route = parts[0] || 'notes';
    document.querySelectorAll('.nav-link[data-route]').forEach(function (a) {
      var on = a.getAttribute('data-route') === route;
      a.classList.toggle('active', on);
      if (on) { a.setAttribute('aria-current', 'page'); } else { a.removeAttribute('aria-current'); }
    });
    if (route === 'notes' && parts[1]) {
      renderNote(parseInt(parts[1], 10));
      document.title = 'Note · Notebook';
    } else if (route === 'archive') {
      renderArchive();
      document.title = 'Archive · Notebook';
    } else if (route === 'settings') {
      renderSettings();
      document.title = 'Settings · Notebook';
    } else {
      renderNotes();
      document.title = 'Notes · Notebook';
    }
    updateTotal();
  }

  window.addEventListener('hashchange', render);
  applyTheme();
  render();
})();
