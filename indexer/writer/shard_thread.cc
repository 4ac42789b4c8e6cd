// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/shard_thread.h"

#include <cctype>
#include <exception>

namespace archivist::writer {

// Xapian: get_error_string() is strerror(errno) of the system call that
// failed, or null.
std::string Described(const Xapian::Error& e) {
  const char* cause = e.get_error_string();
  if (!cause || !*cause) return e.get_description();
  std::string lower(cause);
  lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
  return lower + " (" + e.get_description() + ")";
}

ShardThread::~ShardThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ShardThread::Post(Change change, std::size_t text_bytes) {
  std::unique_lock lock(mutex_);
  WaitForRoom(lock);
  if (failure_) throw Exception(failure_->code, failure_->message);
  Enqueue(lock, std::move(change), text_bytes);
}

void ShardThread::PostNoThrow(Change change) {
  std::unique_lock lock(mutex_);
  WaitForRoom(lock);
  Enqueue(lock, std::move(change), 0);
}

void ShardThread::Wait() {
  std::unique_lock lock(mutex_);
  IdleOrThrow(lock);
}

void ShardThread::WaitForRoom(std::unique_lock<std::mutex>& lock) {
  const auto asked = std::chrono::steady_clock::now();
  changed_.wait(lock, [this] {
    return queue_.empty() || (queue_.size() < kMaxQueued && queued_bytes_ < kMaxQueuedBytes);
  });
  times_.caller_waited += std::chrono::steady_clock::now() - asked;
}

void ShardThread::Enqueue(std::unique_lock<std::mutex>& lock, Change change, std::size_t text_bytes) {
  queue_.push_back({std::move(change), text_bytes});
  queued_bytes_ += text_bytes;
  lock.unlock();
  changed_.notify_all();
}

void ShardThread::IdleOrThrow(std::unique_lock<std::mutex>& lock) {
  const auto asked = std::chrono::steady_clock::now();
  changed_.wait(lock, [this] { return queue_.empty() && !busy_; });
  times_.caller_waited += std::chrono::steady_clock::now() - asked;
  if (failure_) throw Exception(failure_->code, failure_->message);
}

void ShardThread::Loop() {
  while (true) {
    Change change;
    bool apply = false;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to apply
      change = std::move(queue_.front().change);
      queued_bytes_ -= queue_.front().text_bytes;
      queue_.pop_front();
      busy_ = true;
      apply = !failure_;
    }
    changed_.notify_all();  // room in the queue
    const auto started = std::chrono::steady_clock::now();
    if (apply) Apply(change);
    const auto applied = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
      times_.busy += applied - started;
    }
    changed_.notify_all();
  }
}

void ShardThread::Apply(const Change& change) {
  std::optional<Error> failure;
  try {
    change(db_);
  } catch (const Xapian::Error& e) {
    failure = Error{ErrorCode::kUnavailable,
                    "cannot write the index at " + path_ + ": " + Described(e)};
  } catch (const Exception& e) {
    failure = Error{e.code(), e.what()};
  } catch (const std::exception& e) {
    failure = Error{ErrorCode::kInternal, "cannot write the index at " + path_ + ": " + e.what()};
  }
  if (failure) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::move(failure);
  }
}

}  // namespace archivist::writer
