// One SignalR connection per page to /hubs/chat. The browser bundle of @microsoft/signalr
// (restored from npm by the build) defines the global `signalR`.

/**
 * @param {Record<string, Function>} handlers server → client events by name
 * @param {() => Promise<void>} onReconnected called after the connection comes back
 */
export function connectHub(handlers, onReconnected) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/chat')
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 20000])
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
  connection.onreconnected(() => onReconnected().catch(console.error));
  connection.onclose(() => setTimeout(() => start().catch(console.error), 5000));

  async function start() {
    await connection.start();
  }
  const started = start();
  return {
    started,
    async invoke(method, ...args) {
      await started;
      return connection.invoke(method, ...args);
    },
  };
}

/** The readable part of a hub error: the server's HubException message without SignalR's prefix. */
export function hubErrorText(error) {
  const text = String(error?.message ?? error);
  const marker = 'HubException: ';
  const at = text.indexOf(marker);
  return at >= 0 ? text.slice(at + marker.length) : 'Could not send. Check your connection and try again.';
}
