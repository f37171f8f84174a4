(function () {
  'use strict';
  var KEY = 'taskboard-state';
  var COLUMNS = [
    { key: 'todo', name: 'To do' },
    { key: 'doing', name: 'In progress' },
    { key: 'done', name: 'Done' }
  ];
  var PAGE_SIZE = 5;

  function seed() {
    var titles = [
      ['Write release notes', 'todo'], ['Fix login redirect', 'doing'], ['Update dependencies', 'todo'],
      ['Design empty state', 'done'], ['Review pull request #42', 'doing'], ['Plan sprint 7', 'todo'],
      ['Add dark theme', 'todo'], ['Migrate to new CI', 'done'], ['Customer call notes', 'done'],
      ['Refactor settings page', 'todo'], ['Benchmark search', 'doing'], ['Translate onboarding', 'todo']
    ];
    return { next: titles.length + 1, cards: titles.map(function (t, i) { return { id: i + 1, title: t[0], column: t[1] }; }) };
  }

  var state = JSON.parse(localStorage.getItem(KEY) || 'null');
  if (!state) {
    state = seed();
    localStorage.setItem(KEY, JSON.stringify(state));
  }
  function save() { localStorage.setItem(KEY, JSON.stringify(state)); }

  var root = document.getElementById('root');
  var menu = document.getElementById('card-menu');
  var menuList = document.getElementById('card-menu-list');
  var menuFor = null;
  var menuButton = null;
  var undo = null;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function card(id) { return state.cards.filter(function (c) { return c.id === id; })[0]; }
  function inColumn(key) { return state.cards.filter(function (c) { return c.column === key; }); }

  function cardHtml(c) {
    return '<li class="mdc-card" role="listitem" data-id="' + c.id + '">' +
      '<span class="mdc-card__title">' + esc(c.title) + '</span>' +
      '<div class="mdc-icon-button" role="button" tabindex="0" aria-label="More options" aria-haspopup="menu" aria-expanded="false" data-menu="' + c.id + '">' +
      '<span class="material-icons" aria-hidden="true">more_vert</span></div></li>';
  }

  function renderBoard() {
    root.innerHTML = '<main class="board">' + COLUMNS.map(function (col) {
      var cards = inColumn(col.key);
      return '<section class="column" aria-labelledby="h-' + col.key + '">' +
        '<div class="column__header"><h2 class="mdc-typography--headline6" id="h-' + col.key + '">' + col.name + '</h2>' +
        '<span class="mdc-chip" aria-label="' + cards.length + ' cards">' + cards.length + '</span></div>' +
        '<ul class="mdc-list" role="list">' + cards.map(cardHtml).join('') + '</ul>' +
        '<label class="mdc-text-field mdc-text-field--filled">' +
        '<span class="mdc-text-field__ripple"></span>' +
        '<input class="mdc-text-field__input" type="text" placeholder="+ Add a card" data-add="' + col.key + '">' +
        '<span class="mdc-line-ripple"></span></label>' +
        '</section>';
    }).join('') + '</main>';
    root.querySelectorAll('[data-add]').forEach(function (input) {
      input.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter') { return; }
        var title = input.value.trim();
        if (!title) { return; }
        state.cards.push({ id: state.next++, title: title, column: input.getAttribute('data-add') });
        save();
        var key = input.getAttribute('data-add');
        render();
        root.querySelector('[data-add=' + key + ']').focus();
      });
    });
    bindMenus();
  }

  function renderAll(page) {
    var pages = Math.max(1, Math.ceil(state.cards.length / PAGE_SIZE));
    page = Math.min(Math.max(1, page || 1), pages);
    var slice = state.cards.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    root.innerHTML = '<main class="all">' +
      '<h1 class="mdc-typography--headline5">All cards</h1>' +
      '<p class="mdc-typography--body2" id="summary">' + state.cards.length + ' cards</p>' +
      '<ul class="mdc-list mdc-list--two-line" role="list">' + slice.map(function (c) {
        var col = COLUMNS.filter(function (k) { return k.key === c.column; })[0];
        return '<li class="mdc-list-item" role="listitem" data-id="' + c.id + '"><span class="mdc-list-item__text">' +
          '<span class="mdc-list-item__primary-text">' + esc(c.title) + '</span>' +
          '<span class="mdc-list-item__secondary-text">' + col.name + '</span></span>' +
          '<div class="mdc-icon-button" role="button" tabindex="0" aria-label="More options" aria-haspopup="menu" aria-expanded="false" data-menu="' + c.id + '">' +
          '<span class="material-icons" aria-hidden="true">more_vert</span></div></li>';
      }).join('') + '</ul>' +
      '<div class="pager"><button class="mdc-button" id="prev"' + (page === 1 ? ' disabled' : '') + '><span class="mdc-button__label">Previous</span></button>' +
      '<span class="pager__label" id="page-label">Page ' + page + ' of ' + pages + '</span>' +
      '<button class="mdc-button" id="next"' + (page === pages ? ' disabled' : '') + '><span class="mdc-button__label">Next</span></button></div>' +
      '</main>';
    document.getElementById('prev').addEventListener('click', function () { location.hash = '#/all/' + (page - 1); });
    document.getElementById('next').addEventListener('click', function () { location.hash = '#/all/' + (page + 1); });
    bindMenus();
  }

  // ---- the per-card menu ----
  function bindMenus() {
    root.querySelectorAll('[data-menu]').forEach(function (b) {
      b.addEventListener('click', function (e) { e.stopPropagation(); openMenu(b); });
      b.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ' || e.key === 'ArrowDown') { e.preventDefault(); openMenu(b); }
      });
    });
  }

  function openMenu(button) {
    closeMenu();
    var c = card(parseInt(button.getAttribute('data-menu'), 10));
    menuFor = c;
    menuButton = button;
    var items = COLUMNS.filter(function (k) { return k.key !== c.column; }).map(function (k) {
      return '<div class="mdc-list-item" role="menuitem" tabindex="-1" data-move="' + k.key + '"><span class="mdc-list-item__text">Move to ' + k.name + '</span></div>';
    });
    items.push('<div class="mdc-list-divider" role="separator"></div>');
    items.push('<div class="mdc-list-item" role="menuitem" tabindex="-1" data-act="rename"><span class="mdc-list-item__text">Rename</span></div>');
    items.push('<div class="mdc-list-item" role="menuitem" tabindex="-1" data-act="delete"><span class="mdc-list-item__text">Delete</span></div>');
    menuList.innerHTML = items.join('');
    var r = button.getBoundingClientRect();
    menu.style.top = (r.bottom + window.scrollY) + 'px';
    menu.style.left = Math.max(0, r.right - 200 + window.scrollX) + 'px';
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    var all = menuList.querySelectorAll('[role=menuitem]');
    all.forEach(function (it, i) {
      it.addEventListener('click', function (e) { e.stopPropagation(); act(it); });
      it.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowDown') { e.preventDefault(); all[(i + 1) % all.length].focus(); }
        if (e.key === 'ArrowUp') { e.preventDefault(); all[(i + all.length - 1) % all.length].focus(); }
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); act(it); }
        if (e.key === 'Escape' || e.key === 'Tab') { closeMenu(); button.focus(); }
      });
    });
    all[0].focus();
  }

  function closeMenu() {
    menu.hidden = true;
    if (menuButton && document.body.contains(menuButton)) { menuButton.setAttribute('aria-expanded', 'false'); }
    menuButton = null;
  }
  document.addEventListener('click', function (e) {
    if (!menu.hidden && !menu.contains(e.target)) { closeMenu(); }
  });

  function act(item) {
    var c = menuFor;
    var button = menuButton;
    closeMenu();
    if (item.hasAttribute('data-move')) {
      c.column = item.getAttribute('data-move');
      save();
      snackbar('Moved "' + c.title + '"', null);
      render();
    } else if (item.getAttribute('data-act') === 'delete') {
      var index = state.cards.indexOf(c);
      state.cards.splice(index, 1);
      save();
      snackbar('Card deleted', function () { state.cards.splice(index, 0, c); save(); render(); });
      render();
    } else {
      rename(c, button);
    }
  }

  function rename(c, button) {
    var li = button.closest('li');
    var title = li.querySelector('.mdc-card__title, .mdc-list-item__primary-text');
    var input = document.createElement('input');
    input.className = 'mdc-text-field__input rename';
    input.value = c.title;
    input.setAttribute('aria-label', 'Card title');
    title.replaceWith(input);
    input.focus();
    input.select();
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        var v = input.value.trim();
        if (v) { c.title = v; save(); }
        render();
      } else if (e.key === 'Escape') {
        render();
      }
    });
  }

  function snackbar(text, onUndo) {
    var s = document.getElementById('snackbar');
    document.getElementById('snackbar-label').textContent = text;
    var u = document.getElementById('snackbar-undo');
    u.hidden = !onUndo;
    undo = onUndo;
    s.hidden = false;
    clearTimeout(snackbar.timer);
    snackbar.timer = setTimeout(function () { s.hidden = true; undo = null; }, 5000);
  }
  document.getElementById('snackbar-undo').addEventListener('click', function () {
    if (undo) { undo(); undo = null; }
    document.getElementById('snackbar').hidden = true;
  });

  function render() {
    var parts = (location.hash || '#/board').replace(/^#\/?/, '').split('/');
    var route = parts[0] === 'all' ? 'all' : 'board';
    ['board', 'all'].forEach(function (k) {
      var t = document.getElementById('tab-' + k);
      t.setAttribute('aria-selected', String(k === route));
      t.classList.toggle('mdc-tab--active', k === route);
    });
    document.getElementById('all-count').textContent = state.cards.length;
    if (route === 'all') { renderAll(parseInt(parts[1], 10) || 1); } else { renderBoard(); }
  }

  window.addEventListener('hashchange', render);
  render();
})();
