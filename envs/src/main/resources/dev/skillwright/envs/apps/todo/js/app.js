/*global qs, qsa, $on, $delegate, $parent, escapeForHTML */
(function () {
	'use strict';

	var ENTER_KEY = 13;
	var ESCAPE_KEY = 27;

	var store = new window.app.Store('todos-vanillajs');
	var todos = store.findAll();
	var filter = '';

	var $todoList = qs('.todo-list');
	var $todoItemCounter = qs('.todo-count');
	var $clearCompleted = qs('.clear-completed');
	var $main = qs('.main');
	var $footer = qs('.footer');
	var $toggleAll = qs('.toggle-all');
	var $newTodo = qs('.new-todo');

	function save() {
		store.save(todos);
	}

	function visible() {
		return todos.filter(function (t) {
			if (filter === 'active') { return !t.completed; }
			if (filter === 'completed') { return t.completed; }
			return true;
		});
	}

	function itemHtml(t) {
		return '<li data-id="' + t.id + '"' + (t.completed ? ' class="completed"' : '') + '>' +
			'<div class="view">' +
			'<input class="toggle" type="checkbox"' + (t.completed ? ' checked' : '') + '>' +
			'<label>' + escapeForHTML(t.title) + '</label>' +
			'<button class="destroy"></button>' +
			'</div>' +
			'</li>';
	}

	function render() {
		$todoList.innerHTML = visible().map(itemHtml).join('');
		var active = todos.filter(function (t) { return !t.completed; }).length;
		var completed = todos.length - active;
		$todoItemCounter.innerHTML = '<strong>' + active + '</strong> item' +
			(active === 1 ? '' : 's') + ' left';
		$clearCompleted.style.display = completed > 0 ? 'block' : 'none';
		$main.style.display = todos.length > 0 ? 'block' : 'none';
		$footer.style.display = todos.length > 0 ? 'block' : 'none';
		$toggleAll.checked = todos.length > 0 && completed === todos.length;
		qsa('.filters a').forEach(function (a) {
			a.className = a.getAttribute('href') === '#/' + filter ? 'selected' : '';
		});
	}

	function idOf(element) {
		var li = $parent(element, 'li');
		return parseInt(li.dataset.id, 10);
	}

	function find(id) {
		return todos.filter(function (t) { return t.id === id; })[0];
	}

	$on($newTodo, 'keypress', function (event) {
		if (event.keyCode !== ENTER_KEY) { return; }
		var title = $newTodo.value.trim();
		if (title === '') { return; }
		todos.push({id: Date.now() + todos.length, title: title, completed: false});
		save();
		$newTodo.value = '';
		render();
	});

	$on($toggleAll, 'change', function () {
		var checked = $toggleAll.checked;
		todos.forEach(function (t) { t.completed = checked; });
		save();
		render();
	});

	$on($clearCompleted, 'click', function () {
		todos = todos.filter(function (t) { return !t.completed; });
		save();
		render();
	});

	$delegate($todoList, '.toggle', 'click', function () {
		var t = find(idOf(this));
		t.completed = this.checked;
		save();
		render();
	});

	$delegate($todoList, '.destroy', 'click', function () {
		var id = idOf(this);
		todos = todos.filter(function (t) { return t.id !== id; });
		save();
		render();
	});

	$delegate($todoList, 'li label', 'dblclick', function () {
		var li = $parent(this, 'li');
		var t = find(idOf(this));
		li.className = li.className + ' editing';
		var input = document.createElement('input');
		input.className = 'edit';
		input.value = t.title;
		li.appendChild(input);
		input.focus();
	});

	function finishEdit(input, keep) {
		if (input.dataset.done) { return; }
		input.dataset.done = '1';
		var t = find(idOf(input));
		if (keep) {
			var title = input.value.trim();
			if (title) {
				t.title = title;
			} else {
				todos = todos.filter(function (x) { return x !== t; });
			}
			save();
		}
		render();
	}

	$delegate($todoList, 'li .edit', 'blur', function () {
		finishEdit(this, true);
	});

	$delegate($todoList, 'li .edit', 'keypress', function (event) {
		if (event.keyCode === ENTER_KEY) {
			finishEdit(this, true);
		}
	});

	$delegate($todoList, 'li .edit', 'keyup', function (event) {
		if (event.keyCode === ESCAPE_KEY) {
			finishEdit(this, false);
		}
	});

	function route() {
		var hash = document.location.hash.split('/')[1] || '';
		filter = hash === 'active' || hash === 'completed' ? hash : '';
		render();
	}

	$on(window, 'hashchange', route);
	$on(window, 'load', route);
	route();
})();
