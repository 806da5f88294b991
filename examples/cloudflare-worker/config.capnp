# workerd's config for `npm start`: dist/worker.js (written by build.mjs) on 127.0.0.1:8787.
# npm start passes --socket-addr http=127.0.0.1:$PORT to serve on another port.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],
  compatibilityDate = "2025-09-01",
  # The example's health route reads process.pid: nodejs_compat gives Workers a `process` global.
  compatibilityFlags = ["nodejs_compat"],
);
