window.reward = function (ok) { document.body.setAttribute('data-reward', ok ? '1' : '0'); };
