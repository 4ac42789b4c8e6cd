// SPDX-License-Identifier: GPL-2.0-or-later
// archivist-searchd: flags in, RunServer() out.
#include <chrono>

#include <CLI/CLI.hpp>

#include "core/error.h"
#include "core/log.h"
#include "searchd/server.h"

int main(int argc, char** argv) {
  CLI::App app{"archivist-searchd: the search API and web UI over an Archivist index"};
  archivist::searchd::ServerConfig config;
  std::string listen = "127.0.0.1:8080";
  app.add_option("--db", config.index_path, "index directory or stub file")->capture_default_str();
  app.add_option("--listen", listen, "address to listen on, HOST:PORT (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--webui", config.webui_dir, "folder of the static web UI")->capture_default_str();
  app.add_option("--threads", config.threads, "worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--max-connections-per-client", config.max_connections_per_client,
                 "connections open at once from one client address; more get 429 (0: no cap)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  app.add_flag(
      "--limit-loopback", config.limit_loopback,
      "apply the per-client limits to loopback clients too (by default they are exempt: "
      "on the loopback, as behind a reverse proxy, an address does not tell clients apart)");
  int deadline_ms = static_cast<int>(config.request_deadline.count());
  app.add_option("--request-deadline-ms", deadline_ms,
                 "a request must arrive whole (head and body) within this long, or gets 408")
      ->capture_default_str()
      ->check(CLI::Range(100, 600000));
  app.add_option("--max-slow-streams", config.max_slow_streams,
                 "answers of clients reading slowly (an export, an original file) that are "
                 "finished without holding a worker, at once in all; past it a worker writes the "
                 "answer itself (0: always)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  app.add_option("--max-slow-streams-per-client", config.max_slow_streams_per_client,
                 "the same, per client address (0: no cap; loopback clients are exempt unless "
                 "--limit-loopback)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  int answer_deadline_s = static_cast<int>(config.answer_deadline.count());
  app.add_option("--answer-deadline-s", answer_deadline_s,
                 "an answer finished without its worker and not read whole within this long of "
                 "its start is cut")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  app.add_option("--max-spill-mib", config.max_spill_mib,
                 "the most the answers of slow readers finished without their worker may keep on "
                 "disk together, in MiB (unnamed files in $TMPDIR); an answer that would pass it "
                 "is cut and logged (0: no cap)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1 << 24));
  app.add_option("--max-exports", config.max_exports,
                 "exports (/api/export) made at once; more get 503 with Retry-After (0: no cap)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  app.add_option("--token-file", config.token_file,
                 "file holding the access token (its first line, 16 characters or more): the API "
                 "and original files then need 'Authorization: Bearer TOKEN' (the web UI asks for "
                 "it); needed to listen off the loopback unless --public");
  app.add_flag("--public", config.is_public,
               "the archive is meant to be public: listen off the loopback without a token");
  app.add_option("--rate-limit", config.rate_limit,
                 "API requests a second per client address; more get 429 with Retry-After "
                 "(0: no limit; loopback clients are exempt unless --limit-loopback)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  app.add_option("--rate-burst", config.rate_burst,
                 "API requests a client may make at once after a quiet spell")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 1e6));
  int budget_ms = static_cast<int>(config.search_budget.count());
  app.add_option("--search-budget-ms", budget_ms,
                 "how long the matching of one search may take in all; a search that runs out "
                 "gets 400 naming the budget instead of a partial answer")
      ->capture_default_str()
      ->check(CLI::Range(1, 600000));
  app.add_option("--cache-answers", config.cached_answers, "search answers kept (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  int stale_ms = static_cast<int>(config.stale_answers_for.count());
  app.add_option("--stale-answers-ms", stale_ms,
                 "after the indexer commits, how long answers from before the commit may still be "
                 "served: cached ones while they are recomputed in the background, and searches "
                 "(for up to a second) while the commit's facet counts are prepared (0: never)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  app.add_option("--refresh-threads", config.refresh_threads,
                 "threads recomputing stale cached answers in the background")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  CLI11_PARSE(app, argc, argv);
  config.stale_answers_for = std::chrono::milliseconds(stale_ms);
  config.request_deadline = std::chrono::milliseconds(deadline_ms);
  config.answer_deadline = std::chrono::seconds(answer_deadline_s);
  config.search_budget = std::chrono::milliseconds(budget_ms);

  auto configured = archivist::searchd::WithListenAddress(config, listen);
  if (!configured.ok()) {
    archivist::LogError("searchd", "bad configuration", {{"error", configured.error().message}});
    return 2;
  }
  try {
    return archivist::searchd::RunServer(configured.value());
  } catch (const archivist::Exception& e) {
    archivist::LogError("searchd", "cannot start", {{"error", e.what()}});
    return 1;
  }
}
