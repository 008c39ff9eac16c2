// Stands in for `server-only` under Vitest: tests run server code in Node, not in a client bundle.
export {};
