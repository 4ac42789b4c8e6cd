// SPDX-License-Identifier: GPL-2.0-or-later
// Computes f(0) … f(n-1) on several threads and hands the results back in
// index order, with a bounded number computed ahead of the consumer, so a
// single-threaded stage (the index writer) can follow a parallel one (reading,
// extraction, analysis) without unbounded memory.
//
// The bound is a count and, optionally, a weight (the bytes a result holds):
// while one thread computes a slow item (a 400-page report), the others go
// on with the many small items after it until either bound is reached,
// instead of idling after a few. A count alone had to be small to bound
// memory, and stalled the other threads behind every long document.
//
// An item may also be weighed while it is computed, as soon as its weight
// is known (Admission): then the bound holds for the items being computed
// too, not only for the results waiting. A result's weight is known only
// at its end, and the memory an item takes while it is computed can be
// many times its result's (the bench corpus's two R reference manuals,
// 4.4 MB of text each, took about 90 MB each while analysed side by side
// on the two threads: the indexer's peak, issue 19).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace archivist {

// What an item's computation tells the map of its weight (see
// OrderedParallelMap): Weigh(w) waits until the item fits within the
// map's bound beside the results waiting and the items already weighed,
// or until it is the item the consumer waits for, which never waits.
// Called at most once per item, on the thread computing it.
class Admission {
 public:
  virtual void Weigh(std::size_t weight) = 0;

 protected:
  ~Admission() = default;
};

template <typename T>
class OrderedParallelMap {
 public:
  // Starts `threads` workers over indexes [0, count). At most `window`
  // results are computed ahead of Next(). `f` runs on the workers, so it must
  // be safe to call concurrently for different indexes; if it throws, the
  // program terminates (callers report per-item failures inside T).
  //
  // With `weight` given, results waiting for Next() may together weigh
  // `max_weight` at most: no new item starts while they weigh more (the
  // item Next() waits for always may, so the map never stalls).
  OrderedParallelMap(std::size_t count, std::size_t threads, std::size_t window,
                     std::function<T(std::size_t)> f,
                     std::function<std::size_t(const T&)> weight = nullptr,
                     std::size_t max_weight = 0)
      : OrderedParallelMap(
            count, threads, window,
            [f = std::move(f)](std::size_t index, Admission&) { return f(index); },
            std::move(weight), max_weight) {}

  // The same, with `f` weighing its item while it computes it
  // (Admission::Weigh, at most once). Results waiting for Next() and items
  // weighed and still being computed may together weigh `max_weight` at
  // most: no new item starts while they weigh more, and an item weighed
  // waits in Weigh() until it fits, unless Next() waits for it. An item
  // that never called Weigh() weighs `weight(result)` once done (nothing
  // when `weight` is null).
  OrderedParallelMap(std::size_t count, std::size_t threads, std::size_t window,
                     std::function<T(std::size_t, Admission&)> f,
                     std::function<std::size_t(const T&)> weight, std::size_t max_weight)
      : count_(count),
        window_(window < 1 ? 1 : window),
        f_(std::move(f)),
        weight_(std::move(weight)),
        max_weight_(max_weight) {
    for (std::size_t t = 0; t < (threads < 1 ? 1 : threads); ++t) {
      workers_.emplace_back([this] { Work(); });
    }
  }

  ~OrderedParallelMap() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  OrderedParallelMap(const OrderedParallelMap&) = delete;
  OrderedParallelMap& operator=(const OrderedParallelMap&) = delete;

  // Where the map's threads waited, in wall-clock time: what tells a run's
  // stalls apart (the consumer behind one long item, or the workers held
  // back by the bounds while the consumer is slow).
  struct Waits {
    // The consumer, in Next(), for the result it asked for.
    std::chrono::nanoseconds consumer{0};
    // The workers, summed: computing f, and held back by the window or the
    // weight before starting an item (not counted: waiting once every item
    // has started) or in Admission::Weigh (counted in busy too).
    std::chrono::nanoseconds workers_busy{0};
    std::chrono::nanoseconds workers_held{0};
  };
  Waits waits() {
    std::lock_guard lock(mutex_);
    return waits_;
  }

