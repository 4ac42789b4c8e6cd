// SPDX-License-Identifier: GPL-2.0-or-later
// How the engine reads the index while the indexer writes: reopen at the
// latest commit (or stay, when the caller says so), run, and on Xapian's
// DatabaseModifiedError reopen and repeat; Xapian's
// errors become ours here and go no further. Internal to the engine.
#pragma once

#include <chrono>
#include <thread>
#include <utility>

#include <xapian.h>

#include "core/error.h"

namespace archivist {

// Reads of the latest commit are repeated this often when the indexer
// overwrites what they read (DatabaseModifiedError).
inline constexpr int kMaxAttempts = 10;

// Runs `body` (returning a T or a Result<T>) on `db`, first reopened at the
// latest commit if `reopen_first()` says so (otherwise at the revision it
// reads), and again at the latest commit after a DatabaseError such as
// DatabaseModifiedError (a few times), with Xapian's errors turned into
// ours: kInvalidArgument for a query that cannot be parsed, kUnavailable
// when the index keeps changing, can no longer be opened (deleted,
// emptied) or read (a damaged table, a remote shard out of reach),
// kNotFound for a missing document, kInternal for the rest.
template <typename T, typename ReopenFirst, typename F>
Result<T> Guarded(Xapian::Database& db, ReopenFirst&& reopen_first, F&& body) {
  try {
    // Xapian: on DatabaseModifiedError, reopen and repeat. An indexer that
    // commits every few milliseconds can overwrite the revision a search
    // reads more than once, and reopen() itself can meet a revision being
    // replaced, so reopening is inside the loop and later tries wait a
    // little for the commit to finish. A reader that stayed at an older
    // revision meets the same error once the writer has committed twice
    // since: it then moves to the latest like any other.
    for (int attempt = 1;; ++attempt) {
      try {
        if (attempt > 1 || reopen_first()) db.reopen();  // cheap when unchanged
        return body();
      } catch (const Xapian::DatabaseError&) {
        // DatabaseModifiedError, and also what a read can meet while a
        // commit replaces the files it reads (an opening error, a block
        // read short): only an error that outlasts the retries means the
        // index is gone or damaged.
        if (attempt == kMaxAttempts) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt - 1));
      }
    }
  } catch (const Xapian::QueryParserError& e) {
    return Error{ErrorCode::kInvalidArgument, "q: cannot parse query: " + e.get_msg()};
  } catch (const Exception& e) {
    return Error{e.code(), e.what()};  // a limit of ours (too many wildcards)
  } catch (const Xapian::DatabaseModifiedError& e) {
    return Error{ErrorCode::kUnavailable, "index changing: " + e.get_msg()};
  } catch (const Xapian::DocNotFoundError& e) {
    return Error{ErrorCode::kNotFound, e.get_msg()};
  } catch (const Xapian::DatabaseOpeningError& e) {
    // The index was deleted or emptied under us (DatabaseNotFoundError is
    // one of these): like an index not built yet, unavailable until one is.
    return Error{ErrorCode::kUnavailable, "index not available: " + e.get_description()};
  } catch (const Xapian::DatabaseError& e) {
    // A table cut short or damaged under us (DatabaseCorruptError, or "Error
    // reading block N: got end of file"): the index, not the request, is at
    // fault, and a good index may be put back at any time.
    return Error{ErrorCode::kUnavailable, "index damaged: " + e.get_description()};
  } catch (const Xapian::NetworkError& e) {
    return Error{ErrorCode::kUnavailable, "a remote shard cannot be read: " + e.get_description()};
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, e.get_description()};
  }
}

// Guarded on `db` reopened at the latest commit first, always.
template <typename T, typename F>
Result<T> GuardedAtLatest(Xapian::Database& db, F&& body) {
  return Guarded<T>(
      db, [] { return true; }, std::forward<F>(body));
}

}  // namespace archivist
