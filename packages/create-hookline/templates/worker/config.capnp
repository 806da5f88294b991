# workerd's config for `npm start` (after `npm run build`): dist/worker.js on 127.0.0.1:8787.
# npm start passes --socket-addr http=127.0.0.1:$PORT, so PORT picks another port.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],
  compatibilityDate = "2025-09-01",
);