  // The next result in index order; blocks until it is ready. Call at most
  // `count` times.
  T Next() {
    std::unique_lock lock(mutex_);
    const auto asked = std::chrono::steady_clock::now();
    changed_.wait(lock, [this] { return done_.count(consumed_) > 0; });
    waits_.consumer += std::chrono::steady_clock::now() - asked;
    auto ready = done_.find(consumed_);
    T value = std::move(ready->second.value);
    held_weight_ -= ready->second.weight;
    done_.erase(ready);
    ++consumed_;
    lock.unlock();
    changed_.notify_all();  // the window moved: a worker may start another
    return value;
  }

 private:
  void Work() {
    while (true) {
      std::size_t index;
      std::chrono::steady_clock::time_point started;
      {
        std::unique_lock lock(mutex_);
        const auto ready = std::chrono::steady_clock::now();
        // A worker stays until the map is destroyed, even with nothing left
        // to compute: f may start processes tied to the calling thread's life
        // (ExtractPool respawns extraction workers with PR_SET_PDEATHSIG,
        // which fires when the forking thread exits), and those must outlive
        // the results still being computed on other threads.
        changed_.wait(lock, [this] {
          return stopping_ ||
                 (next_ < count_ && next_ < consumed_ + window_ &&
                  (next_ == consumed_ || held_weight_ + weighed_ <= max_weight_));
        });
        if (stopping_) return;
        index = next_++;
        started = std::chrono::steady_clock::now();
        waits_.workers_held += started - ready;
      }
      ItemAdmission admission(*this, index);
      T value = f_(index, admission);
      const std::size_t weight =
          admission.weighed ? *admission.weighed : (weight_ ? weight_(value) : 0);
      {
        std::lock_guard lock(mutex_);
        waits_.workers_busy += std::chrono::steady_clock::now() - started;
        if (admission.weighed) weighed_ -= *admission.weighed;
        held_weight_ += weight;
        done_.emplace(index, Done{std::move(value), weight});
      }
      changed_.notify_all();
    }
  }

  // One item's Admission: its weight joins the bound once it fits.
  class ItemAdmission final : public Admission {
   public:
    ItemAdmission(OrderedParallelMap& map, std::size_t index) : map_(map), index_(index) {}
    void Weigh(std::size_t weight) override {
      if (weighed) return;  // once per item
      std::unique_lock lock(map_.mutex_);
      const auto asked = std::chrono::steady_clock::now();
      // The item Next() waits for never waits: every item before it is
      // done, so nothing else could free room for it. Items start in index
      // order, so that item is always started: no deadlock.
      map_.changed_.wait(lock, [&] {
        return map_.stopping_ || index_ == map_.consumed_ ||
               map_.held_weight_ + map_.weighed_ + weight <= map_.max_weight_;
      });
      map_.waits_.workers_held += std::chrono::steady_clock::now() - asked;
      map_.weighed_ += weight;
      weighed = weight;
    }
    std::optional<std::size_t> weighed;

   private:
    OrderedParallelMap& map_;
    const std::size_t index_;
  };

  const std::size_t count_;
  const std::size_t window_;
  struct Done {
    T value;
    std::size_t weight = 0;
  };

  const std::function<T(std::size_t, Admission&)> f_;
  const std::function<std::size_t(const T&)> weight_;
  const std::size_t max_weight_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t next_ = 0;      // guarded by mutex_
  std::size_t consumed_ = 0;  // guarded by mutex_
  bool stopping_ = false;     // guarded by mutex_
  std::size_t held_weight_ = 0;  // guarded by mutex_: of done_
  std::size_t weighed_ = 0;      // guarded by mutex_: of items weighed, still computed
  std::map<std::size_t, Done> done_;  // guarded by mutex_
  Waits waits_;  // guarded by mutex_
  std::vector<std::thread> workers_;  // last: started after everything above exists
};

}  // namespace archivist
