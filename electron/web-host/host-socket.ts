import type { WebSocket } from 'ws';
import { MAX_HOST_REQUEST_BYTES } from '../../shared/host-api';
import { parseHostRequest, tooLargeResponse, type HostResponse } from '../../shared/host-api/wire';
import type { Dispatch } from '../services/host-api/dispatcher';

/**
 * One page's HostApi socket. A request over MAX_HOST_REQUEST_BYTES is answered with an error
 * under its own id and the socket stays open: closing it (1009) would fail every other request
 * the page has in flight. Frames past the socket's hard cap (MAX_HOST_FRAME_BYTES) still close it.
 */
export function serveHostApi(ws: WebSocket, dispatch: Dispatch, log: (message: string) => void): void {
  const answer = (response: HostResponse) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
  };
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? undefined : data.toString();
    const request = text === undefined ? undefined : parseHostRequest(text);
    if (!request) {
      log('web-host: dropped a malformed HostApi request');
      ws.close(1003, 'malformed request');
      return;
    }
    if (Buffer.byteLength(text ?? '') > MAX_HOST_REQUEST_BYTES) {
      log(`web-host: refused an oversized HostApi request (${request.method.replace(/[^\w]/g, '?')})`);
      answer(tooLargeResponse(request.id, MAX_HOST_REQUEST_BYTES));
      return;
    }
    void dispatch(request.method, request.args).then((result) => answer({ id: request.id, result }));
  });
  ws.on('error', (error) => log(`web-host: socket error ${error.message}`));
}
