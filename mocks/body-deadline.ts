// A request body that must arrive in full within a time limit, or fails with an error the provider renders.
import { setTimeout as realSetTimeout, clearTimeout as realClearTimeout } from 'node:timers';
import { DoubleError } from '../core/errors.ts';

/** How long an intercepted request may take to deliver its body (a real server's request timeout). */
export const BODY_DEADLINE_MS = 5_000;

/**
 * Under MSW nothing times a request out: a client that announces more bytes than it sends (a
 * `Content-Length` longer than its body) would wait for ever. The body is handed on as a stream that
 * fails after `ms` with a DoubleError, which the harness renders in the provider's own error format.
 * The timer is node:timers' (not the global one) so that fake timers in a test do not stop it, and it
 * does not keep the process alive.
 */
export function withBodyDeadline(request: Request, ms = BODY_DEADLINE_MS): Request {
  if (!request.body) return request;
  const reader = request.body.getReader();
  const announced = request.headers.get('content-length');
  let received = 0;
  let timer: ReturnType<typeof realSetTimeout> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = realSetTimeout(() => {
        const sent = announced !== null ? `Content-Length announced ${announced} bytes, ${received} arrived` : `${received} bytes arrived`;
        controller.error(
          new DoubleError('invalid_request', `The request body did not arrive in full within ${ms / 1000} s (${sent}); is the Content-Length right?`, {
            field: 'Content-Length',
          }),
        );
        void reader.cancel().catch(() => undefined);
      }, ms);
      timer.unref?.();
    },
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        realClearTimeout(timer);
        controller.error(error);
        return;
      }
      if (chunk.done) {
        realClearTimeout(timer);
        controller.close();
        return;
      }
      received += chunk.value.byteLength;
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      realClearTimeout(timer);
      return reader.cancel(reason);
    },
  });
  return new Request(request, { body, duplex: 'half' } as RequestInit);
}
