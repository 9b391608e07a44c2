/* global window, location */
/* Browser mode (issue 19): asks the web host for the bootstrap before the entry runs; served as
   it is, so kept small, ES2017, ASCII. What and why: renderer/src/host/early-host.ts. */
(function () {
  'use strict';
  // Electron; or the engine ran first and marked that it opened its own socket.
  if (window.warmline || window.warmlineEarlyHost) return;
  var token = null;
  try {
    token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
    if (token === null) token = localStorage.getItem('warmline.hostToken');
  } catch (e) {
    // Storage off: the engine says what to do.
  }
  if (!token) return;
  var ws;
  try {
    var query = new URLSearchParams({ token: token }).toString();
    ws = new WebSocket((location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + '/host?' + query);
  } catch (e) {
    return;
  }
  // Bounded: a flood before the engine takes the socket closes it (then not adopted).
  var MAX_KEPT = 64;
  var received = [];
  var taken = false;
  var keep = function (event) {
    if (received.length >= MAX_KEPT) ws.close();
    else received.push(String(event.data));
  };
  ws.addEventListener('message', keep);
  // Id 0: the engine numbers its own requests from 1.
  ws.addEventListener('open', function () {
    ws.send('{"id":0,"method":"bootstrap","args":[]}');
  });
  window.warmlineEarlyHost = {
    take: function () {
      if (taken) return undefined;
      taken = true;
      ws.removeEventListener('message', keep);
      if (ws.readyState !== WebSocket.CONNECTING && ws.readyState !== WebSocket.OPEN) return undefined;
      return { socket: ws, received: received.splice(0) };
    },
  };
})();
