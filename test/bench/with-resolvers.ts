/**
 * `Promise.withResolvers` for Node 20 (it arrived in Node 22). PostGraphile 5.1.5 / grafast call it on every request;
 * without it every query that reaches the database fails. Loaded only into the PostGraphile benchmark process with
 * `node --require dist/test/bench/with-resolvers.js`; never part of the server.
 */
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const P = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
if (typeof P.withResolvers !== 'function') {
  P.withResolvers = <T>(): Resolvers<T> => {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    return { promise, resolve, reject };
  };
}
