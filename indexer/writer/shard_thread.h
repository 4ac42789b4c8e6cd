// SPDX-License-Identifier: GPL-2.0-or-later
// One shard's database and the thread that writes it (the writer's
// internals; index_writer.h is the part's public face).
#pragma once

#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/error.h"

namespace archivist::writer {

// A Xapian failure as people read it: the system's word for the cause when
// there was one ("no space left on device", "file too large"), then
// Xapian's own description.
std::string Described(const Xapian::Error& e);

// One shard's database and the thread that writes it. Changes are queued
// (Post) and applied in order on the shard's own thread, so N shards are
// written on N threads while the caller goes on deciding what to write;
// reads (Read) wait until every change queued before them is applied, so
// the caller always sees its own writes. The caller is a single thread.
class ShardThread {
 public:
  using Change = std::function<void(Xapian::WritableDatabase&)>;

  // `path` names the shard's database in errors.
  ShardThread(Xapian::WritableDatabase db, std::string path)
      : db_(std::move(db)), path_(std::move(path)), thread_([this] { Loop(); }) {}

  // Applies what is still queued (unless a change failed), then stops. As
  // before threads, the database is then closed, and Xapian's close commits.
  ~ShardThread();

  ShardThread(const ShardThread&) = delete;
  ShardThread& operator=(const ShardThread&) = delete;

  // Queues `change` and returns; blocks while kMaxQueued changes or
  // kMaxQueuedBytes of their text wait, so a slow disk holds back the caller
  // rather than filling memory. `text_bytes` is what the change holds of a
  // document's text. A failure is thrown by the next Post(), Run() or
  // Wait(), so a run stops soon after its index fails rather than queueing
  // what cannot be written; later changes are dropped.
  void Post(Change change, std::size_t text_bytes = 0);

  // Post() that never throws, for a destructor or a change that refers to
  // the caller's frame; after a failure, the change is dropped like every
  // other and the failure is thrown by the next Run() or Wait().
  void PostNoThrow(Change change);

  // Waits until everything queued is applied; throws the first failure.
  void Wait();

  // Where the shard's time went, in wall-clock time: its thread applying
  // changes, and the caller waiting for it (for room in the queue, or for
  // the changes before a read or a Wait() to be applied).
  struct Times {
    std::chrono::nanoseconds busy{0};
    std::chrono::nanoseconds caller_waited{0};
  };
  Times times() {
    std::lock_guard lock(mutex_);
    return times_;
  }

  // Runs `read` on the caller's thread once everything queued is applied;
  // the shard's thread is idle meanwhile and nothing else can queue.
  template <typename Read>
  auto Run(Read read) {
    std::unique_lock lock(mutex_);
    IdleOrThrow(lock);
    try {
      return read(db_);
    } catch (const Xapian::Error& e) {
      throw Exception(ErrorCode::kUnavailable,
                      "cannot read the index at " + path_ + ": " + Described(e));
    }
  }

 private:
  // Room for the documents analysed while a commit runs (a commit of a
  // batch takes as long as analysing several dozen documents), so the
  // analysis threads go on meanwhile; bounded by text too, since an
  // analysed document takes several times its text in memory (terms,
  // positions, the stored text) and long reports would otherwise pile up.
  static constexpr std::size_t kMaxQueued = 96;
  static constexpr std::size_t kMaxQueuedBytes = 8u << 20;

  void Enqueue(std::unique_lock<std::mutex>& lock, Change change, std::size_t text_bytes);

  // The caller's wait for room in the queue, timed into times_.
  void WaitForRoom(std::unique_lock<std::mutex>& lock);

  struct Queued {
    Change change;
    std::size_t text_bytes = 0;
  };

  // The shard's first failure, an Error made on its own thread, is thrown
  // to the caller here as the Exception the IndexWriter contract promises.
  void IdleOrThrow(std::unique_lock<std::mutex>& lock);

  void Loop();

  // Every exception of a change stops here, on the shard's thread, where it
  // was raised: one escaping the thread would terminate the process (a full
  // disk once aborted the indexer, issue 17).
  void Apply(const Change& change);

  Xapian::WritableDatabase db_;  // used by the shard's thread, or by Run() while it is idle
  const std::string path_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Queued> queue_;     // guarded by mutex_
  std::size_t queued_bytes_ = 0;  // guarded by mutex_: text held by queue_
  bool busy_ = false;            // guarded by mutex_: a change is being applied
  bool stopping_ = false;        // guarded by mutex_
  std::optional<Error> failure_;  // guarded by mutex_: the first change that failed
  Times times_;                  // guarded by mutex_
  std::thread thread_;           // last: starts once everything above exists
};

}  // namespace archivist::writer
