// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/watch/watcher.h"

#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <unordered_map>

#include "core/error.h"
#include "core/log.h"

namespace archivist::watch {
namespace {

// What makes an index out of date: content written, files appearing,
// disappearing or moving, and folders doing the same.
constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                             IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB;

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

}  // namespace

struct TreeWatcher::State {
  int inotify_fd = -1;
  int signal_fd = -1;
  std::unordered_map<int, std::filesystem::path> folders;  // by watch descriptor

  void AddTree(const std::filesystem::path& folder) {
    AddOne(folder);
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) AddOne(it->path());
    }
  }

  void AddOne(const std::filesystem::path& folder) {
    const int wd = inotify_add_watch(inotify_fd, folder.c_str(), kEvents | IN_ONLYDIR);
    if (wd >= 0) {
      folders[wd] = folder;
    } else {
      // Out of watches (fs.inotify.max_user_watches) or a vanished folder:
      // say so, keep watching the rest.
      LogWarning("watch", "cannot watch folder",
                 {{"path", folder.string()}, {"error", std::strerror(errno)}});
    }
  }

  // Reads pending events; starts watching folders that were created.
  void Drain() {
    alignas(inotify_event) char buffer[64 * 1024];
    while (true) {
      const ssize_t n = read(inotify_fd, buffer, sizeof buffer);
      if (n <= 0) return;
      for (char* p = buffer; p < buffer + n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(p);
        p += sizeof(inotify_event) + event->len;
        const bool new_folder = (event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO));
        if (new_folder && event->len > 0 && folders.count(event->wd)) {
          // A folder made (or moved in) after the watch started: watch it and
          // whatever was created inside it before the watch took hold.
          AddTree(folders[event->wd] / event->name);
        }
      }
    }
  }
};

TreeWatcher::TreeWatcher(const std::vector<std::filesystem::path>& roots)
    : state_(std::make_unique<State>()) {
  state_->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (state_->inotify_fd < 0) {
    throw Exception(ErrorCode::kUnavailable, std::string("inotify: ") + std::strerror(errno));
  }
  const sigset_t signals = StopSignals();
  state_->signal_fd = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
  for (const auto& root : roots) state_->AddTree(root);
}

TreeWatcher::~TreeWatcher() {
  if (state_->inotify_fd >= 0) close(state_->inotify_fd);
  if (state_->signal_fd >= 0) close(state_->signal_fd);
}

WaitResult TreeWatcher::WaitForChange(std::chrono::milliseconds quiet) {
  pollfd fds[2] = {{state_->inotify_fd, POLLIN, 0}, {state_->signal_fd, POLLIN, 0}};
  bool changed = false;
  while (true) {
    // Until the first change, wait indefinitely; after it, until `quiet`
    // passes with no further event.
    const int timeout = changed ? static_cast<int>(quiet.count()) : -1;
    const int ready = poll(fds, 2, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (fds[1].revents & POLLIN) return WaitResult::kStopped;
    if (ready == 0) return WaitResult::kChanged;
    if (fds[0].revents & POLLIN) {
      state_->Drain();
      changed = true;
    }
  }
}

void BlockStopSignals() {
  const sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

}  // namespace archivist::watch
