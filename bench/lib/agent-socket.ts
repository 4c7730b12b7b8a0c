import WebSocket from 'ws';

/**
 * Opens a console socket with an agent's session cookie and calls `onMessage` with the body of every
 * `message.created` whose text contains `marker`, and the moment it arrived (performance.now()).
 */
export function openAgentSocket(baseUrl: string, cookie: string, marker: string, onMessage: (body: string, at: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/realtime`, { headers: { cookie } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.on('message', (data) => {
      const at = performance.now();
      const text = String(data);
      if (!text.includes(marker)) return;
      const parsed = JSON.parse(text) as { event?: { type: string; payload: { message?: { body: string } } } };
      if (parsed.event?.type === 'message.created' && parsed.event.payload.message) onMessage(parsed.event.payload.message.body, at);
    });
  });
}
