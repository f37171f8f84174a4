/*jshint eqeqeq:false */
(function (window) {
	'use strict';

	/**
	 * Creates a new client side storage object and will create an empty
	 * collection if no collection already exists.
	 */
	function Store(name) {
		this._dbName = name;
		if (!localStorage.getItem(name)) {
			localStorage.setItem(name, JSON.stringify({todos: []}));
		}
	}

	Store.prototype.findAll = function () {
		return JSON.parse(localStorage.getItem(this._dbName)).todos;
	};

	Store.prototype.save = function (todos) {
		localStorage.setItem(this._dbName, JSON.stringify({todos: todos}));
	};

	window.app = window.app || {};
	window.app.Store = Store;
})(window);
