// The page's one SignalR connection to /hubs/chat, shared by every module on the page (chat.js,
// test-call.js, calls.js): each registers the events it cares about on it. One connection, not one
// per module, because the server addresses a tab by its connection: a call that rings "this tab",
// presence, and the echo test would otherwise each see a different tab.
// The browser bundle of @microsoft/signalr (loaded by the layout) defines the global `signalR`.

const connection = new signalR.HubConnectionBuilder()
  // A reconnection's first request can go out on a kept-alive socket into a dead network, where
  // TCP's doubling retransmission holds it for up to a minute after the network is back (in a
  // test of a 45 s outage, 23–26 s after it). Given up after 10 s, the next attempt opens a new
  // connection, whose connect TCP retries within seconds once the network returns.
  .withUrl('/hubs/chat', { timeout: 10000 })
  .withAutomaticReconnect([0, 1000, 2000, 5000, 5000, 5000, 5000, 5000, 5000])
  // A network that changes under the page (Wi-Fi to a hotspot) leaves its WebSocket open and
  // dead; the browser notices only when the server goes quiet. The server pings every 5 s
  // (ChatServiceCollectionExtensions), so 15 s of quiet means it is gone, not SignalR's 30 s.
  .withServerTimeout(15000)
  .configureLogging(signalR.LogLevel.Warning)
  .build();

/** @type {Set<() => Promise<void> | void>} */
const reconnectedCallbacks = new Set();
/** @type {Set<() => void>} */
const lostCallbacks = new Set();

function connectionLost() {
  for (const callback of lostCallbacks) {
    try { callback(); } catch (e) { console.error(e); }
  }
}
connection.onreconnecting(connectionLost);

function reconnected() {
  for (const callback of reconnectedCallbacks) Promise.resolve().then(callback).catch(console.error);
}
connection.onreconnected(reconnected);
// Automatic reconnect gives up after its last delay; keep trying, more slowly, after that. A
// connection started again that way is a reconnection too, for those who missed things meanwhile.
connection.onclose(() => {
  connectionLost();
  setTimeout(() => startUntilConnected().then(reconnected), 5000);
});

async function startUntilConnected() {
  for (;;) {
    try {
      await connection.start();
      return;
    } catch (e) {
      console.warn('hub: could not connect, retrying', e);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

// Module scripts run before DOMContentLoaded. Starting after it lets every module on the page
// register its handlers first, so an event such as callIncoming never arrives unhandled.
const domReady = performance.getEntriesByType('navigation')[0]?.domContentLoadedEventStart > 0
  ? Promise.resolve()
  : new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));

const started = domReady.then(startUntilConnected);

export const hub = Object.freeze({
  /** Resolves once the connection is up the first time. */
  started,

  /** Registers a server → client event handler; several modules may listen to the same event. */
  on(name, handler) {
    connection.on(name, handler);
  },

  off(name, handler) {
    connection.off(name, handler);
  },

  /** Called after the connection comes back, to fetch what was missed meanwhile. */
  onReconnected(callback) {
    reconnectedCallbacks.add(callback);
  },

  /** Called when the connection drops (before any reconnect): the server forgets this tab's connection. */
  onConnectionLost(callback) {
    lostCallbacks.add(callback);
  },

  /** Calls a hub method and returns its result; waits for the first connection. */
  async invoke(method, ...args) {
    await started;
    return connection.invoke(method, ...args);
  },

  /** Fire and forget, for when the page is going away and cannot wait for a result. */
  send(method, ...args) {
    if (connection.state !== signalR.HubConnectionState.Connected) return;
    connection.send(method, ...args).catch(() => {});
  },
});

/**
 * Registers handlers on the shared connection (the older per-module shape, kept for chat.js).
 * @param {Record<string, Function>} handlers server → client events by name
 * @param {() => Promise<void>} onReconnected called after the connection comes back
 */
export function connectHub(handlers, onReconnected) {
  for (const [name, handler] of Object.entries(handlers)) hub.on(name, handler);
  if (onReconnected) hub.onReconnected(onReconnected);
  return hub;
}

/** The readable part of a hub error: the server's HubException message without SignalR's prefix. */
export function hubErrorText(error) {
  const text = String(error?.message ?? error);
  const marker = 'HubException: ';
  const at = text.indexOf(marker);
  return at >= 0 ? text.slice(at + marker.length) : 'Could not send. Check your connection and try again.';
}
